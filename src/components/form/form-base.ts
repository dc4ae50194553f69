import { ContextProvider } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import type { DraftStore } from '../../modules/drafts/draft-store.js';
import { resolveLang, t } from '../../modules/i18n/ui-texts.js';
import type { Answers } from '../../schemas/data.js';
import type { FieldError, FormStore } from '../../schemas/store.js';
import { text } from '../../schemas/texts.js';
import type { JsonSchema, Lang, StepModel } from '../../schemas/types.js';
import { emit, type OzgSubmissionDetail, type PaymentEnd } from '../events.js';
import { formContext, type Authentication } from './context.js';
import { loadLoginBar, offersLogin } from '../account/use-account.js';
import { describeFailure, openForm, type LoadProblem } from './loading.js';
import { DraftController } from './draft-controller.js';
import type { SubmissionRequest } from '../submission/ozg-submission.js';
import { expireRecords, paymentRecords, submissionRecords } from '../../modules/storage/records.js';
import type { PaidApplication } from '../payment/ozg-payment.js';
import { defineElement } from '../define.js';
import { editorText, reportToEditor, type Situation } from '../diagnosis.js';

type FeesModule = typeof import('../payment/payment-fees.js');
import { DEFAULT_DRAFT_DAYS, LocalDraftStore } from '../../modules/drafts/draft-store.js';
import { focusQuestion } from './step-view.js';
import { holdErrorsWhilePressed } from './press-hold.js';
import { loadFileField } from '../fields/field-directive.js';
import { hasFileQuestion } from '../../schemas/model.js';

/** The phases of one application's journey in `<ozg-form>`. */
export type Phase = 'loading' | 'error' | 'filling' | 'review' | 'paying' | 'sending' | 'sent';

type Status = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | ({ kind: 'error' } & LoadProblem);

/**
 * The state of `<ozg-form>` behind what it renders: loading the definition into the one store, the
 * draft, the FormContext it provides, sending through `<ozg-submission>`, the live region and the
 * moves between steps. `OzgForm` (ozg-form.ts) adds the actions of the person and the view.
 */
export abstract class OzgFormBase extends LitElement {
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
    askingDiscard: { state: true },
    step: { state: true },
    summary: { state: true },
    returnToReview: { state: true },
    confirmed: { state: true },
    liveMessage: { state: true },
    sending: { state: true },
    paying: { state: true },
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
  declare askingDiscard: boolean;
  /** Index of the step shown; `steps.length` is the review page. */
  declare step: number;
  declare summary: FieldError[];
  declare returnToReview: boolean;
  declare confirmed: boolean;
  declare liveMessage: string;
  /** The payment step: `<ozg-payment>` replaces the questions. */
  declare paying: boolean;
  /** Sending or sent: `<ozg-submission>` replaces the questions. */
  declare sending?: SubmissionRequest & { sent?: boolean };

  protected readonly drafts = new DraftController(this);

  /** Where drafts are kept; replace before `src`/`schema` is set to keep them elsewhere. */
  get draftStore(): DraftStore {
    return this.drafts.storage;
  }

  set draftStore(storage: DraftStore) {
    this.drafts.storage = storage;
  }

  protected store?: FormStore;
  protected initialData?: Answers;
  protected loadToken = 0;
  protected pendingFocus?: string;
  protected offVisible?: () => void;
  protected validationReady?: Promise<void>;
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
    this.askingDiscard = false;
    this.paying = false;
    this.addEventListener('ozg-submission', (event) => this.submissionEnded(event.detail));
    holdErrorsWhilePressed(this, () => this.store);
  }

  /** The fee of a form with `x-ozg.fees` (review page, payment step), once its code has arrived. */
  protected fees?: FeesModule;
  private feesLoading?: Promise<FeesModule>;

  /** The login the person applies with, as `<ozg-account>` reported it (`ozg-login`). */
  private login?: Authentication;

  /** The journey's phase: what the person sees now. */
  get phase(): Phase {
    if (this.status.kind === 'error') return 'error';
    if (this.status.kind !== 'ready' || !this.store) return 'loading';
    if (this.sending) return this.sending.sent ? 'sent' : 'sending';
    if (this.paying) return 'paying';
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

  protected get effectiveLang(): Lang {
    return resolveLang(this.language, this.parentElement ?? undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('draftDays') &&
      this.drafts.storage instanceof LocalDraftStore &&
      this.draftDays &&
      this.draftDays > 0
    ) {
      this.drafts.storage.days = this.draftDays;
    }
    if (changed.has('src') || changed.has('schema')) void this.load();
    if (this.store) this.store.lang = this.effectiveLang;
    // The elements inside (payment, sending) read the language from the context: tell them.
    if (this.store && this.providedLang !== this.effectiveLang) {
      this.providedLang = this.effectiveLang;
      this.liveMessage = ''; // said in the language before
      if (this.provider.value) this.provider.setValue(this.provider.value, true);
    }
  }

  private providedLang?: Lang;

  // ---- loading ------------------------------------------------------------------------------

  protected async load(): Promise<void> {
    const token = ++this.loadToken;
    const current = () => token === this.loadToken;
    this.status = { kind: 'loading' };
    this.offVisible?.();
    this.store = undefined;
    try {
      // A definition given as an object opens at once: this update already shows its questions.
      const opening = openForm(this.schema, this.src, this.initialData, this.effectiveLang, current);
      const opened = opening instanceof Promise ? await opening : opening;
      if (!opened) return;
      // Answers set while the definition or the validators were loading (`el.data = …` just after the
      // page made the element) are not lost.
      if (this.initialData) opened.store.replaceData(this.initialData);
      this.validationReady = opened.validated.catch((error: unknown) => {
        if (current()) this.fail(error);
        throw error;
      });
      this.validationReady.catch(() => undefined);
      this.start(opened.store);
      await this.updateComplete;
      emit(this, 'ozg-ready', { steps: opened.store.model.steps.length });
      opened.rendered();
    } catch (error) {
      if (current()) this.fail(error);
    }
  }

  protected start(store: FormStore): void {
    const step = this.drafts.restore(store, !this.initialData);
    if (step !== undefined) this.step = step;
    store.onChange = (pointer, value) => this.answerChanged(pointer, value);
    this.store = store;
    this.offVisible = store.subscribe('#visible', () => this.requestUpdate());
    // The context's getters read the form's current values (lang, gateway, … change over time).
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const form = this;
    this.provider.setValue({
      store,
      element: this,
      get lang() {
        return form.effectiveLang;
      },
      get applicationId() {
        return form.drafts.applicationId;
      },
      get gateway() {
        return form.gateway;
      },
      get mailbox() {
        return form.mailbox;
      },
      drafts: this.drafts,
      stepTitle: (step, index) => this.stepTitle(step, index),
      authentication: () => this.login,
      loggedIn: (authentication) => (this.login = authentication),
      paymentEnded: (end) => this.paymentEnded(end),
      announce: (message) => this.announce(message),
    });
    this.status = { kind: 'ready' };
    this.sending = undefined;
    this.paying = false;
    this.login = undefined;
    // The login bar's code comes along now for forms that offer a login.
    if (offersLogin(store)) loadLoginBar().catch(this.chunkFailed);
    if (store.model.definition['x-ozg']?.fees) this.loadFees().catch(this.chunkFailed);
    if (hasFileQuestion(store.model.root)) void loadFileField();
    // What a shared computer (Bürgerbüro) keeps of an earlier person's application goes with the draft's
    // time: the kept submission (case secret) and a payment left open.
    expireRecords(store.model.id, this.draftDays && this.draftDays > 0 ? this.draftDays : DEFAULT_DRAFT_DAYS);
    // Back from the payment provider (or a reload, or a second tab): the payment step asks for the status.
    if (this.gateway && paymentRecords.awaited(store.model.id)) void this.openPayment();
    // A submission under way or sent from this browser: show it (resumed) instead of the questions.
    if (this.gateway && submissionRecords.exists(store.model.id)) void this.send({});
  }

  // ---- sending ------------------------------------------------------------------------------

  /** Sends the confirmed answers (or resumes a kept submission) through `<ozg-submission>`. */
  protected abstract send(request: SubmissionRequest | PaidApplication): Promise<void>;

  protected submissionEnded(detail: OzgSubmissionDetail): void {
    const store = this.store;
    if (!store || !this.sending) return;
    if (detail.outcome === 'sent') {
      // The application's payment is used up; the next application pays anew.
      paymentRecords.forget(store.model.id);
      this.sending = { sent: true };
      return;
    }
    this.sending = undefined;
    if (detail.outcome === 'back') this.goTo(this.steps.length);
    if (detail.outcome === 'restart') {
      this.clearAnswers();
      this.goTo(0);
    }
  }

  /** Back to the page's initial answers, with nothing said about the old ones; the caller opens step 1
   * (whose button then says "Weiter" again, not "back to the review"). */
  protected clearAnswers(): void {
    this.store?.replaceData(this.initialData ?? {});
    this.summary = [];
    this.confirmed = false;
    this.returnToReview = false;
  }

  // ---- paying ------------------------------------------------------------------------------

  /** The fee code (computing, the table, its styles in this shadow root). */
  protected loadFees(): Promise<FeesModule> {
    return (this.feesLoading ??= import('../payment/payment-fees.js').then((mod) => {
      const root = this.renderRoot as ShadowRoot | undefined;
      const sheet = mod.feesStyles.styleSheet;
      if (root?.adoptedStyleSheets && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      if (this.store) mod.reportFeeMistakes(this.store);
      // The payment step follows the review page: its code comes along now, not on confirming.
      if (this.gateway)
        void import('../payment/ozg-payment.js').then(({ OzgPayment }) => defineElement('ozg-payment', OzgPayment));
      this.fees = mod;
      this.requestUpdate();
      return mod;
    }));
  }

  /** A chunk the form needs (fees, payment, sending) did not arrive: say so instead of a blank step. */
  protected chunkFailed = (error: unknown): undefined => void this.fail(error, 'send');

  /** Shows the payment step; its code arrives now. */
  protected async openPayment(): Promise<void> {
    this.paying = true;
    const mod = await import('../payment/ozg-payment.js').catch(this.chunkFailed);
    if (!mod) return;
    const { OzgPayment } = mod;
    defineElement('ozg-payment', OzgPayment);
    this.requestUpdate();
  }

  protected paymentEnded(detail: PaymentEnd): void {
    const store = this.store;
    if (!store || !this.paying) return;
    this.paying = false;
    if (detail.outcome === 'back') this.goTo(this.steps.length);
    else void this.send({ data: store.visibleData(), payment: detail.payment });
  }

  /** Shows why the form cannot go on: the definition, or (`situation` later than 'load') a part of
   * ozg-form's own code that could not be loaded. */
  protected fail(error: unknown, situation?: Situation): void {
    const problem = describeFailure(error, this.effectiveLang, situation);
    if (problem.diagnosis) reportToEditor(editorText('en', problem.diagnosis));
    else if (problem.wrongAddress) reportToEditor(describeFailure(error, 'en').message);
    this.status = { kind: 'error', ...problem };
    emit(this, 'ozg-error', problem);
  }

  protected answerChanged(pointer: string, value: unknown): void {
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

  protected applyPendingFocus(): void {
    const pointer = this.pendingFocus;
    if (pointer === undefined) return;
    this.pendingFocus = undefined;
    requestAnimationFrame(() => focusQuestion(this.renderRoot, pointer));
  }

  // ---- navigation ------------------------------------------------------------------------------

  protected stepTitle(step: StepModel, index: number): string {
    return (
      text(step.texts, 'title', this.effectiveLang) ??
      (this.steps.length === 1
        ? t(this.effectiveLang, 'details')
        : t(this.effectiveLang, 'step', { current: index + 1, total: this.steps.length + 1 }))
    );
  }

  protected get steps(): StepModel[] {
    return this.store?.model.steps ?? [];
  }

  protected goTo(index: number, focusHeading = true): void {
    this.step = index;
    this.summary = [];
    // What was announced belongs to the step before; a screen reader's cursor would find it later.
    this.liveMessage = '';
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
}
