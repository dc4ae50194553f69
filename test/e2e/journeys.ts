/** Steps many journeys share: answering a demo form and going on to its review page. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.js';

const REVIEW = 'Ihre Angaben prüfen';
const formOf = (page: Page): Locator => page.locator('ozg-form');

/** Presses "Weiter" until the review page shows; each press must bring another step (no errors). */
export async function pressOnToReview(page: Page): Promise<void> {
  const f = formOf(page);
  for (let i = 0; i < 8 && (await f.locator('.step-title').textContent()) !== REVIEW; i++) {
    const title = await f.locator('.step-title').textContent();
    await f.locator('button.primary').click();
    await expect(f.locator('.step-title')).not.toHaveText(title ?? '');
    await expect(f.locator('.error-summary')).toHaveCount(0);
  }
  await expect(f.locator('.step-title')).toHaveText(REVIEW);
}

/** Opens a demo page (e.g. "anwohnerparken"), sets the answers through `data`, and goes on to the review page. */
export async function answerAndReview(
  page: Page,
  url: string,
  name: string,
  data: Record<string, unknown>,
): Promise<void> {
  await page.goto(`${url}${name}.html`);
  const f = formOf(page);
  await expect(f.locator('.step-title')).toBeVisible({ timeout: 20_000 });
  await f.evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), data);
  await pressOnToReview(page);
}
