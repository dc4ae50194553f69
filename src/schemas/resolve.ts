import type { JsonSchema } from './types.js';

/** A key as a JSON Pointer token (RFC 6901: "~" as "~0", "/" as "~1"). Most keys have neither: they
 * are returned as they are, without running the replacements (this runs for every question). */
export function escapeToken(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** A JSON Pointer token read back as the key. */
export function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

/** The value at `pointer` ('' or '/a/b') inside `doc`, or undefined. */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[unescapeToken(decodeURIComponent(raw))];
  }
  return node;
}

/**
 * Follows local `$ref`s ('#/$defs/x') until a schema without `$ref` is reached. Sibling keywords of a
 * `$ref` (title, description, x-ozg) are kept and win over the target's, as in 2020-12.
 * Returns the schema and the pointer of the schema the content came from.
 */
export function resolveRef(
  definition: JsonSchema,
  schema: JsonSchema,
  pointer: string,
): { schema: JsonSchema; pointer: string } {
  // `pointer` of the result is where the schema's content (properties, if/then) lives; callers that
  // validate a value keep the pointer of the `$ref` node itself, so that sibling keywords count.
  let current = schema;
  let currentPointer = pointer;
  const seen = new Set<string>();
  const ownId = typeof definition.$id === 'string' ? definition.$id.replace(/#$/, '') : undefined;
  while (typeof current.$ref === 'string') {
    // A reference may repeat the definition's own $id ("urn:…#/$defs/hund").
    const ref = ownId && current.$ref.startsWith(`${ownId}#`) ? current.$ref.slice(ownId.length) : current.$ref;
    if (!ref.startsWith('#')) throw new Error(`Only references inside the definition are supported: ${ref}`);
    if (seen.has(ref)) throw new Error(`Circular reference: ${ref}`);
    seen.add(ref);
    const target = atPointer(definition, ref.slice(1));
    if (!target || typeof target !== 'object') throw new Error(`Reference not found: ${ref}`);
    const { $ref: _ignored, ...siblings } = current;
    current = { ...(target as JsonSchema), ...siblings };
    currentPointer = ref.slice(1);
  }
  return { schema: current, pointer: currentPointer };
}
