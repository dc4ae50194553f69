/**
 * Production mode (issue 11): on an address other than loopback, or with NODE_ENV=production, the server
 * refuses to start while a stand-in, the built-in IdP or a demo secret is on, and says in one line what to set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/app.js';
import { configFromEnv } from '../../server/config-env.js';
import { seedTestKeys } from '../support/test-keys.js';
import { randomBytes } from 'node:crypto';
import { ANSWERS } from '../e2e/answers.js';
import { problemText } from '../../src/components/submission/problem-texts.js';

/** Starts server/main.ts; resolves with the exit code (or 'listening' once it prints its URL) and the output. */
function run(env: Record<string, string>): Promise<{ outcome: number | 'listening'; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-prod-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: join(dir, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
    // The lines after the address are printed at once; give them a moment to arrive.
    if (/http:\/\//.test(stdout)) setTimeout(() => child.kill(), 300);
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ outcome: /http:\/\//.test(stdout) ? 'listening' : (code ?? -1), stdout, stderr });
    }),
  );
}

const realServices = {
  DEMO_DIR: 'off',
  STANDIN: 'off',
  PAYMENT_STANDIN: 'off',
  IDP: 'off',
  INBOX: 'off',
  OIDC_ISSUER: 'https://login.example.de/realms/bund',
  OIDC_CLIENT_ID: 'ozg-form',
  FITCONNECT_SUBMISSION_API_URL: 'https://submission-api.example.de/v1',
  FITCONNECT_TOKEN_URL: 'https://auth.example.de/token',
  FITCONNECT_CLIENT_ID: 'musterstadt',
  FITCONNECT_CLIENT_SECRET: 'a-real-secret-from-the-portal',
  FITCONNECT_DESTINATION_ID: '2c1c0a49-5c8f-4b2a-9a57-3d6f3c3e8a11',
  PAYMENT_PROVIDER_URL: 'https://epay.example.de/xbezahldienste/v1/',
  PAYMENT_TOKEN_URL: 'https://epay.example.de/token',
  PAYMENT_CLIENT_ID: 'musterstadt',
  PAYMENT_CLIENT_SECRET: 'another-real-secret',
  PAYMENT_ORIGINATOR_ID: 'musterstadt',
  PAYMENT_ENDPOINT_ID: 'buergerservice',
};

test('on 0.0.0.0 with the demo defaults it exits 1 and names, in one line, what to set', async () => {
  const r = await run({ HOST: '0.0.0.0' });
  assert.equal(r.outcome, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /refusing to start \(HOST=0\.0\.0\.0 is not a loopback address\)/);
  for (const v of [
    'STANDIN=off',
    'PAYMENT_STANDIN=off',
    'IDP=off',
    'INBOX=off',
    'FITCONNECT_SUBMISSION_API_URL',
    'FITCONNECT_CLIENT_SECRET',
    'DEMO_DIR=off',
  ]) {
    assert.ok(lines[0]!.includes(v), `${v} in: ${lines[0]}`);
  }
});

test('NODE_ENV=production on loopback with one stand-in left on is refused too', async () => {
  const r = await run({ ...realServices, NODE_ENV: 'production', PAYMENT_STANDIN: 'on' });
  assert.equal(r.outcome, 1);
  assert.match(
    r.stderr.trim(),
    /^ozg-form: refusing to start \(NODE_ENV=production\) with demo parts on; set PAYMENT_STANDIN=off \(and PAYMENT_PROVIDER_URL with its credentials if forms take payments\) - see docs\/server\.md#production-mode$/,
  );
});

test('behind a proxy (TRUST_PROXY) on loopback with the demo defaults it is refused; NODE_ENV=development allows the demo', async () => {
  const r = await run({ TRUST_PROXY: '127.0.0.1' });
  assert.equal(r.outcome, 1);
  assert.match(
    r.stderr.trim(),
    /^ozg-form: refusing to start \(TRUST_PROXY is set: the public reaches this server through a proxy\)/,
  );
  assert.match(r.stderr, /STANDIN=off/);
  assert.match(r.stderr, /NODE_ENV=development shows the demo behind a proxy/);
  const demo = await run({ TRUST_PROXY: '127.0.0.1', NODE_ENV: 'development' });
  assert.equal(demo.outcome, 'listening', demo.stderr);
});

test('production without the FIT-Connect access is refused: the gateway would send to a stand-in that is off', async () => {
  const { FITCONNECT_SUBMISSION_API_URL: _, FITCONNECT_TOKEN_URL: __, ...noFitConnect } = realServices;
  const r = await run({ ...noFitConnect, NODE_ENV: 'production' });
  assert.equal(r.outcome, 1);
  assert.match(
    r.stderr.trim(),
    /with demo parts on; set FITCONNECT_SUBMISSION_API_URL, FITCONNECT_TOKEN_URL, FITCONNECT_CLIENT_ID, FITCONNECT_CLIENT_SECRET and FITCONNECT_DESTINATION_ID \(your FIT-Connect access\) - see/,
  );
});

test('production without a payment provider starts without a payment secret and says that nothing is paid online', async () => {
  const withoutPayment = Object.fromEntries(
    Object.entries(realServices).filter(([k]) => !/^PAYMENT_(?!STANDIN)/.test(k)),
  );
  const r = await run({ ...withoutPayment, NODE_ENV: 'production' });
  assert.equal(r.outcome, 'listening', r.stderr);
  assert.match(r.stdout, /no online payment: PAYMENT_PROVIDER_URL is not set/);
  // Neither the demo pages nor the inbox are served, so no address of theirs is printed.
  assert.match(r.stdout, /^ozg-form gateway: http:\/\/127\.0\.0\.1:\d+\/gateway\/v1\/$/m);
  assert.doesNotMatch(r.stdout, /inbox/);
});

test('without a payment provider, starting a payment is refused with a sentence for the person, not retried', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-prod-pay-'));
  await seedTestKeys(dir);
  const server = await startServer({ port: 0, dataDir: dir, paymentStandIn: { enabled: false } });
  try {
    const answers = structuredClone(ANSWERS.anwohnerparken);
    const res = await fetch(new URL('gateway/v1/payments', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotencyKey: randomBytes(18).toString('base64url'),
        formId: 'https://musterstadt.example/forms/anwohnerparken.json',
        answers,
        expectedTotal: 6000,
        redirectUrl: new URL('anwohnerparken.html', server.url).href,
      }),
    });
    assert.equal(res.status, 422);
    const problem = (await res.json()) as { code: string };
    assert.equal(problem.code, 'PAYMENT_NOT_CONFIGURED');
    assert.equal(
      problemText('de', { status: 422, code: problem.code }),
      'Der Betrag für diesen Antrag kann nicht online bezahlt werden. Bitte wenden Sie sich an die zuständige Stelle.',
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing service behind the gateway is logged for the operator (FIT-Connect refuses the client: 401)', async () => {
  const fitConnect = createHttpServer((_req, res) => res.writeHead(401).end());
  await new Promise<void>((done) => fitConnect.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(fitConnect.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'ozg-prod-log-'));
  await seedTestKeys(dir);
  const lines: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  const server = await startServer({
    port: 0,
    dataDir: dir,
    logStream,
    gateway: {
      submissionApiUrl: `${base}/v1`,
      tokenUrl: `${base}/token`,
      clientId: 'musterstadt',
      clientSecret: 'wrong',
      destinationId: '2c1c0a49-5c8f-4b2a-9a57-3d6f3c3e8a11',
    } as never,
  });
  try {
    const res = await fetch(new URL('gateway/v1/destination', server.url));
    assert.equal(res.status, 502);
    const logged = lines.find((l) => l.event === 'upstream-failure');
    assert.ok(logged, JSON.stringify(lines));
    assert.equal(logged.level, 50); // error
    assert.equal(logged.msg, 'FIT-Connect token request failed (401)');
  } finally {
    await server.close();
    fitConnect.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('NODE_ENV=production with real services and no demo part starts', async () => {
  const r = await run({ ...realServices, NODE_ENV: 'production' });
  assert.equal(r.outcome, 'listening', r.stderr);
});

test('NODE_ENV=production with real services still serving the Musterstadt pages is refused', async () => {
  const { DEMO_DIR: _, ...withDemo } = realServices;
  const r = await run({ ...withDemo, NODE_ENV: 'production' });
  assert.equal(r.outcome, 1);
  assert.match(r.stderr.trim(), /with demo parts on; set DEMO_DIR=off \(or a folder of your own pages\) - see/);
});

test('DEMO_DIR=off: nothing is served at /, the bundle still is; DEMO_DIR names a folder of its own', async () => {
  assert.equal(configFromEnv({ DEMO_DIR: 'off' }).demoDir, '');
  assert.equal(configFromEnv({ DEMO_DIR: 'site', INIT_CWD: '/srv/ozg' }).demoDir, '/srv/ozg/site');
  const dir = mkdtempSync(join(tmpdir(), 'ozg-prod-site-'));
  await seedTestKeys(dir);
  const server = await startServer({ port: 0, dataDir: dir, demoDir: '' });
  try {
    for (const path of ['', 'index.html', 'playground.html', 'inbox.html', 'forms/hundesteuer.json'])
      assert.equal((await fetch(new URL(path, server.url))).status, 404, `/${path}`);
    assert.equal((await fetch(new URL('dist/ozg-form.js', server.url))).status, 200);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the demo on loopback starts as before', async () => {
  const r = await run({});
  assert.equal(r.outcome, 'listening', r.stderr);
});

test('a busy port: one line that names the port and what to set, exit 1, no stack trace', async () => {
  const busy = createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  const { port } = busy.address() as AddressInfo;
  try {
    const r = await run({ PORT: String(port) });
    assert.equal(r.outcome, 1);
    assert.equal(r.stderr.trim(), `ozg-form: port ${port} is in use on 127.0.0.1; set PORT to a free port`);
  } finally {
    busy.close();
  }
});

test('a configuration mistake is its message in one line, exit 1: GATEWAY_ALLOWED_ORIGINS=*, PORT=abc', async () => {
  const origins = await run({ GATEWAY_ALLOWED_ORIGINS: '*' });
  assert.equal(origins.outcome, 1);
  assert.equal(
    origins.stderr.trim(),
    'ozg-form: GATEWAY_ALLOWED_ORIGINS: "*" is not an origin like https://www.musterstadt.de (never *)',
  );
  const port = await run({ PORT: 'abc' });
  assert.equal(port.outcome, 1);
  assert.equal(port.stderr.trim(), 'ozg-form: PORT: not a non-negative integer: abc');
});
