// How ozg-form-audit drives the form in the page: waits for it, reads what it shows, sets answers,
// presses its primary button and runs axe-core on it. Everything here asks the page only through the
// element's public surface (its `schema`/`data` properties and its parts).

export const FORM = 'ozg-form';
export const TIMEOUT = 30_000;

/** Waits until the form shows a step, or reports why it cannot. */
export async function waitForForm(page) {
  const state = await page
    .waitForFunction(
      () => {
        const form = document.querySelector('ozg-form');
        if (!form) return null;
        const root = form.shadowRoot;
        if (root?.querySelector('[part~="button-primary"]')) return 'ready';
        if (root?.querySelector('[part~="load-error"]')) return `error:${root.textContent.trim().slice(0, 300)}`;
        return null;
      },
      undefined,
      { timeout: TIMEOUT },
    )
    .then((h) => h.jsonValue());
  if (String(state).startsWith('error:')) throw new Error(String(state).slice(6));
}

/** What the form shows now: the review page or a step (its title), and whether with an error summary. */
export async function shown(page) {
  return page.evaluate(() => {
    const root = document.querySelector('ozg-form').shadowRoot;
    return {
      review: !!root.querySelector('[part~="review"]'),
      error: !!root.querySelector('[part~="error-summary"]'),
      title: root.querySelector('.step-title')?.textContent?.trim() ?? '',
      formTitle: root.querySelector('[part~="title"]')?.textContent?.trim() ?? '',
    };
  });
}

/** Runs axe-core (its source given) on the form with the given tags; the results the report needs. */
export async function runAxe(page, axeSource, tags) {
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document.querySelector('ozg-form'), {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    return {
      testEngine: result.testEngine,
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        tags: v.tags,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
      })),
      passes: result.passes.map(() => 0),
      incomplete: result.incomplete.map((v) => ({ id: v.id })),
    };
  }, tags);
}

export async function setAnswers(page, data) {
  await page.$eval(
    FORM,
    async (form, d) => {
      form.data = d;
      await form.updateComplete;
    },
    data,
  );
}

/** Presses the primary button; resolves with 'step' (another step shows), 'error' or 'stuck'. */
export async function pressNext(page) {
  const before = await shown(page);
  await page.locator(`${FORM} [part~="button-primary"]`).first().click();
  try {
    await page.waitForFunction(
      (title) => {
        const root = document.querySelector('ozg-form').shadowRoot;
        return (
          !!root.querySelector('[part~="error-summary"]') ||
          (root.querySelector('.step-title')?.textContent?.trim() ?? '') !== title
        );
      },
      before.title,
      { timeout: 15_000 },
    );
  } catch {
    return 'stuck';
  }
  return (await shown(page)).error ? 'error' : 'step';
}

/** The names of the audited states, in German and English. */
export const labels = {
  step: (n, title) => ({ de: `Schritt ${n}: ${title}`, en: `Step ${n}: ${title}` }),
  error: (n, title) => ({
    de: `Fehlerzustand (ungültige Angaben), Schritt ${n}: ${title}`,
    en: `Error state (invalid answers), step ${n}: ${title}`,
  }),
  review: () => ({ de: 'Prüfseite (gültige Angaben)', en: 'Review page (valid answers)' }),
};
