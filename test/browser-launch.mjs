// Shared Chromium launch options for @web/test-runner and Playwright.
// Machines that can download browsers may run `npx playwright install chromium` and set
// CHROME_PATH to the downloaded binary (or leave it empty to use Playwright's own).
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../bin/chromium-args.mjs';

const candidate = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumLaunchOptions = {
  executablePath: candidate && existsSync(candidate) ? candidate : undefined,
  args: CHROMIUM_ARGS,
};
