/**
 * ePayment end to end (issue 7): the Anwohnerparkausweis for 12 months costs 60 € for the first vehicle
 * and half for the second, paid before sending through the gateway and the local XBezahldienste
 * stand-in. Paid, cancelled and retried, failed, forged return URL, second tab, provider unreachable;
 * the receipt shows the Kassenzeichen; the case-worker inbox shows the payment with the application.
 */
import type { Locator, Page } from '@playwright/test';
import { ANSWERS } from './answers.js';
import { expectNoAxeViolations } from './axe.js';
import { expect, test } from './fixtures.js';
import { INBOX_TOKEN, inboxWith } from './inbox-api.js';
import { answerAndReview, pressOnToReview } from './journeys.js';

const FORM_ID = 'https://musterstadt.example/forms/anwohnerparken.json';
const form = (page: Page): Locator => page.locator('ozg-form');

/** Valid answers with two vehicles and a surname no other test uses. */
function parking(): { answers: Record<string, any>; marker: string } {
  const marker = `Muster${crypto
    .randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8)}`;
  const answers = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  answers.antragsteller.nachname = marker;
  answers.fahrzeuge.push({ kennzeichen: 'M-CD 456', marke: 'Fiat 500', gesamtmasse: 1000, nutzung: 'eigentum' });
  return { answers, marker };
}

const toReview = (page: Page, url: string, data: Record<string, unknown>) =>
  answerAndReview(page, url, 'anwohnerparken', data);

/** The button that starts the payment again after a problem. */
const payButton = (page: Page) => form(page).getByRole('button', { name: 'Zahlung neu starten' });
const paymentHeading = (page: Page) => form(page).getByRole('heading', { name: 'Gebühr bezahlen' });

/** From the review page to the provider's page. */
async function confirmAndGoToProvider(page: Page): Promise<void> {
  await form(page).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await expect(paymentHeading(page)).toBeFocused();
  await form(page).getByRole('button', { name: 'Jetzt 90,00 € bezahlen' }).click();
  await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
}

const onProvider = (page: Page, choice: 'Bezahlen' | 'Abbrechen' | 'Fehlgeschlagen (Test)') =>
  page.getByRole('button', { name: choice, exact: true }).click();

const inboxDetail = (url: string, marker: string) => inboxWith<{ data: unknown } & Record<string, any>>(url, marker);

test('the review page shows the fee lines and the total before paying', async ({ page, server }) => {
  const { answers } = parking();
  await toReview(page, server.url, answers);
  const fees = form(page).locator('table.fees');
  await expect(fees.locator('caption')).toHaveText('Gebühren');
  await expect(fees.locator('tbody tr')).toHaveCount(2);
  await expect(fees.locator('tbody')).toContainText('Bewohnerparkausweis, 12 Monate');
  await expect(fees.locator('tbody')).toContainText('Zweites Fahrzeug auf demselben Ausweis (halbe Gebühr), 12 Monate');
  await expect(fees.locator('.fees-total')).toHaveText(/90,00\s€/);
  await expect(form(page)).toContainText('Erst danach wird Ihr Antrag gesendet.');
  // One vehicle fewer: one line fewer, the total follows the answers.
  await form(page).evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), {
    ...answers,
    fahrzeuge: [answers.fahrzeuge[0]],
  });
  await expect(fees.locator('tbody tr')).toHaveCount(1);
  await expect(fees.locator('.fees-total')).toHaveText(/60,00\s€/);
});

test('answers a page sets through `data` on the review page are the ones paid for and sent', async ({
  page,
  server,
}) => {
  const { answers, marker } = parking();
  // One vehicle first; the draft of it is written while pressing on to the review page …
  await toReview(page, server.url, { ...answers, fahrzeuge: [answers.fahrzeuge[0]] });
  await page.waitForTimeout(1500);
  // … then the page sets both vehicles, and the person confirms at once.
  await form(page).evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), answers);
  await confirmAndGoToProvider(page); // "Jetzt 90,00 € bezahlen": both vehicles
  await onProvider(page, 'Bezahlen');
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
    timeout: 30_000,
  });
  const [detail] = await inboxDetail(server.url, marker);
  expect((detail!.data as { fahrzeuge: unknown[] }).fahrzeuge).toHaveLength(2);
  expect(detail!.checks).toEqual([]);
});

test('paid: back from the provider, the form is restored, sent with paymentInformation; receipt and inbox show the Kassenzeichen', async ({
  page,
  server,
}) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await confirmAndGoToProvider(page);
  await expect(page.locator('main')).toContainText('90,00');
  // The payment record (this browser awaits the outcome) keeps the page's draft days: other forms'
  // pages remove it after them.
  const record = await page.evaluate((id) => JSON.parse(localStorage.getItem(`ozg-form:payment:${id}`)!), FORM_ID);
  expect(record).toMatchObject({ redirected: true, days: 3 });
  await onProvider(page, 'Bezahlen');

  const receipt = form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' });
  await expect(receipt).toBeVisible({ timeout: 30_000 });
  const reference = (await form(page).locator('.receipt-reference').textContent())!.trim();
  expect(reference).toMatch(/^\d{12}$/);
  await expect(form(page).locator('.receipt-amount')).toHaveText(/90,00\s€/);
  await expect(form(page).locator('.receipt')).toContainText(marker); // the answers came back from the draft

  const [detail] = await inboxDetail(server.url, marker);
  expect(detail, 'one submission in the inbox').toBeTruthy();
  expect(detail!.metadata.paymentInformation).toMatchObject({
    transactionReference: reference,
    status: 'BOOKED',
    grossAmount: 90,
    paymentMethod: 'CREDITCARD',
  });
  expect(detail!.payment.providerStatus).toBe('PAYED');
  // The payment is used up: a new application starts at step 1 and will be paid anew.
  expect(await page.evaluate((id) => localStorage.getItem(`ozg-form:payment:${id}`), FORM_ID)).toBeNull();
  await form(page).getByRole('button', { name: 'Neuen Antrag stellen' }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  await expect(paymentHeading(page)).toHaveCount(0);

  // The case worker sees it on the inbox page.
  await page.goto(`${server.url}inbox.html`);
  await page.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: new RegExp(detail!.caseId.slice(0, 8)) }).click();
  await expect(page.locator('#facts')).toContainText('Kassenzeichen');
  await expect(page.locator('#facts')).toContainText(reference);
  await expect(page.locator('#facts')).toContainText('90,00');
  // The provider's codes in words: method and status of the payment, and the status at the provider.
  await expect(page.locator('#facts')).toContainText('(Kreditkarte, gebucht)');
  await expect(page.locator('#facts')).toContainText(/Stand beim Bezahldienst\s*bezahlt, 90,00\s€/);
  await expect(page.locator('#facts')).not.toContainText(/CREDITCARD|BOOKED|PAYED/);
});

test('cancelled at the provider: a clear message, then paying again works', async ({ page, server }) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await confirmAndGoToProvider(page);
  await onProvider(page, 'Abbrechen');
  const alert = form(page).getByRole('alert');
  await expect(alert).toContainText('Sie haben die Zahlung abgebrochen.');
  await expect(alert).toContainText('Es wurde nichts abgebucht');
  // The page's title names where the person is again (WCAG 2.4.2), not only the page.
  await expect(page).toHaveTitle(/^Gebühr bezahlen – /);
  expect(await inboxDetail(server.url, marker)).toHaveLength(0);
  await form(page).getByRole('button', { name: 'Zahlung neu starten' }).click();
  await onProvider(page, 'Bezahlen');
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
    timeout: 30_000,
  });
  expect(await inboxDetail(server.url, marker)).toHaveLength(1);
});

test('failed at the provider: the message says so, and the person can go back to the review with the answers kept', async ({
  page,
  server,
}) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await confirmAndGoToProvider(page);
  await onProvider(page, 'Fehlgeschlagen (Test)');
  await expect(form(page).getByRole('alert')).toContainText('Die Zahlung ist fehlgeschlagen.');
  await expect(paymentHeading(page)).toBeFocused();
  await expect(page).toHaveTitle(/^Gebühr bezahlen – /);
  await form(page).getByRole('button', { name: 'Zurück zu „Ihre Angaben prüfen“' }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Ihre Angaben prüfen');
  await expect(form(page).locator('.review')).toContainText(marker);
  expect(await inboxDetail(server.url, marker)).toHaveLength(0);
});

test('a forged return URL (status=PAYED) is ignored; a second tab reuses the same open transaction', async ({
  page,
  server,
  context,
}) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await confirmAndGoToProvider(page);
  const providerUrl = page.url();
  // Instead of paying, come back with a made-up success in the query.
  await page.goto(`${server.url}anwohnerparken.html?status=PAYED&transactionId=forged&paymentStatus=PAYED`);
  await expect(form(page).getByRole('alert')).toContainText('Ihre Zahlung ist noch nicht abgeschlossen.');
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toHaveCount(0);
  expect(await inboxDetail(server.url, marker)).toHaveLength(0);

  // A second tab of the same browser: the same open payment, not a new one.
  const second = await context.newPage();
  await second.goto(`${server.url}anwohnerparken.html`);
  await expect(form(second).getByRole('alert')).toContainText('Ihre Zahlung ist noch nicht abgeschlossen.');
  await form(second).getByRole('button', { name: 'Zahlung fortsetzen' }).click();
  await expect(second.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
  expect(second.url()).toBe(providerUrl);
  await onProvider(second, 'Bezahlen');
  await expect(form(second).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
    timeout: 30_000,
  });
  await second.close();
  expect(await inboxDetail(server.url, marker)).toHaveLength(1);
});

test('paid in two windows after the amount changed: the window that paid the replaced attempt is told it will be refunded', async ({
  page,
  server,
  context,
}) => {
  test.setTimeout(120_000);
  const { answers, marker } = parking(); // two vehicles: 90 €
  await toReview(page, server.url, answers);
  await confirmAndGoToProvider(page); // window 1 stays on the provider's page for 90 €

  // Window 2: back to the summary, one vehicle less (60 €), paid and sent.
  const second = await context.newPage();
  await second.goto(`${server.url}anwohnerparken.html`);
  await expect(form(second).getByRole('alert')).toContainText('Ihre Zahlung ist noch nicht abgeschlossen.');
  await form(second).getByRole('button', { name: 'Zurück zu „Ihre Angaben prüfen“' }).click();
  const one = structuredClone(answers);
  one.fahrzeuge.pop();
  await form(second).evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), one);
  await form(second).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await form(second).getByRole('button', { name: 'Jetzt 60,00 € bezahlen' }).click();
  await onProvider(second, 'Bezahlen');
  await expect(form(second).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(form(second).locator('.receipt-amount')).toHaveText(/60,00\s€/);
  await expect(form(second).locator('.receipt-extra-payment')).toHaveCount(0);
  const sent = (await form(second).locator('.receipt-reference').textContent())!.trim();
  await second.close();

  // Window 1 pays its page after all and comes back to the receipt of the application sent meanwhile.
  await onProvider(page, 'Bezahlen');
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(form(page).locator('.receipt-reference')).toHaveText(sent);
  const extra = form(page).locator('.receipt-extra-payment');
  await expect(extra).toContainText(
    /Für diesen Antrag wurde ein weiteres Mal bezahlt: 90,00\s€, Kassenzeichen \d{12}\./,
  );
  await expect(extra).toContainText('erstattet, was zu viel gezahlt wurde');
  const refunded = /Kassenzeichen (\d{12})/.exec((await extra.textContent())!)![1];
  expect(refunded).not.toBe(sent);
  // A reload shows it again (kept with the receipt), and the case worker is asked to refund the same payment.
  const savedAt = () =>
    page.evaluate((id) => JSON.parse(localStorage.getItem(`ozg-form:submission:${id}`)!).savedAt as string, FORM_ID);
  const kept = await savedAt();
  await page.reload();
  await expect(form(page).locator('.receipt-extra-payment')).toContainText(refunded);
  // Showing the receipt again does not make the kept record (case secret, payment key) live longer.
  await page.waitForLoadState('networkidle');
  expect(await savedAt()).toBe(kept);
  const [detail] = await inboxDetail(server.url, marker);
  expect(detail!.checks.map((c: { code: string }) => c.code)).toContain('payment-extra');
  expect(JSON.stringify(detail!.checks)).toContain(refunded);
});

test('provider unreachable: the person is told, the draft is kept, paying works later', async ({ page, server }) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await page.route('**/gateway/v1/payments', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        title: 'Service Unavailable',
        status: 503,
        detail: 'payment provider not reachable',
        code: 'PROVIDER_UNAVAILABLE',
      }),
    }),
  );
  await form(page).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await form(page).getByRole('button', { name: 'Jetzt 90,00 € bezahlen' }).click();
  await expect(form(page).getByRole('alert')).toContainText('Der Bezahldienst ist gerade nicht erreichbar.');
  const draft = await page.evaluate((id) => localStorage.getItem(`ozg-form:draft:${id}`), FORM_ID);
  expect(draft).toContain(marker);
  await page.unroute('**/gateway/v1/payments');
  await payButton(page).click();
  await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
  await onProvider(page, 'Bezahlen');
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
    timeout: 30_000,
  });
});

test('offline at the pay button: the person is told it is their connection, not the payment service', async ({
  page,
  server,
}) => {
  const { answers } = parking();
  await toReview(page, server.url, answers);
  await form(page).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await expect(paymentHeading(page)).toBeFocused();
  await page.context().setOffline(true);
  await form(page).getByRole('button', { name: 'Jetzt 90,00 € bezahlen' }).click();
  const alert = form(page).getByRole('alert');
  await expect(alert).toContainText('Ihr Gerät ist gerade nicht mit dem Internet verbunden.', { timeout: 30_000 });
  await expect(alert).not.toContainText('Bezahldienst');
  await page.context().setOffline(false);
  await payButton(page).click();
  await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
});

test('optional fee (Sondernutzung): per m² and day; the person may send without paying and gets an invoice', async ({
  page,
  server,
}) => {
  const marker = `Geruest ${crypto.randomUUID().slice(0, 8)}`;
  const answers = structuredClone(ANSWERS.sondernutzung) as Record<string, any>;
  answers.nutzung.zweck = marker;
  await page.goto(`${server.url}sondernutzung.html`);
  const f = form(page);
  await expect(f.locator('.step-title')).toBeVisible({ timeout: 20_000 });
  await f.evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), answers);
  await pressOnToReview(page);
  const fees = f.locator('table.fees');
  await expect(fees.locator('tbody')).toContainText('Gerüst, Container, Bauzaun, Baumaterial – je m² und Tag');
  // The line says how its amount came about: 13 started m² × 31 days × 0,50 €.
  await expect(fees.locator('thead th')).toHaveText(['Position', 'Menge × Preis', 'Betrag']);
  await expect(fees.locator('tbody tr').nth(1).locator('td.num')).toHaveText([
    /^\s*13\s×\s31\s+×\s0,50\s€\s*$/,
    /^201,50\s€$/,
  ]);
  await expect(fees.locator('tbody tr').first().locator('td.num')).toHaveText([
    /^\s*1\s+×\s35,00\s€\s*$/,
    /^35,00\s€$/,
  ]);
  await expect(fees.locator('.fees-total')).toHaveText(/236,50\s€/); // 35,00 € + 403 × 0,50 €
  await f.getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await expect(paymentHeading(page)).toBeFocused();
  await expect(f).toContainText('oder Ihren Antrag ohne Zahlung senden');
  await f.getByRole('button', { name: 'Ohne Zahlung senden (Rechnung)' }).click();
  await expect(f.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({ timeout: 30_000 });
  await expect(f.locator('.receipt-reference')).toHaveCount(0);
  const [detail] = await inboxDetail(server.url, marker);
  expect(detail!.metadata.paymentInformation).toBeUndefined();
});

test('deferred tax (Hundesteuer): shown per dog on the review page as a tax assessed later, sent without a payment step', async ({
  page,
  server,
}) => {
  const dog = `Rex${crypto
    .randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 6)}`;
  const answers = structuredClone(ANSWERS.hundesteuer) as Record<string, any>;
  answers.hunde[0].name = dog;
  answers.hunde.push({ ...answers.hunde[0], name: `${dog}zwei`, listenhund: 'nein', chipnummer: '276098100654321' });
  delete answers.hunde[1].wesenspruefungAm;
  await page.goto(`${server.url}hundesteuer.html`);
  const f = form(page);
  await expect(f.locator('.step-title')).toBeVisible({ timeout: 20_000 });
  await f.evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), answers);
  await pressOnToReview(page);
  const fees = f.locator('table.fees');
  await expect(fees.locator('tbody tr')).toHaveCount(2); // the listed dog at its own rate, the other as first dog
  await expect(fees.locator('tbody')).toContainText('Hundesteuer für einen gefährlichen Hund (Listenhund, jährlich)');
  await expect(fees.locator('.fees-total')).toHaveText(/696,00\s€/); // 96 € + 600 € (the rates on the demo page)
  // A tax (x-ozg.fees.kind "tax"): the table and the notice name it, not a Gebühr invoiced.
  await expect(fees.locator('caption')).toHaveText('Steuer');
  await expect(f).toContainText('Die Steuer wird mit dem Steuerbescheid festgesetzt.');
  await expect(f).not.toContainText('Gebühr');
  await f.getByRole('button', { name: 'Antrag absenden' }).click();
  await expect(f.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({ timeout: 30_000 });
  await expect(paymentHeading(page)).toHaveCount(0);
});

test('the fee table and the payment step have no axe-core violations and fit 320 px; English texts', async ({
  page,
  server,
}) => {
  const axe = (what: string) => expectNoAxeViolations(page, what);

  const fits = async (where: string) => {
    const tooWide = await page.evaluate(() => {
      const found: string[] = [];
      const visit = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.getBoundingClientRect().right > 320.5)
            found.push(`${el.tagName.toLowerCase()}.${String(el.className)}`);
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      };
      visit(document);
      return { width: document.documentElement.scrollWidth, found: found.slice(0, 10) };
    });
    expect(tooWide.width, `scroll width at 320 px on ${where}: ${tooWide.found.join(', ')}`).toBeLessThanOrEqual(320);
  };
  await page.setViewportSize({ width: 320, height: 800 });
  const { answers } = parking();
  await toReview(page, server.url, answers);
  await axe('review page with fees');
  await fits('the review page with fees');
  await form(page).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await expect(paymentHeading(page)).toBeFocused();
  await axe('payment step');
  await fits('the payment step');
  await form(page).evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(form(page).getByRole('heading', { name: 'Pay the fee' })).toBeVisible();
  await expect(form(page).getByRole('button', { name: 'Pay €90.00 now' })).toBeVisible();
  await expect(form(page).locator('table.fees caption')).toHaveText('Fees');
  await expect(form(page).locator('table.fees')).toContainText(
    'Second vehicle on the same permit (half fee), 12 months',
  );
});
