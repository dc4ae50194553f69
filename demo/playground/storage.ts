/**
 * What the playground keeps in this browser: the draft, an earlier draft that a demo form opened with
 * ?form= would otherwise have replaced (localStorage), and the language for this tab (sessionStorage,
 * with the key demo/site.js uses for a form's language: the preview is <ozg-form id="preview-form">).
 * Storage can be blocked; then nothing is kept and nothing fails.
 */
import type { Lang } from './texts.js';

const DRAFT_KEY = 'ozg-form-playground:draft';
const PREVIOUS_KEY = 'ozg-form-playground:previous-draft';
const langKey = () => `musterstadt-lang:${location.pathname}#preview-form`;

function get(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function set(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // storage blocked: kept until the page is left
  }
}

const local = () => localStorage;
const session = () => sessionStorage;

export const draft = {
  get: () => get(local, DRAFT_KEY),
  set: (text: string) => set(local, DRAFT_KEY, text),
};

/** The earlier draft kept aside; null when there is none. */
export const previousDraft = {
  get: () => get(local, PREVIOUS_KEY),
  set: (text: string | null) => set(local, PREVIOUS_KEY, text),
};

export const chosenLang = {
  get: (): Lang | null => {
    const value = get(session, langKey());
    return value === 'de' || value === 'en' ? value : null;
  },
  set: (lang: Lang) => set(session, langKey(), lang),
};
