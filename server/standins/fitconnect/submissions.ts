import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { FIT_CONNECT_LIMITS, type ServerConfig } from '../../config.js';
import type { Db } from '../../db.js';
import { checkCompactJwe } from '../../standards/jwe.js';
import { HttpProblem } from '../../problem.js';
import { recordEvent } from './events.js';
import { addReply, MESSAGE_BODY } from './replies.js';
import type { StandIn } from './standin.js';

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
const JWE = { type: 'string', minLength: 1 } as const;

interface SubmissionRow {
  id: string;
  case_id: string;
  destination_id: string;
  client_id: string;
  service_name: string | null;
  service_identifier: string;
  announced: string;
  status: string;
  encrypted_metadata: string | null;
  encrypted_data: string | null;
  created_at: number;
  submitted_at: number | null;
}

/** The subset of the FIT-Connect Submission API v1 the gateway uses, plus the reply extension. */
export async function registerSubmissionRoutes(
  r: FastifyInstance,
  config: ServerConfig,
  standIn: StandIn,
  db: Db,
): Promise<void> {
  const signer = standIn.keys.signing;
  const own = (clientId: string, sid: string): SubmissionRow => {
    const row = db.prepare<SubmissionRow>('SELECT * FROM fc_submissions WHERE id = ?').get(sid);
    if (!row || row.client_id !== clientId) throw new HttpProblem(404, 'Not Found', 'unknown submission');
    return row;
  };
  const ownCase = (clientId: string, caseId: string): SubmissionRow => {
    const row = db
      .prepare<SubmissionRow>('SELECT * FROM fc_submissions WHERE case_id = ? ORDER BY created_at LIMIT 1')
      .get(caseId);
    if (!row || row.client_id !== clientId) throw new HttpProblem(404, 'Not Found', 'unknown case');
    return row;
  };

  r.post<{
    Body: {
      destinationId: string;
      announcedAttachments?: string[];
      serviceType: { name?: string; identifier: string };
      caseId?: string;
    };
  }>(
    '/v1/submissions',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['destinationId', 'serviceType'],
          properties: {
            destinationId: { type: 'string', pattern: UUID },
            announcedAttachments: {
              type: 'array',
              maxItems: FIT_CONNECT_LIMITS.attachments,
              uniqueItems: true,
              items: { type: 'string', pattern: UUID },
            },
            serviceType: {
              type: 'object',
              required: ['identifier'],
              additionalProperties: false,
              properties: {
                name: { type: 'string', maxLength: 255 },
                identifier: { type: 'string', pattern: '^urn:de:fim:leika:leistung:99[0-9]{12}$' },
              },
            },
            caseId: { type: 'string', pattern: UUID },
          },
        },
      },
    },
    async (req, reply) => {
      const clientId = standIn.authenticate(req);
      if (req.body.destinationId !== standIn.destinationId)
        throw new HttpProblem(404, 'Not Found', 'unknown destination');
      const id = randomUUID();
      const caseId = req.body.caseId ?? randomUUID();
      db.prepare(
        `INSERT INTO fc_submissions (id, case_id, destination_id, client_id, service_name, service_identifier,
        announced, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'incomplete', ?)`,
      ).run(
        id,
        caseId,
        req.body.destinationId,
        clientId,
        req.body.serviceType.name ?? null,
        req.body.serviceType.identifier,
        JSON.stringify(req.body.announcedAttachments ?? []),
        Date.now(),
      );
      await recordEvent(db, signer, { iss: standIn.issuer(), submissionId: id, caseId, event: 'create-submission' });
      return reply.code(201).send({ destinationId: req.body.destinationId, submissionId: id, caseId });
    },
  );

  // FIT-Connect's own limits, not the gateway's: the stand-in plays the real service.
  r.addContentTypeParser(
    'application/jose',
    { parseAs: 'string', bodyLimit: FIT_CONNECT_LIMITS.attachmentBytes },
    (_req, body, done) => done(null, body),
  );

  r.put<{ Params: { sid: string; aid: string }; Body: string }>(
    '/v1/submissions/:sid/attachments/:aid',
    {
      bodyLimit: FIT_CONNECT_LIMITS.attachmentBytes,
      // The client and the size are checked before the body is read (only its one client reaches the buffer).
      onRequest: async (req) => {
        standIn.authenticate(req);
        const length = Number(req.headers['content-length']);
        if (Number.isSafeInteger(length) && length > FIT_CONNECT_LIMITS.attachmentBytes) {
          throw new HttpProblem(413, 'Content Too Large', 'an attachment may be at most 500 MB');
        }
      },
    },
    async (req, reply) => {
      const clientId = standIn.authenticate(req);
      const sub = own(clientId, req.params.sid);
      if (sub.status !== 'incomplete') throw new HttpProblem(409, 'Conflict', 'submission already sent');
      if (!(JSON.parse(sub.announced) as string[]).includes(req.params.aid)) {
        throw new HttpProblem(404, 'Not Found', 'attachment was not announced');
      }
      if (req.headers['content-type']?.split(';')[0] !== 'application/jose')
        throw new HttpProblem(415, 'Unsupported Media Type');
      const bad = checkCompactJwe(String(req.body ?? ''));
      if (bad) throw new HttpProblem(400, 'Bad Request', bad);
      const others =
        db
          .prepare<{ n: number | null }>(
            'SELECT SUM(length(jwe)) AS n FROM fc_attachments WHERE submission_id = ? AND attachment_id != ?',
          )
          .get(sub.id, req.params.aid)!.n ?? 0;
      if (others + req.body.length > FIT_CONNECT_LIMITS.submissionBytes) {
        throw new HttpProblem(413, 'Content Too Large', 'the attachments of a submission may be at most 2 GB together');
      }
      db.prepare('INSERT OR REPLACE INTO fc_attachments (submission_id, attachment_id, jwe) VALUES (?, ?, ?)').run(
        sub.id,
        req.params.aid,
        req.body,
      );
      return reply.code(204).send();
    },
  );

  r.put<{ Params: { sid: string }; Body: { encryptedMetadata: string; encryptedData?: string } }>(
    '/v1/submissions/:sid',
    {
      bodyLimit: config.gateway.maxPayloadBytes + 1024,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['encryptedMetadata'],
          properties: { encryptedMetadata: JWE, encryptedData: JWE },
        },
      },
    },
    async (req, reply) => {
      const clientId = standIn.authenticate(req);
      const sub = own(clientId, req.params.sid);
      if (sub.status !== 'incomplete') throw new HttpProblem(409, 'Conflict', 'submission already sent');
      for (const [k, v] of Object.entries(req.body)) {
        const bad = checkCompactJwe(v);
        if (bad) throw new HttpProblem(400, 'Bad Request', `${k}: ${bad}`);
      }
      const have = new Set(
        db
          .prepare<{ attachment_id: string }>('SELECT attachment_id FROM fc_attachments WHERE submission_id = ?')
          .all(sub.id)
          .map((a) => a.attachment_id),
      );
      const missing = (JSON.parse(sub.announced) as string[]).filter((a) => !have.has(a));
      if (missing.length)
        throw new HttpProblem(422, 'Unprocessable Content', `announced attachments missing: ${missing.join(', ')}`);
      db.prepare(
        `UPDATE fc_submissions SET encrypted_metadata = ?, encrypted_data = ?, status = 'submitted', submitted_at = ?
      WHERE id = ?`,
      ).run(req.body.encryptedMetadata, req.body.encryptedData ?? null, Date.now(), sub.id);
      await recordEvent(db, signer, {
        iss: standIn.issuer(),
        submissionId: sub.id,
        caseId: sub.case_id,
        event: 'submit-submission',
      });
      return reply.code(202).send({ destinationId: sub.destination_id, submissionId: sub.id, caseId: sub.case_id });
    },
  );

  r.get<{ Params: { sid: string } }>('/v1/submissions/:sid', async (req) => {
    const sub = own(standIn.authenticate(req), req.params.sid);
    return {
      destinationId: sub.destination_id,
      submissionId: sub.id,
      caseId: sub.case_id,
      status: sub.status,
      serviceType: { name: sub.service_name ?? undefined, identifier: sub.service_identifier },
      announcedAttachments: JSON.parse(sub.announced) as string[],
    };
  });

  r.get<{ Params: { caseId: string }; Querystring: { offset?: string; limit?: string } }>(
    '/v1/cases/:caseId/events',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            offset: { type: 'string', pattern: '^[0-9]{1,7}$' },
            limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          },
        },
      },
    },
    async (req) => {
      ownCase(standIn.authenticate(req), req.params.caseId);
      const offset = Number(req.query.offset ?? 0);
      const limit = Math.min(500, Math.max(1, Number(req.query.limit ?? 100)));
      const total = db
        .prepare<{ n: number }>('SELECT COUNT(*) AS n FROM fc_events WHERE case_id = ?')
        .get(req.params.caseId)!.n;
      const rows = db
        .prepare<{ token: string }>('SELECT token FROM fc_events WHERE case_id = ? ORDER BY seq LIMIT ? OFFSET ?')
        .all(req.params.caseId, limit, offset);
      return { offset, count: rows.length, totalCount: total, eventLog: rows.map((x) => x.token) };
    },
  );

  // --- Stand-in extension (not FIT-Connect Submission API v1): replies on a case. ---
  r.get<{ Params: { caseId: string } }>('/v1/cases/:caseId/replies', async (req) => {
    ownCase(standIn.authenticate(req), req.params.caseId);
    const rows = db
      .prepare<{
        id: string;
        direction: string;
        kind: string;
        subject: string | null;
        text: string | null;
        filename: string | null;
        mime_type: string | null;
        size: number | null;
        created_at: number;
      }>(
        `SELECT id, direction, kind, subject, text, filename,
      mime_type, length(content) AS size, created_at FROM fc_replies WHERE case_id = ? ORDER BY seq`,
      )
      .all(req.params.caseId);
    return {
      replies: rows.map((x) => ({
        id: x.id,
        direction: x.direction,
        kind: x.kind,
        subject: x.subject ?? undefined,
        text: x.text ?? undefined,
        filename: x.filename ?? undefined,
        mimeType: x.mime_type ?? undefined,
        size: x.size ?? undefined,
        createdAt: new Date(x.created_at).toISOString(),
      })),
    };
  });

  r.get<{ Params: { caseId: string; rid: string } }>('/v1/cases/:caseId/replies/:rid/content', async (req, reply) => {
    ownCase(standIn.authenticate(req), req.params.caseId);
    const row = db
      .prepare<{ content: Buffer | null; mime_type: string | null; filename: string | null }>(
        'SELECT content, mime_type, filename FROM fc_replies WHERE case_id = ? AND id = ?',
      )
      .get(req.params.caseId, req.params.rid);
    if (!row?.content) throw new HttpProblem(404, 'Not Found', 'no document');
    return reply.type(row.mime_type ?? 'application/octet-stream').send(row.content);
  });

  r.post<{ Params: { caseId: string }; Body: { text: string } }>(
    '/v1/cases/:caseId/replies',
    {
      schema: { body: MESSAGE_BODY },
    },
    async (req, reply) => {
      ownCase(standIn.authenticate(req), req.params.caseId);
      const id = addReply(db, {
        caseId: req.params.caseId,
        direction: 'from-applicant',
        kind: 'message',
        text: req.body.text,
      });
      return reply.code(201).send({ id });
    },
  );
}
