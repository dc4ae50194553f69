import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { formatDate, t } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';
import { LocalDraftStore, type DraftStore } from '../../modules/drafts/draft-store.js';
import { forgetRecords } from '../../modules/storage/records.js';
import { hasFileQuestion } from '../../schemas/model.js';
import { sameAnswers } from '../../schemas/data.js';
import type { FormStore } from '../../schemas/store.js';

const SAVE_DELAY = 300;

interface DraftHost extends ReactiveControllerHost {
  /** Index of the step on display, kept with the answers. */
  readonly step: number;
}

/**
 * Keeps a form's answers as a draft in the browser (Principle 1: nothing lost): written 300 ms after
 * the last change and at once when the page is hidden or left (reload, login or payment redirect,
 * tab closed), restored when the same form is opened again.
 */
/** The restore notice's "start again": asked in place, then confirmed or cancelled. */
export interface DiscardView {
  asking: boolean;
  ask: () => void;
  cancel: () => void;
  confirm: () => void;
}

export class DraftController implements ReactiveController {
  /** Where drafts are kept; replace before the form loads to keep them elsewhere. */
  storage: DraftStore = new LocalDraftStore();
  /** When the restored draft was saved; undefined when nothing was restored. */
  restoredAt?: Date;
  /** The id of this application, kept with the draft (see Draft.applicationId). */
  applicationId: string = crypto.randomUUID();

  private store?: FormStore;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: DraftHost) {
    host.addController(this);
  }

  private readonly onHide = (event: Event): void => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') this.flush();
  };

  hostConnected(): void {
    window.addEventListener('pagehide', this.onHide);
    document.addEventListener('visibilitychange', this.onHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.onHide);
    document.removeEventListener('visibilitychange', this.onHide);
    this.flush();
  }

  /** Loads the draft of the store's form into it; returns the step to show, or undefined. */
  restore(store: FormStore, restore: boolean): number | undefined {
    this.store = store;
    this.restoredAt = undefined;
    this.applicationId = crypto.randomUUID();
    if (!restore) return undefined;
    const draft = this.storage.load(store.model.id);
    if (draft?.applicationId) this.applicationId = draft.applicationId;
    // A draft of the untouched form (written on the way to a login, say) has nothing to restore, and
    // "Wir haben Ihre … Angaben wiederhergestellt" would claim answers nobody gave.
    if (!draft || (draft.step === 0 && (Object.keys(draft.data).length === 0 || sameAnswers(draft.data, store.data))))
      return undefined;
    store.replaceData(draft.data);
    this.restoredAt = new Date(draft.savedAt);
    this.host.requestUpdate();
    return Math.min(Math.max(draft.step, 0), store.model.steps.length);
  }

  /** Something changed: keep it soon. */
  schedule(): void {
    if (!this.store) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY);
  }

  /** Writes a pending change now. */
  flush(): void {
    if (this.timer === undefined) return;
    this.save();
  }

  /** A new application id (the last one was used by a submission the gateway refused). */
  renewApplicationId(): void {
    this.applicationId = crypto.randomUUID();
    this.save();
  }

  /** Writes the draft now, changed or not (before leaving for a login: the application id must stay). */
  save(): void {
    if (!this.store) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.storage.save(this.store.model.id, {
      data: this.store.data,
      step: this.host.step,
      applicationId: this.applicationId,
    });
  }

  /** Forgets the draft and its files; nothing is kept until the person answers again, and that is
   * a new application (a new id). Resolves once the files are gone too. */
  discard(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.restoredAt = undefined;
    this.applicationId = crypto.randomUUID();
    this.host.requestUpdate();
    const store = this.store;
    if (!store) return Promise.resolve();
    this.storage.remove(store.model.id);
    // The chosen files of file questions go with the draft; only forms with file questions load the
    // code that keeps them.
    if (!hasFileQuestion(store.model.root)) return Promise.resolve();
    return import('../../modules/uploads/upload-store.js').then(({ fileStore }) =>
      fileStore().removeAll(store.model.id),
    );
  }

  /** "Daten auf diesem Gerät löschen": the draft, its files and every record this form keeps here. */
  forgetDevice(): Promise<void> {
    if (this.store) forgetRecords(this.store.model.id);
    return this.discard();
  }

  /** "Ihre Angaben vom … wurden wiederhergestellt" with a button to start afresh, which asks first
   * (WCAG 3.3.4: nothing is deleted on one press); nothing when no draft was restored. */
  renderNotice(lang: Lang, view: DiscardView) {
    if (!this.restoredAt) return undefined;
    if (view.asking) {
      return html`<div class="notice" part="draft-notice" role="group" aria-labelledby="draft-discard-question">
        <p id="draft-discard-question" tabindex="-1">${t(lang, 'draftDiscardQuestion')}</p>
        <div class="actions">
          <button type="button" class="primary" part="button button-primary" @click=${view.confirm}>
            ${t(lang, 'draftDiscardConfirm')}
          </button>
          <button type="button" class="secondary" part="button" @click=${view.cancel}>
            ${t(lang, 'draftDiscardCancel')}
          </button>
        </div>
      </div>`;
    }
    return html`<div class="notice" part="draft-notice">
      <p>${t(lang, 'draftRestored', { date: formatDate(lang, this.restoredAt, 'long') })}</p>
      <button type="button" class="link" part="button" id="draft-discard-open" @click=${view.ask}>
        ${t(lang, 'draftDiscard')}
      </button>
    </div>`;
  }
}
