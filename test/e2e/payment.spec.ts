/**
 * ePayment end to end (issue 7): the Anwohnerparkausweis costs 30,70 € for the first vehicle and
 * 10,20 € for the second, paid before sending through the gateway and the local XBezahldienste
 * stand-in. Paid, cancelled and retried, failed, forged return URL, second tab, provider unreachable;
 * the receipt shows the Kassenzeichen; the case-worker inbox shows the payment with the application.
 */
import type { Locator, Page } from '@playwright/test';
import { ANSWERS } from './answers.js';
import { expect, test } from './fixtures.js';

const INBOX_TOKEN = 'musterstadt-demo';
const FORM_ID = 'https://musterstadt.example/forms/anwohnerparken.json';
const form = (page: Page): Locator => page.locator('ozg-form');

/** Valid answers with two vehicles and a surname no other test uses. */
function parking(): { answers: Record<string, any>; marker: string } {
  const marker = `Muster${crypto.randomUUID().replace(/[^a-f]/g, '').slice(0, 8)}`;
  const answers = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  answers.antragsteller.nachname = marker;
  answers.fahrzeuge.push({ kennzeichen: 'M-CD 456', marke: 'Fiat 500', gesamtmasse: 1000, nutzung: 'eigentum' });
  return { answers, marker };
}

async function toReview(page: Page, url: string, data: Record<string, unknown>): Promise<void> {
  await page.goto(`${url}anwohnerparken.html`);
  const f = form(page);
  await expect(f.locator('.step-title')).toBeVisible();
  await f.evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), data);
  for (let i = 0; i < 8 && (await f.locator('.step-title').textContent()) !== 'Ihre Angaben prüfen'; i++) {
    const title = await f.locator('.step-title').textContent();
    await f.locator('button.primary').click();
    await expect(f.locator('.step-title')).not.toHaveText(title ?? '');
  }
  await expect(f.locator('.step-title')).toHaveText('Ihre Angaben prüfen');
}

const payButton = (page: Page) => form(page).getByRole('button', { name: /bezahlen/ });
const paymentHeading = (page: Page) => form(page).getByRole('heading', { name: 'Gebühr bezahlen' });

/** From the review page to the provider's page. */
async function confirmAndGoToProvider(page: Page): Promise<void> {
  await form(page).getByRole('button', { name: 'Angaben bestätigen' }).click();
  await expect(paymentHeading(page)).toBeFocused();
  await form(page).getByRole('button', { name: 'Jetzt 40,90 € bezahlen' }).click();
  await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
}

const onProvider = (page: Page, choice: 'Bezahlen' | 'Abbrechen' | 'Fehlgeschlagen (Test)') =>
  page.getByRole('button', { name: choice, exact: true }).click();

async function inboxDetail(url: string, marker: string): Promise<Record<string, any>[]> {
  const headers = { authorization: `Bearer ${INBOX_TOKEN}` };
  const list = await (await fetch(`${url}inbox/api/submissions`, { headers })).json() as { submissions: { submissionId: string }[] };
  const details = await Promise.all(list.submissions.map(async (s) =>
    (await fetch(`${url}inbox/api/submissions/${s.submissionId}`, { headers })).json() as Promise<Record<string, any>>));
  return details.filter((d) => JSON.stringify(d.data ?? null).includes(marker));
}

test('the review page shows the fee lines and the total before paying', async ({ page, server }) => {
  const { answers } = parking();
  await toReview(page, server.url, answers);
  const fees = form(page).locator('table.fees');
  await expect(fees.locator('caption')).toHaveText('Gebühren');
  await expect(fees.locator('tbody tr')).toHaveCount(2);
  await expect(fees.locator('tbody')).toContainText('Verwaltungsgebühr Bewohnerparkausweis (erstes Fahrzeug)');
  await expect(fees.locator('tbody')).toContainText('10,20');
  await expect(fees.locator('.fees-total')).toHaveText(/40,90\s€/);
  await expect(form(page)).toContainText('Erst danach wird Ihr Antrag gesendet.');
  // One vehicle fewer: one line fewer, the total follows the answers.
  await form(page).evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), { ...answers, fahrzeuge: [answers.fahrzeuge[0]] });
  await expect(fees.locator('tbody tr')).toHaveCount(1);
  await expect(fees.locator('.fees-total')).toHaveText(/30,70\s€/);
});

test('paid: back from the provider, the form is restored, sent with paymentInformation; receipt and inbox show the Kassenzeichen', async ({ page, server }) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await confirmAndGoToProvider(page);
  await expect(page.locator('main')).toContainText('40,90');
  await onProvider(page, 'Bezahlen');

  const receipt = form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' });
  await expect(receipt).toBeVisible({ timeout: 30_000 });
  const reference = (await form(page).locator('.receipt-reference').textContent())!.trim();
  expect(reference).toMatch(/^\d{12}$/);
  await expect(form(page).locator('.receipt-amount')).toHaveText(/40,90\s€/);
  await expect(form(page).locator('.receipt')).toContainText(marker); // the answers came back from the draft

  const [detail] = await inboxDetail(server.url, marker);
  expect(detail, 'one submission in the inbox').toBeTruthy();
  expect(detail!.metadata.paymentInformation).toMatchObject({ transactionReference: reference, status: 'BOOKED', grossAmount: 40.9, paymentMethod: 'CREDITCARD' });
  expect(detail!.payment.providerStatus).toBe('PAYED');

  // The case worker sees it on the inbox page.
  await page.goto(`${server.url}inbox.html`);
  await page.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: new RegExp(detail!.caseId.slice(0, 8)) }).click();
  await expect(page.locator('#facts')).toContainText('Kassenzeichen');
  await expect(page.locator('#facts')).toContainText(reference);
  await expect(page.locator('#facts')).toContainText('40,90');
  // A new application is a new payment.
  expect(await page.evaluate((id) => localStorage.getItem(`ozg-form:payment:${id}`), FORM_ID)).toBeNull();
});

test('cancelled at the provider: a clear message, then paying again works', async ({ page, server }) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await confirmAndGoToProvider(page);
  await onProvider(page, 'Abbrechen');
  const alert = form(page).getByRole('alert');
  await expect(alert).toContainText('Sie haben die Zahlung abgebrochen.');
  await expect(alert).toContainText('Es wurde nichts abgebucht');
  expect(await inboxDetail(server.url, marker)).toHaveLength(0);
  await form(page).getByRole('button', { name: 'Erneut bezahlen' }).click();
  await onProvider(page, 'Bezahlen');
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({ timeout: 30_000 });
  expect(await inboxDetail(server.url, marker)).toHaveLength(1);
});

test('failed at the provider: the message says so, and the person can go back to the review with the answers kept', async ({ page, server }) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await confirmAndGoToProvider(page);
  await onProvider(page, 'Fehlgeschlagen (Test)');
  await expect(form(page).getByRole('alert')).toContainText('Die Zahlung ist fehlgeschlagen.');
  await expect(paymentHeading(page)).toBeFocused();
  await form(page).getByRole('button', { name: 'Zurück zur Übersicht' }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Ihre Angaben prüfen');
  await expect(form(page).locator('.review')).toContainText(marker);
  expect(await inboxDetail(server.url, marker)).toHaveLength(0);
});

test('a forged return URL (status=PAYED) is ignored; a second tab reuses the same open transaction', async ({ page, server, context }) => {
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
  await expect(form(second).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({ timeout: 30_000 });
  await second.close();
  expect(await inboxDetail(server.url, marker)).toHaveLength(1);
});

test('provider unreachable: the person is told, the draft is kept, paying works later', async ({ page, server }) => {
  const { answers, marker } = parking();
  await toReview(page, server.url, answers);
  await page.route('**/gateway/v1/payments', (route) => route.fulfill({
    status: 503, contentType: 'application/problem+json',
    body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'payment provider not reachable', code: 'PROVIDER_UNAVAILABLE' }),
  }));
  await form(page).getByRole('button', { name: 'Angaben bestätigen' }).click();
  await form(page).getByRole('button', { name: 'Jetzt 40,90 € bezahlen' }).click();
  await expect(form(page).getByRole('alert')).toContainText('Der Bezahldienst ist gerade nicht erreichbar.');
  const draft = await page.evaluate((id) => localStorage.getItem(`ozg-form:draft:${id}`), FORM_ID);
  expect(draft).toContain(marker);
  await page.unroute('**/gateway/v1/payments');
  await payButton(page).first().click();
  await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
  await onProvider(page, 'Bezahlen');
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({ timeout: 30_000 });
});
