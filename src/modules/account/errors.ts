import type { AccountKind, TrustLevel } from './claims.js';

export type AccountErrorCode =
  | 'discovery_failed'
  | 'idp_unreachable'
  | 'state_mismatch'
  | 'issuer_mismatch'
  | 'login_cancelled'
  | 'idp_error'
  | 'token_exchange_failed'
  | 'invalid_id_token'
  | 'acr_too_low'
  | 'wrong_audience'
  | 'session_expired'
  /** A silent renewal (`prompt=none`) needs the person at the provider: the login must be repeated. */
  | 'renewal_needs_login';

/** Why an ID token was refused (AccountError.reason for code 'invalid_id_token'). */
export type IdTokenProblem = 'signature' | 'issuer' | 'audience' | 'expired' | 'nonce' | 'claims' | 'malformed';

/**
 * A login problem as a descriptor (code and parameters); the login bar turns it into words in the
 * person's language (components/account/texts.ts). `message` is for developers (console, logs).
 */
export class AccountError extends Error {
  readonly code: AccountErrorCode;
  /** Finer cause, e.g. the ID token problem or the provider's error code. */
  readonly reason?: string;
  /** For acr_too_low: the level the application asked for and the one the login had; for
   * session_expired and renewal_needs_login: the level to log in at again. */
  readonly requiredLevel?: TrustLevel;
  readonly actualLevel?: TrustLevel | null;
  /** For wrong_audience: whom the application is for. */
  readonly audience?: AccountKind;

  constructor(
    code: AccountErrorCode,
    opts: {
      reason?: string;
      requiredLevel?: TrustLevel;
      actualLevel?: TrustLevel | null;
      audience?: AccountKind;
      cause?: unknown;
    } = {},
  ) {
    super('', opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AccountError';
    this.code = code;
    this.reason = opts.reason;
    this.requiredLevel = opts.requiredLevel;
    this.actualLevel = opts.actualLevel;
    this.audience = opts.audience;
    const details = [
      opts.reason,
      opts.requiredLevel && `required ${opts.requiredLevel}`,
      opts.actualLevel !== undefined && `got ${opts.actualLevel ?? 'none'}`,
      opts.audience && `for ${opts.audience}`,
    ].filter(Boolean);
    this.message = details.length ? `${code} (${details.join(', ')})` : code;
  }
}
