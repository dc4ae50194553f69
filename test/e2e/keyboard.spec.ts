/**
 * A keyboard-only journey through the Hundesteuer demo form, from the first field to ozg-submit:
 * after page.goto only page.keyboard is used (Tab, Shift+Tab, Space, Enter, arrow keys, typing).
 */
import type { Page } from '@playwright/test';
import { expect, focusIndicator, focused, labelled, tabTo, test, type Focused } from './fixtures.js';

const form = (page: Page) => page.locator('ozg-form');

/** Fails unless the element with keyboard focus shows a focus indicator. */
async function expectFocusVisible(page: Page, where: string): Promise<void> {
  const indicator = await focusIndicator(page);
  const now = await focused(page);
  expect(
    indicator.visible,
    `focus indicator on ${now.tag} "${now.label}" (${where}): ${JSON.stringify(indicator)}`,
  ).toBe(true);
}

/** Types into the focused control and checks that it took the text. */
async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  expect((await focused(page)).value).toBe(text);
}

/**
 * Types a date into the focused <input type="date">. Day and month are equal, so the date comes out
 * the same whether the browser's date field is ordered day.month.year or month/day/year.
 */
async function typeDate(page: Page, dayAndMonth: string, year: string): Promise<void> {
  await page.keyboard.type(`${dayAndMonth}${dayAndMonth}${year}`);
  expect((await focused(page)).value).toBe(`${year}-${dayAndMonth}-${dayAndMonth}`);
}

/**
 * Tabs through a step and answers each question whose label (or, for radio buttons, the legend of
 * its group) is a key of `answers`, in whatever order they come, until `until` matches. Fails if a
 * question was not reached: so a question that never shows up fails the test.
 */
async function fillInTabOrder(
  page: Page,
  answers: Record<string, (f: Focused) => Promise<void>>,
  until: (f: Focused) => boolean,
  max = 40,
): Promise<Focused> {
  const open = new Set(Object.keys(answers));
  const stop = await tabTo(
    page,
    (f) => until(f) || [...open].some((key) => key === f.label || (f.type === 'radio' && key === f.group)),
    max,
  );
  if (until(stop)) {
    expect([...open], 'questions not reached before the end of the step').toEqual([]);
    return stop;
  }
  const key = [...open].find((k) => k === stop.label || (stop.type === 'radio' && k === stop.group))!;
  open.delete(key);
  await answers[key](stop);
  const rest = Object.fromEntries([...open].map((k) => [k, answers[k]]));
  return fillInTabOrder(page, rest, until, max);
}

const isNext = (f: Focused) => f.tag === 'button' && f.label === 'Weiter';

/** Tabs to "Weiter", presses Enter, and expects the next step's title to have the focus. */
async function next(page: Page, expectedStep: string, expectedTitle: string): Promise<void> {
  await tabTo(page, isNext);
  await page.keyboard.press('Enter');
  await expect(form(page).locator('.progress-text')).toHaveText(expectedStep);
  await expect.poll(async () => (await focused(page)).label).toBe(expectedTitle);
  expect((await focused(page)).className).toContain('step-title');
}

test('Hundesteuer: from the first field to ozg-submit with the keyboard alone', async ({ page, server }) => {
  test.setTimeout(120_000);
  await page.goto(`${server.url}hundesteuer.html`);
  await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter');

  // ---- Step 1: the skip link and the page come first, then the form's first question.
  await tabTo(page, labelled('Vorname', 'input'), 60);
  await expectFocusVisible(page, 'first text field');
  await type(page, 'Erika');

  // "Weiter" with questions left empty: the error summary gets the focus.
  await tabTo(page, isNext);
  await expectFocusVisible(page, '"Weiter" button');
  await page.keyboard.press('Enter');
  await expect(form(page).locator('.error-summary')).toBeVisible();
  await expect.poll(async () => (await focused(page)).className).toContain('error-summary');
  await expectFocusVisible(page, 'error summary');
  await expect(form(page).locator('.progress-text')).toHaveText('Schritt 1 von 6');

  // Its first link leads to the first empty question.
  const link = await tabTo(page, (f) => f.tag === 'a', 3);
  expect(link.label).toContain('Nachname');
  await expectFocusVisible(page, 'link in the error summary');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await focused(page)).label).toBe('Nachname');
  await type(page, 'Mustermann');

  await tabTo(page, labelled('Geburtsdatum', 'input'), 2);
  await typeDate(page, '05', '1990');
  // The rest of the date field's tab stops (in Chromium its calendar button is one) keep a visible ring.
  let stops = 0;
  for (let now = await focused(page); now.label === 'Geburtsdatum' && stops < 5; now = await focused(page)) {
    await expectFocusVisible(page, `date field, tab stop ${++stops} after typing`);
    await page.keyboard.press('Tab');
  }
  await tabTo(page, labelled('Straße', 'input'), 5);
  await type(page, 'Hauptstraße');
  await page.keyboard.press('Tab');
  await type(page, '12a');
  await page.keyboard.press('Tab');
  await type(page, '12345');
  await page.keyboard.press('Tab');
  await type(page, 'Musterstadt');
  await tabTo(page, labelled('E-Mail-Adresse', 'input'), 2);
  await type(page, 'erika@example.org');
  await next(page, 'Schritt 2 von 6', 'Hunde');

  // ---- Step 2: one dog, with the question "Welche Rasse?" that the breed "Andere Rasse" brings up.
  const done = await fillInTabOrder(
    page,
    {
      'Name des Hundes': async (f) => {
        expect(f.group).toBe('Hund 1');
        await type(page, 'Bello');
      },
      Rasse: async () => {
        await page.keyboard.type('Andere Rasse'); // type-ahead in the closed select list
        await expect
          .poll(() =>
            form(page)
              .locator('select')
              .first()
              .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
          )
          .toBe('Andere Rasse');
        await expectFocusVisible(page, 'select list');
      },
      'Welche Rasse?': () => type(page, 'Eurasier'),
      'Geburtsdatum des Hundes': () => typeDate(page, '03', '2020'),
      'Gehalten seit': () => typeDate(page, '04', '2021'),
      // Tab enters the radio group on "Ja" without choosing it; the arrow key chooses "Nein".
      'Handelt es sich um einen gefährlichen Hund (Listenhund)?': async (f) => {
        expect(f).toMatchObject({ label: 'Ja', checked: false });
        await expectFocusVisible(page, 'radio button');
        await page.keyboard.press('ArrowDown');
        expect(await focused(page)).toMatchObject({ label: 'Nein', checked: true });
      },
      // A checkbox of "Welche Nachweise liegen vor?" ticked with Space.
      Hundehaftpflichtversicherung: async () => {
        await page.keyboard.press('Space');
        expect((await focused(page)).checked).toBe(true);
        await expectFocusVisible(page, 'checkbox');
      },
    },
    (f) => f.tag === 'button' && f.className.includes('add'),
  );

  // "Weiteren Hund hinzufügen": the new entry's first question gets the focus.
  expect(done.label).toBe('Weiteren Hund hinzufügen');
  await expectFocusVisible(page, '"add" button');
  await page.keyboard.press('Enter');
  await expect(form(page).locator('fieldset.item')).toHaveCount(2);
  await expect.poll(async () => (await focused(page)).group).toBe('Hund 2');
  expect((await focused(page)).label).toBe('Name des Hundes');
  // ... and "Hund 2 entfernen" removes it again.
  await tabTo(page, labelled('Hund 2 entfernen', 'button'), 20);
  await page.keyboard.press('Enter');
  await expect(form(page).locator('fieldset.item')).toHaveCount(1);
  // The focus goes back into the remaining entry; Shift+Tab walks backwards through it.
  await expect.poll(async () => (await focused(page)).group).toBe('Hund 1');
  await tabTo(page, labelled('Rasse', 'select'), 3);
  const back = await tabTo(page, labelled('Name des Hundes', 'input'), 1, { backwards: true });
  expect(back).toMatchObject({ group: 'Hund 1', value: 'Bello' });
  await next(page, 'Schritt 3 von 6', 'Ermäßigung');

  // ---- Step 3: "Ja" with Space, then the two questions that appear.
  const ja = await tabTo(page, (f) => f.type === 'radio', 3);
  expect(ja.label).toBe('Ja');
  await page.keyboard.press('Space');
  expect((await focused(page)).checked).toBe(true);
  const reason = await tabTo(page, (f) => f.type === 'radio' && f.group.startsWith('Grund der Ermäßigung'), 3);
  expect(reason.label).toBe('Assistenzhund oder Blindenführhund');
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatchObject({ label: 'Geprüfter Rettungshund', checked: true });
  await tabTo(page, labelled('Nachweis', 'textarea'), 2);
  await type(page, 'Prüfungszeugnis der Rettungshundestaffel vom 3. März');
  await next(page, 'Schritt 4 von 6', 'Zahlung');

  // ---- Step 4: SEPA direct debit and its three questions.
  await tabTo(page, (f) => f.type === 'radio', 3);
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatchObject({ label: 'SEPA-Lastschrift', checked: true });
  await tabTo(page, labelled('IBAN', 'input'), 2);
  await type(page, 'DE89 3704 0044 0532 0130 00');
  await tabTo(page, labelled('Kontoinhaberin oder Kontoinhaber', 'input'), 2);
  await type(page, 'Erika Mustermann');
  await tabTo(page, (f) => f.type === 'checkbox', 2);
  await page.keyboard.press('Space');
  expect((await focused(page)).checked).toBe(true);
  await next(page, 'Schritt 5 von 6', 'Bemerkungen und Bestätigung');

  // ---- Step 5: the confirmation checkbox; on to the review page.
  await tabTo(page, (f) => f.type === 'checkbox', 3);
  await page.keyboard.press('Space');
  expect((await focused(page)).checked).toBe(true);
  await next(page, 'Schritt 6 von 6', 'Ihre Angaben prüfen');

  // ---- Review: the answers as a person reads them, then "Antrag absenden" with Enter.
  const review = form(page).locator('.review');
  await expect(review).toContainText('Bello');
  await expect(review).toContainText('Eurasier');
  await expect(review).toContainText('05.05.1990');
  await expect(review).toContainText('SEPA-Lastschrift');
  const confirm = await tabTo(page, (f) => f.tag === 'button' && f.className.includes('primary'), 20);
  expect(confirm.label).toBe('Antrag absenden');
  await expectFocusVisible(page, '"Antrag absenden" button');
  await page.keyboard.press('Enter');

  // The demo page shows what ozg-submit handed over.
  const output = page.locator('pre[data-output-for="antrag-hundesteuer"]');
  await expect(output).toContainText('"Bello"');
  const submitted = JSON.parse((await output.textContent()) ?? 'null');
  expect(submitted).toMatchObject({
    halter: { vorname: 'Erika', nachname: 'Mustermann', geburtsdatum: '1990-05-05' },
    anschrift: { strasse: 'Hauptstraße', hausnummer: '12a', plz: '12345', ort: 'Musterstadt' },
    kontakt: { email: 'erika@example.org' },
    ermaessigung: { beantragt: 'ja', grund: 'rettungshund' },
    zahlung: { zahlungsweise: 'lastschrift', kontoinhaber: 'Erika Mustermann', mandat: true },
    bestaetigung: true,
  });
  expect(submitted.hunde).toEqual([
    {
      name: 'Bello',
      rasse: 'andere',
      rasseAndere: 'Eurasier',
      geburtsdatum: '2020-03-03',
      haltungSeit: '2021-04-04',
      listenhund: 'nein',
      nachweise: ['haftpflicht'],
    },
  ]);
  // With a gateway the application is sent: the receipt replaces the form and takes the focus.
  await expect.poll(async () => (await focused(page)).className).toContain('receipt-title');
  await expect(page.locator('ozg-form .receipt-title')).toHaveText('Ihr Antrag ist eingegangen');
  // The page's title says so too (WCAG 2.4.2), not "Ihr Antrag wird gesendet …" any more.
  await expect(page).toHaveTitle('Ihr Antrag ist eingegangen – Hundesteuer: Hund anmelden – Stadt Musterstadt');
});

/*
 * A question that an answer brings up must come right after that answer, so a keyboard or screen
 * reader user meets it next (as GOV.UK's conditional reveal does) instead of somewhere further down.
 */
test.describe('a question brought up by an answer comes next in the tab order', () => {
  test('Hundesteuer: "Andere Rasse" -> "Welche Rasse?", Listenhund "Ja" -> date of the temperament test', async ({
    page,
    server,
  }) => {
    await page.goto(`${server.url}hundesteuer.html`);
    const el = form(page);
    await el.getByLabel('Vorname').fill('Erika');
    await el.getByLabel('Nachname').fill('Mustermann');
    await el.getByLabel('Geburtsdatum').fill('1990-05-05');
    await el.getByLabel('Straße').fill('Hauptstraße');
    await el.getByLabel('Hausnummer').fill('12');
    await el.getByLabel('Postleitzahl').fill('12345');
    await el.getByLabel('Ort', { exact: true }).fill('Musterstadt');
    await el.getByLabel('E-Mail-Adresse').fill('erika@example.org');
    await el.getByRole('button', { name: 'Weiter' }).click();
    await expect(el.locator('.step-title')).toHaveText('Hunde');

    const breed = el.getByLabel('Rasse', { exact: true });
    await breed.selectOption({ label: 'Andere Rasse' });
    await breed.focus();
    await expect(el.getByLabel('Welche Rasse?')).toBeVisible();
    await tabTo(page, labelled('Welche Rasse?', 'input'), 1);

    const dangerous = el.getByRole('radiogroup', { name: /Listenhund/ }).getByLabel('Ja');
    await dangerous.check();
    await dangerous.focus();
    await expect(el.getByLabel('Datum der bestandenen Wesensprüfung')).toBeVisible();
    // After the radio group only its help text ("Hilfe zu ...") may come in between.
    await tabTo(page, labelled('Datum der bestandenen Wesensprüfung', 'input'), 2);
  });

  test('Sondernutzung: "Privatperson" -> "Vorname", "Firma ..." -> "Name der Firma ..."', async ({ page, server }) => {
    await page.goto(`${server.url}sondernutzung.html`);
    const el = form(page);
    await el.getByLabel('Privatperson').check();
    await el.getByLabel('Privatperson').focus();
    await expect(el.getByLabel('Vorname')).toBeVisible();
    const afterPerson = await tabTo(page, (f) => f.type !== 'radio', 1);
    expect(afterPerson.label, 'the question after "Privatperson"').toBe('Vorname');

    await el.getByLabel('Firma, Verein oder Organisation').check();
    await el.getByLabel('Firma, Verein oder Organisation').focus();
    await expect(el.getByLabel('Name der Firma oder Organisation')).toBeVisible();
    const afterFirm = await tabTo(page, (f) => f.type !== 'radio', 1);
    expect(afterFirm.label, 'the question after "Firma, Verein oder Organisation"').toBe(
      'Name der Firma oder Organisation',
    );
  });
});
