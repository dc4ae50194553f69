import { ContextConsumer } from '@lit/context';
import { LitElement, nothing } from 'lit';
import type { Answers } from '../../schemas/data.js';
import { text } from '../../schemas/texts.js';
import type { Lang } from '../../schemas/types.js';
import type { SubmissionClientOptions, SubmissionState } from '../../modules/submission/index.js';
import { submissionRecords, type ReceiptPayment, type SubmissionRecord } from '../../modules/storage/records.js';
import { gatewayApi } from '../../modules/gateway.js';
import { emit } from '../events.js';
import { formContext, type FormContext } from '../form/context.js';
import type { PaidApplication } from '../payment/ozg-payment.js';
import { Retry, type Failure as RequestFailure } from '../../modules/retry.js';
import { reportToEditor } from '../diagnosis.js';
import { gatewayEditorText } from './gateway-diagnosis.js';
import { stopReason } from './problem-texts.js';
import { addExtraPayments, downloadReceipt, dropIfAccepted, mailboxLink } from './receipt-actions.js';
import { loadUploads, prepareRecord } from './submission-record.js';
import { receiptRows, renderReceipt, type ReceiptRow, type ReceiptView } from './receipt.js';
import { renderSendingPhase, type SendingPhase } from './sending-view.js';

type SubmissionModule = typeof import('../../modules/submission/index.js');

/** The submission and receipt building blocks are fetched only when a person confirms. */
const loadSubmission = (): Promise<SubmissionModule> => import('../../modules/submission/index.js');
type UploadsModule = Awaited<ReturnType<typeof loadUploads>>;

// This module is fetched ahead on the review page (ozg-form.ts): so are the parts sending needs, so that a
// connection lost at "Antrag absenden" only delays the application (its requests wait and retry) and
// never leaves a part missing. The upload part only where the form asks for files (their element is there).
void loadSubmission().catch(() => undefined);
if (customElements.get('ozg-file-upload')) void loadUploads().catch(() => undefined);

type Phase =
  | { kind: 'idle' }
  | ({ kind: 'sending' } & SendingPhase)
  | {
      kind: 'sent';
      caseId: string;
      caseSecret: string;
      submittedAt: Date;
      rows?: ReceiptRow[];
      payment?: ReceiptPayment;
      /** The files sent with it (undefined: not known, after a reload). */
      attachments?: { filename: string; size: number }[];
    };

/** What to send: confirmed answers (and the fee paid for them), or nothing to resume a kept submission. */
export interface SubmissionRequest {
  data?: Answers;
  payment?: PaidApplication['payment'];
}

/**
 * Sends a confirmed application end-to-end encrypted through the gateway (FIT-Connect) and shows the
 * receipt; it replaces the questions of `<ozg-form>`, which defines it on first need. Nothing lost,
 * nothing twice: the idempotency key and the encrypted package are stored before the first request
 * and the state after every step, so a reload resumes the same submission; network failures, 5xx
 * and 429 (after its Retry-After) are retried with backoff until the gateway has it.
 *
 * @summary Sending view and acknowledgement of receipt of an application (inside `<ozg-form>`).
 *
 * @prop request - What to send; without `data` a submission kept in this browser is resumed or shown.
 *
 * @event ozg-submission - `detail: { outcome }`: `sent` (the gateway has it), `back` (refused; back to
 *   the review page), `restart` ("Neuen Antrag stellen") or `nothing` (no kept submission to resume).
 *
 * @csspart submission - The view while sending.
 * @csspart receipt - The acknowledgement of receipt.
 * @csspart upload-progress - Progress of the file uploads.
 * @csspart button - Every button.
 * @csspart button-primary - "Jetzt erneut versuchen" and the PDF download.
 */
export class OzgSubmission extends LitElement {
  static override properties = { request: { attribute: false }, phase: { state: true } };

  declare request?: SubmissionRequest;
  declare phase: Phase;
  private running = false;
  private started = false;
  private downloadError = false;
  /** Why the retry loop gave up last. */
  private gaveUp?: RequestFailure;
  private abort = new AbortController();
  /** Every request of this submission waits in this one loop: "Jetzt erneut versuchen" wakes it. */
  private retry = this.newRetry();
  private uploads?: { mod: UploadsModule; progress: import('../../modules/uploads/index.js').UploadProgress };
  private readonly context = new ContextConsumer(this, { context: formContext, subscribe: true });

  /** Renders into the form's own shadow root (no shadow root of its own): the form's styles apply, and
   * pages, tests and tools that look into `<ozg-form>` find the same structure as before. */
  protected override createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    this.phase = { kind: 'idle' };
  }

  private get ctx(): FormContext {
    const ctx = this.context.value;
    if (!ctx) throw new Error('ozg-submission: used outside <ozg-form>');
    return ctx;
  }

  private get formId(): string {
    return this.ctx.store.model.id;
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  private newRetry(): Retry {
    return new Retry({
      signal: this.abort.signal,
      onRetry: () => {
        if (this.phase.kind !== 'sending' || !this.phase.retrying) this.set({ kind: 'sending', retrying: true });
      },
      onRecover: () => {
        if (this.phase.kind === 'sending' && this.phase.retrying) this.set({ kind: 'sending', retrying: false });
      },
      onGiveUp: (failure) => (this.gaveUp = failure),
    });
  }

  /** Back online: a request waiting for its next attempt tries at once instead of after its pause. */
  private readonly online = (): void => void this.retry.now();

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.online);
    if (this.started && this.abort.signal.aborted && this.context.value) {
      // Put back into the page: go on where it stopped (the same idempotency key: never twice).
      this.abort = new AbortController();
      this.retry = this.newRetry();
      this.running = false;
      return this.resume();
    }
    if (this.started || !this.context.value) return;
    this.started = true;
    const request = this.request ?? {};
    if (request.data) queueMicrotask(() => void this.submit(request.data!, request.payment));
    else this.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.online);
    // Taken out of the page: no request waits for another attempt.
    this.abort.abort();
  }

  /** Shows the receipt of a kept submission, or resumes one interrupted by a reload. */
  private resume(): void {
    const record = this.ctx.gateway ? submissionRecords.read(this.formId) : undefined;
    if (record?.state.sent && record.state.caseId && record.state.caseSecret) {
      // Sent, but the page went away before the draft was removed: use and remove it now.
      const drafts = this.ctx.drafts;
      const rows = drafts.restoredAt ? this.rows() : undefined;
      if (drafts.restoredAt) queueMicrotask(() => void drafts.discard());
      this.phase = {
        kind: 'sent',
        caseId: record.state.caseId,
        caseSecret: record.state.caseSecret,
        submittedAt: new Date(record.submittedAt ?? Date.now()),
        rows,
        payment: record.payment,
      };
      queueMicrotask(() => emit(this, 'ozg-submission', { outcome: 'sent', caseId: record.state.caseId! }));
      if (record.package) queueMicrotask(() => void dropIfAccepted(this.formId, record, this.api()));
      if (record.payment?.key) void this.showExtraPayments(record);
    } else if (record?.package) {
      this.phase = { kind: 'sending', retrying: false };
      queueMicrotask(() => void this.run(record));
    } else {
      queueMicrotask(() => emit(this, 'ozg-submission', { outcome: 'nothing' }));
    }
  }

  /** A receipt shown again adds a payment made once more meanwhile (`addExtraPayments`). */
  private async showExtraPayments(record: SubmissionRecord): Promise<void> {
    const { gateway } = this.ctx;
    const payment = gateway && (await addExtraPayments(gateway, this.formId, record, this.language()));
    const phase = this.phase;
    if (payment && phase.kind === 'sent' && phase.caseId === record.state.caseId) this.phase = { ...phase, payment };
  }

  private rows(): ReceiptRow[] {
    const { store } = this.ctx;
    return receiptRows(store, store.model.steps, this.language(), (step, index) => this.ctx.stepTitle(step, index));
  }

  private set(phase: Phase, focus?: string): void {
    this.phase = phase;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
  }

  // ---- sending ------------------------------------------------------------------------------

  /** The person confirmed the review page (and no page handler took over): encrypt and send. */
  async submit(data: Answers, payment?: PaidApplication['payment']): Promise<void> {
    const { store } = this.ctx;
    if (this.running) return;
    this.set({ kind: 'sending', retrying: false }, '#submission-title');
    const definition = store.model.definition;
    const leika = definition['x-ozg']?.leika;
    if (!leika) {
      // A mistake of the definition: the person is told it is not set up, the editor what to add; no retry.
      this.set({ kind: 'sending', retrying: false, failed: '', noLeika: true }, '#submission-title');
      console.error('ozg-form: the definition has no x-ozg.leika (LeiKa key); it cannot be submitted');
      return;
    }
    this.running = true;
    try {
      const mod = await loadSubmission();
      const client = this.client(mod);
      const destination = await client.getDestination();
      const record = await prepareRecord({ mod, ctx: this.ctx, destination, leika, data, payment });
      submissionRecords.write(this.formId, record);
      await this.send(mod, record);
    } catch (error) {
      this.failed(error);
    } finally {
      this.running = false;
    }
  }

  /** Resumes a stored submission (after a reload): same idempotency key, so never a second one. */
  private async run(record: SubmissionRecord): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const mod = await loadSubmission();
      await this.send(mod, record);
    } catch (error) {
      this.failed(error);
    } finally {
      this.running = false;
    }
  }

  private async send(mod: SubmissionModule, record: SubmissionRecord): Promise<void> {
    const pkg = record.package!;
    const client = this.client(
      mod,
      (state) => {
        record.state = state;
        submissionRecords.write(this.formId, record);
      },
      await this.uploadHooks(mod, record),
    );
    const done = await client.submit(pkg, record.state);
    this.uploads = undefined;
    const submittedAt = new Date();
    // Sent. The ciphertext stays until the authority accepts; case id and secret serve the receipt
    // and the mailbox. The plain answers (the draft) go now.
    const payment = record.payment;
    submissionRecords.write(this.formId, {
      v: 1,
      package: { ...pkg, attachments: [] },
      state: done,
      submittedAt: submittedAt.toISOString(),
      days: record.days,
      payment,
    });
    const rows = this.rows();
    void this.ctx.drafts.discard();
    this.set(
      {
        kind: 'sent',
        caseId: done.caseId,
        caseSecret: done.caseSecret,
        submittedAt,
        rows,
        payment,
        attachments: (record.files ?? []).map(({ filename, size }) => ({ filename, size })),
      },
      '#receipt-title',
    );
    emit(this, 'ozg-submission', { outcome: 'sent', caseId: done.caseId });
  }

  private client(
    mod: SubmissionModule,
    onState?: (state: SubmissionState) => void,
    hooks?: Pick<SubmissionClientOptions, 'loadAttachment' | 'uploadAttachment'>,
  ): InstanceType<SubmissionModule['SubmissionClient']> {
    return new mod.SubmissionClient({
      api: this.api(),
      retry: this.retry, // the person sees the waits and can cut one short
      onState,
      ...hooks,
    });
  }

  /** For a package whose files are encrypted at upload: the hooks that do it, with progress. */
  private async uploadHooks(mod: SubmissionModule, record: SubmissionRecord) {
    const pkg = record.package!;
    if (!record.files?.length || pkg.attachments.every((a) => a.encrypted)) return undefined;
    const uploads = await loadUploads();
    const destination = await this.client(mod).getDestination();
    const progress = uploads.createProgress(
      record.files,
      record.state.sentAttachments,
      () => this.language(),
      () => this.requestUpdate(),
      (message) => this.ctx.announce(message),
    );
    this.uploads = { mod: uploads, progress };
    this.requestUpdate();
    return uploads.uploadHooks({
      formId: this.formId,
      key: destination.encryptionKey,
      files: record.files,
      progress,
    });
  }

  /** The gateway API all clients are built on. */
  private api(): URL {
    return gatewayApi(this.ctx.gateway!, document.baseURI);
  }

  private failed(error: unknown): void {
    if (this.abort.signal.aborted) return;
    const failed = stopReason(error, this.gaveUp, this.api().href);
    this.gaveUp = undefined;
    if (typeof failed === 'object' && 'diagnosis' in failed) reportToEditor(gatewayEditorText('en', failed.diagnosis));
    else console.error('ozg-form: the submission failed', error);
    // Encrypted against a form that has changed since: after a reload the answers (draft) go into the new one.
    if ((error as { problem?: { code?: unknown } }).problem?.code === 'DEFINITION_OUTDATED')
      submissionRecords.forget(this.formId);
    this.set({ kind: 'sending', retrying: false, failed }, '#submission-title');
  }

  private language(): Lang {
    return this.ctx.lang;
  }

  // ---- actions ------------------------------------------------------------------------------

  private retryNow = (): void => {
    if (this.retry.now()) return;
    if (this.phase.kind === 'sending' && this.phase.failed !== undefined) {
      const record = submissionRecords.read(this.formId);
      if (record?.package) return void this.run(record);
      this.set({ kind: 'idle' });
      emit(this, 'ozg-submission', { outcome: 'back' });
    }
  };

  private back = (): void => {
    submissionRecords.forget(this.formId);
    // The gateway refused this one; what the person sends next is a new request under a new key.
    this.ctx.drafts.renewApplicationId();
    this.set({ kind: 'idle' });
    emit(this, 'ozg-submission', { outcome: 'back' });
  };

  private restart = (): void => {
    submissionRecords.forget(this.formId);
    this.set({ kind: 'idle' });
    emit(this, 'ozg-submission', { outcome: 'restart' });
  };

  private download = async (): Promise<void> => {
    if (this.phase.kind !== 'sent' || !this.phase.rows) return;
    const lang = this.language();
    const formTitle = text(this.ctx.store.model.definition, 'title', lang) ?? '';
    this.downloadError = !(await downloadReceipt(lang, formTitle, { ...this.phase, mailboxUrl: this.mailboxUrl() }));
    this.requestUpdate();
  };

  private mailboxUrl(): string {
    return this.phase.kind === 'sent' ? mailboxLink(this.ctx.mailbox, this.phase.caseId, this.phase.caseSecret) : '';
  }

  /** The sending view or the receipt, which replace the questions of the form. */
  protected override render() {
    const phase = this.phase;
    if (phase.kind === 'idle' || !this.context.value) return nothing;
    const lang = this.language();
    if (phase.kind === 'sending')
      return renderSendingPhase(
        lang,
        phase,
        { retryNow: this.retryNow, back: this.back },
        this.uploads?.mod.renderUploadProgress(this.uploads.progress, lang),
      );
    const view: ReceiptView = { ...phase, mailboxUrl: this.mailboxUrl() };
    return renderReceipt(view, lang, {
      download: phase.rows ? () => void this.download() : undefined,
      restart: this.restart,
      downloadError: this.downloadError,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-submission': OzgSubmission;
  }
}
