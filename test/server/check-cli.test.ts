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

test('each problem says its line and column in the file (the name of the property), in text and in JSON', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ozg-check-'));
  const file = join(dir, 'lines.json');
  // A byte order mark first: editors do not count it as a column.
  await writeFile(
    file,
    `\uFEFF{
  "type": "object",
  "x-ozg": {
    "leika": "123"
  },
  "properties": {
    "tel": { "type": "string", "title": "Telefon", "x-ozg": { "autocomplete": "phone" } },
    "liste": { "type": "array", "title": "Liste", "items": [{ "type": "string" }] }
  }
}
`,
  );
  const json = await run('--format', 'json', '--lang', 'en', file);
  assert.equal(json.code, 1);
  const [report] = JSON.parse(json.stdout);
  const at = (pointer: string) => {
    const problem = report.problems.find((p: { pointer: string }) => p.pointer === pointer);
    assert.ok(problem, `a problem at ${pointer}`);
    return [problem.line, problem.column];
  };
  assert.deepEqual(at('/x-ozg/leika'), [4, 5]);
  assert.deepEqual(at('/properties/tel/x-ozg/autocomplete'), [7, 63]);
  assert.deepEqual(at('/properties/liste/items'), [8, 51]);

  const text = await run('--lang', 'en', file);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^ {2}4:5 +\/x-ozg\/leika: The LeiKa key "123" is invalid/m);
  assert.match(text.stdout, /^ {2}8:51 +\/properties\/liste\/items: Tuples/m);
});

test('an unknown option or language is refused with the usage (exit 2), not read as a file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ozg-check-'));
  const file = join(dir, 'f.json');
  await writeFile(file, JSON.stringify({ type: 'object', properties: {} }));
  const verbose = await run('--lang', 'en', '--verbose', file);
  assert.equal(verbose.code, 2);
  assert.match(verbose.stderr, /unknown option --verbose/);
  assert.match(verbose.stderr, /Usage: ozg-form-check/);
  assert.doesNotMatch(verbose.stderr, /ENOENT/);
  assert.equal(verbose.stdout, '');
  const french = await run('--lang', 'fr', file);
  assert.equal(french.code, 2);
  assert.match(french.stderr, /"fr".*--lang.*de, en|„fr“.*--lang.*de, en/);
  const german = await run('--lang=de', '--format', 'xml', file);
  assert.equal(german.code, 2);
  assert.match(german.stderr, /Unbekanntes Format „xml“ für --format; möglich sind: text, json\./);
});

test('a definition that is no JSON object gets its error and no Reifegrad', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ozg-check-'));
  for (const value of ['[1, 2]', 'null', '"hello"']) {
    const file = join(dir, 'not-an-object.json');
    await writeFile(file, value);
    const text = await run('--lang', 'en', file);
    assert.equal(text.code, 1, value);
    assert.match(text.stdout, /1 error/, value);
    assert.doesNotMatch(text.stdout, /Reifegrad/, value);
    const json = await run('--lang', 'en', '--format', 'json', file);
    const [report] = JSON.parse(json.stdout);
    assert.equal(report.ok, false, value);
    assert.equal(report.reifegrad, null, value);
  }
});

test('the Reifegrad of the reviewed probes: paper in the root text, "per Postfach", invalid account settings', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ozg-check-'));
  const form = (extra: Record<string, unknown>, account: unknown = { login: 'optional' }) => ({
    type: 'object',
    title: 'Antrag',
    ...extra,
    'x-ozg': { leika: '99108004001000', account },
    properties: { email: { type: 'string', format: 'email', title: 'E-Mail' } },
  });
  const level = async (definition: unknown): Promise<{ level: number; criteria: { id: string; met: boolean }[] }> => {
    const file = join(dir, 'r.json');
    await writeFile(file, JSON.stringify(definition));
    return JSON.parse((await run('--format', 'json', file)).stdout)[0].reifegrad;
  };
  assert.equal((await level(form({ description: 'Senden Sie die Urkunde per Post.' }))).level, 2);
  assert.equal((await level(form({ description: 'Den Bescheid erhalten Sie per Postfach.' }))).level, 3);
  const bad = await level(form({}, { login: 'never', trustLevel: 'mittel' }));
  assert.equal(bad.level, 2);
  assert.equal(bad.criteria.find((c) => c.id === 'account')!.met, false);
});

test('a definition too broken to walk (a malformed $ref, 1,500 levels deep): one error for each, JSON output, exit 1, no crash', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ozg-check-'));
  const badRef = join(dir, 'bad-ref.json');
  await writeFile(badRef, JSON.stringify({ type: 'object', title: 'T', properties: { a: { $ref: '#/%zz' } } }));
  let deep = '{"type":"string"}';
  for (let i = 0; i < 1500; i++) deep = `{"type":"object","properties":{"a":${deep}}}`;
  const deepFile = join(dir, 'deep.json');
  await writeFile(deepFile, deep);
  const good = 'demo/forms/hundesteuer.json'; // the files after them are still checked
  const { code, stdout, stderr } = await run('--format', 'json', badRef, deepFile, good);
  assert.equal(code, 1, stderr);
  assert.equal(stderr, '');
  const report = JSON.parse(stdout) as Array<{
    file: string;
    ok: boolean;
    problems: Array<{ pointer: string; message: string }>;
  }>;
  assert.deepEqual(
    report.map((r) => [r.file, r.ok]),
    [
      [badRef, false],
      [deepFile, false],
      [good, true],
    ],
  );
  assert.match(report[0]!.problems[0]!.message, /cannot be checked \(URI malformed\).*percent-encoding/);
  assert.match(report[1]!.problems[0]!.message, /cannot be checked \(too deeply nested\)/);
});

test('text from the definition cannot rewrite the terminal: control characters are printed as \\u escapes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ozg-check-'));
  const file = join(dir, 'esc.json');
  // ESC [1A ESC [2K: cursor up, erase the line (the "1 error" line above would vanish)
  await writeFile(
    file,
    JSON.stringify({ type: 'object', title: 'T', properties: { 'a\u001b[1A\u001b[2Kb': { type: 'strin' } } }),
  );
  const { code, stdout } = await run('--lang', 'en', file);
  assert.equal(code, 1);
  assert.ok(!stdout.includes('\u001b'), 'no raw ESC on the terminal');
  assert.match(stdout, /a\\u001b\[1A\\u001b\[2Kb/);
});
