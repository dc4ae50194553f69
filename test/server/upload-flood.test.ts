/**
 * Uploads refused before they are read (issue 11): many large attachment bodies without a case secret,
 * in parallel, against a server in its own process. Its memory stays flat (resident set and heap, read
 * from the process) and a cheap endpoint keeps answering. Timings are printed, not asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymousPut, rssKb, startChild, timeGet } from '../bench/upload-flood.mjs';
import { seedTestKeys } from '../support/test-keys.js';

const N = 16;
const MB = 16;

test(`${N} parallel anonymous uploads of ${MB} MiB: refused unread, memory flat, a cheap endpoint answers`, async () => {
  const s = await startChild({ LOG_LEVEL: 'error' }, seedTestKeys);
  try {
    assert.equal((await timeGet(s.url)).status, 200);
    const before = rssKb(s.child.pid);
    const puts = Array.from({ length: N }, () => anonymousPut(s.url, MB));
    let done = false;
    const all = Promise.all(puts).then((r) => {
      done = true;
      return r;
    });
    const cheap: number[] = [];
    while (!done) {
      const r = await timeGet(s.url);
      assert.equal(r.status, 200);
      cheap.push(r.ms);
    }
    const statuses = await all;
    const after = rssKb(s.child.pid);
    const grewMiB = (after.hwm - before.rss) / 1024;
    console.log(
      `# ${N} x ${MB} MiB anonymous: statuses ${JSON.stringify(statuses)}; RSS ${Math.round(before.rss / 1024)} -> peak ${Math.round(after.hwm / 1024)} MiB; cheap endpoint ${cheap.length} answers, max ${Math.round(Math.max(...cheap, 0))} ms`,
    );
    // Every upload answered (404 for the unknown case, or the connection closed after the answer) …
    for (const st of statuses) assert.ok(st === 404 || st === 0, `status ${st}`);
    assert.ok(statuses.some((st) => st === 404));
    // … and the bodies (N x MB = 256 MiB) were never held: the process grew by far less than a quarter of
    // them (buffered, it grew by more than all of them: 16 x 20 MiB took it from 154 to 441 MiB).
    assert.ok(grewMiB < (N * MB) / 4, `resident memory grew by ${grewMiB.toFixed(0)} MiB`);
  } finally {
    s.stop();
  }
});
