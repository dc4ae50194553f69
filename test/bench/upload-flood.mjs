// Upload flood (issue 11): many large attachment bodies without a case secret against a server in a
// child process; reports the server's peak resident memory (VmHWM) and how fast a cheap endpoint
// answers meanwhile. Reports, does not assert (test/server/upload-flood.test.ts asserts).
//   node test/bench/upload-flood.mjs [--n 16] [--mb 20]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg('n', 16);
const MB = arg('mb', 20);

/** `prepare(dataDir)` runs before the server starts (tests seed the run's stand-in keys with it). */
export async function startChild(env = {}, prepare = async () => {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-flood-'));
  await prepare(join(dir, 'data'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: join(dir, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return {
    url,
    child,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const rssKb = (pid) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: Number(/VmRSS:\s+(\d+)/.exec(s)[1]), hwm: Number(/VmHWM:\s+(\d+)/.exec(s)[1]) };
};

/** PUTs `mb` MiB without a secret; resolves with the status (0 = no answer / connection reset). */
export function anonymousPut(url, mb) {
  const sid = crypto.randomUUID();
  const aid = crypto.randomUUID();
  const u = new URL(`gateway/v1/submissions/${sid}/attachments/${aid}`, url);
  return new Promise((resolve) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'PUT',
        headers: { 'content-type': 'application/jose', 'content-length': mb * 1024 * 1024 },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    let sent = 0;
    const write = () => {
      while (sent < mb) {
        sent++;
        if (!req.write(chunk)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

export async function timeGet(url) {
  const t = performance.now();
  const r = await fetch(new URL('account/config.json', url));
  await r.arrayBuffer();
  return { status: r.status, ms: performance.now() - t };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await startChild();
  try {
    const base = rssKb(s.child.pid);
    const idle = await timeGet(s.url);
    const puts = Array.from({ length: N }, () => anonymousPut(s.url, MB));
    const cheap = [];
    let done = false;
    void Promise.all(puts).then(() => {
      done = true;
    });
    while (!done) cheap.push(await timeGet(s.url));
    const statuses = await Promise.all(puts);
    const after = rssKb(s.child.pid);
    const ms = cheap.map((c) => c.ms).sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        uploads: `${N} x ${MB} MiB, no secret`,
        statuses: Object.fromEntries([...new Set(statuses)].map((x) => [x, statuses.filter((y) => y === x).length])),
        rssBeforeMiB: Math.round(base.rss / 1024),
        peakRssMiB: Math.round(after.hwm / 1024),
        rssAfterMiB: Math.round(after.rss / 1024),
        cheapIdleMs: Math.round(idle.ms),
        cheapDuringFlood: {
          n: ms.length,
          medianMs: Math.round(ms[ms.length >> 1] ?? 0),
          maxMs: Math.round(ms.at(-1) ?? 0),
        },
      }),
    );
  } finally {
    s.stop();
  }
}
