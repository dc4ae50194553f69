import type { TrustLevel } from './claims.js';

/** What GET /account/config.json answers (docs/server.md). */
export interface ServerAccountConfig {
  issuer: string;
  clientId: string;
  scopes?: string[];
  claimMap?: Record<string, string>;
  acrValues?: Partial<Record<TrustLevel, string>>;
  /** The redirect URIs registered for `clientId` at the provider: a page not among them cannot log
   * in (the provider would refuse it on its own error page). Optional: without it nothing is checked. */
  redirectUris?: string[];
}

/**
 * Why the account configuration cannot be used. `unreachable` may pass (network, server busy); the
 * others are misconfigurations that retrying cannot fix: the login is not offered.
 */
export type AccountConfigProblem =
  /** The URL answers 4xx (usually 404: no configuration published there). */
  | { kind: 'not-found'; url: string; status: number }
  /** The server answers, but without CORS for this page's origin. */
  | { kind: 'cors'; url: string }
  /** Not JSON, or no issuer / clientId. */
  | { kind: 'invalid'; url: string }
  /** This page is not among the redirect URIs registered at the provider. */
  | { kind: 'redirect-uri'; url: string; pageUrl: string; registered: string[] }
  /** No answer (offline, connection refused, timeout) or a server error. */
  | { kind: 'unreachable'; url: string; status?: number };

export type AccountConfigResult =
  { ok: true; config: ServerAccountConfig } | { ok: false; problem: AccountConfigProblem };

/** Misconfigurations the editor must fix; `unreachable` is not one of them (try again later). */
export function isMisconfiguration(problem: AccountConfigProblem): boolean {
  return problem.kind !== 'unreachable';
}

function isConfig(value: unknown): value is ServerAccountConfig {
  const v = value as Partial<ServerAccountConfig> | null;
  return (
    !!v &&
    typeof v === 'object' &&
    typeof v.issuer === 'string' &&
    v.issuer !== '' &&
    typeof v.clientId === 'string' &&
    v.clientId !== '' &&
    (v.redirectUris === undefined ||
      (Array.isArray(v.redirectUris) && v.redirectUris.every((u) => typeof u === 'string')))
  );
}

/**
 * Reads the account configuration and says what is wrong when it cannot be used. A request that
 * fails without an answer is asked again without CORS: an opaque answer then means the server is
 * there but does not allow this page's origin (a misconfiguration), no answer means unreachable.
 */
export async function loadAccountConfig(
  url: string,
  pageUrl: string,
  fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init),
  timeoutMs = 15_000,
): Promise<AccountConfigResult> {
  let res: Response;
  try {
    res = await fetchFn(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    const reachable = await fetchFn(url, { mode: 'no-cors', signal: AbortSignal.timeout(timeoutMs) }).then(
      () => true,
      () => false,
    );
    return { ok: false, problem: reachable ? { kind: 'cors', url } : { kind: 'unreachable', url } };
  }
  if (res.status >= 500 || res.status === 429)
    return { ok: false, problem: { kind: 'unreachable', url, status: res.status } };
  if (!res.ok) return { ok: false, problem: { kind: 'not-found', url, status: res.status } };
  const config: unknown = await res.json().catch(() => undefined);
  if (!isConfig(config)) return { ok: false, problem: { kind: 'invalid', url } };
  const registered = config.redirectUris;
  if (registered && !registered.includes(pageUrl)) {
    return { ok: false, problem: { kind: 'redirect-uri', url, pageUrl, registered } };
  }
  return { ok: true, config };
}
