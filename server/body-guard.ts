import type { FastifyInstance, FastifyReply } from 'fastify';
import { clientKey } from './client-address.js';
import type { ServerConfig } from './config.js';
import { HttpProblem } from './problem.js';
import { servedPath } from './security.js';

/**
 * Request bodies cannot be used to hold the gateway's memory or connections. Fastify sets no limit for
 * receiving a request, so where no reverse proxy stands in front (and nginx with
 * `proxy_request_buffering off`, as uploads need, only times out between two reads):
 * - a body must bring at least `minBodyBytesPerSecond`, measured over each `uploadIdleSeconds`, or its
 *   connection is closed (408 problem). A client that sends a byte now and then, or 2 MiB at once and
 *   then a byte every 25 s, no longer keeps its buffer or its upload slot;
 * - one client (client-address.ts) sends at most `maxParallelBodiesPerClient` bodies at once to the
 *   gateway, uploads included; one more gets 429 before its body is read, and its connection is closed
 *   after the answer. A body counts until its answer is sent, as long as it is held in memory.
 * Once a body is in, the wait for the answer (FIT-Connect, the payment provider) is not limited here.
 */
export function registerBodyGuard(app: FastifyInstance, config: ServerConfig): void {
  const { uploadIdleSeconds, minBodyBytesPerSecond, maxParallelBodiesPerClient } = config.gateway;
  const sending = new Map<string, number>();
  /** Counts a body of `client` until its answer is sent; throws 429 over the limit. */
  const countBody = (client: string, reply: FastifyReply): void => {
    const count = sending.get(client) ?? 0;
    if (count >= maxParallelBodiesPerClient) {
      reply.header('connection', 'close');
      throw new HttpProblem(429, 'Too Many Requests', 'too many requests at once from this client', {
        code: 'RATE_LIMITED',
        retryAfter: 5,
      });
    }
    sending.set(client, count + 1);
    reply.raw.once('close', () => {
      const left = (sending.get(client) ?? 1) - 1;
      if (left > 0) sending.set(client, left);
      else sending.delete(client);
    });
  };
  app.addHook('onRequest', async (req, reply) => {
    const raw = req.raw;
    if (raw.headers['content-length'] === undefined && raw.headers['transfer-encoding'] === undefined) return;
    // Counted on the gateway's routes, which strangers call; not on the stand-ins', which the gateway
    // itself calls from this machine in the demo (production refuses to start with them). By the route
    // (`/%67ateway/…` reaches the same one), and by the path as the server reads it for a request no
    // route takes: Fastify reads its body too before it answers 404, and a body to `/gateway/v1/x`
    // held memory and a connection uncounted. A path that cannot be decoded is counted as well.
    const path = servedPath(req.url);
    if (req.routeOptions.url?.startsWith('/gateway/') || path === undefined || path.startsWith('/gateway/'))
      countBody(clientKey(req.ip), reply);
    // The bytes read from the connection (the body's, once its headers are in) in each window.
    const socket = raw.socket;
    const least = Math.max(1, minBodyBytesPerSecond * uploadIdleSeconds);
    let seen = socket.bytesRead;
    const check = setInterval(() => {
      const read = socket.bytesRead;
      if (read - seen < least)
        raw.destroy(new HttpProblem(408, 'Request Timeout', 'the request body stalled or arrives too slowly'));
      seen = read;
    }, uploadIdleSeconds * 1000);
    check.unref();
    const stop = () => clearInterval(check);
    raw.once('end', stop);
    raw.once('close', stop);
  });
}
