/**
 * The one retry loop of every gateway client (definition, submission, uploads, payment): it tells a
 * failure that time can fix (a network blip, 5xx, 429, 503) from one it cannot (CORS, 404, 401/403,
 * a 409/422 refusal, an answer that is not JSON), waits with growing, jittered pauses and honours
 * `Retry-After`, can be woken early ("Jetzt erneut versuchen") and aborted.
 */
import { retryAfterSeconds } from './retry-after.js';

/** Why a request failed, as far as a browser can tell. */
export type FailureCause =
  | 'offline' // navigator.onLine is false
  | 'network' // no answer at all: server down, wrong host or port, DNS, blocked by CSP …
  | 'cors' // the server answers, but not to this page's origin (see classifyFailure)
  | 'csp' // the page's Content-Security-Policy (connect-src) forbids the request
  | 'server' // 5xx
  | 'rate-limited' // 429
  | 'not-found' // 404, 410
  | 'unauthorized' // 401, 403
  | 'refused' // any other 4xx: 409, 422, 400 …
  | 'bad-response' // an answer that is not the JSON expected
  | 'chunk' // a part of ozg-form's own code could not be loaded
  | 'aborted'
  | 'other';

export interface Failure {
  /** Worth another attempt: time may fix it. */
  transient: boolean;
  cause: FailureCause;
  /** The URL asked, when known. */
  url?: string;
  /** HTTP status; absent when there was no answer. */
  status?: number;
  /** Seconds the server asked to wait (429, 503). */
  retryAfter?: number;
}

/** fetch() got no answer it may read (network failure or CORS) for `url`. A TypeError, as fetch's own. */
export class UnreachableError extends TypeError {
  override name = 'UnreachableError';
  constructor(
    readonly url: string,
    readonly reason?: unknown,
    readonly method = 'GET',
  ) {
    super(`no answer from ${url}`);
  }
}

/** Origin and method of requests to other origins that CORS let through on this page: a later failure
 * of the same kind is the network, not CORS (a page's CORS configuration does not change meanwhile). */
const passedCors = new Set<string>();
const corsKey = (url: string, method = 'GET') => `${new URL(url).origin} ${method.toUpperCase()}`;

/** How long a gateway call with no body or a small one may take, answer and body (`request`'s
 * `timeoutMs`): a gateway that takes the request and never answers is then "no answer", asked again.
 * Longer than the gateway's own limits for its calls to FIT-Connect (60 s) and the payment provider
 * (20 s): a slow service behind it is waited for, not asked twice. */
export const CALL_TIMEOUT_MS = 90_000;

/** Whether `error` is the end of a time limit (AbortSignal.timeout), not an abort. */
const timedOut = (error: unknown): boolean => error instanceof DOMException && error.name === 'TimeoutError';

/** Runs `fetch` and turns its network TypeError into an UnreachableError that knows the URL. With
 * `timeoutMs` (and no signal of the caller) the answer and its body must arrive in that time, or it
 * counts as no answer: not for large bodies, which a slow line may take longer to send. */
export async function request(
  fetchImpl: (url: URL, init: RequestInit) => Promise<Response>,
  url: URL,
  init: RequestInit = {},
  timeoutMs?: number,
): Promise<Response> {
  try {
    const res = await fetchImpl(
      url,
      timeoutMs && !init.signal ? { ...init, signal: AbortSignal.timeout(timeoutMs) } : init,
    );
    if (crossOrigin(url.href)) passedCors.add(corsKey(url.href, init.method));
    return res;
  } catch (error) {
    if ((error instanceof TypeError || timedOut(error)) && !(error instanceof UnreachableError))
      throw new UnreachableError(url.href, error, init.method);
    throw error;
  }
}

/** Whether `url` is served from another origin than the page. */
export function crossOrigin(url: string): boolean {
  try {
    return typeof location !== 'undefined' && new URL(url, location.href).origin !== location.origin;
  } catch {
    return false;
  }
}

/** How long the probe below waits: a server that does not answer in that time is not "there". */
export const PROBE_TIMEOUT_MS = 10_000;

/**
 * A request whose answer the page may not read can still be sent with `mode: 'no-cors'`: it resolves
 * with an opaque answer when the server answered at all, and rejects when nothing answered.
 */
export async function answersWithoutCors(url: string): Promise<boolean> {
  try {
    await fetch(url, {
      mode: 'no-cors',
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return true;
  } catch {
    return false;
  }
}

/** Origins the page's Content-Security-Policy refused a connection to (the browser reports it as an event). */
const refusedByCsp = new Set<string>();
if (typeof addEventListener === 'function')
  addEventListener('securitypolicyviolation', (event) => {
    const e = event as SecurityPolicyViolationEvent;
    if (!/^(connect|default)-src/.test(e.effectiveDirective)) return;
    try {
      refusedByCsp.add(new URL(e.blockedURI).origin);
    } catch {
      /* not a URL (e.g. "inline") */
    }
  });

const CHUNK_FAILURE = /dynamically imported module|importing a module script failed|error loading dynamically/i;

/** The URL of a lazily loaded part of ozg-form that failed to load, if `error` is such a failure. */
export function chunkFailure(error: unknown): string | undefined {
  if (!(error instanceof TypeError) || !CHUNK_FAILURE.test(error.message)) return undefined;
  return /(https?:\/\/\S+)/.exec(error.message)?.[1] ?? '';
}

function statusFailure(status: number, url?: string, retryAfter?: number): Failure {
  const base = { status, url, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  if (status === 429) return { ...base, transient: true, cause: 'rate-limited' };
  if (status >= 500 || status === 408) return { ...base, transient: true, cause: 'server' };
  if (status === 404 || status === 410) return { ...base, transient: false, cause: 'not-found' };
  if (status === 401 || status === 403) return { ...base, transient: false, cause: 'unauthorized' };
  return { ...base, transient: false, cause: 'refused' };
}

/**
 * What kind of failure `error` is. The browser hides a CORS failure behind the same TypeError as a
 * network failure, so this guesses, honestly: a request to another origin that got no readable
 * answer while the browser is online, where a `no-cors` request to the same URL does get an answer,
 * was refused by CORS (the server is there, it just does not allow this page) — unless a request of
 * the same method to the same origin passed CORS before on this page. A request the page's
 * own Content-Security-Policy forbade is known from the `securitypolicyviolation` event the browser
 * fires for it (the probe is refused too, so it is never taken for CORS). Anything else without an
 * answer counts as the network: time may fix it.
 */
export async function classifyFailure(
  error: unknown,
  probe: (url: string) => Promise<boolean> = answersWithoutCors,
): Promise<Failure> {
  if (error instanceof DOMException && error.name === 'AbortError') return { transient: false, cause: 'aborted' };
  const chunk = chunkFailure(error);
  if (chunk !== undefined) return { transient: false, cause: 'chunk', url: chunk || undefined };
  if (error instanceof SyntaxError) return { transient: false, cause: 'bad-response' };
  const e = error as { status?: unknown; retryAfter?: unknown; url?: unknown; method?: unknown; reason?: unknown };
  const url = typeof e?.url === 'string' ? e.url : undefined;
  // The time limit, itself or as the reason an error keeps (UnreachableError, a gateway client's own).
  const late = timedOut(error) || timedOut(e?.reason);
  if (error instanceof TypeError || e?.status === 0 || late) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false)
      return { transient: true, cause: 'offline', url };
    // No answer in time: the server took the request (CORS refuses at once), so no probe.
    if (late) return { transient: true, cause: 'network', url };
    const method = typeof e.method === 'string' ? e.method : undefined;
    if (url && crossOrigin(url) && !passedCors.has(corsKey(new URL(url, location.href).href, method))) {
      if (await probe(url)) return { transient: false, cause: 'cors', url };
      // The violation event is queued as a task: by the time the probe has failed too, it has arrived.
      if (refusedByCsp.has(new URL(url, location.href).origin)) return { transient: false, cause: 'csp', url };
    }
    return { transient: true, cause: 'network', url };
  }
  if (typeof e?.status === 'number' && e.status > 0)
    return statusFailure(e.status, url, typeof e.retryAfter === 'number' ? e.retryAfter : undefined);
  return { transient: false, cause: 'other', url };
}

/** The failure of an HTTP answer that is not ok (for clients that read the status themselves). */
export function failureOf(res: Response, url?: string): Failure {
  return statusFailure(res.status, url ?? res.url, retryAfterSeconds(res.headers.get('retry-after')));
}

export interface RetryOptions {
  /** Attempts in all (default: until it works or a permanent failure). */
  attempts?: number;
  /** First pause (default 1 s); it doubles per attempt up to maxDelayMs (default 30 s), half of it jittered. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Stops waiting and rejects with an AbortError. */
  signal?: AbortSignal;
  /** Tells a transient failure from a permanent one (default classifyFailure). */
  classify?: (error: unknown) => Promise<Failure> | Failure;
  /** Before each pause: the failure, the attempt that failed (0-based) and the pause in ms. */
  onRetry?: (failure: Failure, attempt: number, delayMs: number) => void;
  /** After a permanent failure (or the last attempt): the failure, then the error is thrown. */
  onGiveUp?: (failure: Failure, error: unknown) => void;
  /** After an attempt that worked following at least one failure. */
  onRecover?: () => void;
  random?: () => number;
}

/**
 * One retry loop, shared by the requests of one journey (e.g. the steps of a submission), so that
 * one "Jetzt erneut versuchen" wakes whichever request is waiting.
 */
export class Retry {
  private wake?: () => void;

  constructor(private readonly opts: RetryOptions = {}) {}

  /** Whether a request is waiting for its next attempt. */
  get waiting(): boolean {
    return this.wake !== undefined;
  }

  /** Ends the pause of a waiting request: it tries again at once. False when none was waiting. */
  now(): boolean {
    const wake = this.wake;
    wake?.();
    return wake !== undefined;
  }

  /** Runs `step` until it works, a permanent failure, the last attempt or the abort. */
  async run<T>(step: () => Promise<T>): Promise<T> {
    const { attempts = Infinity, baseDelayMs = 1_000, maxDelayMs = 30_000, signal } = this.opts;
    const random = this.opts.random ?? Math.random;
    let failed = false;
    let suspectedCors = false;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      try {
        const result = await step();
        if (failed) this.opts.onRecover?.();
        return result;
      } catch (error) {
        const failure = await (this.opts.classify ?? classifyFailure)(error);
        // A CORS verdict is a guess (classifyFailure): one more attempt confirms it, a blip would not repeat.
        const confirm = failure.cause === 'cors' && !suspectedCors;
        suspectedCors ||= failure.cause === 'cors';
        if ((!failure.transient && !confirm) || attempt + 1 >= attempts || signal?.aborted) {
          this.opts.onGiveUp?.(failure, error);
          throw error;
        }
        failed = true;
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
        const delay = Math.max((failure.retryAfter ?? 0) * 1000, backoff / 2 + random() * (backoff / 2));
        this.opts.onRetry?.(confirm ? { ...failure, transient: true } : failure, attempt, delay);
        await this.pause(delay, signal);
      }
    }
  }

  private pause(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', aborted);
        this.wake = undefined;
      };
      const aborted = () => {
        done();
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        done();
        resolve();
      }, ms);
      this.wake = () => {
        done();
        resolve();
      };
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }
}
