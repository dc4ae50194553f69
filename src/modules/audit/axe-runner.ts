/**
 * Runs axe-core (WCAG 2.1 A/AA rules) over an element as embedded in its page. This module carries
 * axe-core and its German texts; it is only ever imported dynamically (audit mode), so a citizen's
 * bundle never contains it (the chunk is named "audit-…", see vite.config.ts and size-budget.json).
 */
import axe from 'axe-core';
import de from 'axe-core/locales/de.json' with { type: 'json' };
import type { AxeLocale, AxeResultsLike } from './report.js';
import { AUDIT_TAGS } from './wcag.js';

export const axeVersion: string = axe.version;
export const germanTexts: AxeLocale = de as AxeLocale;

/** axe allows one run at a time per page: queue them. */
let queue: Promise<unknown> = Promise.resolve();

export function runAxe(context: Element): Promise<AxeResultsLike> {
  const run = queue.then(() =>
    axe.run(context, { runOnly: { type: 'tag', values: [...AUDIT_TAGS] }, resultTypes: ['violations', 'incomplete'] }),
  );
  queue = run.catch(() => undefined);
  return run as Promise<AxeResultsLike>;
}
