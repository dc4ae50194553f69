import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { KeyedQueue, WindowCounter } from './requests.js';
import { clientKey } from '../client-address.js';
import { computeFees, validatorAsOf, type FeeLine, type Lang } from 'ozg-form/rules';
import { HttpProblem } from '../problem.js';
import { takesPayments } from '../config.js';
import {
  toEuro,
  type PaymentRequest,
  type PaymentStatus,
  type PaymentTransaction,
} from '../standards/xbezahldienste.js';
import type { Gateway } from './index.js';
import { ProviderProblem } from './payment-provider.js';
import { limit } from '../security.js';
import { IDEMPOTENCY_KEY } from './schemas.js';

interface PaymentRow {
  idempotency_key: string;
  form_id: string;
  attempt: number;
  request_id: string;
  transaction_id: string | null;
  amount: number;
  items: string;
  status: PaymentStatus;
  information: string | null;
  created_at: number;
  updated_at: number;
  answers_hash: string | null;
}

/**
 * Payment attempts one application may start: a new one follows each change of the amount and each
 * cancelled or failed payment. XBezahldienste cannot cancel a transaction, so each stays payable and
 * every status call asks the provider about the replaced ones still open; without a bound, one key
 * could make every status call cost any number of provider requests.
 */
export const MAX_PAYMENT_ATTEMPTS = 10;

interface StartBody {
  idempotencyKey: string;
  formId: string;
  answers: Record<string, unknown>;
  expectedTotal: number;
  redirectUrl: string;
  lang?: Lang;
  definitionHash?: string;
}

const startBody = {
  type: 'object',
  additionalProperties: false,
  required: ['idempotencyKey', 'formId', 'answers', 'expectedTotal', 'redirectUrl'],
  properties: {
    idempotencyKey: { type: 'string', pattern: IDEMPOTENCY_KEY },
    formId: { type: 'string', minLength: 1, maxLength: 2000 },
    answers: { type: 'object' },
    /** What the person was shown, in cents; a different amount due is an error, never silently billed. */
    expectedTotal: { type: 'integer', minimum: 0 },
    redirectUrl: { type: 'string', minLength: 8, maxLength: 2000 },
    lang: { enum: ['de', 'en'] },
    /** SHA-256 of the published definition the page loaded (ETag of /gateway/v1/forms/…). */
    definitionHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
} as const;

/** The application's payment key travels in a header, not in the URL, so it stays out of access logs. */
const keyHeaders = {
  type: 'object',
  required: ['x-payment-key'],
  properties: { 'x-payment-key': { type: 'string', pattern: IDEMPOTENCY_KEY } },
} as const;
const langQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { lang: { enum: ['de', 'en'] } },
} as const;

/** XBezahldienste requestId (<= 36 characters) of an application's n-th payment attempt. */
function requestId(key: string, attempt: number): string {
  return `${createHash('sha256').update(key).digest('base64url').slice(0, 30)}-${attempt}`;
}

/** Only http(s) URLs from the provider are passed on for the browser to follow (no javascript:, data:, …). */
function safeRedirect(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    u = new URL('invalid:');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new HttpProblem(502, 'Bad Gateway', 'the payment provider sent a redirect URL that is not http(s)', {
      code: 'PROVIDER_UNAVAILABLE',
    });
  }
  return u.href;
}

const answersHash = (formId: string, answers: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify([formId, answers]))
    .digest('base64url');

/** ASCII for the purpose field ([\w\d\s-], <= 27). */
function purposeText(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/ß/g, 'ss')
      .replace(/[^A-Za-z0-9 -]/g, '')
      .trim()
      .slice(0, 27) || 'Verwaltungsgebuehr'
  );
}

/**
 * ePayment through the gateway: the browser names the form and sends the answers; the gateway loads
 * the published definition, computes the fee (schemas/fees.ts), creates the PaymentRequest at the
 * provider and keeps the transaction under the application's idempotency key, so a double click, the
 * back button or a second tab reuse it. Status answers come from the provider's GET, nothing else.
 */
export async function registerPaymentApi(r: FastifyInstance, gw: Gateway): Promise<void> {
  const { db, config } = gw.ctx;
  const { forms, provider } = gw;
  const queue = new KeyedQueue();
  // Each new application's payment is a transaction at the provider (a Kassenzeichen at the cash
  // office): per client only so many an hour, beyond the per-minute limit of the route.
  const newPayments = new WindowCounter(3600_000, config.rateLimits.newPaymentsPerHour);
  const sweep = setInterval(() => newPayments.sweep(), 600_000);
  sweep.unref();
  r.addHook('onClose', async () => clearInterval(sweep));
  const rowOf = (key: string): PaymentRow | undefined =>
    db.prepare<PaymentRow>('SELECT * FROM gw_payments WHERE idempotency_key = ?').get(key);

  const linesFor = (row: PaymentRow, lang: Lang): FeeLine[] => {
    const stored = JSON.parse(row.items) as { lines: Record<Lang, FeeLine[]> };
    return stored.lines[lang] ?? stored.lines.de;
  };
  const answer = (row: PaymentRow, tx: PaymentTransaction | undefined, lang: Lang) => {
    const info = tx?.paymentInformation;
    return {
      status: row.status,
      transactionId: row.transaction_id,
      transactionReference: info?.transactionReference,
      transactionUrl: info?.transactionUrl,
      transactionTimestamp: info?.transactionTimestamp,
      paymentMethod: info?.paymentMethod,
      // Where to send the person to pay; only while the transaction is open.
      redirectUrl: row.status === 'INITIAL' ? safeRedirect(info?.transactionRedirectUrl) : undefined,
      grosAmount: toEuro(row.amount),
      total: row.amount,
      lines: linesFor(row, lang),
    };
  };

  /** Asks the provider and records what it says. */
  const refresh = async (row: PaymentRow): Promise<{ row: PaymentRow; tx: PaymentTransaction }> => {
    // Paid on the page of an attempt this one replaced: that payment is the application's now.
    if (row.status !== 'PAYED' && (await gw.payments.adoptPaidAttempt(row.idempotency_key)))
      row = rowOf(row.idempotency_key)!;
    const tx = await provider.get(row.transaction_id!);
    const status = tx.paymentInformation.status;
    if (!['INITIAL', 'PAYED', 'FAILED', 'CANCELED'].includes(status)) {
      throw new HttpProblem(502, 'Bad Gateway', `payment provider reported an unknown status ${String(status)}`);
    }
    db.prepare('UPDATE gw_payments SET status = ?, information = ?, updated_at = ? WHERE idempotency_key = ?').run(
      status,
      JSON.stringify(tx.paymentInformation),
      Date.now(),
      row.idempotency_key,
    );
    return { row: rowOf(row.idempotency_key)!, tx };
  };

  r.post<{ Body: StartBody }>(
    '/payments',
    { config: limit(config.rateLimits.payments), schema: { body: startBody } },
    async (req, reply) => {
      const b = req.body;
      const lang: Lang = b.lang ?? 'de';
      // Fees and validation from exactly the published bytes the page loaded (else DEFINITION_OUTDATED).
      const form = forms.current(b.formId, b.definitionHash);
      const definition = forms.definition(form);
      // "today" as on any applicant's calendar now, not the server's time zone (date-tolerance.ts).
      const errors = validatorAsOf(forms.validator(form)).validateAll(b.answers);
      if (errors.length) {
        throw new HttpProblem(422, 'Unprocessable Content', 'the answers do not fit the form', {
          code: 'INVALID_ANSWERS',
          errors: errors.slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`),
        });
      }
      let fees;
      try {
        fees = computeFees(definition, b.answers, 'de');
      } catch {
        throw new HttpProblem(422, 'Unprocessable Content', 'the fee cannot be computed from these answers', {
          code: 'CALCULATION_ERROR',
        });
      }
      if (!fees || fees.policy === 'deferred' || fees.total === 0) {
        throw new HttpProblem(422, 'Unprocessable Content', 'nothing to pay online for this application', {
          code: 'NO_FEE',
        });
      }
      if (!takesPayments(config)) {
        // No provider configured (PAYMENT_PROVIDER_URL) and no stand-in: the person is told to contact
        // the authority (the NO_FEE sentence), the operator reads why in the log.
        req.log.error(
          { event: 'payment-not-configured', formId: b.formId },
          'a form asks for a payment, but no payment provider is configured (PAYMENT_PROVIDER_URL)',
        );
        // 422, not 503: asking again cannot help, so the form must not retry.
        throw new HttpProblem(422, 'Unprocessable Content', 'no payment provider is configured', {
          code: 'PAYMENT_NOT_CONFIGURED',
        });
      }
      if (b.expectedTotal !== fees.total) {
        throw new HttpProblem(409, 'Conflict', 'the amount shown is not the amount due', {
          code: 'AMOUNT_MISMATCH',
          total: fees.total,
        });
      }
      let redirect: URL;
      try {
        redirect = new URL(b.redirectUrl);
      } catch {
        throw new HttpProblem(400, 'Bad Request', 'redirectUrl is not a URL');
      }
      const allowed = config.payment.redirectOrigins.length
        ? config.payment.redirectOrigins
        : [new URL(gw.ctx.selfUrl()).origin];
      if (!/^https?:$/.test(redirect.protocol) || !allowed.includes(redirect.origin)) {
        throw new HttpProblem(422, 'Unprocessable Content', 'redirectUrl is not on an allowed origin', {
          code: 'REDIRECT_NOT_ALLOWED',
        });
      }
      const hash = answersHash(b.formId, b.answers);
      const items = JSON.stringify({ lines: { de: fees.lines, en: computeFees(definition, b.answers, 'en')!.lines } });

      const { code, body } = await queue.run(b.idempotencyKey, async () => {
        let row = rowOf(b.idempotencyKey);
        if (row && row.form_id !== b.formId)
          throw new HttpProblem(409, 'Conflict', 'idempotency key reused for another form');
        // A payment that carried an application already pays for those answers only.
        const bound = row?.transaction_id ? gw.payments.byTransaction(row.transaction_id) : undefined;
        if (bound && row!.answers_hash !== hash) {
          req.log.warn(
            { event: 'payment-refused', code: 'PAYMENT_ALREADY_USED' },
            'payment key replayed with other answers',
          );
          throw new HttpProblem(409, 'Conflict', 'this payment belongs to an application that was sent', {
            code: 'PAYMENT_ALREADY_USED',
          });
        }
        if (row && !bound)
          db.prepare('UPDATE gw_payments SET answers_hash = ? WHERE idempotency_key = ?').run(hash, b.idempotencyKey);
        if (row?.transaction_id) {
          const current = await refresh(row);
          row = current.row;
          if (row.status === 'PAYED') {
            if (row.amount !== fees.total) {
              throw new HttpProblem(409, 'Conflict', 'this application was paid with a different amount', {
                code: 'ALREADY_PAYED',
              });
            }
            return { code: 200, body: answer(row, current.tx, lang) };
          }
          // Open with the same amount: the same transaction (double click, back button, second tab).
          if (row.status === 'INITIAL' && row.amount === fees.total)
            return { code: 200, body: answer(row, current.tx, lang) };
          // Cancelled, failed, or the answers changed the amount: a new attempt for the same application.
        }
        const { n: attempts } = db
          .prepare<{ n: number }>('SELECT COUNT(*) AS n FROM gw_payment_attempts WHERE idempotency_key = ?')
          .get(b.idempotencyKey)!;
        if (attempts >= MAX_PAYMENT_ATTEMPTS) {
          req.log.warn({ event: 'payment-refused', code: 'TOO_MANY_ATTEMPTS', attempts }, 'payment attempts used up');
          throw new HttpProblem(409, 'Conflict', `at most ${MAX_PAYMENT_ATTEMPTS} payment attempts per application`, {
            code: 'TOO_MANY_ATTEMPTS',
          });
        }
        // Every new transaction at the provider is a Kassenzeichen at the cash office: counted per client and
        // hour, also a new attempt of an application already paying (answers changed back and forth made
        // ten transactions per application uncounted). Opening the same transaction again is not counted.
        const wait = newPayments.take(clientKey(req.ip));
        if (wait) {
          req.log.warn({ event: 'rate-limited', route: '/payments', code: 'NEW_PAYMENTS_PER_HOUR' }, 'new payments');
          throw new HttpProblem(429, 'Too Many Requests', 'too many new payments from this client this hour', {
            code: 'RATE_LIMITED',
            retryAfter: Math.ceil(wait / 1000),
          });
        }
        const purpose = purposeText(fees.purpose ?? (typeof definition.title === 'string' ? definition.title : ''));
        let attempt = (row?.attempt ?? 0) + 1;
        for (let tries = 0; ; tries++, attempt++) {
          const request: PaymentRequest = {
            requestId: requestId(b.idempotencyKey, attempt),
            requestTimestamp: new Date().toISOString(),
            currency: 'EUR',
            grosAmount: toEuro(fees.total),
            purpose,
            description: (typeof definition.title === 'string' ? definition.title : purpose).slice(0, 250),
            redirectUrl: redirect.href,
            items: fees.lines.map((l) => ({
              id: l.id,
              reference: l.id,
              description: l.description.slice(0, 250),
              taxRate: 0,
              quantity: l.quantity,
              singleNetAmount: toEuro(l.unitAmount),
              singleTaxAmount: 0,
              totalNetAmount: toEuro(l.amount),
              totalTaxAmount: 0,
            })),
          };
          let tx: PaymentTransaction;
          try {
            tx = await provider.create(request);
          } catch (error) {
            // A transaction for this requestId exists already (we created it but did not record it): next attempt.
            if (error instanceof ProviderProblem && error.code === 'PAYMENT_EXISTS' && tries < 3) continue;
            if (error instanceof ProviderProblem) {
              throw new HttpProblem(422, 'Rejected by the payment provider', error.message, { code: error.code });
            }
            throw error;
          }
          const now = Date.now();
          db.prepare(
            `INSERT INTO gw_payments (idempotency_key, form_id, attempt, request_id, transaction_id, amount, items, status,
            information, created_at, updated_at, answers_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (idempotency_key) DO UPDATE SET attempt = excluded.attempt, request_id = excluded.request_id,
            answers_hash = excluded.answers_hash,
            transaction_id = excluded.transaction_id, amount = excluded.amount, items = excluded.items, status = excluded.status,
            information = excluded.information, updated_at = excluded.updated_at`,
          ).run(
            b.idempotencyKey,
            b.formId,
            attempt,
            request.requestId,
            tx.paymentInformation.transactionId,
            fees.total,
            items,
            tx.paymentInformation.status,
            JSON.stringify(tx.paymentInformation),
            now,
            now,
            hash,
          );
          // Every attempt is kept: an earlier one whose page is still open can be paid after this one replaced it.
          db.prepare(
            `INSERT OR IGNORE INTO gw_payment_attempts (transaction_id, idempotency_key, attempt, request_id, amount, items,
            answers_hash, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            tx.paymentInformation.transactionId,
            b.idempotencyKey,
            attempt,
            request.requestId,
            fees.total,
            items,
            hash,
            tx.paymentInformation.status,
            now,
          );
          return { code: 201, body: answer(rowOf(b.idempotencyKey)!, tx, lang) };
        }
      });
      return reply.code(code).send(body);
    },
  );

  r.get<{ Headers: { 'x-payment-key': string }; Querystring: { lang?: Lang } }>(
    '/payments/status',
    {
      // Each call asks the payment provider: limited like the other reads of one application.
      config: limit(config.rateLimits.cases),
      schema: { headers: keyHeaders, querystring: langQuery },
    },
    async (req) => {
      const key = req.headers['x-payment-key'];
      const row = rowOf(key);
      if (!row?.transaction_id) throw new HttpProblem(404, 'Not Found', 'no payment for this application');
      const current = await queue.run(key, () => refresh(row));
      // Paid twice (the page of a replaced attempt in another tab): the person learns it on the receipt.
      const extraPaid = current.row.status === 'PAYED' ? await gw.payments.otherPaidAttempts(key) : [];
      return {
        ...answer(current.row, current.tx, req.query.lang ?? 'de'),
        ...(extraPaid.length ? { extraPaid } : {}),
      };
    },
  );
}
