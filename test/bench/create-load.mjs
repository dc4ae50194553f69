// Load on "create a submission" (issue 11): a bounded number of POST /gateway/v1/submissions from one
// client over loopback, a few at a time; reports requests/s, p50/p99 and the status codes.
//   node test/bench/create-load.mjs [--n 300] [--c 8]
import { startChild } from './upload-flood.mjs';

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg('n', 300);
const C = arg('c', 8);
const s = await startChild();
try {
  const body = () =>
    JSON.stringify({
      idempotencyKey: crypto.randomUUID().replace(/-/g, ''),
      leika: '99110007000000',
      announcedAttachments: [],
    });
  await fetch(new URL('gateway/v1/submissions', s.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(),
  });
  const times = [];
  const statuses = {};
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (next++ < N) {
        const t = performance.now();
        const r = await fetch(new URL('gateway/v1/submissions', s.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(),
        });
        await r.arrayBuffer();
        times.push(performance.now() - t);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      requests: N,
      concurrency: C,
      rps: Math.round(N / secs),
      p50ms: Math.round(times[times.length >> 1]),
      p99ms: Math.round(times[Math.floor(times.length * 0.99)]),
      statuses,
    }),
  );
} finally {
  s.stop();
}
