// Answers made to make the gateway's (and a receiver's) validation work quadratically: the first error
// decides (ajv.ts, AjvOptions), and only answers of a person's size are worded for the case worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '../../server/app.js';
import { publishDefinition } from '../../server/publish.js';
import { seedTestKeys } from '../support/test-keys.js';
import { ANSWERS } from '../e2e/answers.js';
import { checkApplication } from '../../src/schemas/receiver-check.js';
import type { JsonSchema } from '../../src/schemas/types.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-hostile-'));
await seedTestKeys(dataDir);

/** The dog tax form, each dog with an address of its own: an entry whose schema has a `$ref` inside,
 * which Ajv does not inline (the construct that made collecting all errors quadratic). */
function dogsWithAddresses(): JsonSchema {
  const d = JSON.parse(readFileSync('demo/forms/hundesteuer.json', 'utf8'));
  d.$id = 'https://musterstadt.example/forms/hundesteuer-adressen.json';
  d.$defs.hund.properties.anschrift = { $ref: '#/$defs/anschrift', title: 'Wo der Hund lebt' };
  return d;
}

before(async () => {
  server = await startServer({ port: 0, dataDir });
  publishDefinition(server.gateway.forms, JSON.stringify(dogsWithAddresses()), 'hundesteuer-adressen.json');
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** 21,500 empty dogs where 5 are allowed (64 KB), and a birth date no calendar accepts. */
function hostileAnswers(): Record<string, any> {
  const answers = structuredClone(ANSWERS.hundesteuer) as Record<string, any>;
  answers.hunde = Array.from({ length: 21_500 }, () => ({}));
  answers.halter = { ...answers.halter, geburtsdatum: '2999-01-01' };
  return answers;
}

test('the gateway stops at the first error of hostile answers, and answers them while serving others', async () => {
  const formId = 'https://musterstadt.example/forms/hundesteuer-adressen.json';
  const form = server.gateway.forms.latest(formId)!;
  // With every error collected this list gave tens of thousands of errors (7.8 s; 17 s with the date).
  assert.ok(server.gateway.forms.validator(form).validateAll(hostileAnswers()).length <= 2);
  const body = JSON.stringify({
    idempotencyKey: randomBytes(18).toString('base64url'),
    formId,
    answers: hostileAnswers(),
    expectedTotal: 9600,
    redirectUrl: new URL('hundesteuer.html', server.url).href,
  });
  assert.ok(body.length < 64 * 1024, `${body.length} bytes, under the body limit`);
  const sent = fetch(new URL('gateway/v1/payments', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const other = await fetch(new URL('gateway/v1/forms/hundesteuer', server.url));
  assert.equal(other.status, 200);
  const res = await sent;
  assert.equal(res.status, 422);
  assert.equal(((await res.json()) as { code: string }).code, 'INVALID_ANSWERS');
});

test("a receiver words the errors of answers of a person's size, and lists those of a 2 MiB application as they are", () => {
  const definition = dogsWithAddresses();
  const leika = (definition['x-ozg'] as { leika: string }).leika;
  const small = structuredClone(ANSWERS.hundesteuer) as Record<string, any>;
  small.hunde[0].name = '';
  const worded = checkApplication(definition, { leika, data: small });
  assert.equal(worded[0]?.code, 'answers-invalid');
  assert.match(worded[0]!.text.de, /„Name/); // the form's own sentence, naming the question
  const huge = structuredClone(ANSWERS.hundesteuer) as Record<string, any>;
  huge.hunde = Array.from({ length: 80_000 }, () => ({}));
  const listed = checkApplication(definition, { leika, data: huge });
  assert.equal(listed[0]?.code, 'answers-invalid');
  assert.match(listed[0]!.text.en, /^The answers do not fit the form \(1\): \/hunde /);
});
