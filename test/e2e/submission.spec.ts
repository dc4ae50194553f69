/**
 * Submission end to end (issue 4): a confirmed demo form is encrypted in the browser, sent through the
 * gateway to the FIT-Connect stand-in, and replaced by the receipt. Nothing is lost when the gateway is
 * down, nothing is sent twice when the page reloads while sending. Checked in the case-worker inbox,
 * which decrypts with the destination's private key.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { ANSWERS } from './answers.js';
import { expectNoAxeViolations } from './axe.js';
import { expect, test } from './fixtures.js';
import { allRoles, inspectPdf } from '../support/pdf-inspect.js';
import { answerAndReview } from './journeys.js';
import { INBOX_TOKEN, inboxWith } from './inbox-api.js';

/** How long the receipt may take: encrypting and sending on a busy two-core machine can take longer
 * than Playwright's default 5 s. */
const SENT = { timeout: 30_000 };

const HUNDESTEUER_ID = 'https://musterstadt.example/forms/hundesteuer.json';

const form = (page: Page): Locator => page.locator('ozg-form');

/** Valid Hundesteuer answers with a dog name no other test uses. */
function hundesteuer(dog: string): Record<string, unknown> {
  const answers = structuredClone(ANSWERS.hundesteuer) as { hunde: Record<string, unknown>[] };
  answers.hunde[0]!.name = dog;
  return answers;
}

/** Opens a demo form, sets the answers, and presses "Weiter" until the review page shows. */
const toReview = (page: Page, url: string, name: keyof typeof ANSWERS, data: Record<string, unknown>) =>
  answerAndReview(page, url, name, data);

/** The review page's button: "Antrag absenden", or "Weiter zur Bezahlung" for a fee paid before sending. */
const confirm = (page: Page, label = 'Antrag absenden') => form(page).getByRole('button', { name: label }).click();

interface InboxDetail {
  caseId: string;
  state: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

async function draftKept(page: Page): Promise<string | null> {
  return page.evaluate((id) => localStorage.getItem(`ozg-form:draft:${id}`), HUNDESTEUER_ID);
}

const receiptHeading = (page: Page) => form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' });

test('Hundesteuer: confirmed, sent encrypted, receipt with PDF, exactly one decrypted submission in the inbox', async ({
  page,
  server,
}) => {
  const dog = `Bello-${crypto.randomUUID().slice(0, 8)}`;
  await toReview(page, server.url, 'hundesteuer', hundesteuer(dog));
  await confirm(page);

  await expect(receiptHeading(page)).toBeVisible(SENT);
  await expect(receiptHeading(page)).toBeFocused();
  const caseId = (await form(page).locator('.receipt-case-id').textContent())!.trim();
  expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(form(page).locator('.receipt')).toContainText(dog); // the summary of the answers
  await expect(form(page).locator('.receipt')).toContainText('Eurasier');
  // the demo page still shows what ozg-submit handed over
  await expect(page.locator('pre[data-output-for="antrag-hundesteuer"]')).toContainText(dog);
  // the plain answers are gone from the browser; the receipt's ids stay
  expect(await draftKept(page)).toBeNull();

  const link = form(page).getByRole('link', { name: 'Zum Postfach Ihres Antrags' });
  const href = (await link.getAttribute('href'))!;
  expect(href.startsWith(`${server.url}postfach.html#case=${caseId}&secret=`)).toBe(true);

  const downloading = page.waitForEvent('download');
  await form(page).getByRole('button', { name: 'Eingangsbestätigung herunterladen (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`eingangsbestaetigung-${caseId}.pdf`);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // built by the shipped bundle under the page's CSP: a tagged PDF with embedded fonts (issue 16, finding 2)
  const receipt = await inspectPdf(new Uint8Array(pdf));
  expect(receipt.marked).toBe(true);
  expect(receipt.lang).toBe('de-DE');
  expect(allRoles(receipt.tree)).toEqual(expect.arrayContaining(['Document', 'H1', 'H2', 'P', 'Table', 'TH', 'TD']));
  expect(receipt.fonts.length).toBeGreaterThan(0);
  expect(receipt.fonts.every((f) => f.embedded)).toBe(true);
  expect(receipt.text).toContain(dog);
  expect(receipt.text).toContain('Keine Nachweise beigefügt.'); // the form has no file question

  // exactly one submission, decrypted, with the dog's name and the e-mail reply channel
  const found = await inboxWith<InboxDetail>(server.url, dog);
  expect(found.map((d) => d.caseId)).toEqual([caseId]);
  expect(found[0]!.state).toBe('ok');
  expect(found[0]!.metadata.replyChannel).toEqual({ eMail: { address: 'erika@example.org' } });
  expect((found[0]!.metadata.serviceType as { identifier: string }).identifier).toBe(
    'urn:de:fim:leika:leistung:99110007000000',
  );

  const inbox = await page.context().newPage();
  await inbox.goto(`${server.url}inbox.html`);
  await inbox.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await inbox.getByRole('button', { name: 'Anmelden' }).click();
  await inbox.getByRole('button', { name: new RegExp(caseId.slice(0, 8)) }).click();
  await expect(inbox.locator('#detail-h')).toContainText(caseId);
  await expect(inbox.locator('#data')).toContainText(dog);
  await inbox.close();

  // the mailbox link opens the case
  await page.goto(href);
  await expect(page.locator('ozg-mailbox')).toContainText(caseId);

  // back on the form page: the receipt again (from what was kept), until a new application is started
  await page.goto(`${server.url}hundesteuer.html`);
  await expect(receiptHeading(page)).toBeVisible(SENT);
  await expect(form(page).locator('.receipt-case-id')).toHaveText(caseId);
  await expect(form(page).locator('.receipt')).not.toContainText(dog);
  await form(page).getByRole('button', { name: 'Neuen Antrag stellen' }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter');
  await expect(form(page).locator('.step-title')).toBeFocused();
  await expect(form(page).getByLabel('Vorname', { exact: true })).toHaveValue('');
  await page.reload();
  await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter');
  await expect(receiptHeading(page)).toHaveCount(0);
});

test('gateway down: "wird erneut versucht", the draft is kept; once it is back the application goes through once', async ({
  page,
  server,
}) => {
  const dog = `Rex-${crypto.randomUUID().slice(0, 8)}`;
  await toReview(page, server.url, 'hundesteuer', hundesteuer(dog));
  let attempts = 0;
  await page.route('**/gateway/v1/**', (route) => {
    attempts++;
    return route.abort();
  });
  await confirm(page);

  const status = form(page).getByRole('status').filter({ hasText: 'wird erneut versucht' });
  await expect(status).toHaveText('Der Server ist nicht erreichbar – wird erneut versucht.');
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag wird gesendet …' })).toBeVisible();
  await expect.poll(() => attempts, { message: 'retried by itself', timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  expect(await draftKept(page)).toContain(dog);
  await expect(receiptHeading(page)).toHaveCount(0);

  await page.unroute('**/gateway/v1/**');
  await form(page).getByRole('button', { name: 'Jetzt erneut versuchen' }).click();
  await expect(receiptHeading(page)).toBeVisible(SENT);
  await expect(status).toHaveCount(0);
  expect(await draftKept(page)).toBeNull();
  const caseId = (await form(page).locator('.receipt-case-id').textContent())!.trim();
  expect((await inboxWith<InboxDetail>(server.url, dog)).map((d) => d.caseId)).toEqual([caseId]);
});

test('offline when confirming: the application waits and goes through once the connection is back, nothing blamed on the site', async ({
  page,
  server,
}) => {
  const dog = `Offline-${crypto.randomUUID().slice(0, 8)}`;
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await toReview(page, server.url, 'hundesteuer', hundesteuer(dog));
  // The person reads the review page (the code for sending arrives meanwhile: no request for a second) …
  const resources = () => page.evaluate(() => performance.getEntriesByType('resource').length);
  await expect
    .poll(async () => {
      const before = await resources();
      await page.waitForTimeout(1000);
      return (await resources()) === before;
    })
    .toBe(true);
  // … and the train enters a tunnel just as they confirm.
  await page.context().setOffline(true);
  await confirm(page);
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag wird gesendet …' })).toBeVisible();
  await expect(form(page).getByText('Das Formular kann nicht angezeigt werden.')).toHaveCount(0);
  await expect(form(page).locator('.editor-note')).toHaveCount(0);
  expect(await draftKept(page)).toContain(dog);
  // Out of the tunnel: it goes through by itself.
  await page.context().setOffline(false);
  await expect(receiptHeading(page)).toBeVisible({ timeout: 60_000 });
  expect(errors.filter((e) => e.includes('Access-Control-Allow-Origin'))).toEqual([]);
  expect((await inboxWith<InboxDetail>(server.url, dog)).length).toBe(1);
});

test('a reload while sending resumes the same submission: receipt after the reload, one submission', async ({
  page,
  server,
}) => {
  const dog = `Luna-${crypto.randomUUID().slice(0, 8)}`;
  await toReview(page, server.url, 'hundesteuer', hundesteuer(dog));
  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/gateway\/v1\/submissions$/.test(r.url())) creates.push(r.url());
  });
  // The final "send" call fails until the page is reloaded.
  let down = true;
  page.on('request', (r) => {
    if (r.isNavigationRequest()) down = false;
  });
  await page.route('**/gateway/v1/submissions/*', (route) =>
    down && route.request().method() === 'PUT' ? route.abort() : route.continue(),
  );
  await confirm(page);

  await expect(form(page).locator('.submission [role="status"]')).toHaveText(
    'Der Server ist nicht erreichbar – wird erneut versucht.',
  );
  const stored = await page.evaluate(
    (id) => JSON.parse(localStorage.getItem(`ozg-form:submission:${id}`) ?? 'null'),
    HUNDESTEUER_ID,
  );
  expect(stored.state.submissionId).toBeTruthy();
  expect(stored.state.sent).toBe(false);
  expect(stored.package.encryptedData.split('.')).toHaveLength(5); // JWE compact: ciphertext only
  expect(JSON.stringify(stored)).not.toContain(dog);
  expect(creates).toHaveLength(1);

  await page.reload();
  await expect(receiptHeading(page)).toBeVisible(SENT);
  expect(creates, 'no second create after the reload').toHaveLength(1);
  const caseId = (await form(page).locator('.receipt-case-id').textContent())!.trim();
  expect(caseId).toBe(stored.state.caseId);
  await expect(form(page).locator('.receipt')).toContainText(dog); // the draft was still there to summarise
  expect(await draftKept(page)).toBeNull();
  expect((await inboxWith<InboxDetail>(server.url, dog)).map((d) => d.caseId)).toEqual([caseId]);
});

test('the receipt has no axe-core violations (WCAG 2.0/2.1 A and AA)', async ({ page, server }) => {
  const marker = `Golf-${crypto.randomUUID().slice(0, 8)}`;
  const answers = structuredClone(ANSWERS.anwohnerparken) as { fahrzeuge: Record<string, unknown>[] };
  answers.fahrzeuge[0]!.marke = marker;
  await toReview(page, server.url, 'anwohnerparken', answers);
  await confirm(page, 'Weiter zur Bezahlung');
  // The parking permit costs a fee, paid before sending (issue 7): through the payment stand-in.
  await form(page)
    .getByRole('button', { name: /^Jetzt .* bezahlen$/ })
    .click();
  await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
  await expect(receiptHeading(page)).toBeFocused();
  await expect(form(page).locator('.receipt-reference')).toHaveText(/^\d{12}$/);
  await expect(form(page).locator('.receipt')).toContainText(marker);
  await expectNoAxeViolations(page, 'the receipt');
  expect(await inboxWith<InboxDetail>(server.url, marker)).toHaveLength(1);
});

test('a page that cancels ozg-submit takes over: nothing is sent, the form stays', async ({ page, server }) => {
  const gatewayCalls: string[] = [];
  page.on('request', (r) => {
    // Loading the published definition is not sending: only the submission API counts.
    if (r.url().includes('/gateway/v1/') && !r.url().includes('/gateway/v1/forms/')) gatewayCalls.push(r.url());
  });
  await toReview(page, server.url, 'hundesteuer', hundesteuer('Cancelled'));
  await form(page).evaluate((el) => el.addEventListener('ozg-submit', (e) => e.preventDefault()));
  await confirm(page);
  await expect(page.locator('pre[data-output-for="antrag-hundesteuer"]')).toContainText('Cancelled');
  await expect(form(page).locator('.step-title')).toHaveText('Ihre Angaben prüfen');
  await expect(form(page).locator('.submission, .receipt')).toHaveCount(0);
  expect(gatewayCalls).toEqual([]);
  expect(await draftKept(page)).toContain('Cancelled');
});

test('the encrypted package is kept until the authority accepts, then dropped', async ({ page, server }) => {
  const dog = `Keep-${crypto.randomUUID().slice(0, 8)}`;
  await toReview(page, server.url, 'hundesteuer', hundesteuer(dog));
  await confirm(page);
  await expect(receiptHeading(page)).toBeVisible(SENT);
  const stored = () =>
    page.evaluate((id) => JSON.parse(localStorage.getItem(`ozg-form:submission:${id}`) ?? 'null'), HUNDESTEUER_ID);

  // Sent, not yet accepted: the ciphertext stays (it could be sent again without typing it again).
  const sent = await stored();
  expect(sent.state.sent).toBe(true);
  expect(sent.package.encryptedData.split('.')).toHaveLength(5);
  expect(JSON.stringify(sent)).not.toContain(dog);
  // It keeps the page's draft days (default 3): other forms' pages remove it after them.
  expect(sent.days).toBe(3);

  // A visit before the decision keeps it: once the form has read the case's events (and the keys
  // that sign them) and the network is quiet, the package is still there.
  const eventsRead = page.waitForResponse((r) => /\/cases\/[^/]+\/events/.test(r.url()));
  await page.reload({ waitUntil: 'networkidle' });
  await expect(receiptHeading(page)).toBeVisible(SENT);
  await eventsRead;
  expect((await stored()).package).toBeTruthy();

  // The case worker accepts; on the next visit the form sees the verified accept event and drops it.
  const headers = { authorization: `Bearer ${INBOX_TOKEN}` };
  const accepted = await fetch(`${server.url}standins/inbox/api/submissions/${sent.state.submissionId}/accept`, {
    method: 'POST',
    headers,
  });
  expect(accepted.status).toBeLessThan(300);
  await page.reload();
  await expect(receiptHeading(page)).toBeVisible(SENT);
  await expect.poll(async () => (await stored()).package).toBeUndefined();
  expect((await stored()).state.caseId).toBe(sent.state.caseId);
  expect((await stored()).days).toBe(3);
});

test('the whole way: form -> receipt -> inbox decrypts, accepts, sends a Bescheid -> the receipt link shows both', async ({
  page,
  server,
}) => {
  const dog = `Weg-${crypto.randomUUID().slice(0, 8)}`;
  await toReview(page, server.url, 'hundesteuer', hundesteuer(dog));
  await confirm(page);
  await expect(receiptHeading(page)).toBeVisible(SENT);
  const caseId = (await form(page).locator('.receipt-case-id').textContent())!.trim();
  const mailboxLink = (await form(page)
    .getByRole('link', { name: 'Zum Postfach Ihres Antrags' })
    .getAttribute('href'))!;

  // case worker: decrypts, accepts, sends a Bescheid
  const inbox = await page.context().newPage();
  await inbox.goto(`${server.url}inbox.html`);
  await inbox.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await inbox.getByRole('button', { name: 'Anmelden' }).click();
  await inbox.getByRole('button', { name: new RegExp(caseId.slice(0, 8)) }).click();
  await expect(inbox.locator('#data')).toContainText(dog);
  await inbox.getByRole('button', { name: 'Annehmen' }).click();
  await inbox.getByRole('button', { name: 'Ja, annehmen' }).click(); // accepting asks once more (issue 16, finding 9)
  await expect(inbox.locator('#facts')).toContainText('angenommen');
  await inbox.getByLabel('Text des Bescheids').fill(`Die Hundesteuer für ${dog} beträgt 96 € jährlich.`);
  await inbox.getByRole('button', { name: 'Bescheid erstellen und senden' }).click();
  await expect(inbox.locator('#messages li')).toHaveCount(1);
  await inbox.close();

  // applicant: the capability link from the receipt shows the decision and the Bescheid
  await page.goto(mailboxLink);
  const mailbox = page.locator('ozg-mailbox');
  await expect(mailbox.getByText('Aktueller Stand:')).toContainText('angenommen');
  await expect(mailbox.locator('.message')).toHaveCount(1);
  await expect(mailbox.locator('.message').first()).toContainText('Bescheid');
  await expect(mailbox.locator('.message').first()).toContainText(`Die Hundesteuer für ${dog} beträgt 96 € jährlich.`);
  const downloading = page.waitForEvent('download');
  await mailbox.getByRole('button', { name: 'Bescheid herunterladen (PDF)' }).click();
  const pdf = readFileSync((await (await downloading).path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
