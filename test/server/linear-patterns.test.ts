// The definitions' `pattern` keywords on the gateway run in linear time (src/schemas/linear-regexp.ts)
// and decide as the browser's RegExp does; patterns RE2 cannot run are refused by the checker and
// therefore by publishing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '../../server/app.js';
import { publishDefinition, PublishRefused } from '../../server/publish.js';
import { seedTestKeys } from '../support/test-keys.js';
import { ANSWERS } from '../e2e/answers.js';
import { checkDefinition } from '../../src/schemas/check.js';
import { linearRegExp } from '../../src/schemas/linear-regexp.js';

/** Every `pattern` (and `patternProperties` key) in a JSON document. */
function patternsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) patternsIn(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'pattern' && typeof v === 'string') found.push(v);
      if (k === 'patternProperties' && v && typeof v === 'object') found.push(...Object.keys(v));
      patternsIn(v, found);
    }
  }
  return found;
}

const jsonFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);

// Where ECMAScript and RE2 differ unless translated: white space beyond ASCII, line terminators,
// empty and full classes, a backspace in a class, named groups, Unicode properties and escapes.
const TRICKY = [
  String.raw`^\S+$`,
  String.raw`^[A-Z]+\s[0-9]+$`,
  String.raw`^.+$`,
  String.raw`^[^\s]+$`,
  String.raw`^[^\S]+$`,
  String.raw`^[\s\S]*$`,
  String.raw`^[^]*$`,
  String.raw`^[]$`,
  String.raw`^[\b]$`,
  String.raw`^[\]a]+$`,
  String.raw`^(?<jahr>\d{4})-\d{2}$`,
  String.raw`^\p{Lu}\p{Ll}*$`,
  String.raw`^\P{L}+$`,
  String.raw`^[\u00C4a-z]+$`,
  String.raw`^\u{1F600}$`,
  String.raw`^\cJ$`,
  String.raw`^\0$`,
  String.raw`^\t\v\f$`,
  String.raw`^\bfoo\b`,
  String.raw`^[\w.-]+$`,
  String.raw`^\D+\W*$`,
  String.raw`^[a-z]+?$`,
  String.raw`a|b`,
];
const INPUTS = [
  ...['', ' ', 'ab', 'aa', 'A', 'Ab', 'AB', '12', '12345', 'foo bar', 'a.b-c', '.', '[', ']', 'a]', '2026-12'],
  ...['a\u00a0b', 'AB\u00a012', 'AB 12', 'a\rb', 'a\u2028b', 'a\nb', '\n', 'a\tb', 'a\vb', '\t\v\f', '\b'],
  ...['\u2003', '\ufeff', '\u0085', '\u180e', '\u0000', 'Äab', 'ä', 'é', 'Ölé', '\u{1F600}', 'x\ud800y'],
  ...['M-AB 123', 'MÜ-X 1E', 'x@y', '+49 30 123456', 'DE89 3704 0044 0532 0130 00', '12345-678', 'ab@cd.de'],
];

test("every pattern of the demo forms and fixtures, and ECMAScript's tricky cases, decide as RegExp does", () => {
  const patterns = new Set([
    ...jsonFiles('demo/forms').flatMap((d) => patternsIn(d)),
    ...jsonFiles('test/fixtures').flatMap((d) => patternsIn(d)),
    ...TRICKY,
  ]);
  assert.ok(patterns.size > 30, `${patterns.size} patterns`);
  const differences: string[] = [];
  for (const pattern of patterns) {
    const native = new RegExp(pattern, 'u');
    const linear = linearRegExp(pattern);
    for (const input of INPUTS)
      if (native.test(input) !== linear.test(input))
        differences.push(`${pattern} on ${JSON.stringify(input)}: RegExp ${native.test(input)}`);
  }
  assert.deepEqual(differences, []);
});

test('the checker refuses lookaround and backreferences, at the pattern, in German and English', () => {
  const definition = {
    type: 'object',
    properties: {
      a: { type: 'string', title: 'A', pattern: String.raw`^(?=.*\d).+$` },
      b: { type: 'string', title: 'B', pattern: String.raw`^(\w)\1$` },
      c: { type: 'string', title: 'C', pattern: String.raw`^(?:([A-Za-z]+\s?)+)$` }, // runs in linear time
    },
  };
  const problems = checkDefinition(definition).filter((p) => p.message.en.includes('linear time'));
  assert.deepEqual(
    problems.map((p) => p.pointer),
    ['/properties/a/pattern', '/properties/b/pattern'],
  );
  assert.match(problems[0]!.message.de, /Lookahead/);
  assert.match(problems[0]!.message.en, /block the gateway/);
});

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-patterns-'));
await seedTestKeys(dataDir);
const FORM = 'https://musterstadt.example/forms/anwohnerparken.json';

before(async () => {
  server = await startServer({ port: 0, dataDir });
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The parking permit form with a careless licence-plate pattern that backtracks exponentially in V8:
 * two alternatives that match the same capital letters. The checker refuses nested repetitions such as
 * ^([A-Za-z]+\\s?)+$ (backtracking-patterns.test.ts) but does not find this kind, so the gateway must
 * hold out against it. */
function carelessDefinition(extra: Record<string, unknown> = {}): string {
  const d = JSON.parse(readFileSync('demo/forms/anwohnerparken.json', 'utf8'));
  Object.assign(d.$defs.fahrzeug.properties.kennzeichen, { pattern: '^(?:[A-Za-z]|[A-Z])+$', ...extra });
  return JSON.stringify(d);
}

test('publishing refuses a pattern the gateway cannot run in linear time, and names it', () => {
  assert.throws(
    () => publishDefinition(server.gateway.forms, carelessDefinition({ pattern: '^(?!XX)[A-Z]+$' }), 'careless.json'),
    (e: unknown) => e instanceof PublishRefused && /linear/.test(e.message) && /kennzeichen\/pattern/.test(e.message),
  );
});

test('an answer made to make a backtracking pattern run for hours is refused at once; the gateway keeps serving', async () => {
  publishDefinition(server.gateway.forms, carelessDefinition(), 'careless.json');
  const answers = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  // 40 capitals and a "!" (V8's own engine: 24 take about a second, every further one doubles it).
  answers.fahrzeuge[0].kennzeichen = `${'A'.repeat(40)}!`;
  const other = fetch(new URL('gateway/v1/forms/anwohnerparken', server.url)); // in flight at the same time
  const res = await fetch(new URL('gateway/v1/payments', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      idempotencyKey: randomBytes(18).toString('base64url'),
      formId: FORM,
      answers,
      expectedTotal: 6000,
      redirectUrl: new URL('anwohnerparken.html', server.url).href,
    }),
  });
  assert.equal(res.status, 422);
  const body = (await res.json()) as { code: string };
  assert.equal(body.code, 'INVALID_ANSWERS');
  assert.equal((await other).status, 200);
});
