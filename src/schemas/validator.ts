import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import type { JsonSchema } from './types.js';

const FALLBACK_ID = 'urn:ozg-form:definition';

/**
 * Validators of one definition, each compiled once, on first use: single questions and `if`
 * conditions for typing and blur, each top-level question of a step for "Weiter", the whole form
 * for the final confirmation. Ajv needs about a millisecond per question to compile, so nothing is
 * compiled before the person needs it.
 */
export class FormValidator {
  private readonly ajv: ReturnType<typeof createAjv>;
  private readonly base: string;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(definition: JsonSchema) {
    this.ajv = createAjv(definition);
    this.base = typeof definition.$id === 'string' && definition.$id ? definition.$id.replace(/#$/, '') : FALLBACK_ID;
    // The definition was checked against the meta-schema before; do not do it twice.
    this.ajv.addSchema({ ...definition, $id: this.base }, undefined, undefined, false);
  }

  /** The compiled validator of the schema at `pointer` inside the definition ('' = whole form). */
  private at(pointer: string): ValidateFunction {
    let validate = this.cache.get(pointer);
    if (!validate) {
      const fragment = pointer
        .split('/')
        .map((t) => encodeURIComponent(t))
        .join('/');
      validate = this.ajv.getSchema(`${this.base}#${fragment}`);
      if (!validate) throw new Error(`No schema at ${pointer}`);
      this.cache.set(pointer, validate);
    }
    return validate;
  }

  validateAll(data: unknown): ErrorObject[] {
    const validate = this.at('');
    return validate(data) ? [] : [...(validate.errors ?? [])];
  }

  validateAt(schemaPointer: string, value: unknown): ErrorObject[] {
    const validate = this.at(schemaPointer);
    return validate(value) ? [] : [...(validate.errors ?? [])];
  }

  matches(schemaPointer: string, value: unknown): boolean {
    return this.at(schemaPointer)(value) === true;
  }
}
