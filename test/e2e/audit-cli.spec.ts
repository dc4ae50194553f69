/**
 * `ozg-form-audit` (bin/ozg-form-audit.mjs) against the demo server: each demo form is walked with
 * valid and invalid answers and comes out clean (exit 0); a page whose theme colour has too little
 * contrast fails (exit 1) naming the criterion and the custom property; usage and load errors exit 2.
 * dist/ and dist/npm/ must have been built (`npm run build`).
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEMO_FORMS } from './answers.js';
import { expect, test } from './fixtures.js';

const CLI = fileURLToPath(new URL('../../bin/ozg-form-audit.mjs', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function audit(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { timeout: 180_000, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 99) : 0, stdout, stderr });
      },
    );
  });
}

/** An "editor's page" with a light primary colour, proxying everything else to the demo server. */
async function hostPage(demo: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/amtsseite.html') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Amtsseite</title>
<script type="module" src="/dist/ozg-form.js"></script>
<style>ozg-form { --ozg-color-primary: #7fb3ff; }</style></head>
<body><main><h1>Hund anmelden</h1><ozg-form src="/forms/hundesteuer.json"></ozg-form></main></body></html>`);
      return;
    }
    void fetch(new URL(req.url ?? '/', demo)).then(async (upstream) => {
      res.statusCode = upstream.status;
      const type = upstream.headers.get('content-type');
      if (type) res.setHeader('content-type', type);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/amtsseite.html`, server };
}

test.describe.configure({ timeout: 240_000 });

for (const name of DEMO_FORMS) {
  test(`${name}: every step, error state and the review page at 1280 and 320 px pass (exit 0)`, async ({ server }) => {
    const run = await audit('--lang', 'de', `${server.url}${name}.html`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Keine Verstöße gefunden.');
    expect(run.stdout).toMatch(/✓ Schritt 2: .+ \(320 px breit\)/);
    expect(run.stdout).toContain('✓ Prüfseite (gültige Angaben)');
    expect(run.stdout).toMatch(/✓ Fehlerzustand \(ungültige Angaben\), Schritt 1: /);
    expect(run.stdout).not.toContain('✗');
  });
}

test('a theme colour with too little contrast: exit 1, text, JSON and statement name it', async ({ server }) => {
  const host = await hostPage(server.url);
  try {
    const text = await audit('--lang', 'de', host.url);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Kriterium: 1.4.3 Kontrast (Minimum)');
    expect(text.stdout).toContain(
      'Ursache in der Einbettung: --ozg-color-primary-contrast (#ffffff) auf --ozg-color-primary (#7fb3ff)',
    );
    expect(text.stdout).toMatch(/✗ Schritt 1: Halterin oder Halter \(320 px breit\) – (1 Verstoß|\d+ Verstöße)$/m);

    const json = await audit('--format', 'json', '--lang', 'en', host.url);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      violations: number;
      states: Array<{ key: string; violations: Array<{ rule: string; criteria: string[] }> }>;
    };
    expect(report.violations).toBeGreaterThan(0);
    const step1 = report.states.find((s) => s.key === 'step:1')!;
    expect(step1.violations.map((v) => [v.rule, v.criteria])).toContainEqual(['color-contrast', ['1.4.3']]);

    const statement = await audit('--format', 'statement', '--lang', 'de', host.url);
    expect(statement.code).toBe(1);
    expect(statement.stdout).toContain('## Erklärung zur Barrierefreiheit – technischer Teil');
    expect(statement.stdout).toContain(
      'Elemente müssen einen ausreichenden Farbkontrast haben. (1.4.3 Kontrast (Minimum);',
    );
  } finally {
    host.server.close();
  }
});

test('usage and load errors exit 2; --help exits 0', async ({ server }) => {
  const help = await audit('--help', '--lang', 'en');
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('Usage: ozg-form-audit');
  expect((await audit()).code).toBe(2);
  expect((await audit('--format', 'pdf', `${server.url}hundesteuer.html`)).code).toBe(2);
  const noForm = await audit('--lang', 'en', `${server.url}impressum.html`);
  expect(noForm.code).toBe(2);
  expect(noForm.stderr).toContain('No <ozg-form>');
  const missing = await audit('--lang', 'en', `${server.url}gibt-es-nicht.html`);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('HTTP 404');
});
