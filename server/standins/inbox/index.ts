import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sameSecret } from '../client-credentials.js';
import type { ServerContext } from '../../context.js';
import { STANDIN_PATHS } from '../../config.js';
import { HttpProblem } from '../../problem.js';
import { limit } from '../../security.js';
import { recordEvent, type EventName } from '../fitconnect/events.js';
import { addReply, MESSAGE_BODY } from '../fitconnect/replies.js';
import { checkAuthentication, trustedProvider } from './authentication.js';
import { renderBescheid } from './bescheid.js';
import { decryptSubmission } from './decrypt.js';
import { answersView } from './answers.js';
import { extraPayments, paymentView, type ClaimedPayment } from './payment-view.js';
import { verifyApplication, type Finding } from './verify.js';

export const INBOX_PREFIX = STANDIN_PATHS.inbox;
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
const sidParams = {
  type: 'object',
  required: ['sid'],
  properties: { sid: { type: 'string', pattern: UUID } },
} as const;

interface Row {
  id: string;
  case_id: string;
  service_name: string | null;
  service_identifier: string;
  status: string;
  encrypted_metadata: string | null;
  encrypted_data: string | null;
  created_at: number;
  submitted_at: number | null;
  announced: string;
}

/**
 * Case-worker inbox ("Sachbearbeitung") of the stand-in's destination. It plays the FIT-Connect
 * subscriber: holds the private key, decrypts, accepts/rejects (signed events) and replies.
 */
export async function registerInbox(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const standIn = ctx.standIn;
  if (!standIn) return;
  const { db } = ctx;
  const signer = standIn.keys.signing;

  const load = (sid: string): Row => {
    const row = db.prepare<Row>("SELECT * FROM fc_submissions WHERE id = ? AND status != 'incomplete'").get(sid);
    if (!row) throw new HttpProblem(404, 'Not Found', 'unknown submission');
    return row;
  };
  const attachmentsOf = (sid: string) =>
    new Map(
      db
        .prepare<{ attachment_id: string; jwe: string }>(
          'SELECT attachment_id, jwe FROM fc_attachments WHERE submission_id = ?',
        )
        .all(sid)
        .map((a) => [a.attachment_id, a.jwe]),
    );
  const decrypt = (row: Row) =>
    decryptSubmission({
      encryptedMetadata: row.encrypted_metadata,
      encryptedData: row.encrypted_data,
      attachments: attachmentsOf(row.id),
      key: standIn.keys.encryption.privateKey,
    });
  const event = async (row: Row, ev: EventName, status: string, details?: Record<string, unknown>) => {
    await recordEvent(db, signer, {
      iss: standIn.destinationId,
      submissionId: row.id,
      caseId: row.case_id,
      event: ev,
      details,
    });
    db.prepare('UPDATE fc_submissions SET status = ? WHERE id = ?').run(status, row.id);
  };
  const finalState = (row: Row) => {
    if (row.status === 'accepted' || row.status === 'rejected')
      throw new HttpProblem(409, 'Conflict', `already ${row.status}`);
  };

  await app.register(
    async (r) => {
      // Per-client limit first (onRequest), then the token (preParsing: before any byte of a body is read).
      r.addHook('onRequest', r.rateLimit(limit(ctx.config.rateLimits.inbox).rateLimit));
      r.addHook('preParsing', async (req) => {
        const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
        if (!m || !sameSecret(m[1]!, ctx.config.inbox.token)) {
          req.log.warn({ event: 'inbox-login-failed' }, 'wrong or missing inbox token');
          throw new HttpProblem(401, 'Unauthorized', 'Anmeldung erforderlich / inbox token required');
        }
      });
      r.addHook('onSend', async (_req, reply) => {
        reply.header('cache-control', 'no-store');
      });

      r.get('/submissions', async () => {
        const rows = db
          .prepare<Row>("SELECT * FROM fc_submissions WHERE status != 'incomplete' ORDER BY submitted_at DESC")
          .all();
        return {
          submissions: rows.map((x) => ({
            submissionId: x.id,
            caseId: x.case_id,
            serviceName: x.service_name ?? undefined,
            leika: x.service_identifier.replace('urn:de:fim:leika:leistung:', ''),
            status: x.status,
            submittedAt: x.submitted_at ? new Date(x.submitted_at).toISOString() : undefined,
            attachmentCount: (JSON.parse(x.announced) as string[]).length,
          })),
        };
      });

      r.get<{ Params: { sid: string } }>('/submissions/:sid', { schema: { params: sidParams } }, async (req) => {
        let row = load(req.params.sid);
        if (row.status === 'submitted') {
          await event(row, 'forward-submission', 'forwarded');
          row = load(row.id);
        }
        const d = await decrypt(row);
        const { plainAttachments: _omit, ...content } = d;
        void _omit;
        const authentication =
          d.state === 'ok'
            ? await checkAuthentication(d.metadata, trustedProvider(ctx), new Date(row.submitted_at ?? row.created_at))
            : [];
        const gateway = db
          .prepare<{ idempotency_key: string }>('SELECT idempotency_key FROM gw_submissions WHERE submission_id = ?')
          .get(row.id);
        // The login is bound to this application when its nonce is derived from the application's key.
        const expectedNonce = gateway
          ? createHash('sha256').update(gateway.idempotency_key).digest('base64url')
          : undefined;
        for (const a of authentication) {
          if (!a.verified) continue;
          a.boundToApplication = a.nonce !== undefined && a.nonce === expectedNonce;
          if (!a.boundToApplication) a.problem = 'nicht an diesen Antrag gebunden / not bound to this application';
        }
        const payment = paymentView(
          db,
          row.id,
          (content as { metadata?: { paymentInformation?: ClaimedPayment } }).metadata?.paymentInformation,
        );
        // The answers as the applicant saw them, from the published form they filled in.
        const meta = (
          content as { metadata?: { contentStructure?: { data?: { submissionSchema?: { schemaUri?: unknown } } } } }
        ).metadata;
        const answers =
          d.state === 'ok'
            ? answersView(
                db,
                row.id,
                meta?.contentStructure?.data?.submissionSchema?.schemaUri,
                (content as { data?: unknown }).data,
              )
            : undefined;
        // What only the receiver can check: the decrypted answers against their form and their payment.
        const checks: Finding[] =
          d.state === 'ok'
            ? verifyApplication(db, row.id, {
                schemaUri: meta?.contentStructure?.data?.submissionSchema?.schemaUri,
                leika: row.service_identifier,
                data: (content as { data?: unknown }).data,
                boundCents: payment && 'grossAmount' in payment ? Math.round(payment.grossAmount * 100) : undefined,
                sentAt: row.submitted_at ? new Date(row.submitted_at) : undefined,
              })
            : [];
        // Money the applicant paid beyond the bound payment (another tab's page of a replaced attempt).
        checks.push(...extraPayments(db, row.id));
        return {
          authentication,
          checks,
          ...(payment ? { payment } : {}),
          ...(answers ? { answers } : {}),
          submissionId: row.id,
          caseId: row.case_id,
          status: row.status,
          serviceName: row.service_name ?? undefined,
          leika: row.service_identifier.replace('urn:de:fim:leika:leistung:', ''),
          submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : undefined,
          ...content,
        };
      });

      r.get<{ Params: { sid: string; aid: string } }>(
        '/submissions/:sid/attachments/:aid',
        {
          schema: {
            params: {
              ...sidParams,
              required: ['sid', 'aid'],
              properties: { ...sidParams.properties, aid: { type: 'string', pattern: UUID } },
            },
          },
        },
        async (req, reply) => {
          const d = await decrypt(load(req.params.sid));
          if (d.state !== 'ok') throw new HttpProblem(422, 'Unprocessable Content', 'undecryptable');
          const bytes = d.plainAttachments?.get(req.params.aid);
          const info = d.attachments.find((a) => a.attachmentId === req.params.aid);
          if (!bytes || !info) throw new HttpProblem(404, 'Not Found', 'unknown attachment');
          const name = (info.filename ?? 'anhang').replace(/[^\w.\- ]/g, '_');
          return reply
            .type('application/octet-stream')
            .header('content-disposition', `attachment; filename="${name}"`)
            .send(Buffer.from(bytes));
        },
      );

      r.post<{ Params: { sid: string } }>(
        '/submissions/:sid/accept',
        { schema: { params: sidParams } },
        async (req) => {
          const row = load(req.params.sid);
          finalState(row);
          const d = await decrypt(row);
          if (d.state !== 'ok')
            throw new HttpProblem(409, 'Conflict', 'an undecryptable submission cannot be accepted');
          const tag = (jwe: string | null) => jwe?.split('.')[4];
          const attachments = Object.fromEntries([...attachmentsOf(row.id)].map(([id, jwe]) => [id, tag(jwe)]));
          await event(row, 'accept-submission', 'accepted', {
            problems: [],
            authenticationTags: { metadata: tag(row.encrypted_metadata), data: tag(row.encrypted_data), attachments },
          });
          return { status: 'accepted' };
        },
      );

      r.post<{ Params: { sid: string }; Body: { reason: string } }>(
        '/submissions/:sid/reject',
        {
          schema: {
            params: sidParams,
            body: {
              type: 'object',
              additionalProperties: false,
              required: ['reason'],
              properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
            },
          },
        },
        async (req) => {
          const row = load(req.params.sid);
          finalState(row);
          await event(row, 'reject-submission', 'rejected', {
            problems: [
              {
                type: 'https://schema.fitko.de/fit-connect/events/problems/rejected-by-authority',
                title: 'Antrag abgelehnt',
                detail: req.body.reason,
              },
            ],
          });
          return { status: 'rejected' };
        },
      );

      r.get<{ Params: { sid: string } }>(
        '/submissions/:sid/messages',
        { schema: { params: sidParams } },
        async (req) => {
          const row = load(req.params.sid);
          const rows = db
            .prepare<{
              id: string;
              direction: string;
              kind: string;
              subject: string | null;
              text: string | null;
              filename: string | null;
              created_at: number;
            }>(
              'SELECT id, direction, kind, subject, text, filename, created_at FROM fc_replies WHERE case_id = ? ORDER BY seq',
            )
            .all(row.case_id);
          return {
            messages: rows.map((m) => ({
              id: m.id,
              direction: m.direction,
              kind: m.kind,
              subject: m.subject ?? undefined,
              text: m.text ?? undefined,
              filename: m.filename ?? undefined,
              createdAt: new Date(m.created_at).toISOString(),
            })),
          };
        },
      );

      r.post<{ Params: { sid: string }; Body: { text: string } }>(
        '/submissions/:sid/messages',
        {
          schema: {
            params: sidParams,
            body: MESSAGE_BODY,
          },
        },
        async (req, reply) => {
          const row = load(req.params.sid);
          const id = addReply(db, {
            caseId: row.case_id,
            direction: 'to-applicant',
            kind: 'message',
            text: req.body.text,
          });
          return reply.code(201).send({ id });
        },
      );

      r.post<{
        Params: { sid: string };
        Body: { title?: string; text?: string; filename?: string; pdfBase64?: string };
      }>(
        '/submissions/:sid/bescheid',
        {
          bodyLimit: 8 * 1024 * 1024,
          schema: {
            params: sidParams,
            body: {
              type: 'object',
              additionalProperties: false,
              properties: {
                title: { type: 'string', minLength: 1, maxLength: 200 },
                text: { type: 'string', minLength: 1, maxLength: 20000 },
                filename: { type: 'string', pattern: '^[\\w\\-. ]{1,100}\\.pdf$' },
                pdfBase64: { type: 'string', maxLength: 8 * 1024 * 1024, pattern: '^[A-Za-z0-9+/]+=*$' },
              },
              oneOf: [{ required: ['text'] }, { required: ['pdfBase64'] }],
            },
          },
        },
        async (req, reply) => {
          const row = load(req.params.sid);
          let pdf: Uint8Array;
          if (req.body.pdfBase64) {
            pdf = Buffer.from(req.body.pdfBase64, 'base64');
            if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-')
              throw new HttpProblem(400, 'Bad Request', 'not a PDF');
          } else {
            pdf = await renderBescheid({
              authority: 'Stadt Musterstadt',
              caseId: row.case_id,
              title: req.body.title ?? 'Bescheid',
              text: req.body.text!,
            });
          }
          // The Bescheid travels as its PDF and as text: subject (heading) and body, so the applicant's
          // mailbox can show it as readable text, not only inside the PDF.
          const id = addReply(db, {
            caseId: row.case_id,
            direction: 'to-applicant',
            kind: 'bescheid',
            subject: req.body.title ?? 'Bescheid',
            text: req.body.text ?? null,
            file: { filename: req.body.filename ?? 'bescheid.pdf', mimeType: 'application/pdf', content: pdf },
          });
          return reply.code(201).send({ id, size: pdf.length });
        },
      );
    },
    { prefix: INBOX_PREFIX },
  );
}
