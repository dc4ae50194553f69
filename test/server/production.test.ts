/**
 * Production mode (issue 11): on an address other than loopback, or with NODE_ENV=production, the server
 * refuses to start while a stand-in, the built-in IdP or a demo secret is on, and says in one line what to set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/app.js';
import { configFromEnv } from '../../server/config-env.js';
import { seedTestKeys } from '../support/test-keys.js';

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
    if (/http:\/\//.test(stdout)) child.kill();
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
    'FITCONNECT_CLIENT_SECRET',
    'PAYMENT_CLIENT_SECRET',
    'INBOX_TOKEN',
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
    /^ozg-form: refusing to start \(NODE_ENV=production\) with demo parts on; set PAYMENT_STANDIN=off - see docs\/server\.md#production$/,
  );
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
