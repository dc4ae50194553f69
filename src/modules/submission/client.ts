import { apiBase } from '../gateway.js';
import { retryAfterSeconds } from '../retry-after.js';
import { CALL_TIMEOUT_MS, request, Retry } from '../retry.js';
import type { DestinationJwk } from './crypto.js';

/** What the gateway tells the browser about the destination (GET /gateway/v1/destination). */
export interface DestinationInfo {
  destinationId: string;
  encryptionKey: DestinationJwk;
  replyChannels: Record<string, unknown>;
  metadataVersions: string[];
  signingJwksUrl: string;
}

/** Saved by the caller (e.g. in the draft store) after every step so a submission can resume. */
export interface SubmissionState {
  idempotencyKey: string;
  /** The key the application paid under, when it is not idempotencyKey (the gateway binds that payment to it). */
  paymentKey?: string;
  submissionId?: string;
  caseId?: string;
  /** Capability secret for the return channel; keep it like a password. */
  caseSecret?: string;
  sentAttachments: string[];
  sent: boolean;
}

/** Everything already encrypted for the destination. */
export interface EncryptedSubmission {
  leika: string;
  serviceName?: string;
  /** The published definition (`$id`, SHA-256) the answers were given in; the gateway refuses an outdated one. */
  definition?: { formId: string; hash: string };
  encryptedMetadata: string;
  encryptedData: string;
  /** `encrypted` may be absent for large files; then `loadAttachment` supplies it when it is sent. */
  attachments: { attachmentId: string; encrypted?: string }[];
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  [k: string]: unknown;
}

export class GatewayError extends Error {
  override name = 'GatewayError';
  constructor(
    public readonly status: number,
    public readonly problem: Problem,
    public readonly retryAfter?: number,
    /** The URL that answered. */
    public readonly url?: string,
  ) {
    super(problem.detail ?? problem.title ?? `gateway answered ${status}`);
  }
}

export interface SubmissionClientOptions {
  /** Base URL of the server that hosts the gateway (the gateway lives under gateway/v1/). */
  baseUrl?: string | URL;
  /** The gateway API itself (e.g. https://example.org/gateway/v1/), wherever a deployment puts it; wins over baseUrl. */
  api?: string | URL;
  fetch?: typeof fetch;
  /** Attempts per request on network errors / 5xx / 429 (default 6). */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The retry loop to use instead of one built from attempts/baseDelayMs/maxDelayMs, e.g. one whose
   * waits the person sees and can cut short (modules/retry.ts). */
  retry?: Retry;
  /** How long each call may take, answer and body (default CALL_TIMEOUT_MS, 90 s); then it counts as
   * no answer and is tried again. Not for attachments: a large file may take longer on a slow line. */
  timeoutMs?: number;
  /** Called after each completed step with the new state; persist it. */
  onState?: (state: SubmissionState) => void | Promise<void>;
  /** The ciphertext (JWE) of an attachment the package does not carry: large files are encrypted one
   * at a time, right before their upload, so they never all sit in memory or in storage at once. */
  loadAttachment?: (attachmentId: string) => Promise<string | Blob>;
  /** Sends one attachment instead of `fetch`, e.g. with upload progress (modules/uploads). */
  uploadAttachment?: (
    url: URL,
    init: { headers: Record<string, string>; body: string | Blob },
    attachmentId: string,
  ) => Promise<Response>;
  /** Progress 0..1 for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/** The idempotency key of an application: its id (Draft.applicationId, which the login's nonce is
 * bound to) when given, else a fresh one; the caller stores it before the first attempt. */
export function createIdempotencyKey(applicationId?: string): string {
  return applicationId ?? crypto.randomUUID();
}

/**
 * Talks to the gateway: create -> attachments -> send, each step retried by the one retry loop
 * (modules/retry.ts) on failures time can fix, resumable from a saved SubmissionState.
 */
export class SubmissionClient {
  private readonly base: URL;
  private readonly fetchImpl: typeof fetch;
  private readonly retry: Retry;

  constructor(private readonly opts: SubmissionClientOptions) {
    this.base = apiBase(opts);
    this.fetchImpl = opts.fetch ?? ((...a) => fetch(...a));
    this.retry =
      opts.retry ??
      new Retry({
        attempts: opts.attempts ?? 6,
        baseDelayMs: opts.baseDelayMs ?? 500,
        maxDelayMs: opts.maxDelayMs ?? 15_000,
      });
  }

  private async call(
    path: string,
    init: RequestInit,
    send: (url: URL, init: RequestInit) => Promise<Response> = this.fetchImpl,
    /** 0: none. */
    timeoutMs = this.opts.timeoutMs ?? CALL_TIMEOUT_MS,
  ): Promise<Response> {
    const url = new URL(path, this.base);
    return this.retry.run(async () => {
      const res = await request(send, url, init, timeoutMs);
      if (res.ok) return res;
      const problem = (await res.json().catch(() => ({ status: res.status }))) as Problem;
      throw new GatewayError(res.status, problem, retryAfterSeconds(res.headers.get('retry-after')), url.href);
    });
  }

  async getDestination(): Promise<DestinationInfo> {
    return (
      await this.call('destination', { headers: { accept: 'application/json' } })
    ).json() as Promise<DestinationInfo>;
  }

  /**
   * Sends the submission, continuing from `state`. Returns the final state (sent: true). The same
   * idempotency key never creates a second submission, so calling this again after a crash is safe.
   */
  async submit(pkg: EncryptedSubmission, state: SubmissionState): Promise<Required<SubmissionState>> {
    let s: SubmissionState = { ...state, sentAttachments: [...state.sentAttachments] };
    const save = async (next: SubmissionState) => {
      s = next;
      await this.opts.onState?.({ ...s, sentAttachments: [...s.sentAttachments] });
    };
    const total = pkg.attachments.length + 2;
    const progress = () =>
      this.opts.onProgress?.((s.submissionId ? 1 : 0) + s.sentAttachments.length + (s.sent ? 1 : 0), total);

    if (!s.submissionId || !s.caseId || !s.caseSecret) {
      const res = await this.call('submissions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          idempotencyKey: s.idempotencyKey,
          leika: pkg.leika,
          ...(s.paymentKey ? { paymentKey: s.paymentKey } : {}),
          ...(pkg.serviceName ? { serviceName: pkg.serviceName } : {}),
          ...(pkg.definition ? { formId: pkg.definition.formId, definitionHash: pkg.definition.hash } : {}),
          announcedAttachments: pkg.attachments.map((a) => a.attachmentId),
        }),
      });
      const c = (await res.json()) as {
        submissionId: string;
        caseId: string;
        caseSecret: string;
        sentAttachments: string[];
        sent: boolean;
      };
      await save({
        ...s,
        submissionId: c.submissionId,
        caseId: c.caseId,
        caseSecret: c.caseSecret,
        sentAttachments: [...new Set([...s.sentAttachments, ...c.sentAttachments])],
        sent: s.sent || c.sent,
      });
    }
    progress();
    const auth = { 'x-case-secret': s.caseSecret! };
    for (const a of pkg.attachments) {
      if (s.sent || s.sentAttachments.includes(a.attachmentId)) continue;
      const body = a.encrypted ?? (await this.opts.loadAttachment?.(a.attachmentId));
      if (body === undefined) throw new Error(`attachment ${a.attachmentId}: no content to send`);
      const upload = this.opts.uploadAttachment;
      await this.call(
        `submissions/${s.submissionId}/attachments/${a.attachmentId}`,
        {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/jose' },
          body,
        },
        upload &&
          ((url, init) => upload(url, { headers: init.headers as Record<string, string>, body }, a.attachmentId)),
        0, // no time limit: a large file may take long on a slow line
      );
      await save({ ...s, sentAttachments: [...s.sentAttachments, a.attachmentId] });
      progress();
    }
    if (!s.sent) {
      await this.call(`submissions/${s.submissionId}`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ encryptedMetadata: pkg.encryptedMetadata, encryptedData: pkg.encryptedData }),
      });
      await save({ ...s, sent: true });
    }
    progress();
    return s as Required<SubmissionState>;
  }
}
