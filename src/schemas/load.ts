import type { DefinitionProblem } from './check.js';
import type { JsonSchema } from './types.js';

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

/** Fetches and parses a definition. Rejects with a DefinitionLoadError. */
export async function fetchDefinition(src: string, signal?: AbortSignal): Promise<JsonSchema> {
  let response: Response;
  try {
    response = await fetch(src, { signal, headers: { accept: 'application/schema+json, application/json' } });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new DefinitionLoadError('network', { src });
  }
  if (!response.ok) throw new DefinitionLoadError('http', { src, status: response.status });
  const body = await response.text();
  try {
    return JSON.parse(body) as JsonSchema;
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
