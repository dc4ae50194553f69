import { isIPv4 } from 'node:net';
import { DEMO_CLIENT_SECRET, DEMO_INBOX_TOKEN, DEMO_PAYMENT_CLIENT_SECRET, type ServerConfig } from './config.js';

/** Refusal to start: the message is one line that says what to set. */
export class StartRefused extends Error {}

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
