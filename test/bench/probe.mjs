// Functions that run inside the benchmarked page (passed to Playwright, so they must not close over
// anything in this module).

/**
 * Init script, runs before any page script. Records:
 *  - readyAt: performance.now() (ms since navigation start) when `ozg-ready` reaches the document;
 *  - completeAt: the first moment at or after ready when all expected controls are in the DOM
 *    (checked at ready, then once per animation frame, bounded by timeoutMs): when the check that
 *    found them began, so the check's own time is not counted;
 *  - resourcesAtComplete: the URLs loaded up to then;
 *  - definitionAt: when the definition's response had arrived (Resource Timing `responseEnd` of
 *    /forms/…), so that the render can also be counted from there;
 *  - keys: per keydown, ms from the event's timestamp to the second animation frame after it.
 * When the render is complete (or has failed) it says so on the console (RENDER_DONE): the harness
 * waits for that message instead of asking the page, because Playwright's first question to a page
 * loads its own script there, which took 20–30 ms of the main thread in the middle of the render.
 */
/** What the probe writes on the console when the render is complete or has failed. */
export const RENDER_DONE = 'ozg-bench: render done';

export function installProbe({ expected, timeoutMs }) {
  const bench = {
    expected,
    readyAt: null,
    completeAt: null,
    controlsAtReady: null,
    controls: null,
    resourcesAtComplete: [],
    definitionAt: null,
    error: null,
    keys: [],
    keysFromListener: [],
    waiters: [],
  };
  window.__bench = bench;

  const countControls = (host) => {
    let count = 0;
    const roots = [host.shadowRoot ?? host];
    while (roots.length) {
      const root = roots.pop();
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('input, select, textarea')) count++;
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return count;
  };
  const done = () => console.debug('ozg-bench: render done'); // = RENDER_DONE (no imports in here)
  // `at`: when the count that found every control began. The count itself is part of neither render
  // (at 1,000 fields it took 14 ms for the form, 8 ms for the baseline).
  const complete = (host, count, at) => {
    bench.completeAt = at;
    bench.controls = count;
    window.__benchHost = host;
    const resources = performance.getEntriesByType('resource');
    bench.resourcesAtComplete = resources.map((e) => e.name);
    bench.definitionAt = resources.find((e) => new URL(e.name).pathname.startsWith('/forms/'))?.responseEnd ?? null;
    done();
  };

  document.addEventListener(
    'ozg-ready',
    (event) => {
      if (bench.readyAt !== null) return;
      bench.readyAt = performance.now();
      const host = event.target;
      const count = countControls(host);
      bench.controlsAtReady = count;
      if (count >= expected) return complete(host, count, bench.readyAt);
      const poll = () => {
        const at = performance.now();
        const now = countControls(host);
        if (now >= expected) return complete(host, now, at);
        if (performance.now() - bench.readyAt > timeoutMs) {
          bench.controls = now;
          bench.error = `only ${now} of ${expected} controls ${timeoutMs} ms after ozg-ready`;
          return done();
        }
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    },
    true,
  );

  window.addEventListener(
    'keydown',
    (event) => {
      const now = performance.now();
      // event.timeStamp is when the browser received the input; fall back to now if it is unusable.
      const start = event.timeStamp > 0 && event.timeStamp <= now ? event.timeStamp : now;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const end = performance.now();
          bench.keys.push(end - start);
          bench.keysFromListener.push(end - now);
          for (const waiter of bench.waiters.splice(0)) {
            if (bench.keys.length >= waiter.count) waiter.done();
            else bench.waiters.push(waiter);
          }
        }),
      );
    },
    true,
  );
}

/** Resolves once `count` keystrokes have been measured (rejects after 5 s). */
export function waitForKeys(count) {
  return new Promise((ok, fail) => {
    const bench = window.__bench;
    if (bench.keys.length >= count) return ok();
    const timer = setTimeout(() => fail(new Error(`keystroke ${count} never reached the page`)), 5000);
    bench.waiters.push({ count, done: () => (clearTimeout(timer), ok()) });
  });
}

/** Waits `settleMs`, then for an idle period (bounded), so timers such as a debounce have run. */
export function settle(settleMs) {
  return new Promise((done) => setTimeout(() => requestIdleCallback(() => done(), { timeout: 2000 }), settleMs));
}

/** Counts every node of the document, descending into (open) shadow roots. */
export function countDomNodes() {
  let nodes = 0;
  let elements = 0;
  const roots = [document];
  while (roots.length) {
    const root = roots.pop();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes++;
      if (node.nodeType === Node.ELEMENT_NODE) {
        elements++;
        if (node.shadowRoot) roots.push(node.shadowRoot);
      }
    }
  }
  return { nodes, elements };
}

/**
 * Finds the control labelled `title` anywhere below the ready host, in light DOM or shadow roots:
 * first a <label> whose text contains the title (its .control), then a control whose aria-label
 * or aria-labelledby text contains it.
 */
export function findControl(title) {
  const host = window.__benchHost ?? document.body;
  const roots = [host.shadowRoot ?? host];
  const candidates = [];
  while (roots.length) {
    const root = roots.pop();
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (el instanceof HTMLLabelElement && el.textContent?.includes(title) && el.control) {
        return el.control;
      }
      if (el.matches('input, textarea')) candidates.push(el);
    }
  }
  for (const el of candidates) {
    if (el.getAttribute('aria-label')?.includes(title)) return el;
    const ids = el.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
    const root = el.getRootNode();
    if (ids.some((id) => root.getElementById?.(id)?.textContent?.includes(title))) return el;
  }
  return null;
}
