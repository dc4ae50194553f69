/**
 * Playwright fixtures for the end-to-end journeys: one real local server per worker (demo/ at '/',
 * dist/ at '/dist/'), on a free port, with its own temporary data directory. dist/ must have been
 * built before (`npm run build`; `npm test` builds first): the pages load dist/ozg-form.js, and the
 * server imports the widget's shared code from dist/npm/ (ozg-form/rules).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type ElementHandle, type Page } from '@playwright/test';
import { startServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';

export interface ServerFixture {
  /** Base URL with trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
}

const bundle = fileURLToPath(new URL('../../dist/ozg-form.js', import.meta.url));
const rules = fileURLToPath(new URL('../../dist/npm/rules.js', import.meta.url));

export const test = base.extend<{ failOnPageError: void }, { server: ServerFixture }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // The bundle for the pages, and the widget's ESM build the server imports (ozg-form/rules, …/pdf).
      for (const file of [bundle, rules])
        if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
      const dataDir = mkdtempSync(join(tmpdir(), 'ozg-e2e-'));
      // The stand-in's RSA-4096 keys are generated once per run and copied in (test/support/test-keys.ts).
      await seedTestKeys(dataDir);
      const running = await startServer({ port: 0, dataDir });
      try {
        await use({ url: running.url });
      } finally {
        await running.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  // Any uncaught error in the page fails the test that caused it.
  failOnPageError: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await use();
      expect(
        errors.map((e) => e.message),
        'uncaught errors in the page',
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Every page of the demo site, by name ("index", "hundesteuer", …): what demo/ holds as *.html. */
export const DEMO_PAGES = readdirSync(fileURLToPath(new URL('../../demo/', import.meta.url)))
  .filter((file) => file.endsWith('.html'))
  .map((file) => file.slice(0, -'.html'.length));

/** What a person's keyboard focus is on: the deep active element (through open shadow roots). */
export interface Focused {
  tag: string;
  type: string;
  id: string;
  /** Its label: <label for>, aria-label, or (buttons, links) its text; whitespace collapsed. */
  label: string;
  /** The legend of the nearest fieldset around it (a radio group, an entry of a repeatable group). */
  group: string;
  className: string;
  checked: boolean;
  value: string;
}

/** The deep active element as a handle (document.activeElement, then shadowRoot.activeElement ...). */
export async function deepActiveHandle(page: Page): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ?? document.body;
  });
  return handle as ElementHandle<Element>;
}

export async function focused(page: Page): Promise<Focused> {
  const handle = await deepActiveHandle(page);
  try {
    return await handle.evaluate((el) => {
      const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
      const root = el.getRootNode() as Document | ShadowRoot;
      let label = el.getAttribute('aria-label') ?? '';
      if (!label && el.id) {
        const own = [...root.querySelectorAll('label')].find((l) => l.htmlFor === el.id);
        if (own) label = own.textContent ?? '';
      }
      if (!label && el.closest('label')) label = el.closest('label')!.textContent ?? '';
      if (!label && /^(BUTTON|A|SUMMARY|H\d)$/.test(el.tagName)) label = el.textContent ?? '';
      const fieldset = el.parentElement?.closest('fieldset') ?? (el.tagName === 'FIELDSET' ? el : null);
      const legend = fieldset?.querySelector(':scope > legend');
      const input = el as HTMLInputElement;
      return {
        tag: el.tagName.toLowerCase(),
        type: input.type ?? '',
        id: el.id,
        label: clean(label),
        group: clean(legend?.textContent),
        className: typeof el.className === 'string' ? el.className : '',
        checked: input.checked === true,
        value: typeof input.value === 'string' ? input.value : '',
      };
    });
  } finally {
    await handle.dispose();
  }
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `predicate`; fails after `max` presses
 * with the list of what was focused on the way.
 */
export async function tabTo(
  page: Page,
  predicate: (f: Focused) => boolean,
  max = 40,
  { backwards = false }: { backwards?: boolean } = {},
): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (predicate(now)) return now;
    seen.push(`${now.tag}${now.id ? `#${now.id}` : ''} "${now.label}"`);
  }
  throw new Error(
    `No match after ${max} × ${backwards ? 'Shift+Tab' : 'Tab'}; focused on the way:\n  ${seen.join('\n  ')}`,
  );
}

/** A predicate: the focused element's label is `text` (or begins with it, as "Name (freiwillig)"). */
export function labelled(text: string, tag?: string): (f: Focused) => boolean {
  return (f) => (f.label === text || f.label.startsWith(`${text} `)) && (!tag || f.tag === tag);
}

/** Whether the focused element shows a focus indicator (a non-'none' outline or box-shadow). */
export async function focusIndicator(page: Page): Promise<{ outline: string; boxShadow: string; visible: boolean }> {
  const handle = await deepActiveHandle(page);
  try {
    return await handle.evaluate((el) => {
      const style = getComputedStyle(el);
      const outline = `${style.outlineStyle} ${style.outlineWidth}`;
      const hasOutline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const hasShadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      return { outline, boxShadow: style.boxShadow, visible: hasOutline || hasShadow };
    });
  } finally {
    await handle.dispose();
  }
}
