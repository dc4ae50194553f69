/**
 * What one client can make the gateway do (review of 2026-12-06): each test performs the request that
 * used to exhaust, confuse or mislead the gateway and checks what the client and the next client see.
 * The upload slots are tested with the other upload limits (uploads.test.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';
import { createIdempotencyKey, encryptForDestination, SubmissionClient } from '../../src/modules/submission/index.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-limits-'));
await seedTestKeys(dataDir);

before(async () => {
  server = await startServer({ port: 0, dataDir });
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const gw = (p: string) => new URL(`gateway/v1/${p}`, server.url);
const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function create(announced: string[], extra: Record<string, unknown> = {}) {
  const idempotencyKey = createIdempotencyKey();
  const res = await fetch(
    gw('submissions'),
    json('POST', { idempotencyKey, leika: '99110007000000', announcedAttachments: announced, ...extra }),
  );
  const body = (await res.json()) as { submissionId: string; caseId: string; caseSecret: string };
  return { idempotencyKey, status: res.status, ...body };
}

test('answers nested 5000 deep are 400 TOO_DEEP problem+json, not a 500', async () => {
  // 11 KB of JSON, written out: JSON.stringify of such a value would overflow here as it did on the server.
  const answers = `${'{"x":'.repeat(5000)}{}${'}'.repeat(5000)}`;
  const res = await fetch(gw('payments'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"idempotencyKey":"${createIdempotencyKey()}","formId":"https://musterstadt.example/forms/anwohnerparken.json","answers":${answers},"expectedTotal":100,"redirectUrl":"${server.url}"}`,
  });
  assert.equal(res.status, 400);
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(((await res.json()) as { code: string }).code, 'TOO_DEEP');
});

test('a send with a wrong case secret is 404 before its body is read', async () => {
  const c = await create([]);
  const res = await fetch(
    gw(`submissions/${c.submissionId}`),
    json('PUT', { encryptedMetadata: 'x'.repeat(1_500_000), encryptedData: 'y' }, { 'x-case-secret': 'wrong' }),
  );
  assert.equal(res.status, 404);
});

test('the same idempotency key with another form is 409 IDEMPOTENCY_CONFLICT', async () => {
  const c = await create([]);
  const res = await fetch(
    gw('submissions'),
    json('POST', {
      idempotencyKey: c.idempotencyKey,
      leika: '99110007000000',
      announcedAttachments: [],
      formId: 'https://musterstadt.example/forms/hundesteuer.json',
      definitionHash: server.gateway.forms.latest('https://musterstadt.example/forms/hundesteuer.json')!.hash,
    }),
  );
  assert.equal(res.status, 409);
  assert.equal(((await res.json()) as { code: string }).code, 'IDEMPOTENCY_CONFLICT');
});

test('messages: none to an application not sent; at most 20 per hour in one case', async () => {
  const c = await create([]);
  const write = () =>
    fetch(gw(`cases/${c.caseId}/messages`), json('POST', { text: 'Hallo' }, { 'x-case-secret': c.caseSecret }));
  const unsent = await write();
  assert.equal(unsent.status, 409);
  assert.equal(((await unsent.json()) as { code: string }).code, 'NOT_SENT');
  const payload = await new SubmissionClient({ baseUrl: server.url }).getDestination();
  const [encryptedMetadata, encryptedData] = await Promise.all([
    encryptForDestination(payload.encryptionKey, new TextEncoder().encode('{}')),
    encryptForDestination(payload.encryptionKey, new TextEncoder().encode('{}')),
  ]);
  const sent = await fetch(
    gw(`submissions/${c.submissionId}`),
    json('PUT', { encryptedMetadata, encryptedData }, { 'x-case-secret': c.caseSecret }),
  );
  assert.equal(sent.status, 202);
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) statuses.push((await write()).status);
  assert.deepEqual(statuses, [...Array(20).fill(201), 429]);
});

test('a page gets its own policy however its path is spelled: /%69nbox.html is never framed', async () => {
  const res = await fetch(new URL('%69nbox.html', server.url));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
});

test('asking for a payment status is rate-limited per client like the other reads of an application', async () => {
  const small = mkdtempSync(join(tmpdir(), 'ozg-limits-rate-'));
  await seedTestKeys(small);
  const limited = await startServer({ port: 0, dataDir: small, rateLimits: { cases: 3 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(new URL('gateway/v1/payments/status', limited.url), {
        headers: { 'x-payment-key': createIdempotencyKey() },
      });
      statuses.push(res.status);
    }
    // No payment under these keys (404) until the limit: then 429, and the provider is not asked.
    assert.deepEqual(statuses, [404, 404, 404, 429]);
  } finally {
    await limited.close();
    rmSync(small, { recursive: true, force: true });
  }
});
