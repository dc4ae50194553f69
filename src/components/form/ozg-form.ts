import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { DraftStore } from '../../modules/drafts/draft-store.js';
import { resolveLang, t } from '../../modules/i18n/ui-texts.js';
import { tokens, type Answers } from '../../schemas/data.js';
import { buildModel } from '../../schemas/model.js';
import { FormStore, type FieldError } from '../../schemas/store.js';
import { text } from '../../schemas/texts.js';
import type { JsonSchema, Lang, StepModel } from '../../schemas/types.js';
import { emit } from '../events.js';
import type { FormHost } from '../fields/view.js';
import { formContext } from './context.js';
import { BuildingBlocks } from './building-blocks.js';
import {
  connectValidation, describeFailure, explainFailure, hasIfConditions, loadValidation, readDefinition, renderLoadProblem,
  type LoadProblem,
} from './loading.js';
import { DraftController } from './draft-controller.js';
import { defineElement } from '../define.js';
import type { OzgSubmissionDetail } from '../events.js';
import type { SubmissionRequest } from '../submission/ozg-submission.js';
import { paymentRecords, submissionRecords } from '../../modules/storage/records.js';
import type { PaidApplication } from './payment-controller.js';
import { renderDeviceData } from './device-data.js';
import { DEFAULT_DRAFT_DAYS, LocalDraftStore } from '../../modules/drafts/draft-store.js';
import { styles } from './ozg-form.styles.js';
import { focusQuestion, renderReviewPage, renderStepPage, type PageView } from './step-view.js';
import { renderStepIndicator } from './step-indicator.js';

/** The phases of one application's journey in `<ozg-form>`. */
export type Phase = 'loading' | 'error' | 'filling' | 'review' | 'paying' | 'sending' | 'sent';

type Status =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready' }
  | ({ kind: 'error' } & LoadProblem);


/**
 * An online application form rendered from a JSON Schema definition.
 *
 * @summary Accessible multi-step application form (OZG) from a JSON Schema definition.
 *
 * @attr src - URL of the form definition (JSON Schema 2020-12 or draft-07 with `x-ozg` annotations).
 * @attr lang - `de` or `en`; default: the nearest `lang` of the page, else German.
 * @attr gateway - Base URL of the gateway API (e.g. `/gateway/v1`). When set, a confirmed form is sent
 *   end-to-end encrypted (FIT-Connect) and a receipt replaces it; without it only `ozg-submit` fires.
 * @attr mailbox - Page of `<ozg-mailbox>` the receipt links to (default `postfach.html`).
 * @attr account - URL of the user-account configuration (default `/account/config.json`); used only by
 *   definitions with `x-ozg.account` (login with a Nutzerkonto and prefill).
 * @attr draft-days - Days a draft and the kept case secret stay on this device after the last change (default 3).
 * @prop schema - The definition as an object (instead of `src`).
 * @prop data - Initial answers; reading it returns the answers of the questions shown.
 *
 * @event ozg-change - An answer changed. `detail: { pointer, value }`.
 * @event ozg-step - Another step (or the review page) is shown. `detail: { index, id, title, steps }`.
 * @event ozg-submit - The person confirmed the review page. `detail: { data }`, validated. Cancel it
 *   (`preventDefault()`) to send the answers yourself instead of through `gateway`.
 * @event ozg-error - The definition could not be loaded or is invalid. `detail: { message, problems }`.
 * @event ozg-ready - The form is rendered and usable. `detail: { steps }`.
 *
 * @csspart form - The form element of a step.
 * @csspart title - The form's title.
 * @csspart progress - The step indicator.
 * @csspart field - One question.
 * @csspart label - Its label or legend.
 * @csspart hint - Its hint.
 * @csspart error - Its error message.
 * @csspart input - Its control.
 * @csspart help - Its help text.
 * @csspart group - A group of questions.
 * @csspart item - One entry of a repeatable group.
 * @csspart button - Every button.
 * @csspart button-primary - "Weiter" and "Bestätigen".
 * @csspart error-summary - The list of problems at the top of a step.
 * @csspart review - The review page.
 * @csspart submission - The view while sending.
 * @csspart receipt - The acknowledgement of receipt.
 * @csspart fees - The fee lines and the total (review page, payment step; forms with `x-ozg.fees`).
 * @csspart payment - The payment step between confirming and sending (XBezahldienste via `gateway`).
 * @csspart legend - The legend of a group of choices.
 * @csspart change-link - "Ändern" of a step on the review page.
 * @csspart confirmation - The note after confirming when no `gateway` sends the answers.
 * @csspart load-error - The message when the definition cannot be loaded.
 * @csspart draft-notice - "Angaben wiederhergestellt" with the button to start afresh.
 * @csspart device-data - "Daten auf diesem Gerät löschen" and its confirmation.
 * @csspart account - The login bar (forms with `x-ozg.account`).
 * @csspart account-error - A login problem.
 * @csspart drop-zone - Where files are dropped (file questions).
 * @csspart file-list - The chosen files of a file question.
 * @csspart upload-progress - Progress of the file uploads while sending.
 *
 * @cssproperty --ozg-color-primary - Buttons, links and the progress bar (default #0b4f8a).
 * @cssproperty --ozg-color-primary-contrast - Text on primary (default #fff).
 * @cssproperty --ozg-color-text - Text (default #1b1b1b).
 * @cssproperty --ozg-color-muted - Hints (default #4a4a4a).
 * @cssproperty --ozg-color-border - Borders of controls (default #6f6f6f).
 * @cssproperty --ozg-color-error - Errors (default #b3001b).
 * @cssproperty --ozg-color-focus - Focus ring (default #0f5fc2).
 * @cssproperty --ozg-color-surface - Background of panels (default #f3f5f8).
 * @cssproperty --ozg-font-family - Font (default: inherited from the page).
 * @cssproperty --ozg-radius - Corner radius (default 4px).
 * @cssproperty --ozg-max-width - Maximum width of the form (default 48rem).
 */
export class OzgForm extends LitElement implements FormHost {
  static override styles = styles;

  static override properties = {
    src: { type: String },
    schema: { attribute: false },
    language: { type: String, attribute: 'lang' },
    gateway: { type: String },
    mailbox: { type: String },
    account: { type: String },
    draftDays: { type: Number, attribute: 'draft-days' },
    status: { state: true },
    askingForget: { state: true },
    step: { state: true },
    summary: { state: true },
    returnToReview: { state: true },
    confirmed: { state: true },
    liveMessage: { state: true },
    sending: { state: true },
  };

  declare src?: string;
  declare schema?: JsonSchema;
  declare language?: string;
  /** Base URL of the gateway API; without it nothing is sent (only `ozg-submit` fires). */
  declare gateway?: string;
  /** Page of <ozg-mailbox> the receipt's capability link points to; default 'postfach.html'. */
  declare mailbox?: string;
  /** URL of the user-account configuration (GET, `{issuer, clientId, scopes, claimMap}`). */
  declare account?: string;
  /** Days a draft (and the kept case secret) stays on this device after the last change; default 3. */
  declare draftDays?: number;
  declare status: Status;
  declare askingForget: boolean;
  /** Index of the step shown; `steps.length` is the review page. */
  declare step: number;
  declare summary: FieldError[];
  declare returnToReview: boolean;
  declare confirmed: boolean;
  declare liveMessage: string;
  /** Sending or sent: `<ozg-submission>` replaces the questions. */
  declare sending?: SubmissionRequest & { sent?: boolean };

  private readonly drafts = new DraftController(this);

  /** Where drafts are kept; replace before `src`/`schema` is set to keep them elsewhere. */
  get draftStore(): DraftStore {
    return this.drafts.storage;
  }

  set draftStore(storage: DraftStore) {
    this.drafts.storage = storage;
  }

  private store?: FormStore;
  private initialData?: Answers;
  private loadToken = 0;
  private pendingFocus?: string;
  private offVisible?: () => void;
  private validationReady?: Promise<void>;
  private readonly provider = new ContextProvider(this, { context: formContext });

  constructor() {
    super();
    this.status = { kind: 'idle' };
    this.step = 0;
    this.summary = [];
    this.returnToReview = false;
    this.confirmed = false;
    this.liveMessage = '';
    this.askingForget = false;
    this.blocks = new BuildingBlocks(this, {
      store: () => this.store,
      lang: () => this.effectiveLang,
      drafts: this.drafts,
      backToReview: () => this.goTo(this.steps.length),
      send: (application) => void this.send(application),
    });
    this.addEventListener('ozg-submission', (event) => this.submissionEnded(event.detail));
  }

  /** Login and payment: loaded when the form or the person needs them. */
  private readonly blocks: BuildingBlocks;

  /** The journey's phase: what the person sees now. */
  get phase(): Phase {
    if (this.status.kind === 'error') return 'error';
    if (this.status.kind !== 'ready' || !this.store) return 'loading';
    if (this.sending) return this.sending.sent ? 'sent' : 'sending';
    if (this.blocks.payment?.phase.kind === 'step') return 'paying';
    return this.step >= this.steps.length ? 'review' : 'filling';
  }

  /** Resolves once the validators are loaded and the definition has passed its check (rejects if
   * it failed). A form is usable before: this is for pages and tests that validate programmatically. */
  whenValidating(): Promise<void> {
    return this.validationReady ?? Promise.reject(new Error('ozg-form: no definition loaded'));
  }

  /** The answers of the questions shown (hidden ones removed). */
  get data(): Answers {
    return this.store ? this.store.visibleData() : { ...this.initialData };
  }

  set data(value: Answers) {
    this.initialData = value;
    if (this.store) {
      this.store.replaceData(value ?? {});
      this.requestUpdate();
    }
  }

  override get lang(): string {
    return this.getAttribute('lang') ?? '';
  }

  override set lang(value: string) {
    this.setAttribute('lang', value);
  }

  /** The id of this application (kept with the draft; the submission's idempotency key). */
  get applicationId(): string {
    return this.drafts.applicationId;
  }

  private get effectiveLang(): Lang {
    return resolveLang(this.language, this.parentElement ?? undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('draftDays') && this.drafts.storage instanceof LocalDraftStore && this.draftDays && this.draftDays > 0) {
      this.drafts.storage.days = this.draftDays;
    }
    if (changed.has('src') || changed.has('schema')) void this.load();
    if (this.store) this.store.lang = this.effectiveLang;
  }

  // ---- loading ------------------------------------------------------------------------------

  private async load(): Promise<void> {
    const token = ++this.loadToken;
    this.status = { kind: 'loading' };
    this.offVisible?.();
    this.store = undefined;
    const validation = loadValidation();
    let definition: JsonSchema | undefined;
    try {
      const found = await readDefinition(this.schema, this.src);
      definition = found.definition;
      const id = found.id;
      if (token !== this.loadToken) return;
      const model = buildModel(definition, id);
      const store = new FormStore(model, this.initialData);
      store.lang = this.effectiveLang;
      // A form with `if` conditions waits for the validators; any other is shown at once and
      // validated from the moment the chunk has arrived (usually before the first keystroke).
      const connected = connectValidation(store, definition, validation);
      if (hasIfConditions(model.root)) await connected;
      if (token !== this.loadToken) return;
      this.validationReady = connected.catch((error: unknown) => {
        if (token === this.loadToken) this.fail(error);
        throw error;
      });
      this.validationReady.catch(() => undefined);
      this.start(store);
      await this.updateComplete;
      emit(this, 'ozg-ready', { steps: model.steps.length });
    } catch (error) {
      if (token !== this.loadToken) return;
      this.fail(await explainFailure(error, definition, validation));
    }
  }

  private start(store: FormStore): void {
    const step = this.drafts.restore(store, !this.initialData);
    if (step !== undefined) this.step = step;
    store.onChange = (pointer, value) => this.answerChanged(pointer, value);
    this.store = store;
    this.offVisible = store.subscribe('#visible', () => this.requestUpdate());
    const form = this;
    this.provider.setValue({
      store, element: this,
      get lang() { return form.effectiveLang; },
      get applicationId() { return form.drafts.applicationId; },
      get gateway() { return form.gateway; },
      get mailbox() { return form.mailbox; },
      drafts: this.drafts,
      stepTitle: (step, index) => this.stepTitle(step, index),
      authentication: () => this.blocks.account?.authentication(),
      announce: (message) => this.announce(message),
    });
    this.status = { kind: 'ready' };
    this.sending = undefined;
    this.blocks.start(store);
    // A submission under way or sent from this browser: show it (resumed) instead of the questions.
    submissionRecords.expire(store.model.id, this.draftDays && this.draftDays > 0 ? this.draftDays : DEFAULT_DRAFT_DAYS);
    if (this.gateway && submissionRecords.exists(store.model.id)) void this.send({});
  }

  // ---- sending ------------------------------------------------------------------------------

  /** Sends the confirmed answers (or resumes a kept submission) through `<ozg-submission>`, whose
   * code arrives now. Only one submission per application: not again while one is on its way or sent. */
  private async send(request: SubmissionRequest | PaidApplication): Promise<void> {
    if (this.sending) return;
    this.sending = { ...request };
    const { OzgSubmission } = await import('../submission/ozg-submission.js');
    defineElement('ozg-submission', OzgSubmission);
    this.requestUpdate();
  }

  private submissionEnded(detail: OzgSubmissionDetail): void {
    const store = this.store;
    if (!store || !this.sending) return;
    if (detail.outcome === 'sent') {
      // The application's payment is used up; the next application pays anew.
      if (this.blocks.payment) this.blocks.payment.forget();
      else paymentRecords.forget(store.model.id);
      this.sending = { sent: true };
      return;
    }
    this.sending = undefined;
    if (detail.outcome === 'back') this.goTo(this.steps.length);
    if (detail.outcome === 'restart') {
      store.replaceData(this.initialData ?? {});
      this.summary = [];
      this.confirmed = false;
      this.returnToReview = false;
      this.goTo(0);
    }
  }

  private fail(error: unknown): void {
    const problem = describeFailure(error, this.effectiveLang);
    this.status = { kind: 'error', ...problem };
    emit(this, 'ozg-error', problem);
  }

  // ---- drafts ------------------------------------------------------------------------------

  /** Deletes the kept answers and starts the form again. */
  discardDraft(): void {
    if (!this.store) return;
    this.store.replaceData(this.initialData ?? {});
    this.summary = [];
    this.confirmed = false;
    this.goTo(0, false);
    this.drafts.discard();
    this.announce(t(this.effectiveLang, 'draftDiscarded'));
  }

  /** "Daten auf diesem Gerät löschen", confirmed: draft, files and records go, the form starts empty
   * and the first step's heading takes focus. */
  async forgetDevice(): Promise<void> {
    if (!this.store) return;
    this.askingForget = false;
    this.store.replaceData(this.initialData ?? {});
    this.summary = [];
    this.confirmed = false;
    this.returnToReview = false;
    await this.drafts.forgetDevice();
    this.blocks.payment?.forget();
    this.goTo(0);
    this.announce(t(this.effectiveLang, 'deviceForgotten'));
  }

  private askForget(asking: boolean): void {
    this.askingForget = asking;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(asking ? '#device-data-question' : '#device-data-open')?.focus());
  }

  private answerChanged(pointer: string, value: unknown): void {
    this.confirmed = false;
    this.drafts.schedule();
    emit(this, 'ozg-change', { pointer, value });
  }

  // ---- FormHost ------------------------------------------------------------------------------

  announce(message: string): void {
    // Clearing first makes screen readers read a repeated message again.
    this.liveMessage = '';
    requestAnimationFrame(() => (this.liveMessage = message));
  }

  focusField(pointer: string): void {
    this.pendingFocus = pointer;
    this.requestUpdate();
  }

  private applyPendingFocus(): void {
    const pointer = this.pendingFocus;
    if (pointer === undefined) return;
    this.pendingFocus = undefined;
    requestAnimationFrame(() => focusQuestion(this.renderRoot, pointer));
  }

  // ---- navigation ------------------------------------------------------------------------------

  private stepTitle(step: StepModel, index: number): string {
    return text(step.texts, 'title', this.effectiveLang) ?? (this.steps.length === 1 ? t(this.effectiveLang, 'details') : t(this.effectiveLang, 'step', { current: index + 1, total: this.steps.length + 1 }));
  }

  private get steps(): StepModel[] {
    return this.store?.model.steps ?? [];
  }

  private goTo(index: number, focusHeading = true): void {
    this.step = index;
    this.summary = [];
    this.drafts.schedule();
    const review = index >= this.steps.length;
    emit(this, 'ozg-step', {
      index,
      id: review ? 'review' : this.steps[index].id,
      title: review ? t(this.effectiveLang, 'review') : this.stepTitle(this.steps[index], index),
      steps: this.steps.length,
    });
    if (focusHeading) {
      void this.updateComplete.then(() => {
        const heading = this.renderRoot.querySelector<HTMLElement>('.step-title');
        heading?.focus();
        heading?.scrollIntoView?.({ block: 'start' });
      });
    }
  }

  private async showSummary(errors: FieldError[]): Promise<void> {
    this.summary = errors;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  private async onNext(event: Event): Promise<void> {
    event.preventDefault();
    const allowed = this.blocks.mayProceed();
    if (allowed !== true && !(await allowed)) return;
    const store = this.store!;
    await this.validationReady;
    const errors = store.validateFields(this.steps[this.step].fields);
    if (errors.length) {
      void this.showSummary(errors);
      return;
    }
    this.goTo(this.returnToReview ? this.steps.length : this.step + 1);
    this.returnToReview = false;
  }

  private onBack(): void {
    this.returnToReview = false;
    this.goTo(Math.max(0, this.step - 1));
  }

  private onChangeStep(index: number): void {
    this.returnToReview = true;
    this.confirmed = false;
    this.goTo(index);
  }

  /** From an error summary on the review page: open the step of the question and focus it. */
  private goToField(pointer: string): void {
    const top = tokens(pointer)[0];
    const index = this.steps.findIndex((step) => step.fields.includes(top));
    if (index >= 0 && index !== this.step) {
      this.returnToReview = this.step >= this.steps.length;
      this.step = index;
    }
    this.focusField(pointer);
  }

  private async onConfirm(): Promise<void> {
    const allowed = this.blocks.mayProceed();
    if (allowed !== true && !(await allowed)) return;
    const store = this.store!;
    await this.validationReady;
    // The last check before the answers leave the form: the whole definition, cross-field rules included.
    const errors = store.validateFields(this.steps.flatMap((s) => s.fields), true);
    if (errors.length) {
      void this.showSummary(errors);
      return;
    }
    this.summary = [];
    this.drafts.flush();
    const data = store.visibleData();
    const proceed = emit(this, 'ozg-submit', { data });
    const payment = proceed && this.gateway && store.model.definition['x-ozg']?.fees ? await this.blocks.loadPayment() : undefined;
    if (payment?.needsPayment()) {
      payment.begin();
    } else if (proceed && this.gateway) {
      void this.send({ data });
    } else if (proceed) {
      this.confirmed = true;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus());
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override updated(): void {
    this.applyPendingFocus();
  }

  protected override render() {
    const lang = this.effectiveLang;
    const status = this.status;
    if (status.kind === 'error') return renderLoadProblem(status, lang);
    // A submission under way or sent shows its view as soon as its code has arrived, not the form first.
    if (status.kind !== 'ready' || !this.store || this.blocks.pending || (this.sending && !customElements.get('ozg-submission'))) {
      return html`<p class="loading" role="status">${t(lang, 'loading')}</p>`;
    }
    const store = this.store;
    const definition = store.model.definition;
    const review = this.step >= this.steps.length;
    const titles = this.steps.map((s, i) => this.stepTitle(s, i));
    const description = text(definition, 'description', lang);
    // While sending and afterwards, the sending view or the receipt replaces the form.
    const submission = this.sending ? html`<ozg-submission .request=${this.sending}></ozg-submission>` : this.blocks.payment?.render(lang);
    const page: PageView = {
      store, steps: this.steps, index: this.step, lang, host: this, summary: store.reword(this.summary),
      stepTitle: (step, index) => titles[index] ?? this.stepTitle(step, index),
      goToField: (pointer) => this.goToField(pointer), onBack: () => this.onBack(),
    };
    return html`<div class="ozg" lang=${lang}>
      <div class="visually-hidden" role="status" aria-live="polite">${this.liveMessage}</div>
      <h2 class="form-title" part="title">${text(definition, 'title', lang) ?? ''}</h2>
      ${submission ?? html`${description && this.step === 0 ? html`<p class="form-description">${description}</p>` : nothing}
        ${this.drafts.renderNotice(lang, () => this.discardDraft()) ?? nothing}
        ${this.blocks.account?.render(lang) ?? nothing}
        ${renderStepIndicator(this.steps.length > 1 ? titles : [], this.step, lang)}
        ${review ? renderReviewPage({ ...page, confirmed: this.confirmed, onConfirm: () => void this.onConfirm(), onChangeStep: (i) => this.onChangeStep(i),
          fees: this.blocks.payment?.renderFees(lang) })
          : renderStepPage({ ...page, returnToReview: this.returnToReview, onNext: (e) => void this.onNext(e) })}
        ${renderDeviceData({ lang, asking: this.askingForget, ask: () => this.askForget(true), cancel: () => this.askForget(false),
          confirm: () => void this.forgetDevice() })}`}
    </div>`;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-form': OzgForm;
  }
}
