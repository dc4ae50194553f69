/**
 * `ozg-form-audit` (bin/ozg-form-audit.mjs) against the demo server: each demo form is walked with
 * valid and invalid answers and comes out clean (exit 0); a page whose theme colour has too little
 * contrast fails (exit 1) naming the criterion and the custom property; usage and load errors exit 2.
 * dist/ and dist/npm/ must have been built (`npm run build`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A folder for the reports `--output` writes, removed after `use`. */
async function inTempDir(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-audit-'));
  try {
    await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An unlabelled question "a" (required), beside a labelled one. */
const UNLABELLED = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Testformular',
  type: 'object',
  required: ['a'],
  properties: { a: { type: 'string' }, d: { type: 'string', title: 'Mit Titel' } },
};

/**
 * An "editor's page" (by default with a light primary colour), proxying everything else to the demo
 * server; /unlabelled.json is a definition with a question without a title.
 */
async function hostPage(
  demo: string,
  {
    css = 'ozg-form { --ozg-color-primary: #7fb3ff; }',
    src = '/forms/hundesteuer.json',
    before = '<h1>Hund anmelden</h1>',
  } = {},
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/amtsseite.html') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Amtsseite</title>
<script type="module" src="/dist/ozg-form.js"></script>
<style>${css}</style></head>
<body><main>${before}<ozg-form src="${src}"></ozg-form></main></body></html>`);
      return;
    }
    if (req.url === '/unlabelled.json') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(UNLABELLED));
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

test('a theme colour with too little contrast: exit 1, text, JSON and statement of one run name it', async ({
  server,
}) => {
  const host = await hostPage(server.url);
  try {
    await inTempDir(async (dir) => {
      const json = join(dir, 'bericht.json');
      const statement = join(dir, 'erklaerung.md');
      const text = await audit('--lang', 'de', '--output', `json=${json}`, `--output=statement=${statement}`, host.url);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('Kriterium: 1.4.3 Kontrast (Minimum)');
      expect(text.stdout).toContain(
        'Ursache in der Einbettung: --ozg-color-primary-contrast (#ffffff) auf --ozg-color-primary (#7fb3ff)',
      );
      expect(text.stdout).toMatch(/✗ Schritt 1: Halterin oder Halter \(320 px breit\) – (1 Verstoß|\d+ Verstöße)$/m);

      const report = JSON.parse(readFileSync(json, 'utf8')) as {
        violations: number;
        passed: boolean;
        states: Array<{ key: string; violations: Array<{ rule: string; criteria: string[] }> }>;
      };
      expect([report.violations > 0, report.passed]).toEqual([true, false]);
      const step1 = report.states.find((s) => s.key === 'step:1')!;
      expect(step1.violations.map((v) => [v.rule, v.criteria])).toContainEqual(['color-contrast', ['1.4.3']]);

      const markdown = readFileSync(statement, 'utf8');
      expect(markdown).toContain('## Erklärung zur Barrierefreiheit – technischer Teil');
      expect(markdown).toContain('Elemente müssen einen ausreichenden Farbkontrast haben. (1.4.3 Kontrast (Minimum);');
    });
  } finally {
    host.server.close();
  }
});

test('host-configuration failures alone exit 1 and are named in the summary (focus ring, heading outline)', async ({
  server,
}) => {
  const host = await hostPage(server.url, {
    css: 'ozg-form { --ozg-color-focus: #dddddd; --ozg-color-border: #cccccc; }',
    before: '<h1>Amt</h1><div hidden><h4>versteckt</h4></div>',
  });
  try {
    await inTempDir(async (dir) => {
      const file = join(dir, 'report.txt');
      const json = await audit('--format', 'json', '--lang', 'en', '--output', `text=${file}`, host.url);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as { violations: number; passed: boolean; summary: string };
      expect([report.violations, report.passed]).toEqual([0, false]);
      expect(report.summary).toBe('no violations in the form, 2 notes on the embedding');
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain('No violations found.');
      expect(text).toContain('No violations in the form, 2 notes on the embedding.');
      expect(text).toContain('! 1.4.11 --ozg-color-focus (#dddddd)');
      // the hidden h4 is not part of the outline
      expect(text).not.toMatch(/level[- ]4/);
    });
  } finally {
    host.server.close();
  }
});

test('questions without a title are findings (2.4.6, 3.3.2) as ozg-form-check reports them: exit 1', async ({
  server,
}) => {
  const host = await hostPage(server.url, { css: '', src: '/unlabelled.json' });
  try {
    await inTempDir(async (dir) => {
      const json = join(dir, 'bericht.json');
      const de = await audit('--lang', 'de', '--progress', '--output', `json=${json}`, host.url);
      expect(de.code).toBe(1);
      // --progress: a line per audited state on stderr (without it, stderr stays empty: see above)
      expect(de.stderr).toMatch(/^ozg-form-audit: \[1\] Prüfe Schritt 1: .*\(1280 px breit\) …$/m);
      expect(de.stderr).toMatch(/^ozg-form-audit: \[2\] Prüfe Schritt 1: .*\(320 px breit\) …$/m);
      expect(de.stderr).toMatch(/^ozg-form-audit: \[\d+\] Prüfe Prüfseite \(gültige Angaben\) \(320 px breit\) …$/m);
      expect(de.stderr).toMatch(/^ozg-form-audit: \[\d+\] Prüfe Fehlerzustand \(ungültige Angaben\), Schritt 1: /m);
      expect(de.stdout).toContain('Keine Verstöße an Elementen, 1 Mangel der Formulardefinition.');
      expect(de.stdout).toContain('✗ 2.4.6, 3.3.2 Die Frage „a“ hat keine Beschriftung.');
      expect(de.stdout).toContain('Stelle in der Definition: /properties/a');
      const report = JSON.parse(readFileSync(json, 'utf8')) as {
        definition: Array<{ pointer: string; criteria: string[] }>;
      };
      expect(report.definition.map((d) => [d.pointer, d.criteria])).toEqual([['/properties/a', ['2.4.6', '3.3.2']]]);
    });
  } finally {
    host.server.close();
  }
});

test('usage and load errors exit 2; --help exits 0', async ({ server }) => {
  const help = await audit('--help', '--lang', 'en');
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('Usage: ozg-form-audit');
  expect(help.stdout).toContain('Exit code 0: nothing found; 1: violations, notes on the embedding');
  expect((await audit()).code).toBe(2);
  expect((await audit('--format', 'pdf', `${server.url}hundesteuer.html`)).code).toBe(2);
  const badOutput = await audit('--lang', 'en', '--output', 'pdf=x.pdf', `${server.url}hundesteuer.html`);
  expect(badOutput.code).toBe(2);
  expect(badOutput.stderr).toContain('--output expects <format>=<file>');
  const noFolder = await audit(
    '--lang',
    'en',
    '--output',
    'json=/gibt/es/nicht/r.json',
    `${server.url}hundesteuer.html`,
  );
  expect(noFolder.code).toBe(2);
  expect(noFolder.stderr).toContain('The folder of /gibt/es/nicht/r.json does not exist.');
  const noForm = await audit('--lang', 'en', `${server.url}impressum.html`);
  expect(noForm.code).toBe(2);
  expect(noForm.stderr).toContain('No <ozg-form>');
  const missing = await audit('--lang', 'en', `${server.url}gibt-es-nicht.html`);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('HTTP 404');
});
