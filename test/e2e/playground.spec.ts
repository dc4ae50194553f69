/**
 * The schema playground (demo/playground.html): an author loads a demo form, edits it in the editor
 * and sees the preview follow, breaks it and finds the problem (with its pointer) and the place in the
 * editor, fixes it; the same by keyboard alone; axe on the page.
 */
import { expectNoAxeViolations } from './axe.js';
import { focused, test } from './fixtures.js';
import { editor, expect, find, open, preview, problems, replaceText } from './playground-page.js';

test('load a demo form, edit the title, break and fix the LeiKa key; answers and the draft are kept', async ({
  page,
  server,
}) => {
  await page.goto(`${server.url}playground.html`);
  // A first visit shows the first demo form, and "Beginnen mit" names it (not "Leeres Formular").
  await expect(preview(page).getByRole('heading', { name: 'Anmeldung zur Hundesteuer' })).toBeVisible();
  await expect(page.getByLabel('Beginnen mit')).toHaveValue('hundesteuer.json');
  await page.getByLabel('Beginnen mit').selectOption({ label: 'Hundesteuer' });
  await page.getByRole('button', { name: 'Laden', exact: true }).click();
  await expect(preview(page).getByRole('heading', { name: 'Anmeldung zur Hundesteuer' })).toBeVisible();
  await expect(problems(page)).toContainText('Keine Probleme gefunden.');
  await expect(page.locator('#reifegrad')).toContainText('Stufe 2');
  await expect(page.locator('#reifegrad')).toContainText('Kein Nutzerkonto');
  // A form sent through the gateway is loaded from it (the answers are then checked against the same
  // bytes), after it has been published there.
  await expect(page.locator('#embed-code')).toContainText(
    '<!-- zuerst beim Gateway veröffentlichen: ozg-form-publish hundesteuer.json (docs/server.md) -->',
  );
  await expect(page.locator('#embed-code')).toContainText(
    '<ozg-form src="/gateway/v1/forms/hundesteuer" lang="de" gateway="/gateway/v1" mailbox="/postfach.html">',
  );

  // an answer typed in the preview survives a change of the definition
  await preview(page).getByLabel('Vorname', { exact: true }).fill('Erika');

  await editor(page).click();
  await find(page, 'Anmeldung zur Hundesteuer');
  await page.keyboard.type('Hund anmelden');
  await expect(preview(page).getByRole('heading', { name: 'Hund anmelden', exact: true })).toBeVisible();
  await expect(preview(page).getByLabel('Vorname', { exact: true })).toHaveValue('Erika');

  await find(page, '99110007000000');
  await page.keyboard.type('12345');
  const problem = problems(page).getByRole('button', { name: /\/x-ozg\/leika/ });
  await expect(problem).toContainText('14 Ziffern, beginnend mit 99');
  await expect(problems(page)).toContainText('1 Fehler');
  // the preview keeps the last good state (and the answer) while the definition has errors
  await expect(page.locator('#preview-stale')).toBeVisible();
  await expect(preview(page).getByLabel('Vorname', { exact: true })).toHaveValue('Erika');

  // the problem moves the cursor to the value, selected, so typing replaces it
  await editor(page).press('Control+Home');
  await problem.click();
  await expect(editor(page)).toBeFocused();
  await expect(page.locator('.cm-activeLine')).toContainText('"leika": "12345"');
  await page.keyboard.type('"99110007000000"');
  await expect(problems(page)).toContainText('Keine Probleme gefunden.');
  await expect(page.locator('.cm-activeLine')).toContainText('"leika": "99110007000000"');
  await expect(page.locator('#preview-stale')).toBeHidden();

  // the draft stays in the browser
  await page.reload();
  await expect(page.locator('#status')).toHaveText('Entwurf aus diesem Browser wiederhergestellt.');
  await expect(preview(page).getByRole('heading', { name: 'Hund anmelden', exact: true })).toBeVisible();
});

test('a template inserted shows up as a question and in the Reifegrad', async ({ page, server }) => {
  await open(page, server.url, 'anwohnerparken.json');
  await expect(page.getByLabel('Beginnen mit')).toHaveValue('anwohnerparken.json');
  await expect(page.locator('#reifegrad')).toContainText('Der Antrag verlangt keine Nachweise.');
  await page.getByLabel('Vorlage einfügen').selectOption({ label: 'Dateifrage (Nachweis)' });
  await page.getByRole('button', { name: 'Einfügen' }).click();
  await expect(page.locator('#status')).toHaveText('Vorlage „Dateifrage (Nachweis)“ eingefügt.');
  await expect(page.locator('#reifegrad')).toContainText('Nachweise werden hochgeladen (Nachweise).');
  await expect(page.locator('.cm-activeLine')).toContainText('"nachweise"');
  await expect(problems(page)).toContainText('Keine Probleme gefunden.');
});

test('keyboard only: Tab indents in the editor, Escape then Tab leaves it, a problem takes the cursor there', async ({
  page,
  server,
}) => {
  await open(page, server.url, 'sondernutzung.json');
  await page.keyboard.press('Tab');
  expect((await focused(page)).label).toBe('Definition (JSON)'); // the skip link
  await page.keyboard.press('Enter');
  for (let i = 0; i < 12 && !(await editor(page).evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(editor(page)).toBeFocused();

  // Tab is kept by the editor (indent) ...
  const before = await editor(page).textContent();
  await page.keyboard.press('Tab');
  await expect(editor(page)).toBeFocused();
  expect(await editor(page).textContent()).not.toBe(before);
  await page.keyboard.press('Control+z');
  // ... Escape then Tab moves on, out of the editor
  await find(page, '"99990000000002"');
  await page.keyboard.type('"X"');
  const problem = problems(page).getByRole('button', { name: /^Fehler: \/x-ozg\/leika/ });
  await expect(problem).toContainText('14 Ziffern, beginnend mit 99');
  await page.keyboard.press('Escape'); // closes the suggestion list that typing may have opened
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  // the next stop after the editor is the problem list
  await expect(problem).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeFocused();
  await expect(page.locator('.cm-activeLine')).toContainText('"leika": "X"');
  await page.keyboard.type('"99990000000002"');
  await expect(problems(page)).toContainText('Keine Probleme gefunden.');
});

test('axe finds no violations on the playground, in German and in English', async ({ page, server }) => {
  await open(page, server.url, 'sondernutzung.json');
  await expectNoAxeViolations(page, 'the playground');
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Form playground' })).toBeVisible();
  await expect(preview(page).getByRole('heading', { level: 2 })).toHaveText(/Special use|Sondernutzung|Application/);
  await expectNoAxeViolations(page, 'the playground in English');
});

test('the built bundle checks the standard formats as the gateway does: wrong e-mail, address, time and date-time are named, right ones pass', async ({
  page,
  server,
}) => {
  await open(page, server.url, 'hundesteuer.json');
  const field = (format: string, title: string) => ({ type: 'string', title, format });
  const definition = {
    type: 'object',
    title: 'Formate',
    properties: {
      mail: field('email', 'E-Mail'),
      web: field('uri', 'Internetseite'),
      zeit: field('time', 'Uhrzeit'),
      termin: field('date-time', 'Termin'),
    },
    required: ['mail', 'web', 'zeit', 'termin'],
  };
  await replaceText(page, JSON.stringify(definition, null, 2));
  await expect(preview(page).getByRole('heading', { name: 'Formate', exact: true })).toBeVisible();
  const input = (label: string) => preview(page).getByLabel(label, { exact: true });
  const wrong = { 'E-Mail': 'erika@', Internetseite: 'www.musterstadt', Uhrzeit: '14:30', Termin: '24.12.2026 14:30' };
  for (const [label, value] of Object.entries(wrong)) await input(label).fill(value);
  await preview(page).getByRole('button', { name: 'Weiter' }).click();
  const summary = preview(page).locator('.error-summary');
  await expect(summary).toContainText('Bitte geben Sie eine gültige E-Mail-Adresse ein');
  await expect(summary).toContainText('Bitte geben Sie eine vollständige Internetadresse ein');
  await expect(summary).toContainText('Bitte geben Sie eine Uhrzeit mit Sekunden und Zeitzone ein');
  await expect(summary).toContainText('Bitte geben Sie Datum und Uhrzeit mit Zeitzone ein');

  const right = {
    'E-Mail': 'erika@musterstadt.de',
    Internetseite: 'https://www.musterstadt.de',
    Uhrzeit: '14:30:00+01:00',
    Termin: '2026-12-24T14:30:00+01:00',
  };
  for (const [label, value] of Object.entries(right)) await input(label).fill(value);
  await preview(page).getByRole('button', { name: 'Weiter' }).click();
  await expect(preview(page).getByRole('heading', { name: 'Ihre Angaben prüfen' })).toBeVisible();
  await expect(summary).toHaveCount(0);
});

test('the embed snippet of a form without the gateway loads its file, and names the script of each custom widget', async ({
  page,
  server,
}) => {
  await open(page, server.url, 'hundesteuer.json');
  await replaceText(
    page,
    JSON.stringify({
      $id: 'https://musterstadt.example/forms/umzug.json',
      type: 'object',
      title: 'Umzug',
      properties: { wohnort: { type: 'string', title: 'Wohnort', 'x-ozg': { widget: 'my-address-lookup' } } },
    }),
  );
  await expect(page.locator('#embed-code')).toHaveText(
    [
      '<script type="module" src="/widgets/my-address-lookup.js"></script> <!-- registriert <my-address-lookup> -->',
      '<script type="module" src="https://cdn.example/ozg-form.js"></script>',
      '<ozg-form src="/forms/umzug.json" lang="de"></ozg-form>',
    ].join('\n'),
  );
});
