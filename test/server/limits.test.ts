/**
 * What one client can make the gateway do (review of 2026-12-06): each test performs the request that
 * used to exhaust, confuse or mislead the gateway and checks what the client and the next client see.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';
import {
  createIdempotencyKey,
  encryptForDestination,
  SubmissionClient,
  type DestinationInfo,
} from '../../src/modules/submission/index.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-limits-'));
await seedTestKeys(dataDir);
const LIMIT = 4096;
let dest: DestinationInfo;
const stalled: ClientRequest[] = [];

before(async () => {
  server = await startServer({
    port: 0,
    dataDir,
    gateway: {
      maxAttachmentBytes: LIMIT,
      maxSubmissionBytes: 2 * LIMIT,
      maxAttachments: 3,
      uploadIdleSeconds: 1,
    } as never,
  });
  dest = await new SubmissionClient({ baseUrl: server.url }).getDestination();
});
after(async () => {
  for (const r of stalled) r.destroy();
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

/** An upload that announces `length` bytes, sends the first 100 and then nothing: it stays open. */
function stall(sid: string, secret: string, aid: string, length: number): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const req = httpRequest(gw(`submissions/${sid}/attachments/${aid}`), {
      method: 'PUT',
      agent: false,
      headers: { 'x-case-secret': secret, 'content-type': 'application/jose', 'content-length': length },
    });
    stalled.push(req);
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('open'));
    req.write('eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.' + 'A'.repeat(48));
    // Still open after 300 ms: the gateway is waiting for the rest of the body.
    setTimeout(() => resolve('open'), 300);
  });
}

async function put(sid: string, secret: string, aid: string, body: string) {
  const res = await fetch(gw(`submissions/${sid}/attachments/${aid}`), {
    method: 'PUT',
    headers: { 'x-case-secret': secret, 'content-type': 'application/jose' },
    body,
  });
  const text = await res.text();
  return { status: res.status, problem: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const jwe = () => encryptForDestination(dest.encryptionKey, new Uint8Array(600));

test('uploads still streaming count against the submission total: the third of 3 × 4000 B over 8192 B is 413', async () => {
  const aids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const c = await create(aids);
  assert.equal(await stall(c.submissionId, c.caseSecret, aids[0]!, 4000), 'open');
  const second = await put(c.submissionId, c.caseSecret, aids[1]!, 'x'.repeat(4000));
  // The second is checked and refused as a JWE only after it was admitted: admission is what counts here.
  assert.notEqual(second.status, 413);
  // A parallel one while the first is streaming: 4000 + 4000 > 8192.
  const other = await stall(c.submissionId, c.caseSecret, aids[1]!, 4000);
  assert.equal(other, 'open');
  const third = await put(c.submissionId, c.caseSecret, aids[2]!, 'x'.repeat(4000));
  assert.equal(third.status, 413);
  assert.match(String(third.problem?.detail), /together/);
});

test('one client holds at most two upload slots; a stalled upload frees its slot after the idle time', async () => {
  // A client's earlier uploads may still hold slots (first test): wait until the idle time freed them.
  await new Promise((r) => setTimeout(r, 1500));
  const aids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const c = await create(aids);
  assert.equal(await stall(c.submissionId, c.caseSecret, aids[0]!, 3000), 'open');
  assert.equal(await stall(c.submissionId, c.caseSecret, aids[1]!, 3000), 'open');
  const third = await put(c.submissionId, c.caseSecret, aids[2]!, await jwe());
  assert.equal(third.status, 429);
  assert.equal(third.problem?.code, 'RATE_LIMITED');
  // No byte for uploadIdleSeconds (1 s): both stalled uploads are ended and their slots are free again.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await put(c.submissionId, c.caseSecret, aids[2]!, await jwe())).status, 204);
});

test('the same attachment twice at once: the second is 409 UPLOAD_RUNNING, not a second stream', async () => {
  await new Promise((r) => setTimeout(r, 1500));
  const aid = crypto.randomUUID();
  const c = await create([aid]);
  assert.equal(await stall(c.submissionId, c.caseSecret, aid, 3000), 'open');
  const again = await put(c.submissionId, c.caseSecret, aid, await jwe());
  assert.equal(again.status, 409);
  assert.equal(again.problem?.code, 'UPLOAD_RUNNING');
});

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
