import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { HttpProblem } from './problem.js';
import type { ServerConfig } from './config.js';
import { clientKey } from './client-address.js';

/** Query parameters that carry a capability secret (the case secret, tokens, OpenID Connect's). */
const SECRET_PARAMS = new Set(['secret', 'token', 'access_token', 'id_token', 'code', 'state', 'nonce']);

/**
 * Hides capability secrets in a logged URL (`?secret=`, `?token=`, `code`, `state`, `id_token`), by each
 * parameter's name as the server reads it: `?%73ecret=` and `?SECRET=` are the same parameter.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  // All of the rest, also after a "#": a client may send one, and the server does not cut it off.
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const raw = eq < 0 ? part : part.slice(0, eq);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // an undecodable name is no parameter the server reads as a secret
      }
      return SECRET_PARAMS.has(name.trim().toLowerCase()) ? `${raw}=[redacted]` : part;
    });
  return `${url.slice(0, q + 1)}${parts.join('&')}`;
}

/**
 * Structured JSON logs (pino, as Fastify has it), on by default: errors and security events (failed
 * logins, secret misses, rate-limit hits, refused payments) at warn/error. Every request at info only with
 * LOG_REQUESTS. Secrets never reach a log line: Authorization, cookies, case secrets and payment keys in
 * headers are censored, and query parameters that carry secrets are cut out of URLs.
 */
export function loggerOptions(config: ServerConfig, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-case-secret"]',
        'req.headers["x-payment-key"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: redactUrl(req.url),
        ip: req.ip,
      }),
    },
  };
}

/** Per-client limits (requests per minute) of the routes a stranger can call in a loop. */
export function limit(max: number): { rateLimit: { max: number; timeWindow: number } } {
  return { rateLimit: { max, timeWindow: 60_000 } };
}

const BASE = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'";
/** Inline styles: the stand-ins' pages carry a <style>, CodeMirror (playground) writes some. */
const PAGE = `${BASE}; style-src 'self' 'unsafe-inline'`;
/** The form pages, under the policy README recommends to municipalities: no eval (the widget validates
 * with an interpreter), no inline styles (the widget and the example custom widget use constructed
 * sheets), files are encrypted in a blob: worker. */
const FORM_PAGE = `${BASE}; style-src 'self'; script-src 'self'; worker-src 'self' blob:; frame-ancestors 'self'`;
/** The playground, an editors' tool: its checker (the full one, as ozg-form-check) compiles with Ajv. */
const EDITOR_PAGE = `${PAGE}; script-src 'self' 'unsafe-eval'; worker-src 'self' blob:; frame-ancestors 'self'`;
/** The mailbox, the inbox and the stand-ins' pages: no inline script, no eval, never in a frame. */
const STRICT_PAGE = `${PAGE}; script-src 'self'; frame-ancestors 'none'`;
const EDITOR_PAGES = /^\/playground\.html$/;
const STRICT_PAGES = /^\/(?:inbox|postfach)\.html$/;

/**
 * The path as the static server resolves it (percent-escapes decoded: `/%69nbox.html` serves
 * inbox.html), so a page gets its own policy however its URL is spelled. Undecodable: undefined (the
 * strictest policy).
 */
export function servedPath(url: string): string | undefined {
  const path = url.split(/[?#]/, 1)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** Security headers on every response (helmet) and a Content-Security-Policy per page. */
export async function registerSecurity(app: FastifyInstance, config: ServerConfig): Promise<void> {
  await app.register(helmet, {
    // Per page below; HSTS is set by the TLS-terminating proxy (docs/server.md#production-mode).
    contentSecurityPolicy: false,
    hsts: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onSend', async (req, reply) => {
    const type = String(reply.getHeader('content-type') ?? '');
    const path = servedPath(req.url) ?? '';
    if (type.startsWith('text/html') && !reply.getHeader('content-security-policy')) {
      const strict = !path || STRICT_PAGES.test(path) || path.startsWith('/standins/');
      reply.header('content-security-policy', strict ? STRICT_PAGE : EDITOR_PAGES.test(path) ? EDITOR_PAGE : FORM_PAGE);
    }
    // The widget and the definitions are embedded by pages on other origins (script tag, fetch). The API
    // such pages call, and any 404, may be fetched without CORS as well: the element's diagnosis asks
    // with a `no-cors` request whether a server answers at all when CORS hid the answer
    // (docs/diagnosis.md); `same-origin` would block that answer and a CORS refusal look like an outage.
    // The gateway sets no cookies, so an opaque answer holds nothing a header did not ask for.
    if (
      path.startsWith('/dist/') ||
      path.startsWith('/forms/') ||
      path.startsWith('/gateway/') ||
      path === '/account/config.json' ||
      reply.statusCode === 404
    )
      reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => clientKey(req.ip),
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    onExceeded: (req: FastifyRequest) => {
      req.log.warn({ event: 'rate-limited', route: req.routeOptions.url }, 'rate limit hit');
    },
    errorResponseBuilder: (_req, ctx) =>
      new HttpProblem(429, 'Too Many Requests', `too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`, {
        code: 'RATE_LIMITED',
        retryAfter: Math.ceil(ctx.ttl / 1000),
      }),
  });
  void config;
}
