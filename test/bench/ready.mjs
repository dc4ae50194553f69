// Opens a benchmark page and waits for its first `ozg-ready`, learnt from a console message of the page:
// asking the page during the render (waitForFunction) would run Playwright's script there (see probe.mjs).

/** Loads `url` in `page`; resolves with ms from navigation start to the first `ozg-ready`. */
export async function loadUntilReady(page, url, timeout = 30000) {
  await page.addInitScript(() => {
    document.addEventListener(
      'ozg-ready',
      () => {
        if (window.__ready !== undefined) return;
        window.__ready = performance.now();
        console.debug('ozg-bench: ready');
      },
      true,
    );
  });
  const ready = page.waitForEvent('console', { predicate: (m) => m.text() === 'ozg-bench: ready', timeout });
  ready.catch(() => undefined); // awaited below; a failed goto must not leave it unhandled
  await page.goto(url, { waitUntil: 'commit', timeout });
  await ready;
  return page.evaluate(() => window.__ready);
}
