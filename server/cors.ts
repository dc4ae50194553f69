import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerConfig } from './config.js';
import { servedPath } from './security.js';
import { FORM_HEADERS } from './gateway/forms.js';

/** The browser-facing API a page on another origin may call (the gateway and the account configuration). */
const isApi = (path: string): boolean => path.startsWith('/gateway/') || path === '/account/config.json';

/** Parts with sessions or tokens of their own (the OpenID provider's cookies, the stand-ins' pages and
 * APIs): never readable from another origin. */
const isGuarded = (path: string): boolean =>
  path === '/idp' || path.startsWith('/idp/') || path.startsWith('/standins/');

/**
 * Cross-origin access by configuration (@fastify/cors): the gateway API and /account/config.json answer
 * CORS, preflight included, only for the site origins in GATEWAY_ALLOWED_ORIGINS — never `*`. A request
 * from another origin gets no Access-Control-Allow-Origin (the browser blocks it) and its preflight a 404.
 * An allowed site may also read the answer for an address that is no route (a `gateway` attribute with a
 * wrong path, `/gateway/v2/`, `/gatway/v1/`): the element reads the 404 and tells the editor the address is
 * wrong, instead of taking it for a CORS refusal. The OpenID provider and the stand-ins are never opened.
 * No credentials: the gateway uses no cookies (case secret and payment key travel in headers).
 * The built bundle under /dist/ is public and static: it answers any origin (module scripts and their
 * lazy chunks are fetched in CORS mode).
 */
export async function registerCors(app: FastifyInstance, config: ServerConfig): Promise<void> {
  const allowed = new Set(config.gateway.allowedOrigins);
  await app.register(cors, {
    delegator: (req: FastifyRequest, cb) => {
      // As the router and the static server read it (`/%69dp/…` is the OpenID provider); an
      // undecodable path is treated as guarded.
      const path = servedPath(req.url) ?? '/standins/';
      const origin = req.headers.origin;
      if (path.startsWith('/dist/')) return cb(null, { origin: '*', methods: ['GET', 'HEAD'], maxAge: 600 });
      const ok = !isGuarded(path) && typeof origin === 'string' && allowed.has(origin);
      if (!ok && origin && isApi(path) && req.method === 'OPTIONS') {
        req.log.warn({ event: 'cors-refused', origin, path }, 'origin not in GATEWAY_ALLOWED_ORIGINS');
      }
      cb(null, {
        origin: ok ? origin : false,
        methods: ['GET', 'HEAD', 'POST', 'PUT'],
        allowedHeaders: ['content-type', 'x-case-secret', 'x-payment-key', 'if-none-match', 'x-ozg-definition'],
        exposedHeaders: [...FORM_HEADERS, 'retry-after'],
        credentials: false,
        maxAge: 600,
      });
    },
  });
}
