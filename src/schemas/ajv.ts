import type Ajv from 'ajv/dist/core.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import AjvDraft07 from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { germanFormats } from './formats.js';
import { isDraft07 } from './interpret.js';
import type { JsonSchema } from './types.js';
import type { ValidationEngine } from './validator.js';

/*
 * Ajv, for Node only: the definition checker (bin/ozg-form-check.mjs) and the gateway. Ajv compiles
 * schemas into functions (`new Function`), which a strict Content-Security-Policy forbids, so the
 * browser bundle never imports this file (test/unit/bundle-no-eval.test.mjs checks the build).
 */
export { isDraft07 };

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

const FALLBACK_ID = 'urn:ozg-form:definition';

/** A FormValidator engine that compiles with Ajv, each schema once, on first use (server side). */
export function ajvEngine(definition: JsonSchema): ValidationEngine {
  const ajv = createAjv(definition);
  const base = typeof definition.$id === 'string' && definition.$id ? definition.$id.replace(/#$/, '') : FALLBACK_ID;
  // The definition was checked against the meta-schema before; do not do it twice.
  ajv.addSchema({ ...definition, $id: base }, undefined, undefined, false);
  const cache = new Map<string, ValidateFunction>();
  const at = (pointer: string): ValidateFunction => {
    let validate = cache.get(pointer);
    if (!validate) {
      const fragment = pointer
        .split('/')
        .map((t) => encodeURIComponent(t))
        .join('/');
      validate = ajv.getSchema(`${base}#${fragment}`);
      if (!validate) throw new Error(`No schema at ${pointer}`);
      cache.set(pointer, validate);
    }
    return validate;
  };
  return {
    errorsAt: (pointer, value): ErrorObject[] => {
      const validate = at(pointer);
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
    matches: (pointer, value) => at(pointer)(value) === true,
  };
}
