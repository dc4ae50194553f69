import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServerConfig, ServerConfigInput } from './config.js';

/* Reading the configuration from the environment (and OZG_CONFIG); the defaults are in config.ts. */

/** A mistake in the configuration: its message is one line that names the setting. */
export class ConfigError extends Error {}

/**
 * The folder relative paths of the configuration (DATA_DIR, OZG_CONFIG, the key and certificate files,
 * the folders published at start, `ozg-form-publish --data-dir`) are resolved against: the one `npm` was
 * invoked from (INIT_CWD, which npm sets for its scripts), else the working directory. `npm start` runs
 * the server with the working directory server/, `npm run publish-form` at the top: both agree on it.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

function list(v: string | undefined): string[] | undefined {
  return envStr(v)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
function envInt(v: string | undefined, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name}: not a non-negative integer: ${v}`);
  return n;
}
function envJson<T>(v: string, name: string): T {
  try {
    return JSON.parse(v) as T;
  } catch (error) {
    throw new ConfigError(`${name}: not JSON: ${(error as Error).message}`);
  }
}
function envBool(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  return !['0', 'false', 'off', 'no'].includes(v.toLowerCase());
}
function envStr(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Reads OZG_CONFIG (a JSON file with the ServerConfig shape) and the environment variables. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfigInput {
  const base = invocationDir(env);
  const file: ServerConfigInput = env.OZG_CONFIG ? readConfigFile(resolve(base, env.OZG_CONFIG)) : {};
  return absolutePaths(base, {
    ...file,
    ...defined({
      host: envStr(env.HOST),
      port: envInt(env.PORT, 'PORT'),
      dataDir: envStr(env.DATA_DIR),
      demoDir: envStr(env.DEMO_DIR),
      logger: envBool(env.LOG_REQUESTS),
      logLevel: envStr(env.LOG_LEVEL),
      trustProxy: list(env.TRUST_PROXY),
    }),
    rateLimits: defined({
      submissions: envInt(env.RATE_LIMIT_SUBMISSIONS, 'RATE_LIMIT_SUBMISSIONS'),
      payments: envInt(env.RATE_LIMIT_PAYMENTS, 'RATE_LIMIT_PAYMENTS'),
      cases: envInt(env.RATE_LIMIT_CASES, 'RATE_LIMIT_CASES'),
      inbox: envInt(env.RATE_LIMIT_INBOX, 'RATE_LIMIT_INBOX'),
      newPaymentsPerHour: envInt(env.RATE_LIMIT_NEW_PAYMENTS_PER_HOUR, 'RATE_LIMIT_NEW_PAYMENTS_PER_HOUR'),
    }) as ServerConfig['rateLimits'],
    gateway: {
      ...file.gateway,
      ...defined({
        submissionApiUrl: envStr(env.FITCONNECT_SUBMISSION_API_URL),
        tokenUrl: envStr(env.FITCONNECT_TOKEN_URL),
        jwksUrl: envStr(env.FITCONNECT_JWKS_URL),
        clientId: envStr(env.FITCONNECT_CLIENT_ID),
        clientSecret: envStr(env.FITCONNECT_CLIENT_SECRET),
        destinationId: envStr(env.FITCONNECT_DESTINATION_ID),
        scope: envStr(env.FITCONNECT_SCOPE),
        allowedLeika: list(env.GATEWAY_ALLOWED_LEIKA),
        maxAttachments: envInt(env.GATEWAY_MAX_ATTACHMENTS, 'GATEWAY_MAX_ATTACHMENTS'),
        maxAttachmentBytes: envInt(env.GATEWAY_MAX_ATTACHMENT_BYTES, 'GATEWAY_MAX_ATTACHMENT_BYTES'),
        maxSubmissionBytes: envInt(env.GATEWAY_MAX_SUBMISSION_BYTES, 'GATEWAY_MAX_SUBMISSION_BYTES'),
        maxPayloadBytes: envInt(env.GATEWAY_MAX_PAYLOAD_BYTES, 'GATEWAY_MAX_PAYLOAD_BYTES'),
        maxParallelUploads: envInt(env.GATEWAY_MAX_PARALLEL_UPLOADS, 'GATEWAY_MAX_PARALLEL_UPLOADS'),
        maxParallelUploadsPerClient: envInt(
          env.GATEWAY_MAX_PARALLEL_UPLOADS_PER_CLIENT,
          'GATEWAY_MAX_PARALLEL_UPLOADS_PER_CLIENT',
        ),
        minUploadBytesPerSecondWhenFull: envInt(
          env.GATEWAY_MIN_UPLOAD_BYTES_PER_SECOND_WHEN_FULL,
          'GATEWAY_MIN_UPLOAD_BYTES_PER_SECOND_WHEN_FULL',
        ),
        uploadIdleSeconds: envInt(env.GATEWAY_UPLOAD_IDLE_SECONDS, 'GATEWAY_UPLOAD_IDLE_SECONDS'),
        minBodyBytesPerSecond: envInt(env.GATEWAY_MIN_BODY_BYTES_PER_SECOND, 'GATEWAY_MIN_BODY_BYTES_PER_SECOND'),
        maxParallelBodiesPerClient: envInt(
          env.GATEWAY_MAX_PARALLEL_BODIES_PER_CLIENT,
          'GATEWAY_MAX_PARALLEL_BODIES_PER_CLIENT',
        ),
        unsentTtlHours: envInt(env.GATEWAY_UNSENT_TTL_HOURS, 'GATEWAY_UNSENT_TTL_HOURS'),
        secretKey: envStr(env.GATEWAY_SECRET_KEY),
        secretKeyFile: envStr(env.GATEWAY_SECRET_KEY_FILE),
        allowedOrigins: list(env.GATEWAY_ALLOWED_ORIGINS),
        // PAYMENT_FORMS_DIRS: the name of this setting before forms were published (still read).
        publishAtStart: list(env.GATEWAY_PUBLISH_AT_START) ?? list(env.PAYMENT_FORMS_DIRS),
      }),
    },
    standIn: {
      ...file.standIn,
      ...defined({
        enabled: envBool(env.STANDIN),
        clientId: envStr(env.STANDIN_CLIENT_ID),
        clientSecret: envStr(env.STANDIN_CLIENT_SECRET),
      }),
    },
    inbox: {
      ...file.inbox,
      ...defined({ enabled: envBool(env.INBOX), token: envStr(env.INBOX_TOKEN) }),
    },
    idp: {
      ...file.idp,
      ...defined({
        enabled: envBool(env.IDP),
        issuer: envStr(env.IDP_ISSUER),
        proxy: envBool(env.IDP_PROXY),
        clientId: envStr(env.IDP_CLIENT_ID),
        redirectUris: list(env.IDP_REDIRECT_URIS),
      }),
    },
    account: {
      ...file.account,
      ...defined({
        issuer: envStr(env.OIDC_ISSUER),
        clientId: envStr(env.OIDC_CLIENT_ID),
        scopes: envStr(env.OIDC_SCOPES)
          ?.split(/[\s,]+/)
          .filter(Boolean),
        claimMap: env.OIDC_CLAIM_MAP
          ? envJson<Record<string, string>>(env.OIDC_CLAIM_MAP, 'OIDC_CLAIM_MAP')
          : undefined,
        redirectUris: list(env.OIDC_REDIRECT_URIS),
      }),
    },
    payment: {
      ...file.payment,
      ...defined({
        providerUrl: envStr(env.PAYMENT_PROVIDER_URL),
        tokenUrl: envStr(env.PAYMENT_TOKEN_URL),
        clientId: envStr(env.PAYMENT_CLIENT_ID),
        clientSecret: envStr(env.PAYMENT_CLIENT_SECRET),
        scope: envStr(env.PAYMENT_SCOPE),
        originatorId: envStr(env.PAYMENT_ORIGINATOR_ID),
        endPointId: envStr(env.PAYMENT_ENDPOINT_ID),
        tlsCertFile: envStr(env.PAYMENT_TLS_CERT),
        tlsKeyFile: envStr(env.PAYMENT_TLS_KEY),
        tlsCaFile: envStr(env.PAYMENT_TLS_CA),
        redirectOrigins: list(env.PAYMENT_REDIRECT_ORIGINS),
      }),
    },
    paymentStandIn: {
      ...file.paymentStandIn,
      ...defined({ enabled: envBool(env.PAYMENT_STANDIN) }),
    },
  });
}

function readConfigFile(path: string): ServerConfigInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`OZG_CONFIG: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  return envJson<ServerConfigInput>(text, `OZG_CONFIG ${path}`);
}

/** The paths of the configuration (from the variables or the OZG_CONFIG file), made absolute against `base`. */
function absolutePaths(base: string, c: ServerConfigInput): ServerConfigInput {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(base, p));
  const { gateway: g = {}, payment: p = {} } = c;
  return {
    ...c,
    ...defined({
      dataDir: abs(c.dataDir),
      demoDir: c.demoDir === 'off' || c.demoDir === '' ? '' : abs(c.demoDir),
      distDir: abs(c.distDir),
    }),
    gateway: {
      ...g,
      ...defined({
        secretKeyFile: abs(g.secretKeyFile),
        publishAtStart: g.publishAtStart?.map((d) => resolve(base, d)),
      }),
    },
    payment: {
      ...p,
      ...defined({ tlsCertFile: abs(p.tlsCertFile), tlsKeyFile: abs(p.tlsKeyFile), tlsCaFile: abs(p.tlsCaFile) }),
    },
  };
}
