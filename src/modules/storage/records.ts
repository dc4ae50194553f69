/**
 * What the form keeps in this browser per form besides the draft, under one naming scheme: the
 * submission record (ciphertext and ids, never answers) and the payment record (the application's
 * payment key). A few bytes each, so the form can tell without loading code whether it is needed.
 */
import type { ExtraPayment } from '../payment/index.js';
import type { EncryptedSubmission, SubmissionState } from '../submission/index.js';
import { expired } from '../drafts/draft-store.js';
import { readJson, readRaw, removeKey, writeJson } from './local.js';

export const SUBMISSION_RECORD_PREFIX = 'ozg-form:submission:';
export const PAYMENT_RECORD_PREFIX = 'ozg-form:payment:';

/** The fee paid before sending (Kassenzeichen and amount in cents), for the receipt. */
export interface ReceiptPayment {
  reference: string;
  total: number;
  /** The application's payment key: a receipt shown again asks the gateway with it whether the
   * application was paid once more meanwhile (the page of a replaced attempt, in another window). */
  key?: string;
  /** Paid once more for this application (another window), as the gateway names it: to be paid back. */
  extra?: ExtraPayment[];
}

/** What is kept per form while sending and after: ciphertext and ids, never answers. */
export interface SubmissionRecord {
  v: 1;
  /** Everything encrypted for the destination; kept until the authority has accepted the
   * submission (FIT-Connect: the sender keeps the content until then, so it can be sent again
   * without typing it again), then dropped. */
  package?: EncryptedSubmission;
  state: SubmissionState;
  /** The files behind the package's attachments (ids, names, sizes; no bytes): their ciphertext is
   * made from the draft's stored files at upload, since localStorage cannot hold it. */
  files?: { attachmentId: string; filename: string; size: number }[];
  /** When the gateway confirmed the send (ISO). */
  submittedAt?: string;
  /** When the record was last written (ISO); with submittedAt, what its expiry counts from. */
  savedAt?: string;
  /** The page's draft-days when it was written: other forms' pages remove it after them
   * (draft-store.ts: sweepExpired). */
  days?: number;
  payment?: ReceiptPayment;
}

/** The application's payment key and whether the person was sent to the provider's page. With it,
 * a return from the provider, a reload or a second tab find the same transaction. */
export interface PaymentRecord {
  v: 1;
  key: string;
  redirected?: boolean;
  /** When it was last written (ISO); it expires like the draft. */
  savedAt?: string;
  /** The page's draft-days (see SubmissionRecord.days). */
  days?: number;
}

export const submissionRecords = {
  read(formId: string): SubmissionRecord | undefined {
    const record = readJson<SubmissionRecord>(SUBMISSION_RECORD_PREFIX + formId);
    return record?.v === 1 && typeof record.state?.idempotencyKey === 'string' ? record : undefined;
  },
  /** Storage full or off: the submission still goes out, it just cannot resume after a reload.
   * `touch`: the record counts as written now (its expiry starts again); false keeps its date. */
  write: (formId: string, record: SubmissionRecord, touch = true): void =>
    void writeJson(
      SUBMISSION_RECORD_PREFIX + formId,
      touch ? { ...record, savedAt: new Date().toISOString() } : record,
    ),
  forget: (formId: string): void => removeKey(SUBMISSION_RECORD_PREFIX + formId),
  /** Whether a submission of this form is under way or was sent from this browser. */
  exists: (formId: string): boolean => readRaw(SUBMISSION_RECORD_PREFIX + formId) !== undefined,
};

export const paymentRecords = {
  read(formId: string): PaymentRecord | undefined {
    const record = readJson<PaymentRecord>(PAYMENT_RECORD_PREFIX + formId);
    return record?.v === 1 && typeof record.key === 'string' ? record : undefined;
  },
  write: (formId: string, record: PaymentRecord): void => void writeJson(PAYMENT_RECORD_PREFIX + formId, record),
  /** The application was sent or discarded: the next one pays anew. */
  forget: (formId: string): void => removeKey(PAYMENT_RECORD_PREFIX + formId),
  /** Whether this browser sent the person to the payment provider for this form and awaits the outcome. */
  awaited: (formId: string): boolean => /"redirected":true/.test(readRaw(PAYMENT_RECORD_PREFIX + formId) ?? ''),
};

/** Forgets the submission record (and with it the case secret) and the payment record of a form last
 * written more than `days` days ago: a shared computer in a Bürgerbüro does not keep them for long,
 * and the next person does not continue an earlier person's payment. Records without a date stay. */
export function expireRecords(formId: string, days: number): void {
  for (const key of [SUBMISSION_RECORD_PREFIX + formId, PAYMENT_RECORD_PREFIX + formId]) {
    const record = readJson<{ savedAt?: string; submittedAt?: string }>(key);
    const at = record?.savedAt ?? record?.submittedAt;
    if (at && expired(at, days)) removeKey(key);
  }
}

/** Removes everything this browser keeps about one form's application but the draft. */
export function forgetRecords(formId: string): void {
  submissionRecords.forget(formId);
  paymentRecords.forget(formId);
}
