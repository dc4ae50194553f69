/**
 * Drafts across a real reload, and definitions that cannot be loaded, in the Hundesteuer demo page.
 * (Every test also fails on an uncaught page error: see the auto fixture in fixtures.ts.)
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { HUNDESTEUER_STEP_1 } from './answers.js';

/** The answers of every draft kept in this browser (empty drafts left out). */
function keptAnswers(page: Page): Promise<unknown[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('ozg-form:draft:'))
      .map((k) => (JSON.parse(localStorage.getItem(k) ?? '{}') as { data?: Record<string, unknown> }).data ?? {})
      .filter((data) => Object.keys(data).length > 0),
  );
}

const form = (page: Page): Locator => page.locator('ozg-form');

const STEP_1 = HUNDESTEUER_STEP_1;

function field(page: Page, label: string): Locator {
  return form(page).getByLabel(label, { exact: true });
}

async function fillStep1(page: Page): Promise<void> {
  for (const [label, value] of Object.entries(STEP_1)) await field(page, label).fill(value);
}

/** Waits until the browser holds a draft containing `text` (the form saves shortly after a change). */
async function draftContains(page: Page, text: string): Promise<void> {
  await expect
    .poll(() => page.evaluate((t) => Object.values(localStorage).some((v) => v.includes(t)), text), {
      message: `a draft containing "${text}" in localStorage`,
    })
    .toBe(true);
}

/** Collects the ozg-error events of the page, from the very start. */
async function recordErrors(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { ozgErrors: unknown[] };
    w.ozgErrors = [];
    document.addEventListener('ozg-error', (e) => w.ozgErrors.push((e as CustomEvent).detail));
  });
}

async function ozgErrors(page: Page): Promise<{ message: string; problems: unknown[] }[]> {
  return page.evaluate(
    () => (window as unknown as { ozgErrors: { message: string; problems: unknown[] }[] }).ozgErrors,
  );
}

/** Fills step 1, goes to step 2, names the dog, and waits until the draft is kept. */
async function startApplication(page: Page, url: string): Promise<void> {
  await page.goto(`${url}hundesteuer.html`);
  await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter');
  await expect(form(page).locator('.notice')).toHaveCount(0);
  await fillStep1(page);
  await form(page).getByRole('button', { name: 'Weiter' }).click();
  await expect(form(page).locator('.progress-text')).toHaveText('Schritt 2 von 6');
  await field(page, 'Name des Hundes').fill('Bello');
  await draftContains(page, 'Bello');
}

test('answers and the step survive a reload', async ({ page, server }) => {
  await startApplication(page, server.url);

  await page.reload();
  await expect(form(page).locator('.progress-text')).toHaveText('Schritt 2 von 6');
  await expect(form(page).locator('.step-title')).toHaveText('Hunde');
  await expect(form(page).locator('.notice')).toContainText('wiederhergestellt');
  await expect(field(page, 'Name des Hundes')).toHaveValue('Bello');

  await form(page).getByRole('button', { name: 'Zurück' }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter');
  for (const [label, value] of Object.entries(STEP_1)) await expect(field(page, label), label).toHaveValue(value);
});

test('"Angaben löschen und neu beginnen" empties the questions shown on step 1', async ({ page, server }) => {
  await startApplication(page, server.url);
  await page.reload();
  await form(page).getByRole('button', { name: 'Zurück' }).click();
  await expect(field(page, 'Vorname')).toHaveValue('Erika');

  // Nothing goes on one press (WCAG 3.3.4): the form asks first, and "Abbrechen" keeps everything.
  await form(page).getByRole('button', { name: 'Angaben löschen und neu beginnen' }).click();
  await expect(form(page).locator('#draft-discard-question')).toBeFocused();
  await expect(form(page).locator('#draft-discard-question')).toContainText('nicht rückgängig');
  await expect(field(page, 'Vorname')).toHaveValue('Erika');
  await form(page).getByRole('button', { name: 'Abbrechen' }).first().click();
  await expect(form(page).getByRole('button', { name: 'Angaben löschen und neu beginnen' })).toBeFocused();
  await expect(field(page, 'Vorname')).toHaveValue('Erika');

  await form(page).getByRole('button', { name: 'Angaben löschen und neu beginnen' }).click();
  await form(page).getByRole('button', { name: 'Ja, löschen und neu beginnen' }).click();
  await expect(form(page).locator('.notice')).toHaveCount(0);
  await expect(form(page).locator('.progress-text')).toHaveText('Schritt 1 von 6');
  // Focus does not fall to the page: the first step's heading has it.
  await expect(form(page).locator('.step-title')).toBeFocused();
  for (const label of Object.keys(STEP_1)) await expect(field(page, label), label).toHaveValue('');
  // What is shown is what is kept: "Weiter" now finds the questions empty.
  await form(page).getByRole('button', { name: 'Weiter' }).click();
  await expect(form(page).locator('.error-summary')).toContainText('Vorname');
});

test('after "Angaben löschen und neu beginnen" a reload shows an empty form without the notice', async ({
  page,
  server,
}) => {
  await startApplication(page, server.url);
  await page.reload();
  await expect(form(page).locator('.notice')).toContainText('wiederhergestellt');
  await form(page).getByRole('button', { name: 'Angaben löschen und neu beginnen' }).click();
  await form(page).getByRole('button', { name: 'Ja, löschen und neu beginnen' }).click();
  await expect(form(page).locator('.notice')).toHaveCount(0);
  await expect(form(page).locator('.progress-text')).toHaveText('Schritt 1 von 6');

  // No kept answers are left behind (the discard also cancels a save that was still scheduled), so the
  // reload shows what a person coming back later would see.
  await expect.poll(() => keptAnswers(page)).toEqual([]);
  await page.reload();
  await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter');
  await expect(form(page).locator('.progress-text')).toHaveText('Schritt 1 von 6');
  for (const label of Object.keys(STEP_1)) await expect(field(page, label), label).toHaveValue('');
  await expect(form(page).locator('.notice'), 'no "wiederhergestellt" notice after discarding').toHaveCount(0);
});

test("an earlier person's expired draft of another form goes when any form page opens", async ({ page, server }) => {
  // Sondernutzung was answered on this computer (name and e-mail in the draft) and left for four days.
  await page.goto(`${server.url}sondernutzung.html`);
  await expect(form(page).locator('.step-title')).toBeVisible();
  await field(page, 'Vorname').fill('Erika');
  await draftContains(page, 'Erika');
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith('ozg-form:draft:'))) {
      const draft = JSON.parse(localStorage.getItem(key)!) as { savedAt: string; days?: number };
      if (draft.days !== 3) throw new Error(`the draft should keep its page's days: ${JSON.stringify(draft)}`);
      draft.savedAt = new Date(Date.now() - 4 * 24 * 3600_000).toISOString();
      localStorage.setItem(key, JSON.stringify(draft));
    }
  });
  // The next person opens Hundesteuer: the other form's draft is gone without Sondernutzung being opened.
  await page.goto(`${server.url}hundesteuer.html`);
  await expect(form(page).locator('.step-title')).toBeVisible();
  await expect.poll(() => keptAnswers(page)).toEqual([]);
  expect(await page.evaluate(() => Object.values(localStorage).join(' '))).not.toContain('Erika');
});

test('what was typed just before leaving the page is kept too', async ({ page, server }) => {
  await page.goto(`${server.url}hundesteuer.html`);
  await field(page, 'Vorname').fill('Erika');
  await field(page, 'Nachname').fill('Mustermann');
  // Leave at once (a reload, a link to the login, a closed tab): no time for a delayed save.
  await page.reload();
  await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter');
  await expect(field(page, 'Vorname')).toHaveValue('Erika');
  await expect(field(page, 'Nachname')).toHaveValue('Mustermann');
  await expect(form(page).locator('.notice')).toContainText('wiederhergestellt');
});

test('a definition that is not found shows its message in the element and fires ozg-error', async ({
  page,
  server,
}) => {
  await recordErrors(page);
  await page.route('**/gateway/v1/forms/hundesteuer', (route) =>
    route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
  );
  await page.goto(`${server.url}hundesteuer.html`);
  const problem = form(page).locator('.load-error');
  await expect(problem).toBeVisible({ timeout: 20_000 }); // as long as a first render may take on a busy machine
  await expect(problem).toHaveAttribute('role', 'alert');
  await expect(problem).toContainText('Das Formular kann nicht angezeigt werden.');
  await expect(problem).toContainText('HTTP 404');
  await expect(problem).toContainText('/gateway/v1/forms/hundesteuer');
  await expect.poll(() => ozgErrors(page)).toHaveLength(1);
  const [error] = await ozgErrors(page);
  expect(error.message).toContain('HTTP 404');
  // The demo page passes the message on to its status line.
  await expect(page.locator('[data-status-for="antrag-hundesteuer"]')).toContainText('HTTP 404');
  await expect(form(page).locator('form, .step-title')).toHaveCount(0);
});

test('a definition that is not JSON shows its message in the element and fires ozg-error', async ({ page, server }) => {
  await recordErrors(page);
  await page.route('**/gateway/v1/forms/hundesteuer', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{ "title": "Anmeldung", "type": ' }),
  );
  await page.goto(`${server.url}hundesteuer.html`);
  const problem = form(page).locator('.load-error');
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('kein gültiges JSON');
  await expect.poll(() => ozgErrors(page)).toHaveLength(1);
  const [error] = await ozgErrors(page);
  expect(error.message).toContain('kein gültiges JSON');
  expect(error.message).toContain('/gateway/v1/forms/hundesteuer');
  await expect(form(page).locator('form, .step-title')).toHaveCount(0);
});
