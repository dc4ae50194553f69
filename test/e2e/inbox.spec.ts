/**
 * The return channel end to end, against the real local server: an encrypted submission goes through
 * the gateway to the FIT-Connect stand-in; the case worker opens it in the inbox page, accepts it and
 * sends a Bescheid and a message; the applicant follows the capability link to the Postfach page, sees
 * the status, downloads the Bescheid and answers; the answer arrives in the inbox.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createIdempotencyKey, prepareSubmission, SubmissionClient } from '../../src/modules/submission/index.js';
import { expectNoAxeViolations } from './axe.js';
import { expect, focused, test } from './fixtures.js';

const INBOX_TOKEN = 'musterstadt-demo'; // the demo default (docs/server.md)

/** A real submission, encrypted in this process exactly as the browser modules do it. */
async function submit(baseUrl: string, marker: string, withEvidence = true) {
  const client = new SubmissionClient({ baseUrl, baseDelayMs: 10 });
  const dest = await client.getDestination();
  const attachmentId = crypto.randomUUID();
  const { encrypted } = await prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: '99108004001000',
    serviceName: 'Hundesteuer Anmeldung',
    schemaUri: 'https://schema.fitko.de/fim/s00000096_1.0.schema.json',
    data: { vorname: 'Erika', nachname: marker, hund: { name: 'Bello', rasse: 'Dackel' } },
    attachments: withEvidence
      ? [
          {
            attachmentId,
            bytes: new TextEncoder().encode('%PDF-1.4\n'),
            filename: 'haftpflicht.pdf',
            mimeType: 'application/pdf',
          },
        ]
      : [],
  });
  return client.submit(encrypted, { idempotencyKey: createIdempotencyKey(), sentAttachments: [], sent: false });
}

async function openInbox(page: Page, url: string) {
  await page.goto(`${url}inbox.html`);
  await page.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Eingegangene Anträge' })).toBeVisible();
}

test('case worker accepts and answers; the applicant sees it in the Postfach and replies', async ({ page, server }) => {
  const marker = `Mustermann-${crypto.randomUUID().slice(0, 8)}`;
  const sent = await submit(server.url, marker);

  // --- case worker ---
  await openInbox(page, server.url);
  await page.getByRole('button', { name: new RegExp(sent.caseId.slice(0, 8)) }).click();
  const heading = page.locator('#detail-h');
  await expect(heading).toContainText(sent.caseId);
  await expect(heading).toBeFocused();
  await expect(page.locator('#data')).toContainText(marker); // decrypted by the inbox
  await expect(page.locator('#data')).toContainText('Bello');
  await expect(page.locator('#attachments')).toContainText('haftpflicht.pdf');
  // Opening forwarded it: the list says so as the detail does.
  await expect(page.getByRole('button', { name: new RegExp(sent.caseId.slice(0, 8)) })).toContainText('in Bearbeitung');
  await expectNoAxeViolations(page, 'the inbox with a submission open');

  await page.getByRole('button', { name: 'Annehmen' }).click();
  // The question is read with the focused button, and Escape cancels it.
  const yes = page.getByRole('button', { name: 'Ja, annehmen' });
  await expect(yes).toBeFocused();
  await expect(yes).toHaveAccessibleDescription(/^Antrag annehmen\? .*nicht rückgängig/);
  await page.keyboard.press('Escape');
  await expect(yes).toBeHidden();
  await expect(page.getByRole('button', { name: 'Annehmen' })).toBeFocused();
  await page.getByRole('button', { name: 'Annehmen' }).click();
  await yes.click(); // accepting asks once more (issue 16, finding 9)
  await expect(page.getByRole('status')).toHaveText('Erledigt.');
  await expect(page.locator('#facts')).toContainText('angenommen');
  // decided: it cannot be accepted again, and the focus did not fall onto <body> with the disabled button
  await expect(page.getByRole('button', { name: 'Annehmen' })).toBeDisabled();
  await expect(heading).toBeFocused();
  // The status line follows the language like the rest of the page.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('status')).toHaveText('Done.');
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await page.getByLabel('Betreff des Bescheids').fill('Bescheid über die Hundesteuer 2025');
  await page
    .getByLabel('Text des Bescheids')
    .fill('Die Hundesteuer für Bello beträgt 96 € jährlich.\n\nSie wird am 15. Februar fällig.');
  await page.getByRole('button', { name: 'Bescheid erstellen und senden' }).click();
  await expect(page.locator('#messages li')).toHaveCount(1);
  await page.getByLabel('Nachricht an die antragstellende Person').fill('Bitte denken Sie an die Hundemarke.');
  await page.getByRole('button', { name: 'Nachricht senden' }).click();
  await expect(page.locator('#messages li')).toHaveCount(2);
  await expect(page.getByLabel('Nachricht an die antragstellende Person')).toHaveValue('');

  // --- applicant, through the capability link of the receipt ---
  const applicant = await page.context().newPage();
  await applicant.goto(
    `${server.url}postfach.html#case=${encodeURIComponent(sent.caseId)}&secret=${encodeURIComponent(sent.caseSecret)}`,
  );
  const mailbox = applicant.locator('ozg-mailbox');
  await expect(mailbox.getByText('Aktueller Stand:')).toContainText('angenommen');
  const current = mailbox.locator('ol.timeline > li[aria-current="step"]');
  await expect(current).toHaveCount(1);
  await expect(current).toContainText('angenommen');
  await expect(mailbox.locator('ol.timeline > li')).toHaveText([/eingereicht/, /weitergeleitet/, /angenommen/]);
  await expect(mailbox.locator('.message')).toHaveCount(2);
  await expect(mailbox.locator('.message').nth(1)).toContainText('Bitte denken Sie an die Hundemarke.');
  await expect(mailbox.locator('.message').nth(0)).toContainText('Bescheid');
  // the Bescheid is readable as text in the mailbox: its subject as a heading, its paragraphs as text
  const decision = mailbox.getByRole('article', { name: 'Bescheid über die Hundesteuer 2025' });
  await expect(decision.getByRole('heading', { level: 4 })).toHaveText('Bescheid über die Hundesteuer 2025');
  await expect(decision.locator('p.text')).toHaveText([
    'Die Hundesteuer für Bello beträgt 96 € jährlich.',
    'Sie wird am 15. Februar fällig.',
  ]);
  await expect(mailbox).toContainText(sent.caseId);
  await expectNoAxeViolations(applicant, 'the Postfach page');

  const downloading = applicant.waitForEvent('download');
  await mailbox.getByRole('button', { name: 'Bescheid herunterladen (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // reply by keyboard only: Tab to the field, type, Tab to the button, Enter
  const reply = `Vielen Dank! (${marker})`;
  await applicant.getByRole('button', { name: 'Bescheid herunterladen (PDF)' }).focus();
  for (let i = 0; i < 10 && (await focused(applicant)).label !== 'Ihre Nachricht an die Behörde'; i++)
    await applicant.keyboard.press('Tab');
  expect((await focused(applicant)).tag).toBe('textarea');
  await applicant.keyboard.type(reply);
  await applicant.keyboard.press('Tab');
  expect((await focused(applicant)).label).toBe('Antwort senden');
  await applicant.keyboard.press('Enter');
  await expect(mailbox.getByRole('status')).toHaveText('Antwort gesendet.');
  await expect(mailbox.locator('.message')).toHaveCount(3);
  await expect(mailbox.locator('.message').nth(2)).toContainText('Ihre Antwort');
  await expect(mailbox.locator('.message').nth(2)).toContainText(reply);
  await expect(mailbox.getByLabel('Ihre Nachricht an die Behörde')).toHaveValue('');
  expect((await focused(applicant)).tag).toBe('textarea');

  // --- the reply arrives in the inbox ---
  await page.reload();
  await page.getByRole('button', { name: new RegExp(sent.caseId.slice(0, 8)) }).click();
  await expect(page.locator('#messages li').filter({ hasText: reply })).toContainText('von Antragsteller/in');
});

test('a wrong secret shows "Zu diesem Link gibt es keinen Vorgang" and nothing of the case', async ({
  page,
  server,
}) => {
  const marker = `Wrong-${crypto.randomUUID().slice(0, 8)}`;
  const sent = await submit(server.url, marker);
  await page.goto(`${server.url}postfach.html#case=${sent.caseId}&secret=${'A'.repeat(43)}`);
  const mailbox = page.locator('ozg-mailbox');
  await expect(mailbox.getByRole('alert')).toContainText('Zu diesem Link gibt es keinen Vorgang');
  const text = await mailbox.evaluate((el) => el.shadowRoot!.textContent ?? '');
  expect(text).not.toContain(sent.caseId);
  expect(text).not.toMatch(/eingereicht|Bescheid herunterladen|Antwort senden/);
  await expect(mailbox.locator('ol, form, textarea')).toHaveCount(0);
  await expectNoAxeViolations(page, 'the Postfach page with a wrong link');

  // the same link with the right secret does show the case (the test above is not vacuous)
  await page.goto(`${server.url}postfach.html#case=${sent.caseId}&secret=${sent.caseSecret}`);
  await expect(mailbox.locator('ol.timeline > li[aria-current="step"]')).toContainText('eingereicht');
});

test('a case without evidence says so instead of showing an empty list', async ({ page, server }) => {
  const sent = await submit(server.url, `Ohne-${crypto.randomUUID().slice(0, 8)}`, false);
  await openInbox(page, server.url);
  await page.getByRole('button', { name: new RegExp(sent.caseId.slice(0, 8)) }).click();
  await expect(page.locator('#detail-h')).toContainText(sent.caseId);
  await expect(page.getByText('Keine Nachweise hochgeladen.')).toBeVisible();
  await expect(page.locator('#attachments')).toBeHidden();
});

test('the Postfach speaks English when switched', async ({ page, server }) => {
  const sent = await submit(server.url, 'English');
  await page.goto(`${server.url}postfach.html#case=${sent.caseId}&secret=${sent.caseSecret}`);
  const mailbox = page.locator('ozg-mailbox');
  await expect(mailbox.locator('ol.timeline > li[aria-current="step"]')).toContainText('eingereicht');
  // The page's heading and the mailbox's own heading do not repeat each other.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Postfach für Online-Anträge');
  await expect(mailbox.getByRole('heading', { level: 2 })).toHaveText('Mein Antrag – Postfach');
  // An error already shown is worded again in the new language.
  await mailbox.getByRole('button', { name: 'Antwort senden' }).click();
  await expect(mailbox.locator('#reply-error')).toHaveText('Fehler: Bitte schreiben Sie eine Nachricht.');
  await page.getByLabel('English').check();
  await expect(mailbox.getByRole('heading', { level: 2 })).toHaveText('My application – mailbox');
  await expect(mailbox.locator('ol.timeline > li[aria-current="step"]')).toContainText('submitted');
  await expect(mailbox.getByRole('button', { name: 'Send reply' })).toBeVisible();
  await expect(mailbox.locator('#reply-error')).toHaveText('Error: Please write a message.');
});

test('a rejection with its reason reaches the Postfach', async ({ page, server }) => {
  const sent = await submit(server.url, `Reject-${crypto.randomUUID().slice(0, 8)}`);
  await openInbox(page, server.url);
  await page.getByRole('button', { name: new RegExp(sent.caseId.slice(0, 8)) }).click();
  await page.getByRole('button', { name: 'Ablehnen' }).click();
  // The message is beside the field and tied to it, not only in the status line at the top.
  const reason = page.getByLabel('Ablehnungsgrund');
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription('Bitte geben Sie einen Ablehnungsgrund ein.');
  await page.getByLabel('Ablehnungsgrund').fill('Der Hund ist bereits angemeldet.');
  await page.getByRole('button', { name: 'Ablehnen' }).click();
  await page.getByRole('button', { name: 'Ja, ablehnen' }).click(); // rejecting asks once more (issue 16, finding 9)
  await expect(page.locator('#facts')).toContainText('abgelehnt');

  await page.goto(`${server.url}postfach.html#case=${sent.caseId}&secret=${sent.caseSecret}`);
  const mailbox = page.locator('ozg-mailbox');
  await expect(mailbox.locator('ol.timeline > li[aria-current="step"]')).toContainText('abgelehnt');
  await expect(mailbox).toContainText('Begründung: Der Hund ist bereits angemeldet.');
  await expect(mailbox.locator('ol.timeline > li')).toHaveText([/eingereicht/, /weitergeleitet/, /abgelehnt/]);
});

test('the inbox warns the case worker about an application it could not check against its form', async ({
  page,
  server,
}) => {
  // The helper's answers name a FIM schema that is not published at this gateway.
  const sent = await submit(server.url, `Muster-${crypto.randomUUID().slice(0, 8)}`);
  await openInbox(page, server.url);
  await page.getByRole('button', { name: new RegExp(sent.caseId.slice(0, 8)) }).click();
  const checks = page.locator('#checks');
  await expect(checks.getByRole('heading', { level: 3 })).toHaveText('Achtung: Bitte vor der Entscheidung prüfen');
  await expect(checks.getByRole('listitem')).toHaveText([
    'Das Formular dieses Antrags ist hier nicht veröffentlicht: Angaben und Gebühr wurden nicht geprüft.',
  ]);
  await expectNoAxeViolations(page, 'the inbox with a warning');
});
