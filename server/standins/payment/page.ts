import { esc } from '../idp/pages.js';
import type { PaymentTransaction } from '../../standards/xbezahldienste.js';

/** The stand-in's payment page: what the provider would show (card form, bank login…), reduced to a
 * choice of outcome for the tester. Plain HTML, no script; German with English in brackets. */

const STYLE = `
  body { font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
  main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { text-align: left; padding: 0.4rem 0.3rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  td.amount, th.amount { text-align: right; white-space: nowrap; }
  tfoot th, tfoot td { font-weight: 700; border-bottom: 0; }
  fieldset { border: 1px solid #595959; border-radius: 4px; padding: 0.75rem 1rem; margin: 1.5rem 0; }
  legend { font-weight: 700; padding: 0 0.25rem; }
  label { display: block; padding: 0.3rem 0; }
  input[type=radio] { width: 1.2rem; height: 1.2rem; vertical-align: -0.2rem; margin-right: 0.5rem; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
  button { font: inherit; padding: 0.6rem 1.2rem; border-radius: 4px; border: 2px solid #004b87; cursor: pointer; background: #fff; color: #004b87; }
  .primary { background: #004b87; color: #fff; }
  .note { background: #fff4d6; border-left: 4px solid #8a5a00; padding: 0.5rem 0.75rem; }
  :focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
`;

const euro = (n: number): string => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(n);

function frame(title: string, body: string): string {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export function paymentPage(tx: PaymentTransaction, action: string): string {
  const r = tx.paymentRequest;
  const info = tx.paymentInformation;
  const rows = r.items
    .map(
      (i) =>
        `<tr><td>${esc(i.description)}</td><td class="amount">${i.quantity}</td>` +
        `<td class="amount">${esc(euro(i.totalNetAmount + i.totalTaxAmount))}</td></tr>`,
    )
    .join('');
  const methods: [string, string][] = [
    ['CREDITCARD', 'Kreditkarte'],
    ['GIROPAY', 'giropay'],
    ['PAYPAL', 'PayPal'],
  ];
  return frame(
    `Bezahlen: ${r.purpose}`,
    `
    <h1>Bezahlen (Test-Bezahldienst)</h1>
    <p class="note">Dies ist der Test-Bezahldienst der Demo. Es wird kein Geld bewegt.
      <span lang="en">(Demo payment provider: no money is moved.)</span></p>
    <p>Verwendungszweck <span lang="en">(purpose)</span>: <strong>${esc(r.purpose)}</strong><br>
      Kassenzeichen <span lang="en">(reference)</span>: <strong>${esc(info.transactionReference)}</strong></p>
    <table>
      <caption style="text-align:left;font-weight:700">Positionen <span lang="en">(items)</span></caption>
      <thead><tr><th scope="col">Position</th><th scope="col" class="amount">Anzahl</th><th scope="col" class="amount">Betrag</th></tr></thead>
      <tbody>${rows}</tbody>
      <tfoot><tr><th scope="row" colspan="2">Gesamt <span lang="en">(total)</span></th><td class="amount">${esc(euro(r.grosAmount))}</td></tr></tfoot>
    </table>
    <form method="post" action="${esc(action)}">
      <fieldset>
        <legend>Zahlart <span lang="en">(payment method)</span></legend>
        ${methods.map(([v, l], i) => `<label><input type="radio" name="method" value="${v}"${i === 0 ? ' checked' : ''}>${esc(l)}</label>`).join('')}
      </fieldset>
      <div class="actions">
        <button class="primary" type="submit" name="outcome" value="bezahlen">Bezahlen</button>
        <button type="submit" name="outcome" value="abbrechen">Abbrechen</button>
        <button type="submit" name="outcome" value="fehlgeschlagen">Fehlgeschlagen (Test)</button>
      </div>
    </form>`,
  );
}

export function finishedPage(status: string): string {
  return frame(
    'Zahlung abgeschlossen',
    `<h1>Diese Zahlung ist abgeschlossen</h1>
    <p>Status: ${esc(status)}. Sie können dieses Fenster schließen. <span lang="en">(This payment is finished.)</span></p>`,
  );
}
