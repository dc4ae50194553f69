/**
 * The receiver schema of a definition: what a Fachverfahren validates the submitted data against
 * (the submission's `schemaUri`). Plain JSON Schema that any standard validator accepts: every `x-ozg`
 * annotation is removed and the German formats (formats.ts) become `pattern`s, since other validators
 * do not know them. The patterns check the shape only (no IBAN or Steuer-ID check digits); the form
 * and the gateway have checked those already.
 */
import type { GermanFormat } from './formats.js';
import type { JsonSchema } from './types.js';

/** The shape of each German format as a regular expression (spaces allowed where the form allows them). */
export const GERMAN_FORMAT_PATTERNS: Record<GermanFormat, string> = {
  'de-postal-code': '^(?!00)[0-9]{5}$',
  iban: '^[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}$',
  'de-phone': '^ *\\+?[0-9 ()/-]{6,30} *$',
  'de-tax-id': '^[1-9](?: ?[0-9]){10}$',
};

const isGerman = (format: unknown): format is GermanFormat =>
  typeof format === 'string' && Object.hasOwn(GERMAN_FORMAT_PATTERNS, format);

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const source = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('x-')) continue;
    if (key === 'format' && isGerman(value)) continue;
    // `properties`, `$defs` … hold names, not keywords: a property called "x-…" stays.
    if (['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas'].includes(key)) {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, strip(v)]));
      continue;
    }
    out[key] = strip(value);
  }
  if (isGerman(source.format)) {
    const pattern = GERMAN_FORMAT_PATTERNS[source.format];
    if (typeof out.pattern === 'string' && out.pattern !== pattern) {
      out.allOf = [...((out.allOf as unknown[]) ?? []), { pattern }];
    } else out.pattern = pattern;
  }
  return out;
}

/**
 * The receiver schema of `definition`, with `$id` = `id` (the URL it is served at) when given.
 * The definition's own `$id` names the form, not this schema, so it is not kept.
 */
export function receiverSchema(definition: JsonSchema, id?: string): JsonSchema {
  const { $id: _own, ...rest } = strip(definition) as JsonSchema;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...(id ? { $id: id } : {}),
    ...rest,
  } as JsonSchema;
}
