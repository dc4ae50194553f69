import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db.js';
import { HttpProblem } from '../../problem.js';
import { STANDIN_PATHS, type ServerConfig } from '../../config.js';
import { ClientCredentialsTokens } from '../client-credentials.js';
import { loadOrCreateKeys, type StandInKeys } from './keys.js';
import { registerSubmissionRoutes } from './submissions.js';

/** Prefix under which the stand-in is mounted on this server. */
export const STANDIN_PREFIX = STANDIN_PATHS.fitconnect;
const TOKEN_LIFETIME_S = 1800;

export interface StandIn {
  keys: StandInKeys;
  destinationId: string;
  destination: Record<string, unknown>;
  /** Returns the client id of a valid bearer token or throws 401. */
  authenticate(req: FastifyRequest): string;
  /** Issuer used in the SETs the stand-in (as Zustelldienst) signs. */
  issuer(): string;
  /** The token endpoint and the access tokens it issued. */
  tokens: ClientCredentialsTokens;
}

export async function createStandIn(config: ServerConfig, db: Db, selfUrl: () => string): Promise<StandIn> {
  const keys = await loadOrCreateKeys(config.dataDir);
  let destinationId = (
    db.prepare('SELECT value FROM fc_meta WHERE key = ?').get('destinationId') as { value: string } | undefined
  )?.value;
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
    services: [
      {
        identifier: 'urn:de:fim:leika:leistung:*',
        submissionSchemas: [{ schemaUri: 'https://schema.fitko.de/fim/*', mimeType: 'application/json' }],
        regions: ['urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:000000000000'],
      },
    ],
    replyChannels: { eMail: { usePgp: false }, fitConnect: { processStandards: [] }, idBundDeMailbox: {} },
  };
  const tokens = new ClientCredentialsTokens(config.standIn, TOKEN_LIFETIME_S);
  return {
    keys,
    destinationId,
    destination,
    issuer: () => new URL(STANDIN_PREFIX.slice(1), selfUrl()).href,
    authenticate(req) {
      const clientId = tokens.clientOf(req.headers.authorization);
      if (clientId === undefined)
        throw new HttpProblem(401, 'Unauthorized', 'missing, invalid or expired access token');
      return clientId;
    },
    tokens,
  };
}

export async function registerStandIn(
  app: FastifyInstance,
  config: ServerConfig,
  standIn: StandIn,
  db: Db,
): Promise<void> {
  const { tokens } = standIn;
  // Like FIT-Connect, incomplete submissions (and their attachments) are deleted after a while.
  const expire = () =>
    db
      .prepare("DELETE FROM fc_submissions WHERE status = 'incomplete' AND created_at < ?")
      .run(Date.now() - config.gateway.unsentTtlHours * 3600_000);
  const sweep = setInterval(expire, 15 * 60_000);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
  });
  expire();
  await app.register(
    async (r) => {
      r.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 8192 },
        (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );

      // OAuth2 client_credentials (RFC 6749 4.4); client authentication by Basic header or form fields.
      r.post('/token', async (req, reply) => tokens.token(req, reply, (form) => ({ scope: form.scope ?? '' })));

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
    },
    { prefix: STANDIN_PREFIX },
  );
}
