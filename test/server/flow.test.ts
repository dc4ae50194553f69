import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, CompactSign } from 'jose';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';
import { inspectPdf } from '../support/pdf-inspect.js';
import {
  prepareSubmission,
  SubmissionClient,
  createIdempotencyKey,
  type SubmissionState,
} from '../../src/modules/submission/index.js';
import { ReturnChannelClient, verifySet } from '../../src/modules/return-channel/index.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-flow-'));
// The run's stand-in keys, before any hook starts the server (test/support/test-keys.ts).
await seedTestKeys(dataDir);
const INBOX = 'inbox-test-token';

before(async () => {
  server = await startServer({ port: 0, dataDir, inbox: { token: INBOX } });
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const gw = (p: string) => new URL(`gateway/v1/${p}`, server.url);
const inbox = (p: string, init: RequestInit = {}) =>
  fetch(new URL(`standins/inbox/api/${p}`, server.url), {
    ...init,
    headers: {
      authorization: `Bearer ${INBOX}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
function countRows(table: string): number {
  // The test reads the same SQLite file the server writes.
  return (globalThis as unknown as { __db: (t: string) => number }).__db(table);
}
before(async () => {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dataDir, 'ozg-form.sqlite'), { readonly: true });
  (globalThis as unknown as { __db: (t: string) => number }).__db = (t) =>
    db.prepare<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`).get()!.n;
});

const answers = { vorname: 'Erika', nachname: 'Mustermann', hund: { name: 'Bello', rasse: 'Dackel' } };
const pdfBytes = new TextEncoder().encode('%PDF-1.4\n% Nachweis Hundehaftpflicht\n');

async function submitOne(key = createIdempotencyKey()) {
  const client = new SubmissionClient({ baseUrl: server.url, baseDelayMs: 10 });
  const dest = await client.getDestination();
  const attachmentId = crypto.randomUUID();
  const { encrypted } = await prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: '99108004001000',
    serviceName: 'Hundesteuer Anmeldung',
    schemaUri: 'https://schema.fitko.de/fim/s00000096_1.0.schema.json',
    data: answers,
    attachments: [{ attachmentId, bytes: pdfBytes, filename: 'haftpflicht.pdf', mimeType: 'application/pdf' }],
    replyChannel: { eMail: { address: 'erika@example.org' } },
  });
  const final = await client.submit(encrypted, { idempotencyKey: key, sentAttachments: [], sent: false });
  return { final, encrypted, attachmentId, dest };
}

test('the whole flow: gateway -> stand-in -> inbox decrypts -> signed events -> Bescheid via return channel', async () => {
  const { final, attachmentId, dest } = await submitOne();
  assert.equal(final.sent, true);
  assert.deepEqual(final.sentAttachments, [attachmentId]);
  assert.equal(dest.destinationId, server.destinationId);

  const rc = new ReturnChannelClient({ baseUrl: server.url, caseId: final.caseId, caseSecret: final.caseSecret });
  let ov = await rc.overview();
  assert.equal(ov.status, 'submitted');
  assert.equal(ov.label.de, 'eingereicht');
  assert.deepEqual(
    ov.events.map((e) => e.event),
    ['create-submission', 'submit-submission'],
  );
  assert.equal(ov.ignored, 0);

  const detail = (await (await inbox(`submissions/${final.submissionId}`)).json()) as Record<string, any>;
  assert.equal(detail.state, 'ok');
  assert.deepEqual(detail.data, answers);
  assert.equal(detail.dataHashOk, true);
  assert.equal(detail.attachments[0].hashOk, true);
  assert.equal(detail.metadata.serviceType.identifier, 'urn:de:fim:leika:leistung:99108004001000');
  const att = await inbox(`submissions/${final.submissionId}/attachments/${attachmentId}`);
  assert.deepEqual(new Uint8Array(await att.arrayBuffer()), pdfBytes);
  assert.equal((await rc.overview()).label.de, 'weitergeleitet');

  assert.equal((await inbox(`submissions/${final.submissionId}/accept`, { method: 'POST' })).status, 200);
  ov = await rc.overview();
  assert.equal(ov.status, 'accepted');
  assert.equal(ov.label.en, 'accepted');

  const b = await inbox(`submissions/${final.submissionId}/bescheid`, {
    method: 'POST',
    body: JSON.stringify({
      title: 'Bescheid Hundesteuer',
      text: 'Die Hundesteuer beträgt 96 € jährlich.\n\nSie wird am 15. Februar fällig.',
    }),
  });
  assert.equal(b.status, 201);
  await inbox(`submissions/${final.submissionId}/messages`, {
    method: 'POST',
    body: JSON.stringify({ text: 'Bitte Nachweis nachreichen.' }),
  });
  const msgs = await rc.messages();
  assert.deepEqual(
    msgs.map((m) => m.kind),
    ['bescheid', 'message'],
  );
  // The Bescheid reaches the applicant as text (subject and body) as well as its PDF.
  assert.equal(msgs[0]!.subject, 'Bescheid Hundesteuer');
  assert.equal(msgs[0]!.text, 'Die Hundesteuer beträgt 96 € jährlich.\n\nSie wird am 15. Februar fällig.');
  const pdf = new Uint8Array(await (await rc.downloadDocument(msgs[0]!.id)).arrayBuffer());
  assert.equal(new TextDecoder().decode(pdf.subarray(0, 5)), '%PDF-');
  const facts = await inspectPdf(pdf);
  assert.equal(facts.title, 'Bescheid Hundesteuer');
  assert.equal(facts.marked, true);
  assert.match(facts.text, /Sie wird am 15\. Februar fällig\./);
  await rc.reply('Danke!');
  const seen = (await (await inbox(`submissions/${final.submissionId}/messages`)).json()) as {
    messages: { direction: string; text?: string }[];
  };
  assert.ok(seen.messages.some((m) => m.direction === 'from-applicant' && m.text === 'Danke!'));
});

test('idempotency: the same key twice creates one submission and returns the same ids and secret', async () => {
  const key = createIdempotencyKey();
  const body = JSON.stringify({ idempotencyKey: key, leika: '99108004001000', announcedAttachments: [] });
  const before = countRows('fc_submissions');
  const [a, b] = await Promise.all(
    [1, 2].map(() =>
      fetch(gw('submissions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
    ),
  );
  const ja = (await a!.json()) as Record<string, unknown>;
  const jb = (await b!.json()) as Record<string, unknown>;
  assert.deepEqual([a!.status, b!.status].sort(), [200, 201]);
  assert.equal(ja.submissionId, jb.submissionId);
  assert.equal(ja.caseSecret, jb.caseSecret);
  assert.equal(countRows('fc_submissions'), before + 1);
  const again = await fetch(gw('submissions'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  assert.equal(((await again.json()) as Record<string, unknown>).submissionId, ja.submissionId);
});

test('a resumed submission (saved state after create) finishes without creating another', async () => {
  const key = createIdempotencyKey();
  const client = new SubmissionClient({ baseUrl: server.url });
  const dest = await client.getDestination();
  const attachmentId = crypto.randomUUID();
  const { encrypted } = await prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: '99108004001000',
    schemaUri: 'https://example.org/s.json',
    data: { a: 1 },
    attachments: [{ attachmentId, bytes: pdfBytes, mimeType: 'application/pdf' }],
  });
  let saved: SubmissionState | undefined;
  const failing = new SubmissionClient({
    baseUrl: server.url,
    attempts: 1,
    fetch: async (url, init) => {
      if (String(url).includes('/attachments/')) throw new TypeError('offline');
      return fetch(url, init);
    },
    onState: (s) => {
      saved = s;
    },
  });
  await assert.rejects(failing.submit(encrypted, { idempotencyKey: key, sentAttachments: [], sent: false }));
  assert.ok(saved?.submissionId);
  const n = countRows('fc_submissions');
  const final = await client.submit(encrypted, saved!);
  assert.equal(final.submissionId, saved!.submissionId);
  assert.equal(final.sent, true);
  assert.equal(countRows('fc_submissions'), n);
});

test('tampered ciphertext: inbox reports undecryptable and keeps running', async () => {
  const client = new SubmissionClient({ baseUrl: server.url });
  const dest = await client.getDestination();
  const { encrypted } = await prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: '99108004001000',
    schemaUri: 'https://example.org/s.json',
    data: { a: 1 },
  });
  const parts = encrypted.encryptedData.split('.');
  const ct = parts[3]!;
  parts[3] = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
  const final = await client.submit(
    { ...encrypted, encryptedData: parts.join('.') },
    { idempotencyKey: createIdempotencyKey(), sentAttachments: [], sent: false },
  );
  const r = await inbox(`submissions/${final.submissionId}`);
  assert.equal(r.status, 200);
  const d = (await r.json()) as { state: string; reason: string };
  assert.equal(d.state, 'undecryptable');
  assert.match(d.reason, /^data/);
  assert.equal((await inbox('submissions')).status, 200);
  assert.equal((await inbox(`submissions/${final.submissionId}/accept`, { method: 'POST' })).status, 409);
});

test('bad or oversized gateway requests: 4xx problem+json, nothing stored', async () => {
  const before = [countRows('gw_submissions'), countRows('fc_submissions')];
  const post = (body: string, type = 'application/json') =>
    fetch(gw('submissions'), { method: 'POST', headers: { 'content-type': type }, body });
  const cases: Response[] = [
    await post('{not json'),
    await post(JSON.stringify({ idempotencyKey: 'short', leika: '99108004001000', announcedAttachments: [] })),
    await post(JSON.stringify({ idempotencyKey: createIdempotencyKey(), leika: '12345', announcedAttachments: [] })),
    await post(
      JSON.stringify({ idempotencyKey: createIdempotencyKey(), leika: '99108004001000', announcedAttachments: ['x'] }),
    ),
    await post(
      JSON.stringify({
        idempotencyKey: createIdempotencyKey(),
        leika: '99108004001000',
        announcedAttachments: [],
        extra: 1,
      }),
    ),
    await post(
      JSON.stringify({
        idempotencyKey: createIdempotencyKey(),
        leika: '99108004001000',
        announcedAttachments: Array.from({ length: 31 }, () => crypto.randomUUID()),
      }),
    ),
    await post('x'.repeat(100 * 1024)),
    await post('a=b', 'text/plain'),
  ];
  for (const r of cases) {
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const p = (await r.json()) as { status: number; title: string };
    assert.equal(p.status, r.status);
  }
  assert.deepEqual([countRows('gw_submissions'), countRows('fc_submissions')], before);

  // oversized / malformed attachment on a real submission
  const announcedId = crypto.randomUUID();
  const c = (await (
    await post(
      JSON.stringify({
        idempotencyKey: createIdempotencyKey(),
        leika: '99108004001000',
        announcedAttachments: [announcedId],
      }),
    )
  ).json()) as { submissionId: string; caseSecret: string };
  const attCount = countRows('fc_attachments');
  const put = (body: string, path: string) =>
    fetch(gw(path), {
      method: 'PUT',
      headers: { 'content-type': 'application/jose', 'x-case-secret': c.caseSecret },
      body,
    });
  const max = server.config.gateway.maxAttachmentBytes;
  const tooBig = await put('x'.repeat(max + 10), `submissions/${c.submissionId}/attachments/${announcedId}`);
  assert.equal(tooBig.status, 413);
  assert.match(tooBig.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const garbage = await put('not.a.jwe', `submissions/${c.submissionId}/attachments/${announcedId}`);
  assert.equal(garbage.status, 400);
  assert.match(garbage.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(countRows('fc_attachments'), attCount);
});

test('wrong or missing capability secret reveals nothing', async () => {
  const { final } = await submitOne();
  const wrong = 'A'.repeat(43);
  for (const url of [
    gw(`cases/${final.caseId}/events`),
    gw(`cases/${final.caseId}/messages`),
    gw(`cases/${crypto.randomUUID()}/events`),
  ]) {
    for (const headers of [{}, { 'x-case-secret': wrong }] as Record<string, string>[]) {
      const r = await fetch(url, { headers });
      assert.equal(r.status, 404);
      const text = await r.text();
      assert.ok(!text.includes(final.submissionId) && !text.includes('eventLog'), text);
    }
  }
  const ok = await fetch(`${gw(`cases/${final.caseId}/events`)}?secret=${final.caseSecret}`);
  assert.equal(ok.status, 200);
  // only a hash is stored
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dataDir, 'ozg-form.sqlite'), { readonly: true });
  const stored = db
    .prepare<{ secret_hash: string }>('SELECT secret_hash FROM gw_submissions WHERE case_id = ?')
    .get(final.caseId)!;
  db.close();
  assert.notEqual(stored.secret_hash, final.caseSecret);
  assert.match(stored.secret_hash, /^[0-9a-f]{64}$/);
});

test('a SET with a bad signature is rejected by the return-channel verifier', async () => {
  const { final } = await submitOne();
  const jwks = (await (await fetch(gw('.well-known/jwks.json'))).json()) as { keys: { kid: string }[] };
  const log = (await (
    await fetch(gw(`cases/${final.caseId}/events`), { headers: { 'x-case-secret': final.caseSecret } })
  ).json()) as { eventLog: string[] };
  const good = log.eventLog[0]!;
  assert.ok(await verifySet(good, jwks as never, final.caseId));
  // signature bytes flipped
  const [h, p, s] = good.split('.');
  assert.equal(
    await verifySet(`${h}.${p}.${(s![0] === 'A' ? 'B' : 'A') + s!.slice(1)}`, jwks as never, final.caseId),
    null,
  );
  // payload changed (claims an acceptance) with the original signature
  const forged = Buffer.from(
    JSON.stringify({
      ...JSON.parse(Buffer.from(p!, 'base64url').toString()),
      events: { 'https://schema.fitko.de/fit-connect/events/accept-submission': {} },
    }),
  ).toString('base64url');
  assert.equal(await verifySet(`${h}.${forged}.${s}`, jwks as never, final.caseId), null);
  // signed by a foreign key that claims the service's kid
  const foreign = await generateKeyPair('PS512', { modulusLength: 2048 });
  const fake = await new CompactSign(Buffer.from(p!, 'base64url'))
    .setProtectedHeader({ alg: 'PS512', typ: 'secevent+jwt', kid: jwks.keys[0]!.kid })
    .sign(foreign.privateKey);
  assert.equal(await verifySet(fake, jwks as never, final.caseId), null);
  // an event of another case
  assert.equal(await verifySet(good, jwks as never, crypto.randomUUID()), null);
});
