/**
 * The widget under a strict Content-Security-Policy, as a municipality's CMS sends it, with the bundle
 * on another origin (as a CDN serves it): no 'unsafe-eval', no inline scripts or styles. The page origin
 * is a small proxy in front of the real local server (so the gateway is on the page's origin, as
 * connect-src 'self' needs) that adds exactly the header below to every page and points the script
 * tag at the CDN; dist/ comes from a second loopback origin with CORS. Any `securitypolicyviolation`
 * event, or a CSP message on the console, fails the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startServer } from '../../server/app.js';
import { ANSWERS, HUNDESTEUER_STEP_1 } from './answers.js';
import { expect, test } from './fixtures.js';
import { pressOnToReview } from './journeys.js';
import { cspFor, startCdn, startSite, watch } from './csp-site.js';

let cdn: Awaited<ReturnType<typeof startCdn>>;
const sites: { close: () => Promise<void> }[] = [];

test.beforeAll(async () => {
  cdn = await startCdn();
});

test.afterAll(async () => {
  await Promise.all([...sites.map((site) => site.close()), cdn.close()]);
});

const form = (page: Page): Locator => page.locator('ozg-form');
const field = (page: Page, label: string): Locator => form(page).getByLabel(label, { exact: true });

/** Added to the header on a site that enforces Trusted Types: Lit's policy and ozg-form's are allowed. */
const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types lit-html ozg-form";

for (const trusted of [false, true]) {
  test(`Hundesteuer under a strict CSP${trusted ? ' with Trusted Types enforced' : ''}, bundle from another origin: errors, conditions, repeatable group, upload, review, draft, submission`, async ({
    page,
    server,
  }) => {
    test.setTimeout(120_000); // a whole application, with encryption and a PDF, on a busy machine
    const csp = trusted ? `${cspFor(cdn.origin)}; ${TRUSTED_TYPES}` : cspFor(cdn.origin);
    const site = await startSite(cdn.origin, server.url, csp);
    sites.push(site);
    const pageUrl = `${site.url}hundesteuer.html`;
    const { violations, bundleRequests } = await watch(page, cdn.origin);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const response = await page.goto(pageUrl);
    expect(response!.headers()['content-security-policy']).toBe(csp);
    expect(csp).not.toContain('unsafe-eval');

    // The policy is in force: code from a string (what Ajv's compiler does) and an inline style are refused
    // and reported. (page.evaluate itself is exempt; the string handed to setTimeout is not.)
    await page.evaluate(() => {
      try {
        setTimeout('document.documentElement.dataset.evaluated = "yes"', 0);
      } catch {
        /* refused at once under Trusted Types */
      }
    });
    await page.evaluate(() =>
      document.head.append(Object.assign(document.createElement('style'), { textContent: 'p { color: red }' })),
    );
    if (trusted) {
      // Trusted Types refuse the string for setTimeout first, and HTML from a string without a policy.
      expect(
        await page.evaluate(() => {
          try {
            document.createElement('div').innerHTML = '<b>x</b>';
            return 'allowed';
          } catch {
            return 'refused';
          }
        }),
      ).toBe('refused');
      // The two refusals of Trusted Types are reported as events only; the inline style also on the console.
      await expect
        .poll(() => violations.map((v) => v.directive).sort())
        .toEqual(['console', 'require-trusted-types-for', 'require-trusted-types-for', 'style-src-elem']);
    } else {
      // Each is seen twice: as a securitypolicyviolation event and as a console message.
      await expect
        .poll(() => violations.map((v) => v.directive).sort())
        .toEqual(['console', 'console', 'script-src', 'style-src-elem']);
    }
    expect(await page.evaluate(() => document.documentElement.dataset.evaluated)).toBeUndefined();
    violations.length = 0;

    // Renders, with the bundle and its chunks from the CDN.
    await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter', { timeout: 20_000 });
    expect(bundleRequests).toContain(`${cdn.origin}/ozg-form.js`);

    // Errors: a postcode of three digits and an empty required question, in the summary and inline.
    await field(page, 'Postleitzahl').fill('123');
    await form(page).getByRole('button', { name: 'Weiter', exact: true }).click();
    const summary = form(page).locator('.error-summary');
    await expect(summary).toContainText('Es gibt ein Problem');
    await expect(summary).toContainText('Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein.');
    await expect(summary).toContainText('Bitte füllen Sie das Feld „Vorname“ aus.');
    expect(
      bundleRequests.some((url) => /\/chunks\/validation-/.test(url)),
      'the validation chunk came from the CDN',
    ).toBe(true);

    for (const [label, value] of Object.entries(HUNDESTEUER_STEP_1)) await field(page, label).fill(value);
    await form(page).getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(form(page).locator('.step-title')).toHaveText('Hunde');

    // A repeatable group with conditions: "Listenhund: Ja" asks for the temperament test.
    const dog = `CSP-${crypto.randomUUID().slice(0, 8)}`;
    await field(page, 'Name des Hundes').fill(dog);
    await field(page, 'Rasse').selectOption({ label: 'Labrador Retriever' });
    await field(page, 'Geburtsdatum des Hundes').fill('2020-03-03');
    await field(page, 'Gehalten seit').fill('2021-04-04');
    const wesenstest = field(page, 'Datum der bestandenen Wesensprüfung');
    await expect(wesenstest).toHaveCount(0);
    await form(page).getByRole('radio', { name: 'Ja', exact: true }).check();
    await expect(wesenstest).toBeVisible();
    await form(page).getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(summary).toContainText('Datum der bestandenen Wesensprüfung');
    await wesenstest.fill('2021-06-01');
    await form(page).getByRole('button', { name: 'Weiteren Hund hinzufügen' }).click();
    await expect(form(page).getByLabel('Name des Hundes', { exact: true })).toHaveCount(2);
    await form(page).getByLabel('Name des Hundes', { exact: true }).nth(1).fill(`${dog}-2`);
    await form(page).getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(summary).toBeVisible(); // the second dog lacks its breed and dates
    await form(page).getByRole('button', { name: 'Hund 2 entfernen' }).click();
    await expect(form(page).getByLabel('Name des Hundes', { exact: true })).toHaveCount(1);
    await form(page).getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(form(page).locator('.step-title')).toHaveText('Ermäßigung');

    // A Nachweis: hashed and encrypted in a worker started from a blob: URL (worker-src blob:).
    await form(page).evaluate(
      (el, rest) => {
        const host = el as HTMLElement & { data: Record<string, unknown> };
        host.data = { ...host.data, ...rest };
      },
      {
        ermaessigung: ANSWERS.hundesteuer.ermaessigung,
        zahlung: ANSWERS.hundesteuer.zahlung,
        bemerkungen: 'CSP',
        bestaetigung: true,
      },
    );
    await form(page)
      .getByLabel('Nachweise')
      .setInputFiles([
        {
          name: 'zeugnis.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(`%PDF-1.4\n% ${dog}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`),
        },
      ]);
    await expect(form(page).locator('.file-list .file-name')).toHaveText(['zeugnis.pdf']);

    // Review, then a reload: the draft brings back the answers.
    await pressOnToReview(page);
    await expect(form(page).locator('.review')).toContainText(dog);
    await expect
      .poll(() => page.evaluate((d) => Object.values(localStorage).some((v) => v.includes(d)), dog))
      .toBe(true);
    await page.reload();
    await expect(form(page).locator('.notice')).toContainText('wiederhergestellt', { timeout: 20_000 });
    await expect(form(page).locator('.review')).toContainText(dog);
    await expect(form(page).locator('.review')).toContainText('zeugnis.pdf');

    // Submission: metadata checked, everything encrypted in the browser, sent through the gateway.
    await form(page).getByRole('button', { name: 'Antrag absenden' }).click();
    await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(form(page).locator('.receipt')).toContainText(dog);
    const downloading = page.waitForEvent('download');
    await form(page).getByRole('button', { name: 'Eingangsbestätigung herunterladen (PDF)' }).click();
    expect((await downloading).suggestedFilename()).toMatch(/\.pdf$/);

    expect(
      bundleRequests.filter((url) => url.includes('/chunks/')).length,
      'lazy chunks came from the CDN',
    ).toBeGreaterThan(2);
    // The Nachweis was hashed and encrypted in the worker (started from a blob: URL), not on the page.
    expect(workers.filter((url) => url.startsWith('blob:'))).toHaveLength(1);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  });
}

test("a site that uses Lit itself and enforces Trusted Types allows the policies with 'allow-duplicates'", async ({
  page,
  server,
}) => {
  // The site's own Lit has made the policy "lit-html" before the form's bundle runs; the bundle makes
  // one of the same name. Without 'allow-duplicates' the browser refuses that, and the bundle with it.
  const csp = `${cspFor(cdn.origin)}; ${TRUSTED_TYPES} 'allow-duplicates'`;
  const site = await startSite(cdn.origin, server.url, csp, '<script src="/site-lit.js"></script>');
  sites.push(site);
  const { violations } = await watch(page, cdn.origin);
  await page.route('**/site-lit.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: "trustedTypes.createPolicy('lit-html', { createHTML: (s) => s }); document.documentElement.dataset.siteLit = 'yes';",
    }),
  );
  const response = await page.goto(`${site.url}hundesteuer.html`);
  expect(response!.headers()['content-security-policy']).toBe(csp);
  expect(await page.evaluate(() => document.documentElement.dataset.siteLit)).toBe('yes');

  await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter', { timeout: 20_000 });
  await field(page, 'Postleitzahl').fill('123');
  await form(page).getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(form(page).locator('.error-summary')).toContainText(
    'Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein.',
  );
  expect(violations, 'Content-Security-Policy violations').toEqual([]);
});

test('Anwohnerparken under the strict CSP, bundle from another origin: login with prefill, payment, receipt', async ({
  page,
}) => {
  test.setTimeout(180_000); // its own server (fresh keys), a login, a payment and an encrypted submission
  const csp = cspFor(cdn.origin);
  // The provider and the gateway sit behind the site (connect-src 'self'): the issuer is the site's /idp,
  // the payment provider may send the person back to the site's origin only.
  let upstream = '';
  const site = await startSite(cdn.origin, () => upstream, csp);
  sites.push(site);
  const dataDir = mkdtempSync(join(tmpdir(), 'ozg-csp-'));
  const server = await startServer({
    port: 0,
    dataDir,
    idp: { issuer: `${site.url}idp`, proxy: true },
    payment: { redirectOrigins: [new URL(site.url).origin] },
  });
  upstream = server.url;
  try {
    const { violations, bundleRequests } = await watch(page, cdn.origin);
    const response = await page.goto(`${site.url}anwohnerparken.html`);
    expect(response!.headers()['content-security-policy']).toBe(csp);
    await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller', {
      timeout: 20_000,
    });
    expect(bundleRequests).toContain(`${cdn.origin}/ozg-form.js`);

    // Login through the site's origin: discovery, authorization, token and keys, all under connect-src 'self'.
    const bar = form(page).locator('[part~="account"]');
    await bar.getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung mit einem Test-Nutzerkonto');
    expect(new URL(page.url()).origin, 'the provider is behind the site').toBe(new URL(site.url).origin);
    await page.getByRole('radio', { name: /^Max Mustermann/ }).check();
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(bar).toContainText('Angemeldet als Max Mustermann (Vertrauensniveau substantiell)', {
      timeout: 20_000,
    });
    expect(page.url()).toBe(`${site.url}anwohnerparken.html`);
    await expect(field(page, 'Vorname')).toHaveValue('Max');
    await expect(field(page, 'Vorname')).toHaveAttribute('readonly', '');

    // The rest of the answers, then the fee on the review page and the payment at the stand-in.
    const marker = `Csp${crypto
      .randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 8)}`;
    await form(page).evaluate(
      (el, rest: Record<string, unknown>) => {
        const host = el as HTMLElement & { data: Record<string, unknown> };
        const prefilled = host.data.antragsteller as Record<string, unknown>;
        host.data = { ...rest, antragsteller: { ...(rest.antragsteller as object), ...prefilled } };
      },
      {
        ...ANSWERS.anwohnerparken,
        wohnsitz: { ...(ANSWERS.anwohnerparken.wohnsitz as object), stellplatzBegruendung: `Vermietet (${marker}).` },
      },
    );
    await pressOnToReview(page);
    await expect(form(page).locator('table.fees .fees-total')).toHaveText(/60,00\s€/);
    await form(page).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
    await form(page).getByRole('button', { name: 'Jetzt 60,00 € bezahlen' }).click();
    await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();

    // Back on the site: sent, with the Kassenzeichen on the receipt.
    await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
      timeout: 30_000,
    });
    expect(page.url().startsWith(site.url)).toBe(true);
    await expect(form(page).locator('.receipt-reference')).toHaveText(/^\s*\d{12}\s*$/);
    await expect(form(page).locator('.receipt')).toContainText(marker);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
