/**
 * Where the gateway API is. Every gateway client (submission, uploads, return channel, payment) is
 * built on this one URL, so the `gateway` attribute may put the API under any path.
 */

/** The gateway API's URL with a trailing slash: `api` as given, else `<baseUrl>/gateway/v1/`. */
export function apiBase(opts: { api?: string | URL; baseUrl?: string | URL }): URL {
  if (opts.api) return new URL(String(opts.api).replace(/\/?$/, '/'));
  if (opts.baseUrl === undefined) throw new TypeError('ozg-form: the gateway client needs api or baseUrl');
  return new URL('gateway/v1/', new URL(String(opts.baseUrl)));
}

/** The `gateway` attribute of an element (e.g. "/gateway/v1") as an absolute API URL. */
export function gatewayApi(gateway: string, base: string): URL {
  return apiBase({ api: new URL(gateway.replace(/\/?$/, '/'), base) });
}
