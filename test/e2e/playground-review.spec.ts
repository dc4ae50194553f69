/**
 * The playground (demo/playground.html) keeps what the author did and says what happened: a draft is
 * never overwritten silently by ?form=, the language survives a reload, the check announces a short
 * summary only when it changes, a template or a copy that cannot work says so, and a JSON syntax error
 * is our own sentence with its place.
 */
import { expectNoAxeViolations } from './axe.js';
import { test } from './fixtures.js';
import { editor, expect, find, open, preview, problems, replaceText } from './playground-page.js';

const status = (page: import('@playwright/test').Page) => page.locator('#status');

test('opened with ?form=, nothing is lost: the address forgets ?form=, a reload restores the edits, the earlier draft can be restored', async ({
  page,
  server,
}) => {
  // an earlier draft in this browser: the empty form, renamed
  await page.goto(`${server.url}playground.html`);
  await page.getByLabel('Beginnen mit').selectOption({ label: 'Leeres Formular' });
  await page.getByRole('button', { name: 'Laden', exact: true }).click();
  await expect(preview(page).getByRole('heading', { name: 'Mein Antrag', exact: true })).toBeVisible();
  await editor(page).click();
  await find(page, 'Mein Antrag');
  await page.keyboard.type('Mein alter Entwurf');
  await expect(preview(page).getByRole('heading', { name: 'Mein alter Entwurf' })).toBeVisible();

  // the advertised link loads the demo form, says that the earlier draft is kept, and drops ?form=
  await open(page, server.url, 'hundesteuer.json');
  await expect(status(page)).toContainText('„Hundesteuer“ geladen.');
  await expect(status(page)).toContainText('bisheriger Entwurf ist aufbewahrt');
  await expect(page).toHaveURL(/playground\.html$/);
  const restore = page.getByRole('button', { name: 'Vorherigen Entwurf wiederherstellen' });
  await expect(restore).toBeVisible();
  await expectNoAxeViolations(page, 'the playground with a kept draft');

  // edits of the demo form survive a reload
  await editor(page).click();
  await find(page, 'Anmeldung zur Hundesteuer');
  await page.keyboard.type('Hund anmelden');
  await expect(preview(page).getByRole('heading', { name: 'Hund anmelden', exact: true })).toBeVisible();
  await page.reload();
  await expect(status(page)).toHaveText('Entwurf aus diesem Browser wiederhergestellt.');
  await expect(preview(page).getByRole('heading', { name: 'Hund anmelden', exact: true })).toBeVisible();

  // the earlier draft is still there, by keyboard; the one it replaces is kept in turn
  await restore.focus();
  await page.keyboard.press('Enter');
  await expect(preview(page).getByRole('heading', { name: 'Mein alter Entwurf' })).toBeVisible();
  await expect(status(page)).toHaveText('Vorheriger Entwurf wiederhergestellt. Der ersetzte Stand ist aufbewahrt.');
  await restore.click();
  await expect(preview(page).getByRole('heading', { name: 'Hund anmelden', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Aufbewahrten Entwurf verwerfen' }).click();
  await expect(status(page)).toHaveText('Aufbewahrter Entwurf verworfen.');
  await expect(restore).toBeHidden();

  // opened with ?form= over a draft that is the same form: just loaded; the kept draft stays the one before
  await page.goto(`${server.url}playground.html?form=sondernutzung.json`);
  await expect(status(page)).toContainText('„Sondernutzung“ geladen. Ihr bisheriger Entwurf ist aufbewahrt');
  await page.goto(`${server.url}playground.html?form=sondernutzung.json`);
  await expect(status(page)).toHaveText('„Sondernutzung“ geladen.');
  await restore.click();
  await expect(preview(page).getByRole('heading', { name: 'Hund anmelden', exact: true })).toBeVisible();
});

test('the check announces a short summary only when it changes; the list is not rebuilt while the problems stay', async ({
  page,
  server,
}) => {
  await open(page, server.url, 'hundesteuer.json');
  await expect(page.getByRole('status').filter({ hasText: 'Keine Probleme gefunden.' })).toBeVisible();
  await editor(page).click();
  await find(page, '"99110007000000"');
  await page.keyboard.type('"12345"');
  await expect(problems(page).getByRole('button', { name: /\/x-ozg\/leika/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '1 Fehler, 0 Warnungen' })).toBeVisible();
  const listInLiveRegion = await page
    .locator('.problem-list')
    .evaluate((list) => list.closest('[aria-live], [role="status"], [role="alert"], [role="log"]') !== null);
  expect(listInLiveRegion, 'the problem list is inside a live region').toBe(false);

  // another change with the same problems: nothing in the check's area changes (nothing is re-read)
  await problems(page).evaluate((host) => {
    const w = window as unknown as { problemMutations: number };
    w.problemMutations = 0;
    new MutationObserver((records) => (w.problemMutations += records.length)).observe(host, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  await find(page, 'forms/hundesteuer.json');
  await page.keyboard.type('forms/hund.json');
  await expect(page.locator('#embed-code')).toContainText('src="/gateway/v1/forms/hund"');
  const mutations = await page.evaluate(() => (window as unknown as { problemMutations: number }).problemMutations);
  expect(mutations, 'changes to the problem area although its problems stayed the same').toBe(0);
});

test('a template is not inserted into a text that is not a JSON object with object "properties"', async ({
  page,
  server,
}) => {
  await open(page, server.url, 'sondernutzung.json');
  for (const text of ['[]', 'null', '{"properties": []}', '{"x-ozg": 5}']) {
    await replaceText(page, text);
    await expect(editor(page)).toHaveText(text);
    await page.getByLabel('Vorlage einfügen').selectOption({ label: 'Antragsteller mit Anschrift' });
    await page.getByRole('button', { name: 'Einfügen', exact: true }).click();
    await expect(status(page)).toHaveText(
      'Die Vorlage kann nur in ein JSON-Objekt eingefügt werden, in dem „properties“ und „x-ozg“ Objekte sind. Nichts wurde geändert.',
    );
    await expect(editor(page)).toHaveText(text);
    await status(page).evaluate((el) => (el.textContent = ''));
  }
  await page.getByLabel('Sprache').selectOption('en');
  await page.getByRole('button', { name: 'Insert', exact: true }).click();
  await expect(status(page)).toHaveText(
    'A template can only be inserted into a JSON object whose "properties" and "x-ozg" are objects. Nothing was changed.',
  );
});

test('"Snippet kopieren" says "Kopiert." only when the clipboard took it; otherwise it selects the snippet and says so', async ({
  page,
  server,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { copied?: string };
    const mode = new URLSearchParams(location.hash.slice(1)).get('clipboard');
    if (mode === 'missing') Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    else if (navigator.clipboard)
      navigator.clipboard.writeText = (text: string) =>
        mode === 'denied'
          ? Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'))
          : Promise.resolve(void (w.copied = text));
  });
  const copy = page.getByRole('button', { name: 'Snippet kopieren' });
  const failed = 'Das Snippet konnte nicht kopiert werden. Es ist markiert: Bitte mit Strg+C kopieren.';

  await page.goto(`${server.url}playground.html?form=hundesteuer.json#clipboard=granted`);
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'checked');
  const snippet = (await page.locator('#embed-code').textContent()) ?? '';
  await copy.click();
  await expect(status(page)).toHaveText('Kopiert.');
  expect(await page.evaluate(() => (window as unknown as { copied?: string }).copied)).toBe(snippet);

  for (const mode of ['denied', 'missing']) {
    await page.goto(`${server.url}playground.html#clipboard=${mode}`);
    await page.reload(); // a change of the hash alone does not load the page again
    await expect(page.locator('#root')).toHaveAttribute('data-state', 'checked');
    await copy.click();
    await expect(status(page)).toHaveText(failed);
    expect(await page.evaluate(() => getSelection()?.toString())).toBe(snippet);
  }
  await page.getByLabel('Sprache').selectOption('en');
  await page.getByRole('button', { name: 'Copy snippet' }).click();
  await expect(status(page)).toHaveText('The snippet could not be copied. It is selected: please copy it with Ctrl+C.');
});

test('the language is kept for the tab, and changing it keeps the chosen form and template', async ({
  page,
  server,
}) => {
  await open(page, server.url, 'sondernutzung.json');
  await page.getByLabel('Beginnen mit').selectOption({ label: 'Bewohnerparken' });
  await page.getByLabel('Vorlage einfügen').selectOption({ label: 'Gebührenregel' });
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Form playground' })).toBeVisible();
  await expect(page.getByLabel('Start from')).toHaveValue('anwohnerparken.json');
  await expect(page.getByLabel('Insert template')).toHaveValue('fee');
  await expect(page.getByLabel('Insert template').locator('option:checked')).toHaveText('Fee rule');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Form playground' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Language')).toHaveValue('en');
  await expect(page.locator('#status')).toHaveText('Draft restored from this browser.');
  await expect(preview(page)).toHaveAttribute('lang', 'en');
});

test('invalid JSON is our own sentence with line and column, a button that puts the cursor there', async ({
  page,
  server,
}) => {
  await open(page, server.url, 'sondernutzung.json');
  await replaceText(page, '{\n  "title": "Antrag",\n  titel: 2\n}');
  const problem = problems(page).getByRole('button', { name: 'Fehler: Kein gültiges JSON in Zeile 3, Spalte 3.' });
  await expect(problem).toBeVisible();
  await expect(problems(page)).not.toContainText('Expected');
  await expect(page.getByRole('status').filter({ hasText: 'Kein gültiges JSON.' })).toBeVisible();
  await editor(page).press('Control+Home');
  await problem.click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type('"');
  await expect(page.locator('.cm-activeLine')).toHaveText(/^ {2}"titel: 2$/);

  // no place in the browser's message ("Unexpected token ..."): the place comes from the text itself
  await replaceText(page, '{\n  "a": tru\n}');
  await expect(
    problems(page).getByRole('button', { name: /^Fehler: Kein gültiges JSON in Zeile 2, Spalte \d+\.$/ }),
  ).toBeVisible();

  await page.getByLabel('Sprache').selectOption('en');
  await expect(
    problems(page).getByRole('button', { name: /^Error: Not valid JSON at line 2, column \d+\.$/ }),
  ).toBeVisible();
});

test('a definition too broken to check ($ref "#/%zz") is one problem, not a playground left loading', async ({
  page,
  server,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await open(page, server.url, 'sondernutzung.json');
  await replaceText(page, '{\n  "type": "object",\n  "title": "T",\n  "properties": { "a": { "$ref": "#/%zz" } }\n}');
  await expect(problems(page)).toContainText('Die Definition lässt sich nicht prüfen (URI malformed)');
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'checked');
  expect(pageErrors).toEqual([]);
});

test('a pattern that can freeze the citizen’s browser is an error at its place, with an equivalent fast one when there is one', async ({
  page,
  server,
}) => {
  await open(page, server.url, 'hundesteuer.json');
  await expect(page.getByRole('status').filter({ hasText: 'Keine Probleme gefunden.' })).toBeVisible();
  await editor(page).click();
  await find(page, '^[0-9]{15}$');
  // inserted as one piece: typed, the editor would close each bracket itself
  await page.keyboard.insertText('^(?:[0-9]+)+$');
  const error = problems(page).getByRole('button', { name: /\/chipnummer\/pattern/ });
  await expect(error).toContainText('Fehler:');
  await expect(error).toContainText('kann im Browser exponentiell lange brauchen');
  await expect(error).toContainText('Gleichwertig und schnell: ^[0-9]+$');
  // the preview keeps the last definition without errors
  await expect(page.locator('#preview-stale')).toBeVisible();

  // written without the nested repetition, the check is clean again
  await find(page, '^(?:[0-9]+)+$');
  await page.keyboard.insertText('^[0-9]+$');
  await expect(page.getByRole('status').filter({ hasText: 'Keine Probleme gefunden.' })).toBeVisible();
});
