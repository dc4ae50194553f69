import { submissionRecords, type SubmissionRecord } from '../../modules/storage/records.js';
import { formatAmount } from '../../schemas/fees.js';
import type { Lang } from '../../schemas/types.js';
import type { ReceiptView } from './receipt.js';

/** The receipt's PDF is built by code fetched only when a person asks for it. */
const loadReceipt = () => import('../../modules/receipt/index.js');

/** The capability link to the case in `<ozg-mailbox>` (default page 'postfach.html'). */
export function mailboxLink(mailbox: string | undefined, caseId: string, caseSecret: string): string {
  const hash = `#case=${encodeURIComponent(caseId)}&secret=${encodeURIComponent(caseSecret)}`;
  return new URL(`${(mailbox || 'postfach.html').replace(/#.*$/, '')}${hash}`, document.baseURI).href;
}

/** Builds the acknowledgement of receipt as a PDF and hands it to the browser; false if it failed. */
export async function downloadReceipt(lang: Lang, formTitle: string, view: ReceiptView): Promise<boolean> {
  const { caseId, submittedAt, rows = [], payment, mailboxUrl } = view;
  try {
    const { buildReceiptPdf } = await loadReceipt();
    const bytes = await buildReceiptPdf({
      lang,
      formTitle,
      caseId,
      submittedAt,
      rows,
      mailboxUrl,
      ...(payment
        ? {
            payment: {
              reference: payment.reference,
              amount: formatAmount(payment.total, lang),
              extra: (payment.extra ?? []).map((p) => ({
                reference: p.transactionReference,
                amount: formatAmount(p.total, lang),
              })),
            },
          }
        : {}),
    });
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${lang === 'en' ? 'acknowledgement' : 'eingangsbestaetigung'}-${caseId}.pdf`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return true;
  } catch (error) {
    console.error('ozg-form: the receipt PDF could not be built', error);
    return false;
  }
}

/** Asks the return channel (verified events only) whether the authority accepted the submission;
 * if so, the kept ciphertext is no longer needed. Any failure leaves it in place for next time. */
export async function dropIfAccepted(formId: string, record: SubmissionRecord, api: URL): Promise<void> {
  const { caseId, caseSecret } = record.state;
  if (!caseId || !caseSecret) return;
  try {
    const { ReturnChannelClient } = await import('../../modules/return-channel/index.js');
    const channel = new ReturnChannelClient({ api, caseId, caseSecret });
    const { status } = await channel.overview();
    if (status === 'accepted')
      submissionRecords.write(formId, {
        v: 1,
        state: record.state,
        submittedAt: record.submittedAt,
        payment: record.payment,
      });
  } catch {
    /* offline or gateway down: keep the ciphertext and ask again on the next visit */
  }
}
