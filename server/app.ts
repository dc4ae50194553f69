import { mkdirSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { resolveConfig, type ServerConfig, type ServerConfigInput } from './config.js';
import { installProblemHandlers } from './problem.js';
import { registerBodyGuard } from './body-guard.js';
import { registerStatic } from './static.js';
import { registerCors } from './cors.js';
import { openDb } from './db.js';
import { assertFitForPublic } from './production.js';
import { loggerOptions, registerSecurity } from './security.js';
import type { ServerContext } from './context.js';
import { createStandIn, registerStandIn } from './standins/fitconnect/standin.js';
import { registerGateway, type Gateway } from './gateway/index.js';
import { registerInbox } from './standins/inbox/index.js';
import { registerAccount } from './standins/idp/index.js';
import { registerPaymentStandIn } from './standins/payment/standin.js';

export interface ServerOptions extends ServerConfigInput {
  host?: string;
  port?: number;
  dataDir?: string;
  /** Environment that decides production mode (NODE_ENV); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where the JSON log lines go (default stdout); tests read them. */
  logStream?: NodeJS.WritableStream;
}

export interface RunningServer {
  /** Base URL with trailing slash, e.g. http://127.0.0.1:8080/ */
  url: string;
  /** The case-worker inbox page. */
  inboxUrl: string;
  config: ServerConfig;
  app: FastifyInstance;
  /** The stand-in's destination id (undefined when the stand-in is disabled). */
  destinationId?: string;
  /** The stand-in's keys, for tests and tools in this process (never served except public parts). */
  standIn?: ServerContext['standIn'];
  /** The gateway's parts (tests reach its FIT-Connect client and its expiry through it). */
  gateway: Gateway;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const { env, logStream: _stream, ...input } = opts;
  const config = resolveConfig(input);
  assertFitForPublic(config, env);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const db = openDb(config.dataDir);
  const app = Fastify({
    logger: loggerOptions(config, opts.logStream),
    bodyLimit: 64 * 1024,
    // Only the proxies named in TRUST_PROXY may say who the client is (X-Forwarded-For).
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    // Validate, do not repair: unknown properties and wrong types are errors, not silently dropped/coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    // Reject ambiguous requests rather than guessing.
    routerOptions: { ignoreTrailingSlash: false },
  });
  installProblemHandlers(app);
  registerBodyGuard(app, config);
  await registerSecurity(app, config);
  await registerCors(app, config);

  app.addHook('onClose', async () => {
    db.close();
  });
  let url = '';
  const ctx: ServerContext = { config, db, selfUrl: () => url };
  if (config.standIn.enabled) {
    const standIn = await createStandIn(config, db, ctx.selfUrl);
    ctx.standIn = { keys: standIn.keys, destinationId: standIn.destinationId };
    // The gateway reads its destination from the config only: the stand-in's, unless one is configured.
    config.gateway.destinationId ??= standIn.destinationId;
    await registerStandIn(app, config, standIn, db);
  }
  if (config.paymentStandIn.enabled) await registerPaymentStandIn(app, config, db, ctx.selfUrl);
  const gateway = await registerGateway(app, ctx);
  if (config.inbox.enabled) await registerInbox(app, ctx);
  await registerAccount(app, ctx);
  await registerStatic(app, config.demoDir, config.distDir);

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await app.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`;
  return {
    url,
    inboxUrl: `${url}inbox.html`,
    config,
    app,
    destinationId: ctx.standIn?.destinationId,
    standIn: ctx.standIn,
    gateway,
    close: async () => {
      await app.close();
    },
  };
}
