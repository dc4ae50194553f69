import type { ErrorObject } from 'ajv';
import { SchemaInterpreter } from './interpret.js';
import type { JsonSchema } from './types.js';

/** How a FormValidator checks a value against the schema at a JSON Pointer of its definition. */
export interface ValidationEngine {
  errorsAt(pointer: string, value: unknown): ErrorObject[];
  matches(pointer: string, value: unknown): boolean;
}

/**
 * The validators of one definition: single questions and `if` conditions for typing and blur, each
 * top-level question of a step for "Weiter", the whole form for the final confirmation. Errors have
 * Ajv's shape. In the browser the engine is an interpreter (no code generation, so no 'unsafe-eval'
 * in the page's Content-Security-Policy); the gateway passes `ajvEngine(definition)` (ajv.ts) and
 * checks the answers again with Ajv, by the same rules.
 */
export class FormValidator {
  private readonly engine: ValidationEngine;

  constructor(definition: JsonSchema, engine?: ValidationEngine) {
    this.engine = engine ?? new SchemaInterpreter(definition);
  }

  validateAll(data: unknown): ErrorObject[] {
    return this.engine.errorsAt('', data);
  }

  validateAt(schemaPointer: string, value: unknown): ErrorObject[] {
    return this.engine.errorsAt(schemaPointer, value);
  }

  matches(schemaPointer: string, value: unknown): boolean {
    return this.engine.matches(schemaPointer, value);
  }
}
