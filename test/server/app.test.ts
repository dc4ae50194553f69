import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';

let server: RunningServer;
const tmp = mkdtempSync(join(tmpdir(), 'ozg-app-'));
const dataDir = join(tmp, 'data');
// The run's stand-in keys, before any hook starts the server (test/support/test-keys.ts).
await seedTestKeys(dataDir);
const demoDir = join(tmp, 'demo');
const distDir = join(tmp, 'dist');

before(async () => {
  mkdirSync(join(demoDir, 'forms'), { recursive: true });
  mkdirSync(distDir, { recursive: true });
  writeFileSync(join(demoDir, 'index.html'), '<!doctype html><html lang="de"><title>Musterstadt</title></html>');
  writeFileSync(join(demoDir, 'forms', 'hund.json'), '{"title":"Hundesteuer"}');
  writeFileSync(join(distDir, 'ozg-form.js'), 'export const x = 1;');
  writeFileSync(join(tmp, 'package.json'), '{"name": "ozg-form"}');
  server = await startServer({ port: 0, dataDir, demoDir, distDir });
});
after(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Raw GET that does not normalise '..' like fetch/URL would. */
function rawGet(path: string): Promise<{ status: number; type: string; body: string }> {
  const u = new URL(server.url);
  return new Promise((res, rej) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => {
        body += c;
      });
      r.on('end', () => res({ status: r.statusCode ?? 0, type: String(r.headers['content-type'] ?? ''), body }));
    });
    req.on('error', rej);
    req.end();
  });
}

test('binds to 127.0.0.1 on an ephemeral port', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.notEqual(new URL(server.url).port, '8080');
});

test('GET / serves the demo index.html as HTML, other files with their content type', async () => {
  const r = await fetch(server.url);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await r.text(), /Musterstadt/);
  const j = await fetch(new URL('forms/hund.json', server.url));
  assert.match(j.headers.get('content-type') ?? '', /^application\/json/);
  const d = await fetch(new URL('dist/ozg-form.js', server.url));
  assert.equal(d.status, 200);
  assert.match(d.headers.get('content-type') ?? '', /javascript/);
  assert.equal(await d.text(), 'export const x = 1;');
});

test('the data folder is filled on start (the database is created in it)', async () => {
  // The test keys are seeded into the data folder before the start, so the folder itself exists
  // already; the database file is made only by the server.
  const { existsSync } = await import('node:fs');
  assert.ok(existsSync(join(dataDir, 'ozg-form.sqlite')));
});

test('path traversal out of /dist/ is refused', async () => {
  for (const p of ['/dist/../package.json', '/dist/%2e%2e/package.json', '/../package.json', '/%2e%2e/package.json']) {
    const r = await rawGet(p);
    assert.ok(r.status >= 400 && r.status < 500, `${p} -> ${r.status}`);
    assert.doesNotMatch(r.body, /"name":\s*"ozg-form"/, p);
  }
});

test('unknown paths answer 404 problem+json', async () => {
  const r = await fetch(new URL('does-not-exist.html', server.url));
  assert.equal(r.status, 404);
  assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
});

test('no directory listing', async () => {
  const r = await rawGet('/forms/');
  assert.notEqual(r.status, 200);
  const d = await rawGet('/dist/');
  assert.notEqual(d.status, 200);
});
