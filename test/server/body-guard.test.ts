// Request bodies cannot hold the gateway's memory or connections (server/body-guard.ts): a body that
// stops, or comes in a byte now and then, is ended; one client sends only so many bodies at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { resolveConfig } from '../../server/config.js';
import { configFromEnv } from '../../server/config-env.js';
import { seedTestKeys } from '../support/test-keys.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ozg-body-guard-'));
await seedTestKeys(dataDir);
let server: RunningServer;
const open: ClientRequest[] = [];

before(async () => {
  server = await startServer({
    port: 0,
    dataDir,
    // Windows of 1 s, at least 100 B/s in each; three bodies per client at once (uploads: two of them).
    gateway: { uploadIdleSeconds: 1, minBodyBytesPerSecond: 100, maxParallelBodiesPerClient: 3 } as never,
  });
});
after(async () => {
  for (const r of open) r.destroy();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends `POST submissions` with a body of `length` bytes in `chunks` pieces, one every `everyMs`;
 * resolves with the HTTP status, or 'closed' when the gateway closed the connection without an
 * answer, and the ms that took. */
function slowBody(
  length: number,
  chunks: number,
  everyMs: number,
  path = 'gateway/v1/submissions',
): Promise<{ outcome: number | 'closed'; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const done = (outcome: number | 'closed') => resolve({ outcome, ms: Date.now() - started });
    const req = httpRequest(new URL(path, server.url), {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': length },
    });
    open.push(req);
    req.on('response', (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', () => done('closed'));
    req.on('close', () => done('closed'));
    const body = JSON.stringify({ idempotencyKey: 'x'.repeat(length) })
      .slice(0, length)
      .padEnd(length, ' ');
    const size = Math.ceil(length / chunks);
    let sent = 0;
    const next = () => {
      if (sent >= length || req.destroyed) return;
      req.write(body.slice(sent, sent + size));
      sent += size;
      if (sent < length) setTimeout(next, everyMs);
    };
    next();
  });
}

test('a body that stops arriving is ended after the idle time', { timeout: 15_000 }, async () => {
  // 100 B, then nothing: closed after the first window of 1 s without its 100 B.
  const { outcome, ms } = await slowBody(400, 4, 60_000);
  assert.equal(outcome, 'closed');
  assert.ok(ms >= 900 && ms < 5_000, `closed after ${ms} ms`);
});

test(
  'a body that comes a few bytes at a time is ended too, though it never pauses for the idle time',
  { timeout: 15_000 },
  async () => {
    // 10 B every 300 ms (about 33 B/s, under 100 B/s): before, each byte reset the idle timer, for good.
    const { outcome, ms } = await slowBody(2_000, 200, 300);
    assert.equal(outcome, 'closed');
    assert.ok(ms < 5_000, `closed after ${ms} ms`);
  },
);

test('a slow body that keeps the least rate is read to its end and answered', { timeout: 15_000 }, async () => {
  // 1,200 B over about 2.2 s (about 540 B/s): answered (the body is no valid request, so 400).
  const { outcome, ms } = await slowBody(1_200, 12, 200);
  assert.equal(outcome, 400);
  assert.ok(ms >= 2_000, `answered after ${ms} ms`);
});

test(
  'one client sends at most three bodies at once; one more is refused before its body is read',
  { timeout: 15_000 },
  async () => {
    // Three bodies that take about 3 s each (enough bytes per window) hold the client's three places.
    const slow = [0, 1, 2].map(() => slowBody(1_800, 12, 250));
    await new Promise((r) => setTimeout(r, 300));
    const refused = await fetch(new URL('gateway/v1/submissions', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('connection'), 'close');
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.equal(((await refused.json()) as { code?: string }).code, 'RATE_LIMITED');
    // The same route spelt with a percent-escape is counted too.
    const spelt = await fetch(new URL('%67ateway/v1/submissions', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(spelt.status, 429);
    // A request without a body is not counted.
    assert.equal((await fetch(new URL('gateway/v1/destination', server.url))).status, 200);
    // Once they are answered, the client may send again.
    for (const { outcome } of await Promise.all(slow)) assert.equal(outcome, 400);
    const again = await fetch(new URL('gateway/v1/submissions', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(again.status, 400);
  },
);

test(
  'bodies sent to a gateway path that has no route are counted too: they are read before the 404',
  { timeout: 15_000 },
  async () => {
    // Three slow bodies to paths no route takes (one of them spelt with a percent-escape) hold the
    // client's three places: before, such bodies were not counted, and one client could hold any number.
    const slow = [
      slowBody(1_800, 12, 250, 'gateway/v1/no-such-route'),
      slowBody(1_800, 12, 250, 'gateway/v1/submissions/x/y/z'),
      slowBody(1_800, 12, 250, '%67ateway/v1/nothing'),
    ];
    await new Promise((r) => setTimeout(r, 300));
    for (const path of ['gateway/v1/submissions', 'gateway/v1/no-such-route']) {
      const refused = await fetch(new URL(path, server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(refused.status, 429, path);
      assert.equal(((await refused.json()) as { code?: string }).code, 'RATE_LIMITED');
    }
    // Read to their end and answered: their bodies are no JSON, which Fastify refuses before the 404.
    assert.deepEqual(
      (await Promise.all(slow)).map((r) => r.outcome),
      [400, 400, 400],
    );
  },
);

test('the settings are read from the environment and must leave room for the uploads', () => {
  const env = configFromEnv({ GATEWAY_MIN_BODY_BYTES_PER_SECOND: '512', GATEWAY_MAX_PARALLEL_BODIES_PER_CLIENT: '4' });
  assert.equal(env.gateway?.minBodyBytesPerSecond, 512);
  assert.equal(env.gateway?.maxParallelBodiesPerClient, 4);
  const defaults = resolveConfig({}).gateway;
  assert.equal(defaults.minBodyBytesPerSecond, 1024);
  assert.equal(defaults.maxParallelBodiesPerClient, 8);
  assert.throws(
    () => resolveConfig({ gateway: { maxParallelBodiesPerClient: 2, maxParallelUploadsPerClient: 2 } as never }),
    /maxParallelBodiesPerClient: more than maxParallelUploadsPerClient/,
  );
});
