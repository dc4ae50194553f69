// A JSON Schema without its annotations (title, description, examples, $comment): what a validator
// needs and nothing for people. The script-tag bundle carries x-ozg.meta.json this way (vite.config.ts);
// its descriptions are for editors' IDEs and the docs, and no check message uses them.
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment']);
/** Keywords whose value is a map of schemas (the map's keys are names, kept as they are). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is a schema or a list of schemas. */
const SCHEMAS = new Set([
  'allOf',
  'anyOf',
  'oneOf',
  'prefixItems',
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
]);

export function stripAnnotations(schema) {
  if (Array.isArray(schema)) return schema.map(stripAnnotations);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object')
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripAnnotations(sub)]));
    else out[key] = SCHEMAS.has(key) ? stripAnnotations(value) : value;
  }
  return out;
}
