/**
 * The gateway's upload limits (issue 6): oversized, unannounced, doubled or mistyped attachments are
 * answered with a 4xx problem+json; FIT-Connect's limits are the ceiling of the configuration.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';
import { stalledUpload } from '../support/stalled-upload.js';
import { resolveConfig } from '../../server/config.js';
import {
  createIdempotencyKey,
  encryptForDestination,
  SubmissionClient,
  type DestinationInfo,
} from '../../src/modules/submission/index.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-uploads-'));
// The run's stand-in keys, before any hook starts the server (test/support/test-keys.ts).
await seedTestKeys(dataDir);
const LIMIT = 4096;
let dest: DestinationInfo;
/** Uploads a test leaves open on purpose (they stall): ended after the tests. */
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

async function create(announced: string[]) {
  const res = await fetch(gw('submissions'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      idempotencyKey: createIdempotencyKey(),
      leika: '99110007000000',
      announcedAttachments: announced,
    }),
  });
  return {
    res,
    body: (await res.json()) as { submissionId: string; caseSecret: string; title?: string; detail?: string },
  };
}

async function put(sid: string, secret: string, aid: string, body: string, type = 'application/jose') {
  const res = await fetch(gw(`submissions/${sid}/attachments/${aid}`), {
    method: 'PUT',
    headers: { 'x-case-secret': secret, 'content-type': type },
    body,
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    problem: res.status === 204 ? undefined : ((await res.json()) as { status: number; detail?: string }),
  };
}

/** A JWE whose total length is about `size` characters. */
async function jweOf(size: number): Promise<string> {
  const overhead = (await encryptForDestination(dest.encryptionKey, new Uint8Array(0))).length;
  return encryptForDestination(
    dest.encryptionKey,
    new Uint8Array(Math.max(0, Math.floor(((size - overhead) * 3) / 4))),
  );
}

test('an attachment over the gateway limit is refused with 413 problem+json; one at the limit goes through', async () => {
  const ids = [crypto.randomUUID(), crypto.randomUUID()];
  const { body } = await create(ids);
  const fits = await jweOf(LIMIT - 8);
  assert.ok(fits.length <= LIMIT);
  assert.equal((await put(body.submissionId, body.caseSecret, ids[0]!, fits)).status, 204);
  const big = await jweOf(LIMIT + 64);
  assert.ok(big.length > LIMIT);
  const r = await put(body.submissionId, body.caseSecret, ids[1]!, big);
  assert.equal(r.status, 413);
  assert.match(r.type, /^application\/problem\+json/);
  assert.equal(r.problem!.status, 413);
});

test('all attachments of a submission together stay under GATEWAY_MAX_SUBMISSION_BYTES', async () => {
  const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const { body } = await create(ids);
  const jwe = await jweOf(LIMIT - 8);
  assert.equal((await put(body.submissionId, body.caseSecret, ids[0]!, jwe)).status, 204);
  assert.equal((await put(body.submissionId, body.caseSecret, ids[1]!, jwe)).status, 204);
  const third = await put(body.submissionId, body.caseSecret, ids[2]!, jwe);
  assert.equal(third.status, 413);
  assert.match(third.problem!.detail!, /together/);
});

test('unexpected uploads: not announced (404), not a JWE (400), wrong type (415), one attachment too many (400)', async () => {
  const aid = crypto.randomUUID();
  const { body } = await create([aid]);
  const jwe = await jweOf(1000);
  const stranger = await put(body.submissionId, body.caseSecret, crypto.randomUUID(), jwe);
  assert.equal(stranger.status, 404);
  assert.match(stranger.type, /^application\/problem\+json/);
  assert.equal((await put(body.submissionId, body.caseSecret, aid, 'not-a-jwe')).status, 400);
  const typed = await put(body.submissionId, body.caseSecret, aid, jwe, 'application/pdf');
  assert.equal(typed.status, 415);
  assert.match(typed.type, /^application\/problem\+json/);
  const tooMany = await create([crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]);
  assert.equal(tooMany.res.status, 400);
  assert.match(tooMany.res.headers.get('content-type') ?? '', /^application\/problem\+json/);
});

test('the same attachment twice is taken once (204, nothing sent again to FIT-Connect)', async () => {
  const aid = crypto.randomUUID();
  const { body } = await create([aid]);
  const jwe = await jweOf(1000);
  assert.equal((await put(body.submissionId, body.caseSecret, aid, jwe)).status, 204);
  assert.equal((await put(body.submissionId, body.caseSecret, aid, 'x'.repeat(10))).status, 204);
});

test('the configuration cannot exceed FIT-Connect: 100 attachments, 500 MB each, 2 GB per submission', () => {
  assert.throws(() => resolveConfig({ gateway: { maxAttachments: 101 } as never }), /100/);
  assert.throws(() => resolveConfig({ gateway: { maxAttachmentBytes: 500_000_001 } as never }), /500 MB/);
  assert.throws(() => resolveConfig({ gateway: { maxSubmissionBytes: 2_000_000_001 } as never }), /2 GB/);
  assert.equal(resolveConfig({}).gateway.maxAttachmentBytes, 100 * 1024 * 1024);
});

/** An upload of `length` bytes that sends 100 and then waits (test/support/stalled-upload.ts). */
const stall = (sid: string, secret: string, aid: string, length: number) =>
  stalledUpload(gw(`submissions/${sid}/attachments/${aid}`), { secret, length }, stalled);

test('uploads still streaming count against the submission total: the third of 3 × 4000 B over 8192 B is 413', async () => {
  const aids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const { body: c } = await create(aids);
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
  const { body: c } = await create(aids);
  assert.equal(await stall(c.submissionId, c.caseSecret, aids[0]!, 3000), 'open');
  assert.equal(await stall(c.submissionId, c.caseSecret, aids[1]!, 3000), 'open');
  const third = await put(c.submissionId, c.caseSecret, aids[2]!, await jweOf(2000));
  assert.equal(third.status, 429);
  assert.equal((third.problem as { code?: string } | undefined)?.code, 'RATE_LIMITED');
  // No byte for uploadIdleSeconds (1 s): both stalled uploads are ended and their slots are free again.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await put(c.submissionId, c.caseSecret, aids[2]!, await jweOf(2000))).status, 204);
});

test('the same attachment twice at once: the second is 409 UPLOAD_RUNNING, not a second stream', async () => {
  await new Promise((r) => setTimeout(r, 1500));
  const aid = crypto.randomUUID();
  const { body: c } = await create([aid]);
  assert.equal(await stall(c.submissionId, c.caseSecret, aid, 3000), 'open');
  const again = await put(c.submissionId, c.caseSecret, aid, await jweOf(2000));
  assert.equal(again.status, 409);
  assert.equal((again.problem as { code?: string } | undefined)?.code, 'UPLOAD_RUNNING');
});
