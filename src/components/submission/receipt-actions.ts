import { submissionRecords, type ReceiptPayment, type SubmissionRecord } from '../../modules/storage/records.js';
import { formatAmount } from '../../schemas/fees.js';
import type { Lang } from '../../schemas/types.js';
import type { ReceiptView } from './receipt.js';

/** The receipt's PDF is built by code fetched only when a person asks for it. */
const loadReceipt = () => import('../../modules/receipt/index.js');

/**
 * The capability link to the case in `<ozg-mailbox>` (default page 'postfach.html', relative to the page).
 * Only a web address (http, https) carries the case secret: a `mailbox` attribute such as `javascript:…`
 * would run on a click, so it is replaced by the default page and named in the console for the editors.
 */
export function mailboxLink(mailbox: string | undefined, caseId: string, caseSecret: string): string {
  const hash = `#case=${encodeURIComponent(caseId)}&secret=${encodeURIComponent(caseSecret)}`;
  let page: URL | undefined;
  try {
    page = new URL((mailbox || 'postfach.html').replace(/#.*$/, ''), document.baseURI);
  } catch {
    // not an address at all: the default below
  }
  if (!page || !/^https?:$/.test(page.protocol)) {
    console.error(
      `ozg-form: the attribute mailbox="${mailbox}" is no http(s) address; the receipt links to postfach.html.`,
    );
    page = new URL('postfach.html', document.baseURI);
  }
  return `${page.href}${hash}`;
}

/** Builds the acknowledgement of receipt as a PDF and hands it to the browser; false if it failed. */
export async function downloadReceipt(lang: Lang, formTitle: string, view: ReceiptView): Promise<boolean> {
  const { caseId, submittedAt, rows = [], payment, mailboxUrl, attachments } = view;
  try {
    const { buildReceiptPdf } = await loadReceipt();
    const bytes = await buildReceiptPdf({
      lang,
      formTitle,
      caseId,
      submittedAt,
      rows,
      mailboxUrl,
      ...(attachments ? { attachments } : {}),
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
        days: record.days,
        payment: record.payment,
      });
  } catch {
    /* offline or gateway down: keep the ciphertext and ask again on the next visit */
  }
}

/**
 * A receipt shown again asks whether the application was paid once more meanwhile: the page of a
 * replaced payment attempt, paid after all in another window, which then came back to this receipt.
 * The person learns that the authority refunds it (the case worker sees it in the inbox). Returns the
 * receipt's payment with those extra payments when they are new (and keeps it with the record), else
 * undefined.
 */
export async function addExtraPayments(
  gateway: string,
  formId: string,
  record: SubmissionRecord,
  lang: Lang,
): Promise<ReceiptPayment | undefined> {
  if (!record.payment?.key) return undefined;
  try {
    const { PaymentClient } = await import('../../modules/payment/index.js');
    const view = await new PaymentClient(gateway).status(record.payment.key, lang);
    const extra = view.extraPaid ?? [];
    // The record as it is now (the ciphertext may have gone meanwhile, or the person started a new
    // application): only its payment's extra is added, and only to the same case.
    const now = submissionRecords.read(formId);
    if (!extra.length || !now?.payment || now.state.caseId !== record.state.caseId) return undefined;
    if (JSON.stringify(now.payment.extra ?? []) === JSON.stringify(extra)) return undefined;
    const payment = { ...now.payment, extra };
    // Not a change of the application: the record keeps its date, so it still expires on time.
    submissionRecords.write(formId, { ...now, payment }, false);
    return payment;
  } catch {
    // Offline, or the gateway no longer knows the payment: the receipt stays as it was.
    return undefined;
  }
}
