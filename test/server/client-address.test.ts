// Who a request counts for: behind the proxies named in TRUST_PROXY, the address they forwarded
// (X-Forwarded-For), IPv6 by its /64; from anyone else the header is ignored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.js';
import { clientKey, isAddressOrRange } from '../../server/client-address.js';
import { resolveConfig } from '../../server/config.js';
import { configFromEnv } from '../../server/config-env.js';
import { createIdempotencyKey, encryptForDestination, SubmissionClient } from '../../src/modules/submission/index.js';
import { seedTestKeys } from '../support/test-keys.js';
import { stalledUpload } from '../support/stalled-upload.js';

const dataDirs = [
  mkdtempSync(join(tmpdir(), 'ozg-client-address-')),
  mkdtempSync(join(tmpdir(), 'ozg-client-address-')),
];
for (const dir of dataDirs) await seedTestKeys(dir);
let proxied: RunningServer;
let direct: RunningServer;
const open: ClientRequest[] = [];

before(async () => {
  const options = { port: 0, rateLimits: { cases: 2 }, gateway: { uploadIdleSeconds: 5 } as never };
  // The demo's stand-ins behind a proxy: production mode would refuse them (production.test.ts).
  const env = { NODE_ENV: 'development' };
  proxied = await startServer({ ...options, dataDir: dataDirs[0], trustProxy: ['127.0.0.1'], env });
  direct = await startServer({ ...options, dataDir: dataDirs[1] });
});
after(async () => {
  for (const r of open) r.destroy();
  await proxied.close();
  await direct.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** Asks for the status of a payment nobody started: 404 until the client's limit, then 429. */
async function status(server: RunningServer, forwardedFor: string): Promise<number> {
  const res = await fetch(new URL('gateway/v1/payments/status', server.url), {
    headers: { 'x-payment-key': createIdempotencyKey(), 'x-forwarded-for': forwardedFor },
  });
  await res.body?.cancel();
  return res.status;
}

test('clientKey: an IPv4 address as it is, IPv6 by its /64, an IPv4 address written as IPv6 as IPv4', () => {
  assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
  assert.equal(clientKey('2001:db8:1:2::1'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:0db8:0001:0002:0:0:0:1'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(clientKey('::1'), '0:0:0:0::/64');
  assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.equal(clientKey('::ffff:192.0.2.1'), '192.0.2.1');
  assert.equal(clientKey('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64');
});

test('TRUST_PROXY takes addresses and CIDR ranges, and refuses anything else at start', () => {
  for (const good of ['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8', '192.168.1.0/24'])
    assert.ok(isAddressOrRange(good), good);
  for (const bad of ['nginx', '10.0.0.0/33', '::/129', '10.0.0.0/8/1', '10.0.0.0/x', '', '*'])
    assert.ok(!isAddressOrRange(bad), bad);
  assert.deepEqual(configFromEnv({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy, ['127.0.0.1', '10.0.0.0/8']);
  assert.throws(() => resolveConfig({ trustProxy: ['proxy.musterstadt.de'] }), /TRUST_PROXY: not an address/);
  assert.deepEqual(resolveConfig({}).trustProxy, []);
  // From an OZG_CONFIG file: a list, not one string.
  assert.throws(() => resolveConfig({ trustProxy: '127.0.0.1' as never }), /trustProxy: a list/);
});

test('behind a trusted proxy each citizen has a limit of their own; one IPv6 /64 counts as one client', async () => {
  assert.deepEqual(
    [await status(proxied, '203.0.113.7'), await status(proxied, '203.0.113.7'), await status(proxied, '203.0.113.7')],
    [404, 404, 429],
  );
  // Another citizen behind the same proxy is not held up by the first one.
  assert.equal(await status(proxied, '198.51.100.9'), 404);
  // A spoofed first entry does not help: the proxy appends the address it saw, and that one counts.
  assert.equal(await status(proxied, '192.0.2.55, 203.0.113.7'), 429);
  // A new address in the same /64 is the same line.
  assert.equal(await status(proxied, '2001:db8:1:2::1'), 404);
  assert.equal(await status(proxied, '2001:db8:1:2::beef'), 404);
  assert.equal(await status(proxied, '2001:db8:1:2::cafe'), 429);
  assert.equal(await status(proxied, '2001:db8:1:3::1'), 404);
});

test('without TRUST_PROXY the header is ignored: a client cannot give itself a new address', async () => {
  assert.deepEqual(
    [await status(direct, '203.0.113.1'), await status(direct, '203.0.113.2'), await status(direct, '203.0.113.3')],
    [404, 404, 429],
  );
});

/** An upload from `forwardedFor` that sends its first bytes and then waits (it keeps its slot). */
const startUpload = (sid: string, secret: string, aid: string, forwardedFor: string) =>
  stalledUpload(
    new URL(`gateway/v1/submissions/${sid}/attachments/${aid}`, proxied.url),
    { secret, length: 3000, forwardedFor },
    open,
  );

test('behind a trusted proxy the upload slots are per citizen, not one pair for the whole town', async () => {
  const aids = Array.from({ length: 4 }, () => crypto.randomUUID());
  const created = await fetch(new URL('gateway/v1/submissions', proxied.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.20' },
    body: JSON.stringify({
      idempotencyKey: createIdempotencyKey(),
      leika: '99110007000000',
      announcedAttachments: aids,
    }),
  });
  const c = (await created.json()) as { submissionId: string; caseSecret: string };
  assert.equal(await startUpload(c.submissionId, c.caseSecret, aids[0]!, '203.0.113.20'), 'open');
  assert.equal(await startUpload(c.submissionId, c.caseSecret, aids[1]!, '203.0.113.20'), 'open');
  assert.equal(await startUpload(c.submissionId, c.caseSecret, aids[2]!, '203.0.113.20'), 429);
  // Another citizen's upload through the same proxy is taken.
  const dest = await new SubmissionClient({ baseUrl: proxied.url }).getDestination();
  const res = await fetch(new URL(`gateway/v1/submissions/${c.submissionId}/attachments/${aids[3]}`, proxied.url), {
    method: 'PUT',
    headers: { 'x-case-secret': c.caseSecret, 'content-type': 'application/jose', 'x-forwarded-for': '198.51.100.20' },
    body: await encryptForDestination(dest.encryptionKey, new Uint8Array(100)),
  });
  assert.equal(res.status, 204);
});
