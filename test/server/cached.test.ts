// What the gateway fetches from FIT-Connect for every browser (destination key, signing keys) is asked
// for once per period, once for callers that come together, and not again at once after a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cached } from '../../server/gateway/requests.js';

test('kept for its period; callers while it is fetched share one request', async () => {
  let now = 0;
  let calls = 0;
  const cached = new Cached(
    async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return `key ${calls}`;
    },
    1_000,
    5_000,
    () => now,
  );
  assert.deepEqual(await Promise.all([cached.get(), cached.get(), cached.get()]), ['key 1', 'key 1', 'key 1']);
  assert.equal(calls, 1);
  now = 999;
  assert.equal(await cached.get(), 'key 1');
  now = 1_000;
  assert.equal(await cached.get(), 'key 2');
  assert.equal(calls, 2);
});

test('a failure is kept for a few seconds, then asked again', async () => {
  let now = 0;
  let calls = 0;
  let up = false;
  const cached = new Cached(
    async () => {
      calls++;
      if (!up) throw new Error('FIT-Connect is down');
      return 'key';
    },
    60_000,
    5_000,
    () => now,
  );
  await assert.rejects(cached.get(), /down/);
  up = true;
  now = 4_999;
  await assert.rejects(cached.get(), /down/);
  assert.equal(calls, 1);
  now = 5_000;
  assert.equal(await cached.get(), 'key');
  assert.equal(calls, 2);
});
