import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/** RFC 9457 problem details. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  [k: string]: unknown;
}

export class HttpProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail?: string,
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply
    .code(p.status)
    .type('application/problem+json; charset=utf-8')
    .send(
      JSON.stringify({
        type: 'about:blank',
        ...p,
      }),
    );
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Every error and every unknown route answers application/problem+json; no stack traces leave the server. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpProblem, req, reply) => {
    if (err instanceof HttpProblem) {
      const { retryAfter, ...extra } = err.extra;
      // A service behind the gateway failed or is not set up (FIT-Connect's token or keys, the
      // destination, the payment provider): the person only sees "try again later", so the operator
      // must read it here. A full slot or queue (with Retry-After) is load, not a fault.
      if (err.status >= 500)
        req.log[typeof retryAfter === 'number' ? 'warn' : 'error'](
          { event: 'upstream-failure', status: err.status, url: req.routeOptions.url },
          err.detail ?? err.title,
        );
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, { status: err.status, title: err.title, detail: err.detail, ...extra });
    }
    const status =
      typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error(err);
    const detail =
      status >= 500
        ? undefined
        : err.validation
          ? `${err.validationContext ?? 'request'}: ${err.validation.map((v) => `${v.instancePath || '/'} ${v.message ?? ''}`).join('; ')}`
          : err.message;
    return sendProblem(reply, { status, title: titles[status] ?? 'Error', detail });
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, { status: 404, title: 'Not Found', detail: `${req.method} ${req.url.split('?')[0]}` }),
  );
}
