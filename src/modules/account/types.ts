/** The shapes of the OpenID Connect login: its configuration, what it needs, the session it gives. */
import type { JWTVerifyGetKey } from 'jose';
import type { ClaimMap, TrustLevel } from './claims.js';

export interface AccountConfig {
  /** Issuer identifier of the OpenID provider (discovery: <issuer>/.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  /** Where the provider sends the browser back (must be registered at the provider). */
  redirectUri: string;
  scopes?: string[];
  /** Overrides/additions to DEFAULT_CLAIM_MAP. */
  claimMap?: ClaimMap;
  /** acr value per trust level (default: STORK-QAA-Level-1/3/4). */
  acrValues?: Partial<Record<TrustLevel, string>>;
}

/** Minimal Web Storage (sessionStorage or a shim). Never pass localStorage: tokens must not outlive the tab. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface AccountDeps {
  fetch?: typeof fetch;
  /** Default: sessionStorage. Holds the pending login (state, nonce, verifier) and, if persist, the session. */
  storage?: KeyValueStorage;
  /** Keep the session in storage (survives reloads of this tab) or only in memory. Default true. */
  persist?: boolean;
  /** Keys for ID token signatures; default: the provider's jwks_uri. */
  jwks?: JWTVerifyGetKey;
  /** Allowed clock skew in seconds. Default 30. */
  clockTolerance?: number;
  /** Network timeout in ms. Default 15000. */
  timeoutMs?: number;
}

export interface AccountSession {
  /** Subject at the provider (pseudonymous id). */
  sub: string;
  trustLevel: TrustLevel | null;
  acr?: string;
  /** The person's (or company's) claims under canonical names (see ClaimMap). */
  claims: Record<string, unknown>;
  idToken: string;
  /** ID token expiry, ms since epoch. */
  expiresAt: number;
}

export interface LoginOptions {
  /** Minimum trust level the application needs (sent as acr_values, checked on return). */
  minLevel?: TrustLevel;
  /** Language of the provider's pages (ui_locales). Default 'de'. */
  locale?: 'de' | 'en';
  /** Anything the caller wants back after the redirect (e.g. the form step). */
  returnTo?: string;
  /** `login`: the provider asks who logs in even if a session exists there (after a login with the
   * wrong kind of account, the person must be able to choose another). `none`: a silent renewal —
   * the provider answers at once from its session, or with `login_required` when it needs the person. */
  prompt?: 'login' | 'none';
  /** The application this login is for (Draft.applicationId, also the submission's idempotency key),
   * so the login's nonce can be bound to it. */
  applicationId?: string;
}
