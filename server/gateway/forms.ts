import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.js';
import type { Gateway } from './index.js';
import type { PublishedForm } from './published-forms.js';

const nameParams = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' } },
} as const;
const versionParams = {
  type: 'object',
  required: ['name', 'version'],
  properties: { ...nameParams.properties, version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } },
} as const;

/** Header names the page's script may read (CORS exposes them; see server/cors.ts). */
export const FORM_HEADERS = ['etag', 'x-ozg-form-version', 'x-ozg-receiver-schema', 'content-location'];

/**
 * The published forms, as the pages load them:
 *   GET /forms/<name>                       the latest version (revalidated: Cache-Control no-cache + ETag)
 *   GET /forms/<name>/<version>             one version (immutable)
 *   GET /forms/<name>/<version>/schema.json its receiver schema (the submission's schemaUri)
 * The ETag is the SHA-256 of the bytes; the page sends it back with payments and submissions.
 */
export function registerFormRoutes(r: FastifyInstance, gw: Gateway, prefix: string): void {
  const notPublished = (name: string) =>
    new HttpProblem(404, 'Not Found', `no form "${name}" is published at this gateway`, { code: 'UNKNOWN_FORM' });
  const send = (req: FastifyRequest, reply: FastifyReply, form: PublishedForm, body: string, latest: boolean) => {
    const etag = `"${form.hash}"`;
    const base = `${prefix}/forms/${form.name}/${form.version}`;
    reply
      .header('etag', etag)
      .header('cache-control', latest ? 'no-cache' : 'public, max-age=31536000, immutable')
      .header('x-ozg-form-version', String(form.version))
      .header('x-ozg-receiver-schema', `${base}/schema.json`)
      .header('content-location', base)
      .type('application/schema+json; charset=utf-8');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(body);
  };
  r.get<{ Params: { name: string } }>('/forms/:name', { schema: { params: nameParams } }, async (req, reply) => {
    const form = gw.forms.byName(req.params.name);
    if (!form) throw notPublished(req.params.name);
    return send(req, reply, form, form.body, true);
  });
  r.get<{ Params: { name: string; version: string } }>(
    '/forms/:name/:version',
    { schema: { params: versionParams } },
    async (req, reply) => {
      const form = gw.forms.byName(req.params.name, Number(req.params.version));
      if (!form) throw notPublished(`${req.params.name}/${req.params.version}`);
      return send(req, reply, form, form.body, false);
    },
  );
  r.get<{ Params: { name: string; version: string } }>(
    '/forms/:name/:version/schema.json',
    { schema: { params: versionParams } },
    async (req, reply) => {
      const form = gw.forms.byName(req.params.name, Number(req.params.version));
      if (!form) throw notPublished(`${req.params.name}/${req.params.version}`);
      await send(req, reply, form, form.receiverSchema, false);
      return reply;
    },
  );
}
