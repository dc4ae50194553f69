import {
  createRemoteJWKSet,
  customFetch,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import {
  DEFAULT_ACR_VALUES,
  DEFAULT_CLAIM_MAP,
  levelFromAcr,
  levelRank,
  mapClaims,
  type TrustLevel,
} from './claims.js';
import type { AccountConfig, AccountDeps, AccountSession, KeyValueStorage, LoginOptions } from './types.js';
import { AccountError, type IdTokenProblem } from './errors.js';
import { pkceChallenge, randomToken } from './pkce.js';
import { nonceFor } from '../submission/application.js';

export type { AccountConfig, AccountDeps, AccountSession, KeyValueStorage, LoginOptions } from './types.js';

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  minLevel?: TrustLevel;
  returnTo?: string;
  prompt?: 'login' | 'none';
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

const PENDING_KEY = 'ozg-account:pending';
const SESSION_KEY = 'ozg-account:session';
/** What a provider answers to `prompt=none` when it cannot renew without the person (OIDC Core 3.1.2.6). */
const NEEDS_INTERACTION = new Set([
  'login_required',
  'interaction_required',
  'consent_required',
  'account_selection_required',
]);
const CALLBACK_PARAMS = ['code', 'state', 'iss', 'session_state', 'error', 'error_description', 'error_uri'];

/** OpenID Connect login (Authorization Code + PKCE S256, state, nonce) for a public browser client. */
export class AccountService {
  private readonly config: AccountConfig;
  private readonly fetch: typeof fetch;
  private readonly storage: KeyValueStorage;
  private readonly persist: boolean;
  private readonly clockTolerance: number;
  private readonly timeoutMs: number;
  private readonly acrValues: Record<TrustLevel, string>;
  private jwks?: JWTVerifyGetKey;
  private discovery?: Promise<Discovery>;
  private current: AccountSession | null = null;
  /** What the caller passed as returnTo for the login that just finished. */
  lastReturnTo?: string;
  /** The prompt of the login that just finished (`none`: it was a silent renewal). */
  lastPrompt?: 'login' | 'none';

  constructor(config: AccountConfig, deps: AccountDeps = {}) {
    this.config = config;
    this.fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = deps.storage ?? globalThis.sessionStorage;
    this.persist = deps.persist ?? true;
    this.jwks = deps.jwks;
    this.clockTolerance = deps.clockTolerance ?? 30;
    this.timeoutMs = deps.timeoutMs ?? 15_000;
    this.acrValues = { ...DEFAULT_ACR_VALUES, ...config.acrValues };
    if (this.persist) this.current = this.restore();
  }

  /** The logged-in session, or null (also null once the ID token has expired). */
  get session(): AccountSession | null {
    if (this.current && this.current.expiresAt <= Date.now()) this.clear();
    return this.current;
  }

  /** Reads the provider's metadata (cached). */
  discover(): Promise<Discovery> {
    this.discovery ??= this.loadDiscovery().catch((e: unknown) => {
      this.discovery = undefined;
      throw e;
    });
    return this.discovery;
  }

  private async loadDiscovery(): Promise<Discovery> {
    const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const res = await this.request(url, {});
    if (!res.ok) throw new AccountError('discovery_failed', { reason: `HTTP ${res.status}` });
    const d = (await res.json().catch(() => null)) as Partial<Discovery> | null;
    if (
      !d ||
      d.issuer !== this.config.issuer ||
      typeof d.authorization_endpoint !== 'string' ||
      typeof d.token_endpoint !== 'string' ||
      typeof d.jwks_uri !== 'string'
    ) {
      throw new AccountError('discovery_failed', { reason: 'metadata incomplete or issuer differs' });
    }
    // The person's browser is sent to two of these (login, logout): only to https, or http on this
    // machine (the demo's provider), never to javascript: or data: from a document gone wrong.
    for (const endpoint of [d.authorization_endpoint, d.token_endpoint, d.jwks_uri, d.end_session_endpoint]) {
      if (endpoint !== undefined && !webAddress(endpoint))
        throw new AccountError('discovery_failed', {
          reason: `not an https address: ${String(endpoint).slice(0, 80)}`,
        });
    }
    return d as Discovery;
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (cause) {
      throw new AccountError('idp_unreachable', { cause });
    }
  }

  /** Builds the authorization URL and remembers state, nonce and code_verifier for the return. */
  async authorizationUrl(opts: LoginOptions = {}): Promise<string> {
    const d = await this.discover();
    // The nonce binds the ID token to the application (the inbox checks it against the submission's key).
    const pending: Pending = {
      state: randomToken(),
      nonce: opts.applicationId ? await nonceFor(opts.applicationId) : randomToken(),
      verifier: randomToken(),
      minLevel: opts.minLevel,
      returnTo: opts.returnTo,
      ...(opts.prompt ? { prompt: opts.prompt } : {}),
    };
    const url = new URL(d.authorization_endpoint);
    const p = url.searchParams;
    p.set('response_type', 'code');
    p.set('client_id', this.config.clientId);
    p.set('redirect_uri', this.config.redirectUri);
    p.set('scope', (this.config.scopes ?? ['openid', 'profile', 'email', 'address']).join(' '));
    p.set('state', pending.state);
    p.set('nonce', pending.nonce);
    p.set('code_challenge', await pkceChallenge(pending.verifier));
    p.set('code_challenge_method', 'S256');
    p.set('ui_locales', opts.locale ?? 'de');
    if (opts.prompt) p.set('prompt', opts.prompt);
    if (opts.minLevel) {
      // "minimum" comparison: every level from the required one upwards is acceptable.
      const acceptable = (['hoch', 'substantiell', 'basisregistriert'] as TrustLevel[]).filter(
        (l) => levelRank(l) >= levelRank(opts.minLevel),
      );
      p.set('acr_values', acceptable.map((l) => this.acrValues[l]).join(' '));
    }
    this.storage.setItem(PENDING_KEY, JSON.stringify(pending));
    return url.href;
  }

  /** True if the URL carries an authorization response (code or error with state). */
  static isCallback(url: string | URL): boolean {
    const p = new URL(url).searchParams;
    return p.has('state') && (p.has('code') || p.has('error'));
  }

  /** The URL without the authorization response parameters (for history.replaceState). */
  static cleanUrl(url: string | URL): string {
    const u = new URL(url);
    for (const k of CALLBACK_PARAMS) u.searchParams.delete(k);
    return u.href;
  }

  /**
   * Finishes the login from the redirect URL: checks state (and iss), exchanges the code with the
   * code_verifier, verifies the ID token, checks the trust level. Throws AccountError.
   */
  async handleRedirect(url: string | URL): Promise<AccountSession> {
    const params = new URL(url).searchParams;
    const raw = this.storage.getItem(PENDING_KEY);
    this.storage.removeItem(PENDING_KEY); // one attempt per login
    const pending = raw ? (JSON.parse(raw) as Pending) : null;
    const state = params.get('state');
    if (!pending || !state || state !== pending.state) throw new AccountError('state_mismatch');
    this.lastReturnTo = pending.returnTo;
    this.lastPrompt = pending.prompt;
    const iss = params.get('iss');
    if (iss !== null && iss !== this.config.issuer) throw new AccountError('issuer_mismatch');
    const error = params.get('error');
    if (error) {
      if (pending.prompt === 'none' && NEEDS_INTERACTION.has(error)) {
        throw new AccountError('renewal_needs_login', { reason: error, requiredLevel: pending.minLevel });
      }
      throw new AccountError(error === 'access_denied' ? 'login_cancelled' : 'idp_error', { reason: error });
    }
    const code = params.get('code');
    if (!code) throw new AccountError('idp_error', { reason: 'no code' });

    const d = await this.discover();
    const res = await this.request(d.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.config.redirectUri,
        client_id: this.config.clientId,
        code_verifier: pending.verifier,
      }),
    });
    const body = (await res.json().catch(() => null)) as {
      id_token?: unknown;
      access_token?: unknown;
      error?: unknown;
    } | null;
    if (!res.ok || !body || typeof body.id_token !== 'string') {
      throw new AccountError('token_exchange_failed', {
        reason: typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`,
      });
    }
    const payload = await this.verifyIdToken(body.id_token, pending.nonce);
    const trustLevel = levelFromAcr(payload.acr, this.acrValues);
    if (pending.minLevel && levelRank(trustLevel) < levelRank(pending.minLevel)) {
      throw new AccountError('acr_too_low', { requiredLevel: pending.minLevel, actualLevel: trustLevel });
    }
    const session: AccountSession = {
      sub: payload.sub as string,
      trustLevel,
      ...(typeof payload.acr === 'string' ? { acr: payload.acr } : {}),
      claims: mapClaims(payload, { ...DEFAULT_CLAIM_MAP, ...this.config.claimMap }),
      idToken: body.id_token,
      expiresAt: localExpiry(payload),
    };
    this.current = session;
    if (this.persist) this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }

  /** Verifies signature (provider JWKS), iss, aud, exp, nonce and azp. */
  async verifyIdToken(idToken: string, nonce: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      if (!this.jwks) {
        const d = await this.discover();
        this.jwks = createRemoteJWKSet(new URL(d.jwks_uri), { [customFetch]: this.fetch });
      }
      ({ payload } = await jwtVerify(idToken, this.jwks, {
        issuer: this.config.issuer,
        audience: this.config.clientId,
        clockTolerance: this.clockTolerance,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (e) {
      if (e instanceof AccountError) throw e;
      if (e instanceof joseErrors.JWKSTimeout || e instanceof TypeError)
        throw new AccountError('idp_unreachable', { cause: e });
      throw new AccountError('invalid_id_token', { reason: idTokenProblem(e), cause: e });
    }
    if (payload.nonce !== nonce)
      throw new AccountError('invalid_id_token', { reason: 'nonce' satisfies IdTokenProblem });
    if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== this.config.clientId) {
      throw new AccountError('invalid_id_token', { reason: 'audience' satisfies IdTokenProblem });
    }
    return payload;
  }

  /**
   * Forgets the tokens (memory and storage) and returns the provider's end-session URL to navigate to
   * (null if the provider has none). The caller decides whether to go there. The URL names the client
   * (`client_id`, OpenID Connect RP-Initiated Logout 1.0), not the ID token (`id_token_hint`): it lands
   * in the browser's history, and the ID token holds the person's name, birth date and address.
   */
  async logout(opts: { postLogoutRedirectUri?: string; locale?: 'de' | 'en' } = {}): Promise<string | null> {
    this.clear();
    let d: Discovery;
    try {
      d = await this.discover();
    } catch {
      return null;
    }
    if (!d.end_session_endpoint) return null;
    const url = new URL(d.end_session_endpoint);
    url.searchParams.set('client_id', this.config.clientId);
    if (opts.postLogoutRedirectUri) url.searchParams.set('post_logout_redirect_uri', opts.postLogoutRedirectUri);
    url.searchParams.set('ui_locales', opts.locale ?? 'de');
    return url.href;
  }

  /** Drops the session without contacting the provider. */
  clear(): void {
    this.current = null;
    this.storage.removeItem(SESSION_KEY);
  }

  /** Drops the session and a login under way ("Daten auf diesem Gerät löschen"). */
  forgetAll(): void {
    this.clear();
    this.storage.removeItem(PENDING_KEY);
  }

  private restore(): AccountSession | null {
    try {
      const raw = this.storage.getItem(SESSION_KEY);
      const s = raw ? (JSON.parse(raw) as AccountSession) : null;
      return s && typeof s.idToken === 'string' && s.expiresAt > Date.now() ? s : null;
    } catch {
      return null;
    }
  }
}

/**
 * When the login runs out, on this device's clock: the token's lifetime (exp − iat) counted from its
 * arrival, so a computer whose clock is off does not move the warning before expiry.
 */
function localExpiry(payload: JWTPayload): number {
  const exp = (payload.exp as number) * 1000;
  const iat = typeof payload.iat === 'number' ? payload.iat * 1000 : undefined;
  return iat === undefined || iat >= exp ? exp : Date.now() + (exp - iat);
}

function idTokenProblem(e: unknown): IdTokenProblem {
  if (e instanceof joseErrors.JWTExpired) return 'expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') return 'issuer';
    if (e.claim === 'aud') return 'audience';
    return 'claims';
  }
  if (
    e instanceof joseErrors.JWSSignatureVerificationFailed ||
    e instanceof joseErrors.JWKSNoMatchingKey ||
    e instanceof joseErrors.JOSEAlgNotAllowed
  )
    return 'signature';
  return 'malformed';
}

/** An https URL, or http on a loopback host. */
function webAddress(value: unknown): boolean {
  try {
    const url = new URL(String(value));
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname))
    );
  } catch {
    return false;
  }
}
