import { st } from './texts.js';
import { html, nothing } from 'lit';
import { answerWords, formatDate } from '../../modules/i18n/ui-texts.js';
import type { FormStore } from '../../schemas/store.js';
import type { Lang, StepModel } from '../../schemas/types.js';
import { answerRows } from '../../schemas/answer-rows.js';
import { formatAmount } from '../../schemas/fees.js';
import { pt } from '../payment/payment-texts.js';
import type { ReceiptPayment } from '../../modules/storage/records.js';

/** One answer as the receipt shows it (same shape as the PDF's ReceiptRow, without importing PDFKit). */
export interface ReceiptRow {
  section?: string;
  label: string;
  value: string;
}

/** What the receipt shows; everything but `rows` is kept in the browser after sending. */
export interface ReceiptView {
  caseId: string;
  caseSecret: string;
  submittedAt: Date;
  /** The answers, while they are still known (not after a reload: plain answers are not kept). */
  rows?: ReceiptRow[];
  mailboxUrl: string;
  /** The fee paid before sending. */
  payment?: ReceiptPayment;
  /** The files sent with it (undefined: not known, after a reload). */
  attachments?: { filename: string; size: number }[];
}

/** Every shown answer, step by step, as label/value rows for the receipt and its PDF. */
export function receiptRows(
  store: FormStore,
  steps: StepModel[],
  lang: Lang,
  stepTitle: (step: StepModel, index: number) => string,
): ReceiptRow[] {
  return answerRows(store, steps, lang, answerWords(lang), stepTitle);
}

function renderRows(rows: ReceiptRow[]) {
  const sections: { title: string; rows: ReceiptRow[] }[] = [];
  for (const row of rows) {
    const last = sections[sections.length - 1];
    if (last && last.title === (row.section ?? '')) last.rows.push(row);
    else sections.push({ title: row.section ?? '', rows: [row] });
  }
  return sections.map(
    (s) =>
      html`<section class="review-section">
        ${s.title ? html`<h5>${s.title}</h5>` : nothing}
        <dl>
          ${s.rows.map(
            (r) =>
              html`<div class="review-row">
                <dt>${r.label}</dt>
                <dd>${r.value}</dd>
              </div>`,
          )}
        </dl>
      </section>`,
  );
}

export interface ReceiptActions {
  download?: () => void;
  restart: () => void;
  downloadError?: boolean;
}

/** The acknowledgement of receipt on screen: it replaces the form once the submission is sent. */
export function renderReceipt(view: ReceiptView, lang: Lang, actions: ReceiptActions) {
  return html`<section class="receipt" part="receipt" aria-labelledby="receipt-title">
    <h3 id="receipt-title" class="step-title receipt-title" tabindex="-1">${st(lang, 'receiptTitle')}</h3>
    <div class="notice success">
      <p>${st(lang, 'receiptIntro')}</p>
    </div>
    <dl class="receipt-facts review">
      <div class="review-row">
        <dt>${st(lang, 'receiptCaseId')}</dt>
        <dd class="receipt-case-id">${view.caseId}</dd>
      </div>
      <div class="review-row">
        <dt>${st(lang, 'receiptReceivedAt')}</dt>
        <dd>${formatDate(lang, view.submittedAt)}</dd>
      </div>
      ${
        view.payment
          ? html`<div class="review-row">
                <dt>${pt(lang, 'receiptPayment')}</dt>
                <dd class="receipt-amount">${formatAmount(view.payment.total, lang)}</dd>
              </div>
              <div class="review-row">
                <dt>${pt(lang, 'receiptReference')}</dt>
                <dd class="receipt-reference">${view.payment.reference}</dd>
              </div>`
          : nothing
      }
    </dl>
    ${(view.payment?.extra ?? []).map(
      (extra) =>
        html`<p class="notice receipt-extra-payment" part="payment-extra">
          ${pt(lang, 'receiptExtraPayment', { amount: formatAmount(extra.total, lang), reference: extra.transactionReference })}
        </p>`,
    )}
    ${
      actions.download
        ? html`<div class="actions">
            <button type="button" class="primary" part="button button-primary" @click=${actions.download}>
              ${st(lang, 'receiptDownload')}
            </button>
          </div>`
        : nothing
    }
    ${actions.downloadError ? html`<p class="error-message" role="alert">${st(lang, 'receiptDownloadFailed')}</p>` : nothing}
    <h4>${st(lang, 'receiptMailbox')}</h4>
    <p>${st(lang, 'receiptMailboxText')}</p>
    <p><a class="receipt-mailbox" href=${view.mailboxUrl}>${st(lang, 'receiptMailboxLink')}</a></p>
    <h4>${st(lang, 'receiptAnswers')}</h4>
    ${view.rows ? html`<div class="review">${renderRows(view.rows)}</div>` : html`<p>${st(lang, 'receiptNoAnswers')}</p>`}
    <div class="actions">
      <button type="button" class="secondary" part="button" @click=${actions.restart}>
        ${st(lang, 'newApplication')}
      </button>
    </div>
  </section>`;
}
