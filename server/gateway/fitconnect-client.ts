import type { Readable } from 'node:stream';
import type { GatewayConfig } from '../config.js';
import { HttpProblem } from '../problem.js';

export interface FitConnectEndpoints {
  submissionApiUrl: string;
  tokenUrl: string;
  jwksUrl: string;
}

/**
 * Client of the FIT-Connect Submission API v1 as a sender (Onlinedienst). Fetches an OAuth2
 * client_credentials token and caches it until shortly before it expires. Upstream failures become
 * problems: 5xx/network -> 502 (retryable), 4xx -> 422 with the upstream detail (not retryable).
 */
export class FitConnectClient {
  private token: { value: string; exp: number } | undefined;
  private pendingToken: Promise<string> | undefined;

  constructor(
    private readonly cfg: GatewayConfig,
    private readonly endpoints: () => FitConnectEndpoints,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Number of token requests so far (observable in tests: the token is cached). */
  tokenRequests = 0;

  private async fetchToken(): Promise<string> {
    const { tokenUrl } = this.endpoints();
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.cfg.scope) body.set('scope', this.cfg.scope);
    const basic = Buffer.from(
      `${encodeURIComponent(this.cfg.clientId ?? '')}:${encodeURIComponent(this.cfg.clientSecret ?? '')}`,
    ).toString('base64');
    this.tokenRequests++;
    let res: Response;
    try {
      res = await this.fetchImpl(tokenUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${basic}`,
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new HttpProblem(502, 'Bad Gateway', 'FIT-Connect token endpoint not reachable');
    }
    if (!res.ok) throw new HttpProblem(502, 'Bad Gateway', `FIT-Connect token request failed (${res.status})`);
    const json = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!json.access_token)
      throw new HttpProblem(502, 'Bad Gateway', 'FIT-Connect token response without access_token');
    const lifetime = Math.max(30, Math.min(json.expires_in ?? 300, 1800));
    this.token = { value: json.access_token, exp: Date.now() + (lifetime - 20) * 1000 };
    return json.access_token;
  }

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.exp > Date.now()) return this.token.value;
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = undefined;
    });
    return this.pendingToken;
  }

  /** Calls the Submission API; path is relative to submissionApiUrl (e.g. 'submissions'). */
  async request(
    method: string,
    path: string,
    init: { json?: unknown; body?: string; contentType?: string; stream?: Readable; contentLength?: number } = {},
  ): Promise<Response> {
    const base = this.endpoints().submissionApiUrl.replace(/\/?$/, '/');
    const url = new URL(path, base);
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: 'application/json, application/problem+json',
      };
      let body: string | Readable | undefined;
      if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      }
      if (init.body !== undefined) {
        headers['content-type'] = init.contentType ?? 'application/octet-stream';
        body = init.body;
      }
      if (init.stream) {
        // Streamed through: the body is never held whole. A stream cannot be sent twice, so no retry on 401.
        headers['content-type'] = init.contentType ?? 'application/octet-stream';
        if (init.contentLength !== undefined) headers['content-length'] = String(init.contentLength);
        body = init.stream;
      }
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          method,
          headers,
          body: body as BodyInit | undefined,
          signal: AbortSignal.timeout(init.stream ? 15 * 60_000 : 60_000),
          ...(init.stream ? { duplex: 'half' } : {}),
        } as RequestInit);
      } catch (error) {
        if (init.stream?.errored) throw init.stream.errored;
        void error;
        throw new HttpProblem(502, 'Bad Gateway', 'FIT-Connect Submission API not reachable');
      }
      if (res.status === 401 && attempt === 0 && !init.stream) {
        this.token = undefined;
        continue;
      }
      if (res.status >= 500 || res.status === 401 || res.status === 403) {
        throw new HttpProblem(502, 'Bad Gateway', `FIT-Connect answered ${res.status}`);
      }
      if (res.status >= 400) {
        let detail = '';
        try {
          detail = ((await res.json()) as { detail?: string }).detail ?? '';
        } catch {
          /* not JSON */
        }
        throw new HttpProblem(422, 'Rejected by FIT-Connect', `${res.status} ${detail}`.trim(), {
          upstreamStatus: res.status,
        });
      }
      return res;
    }
  }

  async json<T>(
    method: string,
    path: string,
    init?: { json?: unknown; body?: string; contentType?: string },
  ): Promise<T> {
    const res = await this.request(method, path, init);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  /** The published JWKS with the keys that sign SETs (no token needed). */
  async jwks(): Promise<{ keys: unknown[] }> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.endpoints().jwksUrl, { signal: AbortSignal.timeout(15_000) });
    } catch {
      throw new HttpProblem(502, 'Bad Gateway', 'FIT-Connect JWKS not reachable');
    }
    if (!res.ok) throw new HttpProblem(502, 'Bad Gateway', `FIT-Connect JWKS answered ${res.status}`);
    const j = (await res.json()) as { keys?: unknown[] };
    return { keys: Array.isArray(j.keys) ? j.keys : [] };
  }
}
