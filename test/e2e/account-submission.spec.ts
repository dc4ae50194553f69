/**
 * Nutzerkonto, part two (issue 5): a login at "hoch" travels with the application (FIT-Connect
 * `authenticationInformation`, reply channel to the account's mailbox) and the authority's inbox
 * verifies it; a form's `audience` keeps business accounts out of citizens' forms and lets them into
 * forms for both. Against the built-in OpenID provider, the gateway and the FIT-Connect stand-in.
 */
import type { Locator, Page } from '@playwright/test';
import { ANSWERS } from './answers.js';
import { expect, test } from './fixtures.js';
import { pressOnToReview } from './journeys.js';
import { INBOX_TOKEN, inboxWith } from './inbox-api.js';

const form = (page: Page): Locator => page.locator('ozg-form');
const bar = (page: Page): Locator => form(page).locator('[part~="account"]');
const field = (page: Page, label: string): Locator => form(page).getByLabel(label, { exact: true });

async function pickAccount(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung mit einem Test-Nutzerkonto');
  await page.getByRole('radio', { name: new RegExp(`^${name}`) }).check();
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

interface InboxDetail {
  data: unknown;
  metadata: { authenticationInformation?: { type: string; content: string }[]; replyChannel?: Record<string, unknown> };
  authentication: { verified: boolean; trustLevel?: string; name?: string; kind?: string; problem?: string }[];
}

test('logged in at "hoch", the application carries the login; the inbox verifies it and answers to the account\'s mailbox', async ({
  page,
  server,
}) => {
  await page.goto(`${server.url}anwohnerparken.html`);
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Dr. Anna Schmidt');
  await expect(bar(page)).toContainText('Angemeldet als Anna Schmidt (Vertrauensniveau hoch)');
  await expect(field(page, 'Vorname')).toHaveValue('Anna');
  await expect(field(page, 'Vorname')).toHaveAttribute('readonly', '');

  // The rest of the answers, with the account's values where the account filled them in.
  const marker = `KZ-${Date.now() % 100000}`;
  const answers = structuredClone(ANSWERS.anwohnerparken) as {
    antragsteller: Record<string, unknown>;
    anschrift: Record<string, unknown>;
    fahrzeuge: Record<string, unknown>[];
  };
  Object.assign(answers.antragsteller, {
    vorname: 'Anna',
    nachname: 'Schmidt',
    geburtsdatum: '1979-11-02',
    email: 'anna.schmidt@example.org',
  });
  Object.assign(answers.anschrift, { plz: '12347', ort: 'Musterstadt' });
  answers.fahrzeuge[0]!.marke = marker;
  const f = form(page);
  await f.evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), answers);
  await expect(field(page, 'Vorname')).toHaveAttribute('readonly', '');
  await pressOnToReview(page);
  await f.getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  // The parking permit's fee is paid before sending (issue 7); the login survives the trip to the provider.
  await f.getByRole('button', { name: /^Jetzt .* bezahlen$/ }).click();
  await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
  await expect(f.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({ timeout: 30_000 });

  const [received, ...more] = await inboxWith<InboxDetail>(server.url, marker);
  expect(more).toHaveLength(0);
  const report = received!.metadata.authenticationInformation;
  expect(report?.map((r) => r.type)).toEqual(['identificationReport']);
  expect(report![0]!.content.split('.')).toHaveLength(3); // a signed JWT
  expect(received!.metadata.replyChannel).toEqual({
    idBundDeMailbox: { mailboxUuid: 'c2d8e4f6-1a3b-4c5d-8e9f-7a6b5c4d3e21' },
  });
  expect(received!.authentication).toEqual([
    expect.objectContaining({ verified: true, trustLevel: 'hoch', name: 'Anna Schmidt', kind: 'citizen' }),
  ]);

  // The case worker sees it on the inbox page.
  await page.goto(`${server.url}inbox.html`);
  await page.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page
    .getByRole('button', { name: new RegExp('Bewohnerparkausweis|Anwohnerpark') })
    .first()
    .click();
  await expect(page.locator('#facts')).toContainText('Anna Schmidt – Vertrauensniveau hoch – Signatur geprüft');
  await expect(page.locator('#facts')).toContainText(
    'Postfach des Nutzerkontos (c2d8e4f6-1a3b-4c5d-8e9f-7a6b5c4d3e21)',
  );
});

test('a business account is welcome on a form for both and refused on a form for citizens, where another account can be chosen', async ({
  page,
  server,
}) => {
  await page.goto(`${server.url}sondernutzung.html`);
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  await expect(bar(page)).toContainText('Melden Sie sich mit Ihrem Nutzerkonto oder Ihrem Unternehmenskonto an');
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Musterbau GmbH');
  await expect(bar(page)).toContainText('Angemeldet als Musterbau GmbH (Vertrauensniveau substantiell)');
  await expect(field(page, 'E-Mail-Adresse')).toHaveValue('info@musterbau.example');
  await expect(field(page, 'E-Mail-Adresse')).toHaveAttribute('readonly', '');
  await expect(field(page, 'Telefonnummer')).toHaveValue('+49 30 7654321');

  // A form for citizens refuses the business login.
  await page.goto(`${server.url}anwohnerparken.html`);
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  await field(page, 'Vorname').fill('Jana');
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Musterbau GmbH');
  const alert = bar(page).getByRole('alert');
  await expect(alert).toContainText(
    'Dieser Antrag ist für Privatpersonen. Sie sind mit einem Unternehmenskonto angemeldet.',
  );
  await expect(bar(page)).not.toContainText('Angemeldet als');
  await expect(field(page, 'E-Mail-Adresse')).toHaveValue('');
  await expect(field(page, 'Vorname')).toHaveValue('Jana'); // the draft survived the redirect

  // Logging in again lets the person choose another account.
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Max Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann (Vertrauensniveau substantiell)');
  await expect(bar(page).getByRole('alert')).toHaveCount(0);
  await expect(field(page, 'Vorname')).toHaveValue('Max');
});

test('a login that has run out while filling in: the person is told, the answers stay (editable), logging in again works', async ({
  page,
  server,
}) => {
  await page.clock.install();
  await page.goto(`${server.url}anwohnerparken.html`);
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Max Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann');
  await form(page)
    .getByLabel(/^Telefonnummer/)
    .fill('0123 456789');

  // Two hours later (the provider's ID tokens live one hour): a dialog says the login has ended.
  await page.clock.fastForward('02:00:00');
  const dialog = form(page).getByRole('alertdialog', { name: 'Ihre Anmeldung ist abgelaufen' });
  await expect(dialog).toContainText('Ihre Angaben bleiben erhalten, auch die aus Ihrem Nutzerkonto');
  await dialog.getByRole('button', { name: 'Schließen' }).click();
  await expect(dialog).toHaveCount(0);
  const alert = bar(page).getByRole('alert');
  await expect(alert).toContainText('Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an');
  await expect(bar(page)).not.toContainText('Angemeldet als');
  // The account's answers stay until the next login (WCAG 2.2.1), no longer read-only.
  await expect(field(page, 'Vorname')).toHaveValue('Max');
  await expect(field(page, 'Vorname')).not.toHaveAttribute('readonly', '');
  await expect(form(page).getByLabel(/^Telefonnummer/)).toHaveValue('0123 456789');

  // Back to the real time, so that the new login is judged by the same clock as the provider's.
  await page.clock.setSystemTime(Date.now());
  await page.clock.resume();
  // The provider's own session is still valid: it sends Max back without asking again (single sign-on).
  await alert.getByRole('button', { name: 'Erneut anmelden (Vertrauensniveau substantiell)' }).click();
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann');
  await expect(field(page, 'Vorname')).toHaveValue('Max');
  await expect(field(page, 'Vorname')).toHaveAttribute('readonly', '');
  await expect(form(page).getByLabel(/^Telefonnummer/)).toHaveValue('0123 456789');
});
