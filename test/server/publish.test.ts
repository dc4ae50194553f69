import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer, type RunningServer } from '../../server/app.js';
import { problemText } from '../../src/components/submission/problem-texts.js';

const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'ozg-publish-'));
const dataDir = join(tmp, 'data');
const KITA = 'test/fixtures/kita-platz.json';
const KITA_ID = 'https://musterstadt.example/formulare/kita-platz.json';
const SITE = 'https://www.musterstadt.example';
let server: RunningServer;

/** ozg-form-publish as a municipality runs it; never throws, returns exit code and output. */
async function publish(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['server/bin/ozg-form-publish.mjs', '--data-dir', dataDir, ...args],
      {
        // Relative paths count from INIT_CWD (where npm was invoked); the tests' are from this folder.
        env: { ...process.env, INIT_CWD: process.cwd(), LANG: 'de_DE.UTF-8' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** ozg-form-publish with exactly these arguments, environment and working directory. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = '.') {
  try {
    const { stdout, stderr } = await run(process.execPath, [resolve('server/bin/ozg-form-publish.mjs'), ...args], {
      cwd,
      env: { ...process.env, INIT_CWD: process.cwd(), LANG: 'de_DE.UTF-8', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * server/main.ts as `npm start` runs it (the workspace's script: working directory server/, INIT_CWD
 * where npm was invoked); resolves with its URL and start lines once it listens, and a stop function.
 */
function startMain(env: NodeJS.ProcessEnv): Promise<{ url: string; stdout: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: 'server',
    env: { PATH: process.env.PATH, PORT: '0', STANDIN: 'on', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((done, fail) => {
    child.stdout.on('data', (c) => {
      stdout += c;
      const url = /ozg-form demo: (http\S+)/.exec(stdout)?.[1];
      if (url && /data folder.*\n/.test(stdout)) done({ url, stdout, stop: () => child.kill() });
    });
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => fail(new Error(`server exited ${code}: ${stderr}`)));
  });
}

/** A complete, valid application for the Kita form, as the form sends it. */
const kitaAnswers = () => ({
  kind: { vorname: 'Mia', nachname: 'Muster', geburtsdatum: '2024-03-14' },
  betreuung: { beginn: '2026-08-01', umfang: '35' },
  wunschKitas: [{ name: 'Kita Sonnenschein' }, { name: 'Kita Regenbogen' }],
  eltern: {
    vorname: 'Erika',
    nachname: 'Muster',
    email: 'erika@example.org',
    telefon: '030 1234567',
    postleitzahl: '12345',
    berufstaetig: true,
  },
  nachweise: [{ attachmentId: '6f1c0c9e-0a4b-4c1e-9d1e-1a2b3c4d5e6f', filename: 'impfpass.pdf', size: 1234 }],
});

before(async () => {
  const broken = JSON.parse(readFileSync(KITA, 'utf8'));
  broken.properties.kind.required.push('gibtEsNicht');
  writeFileSync(join(tmp, 'kaputt.json'), JSON.stringify(broken));
});
after(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('publish refuses a broken definition with the checker messages and publishes nothing', async () => {
  const r = await publish(join(tmp, 'kaputt.json'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /nicht veröffentlicht/);
  assert.match(r.stderr, /\/properties\/kind\/required/);
  assert.match(r.stderr, /gibtEsNicht/);
  assert.doesNotMatch(r.stdout, /veröffentlicht/);
});

test('publish stores the checked definition; the gateway serves exactly its bytes with ETag = SHA-256', async () => {
  const r = await publish(KITA);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /veröffentlicht https:\/\/musterstadt\.example\/formulare\/kita-platz\.json Version 1/);
  const again = await publish(KITA);
  assert.match(again.stdout, /unverändert .* Version 1/);
  server = await startServer({ port: 0, dataDir, gateway: { allowedOrigins: [SITE] } });
  const res = await fetch(new URL('gateway/v1/forms/kita-platz', server.url));
  assert.equal(res.status, 200);
  const body = await res.text();
  assert.equal(body, JSON.stringify(JSON.parse(readFileSync(KITA, 'utf8'))));
  const hash = createHash('sha256').update(body).digest('hex');
  assert.equal(res.headers.get('etag'), `"${hash}"`);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.equal(res.headers.get('x-ozg-form-version'), '1');
  assert.equal(res.headers.get('x-ozg-receiver-schema'), '/gateway/v1/forms/kita-platz/1/schema.json');
  const cached = await fetch(new URL('gateway/v1/forms/kita-platz', server.url), {
    headers: { 'if-none-match': `"${hash}"` },
  });
  assert.equal(cached.status, 304);
  const v1 = await fetch(new URL('gateway/v1/forms/kita-platz/1', server.url));
  assert.equal(await v1.text(), body);
  assert.match(v1.headers.get('cache-control') ?? '', /immutable/);
  // The demo's forms are published at start.
  assert.equal((await fetch(new URL('gateway/v1/forms/hundesteuer', server.url))).status, 200);
  const none = await fetch(new URL('gateway/v1/forms/gibt-es-nicht', server.url));
  assert.equal(none.status, 404);
  assert.equal(((await none.json()) as { code: string }).code, 'UNKNOWN_FORM');
});

test('the receiver schema is plain JSON Schema 2020-12: strict Ajv without custom formats validates the data', async () => {
  const res = await fetch(new URL('gateway/v1/forms/kita-platz/1/schema.json', server.url));
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.doesNotMatch(text, /x-ozg|de-postal-code|de-phone/);
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv); // the standard formats only (date, email …)
  const validate = ajv.compile(JSON.parse(text));
  assert.equal(validate(kitaAnswers()), true, JSON.stringify(validate.errors));
  const wrong = kitaAnswers();
  wrong.eltern.postleitzahl = '0123';
  assert.equal(validate(wrong), false);
  assert.equal(validate.errors?.[0]?.instancePath, '/eltern/postleitzahl');
});

const paymentBody = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: randomBytes(18).toString('base64url'),
  formId: KITA_ID,
  answers: kitaAnswers(),
  expectedTotal: 1500,
  redirectUrl: server.url,
  ...over,
});
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

test('a page that shows another version than the published one gets 409 DEFINITION_OUTDATED (payment and submission)', async () => {
  const hash = (await fetch(new URL('gateway/v1/forms/kita-platz', server.url))).headers.get('etag')!.slice(1, -1);
  const ok = await post('gateway/v1/payments', paymentBody({ definitionHash: hash }));
  assert.equal(ok.status, 201, await ok.clone().text());
  // The website's own copy with a changed fee: its hash is not the published one.
  const drifted = createHash('sha256').update('{"title":"lokale Kopie"}').digest('hex');
  const pay = await post('gateway/v1/payments', paymentBody({ definitionHash: drifted }));
  assert.equal(pay.status, 409);
  assert.equal(((await pay.json()) as { code: string }).code, 'DEFINITION_OUTDATED');
  const sub = await post('gateway/v1/submissions', {
    idempotencyKey: randomBytes(18).toString('base64url'),
    leika: '99990000000003',
    announcedAttachments: [],
    formId: KITA_ID,
    definitionHash: drifted,
  });
  assert.equal(sub.status, 409);
  assert.equal(((await sub.json()) as { code: string }).code, 'DEFINITION_OUTDATED');
  // A new version is published while the page still shows version 1.
  const changed = JSON.parse(readFileSync(KITA, 'utf8'));
  changed['x-ozg'].fees.items[0].amount = 2000;
  writeFileSync(join(tmp, 'kita-v2.json'), JSON.stringify(changed, null, 2));
  const r = await publish(join(tmp, 'kita-v2.json'));
  assert.match(r.stdout, /Version 2/);
  const old = await post('gateway/v1/payments', paymentBody({ definitionHash: hash, expectedTotal: 1500 }));
  assert.equal(old.status, 409);
  assert.equal(((await old.json()) as { code: string }).code, 'DEFINITION_OUTDATED');
  assert.equal(
    problemText('de', { status: 409, code: 'DEFINITION_OUTDATED' }),
    'Dieses Formular wurde inzwischen geändert. Bitte laden Sie die Seite neu – Ihre Angaben bleiben erhalten – und prüfen Sie sie noch einmal.',
  );
});

test('an unpublished form: payment and submission get UNKNOWN_FORM, which the form says in words', async () => {
  const pay = await post(
    'gateway/v1/payments',
    paymentBody({ formId: 'https://musterstadt.example/formulare/neu.json' }),
  );
  assert.equal(pay.status, 404);
  const problem = (await pay.json()) as { code: string };
  assert.equal(problem.code, 'UNKNOWN_FORM');
  const sub = await post('gateway/v1/submissions', {
    idempotencyKey: randomBytes(18).toString('base64url'),
    leika: '99990000000003',
    announcedAttachments: [],
    formId: 'https://musterstadt.example/formulare/neu.json',
    definitionHash: 'a'.repeat(64),
  });
  assert.equal(sub.status, 404);
  assert.equal(((await sub.json()) as { code: string }).code, 'UNKNOWN_FORM');
  const de = problemText('de', { status: 404, code: problem.code });
  assert.equal(de, 'Dieses Formular wird derzeit nicht angenommen. Bitte wenden Sie sich an die zuständige Stelle.');
  assert.doesNotMatch(de, /published|form is/);
});

test('CORS: only allowlisted site origins get Access-Control-Allow-Origin, preflight included', async () => {
  const form = new URL('gateway/v1/forms/kita-platz', server.url);
  const allowed = await fetch(form, { headers: { origin: SITE } });
  assert.equal(allowed.headers.get('access-control-allow-origin'), SITE);
  assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /etag/);
  assert.match(allowed.headers.get('vary') ?? '', /origin/i);
  const foreign = await fetch(form, { headers: { origin: 'https://evil.example' } });
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);

  const preflight = (origin: string, path: string, headers = 'content-type,x-case-secret') =>
    fetch(new URL(path, server.url), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': headers },
    });
  const ok = await preflight(SITE, 'gateway/v1/submissions/6f1c0c9e-0a4b-4c1e-9d1e-1a2b3c4d5e6f');
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), SITE);
  assert.match(ok.headers.get('access-control-allow-headers') ?? '', /x-case-secret/);
  assert.match(ok.headers.get('access-control-allow-methods') ?? '', /PUT/);
  const refused = await preflight(
    'https://evil.example',
    'gateway/v1/submissions/6f1c0c9e-0a4b-4c1e-9d1e-1a2b3c4d5e6f',
  );
  assert.equal(refused.status, 404);
  assert.equal(refused.headers.get('access-control-allow-origin'), null);

  const account = await fetch(new URL('account/config.json', server.url), { headers: { origin: SITE } });
  assert.equal(account.headers.get('access-control-allow-origin'), SITE);
  const accountForeign = await fetch(new URL('account/config.json', server.url), {
    headers: { origin: 'https://evil.example' },
  });
  assert.equal(accountForeign.headers.get('access-control-allow-origin'), null);
  // Not every route answers CORS: the inbox stays same-origin.
  const inbox = await fetch(new URL('standins/inbox/api/submissions', server.url), { headers: { origin: SITE } });
  assert.equal(inbox.headers.get('access-control-allow-origin'), null);
  // However the path is spelt: a percent-escape reaches the same route, and stays closed too.
  for (const spelt of ['%73tandins/inbox/api/submissions', '%69dp/.well-known/openid-configuration']) {
    const res = await fetch(new URL(spelt, server.url), { headers: { origin: SITE } });
    assert.equal(res.headers.get('access-control-allow-origin'), null, spelt);
  }
});

test('a wrong gateway address answers an allowed site readably (404), so the element says the address is wrong', async () => {
  for (const path of ['gateway/v2/destination', 'gatway/v1/destination']) {
    const wrong = await fetch(new URL(path, server.url), { headers: { origin: SITE } });
    assert.equal(wrong.status, 404, path);
    assert.equal(wrong.headers.get('access-control-allow-origin'), SITE, path);
    const foreign = await fetch(new URL(path, server.url), { headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null, path);
  }
  // A POST to a wrong address passes its preflight and then reads the 404 as well.
  const preflight = await fetch(new URL('gateway/v2/submissions', server.url), {
    method: 'OPTIONS',
    headers: {
      origin: SITE,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), SITE);
});

test('the API and any 404 allow no-cors reads (CORP cross-origin), so a CORS refusal is told apart from an outage', async () => {
  // The element's diagnosis sends a no-cors request when CORS hid an answer; with CORP same-origin the
  // browser blocks that answer too, and a missing GATEWAY_ALLOWED_ORIGINS entry looks like a dead server.
  for (const path of ['gateway/v1/destination', 'gateway/v1/forms/kita-platz', 'account/config.json', 'gatway/v1/x']) {
    const res = await fetch(new URL(path, server.url));
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin', path);
  }
  // Pages and the stand-ins keep helmet's same-origin.
  for (const path of ['inbox.html', 'standins/inbox/api/submissions']) {
    const res = await fetch(new URL(path, server.url));
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin', path);
  }
});

test('the allowlist takes origins only: "*" or a URL with a path refuses to start', async () => {
  for (const bad of ['*', 'https://www.musterstadt.example/formulare', 'null']) {
    await assert.rejects(
      startServer({ port: 0, dataDir: join(tmp, 'other'), gateway: { allowedOrigins: [bad] } }),
      /GATEWAY_ALLOWED_ORIGINS/,
    );
  }
});

test('--help or -h anywhere shows the usage on stdout, exits 0 and publishes nothing', async () => {
  const other = join(tmp, 'help-data');
  for (const args of [['--help', KITA], [KITA, '-h'], ['-h']]) {
    const r = await cli(['--data-dir', other, ...args]);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /^Aufruf: ozg-form-publish/);
    assert.doesNotMatch(r.stdout, /veröffentlicht https/);
    assert.equal(existsSync(join(other, 'ozg-form.sqlite')), false, `${args.join(' ')} opened the store`);
  }
  const none = await cli([]);
  assert.equal(none.code, 2, 'no definition is a usage error');
  assert.match(none.stderr, /^Aufruf/);
});

test('a relative DATA_DIR: `npm run publish-form` (at the top) and `npm start` (in server/) use one folder', async () => {
  // Both resolve it against the folder npm was invoked from (INIT_CWD), printed absolute.
  const invoked = join(tmp, 'invoked');
  const rel = `rel-data-${process.pid}`;
  const expected = join(invoked, rel);
  const strays = [resolve(rel), resolve('server', rel)];
  let stop = () => {};
  try {
    const r = await cli([resolve(KITA)], { DATA_DIR: rel, INIT_CWD: invoked });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith(`Datenordner des Gateways: ${expected}\n`), r.stdout);
    const relFlag = await cli(['--data-dir', rel, resolve(KITA)], { INIT_CWD: invoked }, 'server');
    assert.match(relFlag.stdout, /unverändert .* Version 1/, 'the same store from server/ with --data-dir');
    const top = await cli(['--data-dir', expected, KITA], { INIT_CWD: resolve('.') }, 'server');
    assert.match(top.stdout, /unverändert .* Version 1/, 'a relative definition counts from INIT_CWD too');
    const main = await startMain({ DATA_DIR: rel, INIT_CWD: invoked });
    stop = main.stop;
    assert.ok(main.stdout.includes(`data folder (DATA_DIR): ${expected}\n`), main.stdout);
    const res = await fetch(new URL('gateway/v1/forms/kita-platz', main.url));
    assert.equal(res.status, 200, 'the gateway serves what was published');
    assert.deepEqual(strays.filter(existsSync), [], 'no folder relative to a working directory');
  } finally {
    stop();
    for (const dir of strays) rmSync(dir, { recursive: true, force: true });
  }
});
