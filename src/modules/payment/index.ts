/**
 * ePayment in the browser: talks to the gateway's /payments API only (never to the provider, never
 * with an amount of its own). The gateway computes the fee, creates the XBezahldienste transaction
 * and reports the provider's status.
 */
import type { FeeLine } from '../../schemas/fees.js';
import type { Lang } from '../../schemas/types.js';
import type { PaymentInformation } from '../submission/metadata.js';
import { gatewayApi } from '../gateway.js';
import { retryAfterSeconds } from '../retry-after.js';
import { CALL_TIMEOUT_MS, request, Retry, UnreachableError, type RetryOptions } from '../retry.js';

export type { PaymentInformation };

/** XBezahldienste status. Only PAYED counts as paid. */
export type PaymentStatus = 'INITIAL' | 'PAYED' | 'FAILED' | 'CANCELED';

/** What the gateway answers about an application's payment. */
export interface PaymentView {
  status: PaymentStatus;
  transactionId: string;
  /** Kassenzeichen: the reference under which the cash office books the payment. */
  transactionReference?: string;
  transactionUrl?: string;
  transactionTimestamp?: string;
  paymentMethod?: 'GIROPAY' | 'PAYDIRECT' | 'CREDITCARD' | 'PAYPAL' | 'OTHER';
  /** The provider's payment page; only while the transaction is open. */
  redirectUrl?: string;
  /** Euros, as sent to the provider. */
  grosAmount: number;
  /** Cents. */
  total: number;
  lines: FeeLine[];
  /** (Status only) Other attempts of this application the provider holds as paid: the page of an
   * attempt a new one replaced, paid after all in another tab. Money to pay back (cents, Kassenzeichen). */
  extraPaid?: ExtraPayment[];
}

/** A payment of the same application beside the one it is sent with. */
export interface ExtraPayment {
  total: number;
  transactionReference: string;
}

export interface PaymentProblem {
  title?: string;
  detail?: string;
  code?: string;
  status?: number;
  total?: number;
}

export class PaymentError extends Error {
  override name = 'PaymentError';
  constructor(
    readonly status: number,
    readonly problem: PaymentProblem,
    readonly retryAfter?: number,
    /** The URL asked, and how. */
    readonly url?: string,
    readonly method?: string,
    /** Why there was no answer (status 0), as UnreachableError keeps it: e.g. the time limit. */
    readonly reason?: unknown,
  ) {
    super(problem.detail ?? problem.title ?? `gateway answered ${status}`);
  }
  /** The provider or the gateway is down or overloaded: try again later, nothing is lost. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 0;
  }
}

export interface StartPayment {
  idempotencyKey: string;
  formId: string;
  answers: unknown;
  /** The total (cents) the person was shown; the gateway refuses to bill anything else. */
  expectedTotal: number;
  /** Where the provider sends the person back: the page the form is on. */
  redirectUrl: string;
  lang: Lang;
  /** SHA-256 of the published definition the fee was computed from (the gateway refuses an outdated one). */
  definitionHash?: string;
}

export class PaymentClient {
  private readonly base: URL;

  /**
   * `gateway`: the gateway API base, e.g. "/gateway/v1". `retry`: options of the one retry loop
   * (modules/retry.ts), e.g. to learn why it gave up. Starting a payment is tried once (the person
   * sees the failure and tries again); asking for the status, a few times. `timeoutMs`: how long each
   * call may take, answer and body, before it counts as no answer.
   */
  constructor(
    gateway: string,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
    private readonly retry: RetryOptions = {},
    private readonly timeoutMs = CALL_TIMEOUT_MS,
  ) {
    this.base = gatewayApi(gateway, document.baseURI);
  }

  private async call(path: string, init: RequestInit, attempts: number): Promise<PaymentView> {
    const url = new URL(path, this.base);
    const res = await new Retry({ baseDelayMs: 500, ...this.retry, attempts }).run(async () => {
      let res: Response;
      try {
        res = await request(
          this.fetchImpl,
          url,
          { ...init, cache: 'no-store', credentials: 'same-origin' },
          this.timeoutMs,
        );
      } catch (error) {
        const reason = error instanceof UnreachableError ? error.reason : error;
        throw new PaymentError(0, { title: 'network error' }, undefined, url.href, init.method, reason);
      }
      if (res.ok) return res;
      const problem = (await res.json().catch(() => ({}))) as PaymentProblem;
      throw new PaymentError(res.status, problem, retryAfterSeconds(res.headers.get('retry-after')), url.href);
    });
    const body = (await res.json()) as PaymentView;
    // Only an http(s) page of the provider is ever followed (never javascript:, data:, …).
    const view = body as PaymentView;
    if (view.redirectUrl !== undefined && !/^https?:$/.test(new URL(view.redirectUrl, this.base).protocol))
      delete view.redirectUrl;
    return view;
  }

  /** Creates the payment of an application, or returns the one it has (same key: same transaction). */
  start(input: StartPayment): Promise<PaymentView> {
    return this.call(
      'payments',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) },
      1,
    );
  }

  /** The provider's current status of the application's payment. */
  status(idempotencyKey: string, lang: Lang): Promise<PaymentView> {
    return this.call(`payments/status?lang=${lang}`, { headers: { 'x-payment-key': idempotencyKey } }, 3);
  }
}

/** `paymentInformation` of FIT-Connect metadata 1.x from a paid transaction: status PAYED -> BOOKED
 * (the metadata's name for a completed payment), the amount as `grossAmount` in euros, provider
 * methods the metadata does not list as OTHER with the provider's name in paymentMethodDetail. */
export function toMetadataPaymentInformation(view: PaymentView): PaymentInformation {
  const method = view.paymentMethod ?? 'OTHER';
  const known = method === 'CREDITCARD' || method === 'GIROPAY' || method === 'PAYPAL';
  return {
    transactionId: view.transactionId,
    transactionReference: view.transactionReference ?? view.transactionId,
    ...(view.transactionUrl ? { transactionUrl: view.transactionUrl } : {}),
    ...(view.transactionTimestamp ? { transactionTimestamp: view.transactionTimestamp } : {}),
    paymentMethod: known ? method : 'OTHER',
    ...(known ? {} : { paymentMethodDetail: method }),
    status: view.status === 'PAYED' ? 'BOOKED' : view.status,
    grossAmount: view.grosAmount,
  };
}
