import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_CLAIM_MAP, levelFromAcr, mapClaims, type ClaimMap } from 'ozg-form/rules';
import type { ServerContext } from '../../context.js';

/** What the inbox says about one `authenticationInformation` entry of a submission's metadata. */
export interface AuthenticationCheck {
  type: string;
  /** Signature, issuer and audience checked against the trusted provider; expiry checked at the time of submission. */
  verified: boolean;
  /** Why it could not be verified (when verified is false). */
  problem?: string;
  subject?: string;
  trustLevel?: string | null;
  /** The person (given and family name) or the company of a business account. */
  name?: string;
  kind?: 'citizen' | 'business';
  /** The ID token's nonce (the login binds it to an application). */
  nonce?: string;
  /** Whether the nonce is the one derived from this application's key (set by the inbox). */
  boundToApplication?: boolean;
}

interface TrustedProvider {
  issuer: string;
  audience: string;
  claimMap: ClaimMap;
}

/** The OpenID provider whose logins the authority trusts: the configured one, else the built-in one. */
export function trustedProvider(ctx: ServerContext): TrustedProvider {
  const { config } = ctx;
  const issuer = config.account.issuer ?? config.idp.issuer ?? new URL('idp', ctx.selfUrl()).href;
  return {
    issuer,
    audience: config.account.clientId ?? config.idp.clientId,
    claimMap: { ...DEFAULT_CLAIM_MAP, ...config.account.claimMap },
  };
}

const jwksCache = new Map<string, JWTVerifyGetKey>();

async function keysOf(issuer: string): Promise<JWTVerifyGetKey> {
  let keys = jwksCache.get(issuer);
  if (!keys) {
    const res = await fetch(new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`), {
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`discovery answered ${res.status}`);
    const { jwks_uri: uri } = (await res.json()) as { jwks_uri?: string };
    if (!uri) throw new Error('the provider names no jwks_uri');
    keys = createRemoteJWKSet(new URL(uri));
    jwksCache.set(issuer, keys);
  }
  return keys;
}

/**
 * Verifies the `identificationReport` entries (the provider's signed ID token) of decrypted metadata:
 * signature with the provider's published keys, issuer, audience, and that the token was valid when
 * the application was submitted. Never throws; each entry gets `verified` and, if not, a reason.
 */
export async function checkAuthentication(
  metadata: Record<string, unknown>,
  provider: TrustedProvider,
  submittedAt: Date,
): Promise<AuthenticationCheck[]> {
  const entries = Array.isArray(metadata.authenticationInformation)
    ? (metadata.authenticationInformation as unknown[])
    : [];
  const out: AuthenticationCheck[] = [];
  for (const entry of entries) {
    const e = (entry ?? {}) as { type?: unknown; content?: unknown };
    const type = typeof e.type === 'string' ? e.type : 'unknown';
    if (type !== 'identificationReport' || typeof e.content !== 'string') {
      out.push({ type, verified: false, problem: 'unsupported type' });
      continue;
    }
    try {
      const { payload } = await jwtVerify(e.content, await keysOf(provider.issuer), {
        issuer: provider.issuer,
        audience: provider.audience,
        currentDate: submittedAt,
        clockTolerance: 60,
        requiredClaims: ['sub', 'iat', 'exp'],
      });
      const claims = mapClaims(payload as Record<string, unknown>, provider.claimMap);
      const person = [claims.given_name, claims.family_name].filter((v) => typeof v === 'string').join(' ');
      const company = typeof claims.company_name === 'string' ? claims.company_name : '';
      out.push({
        type,
        verified: true,
        subject: payload.sub,
        trustLevel: levelFromAcr(payload.acr),
        name: company || person || undefined,
        kind: company ? 'business' : 'citizen',
        nonce: typeof payload.nonce === 'string' ? payload.nonce : undefined,
      });
    } catch (error) {
      const problem =
        error instanceof joseErrors.JWTExpired
          ? 'expired before submission'
          : error instanceof joseErrors.JWTClaimValidationFailed
            ? `claim ${error.claim} invalid`
            : error instanceof joseErrors.JWSSignatureVerificationFailed ||
                error instanceof joseErrors.JWKSNoMatchingKey
              ? 'signature invalid'
              : `not verifiable: ${error instanceof Error ? error.message : String(error)}`;
      out.push({ type, verified: false, problem });
    }
  }
  return out;
}
