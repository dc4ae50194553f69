/**
 * Layout of the demo pages: at 320 CSS px (WCAG 1.4.10 Reflow) nothing scrolls sideways, on the
 * forms' step 1 and step with a repeatable group (two entries), nor on the site's other pages.
 * Screenshots at 320 and 1280 px go to test-results/layout/ for people to look at; only the scroll
 * width is asserted.
 */
import type { Page } from '@playwright/test';
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
