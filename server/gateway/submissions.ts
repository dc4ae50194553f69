import type { FastifyInstance } from 'fastify';
import { checkCompactJwe } from '../standards/jwe.js';
import { HttpProblem } from '../problem.js';
import type { Gateway, GatewayRow } from './index.js';
import { CaseSecrets } from './secrets.js';
import { attachmentParams, createSubmissionBody, sendBody, submissionParams } from './schemas.js';

interface Destination {
  destinationId: string; encryptionKid: string; replyChannels?: Record<string, unknown>;
  services?: unknown[]; metadataVersions?: string[];
}
interface PublicJwk { kty?: string; n?: string; e?: string; kid?: string; alg?: string; key_ops?: string[] }

const CACHE_MS = 5 * 60 * 1000;

/** Browser-facing submission API: destination info, create -> attachments -> send. */
export async function registerSubmissionApi(r: FastifyInstance, gw: Gateway): Promise<void> {
  const { db, config } = gw.ctx;
  let destCache: { at: number; value: unknown } | undefined;
  const inFlight = new Map<string, Promise<{ code: number; body: unknown }>>();

  r.get('/destination', async () => {
    if (destCache && Date.now() - destCache.at < CACHE_MS) return destCache.value;
    const id = gw.destinationId();
    const dest = await gw.fc.json<Destination>('GET', `destinations/${encodeURIComponent(id)}`);
    const key = await gw.fc.json<PublicJwk>('GET', `destinations/${encodeURIComponent(id)}/keys/${encodeURIComponent(dest.encryptionKid)}`);
    // The server re-checks what the browser will check: an RSA key of >= 4096 bits for wrapKey.
    if (key.kty !== 'RSA' || !key.n || key.n.length < 683 || !key.key_ops?.includes('wrapKey')) {
      throw new HttpProblem(502, 'Bad Gateway', 'destination encryption key is not an RSA-4096 wrapKey key');
    }
    const value = {
      destinationId: dest.destinationId,
      encryptionKey: { kty: key.kty, n: key.n, e: key.e, kid: key.kid, alg: key.alg ?? 'RSA-OAEP-256', key_ops: key.key_ops },
      replyChannels: dest.replyChannels ?? {},
      metadataVersions: dest.metadataVersions ?? [],
      signingJwksUrl: 'gateway/v1/.well-known/jwks.json',
    };
    destCache = { at: Date.now(), value };
    return value;
  });

  r.post<{ Body: { idempotencyKey: string; leika: string; serviceName?: string; announcedAttachments: string[] } }>(
    '/submissions', { schema: { body: createSubmissionBody(config.gateway.maxAttachments) } }, async (req, reply) => {
      const b = req.body;
      const allowed = config.gateway.allowedLeika;
      if (allowed.length && !allowed.includes(b.leika)) {
        throw new HttpProblem(422, 'Unprocessable Content', `LeiKa ${b.leika} is not offered by this gateway`);
      }
      const announced = JSON.stringify(b.announcedAttachments);
      const respond = (row: GatewayRow, code: number) => ({
        code,
        body: {
          submissionId: row.submission_id, caseId: row.case_id, caseSecret: gw.secrets.secretFor(row.case_id),
          sentAttachments: JSON.parse(row.sent_attachments) as string[], sent: row.sent === 1,
        },
      });
      const work = async () => {
        const existing = db.prepare<GatewayRow>('SELECT * FROM gw_submissions WHERE idempotency_key = ?').get(b.idempotencyKey);
        if (existing) {
          if (existing.leika !== b.leika || existing.announced !== announced) {
            throw new HttpProblem(409, 'Conflict', 'idempotency key reused with a different request');
          }
          return respond(existing, 200);
        }
        const created = await gw.fc.json<{ submissionId: string; caseId: string }>('POST', 'submissions', {
          json: {
            destinationId: gw.destinationId(),
            announcedAttachments: b.announcedAttachments,
            serviceType: { ...(b.serviceName ? { name: b.serviceName } : {}), identifier: `urn:de:fim:leika:leistung:${b.leika}` },
          },
        });
        const hash = CaseSecrets.hash(gw.secrets.secretFor(created.caseId));
        db.prepare(`INSERT INTO gw_submissions (idempotency_key, submission_id, case_id, secret_hash, leika, announced, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`).run(b.idempotencyKey, created.submissionId, created.caseId, hash, b.leika, announced, Date.now());
        return respond(db.prepare<GatewayRow>('SELECT * FROM gw_submissions WHERE idempotency_key = ?').get(b.idempotencyKey)!, 201);
      };
      // Serialise requests with the same key so two concurrent retries cannot create two submissions.
      const prev = inFlight.get(b.idempotencyKey) ?? Promise.resolve(undefined);
      const p = prev.catch(() => undefined).then(work);
      inFlight.set(b.idempotencyKey, p);
      try {
        const { code, body } = await p;
        return reply.code(code).send(body);
      } finally {
        if (inFlight.get(b.idempotencyKey) === p) inFlight.delete(b.idempotencyKey);
      }
    });

  r.addContentTypeParser('application/jose', { parseAs: 'string', bodyLimit: config.gateway.maxAttachmentBytes },
    (_req, body, done) => done(null, body));

  r.put<{ Params: { sid: string; aid: string }; Body: string }>('/submissions/:sid/attachments/:aid', {
    bodyLimit: config.gateway.maxAttachmentBytes,
    schema: { params: attachmentParams },
  }, async (req, reply) => {
    if (req.headers['content-type']?.split(';')[0]?.trim() !== 'application/jose') {
      throw new HttpProblem(415, 'Unsupported Media Type', 'attachments are sent as application/jose (JWE compact)');
    }
    const row = gw.authorizeCase(req, { submissionId: req.params.sid });
    if (!(JSON.parse(row.announced) as string[]).includes(req.params.aid)) {
      throw new HttpProblem(404, 'Not Found', 'attachment was not announced');
    }
    const sent = JSON.parse(row.sent_attachments) as string[];
    if (row.sent || sent.includes(req.params.aid)) return reply.code(204).send();
    const bad = checkCompactJwe(req.body);
    if (bad) throw new HttpProblem(400, 'Bad Request', bad);
    // One attachment's size is bounded by bodyLimit (413); all of a submission's together here.
    const others = db.prepare<{ n: number | null }>('SELECT SUM(bytes) AS n FROM gw_attachments WHERE submission_id = ? AND attachment_id != ?')
      .get(row.submission_id, req.params.aid)!.n ?? 0;
    if (others + req.body.length > config.gateway.maxSubmissionBytes) {
      throw new HttpProblem(413, 'Content Too Large',
        `the attachments of one submission may be at most ${config.gateway.maxSubmissionBytes} bytes (encrypted) together`);
    }
    await gw.fc.request('PUT', `submissions/${row.submission_id}/attachments/${req.params.aid}`, {
      body: req.body, contentType: 'application/jose',
    });
    db.transaction(() => {
      const cur = db.prepare<{ sent_attachments: string }>('SELECT sent_attachments FROM gw_submissions WHERE submission_id = ?')
        .get(row.submission_id)!;
      const list = new Set(JSON.parse(cur.sent_attachments) as string[]).add(req.params.aid);
      db.prepare('UPDATE gw_submissions SET sent_attachments = ? WHERE submission_id = ?').run(JSON.stringify([...list]), row.submission_id);
      db.prepare('INSERT OR REPLACE INTO gw_attachments (submission_id, attachment_id, bytes) VALUES (?, ?, ?)')
        .run(row.submission_id, req.params.aid, req.body.length);
    })();
    return reply.code(204).send();
  });

  r.put<{ Params: { sid: string }; Body: { encryptedMetadata: string; encryptedData: string } }>('/submissions/:sid', {
    bodyLimit: config.gateway.maxPayloadBytes,
    schema: { params: submissionParams, body: sendBody },
  }, async (req, reply) => {
    const row = gw.authorizeCase(req, { submissionId: req.params.sid });
    const result = { submissionId: row.submission_id, caseId: row.case_id, status: 'submitted' };
    if (row.sent) return reply.code(200).send(result);
    for (const [k, v] of Object.entries(req.body)) {
      const bad = checkCompactJwe(v);
      if (bad) throw new HttpProblem(400, 'Bad Request', `${k}: ${bad}`);
    }
    const missing = (JSON.parse(row.announced) as string[]).filter((a) => !(JSON.parse(row.sent_attachments) as string[]).includes(a));
    if (missing.length) {
      throw new HttpProblem(409, 'Conflict', 'announced attachments not yet uploaded', { missingAttachments: missing });
    }
    await gw.fc.request('PUT', `submissions/${row.submission_id}`, { json: req.body });
    db.prepare('UPDATE gw_submissions SET sent = 1 WHERE submission_id = ?').run(row.submission_id);
    return reply.code(202).send(result);
  });
}
