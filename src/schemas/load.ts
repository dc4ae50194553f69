import type { DefinitionProblem } from './check.js';
import type { JsonSchema, PublishedVersion } from './types.js';

/** Why a definition could not be used: what an editor needs to fix it. */
export class DefinitionLoadError extends Error {
  constructor(
    readonly reason: 'missing' | 'http' | 'network' | 'json' | 'invalid',
    readonly params: Record<string, string | number>,
    readonly problems: DefinitionProblem[] = [],
  ) {
    super(`${reason}: ${JSON.stringify(params)}${problems.length ? ` (${problems.length} problems)` : ''}`);
    this.name = 'DefinitionLoadError';
  }
}

/** How long a definition may take to arrive, answer and body. */
export const DEFINITION_TIMEOUT_MS = 20_000;

/** Fetches and parses a definition. Rejects with a DefinitionLoadError. */
export async function fetchDefinition(src: string, signal?: AbortSignal): Promise<JsonSchema> {
  return (await loadDefinition(src, signal)).definition;
}

/** The version a gateway's published form announces in its headers (ETag, X-Ozg-Form-Version …). */
function publishedVersion(response: Response, src: string): PublishedVersion | undefined {
  const etag = /^"([0-9a-f]{64})"$/.exec(response.headers.get('etag') ?? '')?.[1];
  const version = Number(response.headers.get('x-ozg-form-version'));
  if (!etag || !Number.isInteger(version) || version < 1) return undefined;
  const schema = response.headers.get('x-ozg-receiver-schema');
  const base = new URL(response.url || src, document.baseURI);
  return { hash: etag, version, ...(schema ? { receiverSchema: new URL(schema, base).href } : {}) };
}

/** Fetches a definition and, from a gateway, which published version it is. */
export async function loadDefinition(
  src: string,
  signal?: AbortSignal,
): Promise<{ definition: JsonSchema; published?: PublishedVersion }> {
  let response: Response;
  let body: string;
  try {
    // Without a signal of the caller's, a time limit: a server that takes the request and never
    // answers counts as unreachable, and is asked again, instead of keeping the form at "loading".
    response = await fetch(src, {
      signal: signal ?? AbortSignal.timeout(DEFINITION_TIMEOUT_MS),
      headers: { accept: 'application/schema+json, application/json' },
    });
    body = response.ok ? await response.text() : '';
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new DefinitionLoadError('network', { src });
  }
  if (!response.ok) throw new DefinitionLoadError('http', { src, status: response.status });
  const published = publishedVersion(response, src);
  try {
    return { definition: JSON.parse(body) as JsonSchema, ...(published ? { published } : {}) };
  } catch (error) {
    throw new DefinitionLoadError('json', { src, detail: (error as Error).message });
  }
}

/** A short stable hash, to name drafts of definitions that have no `$id`. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
