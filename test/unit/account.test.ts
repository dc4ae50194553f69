import { expect } from '@open-wc/testing';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import {
  AccountError,
  AccountService,
  accountKind,
  authenticationInformation,
  isVerified,
  mapClaims,
  pkceChallenge,
  prefillFromClaims,
  prefillMappingFromSchema,
  CLAIM_NS,
} from '../../src/modules/account/index.js';
import { nonceFor } from '../../src/modules/submission/application.js';
import { accountErrorText } from '../../src/components/account/texts.js';

/** Items in localStorage other than the application id (which is no token): tokens never go there. */
const tokensInLocalStorage = () => Object.keys(localStorage).length;
/** The application the logins of these tests are for (Draft.applicationId). */
const APPLICATION_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

const ISSUER = 'https://idp.test/realms/bund';
const CLIENT_ID = 'ozg-form-demo';
const REDIRECT = 'https://formulare.test/hundesteuer.html';
const DISCOVERY = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  jwks_uri: `${ISSUER}/jwks`,
  end_session_endpoint: `${ISSUER}/logout`,
};

let key: CryptoKey;
let otherKey: CryptoKey;
let jwks: { keys: JWK[] };

before(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
});

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

interface IdTokenSpec {
  claims?: JWTPayload;
  iss?: string;
  aud?: string;
  exp?: number;
  signWith?: CryptoKey;
}

/** A provider stand-in: discovery + token endpoint; the token response's ID token comes from `spec(nonce)`. */
function setup(spec: (nonce: string) => IdTokenSpec, tokenStatus = 200, persist = true) {
  const calls: string[] = [];
  let nonce = '';
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push(url);
    if (url === `${ISSUER}/.well-known/openid-configuration`) return Response.json(DISCOVERY);
    if (url === DISCOVERY.token_endpoint && init?.method === 'POST') {
      if (tokenStatus !== 200) return Response.json({ error: 'invalid_grant' }, { status: tokenStatus });
      const s = spec(nonce);
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({ nonce, acr: 'STORK-QAA-Level-3', ...s.claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(s.iss ?? ISSUER)
        .setAudience(s.aud ?? CLIENT_ID)
        .setSubject('user-1')
        .setIssuedAt(now - 60)
        .setExpirationTime(s.exp ?? now + 600)
        .sign(s.signWith ?? key);
      return Response.json({ id_token: idToken, access_token: 'at-123', token_type: 'Bearer' });
    }
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  const svc = new AccountService(
    { issuer: ISSUER, clientId: CLIENT_ID, redirectUri: REDIRECT },
    { fetch: fakeFetch, jwks: createLocalJWKSet(jwks), persist },
  );
  const start = async (minLevel?: 'substantiell' | 'hoch') => {
    const url = new URL(await svc.authorizationUrl({ minLevel, applicationId: APPLICATION_ID }));
    nonce = url.searchParams.get('nonce')!;
    return url;
  };
  const callback = (state: string, extra = '') =>
    `${REDIRECT}?code=c0de&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(ISSUER)}${extra}`;
  return { svc, calls, start, callback };
}

async function refused(p: Promise<unknown>): Promise<AccountError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(AccountError);
    return e as AccountError;
  }
  throw new Error('expected the login to be refused');
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).to.equal(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('puts code_challenge (S256 of the stored verifier), state, nonce, acr_values and ui_locales in the URL', async () => {
    const { start } = setup(() => ({}));
    const url = await start('hoch');
    const p = url.searchParams;
    expect(url.origin + url.pathname).to.equal(DISCOVERY.authorization_endpoint);
    expect(p.get('response_type')).to.equal('code');
    expect(p.get('code_challenge_method')).to.equal('S256');
    expect(p.get('acr_values')).to.equal('STORK-QAA-Level-4');
    expect(p.get('ui_locales')).to.equal('de');
    const pending = JSON.parse(sessionStorage.getItem('ozg-account:pending')!) as { verifier: string; state: string };
    expect(p.get('code_challenge')).to.equal(await pkceChallenge(pending.verifier));
    expect(p.get('state')).to.equal(pending.state);
    expect(pending.state).to.match(/^[A-Za-z0-9_-]{43}$/);
    const again = await start();
    expect(again.searchParams.get('state')).to.not.equal(p.get('state'));
    // The nonce binds the login to the application: SHA-256 of its id, the same for a second login of it.
    expect(p.get('nonce')).to.equal(await nonceFor(APPLICATION_ID));
    expect(again.searchParams.get('nonce')).to.equal(p.get('nonce'));
    expect(again.searchParams.has('acr_values')).to.equal(false);
  });
});

describe('AccountService discovery', () => {
  it('refuses a discovery document whose login or logout address is not https (javascript:, data:)', async () => {
    for (const [field, value] of [
      ['authorization_endpoint', 'javascript:alert(document.domain)//'],
      ['end_session_endpoint', 'data:text/html,<script>alert(1)</script>'],
      ['token_endpoint', 'http://idp.test/token'],
    ]) {
      const fakeFetch = (async () => Response.json({ ...DISCOVERY, [field]: value })) as typeof fetch;
      const svc = new AccountService(
        { issuer: ISSUER, clientId: CLIENT_ID, redirectUri: REDIRECT },
        { fetch: fakeFetch },
      );
      let code = '';
      try {
        await svc.authorizationUrl();
      } catch (error) {
        code = (error as { code?: string }).code ?? String(error);
      }
      expect(code, field).to.equal('discovery_failed');
    }
    // http on this machine (the demo's provider) is fine.
    const local = 'http://127.0.0.1:8080/idp';
    const fakeFetch = (async () =>
      Response.json({
        issuer: local,
        authorization_endpoint: `${local}/auth`,
        token_endpoint: `${local}/token`,
        jwks_uri: `${local}/jwks`,
      })) as typeof fetch;
    const svc = new AccountService({ issuer: local, clientId: CLIENT_ID, redirectUri: REDIRECT }, { fetch: fakeFetch });
    expect(new URL(await svc.authorizationUrl()).pathname).to.equal('/idp/auth');
  });
});

describe('AccountService redirect handling', () => {
  it('logs in: verified ID token, trust level, mapped claims; tokens in sessionStorage, never localStorage', async () => {
    const { svc, start, callback } = setup(() => ({
      claims: {
        acr: 'STORK-QAA-Level-4',
        given_name: 'Anna',
        address: { locality: 'Musterstadt' },
        [`${CLAIM_NS}birth_name`]: 'Weber',
      },
    }));
    const url = await start('substantiell');
    const s = await svc.handleRedirect(callback(url.searchParams.get('state')!));
    expect(s.trustLevel).to.equal('hoch');
    expect(s.claims).to.deep.equal({ given_name: 'Anna', address: { locality: 'Musterstadt' }, birth_name: 'Weber' });
    // The access token is not used (no userinfo call, nothing sent with it): it is not kept at all.
    expect(sessionStorage.getItem('ozg-account:session')).not.to.contain('at-123');
    expect(tokensInLocalStorage()).to.equal(0);
    expect(sessionStorage.getItem('ozg-account:session')).to.contain(s.idToken);
    expect(sessionStorage.getItem('ozg-account:pending')).to.equal(null);
    const restored = new AccountService({ issuer: ISSUER, clientId: CLIENT_ID, redirectUri: REDIRECT });
    expect(restored.session?.sub).to.equal('user-1');
    const logout = new URL((await svc.logout())!);
    expect(logout.origin + logout.pathname).to.equal(`${ISSUER}/logout`);
    expect(logout.searchParams.get('client_id')).to.equal(CLIENT_ID);
    expect(logout.href, 'the ID token (personal data) never goes into the address').not.to.contain(s.idToken);
    expect(sessionStorage.getItem('ozg-account:session')).to.equal(null);
    expect(tokensInLocalStorage()).to.equal(0);
  });

  it('with persist: false keeps tokens in memory only', async () => {
    const { svc, start, callback } = setup(() => ({}), 200, false);
    const s = await svc.handleRedirect(callback((await start()).searchParams.get('state')!));
    expect(svc.session).to.equal(s);
    expect(sessionStorage.length).to.equal(0);
    expect(tokensInLocalStorage()).to.equal(0);
  });

  it('refuses a state that does not match, without contacting the token endpoint', async () => {
    const { svc, calls, start, callback } = setup(() => ({}));
    await start();
    const e = await refused(svc.handleRedirect(callback('forged-state')));
    expect(e.code).to.equal('state_mismatch');
    expect(calls).to.not.include(DISCOVERY.token_endpoint);
    expect(accountErrorText('de', e)).to.contain('Anmeldung');
    expect(accountErrorText('en', e)).to.contain('log in again');
  });

  it('refuses the same redirect twice (the pending login is used up)', async () => {
    const { svc, start, callback } = setup(() => ({}));
    const cb = callback((await start()).searchParams.get('state')!);
    await svc.handleRedirect(cb);
    expect((await refused(svc.handleRedirect(cb))).code).to.equal('state_mismatch');
  });

  it('refuses a response from another issuer (iss parameter) and reports a cancelled login', async () => {
    const { svc, start } = setup(() => ({}));
    let state = (await start()).searchParams.get('state')!;
    expect(
      (await refused(svc.handleRedirect(`${REDIRECT}?code=c&state=${state}&iss=https://evil.test`))).code,
    ).to.equal('issuer_mismatch');
    state = (await start()).searchParams.get('state')!;
    expect((await refused(svc.handleRedirect(`${REDIRECT}?error=access_denied&state=${state}`))).code).to.equal(
      'login_cancelled',
    );
  });

  it('reports a refused code exchange and an unreachable provider', async () => {
    const bad = setup(() => ({}), 400);
    const e = await refused(bad.svc.handleRedirect(bad.callback((await bad.start()).searchParams.get('state')!)));
    expect([e.code, e.reason]).to.deep.equal(['token_exchange_failed', 'invalid_grant']);
    const offline = new AccountService(
      { issuer: ISSUER, clientId: CLIENT_ID, redirectUri: REDIRECT },
      { fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch },
    );
    expect((await refused(offline.authorizationUrl())).code).to.equal('idp_unreachable');
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, (nonce: string) => IdTokenSpec]> = [
    ['signature', () => ({ signWith: otherKey })],
    ['audience', () => ({ aud: 'another-client' })],
    ['expired', () => ({ exp: now() - 3600 })],
    ['nonce', () => ({ claims: { nonce: 'not-the-nonce' } })],
    ['issuer', () => ({ iss: 'https://other-idp.test' })],
  ];
  for (const [reason, spec] of cases) {
    it(`refuses an ID token with a wrong ${reason}`, async () => {
      const { svc, start, callback } = setup(spec);
      const e = await refused(svc.handleRedirect(callback((await start()).searchParams.get('state')!)));
      expect([e.code, e.reason]).to.deep.equal(['invalid_id_token', reason]);
      expect(svc.session).to.equal(null);
      expect(sessionStorage.getItem('ozg-account:session')).to.equal(null);
    });
  }

  it('refuses a login below the required trust level (acr_too_low) in German and English', async () => {
    const { svc, start, callback } = setup(() => ({ claims: { acr: 'STORK-QAA-Level-3' } }));
    const e = await refused(svc.handleRedirect(callback((await start('hoch')).searchParams.get('state')!)));
    expect(e.code).to.equal('acr_too_low');
    expect(e.actualLevel).to.equal('substantiell');
    expect(accountErrorText('de', e)).to.contain('„hoch“');
    expect(accountErrorText('en', e)).to.contain('“high”');
    expect(svc.session).to.equal(null);
  });
});

describe('claims and prefill', () => {
  const claims = mapClaims(
    {
      given_name: 'Max',
      family_name: 'Mustermann',
      address: { street_address: 'Hauptstraße 5', postal_code: '12345', locality: 'Musterstadt' },
      birthName: 'Schulz', // a broker's flat attribute names, mapped below
      countryCode: 'DE',
      [`${CLAIM_NS}company_address`]: { locality: 'Musterstadt' },
    },
    {
      given_name: 'given_name',
      family_name: 'family_name',
      address: 'address',
      birth_name: 'birthName',
      plz: 'address.postal_code',
      company_address: `${CLAIM_NS}company_address`,
      'address.country': 'countryCode',
    },
  );

  it('maps provider claims to canonical names (exact name first, then dotted path)', () => {
    expect(claims.birth_name).to.equal('Schulz');
    expect(claims.plz).to.equal('12345');
    expect(claims.company_address).to.deep.equal({ locality: 'Musterstadt' });
    expect(claims.address).to.deep.equal({
      street_address: 'Hauptstraße 5',
      postal_code: '12345',
      locality: 'Musterstadt',
      country: 'DE',
    });
  });

  it('prefillFromClaims resolves nested address claims; missing claims stay undefined', () => {
    const out = prefillFromClaims(claims, {
      '/antragsteller/vorname': 'given_name',
      '/antragsteller/anschrift/strasse': 'address.street_address',
      '/antragsteller/anschrift/ort': 'address.locality',
      '/antragsteller/geburtsdatum': 'birthdate',
      '/antragsteller/land': 'address.country',
      '/antragsteller/geburtsname': 'title',
      '/antragsteller/anschrift': 'address',
    });
    expect(out).to.deep.equal({
      '/antragsteller/vorname': 'Max',
      '/antragsteller/anschrift/strasse': 'Hauptstraße 5',
      '/antragsteller/anschrift/ort': 'Musterstadt',
      '/antragsteller/land': 'DE',
    });
    expect(out['/antragsteller/geburtsdatum']).to.equal(undefined);
  });

  it('collects x-ozg.prefill annotations into a pointer mapping', () => {
    const mapping = prefillMappingFromSchema({
      type: 'object',
      properties: {
        antragsteller: {
          type: 'object',
          properties: {
            vorname: { type: 'string', 'x-ozg': { prefill: 'given_name' } },
            'plz/ort': { type: 'string', 'x-ozg': { prefill: 'address.postal_code' } },
            hinweis: { type: 'string' },
          },
        },
      },
    });
    expect(mapping).to.deep.equal({
      '/antragsteller/vorname': 'given_name',
      '/antragsteller/plz~1ort': 'address.postal_code',
    });
  });

  it('isVerified is true from substantiell upwards', () => {
    expect([
      isVerified('basisregistriert'),
      isVerified('substantiell'),
      isVerified('hoch'),
      isVerified(null),
    ]).to.deep.equal([false, true, true, false]);
  });
});

describe('kind of account, re-login and what a submission carries', () => {
  it('tells a business account (it has a company name) from a citizen account', () => {
    expect(accountKind(mapClaims({ given_name: 'Max', family_name: 'Mustermann' }))).to.equal('citizen');
    expect(
      accountKind(mapClaims({ email: 'info@musterbau.example', [`${CLAIM_NS}company_name`]: 'Musterbau GmbH' })),
    ).to.equal('business');
    expect(accountKind(mapClaims({ [`${CLAIM_NS}company_name`]: '  ' }))).to.equal('citizen');
  });

  it('explains a login with the wrong kind of account in German and English', () => {
    const forCitizens = new AccountError('wrong_audience', { audience: 'citizen' });
    expect(accountErrorText('de', forCitizens)).to.contain('Dieser Antrag ist für Privatpersonen');
    expect(accountErrorText('en', forCitizens)).to.contain('This application is for private individuals');
    const forBusinesses = new AccountError('wrong_audience', { audience: 'business' });
    expect(accountErrorText('de', forBusinesses)).to.contain('Mein Unternehmenskonto');
    expect(accountErrorText('en', forBusinesses)).to.contain('This application is for businesses');
  });

  it('asks the provider to let the person choose again (prompt=login) only when told to', async () => {
    const { svc } = setup(() => ({}));
    expect(new URL(await svc.authorizationUrl({})).searchParams.has('prompt')).to.equal(false);
    expect(new URL(await svc.authorizationUrl({ prompt: 'login' })).searchParams.get('prompt')).to.equal('login');
  });

  it('sends the signed ID token as the identification report', () => {
    expect(authenticationInformation('a.b.c')).to.deep.equal([
      { type: 'identificationReport', version: '1.0.0', content: 'a.b.c' },
    ]);
  });
});
