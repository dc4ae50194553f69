import { randomBytes, randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db.js';
import { HttpProblem } from '../problem.js';
import type { ServerConfig } from '../config.js';
import { loadOrCreateKeys, type StandInKeys } from './keys.js';
import { registerSubmissionRoutes } from './submissions.js';

/** Prefix under which the stand-in is mounted on this server. */
export const STANDIN_PREFIX = '/fitconnect';
const TOKEN_LIFETIME_S = 1800;

export interface StandIn {
  keys: StandInKeys;
  destinationId: string;
  destination: Record<string, unknown>;
  /** Returns the client id of a valid bearer token or throws 401. */
  authenticate(req: FastifyRequest): string;
  /** Issuer used in the SETs the stand-in (as Zustelldienst) signs. */
  issuer(): string;
  /** Issued access tokens (in memory: a restart logs clients out, they fetch a new token). */
  tokens: Map<string, { clientId: string; exp: number }>;
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export async function createStandIn(config: ServerConfig, db: Db, selfUrl: () => string): Promise<StandIn> {
  const keys = await loadOrCreateKeys(config.dataDir);
  let destinationId = (db.prepare('SELECT value FROM fc_meta WHERE key = ?').get('destinationId') as
    { value: string } | undefined)?.value;
  if (!destinationId) {
    destinationId = randomUUID();
    db.prepare('INSERT INTO fc_meta (key, value) VALUES (?, ?)').run('destinationId', destinationId);
  }
  const destination = {
    destinationId,
    status: 'active',
    encryptionKid: keys.encryption.kid,
    metadataVersions: ['1.0.0', '1.1.0', '1.2.0'],
    // The stand-in accepts any LeiKa key; a real destination lists its services here.
    services: [{
      identifier: 'urn:de:fim:leika:leistung:*',
      submissionSchemas: [{ schemaUri: 'https://schema.fitko.de/fim/*', mimeType: 'application/json' }],
      regions: ['urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:000000000000'],
    }],
    replyChannels: { eMail: { usePgp: false }, fitConnect: { processStandards: [] }, idBundDeMailbox: {} },
  };
  const tokens = new Map<string, { clientId: string; exp: number }>();
  return {
    keys,
    destinationId,
    destination,
    issuer: () => new URL(STANDIN_PREFIX.slice(1), selfUrl()).href,
    authenticate(req) {
      const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.headers.authorization ?? '');
      const t = m ? tokens.get(m[1]!) : undefined;
      if (!t || t.exp < Date.now()) throw new HttpProblem(401, 'Unauthorized', 'missing, invalid or expired access token');
      return t.clientId;
    },
    tokens,
  };
}

export async function registerStandIn(app: FastifyInstance, config: ServerConfig, standIn: StandIn, db: Db): Promise<void> {
  const { tokens } = standIn;
  await app.register(async (r) => {
    r.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));

    // OAuth2 client_credentials (RFC 6749 4.4); client authentication by Basic header or form fields.
    r.post('/token', async (req, reply) => {
      const form = (req.body ?? {}) as Record<string, string>;
      let clientId = form.client_id ?? '';
      let clientSecret = form.client_secret ?? '';
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      if (basic) {
        const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
        clientId = decodeURIComponent(id ?? '');
        clientSecret = decodeURIComponent(secret ?? '');
      }
      reply.header('cache-control', 'no-store');
      if (form.grant_type !== 'client_credentials') {
        return reply.code(400).send({ error: 'unsupported_grant_type' });
      }
      const ok = sameSecret(clientId, config.standIn.clientId) && sameSecret(clientSecret, config.standIn.clientSecret);
      if (!ok) return reply.code(401).send({ error: 'invalid_client' });
      const token = randomBytes(32).toString('base64url');
      const now = Date.now();
      for (const [k, v] of tokens) if (v.exp < now) tokens.delete(k);
      tokens.set(token, { clientId, exp: now + TOKEN_LIFETIME_S * 1000 });
      return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S, scope: form.scope ?? '' };
    });

    // Keys that sign the SETs (public parts only).
    r.get('/.well-known/jwks.json', async () => ({ keys: [standIn.keys.signing.publicJwk] }));

    r.get<{ Params: { id: string } }>('/v1/destinations/:id', async (req) => {
      standIn.authenticate(req);
      if (req.params.id !== standIn.destinationId) throw new HttpProblem(404, 'Not Found', 'unknown destination');
      return standIn.destination;
    });

    r.get<{ Params: { id: string; kid: string } }>('/v1/destinations/:id/keys/:kid', async (req) => {
      standIn.authenticate(req);
      if (req.params.id !== standIn.destinationId) throw new HttpProblem(404, 'Not Found', 'unknown destination');
      const k = [standIn.keys.encryption, standIn.keys.signing].find((x) => x.kid === req.params.kid);
      if (!k) throw new HttpProblem(404, 'Not Found', 'unknown key');
      return k.publicJwk;
    });

    await registerSubmissionRoutes(r, config, standIn, db);
  }, { prefix: STANDIN_PREFIX });
}
