import { ContextConsumer } from '@lit/context';
import { LitElement, nothing } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import type { Answers } from '../../schemas/data.js';
import { text } from '../../schemas/texts.js';
import type { Lang } from '../../schemas/types.js';
import type { SubmissionState } from '../../modules/submission/index.js';
import { hasFileQuestion } from '../../schemas/model.js';
import { submissionRecords, type ReceiptPayment, type SubmissionRecord } from '../../modules/storage/records.js';
import { gatewayApi } from '../../modules/gateway.js';
import { replyChannelFor } from '../../modules/submission/reply-channel.js';
import { formatAmount } from '../../schemas/fees.js';
import { emit } from '../events.js';
import { formContext, type FormContext } from '../form/context.js';
import type { PaidApplication } from '../payment/ozg-payment.js';
import { problemText, type GatewayProblem } from './problem-texts.js';
import { receiptRows, renderReceipt, renderSending, type ReceiptRow, type ReceiptView } from './receipt.js';

type SubmissionModule = typeof import('../../modules/submission/index.js');

/** The submission and receipt building blocks are fetched only when a person confirms. */
const loadSubmission = (): Promise<SubmissionModule> => import('../../modules/submission/index.js');
const loadReceipt = () => import('../../modules/receipt/index.js');
/** Files (Nachweise) are hashed, encrypted and uploaded by code only forms with file questions load. */
const loadUploads = () => import('./upload-submission.js');
type UploadsModule = Awaited<ReturnType<typeof loadUploads>>;

/** Why sending stopped: the gateway's refusal (worded in the view, in the language of the moment) or
 * a sentence already in the person's words. */
type Failure = GatewayProblem | string;

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; retrying: boolean; failed?: Failure }
  | {
      kind: 'sent';
      caseId: string;
      caseSecret: string;
      submittedAt: Date;
      rows?: ReceiptRow[];
      payment?: ReceiptPayment;
    };

/** What to send: confirmed answers (and the fee paid for them), or nothing to resume a kept submission. */
export interface SubmissionRequest {
  data?: Answers;
  payment?: PaidApplication['payment'];
}

const MAX_DELAY_MS = 30_000;
const BASE_DELAY_MS = 1_000;

function retryable(error: unknown, mod: SubmissionModule): boolean {
  if (error instanceof mod.GatewayError) return error.status >= 500 || error.status === 429;
  return error instanceof TypeError; // fetch: network failure
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
  private wake?: () => void;
  private running = false;
  private started = false;
  private downloadError = false;
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

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.started || !this.context.value) return;
    this.started = true;
    const request = this.request ?? {};
    if (request.data) queueMicrotask(() => void this.submit(request.data!, request.payment));
    else this.resume();
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
      if (record.package) queueMicrotask(() => void this.dropIfAccepted(record));
    } else if (record?.package) {
      this.phase = { kind: 'sending', retrying: false };
      queueMicrotask(() => void this.run(record));
    } else {
      queueMicrotask(() => emit(this, 'ozg-submission', { outcome: 'nothing' }));
    }
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
      this.set({ kind: 'sending', retrying: false, failed: t(this.language(), 'sendNoLeika') }, '#submission-title');
      console.error('ozg-form: the definition has no x-ozg.leika (LeiKa key); it cannot be submitted');
      return;
    }
    this.running = true;
    try {
      const mod = await loadSubmission();
      const client = this.client(mod);
      const destination = await this.retrying(mod, () => client.getDestination());
      const files = hasFileQuestion(store.model.root)
        ? await (await loadUploads()).planUploads(store, data, this.language())
        : undefined;
      const login = this.ctx.authentication();
      const { encrypted } = await mod.prepareSubmission({
        attachments: files?.attachments,
        encryptionKey: destination.encryptionKey,
        leika,
        serviceName: typeof definition.title === 'string' ? definition.title.slice(0, 255) : undefined,
        // A published form's receiver schema (plain JSON Schema) is what the receiver validates against.
        schemaUri:
          store.model.published?.receiverSchema ??
          (typeof definition.$id === 'string' ? definition.$id : store.model.id),
        ...(store.model.published ? { definition: { formId: store.model.id, hash: store.model.published.hash } } : {}),
        data,
        replyChannel: replyChannelFor(store, destination.replyChannels, login?.mailboxUuid),
        submissionDate: new Date(),
        ...(login ? { authenticationInformation: login.authenticationInformation } : {}),
        paymentInformation: payment?.information,
      });
      const idempotencyKey = mod.createIdempotencyKey(this.ctx.drafts.applicationId);
      const record: SubmissionRecord = {
        v: 1,
        package: encrypted,
        state: { idempotencyKey, sentAttachments: [], sent: false },
        ...(files ? { files: files.files } : {}),
        ...(payment ? { payment: { reference: payment.information.transactionReference, total: payment.total } } : {}),
      };
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
    const done = await this.retrying(mod, () => client.submit(pkg, record.state));
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
      payment,
    });
    const rows = this.rows();
    void this.ctx.drafts.discard();
    this.set(
      { kind: 'sent', caseId: done.caseId, caseSecret: done.caseSecret, submittedAt, rows, payment },
      '#receipt-title',
    );
    emit(this, 'ozg-submission', { outcome: 'sent', caseId: done.caseId });
  }

  /** Asks the return channel (verified events only) whether the authority accepted the submission;
   * if so, the kept ciphertext is no longer needed. Any failure leaves it in place for next time. */
  private async dropIfAccepted(record: SubmissionRecord): Promise<void> {
    const { caseId, caseSecret } = record.state;
    if (!caseId || !caseSecret || !this.ctx.gateway) return;
    try {
      const { ReturnChannelClient } = await import('../../modules/return-channel/index.js');
      const channel = new ReturnChannelClient({ api: this.api(), caseId, caseSecret });
      const { status } = await channel.overview();
      if (status === 'accepted')
        submissionRecords.write(this.formId, {
          v: 1,
          state: record.state,
          submittedAt: record.submittedAt,
          payment: record.payment,
        });
    } catch {
      /* offline or gateway down: keep the ciphertext and ask again on the next visit */
    }
  }

  private client(
    mod: SubmissionModule,
    onState?: (state: SubmissionState) => void,
    hooks?: Pick<
      import('../../modules/submission/index.js').SubmissionClientOptions,
      'loadAttachment' | 'uploadAttachment'
    >,
  ): InstanceType<SubmissionModule['SubmissionClient']> {
    return new mod.SubmissionClient({
      api: this.api(),
      attempts: 1, // retries happen here, so the person sees them and can trigger one
      onState,
      ...hooks,
    });
  }

  /** For a package whose files are encrypted at upload: the hooks that do it, with progress. */
  private async uploadHooks(mod: SubmissionModule, record: SubmissionRecord) {
    const pkg = record.package!;
    if (!record.files?.length || pkg.attachments.every((a) => a.encrypted)) return undefined;
    const uploads = await loadUploads();
    const destination = await this.retrying(mod, () => this.client(mod).getDestination());
    const progress = uploads.createProgress(
      record.files,
      record.state.sentAttachments,
      () => this.language(),
      () => this.requestUpdate(),
      (message) => this.announce(message),
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

  private announce(message: string): void {
    this.ctx.announce(message);
  }

  /** Runs `step` until it succeeds; network errors, 5xx and 429 are retried with growing pauses. */
  private async retrying<T>(mod: SubmissionModule, step: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await step();
        if (this.phase.kind === 'sending' && this.phase.retrying) this.set({ kind: 'sending', retrying: false });
        return result;
      } catch (error) {
        if (!retryable(error, mod)) throw error;
        if (this.phase.kind !== 'sending' || !this.phase.retrying) this.set({ kind: 'sending', retrying: true });
        const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
        // 429: the gateway says when to come back (Retry-After); never sooner.
        const asked = error instanceof mod.GatewayError && error.status === 429 ? (error.retryAfter ?? 0) * 1000 : 0;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(asked, delay / 2 + Math.random() * (delay / 2)));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  private failed(error: unknown): void {
    console.error('ozg-form: the submission failed', error);
    let failed: Failure;
    if (error instanceof Error && error.name === 'GatewayError') {
      const { status, problem, retryAfter } = error as Error & {
        status: number;
        problem: Record<string, unknown>;
        retryAfter?: number;
      };
      failed = { status, code: problem.code, total: problem.total, retryAfter };
      // Encrypted against a form that has changed since: after a reload the answers (draft) go into the new one.
      if (problem.code === 'DEFINITION_OUTDATED') submissionRecords.forget(this.formId);
    } else if (error instanceof TypeError)
      failed = { status: 0 }; // fetch: network failure
    else failed = error instanceof Error ? error.message : String(error);
    this.set({ kind: 'sending', retrying: false, failed }, '#submission-title');
  }

  private language(): Lang {
    return this.ctx.lang;
  }

  // ---- actions ------------------------------------------------------------------------------

  private retryNow = (): void => {
    if (this.wake) return this.wake();
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
    const { caseId, submittedAt, rows, payment } = this.phase;
    const lang = this.language();
    try {
      const { buildReceiptPdf } = await loadReceipt();
      const bytes = await buildReceiptPdf({
        lang,
        formTitle: text(this.ctx.store.model.definition, 'title', lang) ?? '',
        caseId,
        submittedAt,
        rows,
        mailboxUrl: this.mailboxUrl(),
        ...(payment ? { payment: { reference: payment.reference, amount: formatAmount(payment.total, lang) } } : {}),
      });
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${lang === 'en' ? 'acknowledgement' : 'eingangsbestaetigung'}-${caseId}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.downloadError = false;
    } catch (error) {
      console.error('ozg-form: the receipt PDF could not be built', error);
      this.downloadError = true;
    }
    this.requestUpdate();
  };

  private mailboxUrl(): string {
    if (this.phase.kind !== 'sent') return '';
    const hash = `#case=${encodeURIComponent(this.phase.caseId)}&secret=${encodeURIComponent(this.phase.caseSecret)}`;
    return new URL(`${(this.ctx.mailbox || 'postfach.html').replace(/#.*$/, '')}${hash}`, document.baseURI).href;
  }

  /** The sending view or the receipt, which replace the questions of the form. */
  protected override render() {
    const phase = this.phase;
    if (phase.kind === 'idle' || !this.context.value) return nothing;
    const lang = this.language();
    if (phase.kind === 'sending') {
      const failed = typeof phase.failed === 'object' ? problemText(lang, phase.failed) : phase.failed;
      return renderSending(
        lang,
        { ...phase, failed },
        { retryNow: this.retryNow, back: this.back },
        this.uploads?.mod.renderUploadProgress(this.uploads.progress, lang),
      );
    }
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
