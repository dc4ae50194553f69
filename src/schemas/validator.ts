import type { ErrorObject } from 'ajv';
import { dateRuleErrors, localToday } from './date-rules.js';
import { SchemaInterpreter } from './interpret.js';
import { atPointer } from './resolve.js';
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
  /** Today as YYYY-MM-DD, for date rules (`x-ozg.date`); tests pass a fixed day. */
  readonly today: () => string;

  constructor(
    private readonly definition: JsonSchema,
    engine?: ValidationEngine,
    options: { today?: () => string } = {},
  ) {
    this.engine = engine ?? new SchemaInterpreter(definition);
    this.today = options.today ?? (() => localToday());
  }

  validateAll(data: unknown): ErrorObject[] {
    return [...this.engine.errorsAt('', data), ...dateRuleErrors(this.definition, this.definition, data, this.today())];
  }

  /** Errors of a value against the schema at a pointer; `parent` (the object holding the value) lets
   * a date rule compare with another answer of it. */
  validateAt(schemaPointer: string, value: unknown, parent?: Record<string, unknown>): ErrorObject[] {
    const errors = this.engine.errorsAt(schemaPointer, value);
    const dates = dateRuleErrors(
      this.definition,
      atPointer(this.definition, schemaPointer),
      value,
      this.today(),
      parent,
    );
    return dates.length ? [...errors, ...dates] : errors;
  }

  matches(schemaPointer: string, value: unknown): boolean {
    return this.engine.matches(schemaPointer, value);
  }
}
