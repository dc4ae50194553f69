import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../problem.js';
import { clientKey } from '../client-address.js';
import { limit } from '../security.js';
import type { Gateway } from './index.js';
import { Cached, WindowCounter } from './requests.js';
import { applicantMessageBody, caseMessageParams, caseParams, secretQuery } from './schemas.js';

const HOUR = 3600_000;
/** Messages an applicant may write in one case per hour. */
const MESSAGES_PER_HOUR = 20;

interface Reply {
  id: string;
  direction: string;
  kind: string;
  /** A Bescheid's subject (heading); its body is in `text`. */
  subject?: string;
  text?: string;
  filename?: string;
  mimeType?: string;
  size?: number;
  createdAt: string;
}

/**
 * Return channel for applicants without a Nutzerkonto: everything under /cases/{caseId} needs the case
 * secret (header X-Case-Secret, or ?secret= for a plain download link). A wrong or missing secret gets the
 * same 404 as an unknown case.
 */
export async function registerCaseApi(r: FastifyInstance, gw: Gateway): Promise<void> {
  const perClient = r.rateLimit({
    ...limit(gw.ctx.config.rateLimits.cases).rateLimit,
    keyGenerator: (req) => `cases:${clientKey(req.ip)}`,
  });
  r.addHook('onRequest', async function (req, reply) {
    if (req.routeOptions.url?.includes('/cases/')) await perClient.call(this, req, reply);
  });
  /** When the applicant wrote in each case during the last hour (one case cannot flood its case worker). */
  const written = new WindowCounter(HOUR, MESSAGES_PER_HOUR);
  const sweep = setInterval(() => written.sweep(), HOUR);
  sweep.unref();
  r.addHook('onClose', async () => clearInterval(sweep));

  const jwks = new Cached(() => gw.fc.jwks(), 5 * 60 * 1000);
  // Anonymous, and FIT-Connect is asked when the copy is old: limited like the case routes.
  r.get('/.well-known/jwks.json', { config: limit(gw.ctx.config.rateLimits.cases) }, () => jwks.get());

  r.get<{ Params: { caseId: string }; Querystring: { offset?: string; limit?: string } }>(
    '/cases/:caseId/events',
    {
      schema: { params: caseParams, querystring: secretQuery },
    },
    async (req) => {
      const row = gw.authorizeCase(req, { caseId: req.params.caseId });
      const qs = new URLSearchParams();
      if (req.query.offset !== undefined) qs.set('offset', req.query.offset);
      if (req.query.limit !== undefined) qs.set('limit', req.query.limit);
      const log = await gw.fc.json<{ offset: number; count: number; totalCount: number; eventLog: string[] }>(
        'GET',
        `cases/${row.case_id}/events${qs.size ? `?${qs}` : ''}`,
      );
      return { caseId: row.case_id, submissionId: row.submission_id, ...log };
    },
  );

  r.get<{ Params: { caseId: string } }>(
    '/cases/:caseId/messages',
    {
      schema: { params: caseParams, querystring: secretQuery },
    },
    async (req) => {
      const row = gw.authorizeCase(req, { caseId: req.params.caseId });
      const { replies } = await gw.fc.json<{ replies: Reply[] }>('GET', `cases/${row.case_id}/replies`);
      return {
        caseId: row.case_id,
        messages: replies.map((m) => ({
          ...m,
          ...(m.kind === 'bescheid'
            ? { documentUrl: `gateway/v1/cases/${row.case_id}/messages/${m.id}/document` }
            : {}),
        })),
      };
    },
  );

  r.get<{ Params: { caseId: string; mid: string } }>(
    '/cases/:caseId/messages/:mid/document',
    {
      schema: { params: caseMessageParams, querystring: secretQuery },
    },
    async (req, reply) => {
      const row = gw.authorizeCase(req, { caseId: req.params.caseId });
      const res = await gw.fc.request('GET', `cases/${row.case_id}/replies/${req.params.mid}/content`);
      const type = res.headers.get('content-type') ?? 'application/octet-stream';
      const safeType = /^application\/pdf\b/.test(type) ? 'application/pdf' : 'application/octet-stream';
      return reply
        .type(safeType)
        .header('content-disposition', `attachment; filename="bescheid-${row.case_id.slice(0, 8)}.pdf"`)
        .send(Buffer.from(await res.arrayBuffer()));
    },
  );

  r.post<{ Params: { caseId: string }; Body: { text: string } }>(
    '/cases/:caseId/messages',
    {
      bodyLimit: 16 * 1024,
      schema: { params: caseParams, querystring: secretQuery, body: applicantMessageBody },
    },
    async (req, reply) => {
      const row = gw.authorizeCase(req, { caseId: req.params.caseId });
      if (!row.sent) {
        throw new HttpProblem(409, 'Conflict', 'the application has not been sent; there is no one to answer yet', {
          code: 'NOT_SENT',
        });
      }
      const wait = written.take(row.case_id);
      if (wait) {
        throw new HttpProblem(429, 'Too Many Requests', `at most ${MESSAGES_PER_HOUR} messages per hour in one case`, {
          code: 'RATE_LIMITED',
          retryAfter: Math.ceil(wait / 1000),
        });
      }
      const created = await gw.fc.json<{ id: string }>('POST', `cases/${row.case_id}/replies`, {
        json: { text: req.body.text },
      });
      return reply.code(201).send({ id: created.id });
    },
  );
}
