/**
 * Findings 9 of the BITV audit (issue 16), the parts outside the form: the case-worker inbox and the
 * stand-in pages (login, payment) — focus outline contrast ≥ 3:1 (WCAG 1.4.11/2.4.7), no sideways
 * scrolling at 320 px (1.4.10), English text marked lang="en" (3.1.2), focus after signing in (2.4.3),
 * and a confirmation before accepting or rejecting (3.3.4).
 */
import type { Page } from '@playwright/test';
import { contrastRatio, parseColor } from '../../src/modules/audit/contrast.js';
import { createIdempotencyKey, prepareSubmission, SubmissionClient } from '../../src/modules/submission/index.js';
import { loginPage } from '../../server/standins/idp/pages.js';
import { paymentPage } from '../../server/standins/payment/page.js';
import type { PaymentTransaction } from '../../server/standards/xbezahldienste.js';
import { expectNoAxeViolations } from './axe.js';
import { INBOX_TOKEN } from './inbox-api.js';
import { expect, test } from './fixtures.js';

/** The contrast of the focused element's outline against what is behind it (its parent's background). */
async function focusContrast(page: Page): Promise<number> {
  const colours = await page.evaluate(() => {
    const el = document.activeElement!;
    let bg = 'rgb(255, 255, 255)';
    for (let p = el.parentElement; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
        bg = c;
        break;
      }
    }
    return { outline: getComputedStyle(el).outlineColor, bg };
  });
  return contrastRatio(parseColor(colours.outline)!, parseColor(colours.bg)!);
}

async function submit(baseUrl: string) {
  const client = new SubmissionClient({ baseUrl, baseDelayMs: 10 });
  const dest = await client.getDestination();
  const { encrypted } = await prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: '99108004001000',
    serviceName: 'Hundesteuer Anmeldung mit einem sehr langen Namen der Leistung',
    schemaUri: 'https://schema.fitko.de/fim/s00000096_1.0.schema.json',
    data: { vorname: 'Erika', nachname: 'Mustermann', hinweis: 'x'.repeat(120) },
    attachments: [
      {
        attachmentId: crypto.randomUUID(),
        bytes: new TextEncoder().encode('%PDF-1.4\n'),
        filename: 'haftpflichtversicherungsnachweis-2026-erika-mustermann.pdf',
        mimeType: 'application/pdf',
      },
    ],
  });
  return client.submit(encrypted, { idempotencyKey: createIdempotencyKey(), sentAttachments: [], sent: false });
}

test('inbox: focus after signing in, outline contrast, 320 px without sideways scrolling, confirmation before accepting', async ({
  page,
  server,
}) => {
  const sent = await submit(server.url);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${server.url}inbox.html`);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'English' })).toBeFocused();
  expect(await focusContrast(page), 'focus ring on the blue header').toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Zugangs-Token')).toBeFocused();
  expect(await focusContrast(page), 'focus ring on the page').toBeGreaterThanOrEqual(3);
  await page.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Eingegangene Anträge' })).toBeFocused();

  await page.getByRole('button', { name: new RegExp(sent.caseId.slice(0, 8)) }).click();
  await expect(page.locator('#detail-h')).toBeFocused();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'scroll width at 320 px').toBeLessThanOrEqual(
    320,
  );

  await page.getByRole('button', { name: 'Annehmen' }).click();
  await expect(page.getByText('Antrag annehmen? Die antragstellende Person wird benachrichtigt')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ja, annehmen' })).toBeFocused();
  await expectNoAxeViolations(page, 'the inbox asking for confirmation');
  await page.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(page.getByRole('button', { name: 'Annehmen' })).toBeFocused();
  await expect(page.locator('#facts')).not.toContainText('angenommen');
  await page.getByRole('button', { name: 'Annehmen' }).click();
  await page.getByRole('button', { name: 'Ja, annehmen' }).click();
  await expect(page.locator('#facts')).toContainText('angenommen');
  await expect(page.locator('#detail-h')).toBeFocused();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    'scroll width at 320 px after deciding',
  ).toBeLessThanOrEqual(320);
});

test('stand-in pages: focus ring ≥ 3:1, the payment page marks its English text', async ({ page }) => {
  const tx = {
    paymentRequest: {
      purpose: 'Hundesteuer',
      grosAmount: 96,
      items: [{ description: 'Hundesteuer für den ersten Hund', quantity: 1, totalNetAmount: 96, totalTaxAmount: 0 }],
    },
    paymentInformation: { transactionReference: 'KZ-2026-1' },
  } as unknown as PaymentTransaction;
  await page.setContent(paymentPage(tx, '/pay'));
  await page.keyboard.press('Tab');
  expect(await focusContrast(page), 'payment page focus ring').toBeGreaterThanOrEqual(3);
  const english = [
    '(Demo payment provider: no money is moved.)',
    '(purpose)',
    '(reference)',
    '(items)',
    '(total)',
    '(payment method)',
  ];
  for (const text of english) {
    await expect(page.locator('[lang="en"]', { hasText: text }), text).toHaveCount(1);
  }
  await expectNoAxeViolations(page, 'the payment stand-in');

  await page.setContent(loginPage({ lang: 'de', uid: 'x', base: '/idp', clientName: 'ozg-form', accounts: [] }));
  await page.keyboard.press('Tab');
  expect(await focusContrast(page), 'login page focus ring').toBeGreaterThanOrEqual(3);
});

test('demo site (finding 10): Leichte Sprache explains the three services, the DGS page says what exists, the statement names the limitations', async ({
  page,
  server,
}) => {
  await page.goto(`${server.url}leichte-sprache.html`);
  await expect(page.locator('main').getByRole('heading', { level: 2 })).toHaveText([
    'Hunde-Steuer',
    'Park-Ausweis für Anwohner',
    'Straße nutzen: Sonder-Nutzung',
    'Sie brauchen Hilfe?',
  ]);
  for (const [name, href] of [
    ['Hier melden Sie Ihren Hund an.', 'hundesteuer.html'],
    ['Hier beantragen Sie den Park-Ausweis.', 'anwohnerparken.html'],
    ['Hier beantragen Sie die Sonder-Nutzung.', 'sondernutzung.html'],
  ]) {
    await expect(page.getByRole('link', { name })).toHaveAttribute('href', href);
  }
  await expect(page.locator('main')).toContainText('für den 1. Hund: 96 Euro');
  await expectNoAxeViolations(page, 'Leichte Sprache');

  await page.goto(`${server.url}gebaerdensprache.html`);
  await expect(page.locator('main')).toContainText('keine Videos in Gebärdensprache');
  await expect(page.getByRole('heading', { name: 'Kontakt ohne Telefon' })).toBeVisible();
  await expectNoAxeViolations(page, 'Gebärdensprache');

  await page.goto(`${server.url}barrierefreiheit.html`);
  const online = page.locator('h3:has-text("Online-Anträge") + ul > li');
  // What is still open: the third-party pages; the findings fixed since (tagged PDFs, 2.2.1, 3.3.4,
  // 3.1.2, 2.4.3) are named as fixed.
  await expect(online).toHaveCount(1);
  await expect(online.filter({ hasText: 'Angebote Dritter' })).toHaveCount(1);
  await expect(page.locator('main')).not.toContainText('nicht getaggt');
  const fixed = page.locator('p:has-text("Behoben seit der letzten Prüfung")');
  for (const criterion of ['getaggte PDF', 'WCAG 2.2.1', 'WCAG 3.3.4', 'WCAG 3.1.2', 'WCAG 2.4.3'])
    await expect(fixed).toContainText(criterion);
  await expect(page.locator('main')).toContainText('ozg-form-audit');
  await expectNoAxeViolations(page, 'Erklärung zur Barrierefreiheit');
});
