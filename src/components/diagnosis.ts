/**
 * A configuration mistake that retrying cannot fix (the gateway or the definition refused by CORS or
 * by the page's CSP, a wrong address, a refusal without reason, a part of ozg-form that cannot be
 * loaded): what the person should do, in plain words, and for the editor what is wrong and how to
 * fix it, in the "Für die Redaktion" box and once in the console. The texts about ozg-form's own code
 * are in the entry bundle (a chunk that failed cannot explain itself); those about a definition the
 * page may not load come in the editor-notes chunk (`loadEditorNotes`: the bundle host works, or the
 * form would not be there; also a definition that is not where `src` says), those about the gateway
 * with the sending and payment code
 * (submission/gateway-diagnosis.ts).
 */
import { html } from 'lit';
import { translator } from '../modules/i18n/ui-texts.js';
import type { Failure } from '../modules/retry.js';
import type { Lang } from '../schemas/types.js';

/** Where the guide for putting a form on a website lives (in the ozg-form package). */
export const EMBEDDING_GUIDE = 'docs/embedding.md';

const texts = {
  de: {
    editor: 'Für die Redaktion:',
    guide: 'Anleitung: {guide} im Paket ozg-form.',
    load: 'Bitte versuchen Sie es später noch einmal oder wenden Sie sich telefonisch an die zuständige Stelle.',
    part: 'Ein Teil des Formulars konnte nicht geladen werden. Ihre Angaben bleiben in diesem Browser gespeichert. Bitte laden Sie die Seite später neu oder rufen Sie die zuständige Stelle an.',
    chunk:
      'Ein Programmteil von ozg-form ({url}) konnte nicht geladen werden. Der Server, der ozg-form ausliefert, muss Access-Control-Allow-Origin senden (Skripte mit type="module" und ihre nachgeladenen Teile werden mit CORS geladen), und alle Dateien aus dist/ müssen dort liegen.',
  },
  en: {
    editor: 'For the editors:',
    guide: 'Guide: {guide} in the ozg-form package.',
    load: 'Please try again later or call the authority responsible.',
    part: 'A part of the form could not be loaded. Your answers are kept in this browser. Please reload the page later or call the authority responsible.',
    chunk:
      'A part of ozg-form ({url}) could not be loaded. The server that delivers ozg-form must send Access-Control-Allow-Origin (scripts with type="module" and the parts they load later are fetched with CORS), and every file of dist/ must be there.',
  },
};

const words = translator(texts);

/** What the person is doing when it happens: it decides what they are told to do. */
export type Situation = 'load' | 'send' | 'pay' | 'pay-optional';

/** A failure retrying cannot fix, with what it concerns. */
export interface Diagnosis {
  failure: Failure;
  /** What was asked: the gateway, the definition (`src`) or a part of ozg-form's own code. */
  subject: 'gateway' | 'definition' | 'chunk';
}

/**
 * The diagnosis of a failure that is a configuration mistake, or undefined (then the caller words it
 * as before: a gateway refusal with a code, a network failure that is still retried, …).
 */
export function diagnose(failure: Failure, subject: Diagnosis['subject'], code?: unknown): Diagnosis | undefined {
  if (failure.cause === 'chunk') return { failure, subject: 'chunk' };
  if (failure.transient || code !== undefined) return undefined;
  const mistakes =
    subject === 'definition'
      ? ['cors', 'csp', 'not-found']
      : ['cors', 'csp', 'not-found', 'unauthorized', 'bad-response'];
  return mistakes.includes(failure.cause) ? { failure, subject } : undefined;
}

/** A part of ozg-form's own code that did not load from `url` (undefined: the browser did not say). */
export const chunkDiagnosis = (url: string | undefined): Diagnosis => ({
  failure: { transient: false, cause: 'chunk', url },
  subject: 'chunk',
});

/** The URL, the page's origin, the status and the URL's origin, for the texts. */
export function textParams(failure: Failure) {
  const url = failure.url ?? '?';
  let target = url;
  try {
    target = new URL(url).origin;
  } catch {
    /* keep the URL as it is */
  }
  return { url, origin: typeof location === 'undefined' ? '?' : location.origin, status: failure.status ?? 0, target };
}

let notes: typeof import('./fields/editor-notes.js') | undefined;

/** Loads the editor's words for a definition the page may not load (a page set up right never needs
 * them). Settles either way: without them `editorText` names the cause and the address. */
export const loadEditorNotes = (): Promise<unknown> =>
  import('./fields/editor-notes.js').then(
    (m) => (notes = m),
    () => undefined,
  );

/** What is wrong with loading and how to fix it, for the editor (gateway mistakes: gateway-diagnosis.ts;
 * a definition's: after `loadEditorNotes`). */
export function editorText(lang: Lang, d: Diagnosis): string {
  const params = textParams(d.failure);
  if (d.subject === 'chunk') return words(lang, 'chunk', params);
  return notes?.definitionNote(lang, d.failure.cause, params) ?? `${d.failure.cause}: ${params.url}`;
}

/** What the person can do when the form cannot be shown (or a part of it did not arrive later). */
export function citizenText(lang: Lang, d: Diagnosis | undefined, situation: Situation): string {
  return words(lang, d?.subject === 'chunk' && situation !== 'load' ? 'part' : 'load');
}

const reported = new Set<string>();

/** Tells the editor in the console (the English text, once per mistake and page), with the guide. */
export function reportToEditor(message: string): void {
  if (reported.has(message)) return;
  reported.add(message);
  console.error(`ozg-form: ${message} See ${EMBEDDING_GUIDE}.`);
}

/** The "Für die Redaktion" box: what is misconfigured and how to fix it. */
export function renderEditorNote(lang: Lang, text: string) {
  return html`<div class="editor-note" part="editor-note">
    <p><strong>${words(lang, 'editor')}</strong> ${text}</p>
    <p>${words(lang, 'guide', { guide: EMBEDDING_GUIDE })}</p>
  </div>`;
}
