/**
 * Upload slots (server/gateway/upload-slots.ts): a few addresses that trickle their uploads cannot keep
 * every citizen's files out. When all slots are taken, a new upload takes the slot of the slowest one
 * under the least rate; without such a one it gets 503 as before.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { UploadSlots } from '../../server/gateway/upload-slots.js';
import { HttpProblem } from '../../server/problem.js';
import { resolveConfig } from '../../server/config.js';
import { configFromEnv } from '../../server/config-env.js';
import { seedTestKeys } from '../support/test-keys.js';
import {
  createIdempotencyKey,
  encryptForDestination,
  SubmissionClient,
  type DestinationInfo,
} from '../../src/modules/submission/index.js';

// ---- the slots on their own, with a clock of the test's -------------------------------------------

/** A request as the slots see it: its socket's bytes read, and whether (and why) it was ended. */
class FakeRequest extends EventEmitter {
  socket = { bytesRead: 0 };
  ended: unknown;
  destroy(error?: unknown): this {
    this.ended = error ?? true;
    this.emit('close');
    return this;
  }
}
const fakeRequest = () => new FakeRequest();
/** Whether `r` was ended with a 503 problem (read anew: an assertion before may have narrowed it). */
const endedWith503 = (r: FakeRequest) => {
  const ended: unknown = r.ended;
  return ended instanceof HttpProblem && ended.status === 503;
};
const asRequest = (r: FakeRequest) => r as unknown as IncomingMessage;

function slotsAt(clock: { now: number }, least = 64 * 1024) {
  return new UploadSlots(
    {
      maxParallelUploads: 2,
      maxParallelUploadsPerClient: 1,
      uploadIdleSeconds: 30,
      minUploadBytesPerSecondWhenFull: least,
    },
    () => clock.now,
  );
}

test('one client has its share of the slots (429); all taken, none slow: 503', () => {
  const clock = { now: 0 };
  const slots = slotsAt(clock);
  slots.take('a', asRequest(fakeRequest()));
  assert.throws(
    () => slots.take('a', asRequest(fakeRequest())),
    (e: HttpProblem) => e.status === 429,
  );
  const b = fakeRequest();
  slots.take('b', asRequest(b));
  // Within their grace time no upload is judged, however little it brought.
  clock.now = 29_000;
  assert.throws(
    () => slots.take('c', asRequest(fakeRequest())),
    (e: HttpProblem) => e.status === 503,
  );
  // Fast enough (100 KiB/s on average): not ended either.
  clock.now = 40_000;
  b.socket.bytesRead = 40 * 100 * 1024;
  assert.equal(b.ended, undefined);
  assert.equal(slots.size, 2);
});

test('all taken: the slowest upload under the least rate is ended, and the new one takes its slot', () => {
  const clock = { now: 0 };
  const slots = slotsAt(clock);
  const slow = fakeRequest();
  const slower = fakeRequest();
  slots.take('a', asRequest(slow));
  slots.take('b', asRequest(slower));
  clock.now = 31_000;
  slow.socket.bytesRead = 31 * 4 * 1024; // 4 KiB/s
  slower.socket.bytesRead = 31 * 2 * 1024; // 2 KiB/s
  const rates: number[] = [];
  const next = fakeRequest();
  slots.take('c', asRequest(next), (rate) => rates.push(rate));
  assert.ok(endedWith503(slower), 'the slower one is ended');
  assert.equal(slow.ended, undefined);
  assert.equal(Math.round(rates[0]!), 2 * 1024);
  assert.equal(slots.size, 2);
  // Its client may upload again; an upload that ends gives its slot back.
  slots.take('b', asRequest(fakeRequest()), () => undefined);
  assert.ok(endedWith503(slow), 'then the next slowest');
  next.destroy();
  assert.equal(slots.size, 1);
});

test('GATEWAY_MIN_UPLOAD_BYTES_PER_SECOND_WHEN_FULL=0: no upload is ended, a full gateway answers 503', () => {
  const clock = { now: 0 };
  const slots = slotsAt(clock, 0);
  const a = fakeRequest();
  slots.take('a', asRequest(a));
  slots.take('b', asRequest(fakeRequest()));
  clock.now = 3_600_000;
  assert.throws(
    () => slots.take('c', asRequest(fakeRequest())),
    (e: HttpProblem) => e.status === 503,
  );
  assert.equal(a.ended, undefined);
});

test('the least rate is read from the environment; 64 KiB/s by default, 0 turns it off, less is refused', () => {
  assert.equal(resolveConfig({}).gateway.minUploadBytesPerSecondWhenFull, 64 * 1024);
  const env = configFromEnv({ GATEWAY_MIN_UPLOAD_BYTES_PER_SECOND_WHEN_FULL: '0' });
  assert.equal(env.gateway?.minUploadBytesPerSecondWhenFull, 0);
  assert.equal(resolveConfig(env).gateway.minUploadBytesPerSecondWhenFull, 0);
  assert.throws(
    () => resolveConfig({ gateway: { minUploadBytesPerSecondWhenFull: -1 } as never }),
    /minUploadBytesPerSecondWhenFull: 0 \(never\) or more/,
  );
});

// ---- through the gateway: two addresses trickle, a citizen's upload still goes through -------------

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-upload-slots-'));
await seedTestKeys(dataDir);
let dest: DestinationInfo;
const open: ClientRequest[] = [];

before(async () => {
  server = await startServer({
    port: 0,
    dataDir,
    gateway: {
      maxParallelUploads: 2,
      maxParallelUploadsPerClient: 1,
      // Windows of 1 s in which a body must bring 100 B: the trickle below (about 1 KB/s) passes them.
      uploadIdleSeconds: 1,
      minBodyBytesPerSecond: 100,
      maxAttachmentBytes: 1024 * 1024,
    } as never,
  });
  dest = await new SubmissionClient({ baseUrl: server.url }).getDestination();
});
after(async () => {
  for (const r of open) r.destroy();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const gw = (p: string) => new URL(`gateway/v1/${p}`, server.url);

async function submission(aid: string) {
  const res = await fetch(gw('submissions'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      idempotencyKey: createIdempotencyKey(),
      leika: '99110007000000',
      announcedAttachments: [aid],
    }),
  });
  assert.equal(res.status, 201);
  return (await res.json()) as { submissionId: string; caseSecret: string };
}

/** An upload from `from` (a loopback address of its own) that announces 100 kB and sends 100 B every
 * 100 ms; resolves 'closed' when the gateway ends it. */
function trickle(from: string, sid: string, secret: string, aid: string): Promise<string> {
  return new Promise((resolve) => {
    const req = httpRequest(gw(`submissions/${sid}/attachments/${aid}`), {
      method: 'PUT',
      agent: false,
      localAddress: from,
      headers: { 'x-case-secret': secret, 'content-type': 'application/jose', 'content-length': 100_000 },
    });
    open.push(req);
    req.on('response', (res) => {
      res.resume();
      resolve(String(res.statusCode));
    });
    req.on('error', () => resolve('closed'));
    req.on('close', () => resolve('closed'));
    req.write('eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.');
    const timer = setInterval(() => {
      if (req.destroyed) return clearInterval(timer);
      req.write('A'.repeat(100));
    }, 100);
    req.on('close', () => clearInterval(timer));
  });
}

/** A citizen's upload of a small encrypted file from `from`: its status. */
async function upload(from: string, sid: string, secret: string, aid: string): Promise<number> {
  const body = await encryptForDestination(dest.encryptionKey, new Uint8Array(1500));
  return new Promise((resolve, reject) => {
    const req = httpRequest(gw(`submissions/${sid}/attachments/${aid}`), {
      method: 'PUT',
      agent: false,
      localAddress: from,
      headers: { 'x-case-secret': secret, 'content-type': 'application/jose', 'content-length': body.length },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

test(
  'two addresses trickle an upload each into both slots: citizens from two other addresses still upload',
  { timeout: 20_000 },
  async () => {
    const attackers = await Promise.all(
      ['127.0.0.11', '127.0.0.12'].map(async (from) => {
        const aid = crypto.randomUUID();
        const c = await submission(aid);
        return { from, ended: trickle(from, c.submissionId, c.caseSecret, aid) };
      }),
    );
    // Both slots are theirs; past the grace time (1 s) each has brought about 1 KB/s.
    await new Promise((r) => setTimeout(r, 1_500));
    // Before, both answered 503 "too many uploads at once" for as long as the trickles went on.
    for (const from of ['127.0.0.13', '127.0.0.14']) {
      const aid = crypto.randomUUID();
      const c = await submission(aid);
      assert.equal(await upload(from, c.submissionId, c.caseSecret, aid), 204, `the upload from ${from}`);
    }
    // The first citizen took the slot of the slower trickle, which was ended; the second found the first
    // citizen's slot free again, so the other trickle goes on (for now).
    const outcomes = await Promise.all(
      attackers.map((a) => Promise.race([a.ended, new Promise((r) => setTimeout(() => r('open'), 300))])),
    );
    assert.deepEqual(outcomes.sort(), ['closed', 'open']);
  },
);
