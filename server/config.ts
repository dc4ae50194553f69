import { resolve } from 'node:path';
import { ConfigError, defined } from './config-env.js';
import { isAddressOrRange } from './client-address.js';

export { configFromEnv, ConfigError, invocationDir } from './config-env.js';

/** Settings of the FIT-Connect gateway (what a municipality runs; holds the client credentials). */
/** What FIT-Connect accepts (Submission API v1): per encrypted attachment, attachments and total per submission. */
export const FIT_CONNECT_LIMITS = {
  attachmentBytes: 500 * 1000 * 1000,
  attachments: 100,
  submissionBytes: 2 * 1000 * 1000 * 1000,
} as const;

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
  /** Maximum size of one encrypted attachment (JWE) in bytes (FIT-Connect: 500 MB). */
  maxAttachmentBytes: number;
  /** Maximum size of all encrypted attachments of one submission in bytes (FIT-Connect: 2 GB). */
  maxSubmissionBytes: number;
  /** Maximum size of encryptedMetadata + encryptedData (JWE) in bytes. */
  maxPayloadBytes: number;
  /** Attachment uploads streaming at once; more get 503 with Retry-After (GATEWAY_MAX_PARALLEL_UPLOADS). */
  maxParallelUploads: number;
  /** Of those, uploads from one client address at once; more get 429 (GATEWAY_MAX_PARALLEL_UPLOADS_PER_CLIENT). */
  maxParallelUploadsPerClient: number;
  /** When every upload slot is taken, a new upload ends the slowest running one that brings less than this
   * many bytes per second on average (after uploadIdleSeconds) and takes its slot; 0: never
   * (GATEWAY_MIN_UPLOAD_BYTES_PER_SECOND_WHEN_FULL). */
  minUploadBytesPerSecondWhenFull: number;
  /** The window in which a request body must move (minBodyBytesPerSecond): an upload whose body stops
   * for this many seconds is ended and its slot freed; any other request body too (body-guard.ts)
   * (GATEWAY_UPLOAD_IDLE_SECONDS). */
  uploadIdleSeconds: number;
  /** A request body (an upload's too) must bring at least this many bytes per second, measured over
   * each uploadIdleSeconds; slower, it is ended (GATEWAY_MIN_BODY_BYTES_PER_SECOND). */
  minBodyBytesPerSecond: number;
  /** Request bodies one client may send at once, uploads included; more get 429
   * (GATEWAY_MAX_PARALLEL_BODIES_PER_CLIENT). */
  maxParallelBodiesPerClient: number;
  /** Submissions not sent after this many hours are deleted with their attachments (GATEWAY_UNSENT_TTL_HOURS). */
  unsentTtlHours: number;
  /** Key from which case secrets are derived: base64 or hex, >= 32 bytes (GATEWAY_SECRET_KEY). */
  secretKey?: string;
  /** A file holding that key (GATEWAY_SECRET_KEY_FILE). Neither set: <dataDir>/gateway-secret.key, created 0600. */
  secretKeyFile?: string;
  /**
   * Origins of the sites that embed the form from another origin (GATEWAY_ALLOWED_ORIGINS,
   * `https://www.musterstadt.de`): the gateway and /account/config.json answer CORS for these only.
   * Empty = same origin only (or a reverse proxy). Never `*`.
   */
  allowedOrigins: string[];
  /** Folders whose definitions are published at start (GATEWAY_PUBLISH_AT_START). Default: demo/forms with the stand-in, else none. */
  publishAtStart: string[];
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

/** The built-in OpenID provider with BundID-like test accounts (server/idp; a test aid, not for production). */
export interface IdpConfig {
  enabled: boolean;
  /** Public issuer URL when the server runs behind a proxy. Unset = <this server's URL>idp. */
  issuer?: string;
  /** Trust X-Forwarded-* headers (set behind a TLS-offloading proxy). */
  proxy: boolean;
  /** The demo's public client (PKCE, no secret). */
  clientId: string;
  /** Extra redirect URIs besides the demo pages on the server's own origin. */
  redirectUris: string[];
}

/** What the browser's AccountService is told (GET /account/config.json). */
export interface AccountConfig {
  /** OpenID provider issuer (e.g. a Keycloak realm that brokers BundID). Unset = the built-in provider. */
  issuer?: string;
  /** Client id at that provider. Unset = idp.clientId. */
  clientId?: string;
  scopes: string[];
  /** Canonical claim name (as used in x-ozg.prefill) -> claim name or dotted path at the provider. */
  claimMap: Record<string, string>;
  /** acr value per trust level; unset = STORK-QAA-Level-1/3/4. */
  acrValues?: Partial<Record<'basisregistriert' | 'substantiell' | 'hoch', string>>;
  /** The redirect URIs registered for clientId at that provider (OIDC_REDIRECT_URIS), told to the
   * browser so a page missing there offers no login. Unset = not checked (the built-in provider's
   * own list is always told). */
  redirectUris?: string[];
}

/**
 * The payment provider the gateway talks to (XBezahldienste 1.0: ePayBL, pmPayment, GiroCheckout …).
 * Unset providerUrl = the local stand-in of this server (server/payment).
 */
export interface PaymentConfig {
  /** Base URL of the provider's XBezahldienste API (the part before /paymenttransaction). */
  providerUrl?: string;
  /** OAuth2 token endpoint (client credentials). Unset with the stand-in = its token endpoint. */
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  /** Mandant (originator) and Bewirtschafter/endpoint ids assigned by the provider. */
  originatorId: string;
  endPointId: string;
  /** TLS client certificate instead of OAuth2 (ePayBL): PEM files. See docs/server.md. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  tlsCaFile?: string;
  /** Origins the provider may send the person back to. Default: this server's origin. */
  redirectOrigins: string[];
}

/** The local XBezahldienste stand-in (server/payment; a test aid, not for production). */
export interface PaymentStandInConfig {
  enabled: boolean;
  clientId: string;
  clientSecret: string;
  originatorId: string;
  endPointId: string;
}

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** The folder served at '/': the Musterstadt demo (the repository's demo/) unless DEMO_DIR names
   * another; '' (DEMO_DIR=off) serves nothing there, as a municipality's gateway should. */
  demoDir: string;
  distDir: string;
  /** Log every request (LOG_REQUESTS). Errors and security events are always logged. */
  logger: boolean;
  /** pino level (LOG_LEVEL): security events are 'warn', errors 'error'. Default warn (info with LOG_REQUESTS). */
  logLevel: string;
  /**
   * Addresses or CIDR ranges of the reverse proxies in front (TRUST_PROXY): a request from one of them is
   * counted for the address its `X-Forwarded-For` names (rate limits, upload slots, logs). Empty: the
   * header is ignored, so no client can choose its own address.
   */
  trustProxy: string[];
  /** Requests per minute and client on the routes a stranger can call in a loop (RATE_LIMIT_*). */
  rateLimits: { submissions: number; payments: number; cases: number; inbox: number; newPaymentsPerHour: number };
  gateway: GatewayConfig;
  standIn: StandInConfig;
  inbox: InboxConfig;
  idp: IdpConfig;
  account: AccountConfig;
  payment: PaymentConfig;
  paymentStandIn: PaymentStandInConfig;
}

export type ServerConfigInput = Partial<
  Omit<ServerConfig, 'gateway' | 'standIn' | 'inbox' | 'idp' | 'account' | 'payment' | 'paymentStandIn' | 'rateLimits'>
> & {
  rateLimits?: Partial<ServerConfig['rateLimits']>;
  gateway?: Partial<GatewayConfig>;
  standIn?: Partial<StandInConfig>;
  inbox?: Partial<InboxConfig>;
  idp?: Partial<IdpConfig>;
  account?: Partial<AccountConfig>;
  payment?: Partial<PaymentConfig>;
  paymentStandIn?: Partial<PaymentStandInConfig>;
};

export const DEMO_IDP_CLIENT_ID = 'ozg-form-demo';
export const DEFAULT_ACCOUNT_SCOPES = ['openid', 'profile', 'email', 'phone', 'address', 'postfach', 'unternehmen'];

export const DEMO_INBOX_TOKEN = 'musterstadt-demo';
export const DEMO_CLIENT_ID = 'ozg-form-demo-client';
export const DEMO_CLIENT_SECRET = 'ozg-form-demo-secret';
export const DEMO_PAYMENT_CLIENT_ID = 'musterstadt-kasse';
export const DEMO_PAYMENT_CLIENT_SECRET = 'musterstadt-kasse-secret';
export const DEMO_ORIGINATOR_ID = 'musterstadt';
export const DEMO_ENDPOINT_ID = 'buergerservice';

const repoRoot = resolve(import.meta.dirname, '..');
/** The Musterstadt demo pages (served at '/' unless DEMO_DIR says otherwise). */
export const DEMO_SITE_DIR = resolve(repoRoot, 'demo');

/**
 * Where the local stand-ins are mounted: all under one prefix, apart from the citizen-facing routes
 * (`/`, `/dist/`, `/gateway/v1/`, `/account/`, and `/idp/` for the built-in provider's login pages). A
 * deployment exposes none of them (its proxy forwards only the citizen-facing paths), and production
 * mode refuses to start while one is on.
 */
export const STANDIN_BASE = '/standins';
export const STANDIN_PATHS = {
  fitconnect: `${STANDIN_BASE}/fitconnect`,
  payment: `${STANDIN_BASE}/xbezahldienste`,
  inbox: `${STANDIN_BASE}/inbox/api`,
} as const;

/** The FIT-Connect endpoints the gateway calls: the configured ones, else the stand-in's on this server. */
export function fitConnectEndpoints(
  g: GatewayConfig,
  selfUrl: string,
): { submissionApiUrl: string; tokenUrl: string; jwksUrl: string } {
  if (g.submissionApiUrl) {
    return {
      submissionApiUrl: g.submissionApiUrl,
      tokenUrl: g.tokenUrl!,
      jwksUrl: g.jwksUrl ?? new URL('/.well-known/jwks.json', g.submissionApiUrl).href,
    };
  }
  const standIn = new URL(STANDIN_PATHS.fitconnect.slice(1) + '/', selfUrl);
  return {
    submissionApiUrl: new URL('v1/', standIn).href,
    tokenUrl: g.tokenUrl ?? new URL('token', standIn).href,
    jwksUrl: g.jwksUrl ?? new URL('.well-known/jwks.json', standIn).href,
  };
}

/** The XBezahldienste provider the gateway calls: the configured one, else the stand-in on this server. */
export function paymentEndpoints(p: PaymentConfig, selfUrl: string): { providerUrl: string; tokenUrl?: string } {
  if (p.providerUrl) return { providerUrl: p.providerUrl.replace(/\/?$/, '/'), tokenUrl: p.tokenUrl };
  const base = new URL(STANDIN_PATHS.payment.slice(1) + '/', selfUrl);
  return { providerUrl: base.href, tokenUrl: p.tokenUrl ?? new URL('token', base).href };
}

/** Whether the gateway takes payments online: a provider is configured (PAYMENT_PROVIDER_URL) or the
 * stand-in runs. Without either, a form's payment is refused and the start banner says so. */
export const takesPayments = (config: ServerConfig): boolean =>
  !!config.payment.providerUrl || config.paymentStandIn.enabled;

/** Fills in defaults. Everything has a demo default so `npm start` works without configuration. */
export function resolveConfig(input: ServerConfigInput = {}): ServerConfig {
  if (input.trustProxy !== undefined && !Array.isArray(input.trustProxy))
    throw new ConfigError('trustProxy: a list of addresses or CIDR ranges, e.g. ["127.0.0.1"]');
  for (const entry of input.trustProxy ?? [])
    if (typeof entry !== 'string' || !isAddressOrRange(entry))
      throw new ConfigError(`TRUST_PROXY: not an address or a CIDR range (e.g. 127.0.0.1, 10.0.0.0/8): ${entry}`);
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
    // A JWE is ~4/3 of its file: 100 MiB carries a file of ~75 MiB (the demo's largest allows 60 MiB).
    maxAttachmentBytes: 100 * 1024 * 1024,
    maxSubmissionBytes: 200 * 1024 * 1024,
    maxPayloadBytes: 2 * 1024 * 1024,
    maxParallelUploads: 8,
    // The widget uploads one attachment after the other; two leave room for a retry beside a stalled one.
    maxParallelUploadsPerClient: 2,
    // 64 KiB/s (about 0.5 Mbit/s): eight such uploads at once take 4 Mbit/s to hold every slot.
    minUploadBytesPerSecondWhenFull: 64 * 1024,
    uploadIdleSeconds: 30,
    minBodyBytesPerSecond: 1024,
    maxParallelBodiesPerClient: 8,
    unsentTtlHours: 72,
    allowedOrigins: [],
    publishAtStart: standIn.enabled ? [resolve(input.demoDir || DEMO_SITE_DIR, 'forms')] : [],
    ...(usesStandIn ? { clientId: standIn.clientId, clientSecret: standIn.clientSecret } : {}),
    ...gw,
  };
  for (const o of gateway.allowedOrigins) {
    if (o === '*' || o === 'null' || !/^https?:\/\/[^/]+$/.test(o) || new URL(o).origin !== o)
      throw new ConfigError(
        `GATEWAY_ALLOWED_ORIGINS: "${o}" is not an origin like https://www.musterstadt.de (never *)`,
      );
  }
  if (!(gateway.maxParallelUploadsPerClient >= 1))
    throw new ConfigError('gateway.maxParallelUploadsPerClient: at least 1');
  if (!(gateway.uploadIdleSeconds >= 1)) throw new ConfigError('gateway.uploadIdleSeconds: at least 1');
  if (!(gateway.minUploadBytesPerSecondWhenFull >= 0))
    throw new ConfigError('gateway.minUploadBytesPerSecondWhenFull: 0 (never) or more');
  if (!(gateway.maxParallelBodiesPerClient > gateway.maxParallelUploadsPerClient))
    throw new ConfigError(
      'gateway.maxParallelBodiesPerClient: more than maxParallelUploadsPerClient (uploads count among the bodies)',
    );
  if (gateway.maxAttachments > FIT_CONNECT_LIMITS.attachments)
    throw new ConfigError('gateway.maxAttachments: FIT-Connect allows at most 100');
  if (gateway.maxAttachmentBytes > FIT_CONNECT_LIMITS.attachmentBytes)
    throw new ConfigError('gateway.maxAttachmentBytes: FIT-Connect allows at most 500 MB');
  if (gateway.maxSubmissionBytes > FIT_CONNECT_LIMITS.submissionBytes)
    throw new ConfigError('gateway.maxSubmissionBytes: FIT-Connect allows at most 2 GB');
  if (!usesStandIn && (!gateway.clientId || !gateway.clientSecret || !gateway.tokenUrl || !gateway.destinationId)) {
    throw new ConfigError(
      'FITCONNECT_SUBMISSION_API_URL is set: FITCONNECT_TOKEN_URL, FITCONNECT_CLIENT_ID, ' +
        'FITCONNECT_CLIENT_SECRET and FITCONNECT_DESTINATION_ID are required too',
    );
  }
  const paymentStandIn: PaymentStandInConfig = {
    enabled: true,
    clientId: DEMO_PAYMENT_CLIENT_ID,
    clientSecret: DEMO_PAYMENT_CLIENT_SECRET,
    originatorId: DEMO_ORIGINATOR_ID,
    endPointId: DEMO_ENDPOINT_ID,
    ...defined(input.paymentStandIn ?? {}),
  };
  const pay = defined(input.payment ?? {});
  const payUsesStandIn = pay.providerUrl === undefined;
  const payment: PaymentConfig = {
    redirectOrigins: [],
    ...(payUsesStandIn
      ? {
          clientId: paymentStandIn.clientId,
          clientSecret: paymentStandIn.clientSecret,
          originatorId: paymentStandIn.originatorId,
          endPointId: paymentStandIn.endPointId,
        }
      : { originatorId: '', endPointId: '' }),
    ...pay,
  };
  const xbId = /^[\w-]{1,36}$/;
  if (!xbId.test(payment.originatorId) || !xbId.test(payment.endPointId)) {
    throw new ConfigError(
      'PAYMENT_ORIGINATOR_ID and PAYMENT_ENDPOINT_ID are required (1-36 characters A-Z a-z 0-9 _ -)',
    );
  }
  if (!payUsesStandIn && !payment.tlsCertFile && (!payment.tokenUrl || !payment.clientId || !payment.clientSecret)) {
    throw new ConfigError(
      'PAYMENT_PROVIDER_URL is set: PAYMENT_TOKEN_URL, PAYMENT_CLIENT_ID and PAYMENT_CLIENT_SECRET ' +
        '(OAuth2) or PAYMENT_TLS_CERT and PAYMENT_TLS_KEY (TLS client certificate) are required too',
    );
  }
  return {
    host: '127.0.0.1',
    port: 8080,
    dataDir: resolve(repoRoot, 'data'),
    demoDir: DEMO_SITE_DIR,
    distDir: resolve(repoRoot, 'dist'),
    logger: false,
    logLevel: input.logger ? 'info' : 'warn',
    trustProxy: [],
    ...defined({
      ...input,
      rateLimits: undefined,
      gateway: undefined,
      standIn: undefined,
      inbox: undefined,
      idp: undefined,
      account: undefined,
      payment: undefined,
      paymentStandIn: undefined,
    }),
    gateway,
    standIn,
    inbox: { enabled: true, token: DEMO_INBOX_TOKEN, ...defined(input.inbox ?? {}) },
    idp: { enabled: true, proxy: false, clientId: DEMO_IDP_CLIENT_ID, redirectUris: [], ...defined(input.idp ?? {}) },
    account: { scopes: DEFAULT_ACCOUNT_SCOPES, claimMap: {}, ...defined(input.account ?? {}) },
    payment,
    paymentStandIn,
    rateLimits: {
      submissions: 30,
      payments: 30,
      cases: 300,
      inbox: 300,
      // The demo's testers (and the tests) start many payments from one machine.
      newPaymentsPerHour: paymentStandIn.enabled ? 1000 : 20,
      ...defined(input.rateLimits ?? {}),
    },
  };
}
