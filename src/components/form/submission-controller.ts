import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import type { Answers } from '../../schemas/data.js';
import type { FormStore } from '../../schemas/store.js';
import { text } from '../../schemas/texts.js';
import type { Lang, StepModel } from '../../schemas/types.js';
import type { AuthenticationInformation, SubmissionState } from '../../modules/submission/index.js';
import type { DraftController } from './draft-controller.js';
import { hasFileQuestion } from '../../schemas/model.js';
import { submissionRecords, type ReceiptPayment, type SubmissionRecord } from '../../modules/storage/records.js';
import { gatewayApi } from '../../modules/gateway.js';
import { replyChannelFor } from '../../modules/submission/reply-channel.js';
import { problemText, type GatewayProblem } from './problem-texts.js';
import { receiptRows, renderReceipt, renderSending, type ReceiptRow, type ReceiptView } from './receipt.js';
import type { PaidApplication } from './payment-controller.js';
import { formatAmount } from '../../schemas/fees.js';

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
  | { kind: 'sent'; caseId: string; caseSecret: string; submittedAt: Date; rows?: ReceiptRow[]; payment?: ReceiptPayment };

export interface SubmissionHost extends ReactiveControllerHost {
  /** Base URL of the gateway API (e.g. "/gateway/v1"); without it nothing is sent. */
  readonly gateway?: string;
  /** Page of <ozg-mailbox> the capability link points to (default "postfach.html"). */
  readonly mailbox?: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Reads a message to screen-reader users (the form's live region). */
  announce(message: string): void;
}

export interface SubmissionOptions {
  store: () => FormStore | undefined;
  lang: () => Lang;
  stepTitle: (step: StepModel, index: number) => string;
  drafts: DraftController;
  /** Show an empty form again ("Neuen Antrag stellen"). */
  restart: () => void;
  /** Back to the review page after a submission that cannot go through. */
  backToReview: () => void;
  /** The login the person applied with, if any: sent in the metadata; its mailbox is the reply channel. */
  authentication?: () => { authenticationInformation: AuthenticationInformation[]; mailboxUuid?: string } | undefined;
  /** The gateway confirmed the send (e.g. the application's payment is now used up). */
  sent?: () => void;
}

const MAX_DELAY_MS = 30_000;
const BASE_DELAY_MS = 1_000;

function retryable(error: unknown, mod: SubmissionModule): boolean {
  if (error instanceof mod.GatewayError) return error.status >= 500 || error.status === 429;
  return error instanceof TypeError; // fetch: network failure
}

/**
 * Sends a confirmed form end-to-end encrypted through the gateway (FIT-Connect) and shows the receipt.
 * Nothing lost, nothing twice: the idempotency key and the encrypted package are stored before the
 * first request and the state after every step, so a reload resumes the same submission; network
 * failures and 5xx are retried with backoff until the gateway has it.
 */
export class SubmissionController implements ReactiveController {
  phase: Phase = { kind: 'idle' };
  private store?: FormStore;
  private wake?: () => void;
  private running = false;
  private downloadError = false;
  private uploads?: { mod: UploadsModule; progress: import('../../modules/uploads/index.js').UploadProgress };

  constructor(private readonly host: SubmissionHost, private readonly opts: SubmissionOptions) {
    host.addController(this);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** A (new) form was loaded: show its receipt, or resume a submission interrupted by a reload. */
  hostUpdate(): void {
    const store = this.opts.store();
    if (store === this.store) return;
    this.store = store;
    this.phase = { kind: 'idle' };
    if (!store || !this.host.gateway) return;
    const record = submissionRecords.read(this.store!.model.id);
    if (!record) return;
    if (record.state.sent && record.state.caseId && record.state.caseSecret) {
      // Sent, but the page went away before the draft was removed: use and remove it now.
      const rows = this.opts.drafts.restoredAt ? this.rows() : undefined;
      if (this.opts.drafts.restoredAt) queueMicrotask(() => this.opts.drafts.discard());
      this.phase = {
        kind: 'sent', caseId: record.state.caseId, caseSecret: record.state.caseSecret,
        submittedAt: new Date(record.submittedAt ?? Date.now()), rows, payment: record.payment,
      };
      if (record.package) queueMicrotask(() => void this.dropIfAccepted(record));
    } else if (record.package) {
      this.phase = { kind: 'sending', retrying: false };
      queueMicrotask(() => void this.run(record));
    }
  }

  private rows(): ReceiptRow[] {
    const store = this.store!;
    return receiptRows(store, store.model.steps, this.opts.lang(), this.opts.stepTitle);
  }

  private set(phase: Phase, focus?: string): void {
    this.phase = phase;
    this.host.requestUpdate();
    if (focus) {
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(focus)?.focus());
    }
  }

  // ---- sending ------------------------------------------------------------------------------

  /** The person confirmed the review page (and no page handler took over): encrypt and send. */
  async submit(data: Answers, payment?: PaidApplication['payment']): Promise<void> {
    const store = this.store;
    if (!store || this.running) return;
    this.set({ kind: 'sending', retrying: false }, '#submission-title');
    const definition = store.model.definition;
    const leika = definition['x-ozg']?.leika;
    if (!leika) {
      this.set({ kind: 'sending', retrying: false, failed: t(this.lang(), 'sendNoLeika') }, '#submission-title');
      console.error('ozg-form: the definition has no x-ozg.leika (LeiKa key); it cannot be submitted');
      return;
    }
    this.running = true;
    try {
      const mod = await loadSubmission();
      const client = this.client(mod);
      const destination = await this.retrying(mod, () => client.getDestination());
      const files = hasFileQuestion(store.model.root) ? await (await loadUploads()).planUploads(store, data, this.lang()) : undefined;
      const login = this.opts.authentication?.();
      const { encrypted } = await mod.prepareSubmission({
        attachments: files?.attachments,
        encryptionKey: destination.encryptionKey,
        leika,
        serviceName: typeof definition.title === 'string' ? definition.title.slice(0, 255) : undefined,
        schemaUri: typeof definition.$id === 'string' ? definition.$id : store.model.id,
        data,
        replyChannel: replyChannelFor(this.store!, destination.replyChannels, login?.mailboxUuid),
        submissionDate: new Date(),
        ...(login ? { authenticationInformation: login.authenticationInformation } : {}),
        paymentInformation: payment?.information,
      });
      const idempotencyKey = mod.createIdempotencyKey(this.opts.drafts.applicationId);
      const record: SubmissionRecord = {
        v: 1, package: encrypted, state: { idempotencyKey, sentAttachments: [], sent: false }, ...(files ? { files: files.files } : {}),
        ...(payment ? { payment: { reference: payment.information.transactionReference, total: payment.total } } : {}),
      };
      submissionRecords.write(this.store!.model.id, record);
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
    const client = this.client(mod, (state) => {
      record.state = state;
      submissionRecords.write(this.store!.model.id, record);
    }, await this.uploadHooks(mod, record));
    const done = await this.retrying(mod, () => client.submit(pkg, record.state));
    this.uploads = undefined;
    const submittedAt = new Date();
    // Sent. The ciphertext stays until the authority accepts; case id and secret serve the receipt
    // and the mailbox. The plain answers (the draft) go now.
    const payment = record.payment;
    submissionRecords.write(this.store!.model.id, { v: 1, package: { ...pkg, attachments: [] }, state: done, submittedAt: submittedAt.toISOString(), payment });
    this.opts.sent?.();
    const rows = this.rows();
    this.opts.drafts.discard();
    this.set({ kind: 'sent', caseId: done.caseId, caseSecret: done.caseSecret, submittedAt, rows, payment }, '#receipt-title');
  }

  /** Asks the return channel (verified events only) whether the authority accepted the submission;
   * if so, the kept ciphertext is no longer needed. Any failure leaves it in place for next time. */
  private async dropIfAccepted(record: SubmissionRecord): Promise<void> {
    const { caseId, caseSecret } = record.state;
    if (!caseId || !caseSecret || !this.host.gateway) return;
    try {
      const { ReturnChannelClient } = await import('../../modules/return-channel/index.js');
      const channel = new ReturnChannelClient({ api: this.api(), caseId, caseSecret });
      const { status } = await channel.overview();
      if (status === 'accepted') submissionRecords.write(this.store!.model.id, { v: 1, state: record.state, submittedAt: record.submittedAt, payment: record.payment });
    } catch {
      /* offline or gateway down: keep the ciphertext and ask again on the next visit */
    }
  }

  private client(mod: SubmissionModule, onState?: (state: SubmissionState) => void,
    hooks?: Pick<import('../../modules/submission/index.js').SubmissionClientOptions, 'loadAttachment' | 'uploadAttachment'>,
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
    const progress = uploads.createProgress(record.files, record.state.sentAttachments, () => this.lang(),
      () => this.host.requestUpdate(), (message) => this.announce(message));
    this.uploads = { mod: uploads, progress };
    this.host.requestUpdate();
    return uploads.uploadHooks({
      formId: this.store!.model.id, key: destination.encryptionKey, files: record.files, progress,
    });
  }

  /** The gateway API all clients are built on. */
  private api(): URL {
    return gatewayApi(this.host.gateway!, document.baseURI);
  }

  private announce(message: string): void {
    this.host.announce(message);
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
          this.wake = () => { clearTimeout(timer); resolve(); };
        });
        this.wake = undefined;
      }
    }
  }

  private failed(error: unknown): void {
    console.error('ozg-form: the submission failed', error);
    let failed: Failure;
    if (error instanceof Error && error.name === 'GatewayError') {
      const { status, problem, retryAfter } = error as Error & { status: number; problem: Record<string, unknown>; retryAfter?: number };
      failed = { status, code: problem.code, total: problem.total, retryAfter };
    } else if (error instanceof TypeError) failed = { status: 0 }; // fetch: network failure
    else failed = error instanceof Error ? error.message : String(error);
    this.set({ kind: 'sending', retrying: false, failed }, '#submission-title');
  }

  private lang(): Lang {
    return this.opts.lang();
  }

  // ---- actions ------------------------------------------------------------------------------

  private retryNow = (): void => {
    if (this.wake) return this.wake();
    if (this.phase.kind === 'sending' && this.phase.failed !== undefined) {
      const record = submissionRecords.read(this.store!.model.id);
      if (record?.package) return void this.run(record);
      this.set({ kind: 'idle' });
      this.opts.backToReview();
    }
  };

  private back = (): void => {
    submissionRecords.forget(this.store!.model.id);
    // The gateway refused this one; what the person sends next is a new request under a new key.
    this.opts.drafts.renewApplicationId();
    this.set({ kind: 'idle' });
    this.opts.backToReview();
  };

  private restart = (): void => {
    submissionRecords.forget(this.store!.model.id);
    this.set({ kind: 'idle' });
    this.opts.restart();
  };

  private download = async (): Promise<void> => {
    if (this.phase.kind !== 'sent' || !this.phase.rows) return;
    const { caseId, submittedAt, rows, payment } = this.phase;
    const lang = this.lang();
    try {
      const { buildReceiptPdf } = await loadReceipt();
      const bytes = await buildReceiptPdf({
        lang, formTitle: text(this.store!.model.definition, 'title', lang) ?? '', caseId, submittedAt, rows,
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
    this.host.requestUpdate();
  };

  private mailboxUrl(): string {
    if (this.phase.kind !== 'sent') return '';
    const hash = `#case=${encodeURIComponent(this.phase.caseId)}&secret=${encodeURIComponent(this.phase.caseSecret)}`;
    return new URL(`${(this.host.mailbox || 'postfach.html').replace(/#.*$/, '')}${hash}`, document.baseURI).href;
  }

  /** The sending view or the receipt, which replace the form; undefined while the form is shown. */
  render(lang: Lang) {
    const phase = this.phase;
    if (phase.kind === 'idle') return undefined;
    if (phase.kind === 'sending') {
      const failed = typeof phase.failed === 'object' ? problemText(lang, phase.failed) : phase.failed;
      return renderSending(lang, { ...phase, failed }, { retryNow: this.retryNow, back: this.back },
        this.uploads?.mod.renderUploadProgress(this.uploads.progress, lang));
    }
    const view: ReceiptView = { ...phase, mailboxUrl: this.mailboxUrl() };
    return renderReceipt(view, lang, {
      download: phase.rows ? () => void this.download() : undefined,
      restart: this.restart,
      downloadError: this.downloadError,
    });
  }
}
