/**
 * Audit mode in the built bundle: `?ozg-audit` / `<ozg-form audit>` loads axe-core as a separate
 * chunk (a plain page never requests it), the panel walks step, error state and the steps the editor
 * opens, names host-configuration causes, passes axe itself, and exports the statement.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.js';
import { ANSWERS } from './answers.js';
import { expect, test } from './fixtures.js';
import { pressOnToReview } from './journeys.js';

const panel = (page: Page) => page.locator('ozg-audit-panel');

async function startAudit(page: Page): Promise<void> {
  await panel(page).getByRole('button', { name: 'Prüfung starten' }).click();
  await expect(panel(page).getByRole('status')).toHaveText(/(Zustand|Zustände) geprüft/, { timeout: 45_000 });
}

test("a citizen's page never loads the audit code; ?ozg-audit loads it and the panel audits step and error state", async ({
  page,
  server,
}) => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (/\/chunks\/audit/.test(r.url())) chunks.push(r.url());
  });
  await page.goto(`${server.url}hundesteuer.html`);
  await expect(page.locator('ozg-form .step-title')).toBeVisible({ timeout: 20_000 });
  await expect(panel(page)).toHaveCount(0);
  expect(chunks).toEqual([]);

  await page.goto(`${server.url}hundesteuer.html?ozg-audit`);
  await expect(panel(page).getByRole('heading', { name: 'Barrierefreiheitsprüfung (Redaktion)' })).toBeVisible({
    timeout: 20_000,
  });
  // Keyboard only: Tab from the panel's heading area to "Prüfung starten", Enter.
  await panel(page).getByRole('button', { name: 'Prüfung starten' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('status')).toHaveText('2 Zustände geprüft: keine Verstöße gefunden.', {
    timeout: 45_000,
  });
  expect(chunks.length).toBeGreaterThan(0);
  await expect(panel(page).getByRole('listitem')).toHaveText([
    'Schritt 1: Halterin oder Halter: ohne Verstöße',
    'Fehlerzustand, Schritt 1: Halterin oder Halter: ohne Verstöße',
  ]);
  // The walk really produced the error state in the form, and the results took focus.
  await expect(page.locator('ozg-form .error-summary')).toBeVisible();
  await expect(panel(page).getByRole('heading', { name: 'Geprüfte Zustände' })).toBeFocused();
  await expectNoAxeViolations(page, 'the page with the audit panel');

  // Every step the editor opens afterwards is audited too, up to the review page.
  await page
    .locator('ozg-form')
    .evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), ANSWERS.hundesteuer);
  await pressOnToReview(page);
  await expect(panel(page).getByRole('listitem').filter({ hasText: 'Prüfseite' })).toHaveText(
    'Prüfseite: ohne Verstöße',
    { timeout: 45_000 },
  );
});

test('"Prüfung starten" pressed while the definition is still loading waits for the form', async ({ page, server }) => {
  // The editor presses the button before the form has its questions: the walk must not audit an
  // empty form under "Schritt 1:" without a title.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/gateway/v1/forms/hundesteuer', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}hundesteuer.html?ozg-audit`);
  const start = panel(page).getByRole('button', { name: 'Prüfung starten' });
  await start.focus({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('status')).toHaveText('Das Formular wird geladen …');
  // Busy, the button keeps the keyboard focus (it says it is unavailable instead of being disabled).
  await expect(start).toBeFocused();
  await expect(start).toHaveAttribute('aria-disabled', 'true');
  release();
  await expect(panel(page).getByRole('status')).toHaveText('2 Zustände geprüft: keine Verstöße gefunden.', {
    timeout: 45_000,
  });
  await expect(panel(page).getByRole('listitem')).toHaveText([
    'Schritt 1: Halterin oder Halter: ohne Verstöße',
    'Fehlerzustand, Schritt 1: Halterin oder Halter: ohne Verstöße',
  ]);
});

test('a definition that cannot be loaded: the audit tests the message the person sees and names it', async ({
  page,
  server,
}) => {
  await page.route('**/gateway/v1/forms/hundesteuer', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${server.url}hundesteuer.html?ozg-audit`);
  await expect(page.locator('ozg-form [part~="load-error"]')).toBeVisible({ timeout: 20_000 });
  await startAudit(page);
  await expect(panel(page).getByRole('status')).toHaveText('1 Zustand geprüft: keine Verstöße gefunden.');
  await expect(panel(page).getByRole('listitem')).toHaveText(['Fehlermeldung (Formular nicht geladen): ohne Verstöße']);
});

test('a host colour with too little contrast is reported with WCAG 1.4.3 and its cause in the embedding', async ({
  page,
  server,
}) => {
  await page.goto(`${server.url}anwohnerparken.html`);
  // The page's own stylesheet (a constructed one: the demo pages allow no inline <style>, as README advises).
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('ozg-form { --ozg-color-primary: #7fb3ff; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  await page.locator('ozg-form').evaluate((el) => el.setAttribute('audit', ''));
  // The attribute is read when the element connects: re-insert it as an editor's page would have it.
  await page.locator('ozg-form').evaluate((el) => {
    const parent = el.parentNode!;
    const next = el.nextSibling;
    parent.removeChild(el);
    parent.insertBefore(el, next);
  });
  await expect(page.locator('ozg-form .step-title')).toBeVisible({ timeout: 20_000 });
  await startAudit(page);
  const finding = panel(page).locator('article').filter({ hasText: '1.4.3 Kontrast (Minimum)' });
  await expect(finding).toHaveCount(1);
  await expect(finding.getByRole('heading')).toHaveText('Elemente müssen einen ausreichenden Farbkontrast haben.');
  await expect(finding).toContainText('--ozg-color-primary-contrast (#ffffff) auf --ozg-color-primary (#7fb3ff)');
  await expect(finding).toContainText('Ursache ist die Einbettung');
  await expect(panel(page).getByRole('status')).toHaveText(/Verstöße an Elementen/);
});

test('a page without a main heading gets a heading hint; the statement downloads as Markdown and HTML', async ({
  page,
  server,
}) => {
  await page.goto(`${server.url}sondernutzung.html?ozg-audit`);
  await page.locator('h1').evaluate((h) => h.remove());
  await expect(page.locator('ozg-form .step-title')).toBeVisible({ timeout: 20_000 });
  await startAudit(page);
  await expect(panel(page).getByRole('heading', { name: 'Hinweise zur Einbettung' })).toBeVisible();
  await expect(panel(page)).toContainText('Vor dem Formular steht keine Überschrift der Ebene 1');

  const [markdown] = await Promise.all([
    page.waitForEvent('download'),
    panel(page)
      .getByRole('button', { name: /Markdown/ })
      .click(),
  ]);
  expect(markdown.suggestedFilename()).toBe('erklaerung-barrierefreiheit.md');
  const md = readFileSync((await markdown.path())!, 'utf8');
  expect(md).toContain('## Erklärung zur Barrierefreiheit – technischer Teil');
  expect(md).toContain('### Bekannte Einschränkungen');
  expect(md).toContain('Vor dem Formular steht keine Überschrift der Ebene 1');
  expect(md).toMatch(/Fehlerzustand, Schritt 1/);

  const [htmlFile] = await Promise.all([
    page.waitForEvent('download'),
    panel(page).getByRole('button', { name: /HTML/ }).click(),
  ]);
  const doc = readFileSync((await htmlFile.path())!, 'utf8');
  expect(doc).toContain('<html lang="de">');
  expect(doc).toContain('<h1>Erklärung zur Barrierefreiheit – technischer Teil</h1>');
});
