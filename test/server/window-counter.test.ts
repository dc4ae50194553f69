// Events per client within a sliding window (new payments an hour): the oldest leaving frees a place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WindowCounter } from '../../server/gateway/requests.js';

test('max per key in the window, the wait until the oldest leaves it, keys apart, sweep forgets', () => {
  let now = 0;
  const counter = new WindowCounter(1_000, 2, () => now);
  assert.equal(counter.take('a'), 0);
  now = 300;
  assert.equal(counter.take('a'), 0);
  now = 400;
  assert.equal(counter.take('a'), 600); // the first leaves the window at 1,000
  assert.equal(counter.take('b'), 0); // another client
  now = 1_000;
  assert.equal(counter.take('a'), 0);
  assert.equal(counter.take('a'), 300);
  now = 5_000;
  counter.sweep();
  assert.equal((counter as unknown as { times: Map<string, number[]> }).times.size, 0);
});
