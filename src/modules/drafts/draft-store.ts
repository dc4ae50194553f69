/**
 * Drafts: the answers of a form kept in the browser, so a reload, a closed tab or a login or payment
 * redirect loses nothing. Behind a small interface so a deployment can keep drafts elsewhere.
 */
export interface Draft {
  /** Format version of the stored draft. */
  v: 1;
  savedAt: string;
  data: Record<string, unknown>;
  /** Index of the step the person was on; -1 for the review page. */
  step: number;
}

export interface DraftStore {
  load(formId: string): Draft | undefined;
  save(formId: string, draft: Omit<Draft, 'v' | 'savedAt'>): void;
  remove(formId: string): void;
}

const PREFIX = 'ozg-form:draft:';

/** Keeps drafts in `localStorage` (survives closing the tab). Storage errors (private mode, quota)
 * are swallowed: the form keeps working, only the draft is not kept. */
export class LocalDraftStore implements DraftStore {
  constructor(private readonly storage: Storage | undefined = globalThis.localStorage) {}

  load(formId: string): Draft | undefined {
    try {
      const raw = this.storage?.getItem(PREFIX + formId);
      if (!raw) return undefined;
      const draft = JSON.parse(raw) as Draft;
      if (draft?.v !== 1 || typeof draft.data !== 'object' || draft.data === null) return undefined;
      return draft;
    } catch {
      return undefined;
    }
  }

  save(formId: string, draft: Omit<Draft, 'v' | 'savedAt'>): void {
    try {
      const stored: Draft = { v: 1, savedAt: new Date().toISOString(), ...draft };
      this.storage?.setItem(PREFIX + formId, JSON.stringify(stored));
    } catch {
      /* quota exceeded or storage disabled: nothing to do */
    }
  }

  remove(formId: string): void {
    try {
      this.storage?.removeItem(PREFIX + formId);
    } catch {
      /* storage disabled */
    }
  }
}
