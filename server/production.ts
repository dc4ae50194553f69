import { isIPv4 } from 'node:net';
import {
  ConfigError,
  DEMO_CLIENT_SECRET,
  DEMO_PAYMENT_CLIENT_SECRET,
  DEMO_SITE_DIR,
  type ServerConfig,
} from './config.js';

/** Refusal to start: the message is one line that says what to set. */
export class StartRefused extends Error {}

/**
 * Why the server did not start, in one line that says what to set (server/main.ts prints it and exits
 * 1): a refusal, a configuration mistake, an address it cannot listen on. Undefined for anything else
 * (a fault of the server itself, whose stack trace is the useful output).
 */
export function startFailure(error: unknown): string | undefined {
  if (error instanceof StartRefused) return error.message;
  if (error instanceof ConfigError) return `ozg-form: ${error.message}`;
  const e = error as (NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string }) | undefined;
  if (!e || (e.syscall !== 'listen' && e.syscall !== 'bind' && e.syscall !== 'getaddrinfo')) return undefined;
  const where = `${e.address ?? e.hostname ?? 'HOST'}`;
  switch (e.code) {
    case 'EADDRINUSE':
      return `ozg-form: port ${e.port} is in use on ${where}; set PORT to a free port`;
    case 'EACCES':
      return `ozg-form: no permission to listen on port ${e.port} of ${where}; set PORT to 1024 or above (a proxy in front serves 80/443)`;
    case 'EADDRNOTAVAIL':
      return `ozg-form: ${where} is not an address of this machine; set HOST to one of its addresses (127.0.0.1 behind a proxy)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `ozg-form: the host name ${where} cannot be resolved; set HOST to an address of this machine`;
  }
  return undefined;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  return isIPv4(host) && host.startsWith('127.');
}

/**
 * What in this configuration is only for the demo and the tests: the stand-ins, the built-in IdP,
 * and every secret that is written in this repository. Empty = fit to face the public.
 */
export function demoParts(config: ServerConfig, env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (config.standIn.enabled) out.push('STANDIN=off');
  if (config.paymentStandIn.enabled)
    out.push('PAYMENT_STANDIN=off (and PAYMENT_PROVIDER_URL with its credentials if forms take payments)');
  if (config.idp.enabled) out.push('IDP=off (and OIDC_ISSUER)');
  if (config.inbox.enabled) out.push('INBOX=off');
  // The Musterstadt pages on the municipality's domain: a fake town, the case workers' inbox page and
  // the playground (whose checker needs 'unsafe-eval').
  if (config.demoDir === DEMO_SITE_DIR) out.push('DEMO_DIR=off (or a folder of your own pages)');
  // Without a Submission API the gateway sends to its own stand-in, which production mode switches off:
  // applications would wait forever.
  if (!config.gateway.submissionApiUrl)
    out.push(
      'FITCONNECT_SUBMISSION_API_URL, FITCONNECT_TOKEN_URL, FITCONNECT_CLIENT_ID, FITCONNECT_CLIENT_SECRET and FITCONNECT_DESTINATION_ID (your FIT-Connect access)',
    );
  else if (config.gateway.clientSecret === DEMO_CLIENT_SECRET)
    out.push('FITCONNECT_CLIENT_SECRET (not the demo secret)');
  // Only a configured provider needs a secret: without one, payments are off (payments.ts says so).
  if (config.payment.providerUrl && config.payment.clientSecret === DEMO_PAYMENT_CLIENT_SECRET)
    out.push('PAYMENT_CLIENT_SECRET (not the demo secret)');
  // The inbox is a stand-in of the authority's software: INBOX=off above, whatever its token.
  void env;
  return out;
}

/**
 * Production mode: on an address other than loopback, with NODE_ENV=production, or behind a proxy
 * (TRUST_PROXY set: then HOST is loopback, yet the public reaches the server), the server starts only
 * without stand-ins, the built-in IdP and demo secrets. Throws StartRefused with one line.
 * NODE_ENV=development lets the demo run behind a proxy.
 */
export function assertFitForPublic(config: ServerConfig, env: NodeJS.ProcessEnv = process.env): void {
  const production = env.NODE_ENV === 'production';
  const exposed = !isLoopback(config.host);
  const proxied = config.trustProxy.length > 0 && env.NODE_ENV !== 'development';
  if (!production && !exposed && !proxied) return;
  const missing = demoParts(config, env);
  if (!missing.length) return;
  const why = production
    ? 'NODE_ENV=production'
    : exposed
      ? `HOST=${config.host} is not a loopback address`
      : 'TRUST_PROXY is set: the public reaches this server through a proxy';
  const demo = production || exposed ? '' : ' (NODE_ENV=development shows the demo behind a proxy)';
  throw new StartRefused(
    `ozg-form: refusing to start (${why}) with demo parts on; set ${missing.join(', ')} - see docs/server.md#production-mode${demo}`,
  );
}
