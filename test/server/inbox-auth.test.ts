import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';
import {
  createIdempotencyKey,
  prepareSubmission,
  SubmissionClient,
  type AuthenticationInformation,
} from '../../src/modules/submission/index.js';

// The inbox (the authority's side) checks the login an application was made with; a real login is
// checked end to end in test/e2e/account-submission.spec.ts. Here: what must not pass.
let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-inbox-auth-'));
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

interface Checked {
  authentication: { type: string; verified: boolean; problem?: string; name?: string }[];
}

async function submitWith(marker: string, authenticationInformation?: AuthenticationInformation[]): Promise<Checked> {
  const client = new SubmissionClient({ baseUrl: server.url, baseDelayMs: 10 });
  const dest = await client.getDestination();
  const { encrypted } = await prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: '99108004001000',
    schemaUri: 'https://schema.fitko.de/fim/s00000096_1.0.schema.json',
    data: { marker },
    ...(authenticationInformation ? { authenticationInformation } : {}),
  });
  const { submissionId } = await client.submit(encrypted, {
    idempotencyKey: createIdempotencyKey(),
    sentAttachments: [],
    sent: false,
  });
  const res = await fetch(new URL(`standins/inbox/api/submissions/${submissionId}`, server.url), {
    headers: { authorization: `Bearer ${INBOX}` },
  });
  assert.equal(res.status, 200);
  return res.json() as Promise<Checked>;
}

async function providerSettings(): Promise<{ issuer: string; clientId: string }> {
  return (await fetch(new URL('account/config.json', server.url))).json() as Promise<{
    issuer: string;
    clientId: string;
  }>;
}

async function token(opts: { issuer: string; audience: string; exp?: number }): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ given_name: 'Mallory', acr: 'STORK-QAA-Level-4' })
    .setProtectedHeader({ alg: 'RS256', kid: 'not-the-providers' })
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setSubject('someone')
    .setIssuedAt(now - 60)
    .setExpirationTime(opts.exp ?? now + 600)
    .sign(privateKey);
}

test('an application without a login says so: no authentication entries', async () => {
  const checked = await submitWith('ohne-anmeldung');
  assert.deepEqual(checked.authentication, []);
});

test('an identification report not signed by the trusted provider is shown as not confirmed, with the reason', async () => {
  const { issuer, clientId } = await providerSettings();
  const forged = await token({ issuer, audience: clientId });
  const checked = await submitWith('gefaelscht', [{ type: 'identificationReport', version: '1.0.0', content: forged }]);
  assert.equal(checked.authentication.length, 1);
  assert.equal(checked.authentication[0]!.verified, false);
  assert.match(checked.authentication[0]!.problem ?? '', /signature invalid/);
  assert.equal(checked.authentication[0]!.name, undefined);
});

test('a report from another issuer and an unknown type are not confirmed either', async () => {
  const { clientId } = await providerSettings();
  const foreign = await token({ issuer: 'https://idp.elsewhere.example', audience: clientId });
  const checked = await submitWith('fremd', [
    { type: 'identificationReport', version: '1.0.0', content: foreign },
    { type: 'selfDeclaration', version: '1.0.0', content: 'I am Max' },
  ]);
  assert.deepEqual(
    checked.authentication.map((a) => a.verified),
    [false, false],
  );
  assert.match(checked.authentication[1]!.problem ?? '', /unsupported type/);
});

test('the inbox itself answers only with its access token', async () => {
  const list = (authorization?: string) =>
    fetch(new URL('standins/inbox/api/submissions', server.url), authorization ? { headers: { authorization } } : {});
  assert.equal((await list()).status, 401);
  assert.equal((await list(`Bearer ${INBOX}x`)).status, 401);
  assert.equal((await list(`Basic ${INBOX}`)).status, 401);
  assert.equal((await list(`Bearer ${INBOX}`)).status, 200);
});
