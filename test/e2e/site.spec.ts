/**
 * The Musterstadt demo site as a whole: every page loads without a failed request or an error in the
 * console (a missing asset, a broken link to a script or stylesheet, a request the page's CSP
 * refuses), and shows the town's icon in the browser tab.
 */
import { DEMO_PAGES, expect, test } from './fixtures.js';

const PAGES = DEMO_PAGES.map((name) => `${name}.html`);

test('every page of the demo loads without a failed request or a console error, with the town icon', async ({
  browser,
  server,
}) => {
  expect(PAGES, 'the demo pages').toEqual(expect.arrayContaining(['index.html', 'hundesteuer.html', 'inbox.html']));
  for (const name of PAGES) {
    // A fresh context per page: the browser asks for a page's icon again and nothing is cached.
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
    });
    await page.goto(`${server.url}${name}`);
    await page.waitForLoadState('networkidle');
    expect(problems, `${name}: failed requests and console errors`).toEqual([]);
    await expect(page.locator('link[rel="icon"]'), `${name}: <link rel="icon">`).toHaveAttribute('href', 'favicon.svg');
    const response = await page.request.get(new URL('favicon.svg', page.url()).href);
    expect(response.status(), `${name}: the icon`).toBe(200);
    expect(response.headers()['content-type'], `${name}: the icon`).toMatch(/^image\/svg\+xml/);
    await context.close();
  }
});
