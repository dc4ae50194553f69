/** The inbox's view of an application's payment: what the gateway bound, the provider's status, the claim. */
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
