/**
 * Layout of the demo pages: at 320 CSS px (WCAG 1.4.10 Reflow) nothing scrolls sideways, on the
 * forms' step 1 and step with a repeatable group (two entries), nor on the site's other pages.
 * Screenshots at 320 and 1280 px go to test-results/layout/ for people to look at; asserted are the
 * scroll width and, where words used to be cut, that they are not: the fee table's headings and
 * amounts, the delete confirmation's buttons, the inbox title. Whether long words are hyphenated
 * cannot be asserted here: the Chromium of the tests has no hyphenation dictionaries (Chrome
 * downloads them, Firefox and Safari bring them), so a word wider than its line breaks without a hyphen.
 */
import type { Locator, Page } from '@playwright/test';
import { ANSWERS, DEMO_FORMS, type DemoForm } from './answers.js';
import { DEMO_PAGES, expect, test } from './fixtures.js';

const SHOTS = 'test-results/layout';

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The elements wider than the viewport, for a readable failure message. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot, where: string) => {
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.right > limit + 0.5 && box.width > 0) {
          found.push(
            `${where}${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''} right=${Math.round(box.right)}`,
          );
        }
        if (el.shadowRoot) visit(el.shadowRoot, `${el.tagName.toLowerCase()} >> `);
      }
    };
    visit(document, '');
    return found.slice(0, 15);
  });
}

async function expectNoSidewaysScrolling(page: Page, where: string): Promise<void> {
  const width = await scrollWidth(page);
  expect(
    width,
    `scroll width at 320 px, ${where}; too wide:\n${(await overflowing(page)).join('\n')}`,
  ).toBeLessThanOrEqual(320);
}

/** How many lines the text of `locator` takes on screen. */
async function lines(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
}

/** Each cell whose text takes more lines than it has words, i.e. is broken inside a word. */
async function brokenInsideAWord(cells: Locator): Promise<string[]> {
  const broken: string[] = [];
  for (const cell of await cells.all()) {
    const text = (await cell.textContent())!.trim();
    const n = await lines(cell);
    if (n > text.split(/\s+/).length) broken.push(`"${text}" on ${n} lines`);
  }
  return broken;
}

/** Sets valid answers and presses "Weiter" until the step with a repeatable group shows; adds an entry. */
async function openRepeatStep(page: Page, name: DemoForm): Promise<void> {
  const form = page.locator('ozg-form');
  await form.evaluate((el, data) => ((el as HTMLElement & { data: unknown }).data = data), ANSWERS[name]);
  for (let i = 0; i < 6 && (await form.locator('fieldset.repeat').count()) === 0; i++) {
    const title = await form.locator('.step-title').textContent();
    await form.locator('button.primary').click();
    await expect(form.locator('.step-title')).not.toHaveText(title ?? '');
    await expect(form.locator('.error-summary')).toHaveCount(0);
  }
  await expect(form.locator('fieldset.repeat')).toHaveCount(1);
  await form.locator('button.add').click();
  await expect(form.locator('fieldset.item')).toHaveCount(2);
}

for (const name of DEMO_FORMS) {
  test(`${name}: no sideways scrolling at 320 px on step 1 and on the repeatable group`, async ({ page, server }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.url}${name}.html`);
    const form = page.locator('ozg-form');
    await expect(form.locator('.step-title')).toBeVisible();
    await expectNoSidewaysScrolling(page, 'step 1');
    await page.screenshot({ path: `${SHOTS}/${name}-page-320.png`, fullPage: true });
    await form.screenshot({ path: `${SHOTS}/${name}-step1-320.png` });

    // With the error summary and the error messages showing.
    await form.locator('button.primary').click();
    await expect(form.locator('.error-summary')).toBeVisible();
    await expectNoSidewaysScrolling(page, 'step 1 with errors');
    await form.screenshot({ path: `${SHOTS}/${name}-step1-errors-320.png` });

    await page.setViewportSize({ width: 1280, height: 900 });
    await form.screenshot({ path: `${SHOTS}/${name}-step1-errors-1280.png` });
    await page.setViewportSize({ width: 320, height: 640 });

    await openRepeatStep(page, name);
    await expectNoSidewaysScrolling(page, 'step with the repeatable group');
    await form.screenshot({ path: `${SHOTS}/${name}-repeat-320.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await form.screenshot({ path: `${SHOTS}/${name}-repeat-1280.png` });
    await page.screenshot({ path: `${SHOTS}/${name}-page-1280.png`, fullPage: true });
  });
}

// The fee table on the review page and in the payment step: "Anzahl", "Betrag" and the amounts keep to
// one line (they were cut into "An/za/hl", "Qua/ntit/y"); only the description wraps.
for (const lang of ['de', 'en'] as const) {
  test(`fee table at 320 px (${lang}): no heading or amount broken inside a word, no sideways scrolling`, async ({
    page,
    server,
  }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.url}anwohnerparken.html`);
    const form = page.locator('ozg-form');
    await expect(form.locator('.step-title')).toBeVisible();
    if (lang === 'en') await page.getByLabel('English').check();
    await form.evaluate((el, data) => ((el as HTMLElement & { data: unknown }).data = data), ANSWERS.anwohnerparken);
    const review = lang === 'de' ? 'Ihre Angaben prüfen' : 'Check your answers';
    for (let i = 0; i < 8 && (await form.locator('.step-title').textContent()) !== review; i++) {
      const title = await form.locator('.step-title').textContent();
      await form.locator('button.primary').click();
      await expect(form.locator('.step-title')).not.toHaveText(title ?? '');
    }
    // Every step's "Ändern" keeps to the right edge, also where a long step title pushed it onto a line
    // of its own ("Antragstellerin oder Antragsteller"); it fell back to the left there.
    const offsets = await form.locator('.review-head').evaluateAll((heads) =>
      heads.map((head) => {
        const button = head.querySelector('button')!.getBoundingClientRect();
        return Math.round(head.getBoundingClientRect().right - button.right);
      }),
    );
    expect(offsets.length).toBeGreaterThan(2);
    expect(offsets).toEqual(offsets.map(() => 0));
    const fees = form.locator('.fees');
    await expect(fees).toHaveCount(1);
    const cells = fees.locator('th, td.num');
    expect(await brokenInsideAWord(cells), 'review page').toEqual([]);
    await expectNoSidewaysScrolling(page, 'review page with the fees');
    await fees.screenshot({ path: `${SHOTS}/fees-review-${lang}-320.png` });

    await form.locator('button.primary').click();
    await expect(form.locator('ozg-payment .fees')).toBeVisible();
    expect(await brokenInsideAWord(form.locator('ozg-payment .fees').locator('th, td.num')), 'payment step').toEqual(
      [],
    );
    await expectNoSidewaysScrolling(page, 'payment step');
    await form.locator('ozg-payment').screenshot({ path: `${SHOTS}/payment-${lang}-320.png` });
  });
}

// A fee line of a product (Sondernutzung: m² × days) says how its amount came about, "13 × 31 × 0,50 €":
// on one line at 1280 px; at 320 px it may break only before the price, and the table fits.
for (const width of [1280, 320]) {
  test(`a fee line of m² × days at ${width} px: "13 × 31 × 0,50 €", broken at most before the price`, async ({
    page,
    server,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${server.url}sondernutzung.html`);
    const form = page.locator('ozg-form');
    await expect(form.locator('.step-title')).toBeVisible();
    await form.evaluate((el, data) => ((el as HTMLElement & { data: unknown }).data = data), ANSWERS.sondernutzung);
    for (let i = 0; i < 8 && (await form.locator('.step-title').textContent()) !== 'Ihre Angaben prüfen'; i++) {
      const title = await form.locator('.step-title').textContent();
      await form.locator('button.primary').click();
      await expect(form.locator('.step-title')).not.toHaveText(title ?? '');
    }
    const calc = form.locator('.fees tbody tr').nth(1).locator('td.calc');
    await expect(calc).toHaveText(/^\s*13\s×\s31\s+×\s0,50\s€\s*$/);
    const shown = await lines(calc);
    if (width === 1280) expect(shown, 'one line at 1280 px').toBe(1);
    else {
      expect(shown, 'at most two lines at 320 px').toBeLessThanOrEqual(2);
      // The first line ends with the product, the second starts with "×": the price is not torn apart.
      const firstLine = await calc.evaluate((el) => {
        const text = el.firstChild!.parentElement!;
        const range = document.createRange();
        const words: string[] = [];
        const top = text.getBoundingClientRect().top;
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        let y: number | undefined;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.textContent!.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getBoundingClientRect();
            if (rect.width === 0) continue;
            y ??= rect.top;
            if (Math.abs(rect.top - y) < 2) words.push(node.textContent![i]);
          }
        }
        return { first: words.join('').trim(), top };
      });
      expect(['13\u00a0×\u00a031', '13\u00a0×\u00a031 ×\u00a00,50\u00a0€']).toContain(firstLine.first);
      expect(await brokenInsideAWord(form.locator('.fees').locator('th, td.num')), 'fee table').toEqual([]);
      await expectNoSidewaysScrolling(page, 'review page with the Sondernutzung fees');
    }
    await form.locator('.fees').screenshot({ path: `${SHOTS}/fees-product-${width}.png` });
  });
}

// "Daten auf diesem Gerät löschen" asks in place; its buttons are as wide as their words need
// ("Ja, Daten löschen" was squeezed onto three lines even at 1024 px).
for (const width of [1024, 320]) {
  test(`the delete confirmation's buttons keep their words on one line at ${width} px`, async ({ page, server }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${server.url}hundesteuer.html`);
    const form = page.locator('ozg-form');
    await expect(form.locator('.step-title')).toBeVisible();
    for (const [lang, open, yes, no] of [
      ['de', 'Daten auf diesem Gerät löschen', 'Ja, Daten löschen', 'Abbrechen'],
      ['en', 'Delete data on this device', 'Yes, delete data', 'Cancel'],
    ]) {
      if (lang === 'en') await page.getByLabel('English').check();
      await form.getByRole('button', { name: open }).click();
      const question = form.getByRole('group', { name: /nicht rückgängig|cannot be undone/ });
      for (const name of [yes, no]) expect(await lines(question.getByRole('button', { name })), name).toBe(1);
      await question.screenshot({ path: `${SHOTS}/delete-${lang}-${width}.png` });
      await question.getByRole('button', { name: no }).click();
    }
  });
}

// The case worker's page at 320 px: its title stays whole above the language button (it was cut
// into "Sachbearbeitun/g").
test('the inbox title is not broken inside the word at 320 px', async ({ page, server }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`${server.url}inbox.html`);
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('Sachbearbeitung');
  expect(await lines(title)).toBe(1);
  await expectNoSidewaysScrolling(page, 'inbox.html');
});

// The site's other pages (every page of demo/ that is not a form page): the municipality's pages, the
// mailbox, the case worker's inbox, the playground. A page added to the demo is checked too.
const OTHER_PAGES = DEMO_PAGES.filter((name) => !(DEMO_FORMS as string[]).includes(name));
test('the other pages of the demo: no sideways scrolling at 320 px', async ({ page, server }) => {
  expect(OTHER_PAGES, 'the demo pages besides the forms').toEqual(expect.arrayContaining(['index', 'playground']));
  await page.setViewportSize({ width: 320, height: 640 });
  for (const name of OTHER_PAGES) {
    await page.goto(`${server.url}${name}.html`);
    await page.waitForLoadState('networkidle');
    await expectNoSidewaysScrolling(page, `${name}.html`);
  }
});

// WCAG 2.4.3: the buttons are read and tabbed in the order they are seen ("Weiter" first, then "Zurück"),
// at 1280 px side by side and at 320 px one above the other.
for (const width of [1280, 320]) {
  test(`"Weiter" and "Zurück" are seen in their tab order at ${width} px`, async ({ page, server }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.url}hundesteuer.html`);
    const form = page.locator('ozg-form');
    await form.evaluate((el, data) => ((el as HTMLElement & { data: unknown }).data = data), ANSWERS.hundesteuer);
    await form.locator('.actions').getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(form.locator('.progress-text')).toHaveText(/Schritt 2 von/);
    const next = form.locator('.actions').getByRole('button', { name: 'Weiter', exact: true });
    const back = form.locator('.actions').getByRole('button', { name: 'Zurück', exact: true });
    const [a, b] = [(await next.boundingBox())!, (await back.boundingBox())!];
    if (width === 1280) expect(a.x, 'Weiter left of Zurück').toBeLessThan(b.x);
    else expect(a.y, 'Weiter above Zurück').toBeLessThan(b.y);
    await next.focus();
    await page.keyboard.press('Tab');
    await expect(back).toBeFocused();
  });
}
