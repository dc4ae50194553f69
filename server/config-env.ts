import { readFileSync } from 'node:fs';
import type { ServerConfig, ServerConfigInput } from './config.js';

/* Reading the configuration from the environment (and OZG_CONFIG); the defaults are in config.ts. */

function list(v: string | undefined): string[] | undefined {
  return envStr(v)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
function envInt(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${v}`);
  return n;
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
  const file: ServerConfigInput = env.OZG_CONFIG
    ? (JSON.parse(readFileSync(env.OZG_CONFIG, 'utf8')) as ServerConfigInput)
    : {};
  return {
    ...file,
    ...defined({
      host: envStr(env.HOST),
      port: envInt(env.PORT),
      dataDir: envStr(env.DATA_DIR),
      logger: envBool(env.LOG_REQUESTS),
      logLevel: envStr(env.LOG_LEVEL),
    }),
    rateLimits: defined({
      submissions: envInt(env.RATE_LIMIT_SUBMISSIONS),
      payments: envInt(env.RATE_LIMIT_PAYMENTS),
      cases: envInt(env.RATE_LIMIT_CASES),
      inbox: envInt(env.RATE_LIMIT_INBOX),
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
        maxAttachments: envInt(env.GATEWAY_MAX_ATTACHMENTS),
        maxAttachmentBytes: envInt(env.GATEWAY_MAX_ATTACHMENT_BYTES),
        maxSubmissionBytes: envInt(env.GATEWAY_MAX_SUBMISSION_BYTES),
        maxPayloadBytes: envInt(env.GATEWAY_MAX_PAYLOAD_BYTES),
        maxParallelUploads: envInt(env.GATEWAY_MAX_PARALLEL_UPLOADS),
        maxParallelUploadsPerClient: envInt(env.GATEWAY_MAX_PARALLEL_UPLOADS_PER_CLIENT),
        uploadIdleSeconds: envInt(env.GATEWAY_UPLOAD_IDLE_SECONDS),
        unsentTtlHours: envInt(env.GATEWAY_UNSENT_TTL_HOURS),
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
        claimMap: env.OIDC_CLAIM_MAP ? (JSON.parse(env.OIDC_CLAIM_MAP) as Record<string, string>) : undefined,
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
  };
}
