/** The inbox's view of an application's payment: what the gateway bound, the provider's status, the claim. */
import { formatAmount as euro } from 'ozg-form/rules';
import type { Db } from '../../db.js';

/** The payment the applicant's encrypted metadata claims (XBezahldienste fields, FIT-Connect metadata). */
export interface ClaimedPayment {
  transactionId?: string;
  transactionReference?: string;
  grossAmount?: number;
  paymentMethod?: string;
  status?: string;
}

/**
 * The payment as the gateway bound it to this application (its own record, not what the applicant's
 * encrypted metadata claims), the provider's status, and what of the claim does not match.
 */
export function paymentView(db: Db, sid: string, claimed: ClaimedPayment | undefined) {
  const bound = db
    .prepare<{ transaction_id: string; amount: number; reference: string | null; payment_method: string | null }>(
      `SELECT b.transaction_id, b.amount, b.reference, b.payment_method FROM gw_payment_bindings b
     JOIN gw_submissions s ON s.idempotency_key = b.idempotency_key WHERE s.submission_id = ?`,
    )
    .get(sid);
  if (!bound && !claimed) return undefined;
  const tx = bound
    ? db
        .prepare<{ status: string; request: string }>(
          'SELECT status, request FROM xb_transactions WHERE transaction_id = ?',
        )
        .get(bound.transaction_id)
    : undefined;
  const mismatch: string[] = [];
  if (claimed && !bound) mismatch.push('not bound by the gateway');
  if (claimed && bound) {
    if (claimed.transactionId !== bound.transaction_id) mismatch.push('transactionId');
    if (claimed.transactionReference !== (bound.reference ?? undefined)) mismatch.push('transactionReference');
    if (typeof claimed.grossAmount !== 'number' || Math.round(claimed.grossAmount * 100) !== bound.amount)
      mismatch.push('grossAmount');
  }
  return {
    ...(bound
      ? {
          transactionId: bound.transaction_id,
          transactionReference: bound.reference ?? undefined,
          grossAmount: bound.amount / 100,
          paymentMethod: bound.payment_method ?? undefined,
          status: tx?.status === 'PAYED' ? 'BOOKED' : tx?.status,
          providerStatus: tx?.status ?? 'unknown',
          providerAmount: tx ? (JSON.parse(tx.request) as { grosAmount: number }).grosAmount : undefined,
        }
      : { providerStatus: 'unknown' }),
    boundByGateway: !!bound,
    claimed,
    mismatch,
  };
}

/**
 * Payments of this application beyond the one the gateway bound: XBezahldienste cannot cancel a
 * transaction, so the page of an attempt that a new one replaced stays payable (another tab), and an
 * application sent without its optional payment can still be paid on an open page. Each such attempt
 * the provider holds as PAYED is money to pay back, or to count, before deciding. The stand-in reads
 * the provider's own records; a case system finds them in the provider's booking report.
 */
export function extraPayments(db: Db, sid: string) {
  const app = db
    .prepare<{ idempotency_key: string; payment_key: string | null }>(
      'SELECT idempotency_key, payment_key FROM gw_submissions WHERE submission_id = ?',
    )
    .get(sid);
  if (!app) return [];
  const bound = db
    .prepare<{ transaction_id: string }>('SELECT transaction_id FROM gw_payment_bindings WHERE idempotency_key = ?')
    .get(app.idempotency_key);
  const paid = db
    .prepare<{ transaction_id: string; amount: number; reference: string | null }>(
      `SELECT a.transaction_id, a.amount, x.reference FROM gw_payment_attempts a
       JOIN xb_transactions x ON x.transaction_id = a.transaction_id
       WHERE a.idempotency_key = ? AND x.status = 'PAYED' ORDER BY a.attempt`,
    )
    .all(app.payment_key ?? app.idempotency_key)
    .filter((row) => row.transaction_id !== bound?.transaction_id);
  return paid.map((row) => {
    const ref = row.reference ?? row.transaction_id;
    return {
      code: 'payment-extra' as const,
      text: {
        de: bound
          ? `Für diesen Antrag wurde ein weiteres Mal bezahlt: ${euro(row.amount, 'de')} (Kassenzeichen ${ref}). Bitte erstatten.`
          : `Für diesen Antrag ist nach dem Absenden eine Zahlung eingegangen: ${euro(row.amount, 'de')} (Kassenzeichen ${ref}).`,
        en: bound
          ? `This application was paid for once more: ${euro(row.amount, 'en')} (reference ${ref}). Please refund it.`
          : `A payment for this application arrived after it was sent: ${euro(row.amount, 'en')} (reference ${ref}).`,
      },
    };
  });
}
