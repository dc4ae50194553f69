// A pattern a browser may need exponential time for freezes the page of the person filling in the form
// (the gateway runs patterns in linear time, browsers cannot): the checker refuses it, so publishing
// and the command line do too; a pattern that is only slower than linear gets a warning where the
// answer's length has no bound (src/schemas/pattern-problems.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../../server/db.js';
import { PublishedForms } from '../../server/gateway/published-forms.js';
import { publishDefinition, PublishRefused } from '../../server/publish.js';
import { checkDefinition } from '../../src/schemas/check.js';
import { checkAll } from '../../src/schemas/check/index.js';

const form = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  title: 'Muster',
  properties,
  ...extra,
});
const text = (pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'string',
  title: 'Name',
  pattern,
  ...extra,
});
const exponential = (problems: ReturnType<typeof checkDefinition>) =>
  problems.filter((p) => p.message.en.includes('exponential time'));

test('a repetition inside a repetition is refused at its pattern, in German and English, with the culprits', () => {
  const problems = exponential(
    checkDefinition(
      form({
        name: text(String.raw`^([A-Za-z]+\s?)+$`),
        plz: text('^[0-9]{5}$'),
        worte: text(String.raw`^(\w+\s*)*$`, { maxLength: 20 }), // a short bound does not help: 2^20
      }),
    ),
  );
  assert.deepEqual(
    problems.map((p) => p.pointer),
    ['/properties/name/pattern', '/properties/worte/pattern'],
  );
  assert.equal(problems[0]!.severity, undefined, 'an error, not a warning');
  assert.match(
    problems[0]!.message.de,
    /Die Wiederholung \[A-Za-z\]\+ steht in der Wiederholung \(\[A-Za-z\]\+\\s\?\)\+ .*mehrere Sekunden/,
  );
  assert.match(problems[0]!.message.en, /the repetition \[A-Za-z\]\+ inside the repetition/);
  assert.match(problems[0]!.message.en, /\^\[A-Za-z\]\+\(\\s\[A-Za-z\]\+\)\*\$ instead of/);
  assert.doesNotMatch(problems[0]!.message.en, /Equivalent and fast/, 'no rewrite is offered when there is none');
});

test('an equivalent fast pattern is named when there is one; patternProperties keys are checked too', () => {
  const problems = exponential(
    checkDefinition(
      form({
        ziffern: text('^(?:[0-9]+)+$'),
        tiere: { type: 'object', title: 'Tiere', patternProperties: { '^(?:a+)+$': { type: 'string' } } },
      }),
    ),
  );
  assert.deepEqual(
    problems.map((p) => p.pointer),
    ['/properties/ziffern/pattern', '/properties/tiere/patternProperties/^(?:a+)+$'],
  );
  assert.match(problems[0]!.message.de, /Gleichwertig und schnell: \^\[0-9\]\+\$/);
  assert.match(problems[0]!.message.en, /Equivalent and fast: \^\[0-9\]\+\$/);
});

test('patterns that only match in one way are not reported, nor unanchored ones that match a prefix at once', () => {
  const fine = [
    String.raw`^[A-Za-z]+(\s[A-Za-z]+)*$`,
    String.raw`^DE\d{2}(\s?\d{4}){4}\s?\d{2}$`,
    String.raw`^(?:[A-Za-z]+ )*[A-Za-z]+$`,
    String.raw`^[0-9]{1,4}[a-zA-Z]?([ -/][0-9a-zA-Z]{1,4})?$`,
    String.raw`(a+)+`,
  ];
  const problems = checkAll(form(Object.fromEntries(fine.map((p, i) => [`f${i}`, text(p, { maxLength: 100 })]))));
  assert.deepEqual(
    problems.filter((p) => /exponential time|disproportionately long/.test(p.message.en)),
    [],
  );
});

test('slower than linear: a warning to bound the length (none with maxLength up to 1,000), with the rewrite', () => {
  const slow = '^[a-z]+[a-z0-9]*$';
  const problems = checkAll(
    form({
      ohne: text(slow),
      lang: text(slow, { maxLength: 5000 }),
      kurz: text(slow, { maxLength: 1000 }),
    }),
  ).filter((p) => p.message.en.includes('disproportionately long'));
  assert.deepEqual(
    problems.map((p) => [p.pointer, p.severity]),
    [
      ['/properties/ohne/pattern', 'warning'],
      ['/properties/lang/pattern', 'warning'],
    ],
  );
  assert.match(problems[0]!.message.de, /Die Wiederholungen \[a-z\]\+ und \[a-z0-9\]\* können dieselben Zeichen/);
  assert.match(problems[0]!.message.de, /maxLength \(höchstens 1\.000\)/);
  assert.match(problems[0]!.message.en, /equivalently e\.g\. \^\[a-z\]\[a-z0-9\]\*\$/);
});

test('the demo forms and the test fixtures have no pattern the checker refuses or warns about', () => {
  for (const dir of ['demo/forms', 'test/fixtures']) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const definition = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
      const found = checkAll(definition).filter((p) => /exponential time|disproportionately long/.test(p.message.en));
      assert.deepEqual(found, [], `${dir}/${file}`);
    }
  }
});

const dataDir = mkdtempSync(join(tmpdir(), 'ozg-backtracking-'));
const db = openDb(dataDir);
after(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The parking permit form with a licence-plate pattern that nests repetitions. */
function nested(): string {
  const d = JSON.parse(readFileSync('demo/forms/anwohnerparken.json', 'utf8'));
  d.$defs.fahrzeug.properties.kennzeichen.pattern = String.raw`^([A-Z]+[- ]?)+[0-9]+$`;
  return JSON.stringify(d);
}

test('publishing refuses it and names the place; ozg-form-check exits 1 with the sentence', async () => {
  assert.throws(
    () => publishDefinition(new PublishedForms(db), nested(), 'nested.json'),
    (e: unknown) =>
      e instanceof PublishRefused && /exponential/.test(e.message) && /kennzeichen\/pattern/.test(e.message),
  );
  const file = join(dataDir, 'nested.json');
  writeFileSync(file, nested());
  const result = await promisify(execFile)(process.execPath, ['bin/ozg-form-check.mjs', '--lang', 'de', file]).then(
    () => ({ code: 0, stdout: '' }),
    (e: { code: number; stdout: string }) => e,
  );
  assert.equal(result.code, 1);
  assert.match(result.stdout, /fahrzeug\/properties\/kennzeichen\/pattern: .*exponentiell/);
});
