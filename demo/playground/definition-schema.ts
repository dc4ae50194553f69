/**
 * A JSON Schema of a whole definition for the editor's completion and hover help: JSON Schema's own
 * keywords on every question, the x-ozg meta-schema (src/schemas/x-ozg.meta.json) on the root and on
 * every question. Only for suggestions — the check itself is checkAll (src/schemas/check/).
 */
type JSONSchema7 = Record<string, unknown>;
import meta from '../../src/schemas/x-ozg.meta.json' with { type: 'json' };

const defs = (meta as { $defs: Record<string, unknown> }).$defs;
/** The meta-schema's $defs, with their local references pointing into this schema's $defs. */
const local = JSON.parse(JSON.stringify(defs).replace(/"#\/\$defs\//g, '"#/definitions/')) as Record<
  string,
  JSONSchema7
>;

const question: JSONSchema7 = {
  type: 'object',
  properties: {
    type: {
      description: 'Art der Antwort / kind of answer',
      enum: ['string', 'number', 'integer', 'boolean', 'object', 'array'],
    },
    title: { type: 'string', description: 'Beschriftung der Frage / label of the question' },
    description: { type: 'string', description: 'Hinweis unter der Frage / hint under the question' },
    format: { enum: ['email', 'date', 'uri', 'de-postal-code', 'de-phone', 'iban', 'de-tax-id'] },
    enum: { type: 'array' },
    const: {},
    default: {},
    pattern: {
      type: 'string',
      description:
        'Regulärer Ausdruck; dazu x-ozg.errors.pattern schreiben / regular expression; add x-ozg.errors.pattern',
    },
    minLength: { type: 'integer' },
    maxLength: { type: 'integer' },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    minItems: { type: 'integer' },
    maxItems: { type: 'integer' },
    uniqueItems: { type: 'boolean' },
    readOnly: { type: 'boolean' },
    required: { type: 'array', items: { type: 'string' } },
    properties: { type: 'object', additionalProperties: { $ref: '#/definitions/question' } },
    items: { $ref: '#/definitions/question' },
    oneOf: { type: 'array', items: { $ref: '#/definitions/question' } },
    allOf: { type: 'array', items: { $ref: '#/definitions/question' } },
    if: { $ref: '#/definitions/question' },
    then: { $ref: '#/definitions/question' },
    else: { $ref: '#/definitions/question' },
    $ref: { type: 'string' },
    'x-ozg': { $ref: '#/definitions/field' },
  },
};

export const DEFINITION_SCHEMA: JSONSchema7 = {
  type: 'object',
  definitions: { ...local, question },
  properties: {
    $schema: { enum: ['https://json-schema.org/draft/2020-12/schema', 'http://json-schema.org/draft-07/schema#'] },
    $id: {
      type: 'string',
      description:
        'Adresse der Definition; wird schemaUri bei FIT-Connect / address of the definition; becomes the FIT-Connect schemaUri',
    },
    title: { type: 'string' },
    description: { type: 'string' },
    type: { const: 'object' },
    required: { type: 'array', items: { type: 'string' } },
    properties: { type: 'object', additionalProperties: { $ref: '#/definitions/question' } },
    $defs: { type: 'object', additionalProperties: { $ref: '#/definitions/question' } },
    allOf: { type: 'array', items: { $ref: '#/definitions/question' } },
    'x-ozg': { $ref: '#/definitions/root' },
  },
};
