import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db.js';
import { HttpProblem } from '../problem.js';
import { toCents } from '../standards/xbezahldienste.js';
import type { PaymentProviderClient } from './payment-provider.js';
import type { PublishedForms } from './published-forms.js';

export interface BindingRow {
  transaction_id: string;
  idempotency_key: string;
  payment_key: string;
  amount: number;
  reference: string | null;
  payment_method: string | null;
  bound_at: number;
}
interface PaymentRow {
  idempotency_key: string;
  form_id: string;
  transaction_id: string | null;
  amount: number;
  status: string;
}
interface AttemptRow {
  transaction_id: string;
  attempt: number;
  request_id: string;
  amount: number;
  items: string;
  answers_hash: string | null;
}
interface ApplicationRow {
  idempotency_key: string;
  leika: string;
  payment_key: string | null;
}

/**
 * Binds each payment to exactly one application (gw_payment_bindings: the transaction id is the primary
 * key, the application unique). Checked before an application is sent: a form whose fee policy is
 * `before-submission` needs a payment the provider reports PAYED, for the amount the gateway computed
 * from the answers, for a form of the same LeiKa key, and not bound to another application.
 */
export class PaymentBinding {
  constructor(
    private readonly db: Db,
    private readonly forms: PublishedForms,
    private readonly provider: PaymentProviderClient,
    private readonly log: FastifyBaseLogger,
  ) {}

  boundTo(idempotencyKey: string): BindingRow | undefined {
    return this.db
      .prepare<BindingRow>('SELECT * FROM gw_payment_bindings WHERE idempotency_key = ?')
      .get(idempotencyKey);
  }

  byTransaction(transactionId: string): BindingRow | undefined {
    return this.db.prepare<BindingRow>('SELECT * FROM gw_payment_bindings WHERE transaction_id = ?').get(transactionId);
  }

  private refuse(
    code: 'PAYMENT_REQUIRED' | 'PAYMENT_ALREADY_USED' | 'AMOUNT_MISMATCH',
    detail: string,
    app: ApplicationRow,
    extra: Record<string, unknown> = {},
  ): never {
    this.log.warn({ event: 'payment-refused', code, leika: app.leika }, detail);
    throw new HttpProblem(409, 'Conflict', detail, { code, ...extra });
  }

  /**
   * XBezahldienste cannot cancel a transaction, so an attempt replaced by a new one (the answers changed
   * the amount) stays payable on its page, for instance in another tab. When such an earlier attempt has
   * been paid and the current one has not, the application's payment becomes that one: the money is not
   * lost, and the receiver's fee check shows the difference to the amount now due. True when it adopted one.
   */
  async adoptPaidAttempt(key: string): Promise<boolean> {
    const current = this.db.prepare<PaymentRow>('SELECT * FROM gw_payments WHERE idempotency_key = ?').get(key);
    if (!current?.transaction_id || current.status === 'PAYED') return false;
    const earlier = this.db
      .prepare<AttemptRow>(
        `SELECT * FROM gw_payment_attempts WHERE idempotency_key = ? AND transaction_id != ? AND status = 'INITIAL'
        ORDER BY attempt DESC`,
      )
      .all(key, current.transaction_id);
    for (const attempt of earlier) {
      const info = await this.askAboutAttempt(attempt.transaction_id);
      if (info.status !== 'PAYED') continue;
      this.db
        .prepare(
          `UPDATE gw_payments SET attempt = ?, request_id = ?, transaction_id = ?, amount = ?, items = ?, answers_hash = ?,
          status = 'PAYED', information = ?, updated_at = ? WHERE idempotency_key = ?`,
        )
        .run(
          attempt.attempt,
          attempt.request_id,
          attempt.transaction_id,
          attempt.amount,
          attempt.items,
          attempt.answers_hash,
          JSON.stringify(info),
          Date.now(),
          key,
        );
      this.log.warn(
        { event: 'payment-earlier-attempt-paid', transactionId: attempt.transaction_id, amount: attempt.amount },
        'an earlier payment attempt of this application was paid after a new one replaced it',
      );
      return true;
    }
    return false;
  }

  /**
   * The other attempts of this application that the provider holds as PAYED: the page of an attempt a
   * new one replaced, paid after all (another tab), next to the application's own payment. Each is money
   * to pay back; the inbox says so to the case worker (`payment-extra`), and the tab that paid it says
   * so to the person. Asks the provider about each attempt that is open or paid (the Kassenzeichen of a
   * paid one is the provider's); one it cannot answer about is left out.
   */
  async otherPaidAttempts(key: string): Promise<{ total: number; transactionReference: string }[]> {
    const current = this.db.prepare<PaymentRow>('SELECT * FROM gw_payments WHERE idempotency_key = ?').get(key);
    if (!current?.transaction_id) return [];
    const others = this.db
      .prepare<AttemptRow>(
        `SELECT * FROM gw_payment_attempts WHERE idempotency_key = ? AND transaction_id != ?
        AND status IN ('INITIAL', 'PAYED') ORDER BY attempt`,
      )
      .all(key, current.transaction_id);
    const paid: { total: number; transactionReference: string }[] = [];
    for (const attempt of others) {
      // An old attempt the provider cannot tell about now (down, or expired there) is skipped: the
      // application's own payment answers as before, and the inbox still checks it later.
      let info: Awaited<ReturnType<PaymentBinding['askAboutAttempt']>>;
      try {
        info = await this.askAboutAttempt(attempt.transaction_id);
      } catch (error) {
        this.log.warn(
          { event: 'payment-attempt-unknown', transactionId: attempt.transaction_id, err: error },
          'the payment provider could not tell the status of an earlier attempt',
        );
        continue;
      }
      if (info.status === 'PAYED')
        paid.push({ total: attempt.amount, transactionReference: info.transactionReference ?? attempt.transaction_id });
    }
    return paid;
  }

  /** The provider's payment information of an attempt, its status recorded with the attempt. */
  private async askAboutAttempt(transactionId: string) {
    const info = (await this.provider.get(transactionId)).paymentInformation;
    this.db
      .prepare('UPDATE gw_payment_attempts SET status = ? WHERE transaction_id = ?')
      .run(info.status, transactionId);
    return info;
  }

  /** Checks and records the application's payment; throws 409 problems with a `code`. */
  async bind(app: ApplicationRow): Promise<BindingRow | undefined> {
    const done = this.boundTo(app.idempotency_key);
    if (done) return done;
    const required = this.forms.paymentBeforeSubmission(app.leika);
    const key = app.payment_key ?? app.idempotency_key;
    await this.adoptPaidAttempt(key);
    const pay = this.db.prepare<PaymentRow>('SELECT * FROM gw_payments WHERE idempotency_key = ?').get(key);
    if (!pay?.transaction_id) {
      if (required)
        this.refuse('PAYMENT_REQUIRED', 'this form is paid before it is sent; no payment for this application', app);
      return undefined;
    }
    const other = this.byTransaction(pay.transaction_id);
    if (other) this.refuse('PAYMENT_ALREADY_USED', 'this payment belongs to another application', app);
    const tx = await this.provider.get(pay.transaction_id);
    const info = tx.paymentInformation;
    this.db
      .prepare('UPDATE gw_payments SET status = ?, information = ?, updated_at = ? WHERE idempotency_key = ?')
      .run(info.status, JSON.stringify(info), Date.now(), key);
    if (info.status !== 'PAYED') {
      if (required) this.refuse('PAYMENT_REQUIRED', `the payment is ${info.status}, not PAYED`, app);
      return undefined;
    }
    if (toCents(tx.paymentRequest.grosAmount) !== pay.amount) {
      this.refuse('AMOUNT_MISMATCH', 'the provider holds another amount than the fee computed from the answers', app, {
        total: pay.amount,
      });
    }
    if (this.forms.leikaOf(pay.form_id) !== app.leika) {
      if (required) this.refuse('PAYMENT_REQUIRED', 'the payment is for another service', app);
      return undefined;
    }
    try {
      this.db
        .prepare(
          `INSERT INTO gw_payment_bindings (transaction_id, idempotency_key, payment_key, amount, reference, payment_method, bound_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          pay.transaction_id,
          app.idempotency_key,
          key,
          pay.amount,
          info.transactionReference ?? null,
          info.paymentMethod ?? null,
          Date.now(),
        );
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
        this.refuse('PAYMENT_ALREADY_USED', 'this payment belongs to another application', app);
      }
      throw error;
    }
    return this.boundTo(app.idempotency_key);
  }
}
