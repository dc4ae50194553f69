import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MIN_JWE_LENGTH } from '../standards/jwe.js';
import { clientKey } from '../client-address.js';
import { limit } from '../security.js';
import { HttpProblem } from '../problem.js';
import { UploadSlots } from './upload-slots.js';
import type { Gateway, GatewayRow } from './index.js';
import { attachmentParams, UUID_V4 } from './schemas.js';

/**
 * Checks a JWE in compact serialisation while it streams through: only base64url and four dots, no
 * empty part, RSA-OAEP-256 + A256GCM in the header (kept up to 4 KiB), and exactly `expected` bytes.
 * Errors the stream on the first violation, so the upstream request is aborted and nothing is stored.
 */
class JweCheck extends Transform {
  private dots = 0;
  private partLength = 0;
  private header = '';
  private bytes = 0;
  constructor(private readonly expected: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expected) return done(new HttpProblem(400, 'Bad Request', 'body longer than Content-Length'));
    for (const c of chunk) {
      if (c === 0x2e) {
        if (this.partLength === 0 && this.dots !== 1)
          return done(new HttpProblem(400, 'Bad Request', 'JWE has empty parts'));
        if (this.dots === 0) {
          let h: { alg?: unknown; enc?: unknown } = {};
          try {
            h = JSON.parse(Buffer.from(this.header, 'base64url').toString('utf8')) as typeof h;
          } catch {
            /* checked below */
          }
          if (h.alg !== 'RSA-OAEP-256' || h.enc !== 'A256GCM')
            return done(new HttpProblem(400, 'Bad Request', 'JWE alg/enc must be RSA-OAEP-256/A256GCM'));
        }
        this.dots++;
        this.partLength = 0;
        if (this.dots > 4)
          return done(new HttpProblem(400, 'Bad Request', 'not a JWE in compact serialisation (5 parts)'));
        continue;
      }
      const ok =
        (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
      if (!ok) return done(new HttpProblem(400, 'Bad Request', 'JWE parts must be base64url'));
      this.partLength++;
      if (this.dots === 0) {
        if (this.header.length >= 4096) return done(new HttpProblem(400, 'Bad Request', 'JWE header too long'));
        this.header += String.fromCharCode(c);
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.dots !== 4 || this.partLength === 0)
      return done(new HttpProblem(400, 'Bad Request', 'not a JWE in compact serialisation (5 parts)'));
    if (this.bytes < MIN_JWE_LENGTH)
      return done(new HttpProblem(400, 'Bad Request', `JWE shorter than ${MIN_JWE_LENGTH} characters`));
    if (this.bytes !== this.expected)
      return done(new HttpProblem(400, 'Bad Request', 'body shorter than Content-Length'));
    done();
  }
}

/**
 * PUT /submissions/{sid}/attachments/{aid}: everything that can refuse an upload is checked in onRequest,
 * before a byte of the body is read — content type, Content-Length against the limits, the case secret,
 * the announced attachment, the number of uploads running. The body then streams through to FIT-Connect
 * (never held whole in memory) while it is checked.
 */
export function registerAttachmentUpload(r: FastifyInstance, gw: Gateway): void {
  const { db, config } = gw.ctx;
  /** Uploads streaming at once, in all and per client address; a trickling one gives way when all are taken. */
  const slots = new UploadSlots(config.gateway);
  /** Bytes announced by the uploads streaming per submission: counted against its total before they finish. */
  const streaming = new Map<string, Map<string, number>>();
  const uuid = new RegExp(UUID_V4);
  // The body stays a stream: no parser reads it.
  r.addContentTypeParser('application/jose', (_req, payload, done) => {
    done(null, payload);
  });

  r.put<{ Params: { sid: string; aid: string }; Body: Readable }>(
    '/submissions/:sid/attachments/:aid',
    {
      schema: { params: attachmentParams },
      config: limit(config.rateLimits.cases),
      // After the rate limit (onRequest), before a byte of the body is read.
      preParsing: async (req: FastifyRequest<{ Params: { sid: string; aid: string } }>) => {
        if (!uuid.test(req.params.sid) || !uuid.test(req.params.aid))
          throw new HttpProblem(400, 'Bad Request', 'params: not a uuid');
        const row = gw.authorizeCase(req, { submissionId: req.params.sid });
        if (req.headers['content-type']?.split(';')[0]?.trim() !== 'application/jose') {
          throw new HttpProblem(
            415,
            'Unsupported Media Type',
            'attachments are sent as application/jose (JWE compact)',
          );
        }
        if (!(JSON.parse(row.announced) as string[]).includes(req.params.aid)) {
          throw new HttpProblem(404, 'Not Found', 'attachment was not announced');
        }
        const length = Number(req.headers['content-length']);
        if (!req.headers['content-length'] || !Number.isSafeInteger(length)) {
          throw new HttpProblem(411, 'Length Required', 'an attachment is sent with Content-Length');
        }
        if (length > config.gateway.maxAttachmentBytes) {
          throw new HttpProblem(
            413,
            'Content Too Large',
            `one attachment may be at most ${config.gateway.maxAttachmentBytes} bytes (encrypted)`,
          );
        }
        const inFlight = streaming.get(row.submission_id);
        const others =
          (db
            .prepare<{ n: number | null }>(
              'SELECT SUM(bytes) AS n FROM gw_attachments WHERE submission_id = ? AND attachment_id != ?',
            )
            .get(row.submission_id, req.params.aid)!.n ?? 0) +
          [...(inFlight ?? [])].reduce((sum, [aid, bytes]) => (aid === req.params.aid ? sum : sum + bytes), 0);
        if (others + length > config.gateway.maxSubmissionBytes) {
          throw new HttpProblem(
            413,
            'Content Too Large',
            `the attachments of one submission may be at most ${config.gateway.maxSubmissionBytes} bytes (encrypted) together`,
          );
        }
        const sent = JSON.parse(row.sent_attachments) as string[];
        (req as FastifyRequest & { gwRow?: GatewayRow; gwDone?: boolean }).gwRow = row;
        if (row.sent || sent.includes(req.params.aid)) {
          (req as { gwDone?: boolean }).gwDone = true;
          return;
        }
        if (inFlight?.has(req.params.aid)) {
          throw new HttpProblem(409, 'Conflict', 'this attachment is being uploaded already', {
            code: 'UPLOAD_RUNNING',
            retryAfter: 5,
          });
        }
        const freeSlot = slots.take(clientKey(req.ip), req.raw, (rate) =>
          req.log.warn(
            { event: 'upload-evicted', bytesPerSecond: Math.round(rate) },
            'a slow upload gave its slot to a new one',
          ),
        );
        const mine = inFlight ?? new Map<string, number>();
        mine.set(req.params.aid, length);
        streaming.set(row.submission_id, mine);
        // A body that stops, or comes too slowly, is ended (body-guard.ts, for every request body):
        // closing the connection frees the slot (release on 'close').
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          freeSlot();
          mine.delete(req.params.aid);
          if (!mine.size && streaming.get(row.submission_id) === mine) streaming.delete(row.submission_id);
        };
        req.raw.once('close', release);
        (req as { gwRelease?: () => void }).gwRelease = release;
      },
    },
    async (req, reply) => {
      const x = req as typeof req & { gwRow: GatewayRow; gwDone?: boolean; gwRelease?: () => void };
      const length = Number(req.headers['content-length']);
      if (x.gwDone) {
        req.body.resume();
        return reply.code(204).send();
      }
      try {
        const check = new JweCheck(length);
        const body = req.body.pipe(check);
        req.body.once('error', (e) => check.destroy(e));
        let failed: unknown;
        check.once('error', (e) => {
          failed = e;
        });
        try {
          await gw.fc.request('PUT', `submissions/${x.gwRow.submission_id}/attachments/${req.params.aid}`, {
            stream: body,
            contentLength: length,
            contentType: 'application/jose',
          });
        } catch (error) {
          if (failed instanceof HttpProblem) throw failed;
          // Already sent upstream (an answer lost before): FIT-Connect refuses more attachments; count it as done.
          if (!(error instanceof HttpProblem && error.extra.upstreamStatus === 409)) throw error;
        }
        if (failed instanceof HttpProblem) throw failed;
      } finally {
        x.gwRelease?.();
      }
      db.transaction(() => {
        const cur = db
          .prepare<{ sent_attachments: string }>('SELECT sent_attachments FROM gw_submissions WHERE submission_id = ?')
          .get(x.gwRow.submission_id)!;
        const list = new Set(JSON.parse(cur.sent_attachments) as string[]).add(req.params.aid);
        db.prepare('UPDATE gw_submissions SET sent_attachments = ? WHERE submission_id = ?').run(
          JSON.stringify([...list]),
          x.gwRow.submission_id,
        );
        db.prepare('INSERT OR REPLACE INTO gw_attachments (submission_id, attachment_id, bytes) VALUES (?, ?, ?)').run(
          x.gwRow.submission_id,
          req.params.aid,
          length,
        );
      })();
      return reply.code(204).send();
    },
  );
}
