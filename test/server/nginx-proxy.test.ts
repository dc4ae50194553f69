import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { prepareSubmission, SubmissionClient, createIdempotencyKey } from '../../src/modules/submission/index.js';
import { ANSWERS } from '../e2e/answers.js';

/*
 * docs/examples/nginx-site.conf, run by a real nginx on loopback in front of a test gateway: the
 * published form loads and an application is sent through the proxy. Only the listen address, the
 * upstream port, the site folder and the TLS lines (no certificate on loopback) are replaced.
 * nginx must be installed (.ci/run installs it): without it this test fails, it does not skip.
 */
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);
const INBOX = 'nginx-test-token';
const tmp = mkdtempSync(join(tmpdir(), 'ozg-nginx-'));
let server: RunningServer;
let nginx: ChildProcess | undefined;
let site = '';

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

before(async () => {
  server = await startServer({ port: 0, dataDir: join(tmp, 'data'), inbox: { token: INBOX } });
  if (!NGINX) return;
  const port = await freePort();
  const gatewayPort = new URL(server.url).port;
  const root = join(tmp, 'www');
  mkdirSync(root);
  writeFileSync(
    join(root, 'hundesteuer.html'),
    '<!doctype html><html lang="de"><title>Hund anmelden</title><ozg-form src="/gateway/v1/forms/hundesteuer" gateway="/gateway/v1"></ozg-form></html>',
  );
  const example = readFileSync('docs/examples/nginx-site.conf', 'utf8');
  const siteConf = example
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port};`)
    .replace(/^\s*(ssl_certificate|ssl_certificate_key|add_header Strict-Transport-Security).*$/gm, '')
    .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${gatewayPort};`)
    .replace('root /var/www/musterstadt;', `root ${root};`);
  assert.notEqual(siteConf, example);
  const prefix = join(tmp, 'nginx');
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((k) => `${k}_temp_path ${join(prefix, k)};`)
    .join('\n');
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `daemon off;\nmaster_process off;\npid ${join(prefix, 'nginx.pid')};\nerror_log ${join(prefix, 'logs/error.log')} warn;\n` +
      `events { worker_connections 64; }\nhttp {\n include /etc/nginx/mime.types;\n access_log off;\n${temp}\n${siteConf}\n}\n`,
  );
  nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  site = `http://127.0.0.1:${port}/`;
  // Ready when it answers (no sleep: poll the port until it accepts).
  for (let i = 0; ; i++) {
    try {
      await fetch(site);
      break;
    } catch (error) {
      if (i > 200 || nginx.exitCode !== null) throw error;
      await new Promise((r) => setImmediate(r));
    }
  }
});
after(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx!.once('exit', r));
    nginx.kill('SIGTERM');
    await exited;
  }
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('the documented nginx example forwards the gateway: the published form loads and an application arrives', async () => {
  assert.ok(NGINX, 'nginx is not installed: apt-get install -y nginx-light (see .ci/run)');
  const page = await fetch(new URL('hundesteuer.html', site));
  assert.equal(page.status, 200);
  assert.match(await page.text(), /gateway\/v1\/forms\/hundesteuer/);

  const form = await fetch(new URL('gateway/v1/forms/hundesteuer', site));
  assert.equal(form.status, 200);
  const definition = (await form.json()) as { $id: string; 'x-ozg': { leika: string } };
  const hash = form.headers.get('etag')!.slice(1, -1);
  assert.match(hash, /^[0-9a-f]{64}$/);
  const schemaUri = new URL(form.headers.get('x-ozg-receiver-schema')!, site).href;
  assert.equal((await fetch(schemaUri)).status, 200);
  // The stand-ins are not reachable through the site.
  assert.equal((await fetch(new URL('standins/inbox/api/submissions', site))).status, 404);

  const client = new SubmissionClient({ baseUrl: site, baseDelayMs: 10 });
  const dest = await client.getDestination();
  const { encrypted } = await prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: definition['x-ozg'].leika,
    serviceName: 'Hundesteuer',
    schemaUri,
    data: ANSWERS.hundesteuer,
    definition: { formId: definition.$id, hash },
  });
  const final = await client.submit(encrypted, {
    idempotencyKey: createIdempotencyKey(),
    sentAttachments: [],
    sent: false,
  });
  assert.equal(final.sent, true);

  const inbox = await fetch(new URL(`standins/inbox/api/submissions/${final.submissionId}`, server.url), {
    headers: { authorization: `Bearer ${INBOX}` },
  });
  const detail = (await inbox.json()) as {
    answers?: { version: number; rows: { de: { label: string; value: string }[] } };
  };
  assert.equal(detail.answers?.version, 1);
  // The case worker reads the dog's birth date as the applicant entered it, under its question.
  const birth = detail.answers.rows.de.find((r) => r.value === '03.03.2020');
  assert.match(birth?.label ?? '', /^Hund 1 – .*Geburtsdatum/);
});
