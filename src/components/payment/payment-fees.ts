import { css, html, nothing, type CSSResult } from 'lit';
import { checkFees } from '../../schemas/check-fees.js';
import { computeFees, feeRules, formatAmount, type FeeKind, type FeeResult } from '../../schemas/fees.js';
import type { FormStore } from '../../schemas/store.js';
import type { Lang } from '../../schemas/types.js';
import { feeText, pt } from './payment-texts.js';

/**
 * The fee of a form (`x-ozg.fees`): the bill for the current answers and its table, on the review page
 * and in the payment step. Loaded only for forms with fees.
 */

export const feesStyles: CSSResult = css`
  .fees {
    width: 100%;
    border-collapse: collapse;
    margin: 0.5rem 0 1rem;
  }
  .fees caption {
    text-align: start;
    font-weight: 700;
    font-size: 1.125rem;
    margin-bottom: 0.25rem;
  }
  .fees th,
  .fees td {
    text-align: start;
    padding: 0.375rem 0.5rem 0.375rem 0;
    border-bottom: 1px solid var(--_border, #6f6f6f);
    vertical-align: top;
  }
  /* Quantities, amounts and their headings ("Anzahl", "Betrag") keep to one line and take only the
     width they need; the description gets the rest and wraps, hyphenated (tokens: hyphens). */
  .fees .num {
    width: 1%;
    text-align: end;
    white-space: nowrap;
  }
  /* "13 × 31 × 0,50 €" under "Menge × Preis": how the amount came about. On a narrow screen the cell
     and its heading break at their spaces, the description keeps the room. */
  .fees .calc {
    width: auto;
    white-space: normal;
  }
  /* Long descriptions must not push a 320 px screen sideways (WCAG 1.4.10): their width does not
     count for the table's smallest width. */
  .fees td:first-child {
    overflow-wrap: anywhere;
  }
  .fees tfoot th,
  .fees tfoot td {
    font-weight: 700;
    border-bottom: 0;
  }
  .payment .problem {
    border-left-color: var(--_error, #b3001b);
  }
`;

/** A bill, and what it is for: a fee, or a tax (`x-ozg.fees.kind`), which changes the words only. */
export type Bill = FeeResult & { kind?: FeeKind };

/** The bill for the current answers. */
export function feesOf(store: FormStore, lang: Lang): Bill | undefined {
  const fees = computeFees(store.model.definition, store.visibleData(), lang);
  return fees && { ...fees, kind: feeRules(store.model.definition)?.kind };
}

/** Whether confirming leads to the payment step (a fee due now or optionally now, and a gateway). */
export function needsPayment(store: FormStore, lang: Lang, gateway: string | undefined): boolean {
  return paysNow(feesOf(store, lang), gateway);
}

/** needsPayment for a bill already computed (the review page computes it once for table and button). */
export function paysNow(fees: Bill | undefined, gateway: string | undefined): boolean {
  return !!gateway && !!fees && fees.policy !== 'deferred' && fees.total > 0;
}

/** The review page's button when confirming leads to the payment step: "Weiter zur Bezahlung". */
export const toPaymentLabel = (lang: Lang): string => pt(lang, 'toPayment');

/** For the author: a fee rule that points nowhere would bill nothing for it. */
export function reportFeeMistakes(store: FormStore): void {
  const mistakes = checkFees(store.model.definition as Record<string, unknown>);
  if (mistakes.length)
    console.error(`ozg-form: x-ozg.fees:\n${mistakes.map((p) => `${p.pointer}: ${p.message.en}`).join('\n')}`);
}

/** The fee lines and the total; on the review page and in the payment step. */
export function renderFees(fees: Bill | undefined, lang: Lang, policyNote: boolean) {
  if (!fees) return nothing;
  const policy = { 'before-submission': 'feesBefore', optional: 'feesOptional', deferred: 'feesDeferred' } as const;
  return html`<section class="fees-summary" part="fees">
    ${
      fees.lines.length === 0
        ? html`<h4>${feeText(fees, lang, 'feesTitle')}</h4>
            <p>${feeText(fees, lang, 'feesNone')}</p>`
        : html`<table class="fees">
              <caption>
                ${feeText(fees, lang, 'feesTitle')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${pt(lang, 'feeItem')}</th>
                  <th scope="col" class="num calc">${pt(lang, 'feeQuantity')}</th>
                  <th scope="col" class="num">${pt(lang, 'feeAmount')}</th>
                </tr>
              </thead>
              <tbody>
                ${fees.lines.map(
                  (l) =>
                    html`<tr>
                      <td>${l.description}</td>
                      <td class="num calc">
                        ${l.factors ? l.factors.join('\u00a0×\u00a0') : l.quantity}
                        ×&nbsp;${formatAmount(l.unitAmount, lang)}
                      </td>
                      <td class="num">${formatAmount(l.amount, lang)}</td>
                    </tr>`,
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colspan="2">${pt(lang, 'feeTotal')}</th>
                  <td class="num fees-total">${formatAmount(fees.total, lang)}</td>
                </tr>
              </tfoot>
            </table>
            ${policyNote ? html`<p>${feeText(fees, lang, policy[fees.policy])}</p>` : nothing}`
    }
  </section>`;
}
