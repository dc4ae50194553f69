import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Settings of the FIT-Connect gateway (what a municipality runs; holds the client credentials). */
export interface GatewayConfig {
  /** Submission API base incl. /v1. Unset = the local stand-in of this server. */
  submissionApiUrl?: string;
  /** OAuth2 token endpoint. Unset = the local stand-in. */
  tokenUrl?: string;
  /** JWKS with the keys that sign status events (SETs). Unset = <submission API origin>/.well-known/jwks.json. */
  jwksUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** Destination (Zustellpunkt) id. Unset = the stand-in's destination. */
  destinationId?: string;
  /** Optional OAuth2 scope sent with the token request. */
  scope?: string;
  /** LeiKa keys the gateway accepts; empty = any well-formed key. */
  allowedLeika: string[];
  maxAttachments: number;
  /** Maximum size of one encrypted attachment (JWE) in bytes. */
  maxAttachmentBytes: number;
  /** Maximum size of encryptedMetadata + encryptedData (JWE) in bytes. */
  maxPayloadBytes: number;
}

export interface StandInConfig {
  enabled: boolean;
  clientId: string;
  clientSecret: string;
}

export interface InboxConfig {
  enabled: boolean;
  /** Bearer token / password for /inbox/api. */
  token: string;
}

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  demoDir: string;
  distDir: string;
  /** Log requests (fastify logger). */
  logger: boolean;
  gateway: GatewayConfig;
  standIn: StandInConfig;
  inbox: InboxConfig;
}

export type ServerConfigInput = Partial<Omit<ServerConfig, 'gateway' | 'standIn' | 'inbox'>> & {
  gateway?: Partial<GatewayConfig>;
  standIn?: Partial<StandInConfig>;
  inbox?: Partial<InboxConfig>;
};

export const DEMO_INBOX_TOKEN = 'musterstadt-demo';
export const DEMO_CLIENT_ID = 'ozg-form-demo-client';
export const DEMO_CLIENT_SECRET = 'ozg-form-demo-secret';

const repoRoot = resolve(import.meta.dirname, '..');

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
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Reads OZG_CONFIG (a JSON file with the ServerConfig shape) and the environment variables. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfigInput {
  const file: ServerConfigInput = env.OZG_CONFIG
    ? (JSON.parse(readFileSync(env.OZG_CONFIG, 'utf8')) as ServerConfigInput)
    : {};
  const leika = envStr(env.GATEWAY_ALLOWED_LEIKA);
  return {
    ...file,
    ...defined({
      host: envStr(env.HOST),
      port: envInt(env.PORT),
      dataDir: envStr(env.DATA_DIR),
      logger: envBool(env.LOG_REQUESTS),
    }),
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
        allowedLeika: leika ? leika.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
        maxAttachments: envInt(env.GATEWAY_MAX_ATTACHMENTS),
        maxAttachmentBytes: envInt(env.GATEWAY_MAX_ATTACHMENT_BYTES),
        maxPayloadBytes: envInt(env.GATEWAY_MAX_PAYLOAD_BYTES),
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
  };
}

/** Fills in defaults. Everything has a demo default so `npm start` works without configuration. */
export function resolveConfig(input: ServerConfigInput = {}): ServerConfig {
  const standIn: StandInConfig = {
    enabled: true,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    ...defined(input.standIn ?? {}),
  };
  const gw = defined(input.gateway ?? {});
  const usesStandIn = gw.submissionApiUrl === undefined;
  const gateway: GatewayConfig = {
    allowedLeika: [],
    maxAttachments: 30,
    maxAttachmentBytes: 20 * 1024 * 1024,
    maxPayloadBytes: 2 * 1024 * 1024,
    ...(usesStandIn ? { clientId: standIn.clientId, clientSecret: standIn.clientSecret } : {}),
    ...gw,
  };
  if (gateway.maxAttachments > 100) throw new Error('gateway.maxAttachments: FIT-Connect allows at most 100');
  if (!usesStandIn && (!gateway.clientId || !gateway.clientSecret || !gateway.tokenUrl || !gateway.destinationId)) {
    throw new Error('FITCONNECT_SUBMISSION_API_URL is set: FITCONNECT_TOKEN_URL, FITCONNECT_CLIENT_ID, '
      + 'FITCONNECT_CLIENT_SECRET and FITCONNECT_DESTINATION_ID are required too');
  }
  return {
    host: '127.0.0.1',
    port: 8080,
    dataDir: resolve(repoRoot, 'data'),
    demoDir: resolve(repoRoot, 'demo'),
    distDir: resolve(repoRoot, 'dist'),
    logger: false,
    ...defined({ ...input, gateway: undefined, standIn: undefined, inbox: undefined }),
    gateway,
    standIn,
    inbox: { enabled: true, token: DEMO_INBOX_TOKEN, ...defined(input.inbox ?? {}) },
  };
}
