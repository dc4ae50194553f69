import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Compares two secrets in constant time (hashed first, so their lengths do not show either). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * The token endpoint of a local stand-in (FIT-Connect, XBezahldienste provider): OAuth2
 * client_credentials (RFC 6749 4.4) for one client, authenticated by Basic header or form fields;
 * the access tokens it issued live in memory (a restart logs clients out, they fetch a new token).
 */
export class ClientCredentialsTokens {
  private readonly issued = new Map<string, { clientId: string; exp: number }>();

  constructor(
    private readonly client: { clientId: string; clientSecret: string },
    private readonly lifetimeS = 1800,
  ) {}

  /** Answers POST /token (the body parsed from application/x-www-form-urlencoded). */
  token(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: (form: Record<string, string>) => Record<string, unknown> = () => ({}),
  ) {
    const form = (req.body ?? {}) as Record<string, string>;
    let clientId = form.client_id ?? '';
    let clientSecret = form.client_secret ?? '';
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    reply.header('cache-control', 'no-store');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      try {
        clientId = decodeURIComponent(id ?? '');
        clientSecret = decodeURIComponent(secret ?? '');
      } catch {
        // A malformed header is a failed login, not a server error.
        req.log.warn({ event: 'client-login-failed' }, 'malformed Basic authorization');
        return reply.code(401).send({ error: 'invalid_client' });
      }
    }
    if (form.grant_type !== 'client_credentials') return reply.code(400).send({ error: 'unsupported_grant_type' });
    if (!(sameSecret(clientId, this.client.clientId) && sameSecret(clientSecret, this.client.clientSecret))) {
      req.log.warn({ event: 'client-login-failed' }, 'wrong client credentials');
      return reply.code(401).send({ error: 'invalid_client' });
    }
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    for (const [k, v] of this.issued) if (v.exp < now) this.issued.delete(k);
    this.issued.set(token, { clientId, exp: now + this.lifetimeS * 1000 });
    return reply.send({ access_token: token, token_type: 'Bearer', expires_in: this.lifetimeS, ...extra(form) });
  }

  /** The client of a valid, unexpired bearer token in `authorization`, or undefined. */
  clientOf(authorization: string | undefined): string | undefined {
    const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    const t = m ? this.issued.get(m[1]!) : undefined;
    return t && t.exp >= Date.now() ? t.clientId : undefined;
  }
}
