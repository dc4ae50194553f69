/**
 * Diagnosis in the element (issue 14): the demo page's form pointed at a gateway on another origin
 * that sends no CORS headers (a plain node server, counting what reaches it), and a bundle host whose
 * lazy chunks cannot be loaded. The person is told what to do, the editor (box and console) what to
 * fix, and the form stops asking: no retry storm even after minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ANSWERS } from './answers.js';
import { expectNoAxeViolations } from './axe.js';
import { expect, test } from './fixtures.js';
import { answerAndReview, pressOnToReview } from './journeys.js';
import { startServer } from '../../server/app.js';

const form = (page: Page): Locator => page.locator('ozg-form');

/** A "gateway" on another origin: answers everything, but never with Access-Control-Allow-Origin. */
async function gatewayWithoutCors(): Promise<{ origin: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

/**
 * The demo form sent through `gateway` instead of its own: the attribute is changed once the form
 * shows (a page fulfilled by the test itself would not count as loopback for Chromium's Local Network
 * Access, which then refuses every request to the loopback gateway, CORS or not).
 */
async function confirmHundesteuer(page: Page, url: string, gateway: string): Promise<void> {
  const answers = structuredClone(ANSWERS.hundesteuer) as { hunde: Record<string, unknown>[] };
  await answerAndReview(page, url, 'hundesteuer', answers);
  await form(page).evaluate((el, api) => el.setAttribute('gateway', api), gateway);
  await form(page).getByRole('button', { name: 'Antrag absenden' }).click();
}

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test.describe('with a page CSP that allows the gateway', () => {
  // The demo's CSP allows connections to its own origin only; the page of this test allows the gateway.
  test.use({ bypassCSP: true });

  test('a gateway on another origin without CORS: plain words for the person, the fix for the editor, no retry storm', async ({
    page,
    server,
  }) => {
    const gateway = await gatewayWithoutCors();
    try {
      const api = `${gateway.origin}/gateway/v1`;
      const site = new URL(server.url).origin;
      await page.clock.install();
      const errors = consoleErrors(page);
      await confirmHundesteuer(page, server.url, api);

      const note = form(page).locator('.editor-note');
      await expect(note).toBeVisible({ timeout: 20_000 });
      await expect(form(page).getByRole('heading', { name: 'Ihr Antrag konnte nicht gesendet werden.' })).toBeVisible();
      const alert = form(page).locator('.submission [role="alert"]');
      await expect(alert).toContainText('Bitte rufen Sie die zuständige Stelle an');
      await expect(alert).not.toContainText('CORS');
      await expect(note).toContainText('Für die Redaktion:');
      await expect(note).toContainText(`${api}/destination`);
      await expect(note).toContainText(`Access-Control-Allow-Origin für ${site}`);
      await expect(note).toContainText('GATEWAY_ALLOWED_ORIGINS');
      await expect(note).toContainText('docs/embedding.md');
      await expect(form(page)).not.toContainText('wird erneut versucht');
      await expectNoAxeViolations(page, 'the sending view with the editor box');
      expect(errors.filter((e) => e.includes('GATEWAY_ALLOWED_ORIGINS'))).toHaveLength(1);

      // What reached the gateway: the request and the no-cors probe, once more to confirm the guess.
      // Ten minutes later: nothing more.
      expect(gateway.hits).toEqual(Array(4).fill('GET /gateway/v1/destination'));
      await page.clock.fastForward('10:00');
      await expect(note).toBeVisible();
      expect(gateway.hits, 'no retry storm').toHaveLength(4);

      // The draft is still there for a later attempt.
      const draft = await page.evaluate(() =>
        localStorage.getItem('ozg-form:draft:https://musterstadt.example/forms/hundesteuer.json'),
      );
      expect(draft).not.toBeNull();
    } finally {
      gateway.server.close();
    }
  });
});

test.describe('against a real gateway on another origin', () => {
  test.use({ bypassCSP: true });

  /** The project's own server on a second origin, with the given sites allowed (GATEWAY_ALLOWED_ORIGINS). */
  async function secondGateway(allowedOrigins: string[]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'ozg-second-'));
    const running = await startServer({ port: 0, dataDir, gateway: { allowedOrigins } });
    return {
      url: running.url,
      close: async () => {
        await running.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  test('the site is not in GATEWAY_ALLOWED_ORIGINS: the editor is told so, not "try again later"', async ({
    page,
    server,
  }) => {
    const gateway = await secondGateway([]);
    try {
      const api = `${gateway.url}gateway/v1`;
      await confirmHundesteuer(page, server.url, api);
      const note = form(page).locator('.editor-note');
      await expect(note).toBeVisible({ timeout: 20_000 });
      await expect(note).toContainText(`Access-Control-Allow-Origin für ${new URL(server.url).origin}`);
      await expect(note).toContainText('GATEWAY_ALLOWED_ORIGINS');
      await expect(form(page)).not.toContainText('wird erneut versucht');
    } finally {
      await gateway.close();
    }
  });

  test('an allowed site with a wrong gateway path: the editor is told the address answers 404', async ({
    page,
    server,
  }) => {
    const gateway = await secondGateway([new URL(server.url).origin]);
    try {
      const api = `${gateway.url}gateway/v2`;
      await confirmHundesteuer(page, server.url, api);
      const note = form(page).locator('.editor-note');
      await expect(note).toBeVisible({ timeout: 20_000 });
      await expect(note).toContainText(`Unter ${api}/destination antwortet kein Gateway (HTTP 404)`);
      await expect(note).not.toContainText('GATEWAY_ALLOWED_ORIGINS');
    } finally {
      await gateway.close();
    }
  });
});

test('a page whose Content-Security-Policy forbids the gateway: the editor is told to extend connect-src', async ({
  page,
  server,
}) => {
  const gateway = await gatewayWithoutCors();
  try {
    const errors = consoleErrors(page);
    await confirmHundesteuer(page, server.url, `${gateway.origin}/gateway/v1`);
    const note = form(page).locator('.editor-note');
    await expect(note).toBeVisible({ timeout: 20_000 });
    await expect(note).toContainText('Content-Security-Policy');
    await expect(note).toContainText(`connect-src den Ursprung ${gateway.origin}`);
    await expect(note).not.toContainText('GATEWAY_ALLOWED_ORIGINS');
    await expect(form(page).locator('.submission [role="alert"]')).toContainText('rufen Sie die zuständige Stelle an');
    expect(gateway.hits, 'the browser never let a request out').toEqual([]);
    expect(errors.filter((e) => e.includes('connect-src'))).not.toHaveLength(0);
  } finally {
    gateway.server.close();
  }
});

test('a page whose Content-Security-Policy forbids the definition: the editor is told to extend connect-src, in words a page set up right never loads', async ({
  page,
  server,
}) => {
  const host = await gatewayWithoutCors();
  try {
    const errors = consoleErrors(page);
    const notes: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/dist/chunks/editor-notes-')) notes.push(request.url());
    });
    await page.goto(`${server.url}hundesteuer.html`);
    await expect(form(page).locator('.step-title')).toHaveText('Halterin oder Halter', { timeout: 20_000 });
    expect(notes, 'the form on a page set up right loads no notes for editors').toEqual([]);
    // The demo's policy allows connections to its own origin only.
    const src = `${host.origin}/forms/hundesteuer.json`;
    await form(page).evaluate((el, url) => el.setAttribute('src', url), src);
    const problem = form(page).locator('.load-error');
    await expect(problem).toBeVisible({ timeout: 20_000 });
    await expect(problem).toContainText('wenden Sie sich telefonisch an die zuständige Stelle');
    const note = problem.locator('.editor-note');
    await expect(note).toContainText(`Die Content-Security-Policy dieser Seite verbietet die Verbindung zu ${src}.`);
    await expect(note).toContainText(`connect-src den Ursprung ${host.origin}`);
    expect(notes, 'now they are loaded, once').toHaveLength(1);
    expect(host.hits, 'the browser never let a request out').toEqual([]);
    expect(errors.some((e) => e.includes(`forbids connecting to ${src}`) && e.includes('docs/embedding.md'))).toBe(
      true,
    );
  } finally {
    host.server.close();
  }
});

test('a bundle host whose lazy chunks cannot be loaded: no blank page, the editor learns what the host needs', async ({
  page,
  server,
}) => {
  const errors = consoleErrors(page);
  // What a bundle host without Access-Control-Allow-Origin looks like to the page: the chunk's fetch fails.
  await page.route('**/dist/chunks/validation-*.js', (route) => route.abort('accessdenied'));
  await page.goto(`${server.url}hundesteuer.html`);
  const problem = form(page).locator('.load-error');
  await expect(problem).toBeVisible({ timeout: 20_000 });
  await expect(problem).toContainText('Das Formular kann nicht angezeigt werden.');
  await expect(problem).toContainText('wenden Sie sich telefonisch an die zuständige Stelle');
  const note = problem.locator('.editor-note');
  await expect(note).toContainText('Ein Programmteil von ozg-form');
  await expect(note).toContainText('/dist/chunks/validation-');
  await expect(note).toContainText('Access-Control-Allow-Origin');
  expect(errors.some((e) => e.includes('A part of ozg-form') && e.includes('docs/embedding.md'))).toBe(true);
});

test('the code of file questions cannot be loaded: the question says so in its place, the rest of the form goes on, a kept receipt stays', async ({
  page,
  server,
}) => {
  const errors = consoleErrors(page);
  await page.route('**/dist/chunks/file-upload-*.js', (route) => route.abort('accessdenied'));
  await page.goto(`${server.url}hundesteuer.html`);
  const f = form(page);
  await expect(f.locator('.step-title')).toHaveText('Halterin oder Halter', { timeout: 20_000 });
  // The form opens as always: only the file questions need that code.
  await expect(f.locator('.load-error')).toHaveCount(0);
  await f.evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), ANSWERS.hundesteuer);
  for (const title of ['Halterin oder Halter', 'Hunde']) {
    await expect(f.locator('.step-title')).toHaveText(title);
    await f.locator('button.primary').click();
  }
  await expect(f.locator('.step-title')).toHaveText('Ermäßigung');
  // The upload's place: its title, what to do, and for the editor what the bundle host needs.
  const question = f.locator('.field:has(p.error-message[tabindex="-1"])');
  await expect(question).toHaveCount(1);
  await expect(question.locator('label')).toContainText('Nachweise');
  const message = question.locator('p.error-message');
  await expect(message).toHaveText(
    'Ein Teil des Formulars konnte nicht geladen werden. Ihre Angaben bleiben in diesem Browser gespeichert. Bitte laden Sie die Seite später neu oder rufen Sie die zuständige Stelle an.',
  );
  // Where the error summary's link and the focus go: the message carries the question's id, and the
  // label names no control that is not there.
  await expect(message).toHaveAttribute('id', 'f_2fnachweisDateien');
  await expect(question.locator('label')).not.toHaveAttribute('for', /./);
  const note = f.locator('.editor-note');
  await expect(note).toContainText('Ein Programmteil von ozg-form');
  await expect(note).toContainText('/dist/chunks/file-upload-');
  expect(
    errors.filter((e) => e.includes('A part of ozg-form') && e.includes('/dist/chunks/file-upload-')),
  ).toHaveLength(1);
  await expectNoAxeViolations(page, 'a file question whose code did not load');

  // The upload is optional: the application goes on and is sent without it.
  await pressOnToReview(page);
  await f.getByRole('button', { name: 'Antrag absenden' }).click();
  const receipt = f.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' });
  await expect(receipt).toBeVisible({ timeout: 30_000 });
  // Back on the page later, with the code still missing: the kept receipt, not an error.
  await page.reload();
  await expect(receipt).toBeVisible({ timeout: 30_000 });
  await expect(f.locator('.load-error')).toHaveCount(0);
});
