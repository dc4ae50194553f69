import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkCompactJwe } from '../standards/jwe.js';
import { HttpProblem } from '../problem.js';
import { registerAttachmentUpload } from './attachments.js';
import { limit } from '../security.js';
import type { Gateway, GatewayRow } from './index.js';
import { Cached, KeyedQueue } from './requests.js';
import { CaseSecrets } from './secrets.js';
import { createSubmissionBody, sendBody, submissionParams } from './schemas.js';

interface CreateBody {
  idempotencyKey: string;
  leika: string;
  serviceName?: string;
  announcedAttachments: string[];
  paymentKey?: string;
  formId?: string;
  definitionHash?: string;
}
interface Intent {
  idempotency_key: string;
  request: string;
  case_id: string;
  created_at: number;
}

interface Destination {
  destinationId: string;
  encryptionKid: string;
  replyChannels?: Record<string, unknown>;
  services?: unknown[];
  metadataVersions?: string[];
}
interface PublicJwk {
  kty?: string;
  n?: string;
  e?: string;
  kid?: string;
  alg?: string;
  key_ops?: string[];
}

const CACHE_MS = 5 * 60 * 1000;

/** Browser-facing submission API: destination info, create -> attachments -> send. */
export async function registerSubmissionApi(r: FastifyInstance, gw: Gateway): Promise<void> {
  const { db, config } = gw.ctx;
  const queue = new KeyedQueue();

  const destination = new Cached(async () => {
    const id = gw.destinationId();
    const dest = await gw.fc.json<Destination>('GET', `destinations/${encodeURIComponent(id)}`);
    const key = await gw.fc.json<PublicJwk>(
      'GET',
      `destinations/${encodeURIComponent(id)}/keys/${encodeURIComponent(dest.encryptionKid)}`,
    );
    // The server re-checks what the browser will check: an RSA key of >= 4096 bits for wrapKey.
    if (key.kty !== 'RSA' || !key.n || key.n.length < 683 || !key.key_ops?.includes('wrapKey')) {
      throw new HttpProblem(502, 'Bad Gateway', 'destination encryption key is not an RSA-4096 wrapKey key');
    }
    return {
      destinationId: dest.destinationId,
      encryptionKey: {
        kty: key.kty,
        n: key.n,
        e: key.e,
        kid: key.kid,
        alg: key.alg ?? 'RSA-OAEP-256',
        key_ops: key.key_ops,
      },
      replyChannels: dest.replyChannels ?? {},
      metadataVersions: dest.metadataVersions ?? [],
      signingJwksUrl: 'gateway/v1/.well-known/jwks.json',
    };
  }, CACHE_MS);
  // Anonymous, and FIT-Connect is asked when the copy is old: limited like the case routes.
  r.get('/destination', { config: limit(config.rateLimits.cases) }, () => destination.get());

  r.post<{ Body: CreateBody }>(
    '/submissions',
    {
      config: limit(config.rateLimits.submissions),
      schema: { body: createSubmissionBody(config.gateway.maxAttachments) },
    },
    async (req, reply) => {
      const b = req.body;
      const allowed = config.gateway.allowedLeika;
      if (allowed.length && !allowed.includes(b.leika)) {
        throw new HttpProblem(422, 'Unprocessable Content', `LeiKa ${b.leika} is not offered by this gateway`);
      }
      const announced = JSON.stringify(b.announcedAttachments);
      // The whole request: a retry must be this request again, not another one under the same key.
      const request = JSON.stringify({
        leika: b.leika,
        serviceName: b.serviceName ?? null,
        announced: b.announcedAttachments,
        paymentKey: b.paymentKey ?? null,
        formId: b.formId ?? null,
        definitionHash: b.definitionHash ?? null,
      });
      // The version a hash names; a retry without a hash names no version of its own.
      const sameVersion = (r: GatewayRow) =>
        b.definitionHash === undefined ||
        (b.formId !== undefined && gw.forms.byHash(b.formId, b.definitionHash)?.version === r.form_version);
      const sameRequest = (r: GatewayRow) =>
        r.leika === b.leika &&
        r.announced === announced &&
        (r.service_name ?? null) === (b.serviceName ?? null) &&
        (r.payment_key ?? null) === (b.paymentKey ?? null) &&
        (r.form_id ?? null) === (b.formId ?? null) &&
        sameVersion(r);
      const respond = (row: GatewayRow, code: number) => ({
        code,
        body: {
          submissionId: row.submission_id,
          caseId: row.case_id,
          caseSecret: gw.secrets.secretFor(row.case_id),
          sentAttachments: JSON.parse(row.sent_attachments) as string[],
          sent: row.sent === 1,
        },
      });
      const conflict = () =>
        new HttpProblem(409, 'Conflict', 'idempotency key reused with a different request', {
          code: 'IDEMPOTENCY_CONFLICT',
        });
      const work = async () => {
        const existing = db
          .prepare<GatewayRow>('SELECT * FROM gw_submissions WHERE idempotency_key = ?')
          .get(b.idempotencyKey);
        if (existing) {
          if (!sameRequest(existing)) throw conflict();
          return respond(existing, 200);
        }
        // A page that loaded a published form says which version: only the current one is accepted.
        const form = b.formId ? gw.forms.current(b.formId, b.definitionHash) : undefined;
        if (form && gw.forms.leikaOf(form.formId) !== b.leika) {
          throw new HttpProblem(422, 'Unprocessable Content', "the LeiKa key is not the published form's", {
            code: 'INVALID_ANSWERS',
          });
        }
        // The intent is written (and synced) before FIT-Connect is asked, with the case id chosen here: after a
        // crash between the two, the retry finds the submission upstream in that case instead of creating another.
        let intent = db.prepare<Intent>('SELECT * FROM gw_intents WHERE idempotency_key = ?').get(b.idempotencyKey);
        if (intent && intent.request !== request) throw conflict();
        let created: { submissionId: string; caseId: string } | undefined;
        if (intent) created = await upstreamSubmissionOf(intent.case_id);
        else {
          intent = { idempotency_key: b.idempotencyKey, request, case_id: randomUUID(), created_at: Date.now() };
          db.prepare('INSERT INTO gw_intents (idempotency_key, request, case_id, created_at) VALUES (?, ?, ?, ?)').run(
            intent.idempotency_key,
            intent.request,
            intent.case_id,
            intent.created_at,
          );
        }
        created ??= await gw.fc.json<{ submissionId: string; caseId: string }>('POST', 'submissions', {
          json: {
            destinationId: gw.destinationId(),
            announcedAttachments: b.announcedAttachments,
            serviceType: {
              ...(b.serviceName ? { name: b.serviceName } : {}),
              identifier: `urn:de:fim:leika:leistung:${b.leika}`,
            },
            caseId: intent.case_id,
          },
        });
        const hash = CaseSecrets.hash(gw.secrets.secretFor(created.caseId));
        db.transaction(() => {
          db.prepare(
            `INSERT INTO gw_submissions (idempotency_key, submission_id, case_id, secret_hash, leika, announced, created_at,
            service_name, payment_key, form_id, form_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            b.idempotencyKey,
            created.submissionId,
            created.caseId,
            hash,
            b.leika,
            announced,
            Date.now(),
            b.serviceName ?? null,
            b.paymentKey ?? null,
            form?.formId ?? null,
            form?.version ?? null,
          );
          db.prepare('DELETE FROM gw_intents WHERE idempotency_key = ?').run(b.idempotencyKey);
        })();
        return respond(
          db.prepare<GatewayRow>('SELECT * FROM gw_submissions WHERE idempotency_key = ?').get(b.idempotencyKey)!,
          201,
        );
      };
      // One at a time per key, so two concurrent retries cannot create two submissions.
      const { code, body } = await queue.run(b.idempotencyKey, work);
      return reply.code(code).send(body);
    },
  );

  /** The submission an earlier attempt created in this case, from the case's event log (create-submission SET). */
  const upstreamSubmissionOf = async (
    caseId: string,
  ): Promise<{ submissionId: string; caseId: string } | undefined> => {
    let log: { eventLog?: string[] };
    try {
      log = await gw.fc.json<{ eventLog?: string[] }>('GET', `cases/${caseId}/events`);
    } catch (error) {
      if (error instanceof HttpProblem && error.extra.upstreamStatus === 404) return undefined;
      throw error;
    }
    for (const token of log.eventLog ?? []) {
      try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
          sub?: string;
          events?: object;
        };
        if (
          payload.sub?.startsWith('submission:') &&
          Object.keys(payload.events ?? {}).some((e) => e.endsWith('/create-submission'))
        ) {
          return { submissionId: payload.sub.slice('submission:'.length), caseId };
        }
      } catch {
        /* not a SET */
      }
    }
    return undefined;
  };

  registerAttachmentUpload(r, gw);

  r.put<{ Params: { sid: string }; Body: { encryptedMetadata: string; encryptedData: string } }>(
    '/submissions/:sid',
    {
      bodyLimit: config.gateway.maxPayloadBytes,
      config: limit(config.rateLimits.cases),
      schema: { params: submissionParams, body: sendBody },
      // The case secret is checked before the body (up to maxPayloadBytes) is read.
      preParsing: async (req: FastifyRequest<{ Params: { sid: string } }>) => {
        gw.authorizeCase(req, { submissionId: req.params.sid });
      },
    },
    // One send at a time per application: a second (double click, retry) waits and finds it sent.
    async (req, reply) => queue.run(`send:${req.params.sid}`, () => send(req, reply)),
  );

  const send = async (
    req: FastifyRequest<{ Params: { sid: string }; Body: { encryptedMetadata: string; encryptedData: string } }>,
    reply: FastifyReply,
  ) => {
    const row = gw.authorizeCase(req, { submissionId: req.params.sid });
    const result = { submissionId: row.submission_id, caseId: row.case_id, status: 'submitted' };
    if (row.sent) return reply.code(200).send(result);
    for (const [k, v] of Object.entries(req.body)) {
      const bad = checkCompactJwe(v);
      if (bad) throw new HttpProblem(400, 'Bad Request', `${k}: ${bad}`);
    }
    const missing = (JSON.parse(row.announced) as string[]).filter(
      (a) => !(JSON.parse(row.sent_attachments) as string[]).includes(a),
    );
    if (missing.length) {
      throw new HttpProblem(409, 'Conflict', 'announced attachments not yet uploaded', {
        missingAttachments: missing,
      });
    }
    await gw.payments.bind(row);
    try {
      await gw.fc.request('PUT', `submissions/${row.submission_id}`, { json: req.body });
    } catch (error) {
      // Sent by an earlier attempt whose answer was lost (crash, timeout): upstream is past 'incomplete'.
      if (!(error instanceof HttpProblem && error.extra.upstreamStatus === 409)) throw error;
      const upstream = await gw.fc.json<{ status?: string }>('GET', `submissions/${row.submission_id}`);
      if (!upstream.status || upstream.status === 'incomplete') throw error;
    }
    db.prepare('UPDATE gw_submissions SET sent = 1 WHERE submission_id = ?').run(row.submission_id);
    return reply.code(202).send(result);
  };
}
