import { html, nothing } from 'lit';
import { formatDate, t } from '../../modules/i18n/ui-texts.js';
import { childPointer } from '../../schemas/data.js';
import type { FormStore } from '../../schemas/store.js';
import { text } from '../../schemas/texts.js';
import type { FieldNode, Lang, StepModel } from '../../schemas/types.js';
import { formatAnswer } from '../form/review.js';
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
}

const SEPARATOR = ' – ';

function collect(
  store: FormStore,
  node: FieldNode,
  pointer: string,
  lang: Lang,
  path: string[],
  section: string,
  out: ReceiptRow[],
): void {
  if (!store.isShown(pointer)) return;
  const label = store.label(node);
  // A group titled like its step would only repeat the step heading.
  const own = path.length === 0 && label === section ? [] : [...path, label];
  if (node.kind === 'object') {
    for (const child of store.visibleChildren(node, pointer))
      collect(store, child, childPointer(pointer, child.key), lang, own, section, out);
    return;
  }
  if (node.kind === 'array') {
    const items = (store.value(pointer) as unknown[] | undefined) ?? [];
    if (items.length === 0) out.push({ section, label: own.join(SEPARATOR) || label, value: t(lang, 'notAnswered') });
    const itemTitle = text(node.schema, 'itemTitle', lang) ?? label;
    items.forEach((_, i) => {
      const itemPointer = childPointer(pointer, i);
      for (const child of store.visibleChildren(node.item, itemPointer)) {
        collect(
          store,
          child,
          childPointer(itemPointer, child.key),
          lang,
          [...path, `${itemTitle} ${i + 1}`],
          section,
          out,
        );
      }
    });
    return;
  }
  out.push({ section, label: own.join(SEPARATOR) || label, value: formatAnswer(node, store.value(pointer), lang) });
}

/** Every shown answer, step by step, as label/value rows for the receipt and its PDF. */
export function receiptRows(
  store: FormStore,
  steps: StepModel[],
  lang: Lang,
  stepTitle: (step: StepModel, index: number) => string,
): ReceiptRow[] {
  const out: ReceiptRow[] = [];
  steps.forEach((step, index) => {
    const section = stepTitle(step, index);
    for (const key of step.fields) {
      const node = store.model.root.children.find((c) => c.key === key);
      if (node) collect(store, node, childPointer('', key), lang, [], section, out);
    }
  });
  return out;
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
    <h3 id="receipt-title" class="step-title receipt-title" tabindex="-1">${t(lang, 'receiptTitle')}</h3>
    <div class="notice success">
      <p>${t(lang, 'receiptIntro')}</p>
    </div>
    <dl class="receipt-facts review">
      <div class="review-row">
        <dt>${t(lang, 'receiptCaseId')}</dt>
        <dd class="receipt-case-id">${view.caseId}</dd>
      </div>
      <div class="review-row">
        <dt>${t(lang, 'receiptReceivedAt')}</dt>
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
    ${
      actions.download
        ? html`<div class="actions">
            <button type="button" class="primary" part="button button-primary" @click=${actions.download}>
              ${t(lang, 'receiptDownload')}
            </button>
          </div>`
        : nothing
    }
    ${actions.downloadError ? html`<p class="error-message" role="alert">${t(lang, 'receiptDownloadFailed')}</p>` : nothing}
    <h4>${t(lang, 'receiptMailbox')}</h4>
    <p>${t(lang, 'receiptMailboxText')}</p>
    <p><a class="receipt-mailbox" href=${view.mailboxUrl}>${t(lang, 'receiptMailboxLink')}</a></p>
    <h4>${t(lang, 'receiptAnswers')}</h4>
    ${view.rows ? html`<div class="review">${renderRows(view.rows)}</div>` : html`<p>${t(lang, 'receiptNoAnswers')}</p>`}
    <div class="actions">
      <button type="button" class="secondary" part="button" @click=${actions.restart}>
        ${t(lang, 'newApplication')}
      </button>
    </div>
  </section>`;
}

/** While the application is on its way (or could not be sent). */
export function renderSending(
  lang: Lang,
  state: { retrying: boolean; failed?: string },
  actions: { retryNow: () => void; back: () => void },
  /** E.g. the progress of the files being uploaded. */
  progress: unknown = nothing,
) {
  return html`<section class="submission" part="submission" aria-labelledby="submission-title">
    <h3 id="submission-title" class="step-title" tabindex="-1">
      ${t(lang, state.failed === undefined ? 'sending' : 'sendFailed')}
    </h3>
    <div role="status" aria-live="polite">
      ${state.failed === undefined && state.retrying ? html`<p class="notice">${t(lang, 'sendRetrying')}</p>` : nothing}
    </div>
    ${
      state.failed !== undefined
        ? html`<p class="error-message" role="alert">${t(lang, 'sendFailedHint', { reason: state.failed })}</p>`
        : html`<p>${t(lang, 'sendingHint')}</p>`
    }
    ${progress}
    ${
      state.retrying || state.failed !== undefined
        ? html`<div class="actions">
            <button type="button" class="primary" part="button button-primary" @click=${actions.retryNow}>
              ${t(lang, 'sendRetryNow')}
            </button>
            ${
              state.failed !== undefined
                ? html`<button type="button" class="secondary" part="button" @click=${actions.back}>
                    ${t(lang, 'backToReview')}
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }
  </section>`;
}
