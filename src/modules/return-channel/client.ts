import { apiBase } from '../gateway.js';
import type { JSONWebKeySet } from 'jose';
import { statusFromEvents, STATUS_LABELS, type CaseStatus, type VerifiedEvent } from './status.js';
import { verifySet } from './verify.js';

export interface CaseMessage {
  id: string;
  direction: 'to-applicant' | 'from-applicant';
  kind: 'message' | 'bescheid';
  /** A Bescheid's subject (its heading); `text` is then the body the case worker wrote. */
  subject?: string;
  text?: string;
  filename?: string;
  mimeType?: string;
  size?: number;
  createdAt: string;
  /** For a Bescheid: where to download it (relative to baseUrl; needs the case secret). */
  documentUrl?: string;
}

export interface CaseOverview {
  status: CaseStatus;
  label: { de: string; en: string };
  since?: Date;
  problems: unknown[];
  events: VerifiedEvent[];
  /** Tokens that failed verification and were ignored. */
  ignored: number;
}

export interface ReturnChannelOptions {
  /** Base URL of the server that hosts the gateway (the gateway lives under gateway/v1/). */
  baseUrl?: string | URL;
  /** The gateway API itself, wherever a deployment puts it; wins over baseUrl. */
  api?: string | URL;
  caseId: string;
  caseSecret: string;
  fetch?: typeof fetch;
}

/** The applicant's view of a case via the gateway's capability link (no Nutzerkonto needed). */
export class ReturnChannelClient {
  private readonly base: URL;
  private readonly fetchImpl: typeof fetch;
  private jwks: JSONWebKeySet | undefined;

  constructor(private readonly opts: ReturnChannelOptions) {
    this.base = apiBase(opts);
    this.fetchImpl = opts.fetch ?? ((...a) => fetch(...a));
  }

  private async get(path: string, accept = 'application/json'): Promise<Response> {
    const res = await this.fetchImpl(new URL(path, this.base), {
      headers: { accept, 'x-case-secret': this.opts.caseSecret },
    });
    if (!res.ok) throw new Error(`return channel: ${res.status}`);
    return res;
  }

  private async signingKeys(refresh = false): Promise<JSONWebKeySet> {
    if (!this.jwks || refresh) this.jwks = (await (await this.get('.well-known/jwks.json')).json()) as JSONWebKeySet;
    return this.jwks;
  }

  /** Fetches all events, verifies each signature, ignores invalid ones and derives the status. */
  async overview(): Promise<CaseOverview> {
    const tokens: string[] = [];
    for (let offset = 0; ;) {
      const page = (await (
        await this.get(`cases/${encodeURIComponent(this.opts.caseId)}/events?offset=${offset}`)
      ).json()) as { eventLog: string[]; totalCount: number; count: number };
      tokens.push(...page.eventLog);
      offset += page.count;
      if (page.count === 0 || offset >= page.totalCount) break;
    }
    let jwks = await this.signingKeys();
    const verify = async () => Promise.all(tokens.map((t) => verifySet(t, jwks, this.opts.caseId)));
    let results = await verify();
    // A key rotation shows up as unknown kids: refresh the JWKS once.
    if (results.some((r) => r === null)) {
      jwks = await this.signingKeys(true);
      results = await verify();
    }
    const events = results.filter((r): r is VerifiedEvent => r !== null);
    const s = statusFromEvents(events);
    return { ...s, label: STATUS_LABELS[s.status], events, ignored: results.length - events.length };
  }

  async messages(): Promise<CaseMessage[]> {
    const res = await this.get(`cases/${encodeURIComponent(this.opts.caseId)}/messages`);
    return ((await res.json()) as { messages: CaseMessage[] }).messages;
  }

  /** Downloads a Bescheid (PDF). */
  async downloadDocument(messageId: string): Promise<Blob> {
    return (
      await this.get(
        `cases/${encodeURIComponent(this.opts.caseId)}/messages/${encodeURIComponent(messageId)}/document`,
        'application/pdf',
      )
    ).blob();
  }

  /** Sends the applicant's answer to the authority. */
  async reply(text: string): Promise<string> {
    const res = await this.fetchImpl(new URL(`cases/${encodeURIComponent(this.opts.caseId)}/messages`, this.base), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-case-secret': this.opts.caseSecret,
      },
      body: JSON.stringify({ text }),
    });
    if (!res.ok) throw new Error(`return channel: ${res.status}`);
    return ((await res.json()) as { id: string }).id;
  }
}
