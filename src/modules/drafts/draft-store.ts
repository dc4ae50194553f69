/**
 * Drafts: the answers of a form kept in the browser, so a reload, a closed tab or a login or payment
 * redirect loses nothing. Behind a small interface so a deployment can keep drafts elsewhere.
 */
import { readJson, removeKey, storageKeys, writeJson } from '../storage/local.js';

export interface Draft {
  /** Format version of the stored draft. */
  v: 1;
  savedAt: string;
  data: Record<string, unknown>;
  /** Index of the step the person was on; -1 for the review page. */
  step: number;
  /** One id per application, made with the draft: the submission's idempotency key and the login's
   * nonce are derived from it, so the login and the application belong together. */
  applicationId?: string;
  /** How many days it is kept (its page's `draft-days` when saved), for the pages of other forms. */
  days?: number;
}

export interface DraftStore {
  load(formId: string): Draft | undefined;
  save(formId: string, draft: Omit<Draft, 'v' | 'savedAt'>): void;
  remove(formId: string): void;
  /** How many days it keeps a draft after the last change (LocalDraftStore: the page's draft-days);
   * the form's records keep the same days. */
  readonly days?: number;
}

export const DRAFT_PREFIX = 'ozg-form:draft:';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Drafts older than this are forgotten (a shared computer in a Bürgerbüro keeps nothing for long). */
export const DEFAULT_DRAFT_DAYS = 3;

/** Whether something saved at `savedAt` (ISO) is older than `days` days (or undated). */
export function expired(savedAt: string | undefined, days: number, now = Date.now()): boolean {
  const at = savedAt ? Date.parse(savedAt) : NaN;
  return !Number.isFinite(at) || now - at > days * DAY_MS;
}

/** Keeps drafts in `localStorage` (survives closing the tab) for `days` days after the last change.
 * Storage errors (private mode, quota) are swallowed: the form keeps working, only the draft is not kept. */
export class LocalDraftStore implements DraftStore {
  constructor(public days: number = DEFAULT_DRAFT_DAYS) {}

  load(formId: string): Draft | undefined {
    const draft = readJson<Draft>(DRAFT_PREFIX + formId);
    if (draft?.v !== 1 || typeof draft.data !== 'object' || draft.data === null) return undefined;
    if (expired(draft.savedAt, this.days)) {
      this.remove(formId);
      return undefined;
    }
    return draft;
  }

  save(formId: string, draft: Omit<Draft, 'v' | 'savedAt'>): void {
    const stored: Draft = { v: 1, savedAt: new Date().toISOString(), days: this.days, ...draft };
    writeJson(DRAFT_PREFIX + formId, stored);
  }

  remove(formId: string): void {
    removeKey(DRAFT_PREFIX + formId);
  }
}

/**
 * Removes what any form keeps on this origin past its own days: drafts, and the submission and payment
 * records (storage/records.ts; the case secret, a payment left open). Each used to go only when its own
 * form was opened again, so on a shared computer (Bürgerbüro) an earlier person's answers and case
 * secret for another form stayed. What was kept without its days (before they were kept) is left to its
 * form.
 */
export function sweepExpired(): void {
  for (const key of storageKeys('ozg-form:')) {
    // (A record written since they keep their days also has its savedAt.)
    const kept = readJson<{ days?: number; savedAt?: string }>(key);
    if (kept?.days && expired(kept.savedAt, kept.days)) removeKey(key);
  }
}
