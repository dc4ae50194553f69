import { isIPv4 } from 'node:net';
import {
  ConfigError,
  DEMO_CLIENT_SECRET,
  DEMO_INBOX_TOKEN,
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
  if (config.paymentStandIn.enabled) out.push('PAYMENT_STANDIN=off');
  if (config.idp.enabled) out.push('IDP=off (and OIDC_ISSUER)');
  if (config.inbox.enabled) out.push('INBOX=off');
  // The Musterstadt pages on the municipality's domain: a fake town, the case workers' inbox page and
  // the playground (whose checker needs 'unsafe-eval').
  if (config.demoDir === DEMO_SITE_DIR) out.push('DEMO_DIR=off (or a folder of your own pages)');
  if (config.gateway.clientSecret === DEMO_CLIENT_SECRET) {
    out.push('FITCONNECT_CLIENT_SECRET (not the demo secret)');
  }
  if (config.payment.clientSecret === DEMO_PAYMENT_CLIENT_SECRET)
    out.push('PAYMENT_CLIENT_SECRET (not the demo secret)');
  if (config.inbox.enabled && config.inbox.token === DEMO_INBOX_TOKEN) out.push('INBOX_TOKEN (not the demo token)');
  void env;
  return out;
}

/**
 * Production mode: on an address other than loopback, or with NODE_ENV=production, the server starts
 * only without stand-ins, the built-in IdP and demo secrets. Throws StartRefused with one line.
 */
export function assertFitForPublic(config: ServerConfig, env: NodeJS.ProcessEnv = process.env): void {
  const production = env.NODE_ENV === 'production';
  const exposed = !isLoopback(config.host);
  if (!production && !exposed) return;
  const missing = demoParts(config, env);
  if (!missing.length) return;
  const why = production ? 'NODE_ENV=production' : `HOST=${config.host} is not a loopback address`;
  throw new StartRefused(
    `ozg-form: refusing to start (${why}) with demo parts on; set ${missing.join(', ')} - see docs/server.md#production`,
  );
}
