import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { FIT_CONNECT_EVENT_BASE, type VerifiedEvent } from './status.js';

/**
 * Verifies one Security Event Token as FIT-Connect issues them: JWS with alg PS512, typ secevent+jwt,
 * a key from the published JWKS, txn "case:<caseId>", sub "submission:<id>", exactly one FIT-Connect
 * event. Returns null for anything else (invalid tokens are ignored, never shown).
 */
export async function verifySet(token: string, jwks: JSONWebKeySet, caseId: string): Promise<VerifiedEvent | null> {
  try {
    const keys = createLocalJWKSet(jwks);
    const { payload, protectedHeader } = await compactVerify(token, keys, { algorithms: ['PS512'] });
    if (protectedHeader.typ !== 'secevent+jwt') return null;
    const p = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    if (p.txn !== `case:${caseId}`) return null;
    if (typeof p.sub !== 'string' || !p.sub.startsWith('submission:')) return null;
    if (typeof p.jti !== 'string' || typeof p.iat !== 'number' || typeof p.iss !== 'string') return null;
    const events = p.events as Record<string, unknown> | undefined;
    const names = events && typeof events === 'object' ? Object.keys(events) : [];
    if (names.length !== 1 || !names[0]!.startsWith(FIT_CONNECT_EVENT_BASE)) return null;
    const details = events![names[0]!];
    return {
      jti: p.jti,
      event: names[0]!.slice(FIT_CONNECT_EVENT_BASE.length),
      issuedAt: new Date(p.iat * 1000),
      submissionId: p.sub.slice('submission:'.length),
      caseId,
      issuer: p.iss,
      details: details && typeof details === 'object' ? (details as Record<string, unknown>) : {},
    };
  } catch {
    return null;
  }
}
