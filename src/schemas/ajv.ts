import type Ajv from 'ajv/dist/core.js';
import AjvDraft07 from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { germanFormats } from './formats.js';

const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

/** True when the definition declares JSON Schema draft-07 in `$schema`. */
export function isDraft07(definition: unknown): boolean {
  if (definition === null || typeof definition !== 'object') return false;
  const declared = (definition as { $schema?: unknown }).$schema;
  return typeof declared === 'string' && DRAFT_07.test(declared);
}

/**
 * An Ajv instance for one definition: draft-07 when the definition says so, 2020-12 otherwise.
 * Collects all errors; `x-ozg` is an annotation without any effect on validation. Unknown keywords
 * and formats do not throw here (`strict: false`); `checkDefinition` reports them to the author.
 */
export function createAjv(definition: unknown): Ajv {
  const options = { allErrors: true, strict: false, messages: true };
  const ajv: Ajv = isDraft07(definition) ? new AjvDraft07(options) : new Ajv2020(options);
  ajv.addKeyword({ keyword: 'x-ozg' }); // annotation only; checkDefinition validates its content
  addFormats(ajv, ['email', 'uri', 'date', 'date-time', 'time']);
  for (const [name, test] of Object.entries(germanFormats)) {
    ajv.addFormat(name, { type: 'string', validate: test });
  }
  return ajv;
}
