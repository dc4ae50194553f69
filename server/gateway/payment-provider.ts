import { readFileSync } from 'node:fs';
import { request as httpsRequest, Agent } from 'node:https';
import type { PaymentConfig } from '../config.js';
import { HttpProblem } from '../problem.js';
import type { PaymentRequest, PaymentTransaction } from '../standards/xbezahldienste.js';

export interface ProviderEndpoints {
  /** Base URL before /paymenttransaction, with trailing slash. */
  providerUrl: string;
  tokenUrl?: string;
}

/** A problem the provider answered (application/problem+json with an XBezahldienste code). */
export class ProviderProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

interface Answer {
  status: number;
  json: unknown;
}

/**
 * Client of an XBezahldienste 1.0 provider. Authenticates with OAuth2 client credentials (token
 * cached until shortly before it expires) or, when tlsCertFile/tlsKeyFile are configured, with a TLS
 * client certificate (ePayBL). Network failures and 5xx become 502 problems (retry later); the
 * provider's own problems are raised as ProviderProblem with its code.
 */
export class PaymentProviderClient {
  private token: { value: string; exp: number } | undefined;
  private agent: Agent | undefined;

  constructor(
    private readonly cfg: PaymentConfig,
    private readonly endpoints: () => ProviderEndpoints,
  ) {
    if (cfg.tlsCertFile && cfg.tlsKeyFile) {
      this.agent = new Agent({
        cert: readFileSync(cfg.tlsCertFile),
        key: readFileSync(cfg.tlsKeyFile),
        ...(cfg.tlsCaFile ? { ca: readFileSync(cfg.tlsCaFile) } : {}),
        keepAlive: true,
      });
    }
  }

  private async send(method: string, url: URL, headers: Record<string, string>, body?: string): Promise<Answer> {
    try {
      if (this.agent && url.protocol === 'https:') return await this.sendTls(method, url, headers, body);
      const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(20_000), redirect: 'error' });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new HttpProblem(502, 'Bad Gateway', 'payment provider answered no JSON', {
          code: 'PROVIDER_UNAVAILABLE',
        });
      throw new HttpProblem(503, 'Service Unavailable', 'payment provider not reachable', {
        code: 'PROVIDER_UNAVAILABLE',
      });
    }
  }

  private sendTls(method: string, url: URL, headers: Record<string, string>, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, agent: this.agent, timeout: 20_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined });
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }

  private async accessToken(force: boolean): Promise<string | undefined> {
    if (this.agent) return undefined;
    if (!force && this.token && this.token.exp > Date.now()) return this.token.value;
    const { tokenUrl } = this.endpoints();
    if (!tokenUrl)
      throw new HttpProblem(503, 'Service Unavailable', 'no payment token endpoint configured', {
        code: 'PROVIDER_UNAVAILABLE',
      });
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.cfg.scope) form.set('scope', this.cfg.scope);
    const basic = Buffer.from(
      `${encodeURIComponent(this.cfg.clientId ?? '')}:${encodeURIComponent(this.cfg.clientSecret ?? '')}`,
    ).toString('base64');
    const res = await this.send(
      'POST',
      new URL(tokenUrl),
      {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
        accept: 'application/json',
      },
      form.toString(),
    );
    const json = res.json as { access_token?: string; expires_in?: number } | undefined;
    if (res.status !== 200 || !json?.access_token) {
      throw new HttpProblem(502, 'Bad Gateway', `payment provider token request failed (${res.status})`, {
        code: 'PROVIDER_UNAVAILABLE',
      });
    }
    const lifetime = Math.max(30, Math.min(json.expires_in ?? 300, 1800));
    this.token = { value: json.access_token, exp: Date.now() + (lifetime - 20) * 1000 };
    return json.access_token;
  }

  private async call(method: 'GET' | 'POST', path: string, json?: unknown): Promise<PaymentTransaction> {
    const { originatorId, endPointId } = this.cfg;
    const url = new URL(
      `paymenttransaction/${encodeURIComponent(originatorId)}/${encodeURIComponent(endPointId)}${path}`,
      this.endpoints().providerUrl,
    );
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (json !== undefined) headers['content-type'] = 'application/json';
      const res = await this.send(method, url, headers, json === undefined ? undefined : JSON.stringify(json));
      if (res.status === 401 && attempt === 0 && token) {
        this.token = undefined;
        continue;
      }
      if (res.status >= 200 && res.status < 300) return res.json as PaymentTransaction;
      const p = (res.json ?? {}) as { code?: string; title?: string; detail?: string };
      if (res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 0) {
        throw new HttpProblem(502, 'Bad Gateway', `payment provider answered ${res.status}`, {
          code: 'PROVIDER_UNAVAILABLE',
        });
      }
      throw new ProviderProblem(res.status, p.code ?? p.title ?? 'UNSPECIFIED', p.detail ?? '');
    }
  }

  create(request: PaymentRequest): Promise<PaymentTransaction> {
    return this.call('POST', '', request);
  }

  get(transactionId: string): Promise<PaymentTransaction> {
    return this.call('GET', `/${encodeURIComponent(transactionId)}`);
  }
}
