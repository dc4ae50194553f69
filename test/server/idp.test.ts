import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';
import { ACR, TEST_ACCOUNTS } from '../../server/standins/idp/accounts.js';
import { AccountService, type KeyValueStorage } from '../../src/modules/account/index.js';

let server: RunningServer;
let issuer: string;
let redirectUri: string;
const tmp = mkdtempSync(join(tmpdir(), 'ozg-idp-'));
const dataDir = join(tmp, 'data');
// The run's stand-in keys, before any hook starts the server (test/support/test-keys.ts).
await seedTestKeys(dataDir);
const CLIENT_ID = 'ozg-form-demo';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  acr_values_supported: string[];
  code_challenge_methods_supported: string[];
}
let disc: Discovery;

before(async () => {
  server = await startServer({ port: 0, dataDir });
  issuer = `${server.url}idp`;
  redirectUri = `${server.url}hundesteuer.html`;
  disc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Discovery;
});
after(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A browser stand-in: keeps cookies, does not follow redirects by itself. */
class Browser {
  private jar = new Map<string, string>();
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as object), ...(cookie ? { cookie } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const [name, value] = [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }
  /** Follows redirects until one leaves the provider (or a page is shown). */
  async follow(url: string, init: RequestInit = {}): Promise<{ url: string; res: Response }> {
    let res = await this.go(url, init);
    let at = url;
    while (res.status >= 300 && res.status < 400) {
      at = new URL(res.headers.get('location')!, at).href;
      if (!at.startsWith(issuer)) return { url: at, res };
      res = await this.go(at);
    }
    return { url: at, res };
  }
  /** From the login page: picks the account and returns where the provider finally sends the browser. */
  async pick(loginPageUrl: string, account: string): Promise<string> {
    const post = await this.follow(`${loginPageUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account }).toString(),
    });
    return post.url;
  }
}

const b64url = (b: Buffer): string => b.toString('base64url');
const s256 = (v: string): string => b64url(createHash('sha256').update(v).digest());

function authUrl(o: {
  state: string;
  nonce: string;
  verifier?: string;
  acr?: string;
  scope?: string;
  prompt?: string;
}): string {
  const u = new URL(disc.authorization_endpoint);
  u.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri,
    state: o.state,
    nonce: o.nonce,
    scope: o.scope ?? 'openid profile email phone address postfach unternehmen',
    ...(o.verifier ? { code_challenge: s256(o.verifier), code_challenge_method: 'S256' } : {}),
    ...(o.acr ? { acr_values: o.acr } : {}),
    ...(o.prompt ? { prompt: o.prompt } : {}),
  }).toString();
  return u.href;
}

/** The whole front channel for one account: returns the code and what came back. */
async function login(account: string, acr?: string, browser = new Browser()) {
  const state = b64url(randomBytes(16)),
    nonce = b64url(randomBytes(16)),
    verifier = b64url(randomBytes(32));
  const first = await browser.follow(authUrl({ state, nonce, verifier, acr }));
  assert.equal(first.res.status, 200, 'the provider shows its login page');
  const page = await first.res.text();
  const back = new URL(await browser.pick(first.url, account));
  assert.equal(back.origin + back.pathname, redirectUri);
  assert.equal(back.searchParams.get('state'), state);
  assert.equal(back.searchParams.get('iss'), issuer);
  return { code: back.searchParams.get('code')!, verifier, nonce, page, browser };
}

function exchange(code: string, verifier: string): Promise<Response> {
  return fetch(disc.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
      client_id: CLIENT_ID,
    }).toString(),
  });
}

test('discovery: issuer on 127.0.0.1, STORK trust levels, PKCE S256 only', () => {
  assert.equal(disc.issuer, issuer);
  assert.match(issuer, /^http:\/\/127\.0\.0\.1:\d+\/idp$/);
  assert.deepEqual(disc.acr_values_supported, ['STORK-QAA-Level-1', 'STORK-QAA-Level-3', 'STORK-QAA-Level-4']);
  assert.deepEqual(disc.code_challenge_methods_supported, ['S256']);
  assert.ok(disc.token_endpoint.startsWith(issuer) && disc.end_session_endpoint.startsWith(issuer));
});

test('the account config endpoint points the browser at the built-in provider', async () => {
  const c = (await (await fetch(`${server.url}account/config.json`)).json()) as {
    issuer: string;
    clientId: string;
    scopes: string[];
  };
  assert.equal(c.issuer, issuer);
  assert.equal(c.clientId, CLIENT_ID);
  assert.ok(c.scopes.includes('openid'));
});

test('the account config lists the redirect URIs registered at the provider (the form checks its page)', async () => {
  const c = (await (await fetch(`${server.url}account/config.json`)).json()) as { redirectUris: string[] };
  assert.ok(c.redirectUris.includes(redirectUri), 'a demo page is registered');
  assert.ok(c.redirectUris.includes(server.url), 'the site root is registered');
  assert.ok(!c.redirectUris.some((u) => !u.startsWith(server.url)), 'only pages of the site, nothing else');
});

test('a silent renewal (prompt=none) gives a fresh code while the provider session lasts, login_required without one', async () => {
  const first = await login('max-elster');
  await exchange(first.code, first.verifier);
  const state = b64url(randomBytes(16)),
    verifier = b64url(randomBytes(32));
  const again = await first.browser.follow(
    authUrl({ state, nonce: 'n2', verifier, acr: 'STORK-QAA-Level-3', prompt: 'none' }),
  );
  const back = new URL(again.url);
  assert.equal(back.origin + back.pathname, redirectUri, 'straight back to the page, no login page');
  assert.equal(back.searchParams.get('state'), state);
  const res = await exchange(back.searchParams.get('code')!, verifier);
  assert.equal(res.status, 200);
  const tokens = (await res.json()) as { id_token: string };
  const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(disc.jwks_uri)), {
    issuer,
    audience: CLIENT_ID,
  });
  assert.equal(payload.sub, 'max-elster');
  assert.equal(payload.nonce, 'n2');

  const stranger = await new Browser().follow(authUrl({ state, nonce: 'n3', verifier, prompt: 'none' }));
  const refused = new URL(stranger.url);
  assert.equal(refused.origin + refused.pathname, redirectUri);
  assert.equal(refused.searchParams.get('error'), 'login_required');
});

test('signing keys are created in the data folder (0600) and only public keys are served', async () => {
  assert.equal(statSync(join(dataDir, 'idp-keys', 'keys.json')).mode & 0o777, 0o600);
  const jwks = (await (await fetch(disc.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
  assert.ok(jwks.keys.length >= 1);
  for (const k of jwks.keys) assert.equal(k.d, undefined);
});

for (const account of TEST_ACCOUNTS) {
  test(`code flow with PKCE for ${account.id}: ID token with acr ${ACR[account.level]} and the account's claims`, async () => {
    const { code, verifier, nonce } = await login(account.id);
    const res = await exchange(code, verifier);
    assert.equal(res.status, 200);
    const tokens = (await res.json()) as { id_token: string; access_token: string };
    const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(disc.jwks_uri)), {
      issuer,
      audience: CLIENT_ID,
    });
    assert.equal(payload.acr, ACR[account.level]);
    assert.equal(payload.sub, account.id);
    assert.equal(payload.nonce, nonce);
    for (const [claim, value] of Object.entries(account.claims)) assert.deepEqual(payload[claim], value, claim);
    if (!('address' in account.claims)) assert.equal(payload.address, undefined);
  });
}

test('the login page is German, labelled, and warns about accounts below the requested level', async () => {
  const { page } = await login('anna-eid', 'STORK-QAA-Level-4');
  assert.match(page, /<html lang="de">/);
  assert.match(page, /<h1>Anmeldung mit einem Test-Nutzerkonto<\/h1>/);
  for (const a of TEST_ACCOUNTS) assert.match(page, new RegExp(`<label for="konto-${a.id}">`));
  assert.match(page, /id="konto-erika-basis"[^>]*aria-describedby="konto-erika-basis-warn"/);
  assert.doesNotMatch(page, /id="konto-anna-eid"[^>]*aria-describedby/);
});

test('a requested acr is not faked: a level-1 account chosen for a level-4 request gets Level-1', async () => {
  const { code, verifier } = await login('erika-basis', 'STORK-QAA-Level-4');
  const { id_token } = (await (await exchange(code, verifier)).json()) as { id_token: string };
  const { payload } = await jwtVerify(id_token, createRemoteJWKSet(new URL(disc.jwks_uri)), {
    issuer,
    audience: CLIENT_ID,
  });
  assert.equal(payload.acr, 'STORK-QAA-Level-1');
});

test('a session below the requested level must log in again (step-up); without a level it is reused', async () => {
  const { browser } = await login('erika-basis');
  const again = await browser.follow(authUrl({ state: 's1', nonce: 'n1', verifier: b64url(randomBytes(32)) }));
  assert.ok(again.url.startsWith(redirectUri), 'same level: single sign-on, straight back');
  const higher = await browser.follow(
    authUrl({ state: 's2', nonce: 'n2', verifier: b64url(randomBytes(32)), acr: 'STORK-QAA-Level-3' }),
  );
  assert.equal(higher.res.status, 200);
  assert.match(higher.url, /\/idp\/interaction\//);
});

test('a replayed authorization code is refused', async () => {
  const { code, verifier } = await login('max-elster');
  assert.equal((await exchange(code, verifier)).status, 200);
  const replay = await exchange(code, verifier);
  assert.equal(replay.status, 400);
  assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');
});

test('a wrong code_verifier is refused', async () => {
  const { code } = await login('max-elster');
  const res = await exchange(code, b64url(randomBytes(32)));
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
});

test('an authorization request without PKCE is refused', async () => {
  const r = await new Browser().follow(authUrl({ state: 'x', nonce: 'y' }));
  const back = new URL(r.url);
  assert.equal(back.origin + back.pathname, redirectUri);
  assert.equal(back.searchParams.get('error'), 'invalid_request');
  assert.equal(back.searchParams.get('code'), null);
});

test('cancelling on the login page returns access_denied', async () => {
  const browser = new Browser();
  const first = await browser.follow(authUrl({ state: 'c', nonce: 'n', verifier: b64url(randomBytes(32)) }));
  const back = new URL((await browser.follow(`${first.url}/abort`, { method: 'POST' })).url);
  assert.equal(back.searchParams.get('error'), 'access_denied');
});

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

test('AccountService against the real provider: login at substantiell, claims mapped, logout URL', async () => {
  const storage = memoryStorage();
  const svc = new AccountService(
    { issuer, clientId: CLIENT_ID, redirectUri, scopes: ['openid', 'profile', 'email', 'address'] },
    { storage },
  );
  const browser = new Browser();
  const first = await browser.follow(await svc.authorizationUrl({ minLevel: 'substantiell', returnTo: 'step-2' }));
  const session = await svc.handleRedirect(await browser.pick(first.url, 'max-elster'));
  assert.equal(session.trustLevel, 'substantiell');
  assert.equal(session.claims.given_name, 'Max');
  assert.deepEqual(session.claims.address, {
    street_address: 'Hauptstraße 5',
    postal_code: '12345',
    locality: 'Musterstadt',
    country: 'DE',
  });
  assert.equal(session.claims.phone_number, undefined, 'phone scope not requested');
  assert.equal(svc.lastReturnTo, 'step-2');
  assert.equal(svc.session?.sub, 'max-elster');
  const logoutUrl = new URL((await svc.logout({ postLogoutRedirectUri: redirectUri }))!);
  assert.equal(logoutUrl.origin + logoutUrl.pathname, disc.end_session_endpoint);
  // The address goes into the browser's history: the client, never the ID token (name, address, …).
  assert.equal(logoutUrl.searchParams.get('client_id'), CLIENT_ID);
  assert.equal(logoutUrl.searchParams.get('id_token_hint'), null);
  assert.ok(!logoutUrl.href.includes(session.idToken.split('.')[1]!), 'no part of the ID token in the address');
  assert.equal(svc.session, null);
  assert.equal([...storage.data.keys()].length, 0);
});

test('AccountService against the real provider: a basisregistriert login for a substantiell form is refused', async () => {
  const svc = new AccountService({ issuer, clientId: CLIENT_ID, redirectUri }, { storage: memoryStorage() });
  const browser = new Browser();
  const url = await svc.authorizationUrl({ minLevel: 'substantiell' });
  assert.equal(new URL(url).searchParams.get('acr_values'), 'STORK-QAA-Level-4 STORK-QAA-Level-3');
  const first = await browser.follow(url);
  await assert.rejects(
    svc.handleRedirect(await browser.pick(first.url, 'erika-basis')),
    (e: { code: string; actualLevel: string }) => e.code === 'acr_too_low' && e.actualLevel === 'basisregistriert',
  );
  assert.equal(svc.session, null);
});
