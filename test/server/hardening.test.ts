/**
 * Sending without a crash window, headers, logs and secrets at rest (issue 11): each test performs the
 * attack or the fault and checks what a client, an operator or an auditor would see.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { redactUrl } from '../../server/security.js';
import { seedTestKeys } from '../support/test-keys.js';
import { prepareSubmission, SubmissionClient, createIdempotencyKey } from '../../src/modules/submission/index.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-hard-'));
// The run's stand-in keys, before any hook starts the server (test/support/test-keys.ts).
await seedTestKeys(dataDir);
const INBOX = 'inbox-hardening-token';
const logLines: Record<string, any>[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n')) if (l) logLines.push(JSON.parse(l));
    done();
  },
});

before(async () => {
  server = await startServer({
    port: 0,
    dataDir,
    inbox: { token: INBOX },
    logStream,
    rateLimits: { inbox: 20, submissions: 200 },
  });
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const url = (p: string) => new URL(p, server.url);
const count = async (sql: string, ...args: unknown[]) => {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dataDir, 'ozg-form.sqlite'), { readonly: true });
  try {
    return (db.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    db.close();
  }
};
const create = (body: Record<string, unknown>) =>
  fetch(url('gateway/v1/submissions'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function encrypted() {
  const dest = await new SubmissionClient({ baseUrl: server.url }).getDestination();
  return (
    await prepareSubmission({
      encryptionKey: dest.encryptionKey,
      leika: '99108004001000',
      serviceName: 'Hundesteuer',
      schemaUri: 'https://schema.fitko.de/fim/s00000096_1.0.schema.json',
      data: { name: 'Bello' },
      replyChannel: { eMail: { address: 'erika@example.org' } },
    })
  ).encrypted;
}

test('a crash after the upstream create: the retry finds that submission, no second one is created', async () => {
  const fc = server.gateway.fc;
  const original = fc.json.bind(fc);
  let crashed = false;
  fc.json = (async (method: string, path: string, init?: never) => {
    const out = await original(method, path, init);
    if (method === 'POST' && path === 'submissions' && !crashed) {
      crashed = true;
      throw new Error('simulated crash');
    }
    return out;
  }) as typeof fc.json;
  const body = {
    idempotencyKey: createIdempotencyKey(),
    leika: '99108004001000',
    serviceName: 'Hundesteuer',
    announcedAttachments: [],
  };
  try {
    assert.equal((await create(body)).status, 500);
  } finally {
    fc.json = original as typeof fc.json;
  }
  assert.equal(crashed, true);
  const retry = await create(body);
  assert.equal(retry.status, 201);
  const { caseId, submissionId } = (await retry.json()) as { caseId: string; submissionId: string };
  assert.equal(await count('SELECT COUNT(*) AS n FROM fc_submissions WHERE case_id = ?', caseId), 1);
  assert.equal(await count('SELECT COUNT(*) AS n FROM fc_submissions WHERE id = ?', submissionId), 1);
});

test('a crash after the upstream send: the retry counts FIT-Connect\'s "already sent" as success', async () => {
  const pkg = await encrypted();
  const key = createIdempotencyKey();
  const client = new SubmissionClient({ baseUrl: server.url, attempts: 1 });
  const fc = server.gateway.fc;
  const original = fc.request.bind(fc);
  fc.request = (async (method: string, path: string, init?: never) => {
    const res = await original(method, path, init);
    if (method === 'PUT' && /^submissions\/[^/]+$/.test(path)) throw new Error('simulated crash');
    return res;
  }) as typeof fc.request;
  try {
    await assert.rejects(client.submit(pkg, { idempotencyKey: key, sentAttachments: [], sent: false }));
  } finally {
    fc.request = original as typeof fc.request;
  }
  const state = await (
    await create({ idempotencyKey: key, leika: '99108004001000', serviceName: 'Hundesteuer', announcedAttachments: [] })
  ).json();
  assert.equal(state.sent, false);
  const final = await client.submit(pkg, { idempotencyKey: key, sentAttachments: [], sent: false });
  assert.equal(final.sent, true);
  assert.equal(
    await count("SELECT COUNT(*) AS n FROM fc_submissions WHERE case_id = ? AND status != 'incomplete'", final.caseId),
    1,
  );
});

test('idempotency compares the whole request: the same key with another service name is 409', async () => {
  const body = {
    idempotencyKey: createIdempotencyKey(),
    leika: '99108004001000',
    serviceName: 'Hundesteuer',
    announcedAttachments: [],
  };
  assert.equal((await create(body)).status, 201);
  const other = await create({ ...body, serviceName: 'Zweitwohnungsteuer' });
  assert.equal(other.status, 409);
  assert.equal(((await other.json()) as { code: string }).code, 'IDEMPOTENCY_CONFLICT');
});

test('security headers on every response; CSP per page; nosniff on /idp/*', async () => {
  for (const p of [
    'gateway/v1/destination',
    'does-not-exist',
    'idp/.well-known/openid-configuration',
    'account/config.json',
  ]) {
    const r = await fetch(url(p));
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', p);
    assert.ok(r.headers.get('x-frame-options'), p);
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer', p);
    await r.arrayBuffer();
  }
  const xb = await fetch(url('standins/xbezahldienste/pay/unknown'));
  assert.match(xb.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  await xb.arrayBuffer();
  // The demo's form pages run under the policy README recommends: no eval, no inline styles either.
  const form = await fetch(url('hundesteuer.html'));
  const policy = form.headers.get('content-security-policy') ?? '';
  assert.match(policy, /style-src 'self';/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  await form.arrayBuffer();
});

test('a malformed Basic header at a token endpoint is 401, not 500', async () => {
  const r = await fetch(url('standins/fitconnect/token'), {
    method: 'POST',
    headers: {
      authorization: 'Basic ' + Buffer.from('%E0%A4%A:x').toString('base64'),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  assert.equal(r.status, 401);
});

test('wrong inbox tokens are logged without the token, and limited per client: 429 with Retry-After', async () => {
  const wrong = 'guess-' + 'x'.repeat(20);
  let limited: Response | undefined;
  for (let i = 0; i < 40 && !limited; i++) {
    const r = await fetch(url('standins/inbox/api/submissions'), { headers: { authorization: `Bearer ${wrong}` } });
    await r.arrayBuffer();
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 401);
  }
  assert.ok(limited, 'a 429 within 40 attempts');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  assert.match(limited.headers.get('content-type') ?? '', /problem\+json/);
  assert.ok(logLines.some((l) => l.event === 'inbox-login-failed'));
  assert.ok(logLines.some((l) => l.event === 'rate-limited'));
  assert.ok(!JSON.stringify(logLines).includes(wrong));
});

test('a wrong case secret is logged as a security event, the secret in ?secret= is not', async () => {
  const secret = 'S'.repeat(43);
  const r = await fetch(url(`gateway/v1/cases/${crypto.randomUUID()}/events?secret=${secret}`));
  assert.equal(r.status, 404);
  assert.ok(logLines.some((l) => l.event === 'case-secret-miss'));
  assert.ok(!JSON.stringify(logLines).includes(secret));
});

test('a logged URL hides a secret however its parameter name is spelt', () => {
  const logged = redactUrl(
    '/gateway/v1/cases/c1/messages?%73ecret=s1&secr%65t=s2&SECRET=s3&page=2&token=s4&x=code&+secret=s5#secret=f',
  );
  for (const secret of ['s1', 's2', 's3', 's4', 's5']) assert.ok(!logged.includes(`=${secret}`), logged);
  // The rest of the URL as it was sent: the other parameters, a value that only looks like a name.
  assert.equal(
    logged,
    '/gateway/v1/cases/c1/messages?%73ecret=[redacted]&secr%65t=[redacted]&SECRET=[redacted]&page=2&token=[redacted]&x=code&+secret=[redacted]',
  );
  assert.equal(redactUrl('/dist/ozg-form.js'), '/dist/ozg-form.js');
});

test('data folder 0700, files 0600; the case-secret key is a key file, not in the database', async () => {
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  for (const f of readdirSync(dataDir)) {
    const st = statSync(join(dataDir, f));
    assert.equal(st.mode & 0o777, st.isDirectory() ? 0o700 : 0o600, f);
  }
  assert.equal(readFileSync(join(dataDir, 'gateway-secret.key'), 'utf8').length >= 43, true);
  assert.equal(await count("SELECT COUNT(*) AS n FROM gw_meta WHERE key = 'caseSecretKey'"), 0);
});

test('unsent applications expire with their attachment records; their case secret then opens nothing', async () => {
  const aid = crypto.randomUUID();
  const res = await create({
    idempotencyKey: createIdempotencyKey(),
    leika: '99108004001000',
    announcedAttachments: [aid],
  });
  const c = (await res.json()) as { caseId: string; caseSecret: string };
  const events = () =>
    fetch(url(`gateway/v1/cases/${c.caseId}/events`), { headers: { 'x-case-secret': c.caseSecret } });
  assert.equal((await events()).status, 200);
  assert.ok(server.gateway.expireUnsent(Date.now() + (72 + 1) * 3600_000) >= 1);
  assert.equal((await events()).status, 404);
});
