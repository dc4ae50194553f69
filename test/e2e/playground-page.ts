/** The playground page (demo/playground.html) for the Playwright specs: its parts and the editor's search. */
import type { Page } from '@playwright/test';
import { expect as baseExpect } from './fixtures.js';

// every change goes through the debounced check and a new preview, which takes a while on a busy machine
export const expect = baseExpect.configure({ timeout: 20_000 });

export const editor = (page: Page) => page.locator('#editor .cm-content');
export const preview = (page: Page) => page.locator('#preview ozg-form');
export const problems = (page: Page) => page.locator('#problems');

/** Selects the first occurrence of `text` in the editor with the editor's own search (Ctrl+F). */
export async function find(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+f');
  const search = page.locator('.cm-search input[name="search"]');
  await expect(search).toBeFocused();
  await page.keyboard.type(text); // the search panel reads its field on keyup
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeFocused();
}

/** Opens the playground with a demo form (?form=) and waits for the check and the preview. */
export async function open(page: Page, url: string, form = 'hundesteuer.json'): Promise<void> {
  await page.goto(`${url}playground.html?form=${form}`);
  await expect(page.locator('#root')).toHaveAttribute('data-state', 'checked');
  await expect(preview(page).getByRole('heading', { level: 2 })).toBeVisible();
}

/** Replaces the whole editor text (inserted as one piece: no brackets or quotes closed on the way). */
export async function replaceText(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(text);
}
