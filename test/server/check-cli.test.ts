// The command-line checker as a CI pipeline calls it (needs `npm run build` for dist/npm/check.js).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/ozg-form-check.mjs', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const error = e as { code: number; stdout: string; stderr: string };
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
};

test('--help prints the usage and exits 0', async () => {
  const { code, stdout } = await run('--help', '--lang', 'en');
  assert.equal(code, 0);
  assert.match(stdout, /Usage: ozg-form-check/);
  assert.match(stdout, /--format json/);
});

test('a demo form: exit 0 and its Reifegrad with reasons', async () => {
  const { code, stdout } = await run('--lang', 'de', 'demo/forms/hundesteuer.json');
  assert.equal(code, 0);
  assert.match(stdout, /keine Probleme gefunden/);
  assert.match(stdout, /OZG-Reifegrad \(Modell 1\.1, geschätzt\): 2/);
  assert.match(stdout, /✗ Kein Nutzerkonto/);
  assert.match(stdout, /Für Stufe 3:/);
});

test('--format json: problems with pointer and severity, exit 1 on an error, 2 on broken JSON', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ozg-check-'));
  const bad = join(dir, 'bad.json');
  await writeFile(
    bad,
    JSON.stringify({
      type: 'object',
      'x-ozg': { leika: '123' },
      properties: { tel: { type: 'string', title: 'Telefon', 'x-ozg': { autocomplete: 'phone' } } },
    }),
  );
  const broken = join(dir, 'broken.json');
  await writeFile(broken, '{ "type": ');
  const { code, stdout } = await run('--format', 'json', '--lang', 'en', bad);
  assert.equal(code, 1);
  const [report] = JSON.parse(stdout);
  assert.equal(report.ok, false);
  const leika = report.problems.find((p: { pointer: string }) => p.pointer === '/x-ozg/leika');
  assert.equal(leika.severity, 'error');
  assert.match(leika.message, /14 digits starting with 99/);
  assert.match(leika.messages.de, /14 Ziffern, beginnend mit 99/);
  assert.ok(report.problems.some((p: { pointer: string }) => p.pointer === '/properties/tel/x-ozg/autocomplete'));
  assert.equal(report.reifegrad.level, 2);
  const both = await run('--format', 'json', bad, broken);
  assert.equal(both.code, 2);
  assert.equal(JSON.parse(both.stdout)[1].ok, false);
});
