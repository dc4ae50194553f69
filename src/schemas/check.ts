/**
 * The definition checker with Ajv, for Node (bin/ozg-form-check.mjs, the npm entry `ozg-form/check`)
 * and tests: everything check-rules.ts checks, plus the definition against the JSON Schema
 * meta-schema and a trial compile, and the patterns the gateway or a browser cannot run safely
 * (pattern-problems.ts). The browser uses check-browser.ts (no code generation).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import { refusalProblem } from './refusal-texts.js';
import { checkWith, type CheckEngine, type CheckOptions, type DefinitionProblem } from './check-rules.js';
import { patternProblems } from './pattern-problems.js';
import meta from './x-ozg.meta.json' with { type: 'json' };

export type { CheckEngine, CheckOptions, DefinitionProblem } from './check-rules.js';
export { formatProblems } from './check-rules.js';

/** The pointer checks of fee rules: run by the command-line checker and when a form with fees loads
 * its payment code, not with every form (they would weigh on every form's bundle). */
export { checkFees } from './check-fees.js';

let metaValidators: Record<'root' | 'field', ValidateFunction> | undefined;

function xOzgValidators(): Record<'root' | 'field', ValidateFunction> {
  if (!metaValidators) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
    ajv.addSchema(meta);
    const id = (meta as { $id: string }).$id;
    metaValidators = {
      root: ajv.compile({ $ref: `${id}#/$defs/root` }),
      field: ajv.compile({ $ref: `${id}#/$defs/field` }),
    };
  }
  return metaValidators;
}

function ajvEngineFor(definition: unknown): CheckEngine {
  const ajv = createAjv(definition);
  return {
    formats: Object.keys(ajv.formats),
    xOzgErrors(where, value): ErrorObject[] {
      const validate = xOzgValidators()[where];
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
    metaSchemaErrors: (d) => (ajv.validateSchema(d) ? [] : [...(ajv.errors ?? [])]),
    compile: (d) => {
      try {
        ajv.compile(d);
      } catch (e) {
        // A pattern the gateway cannot run in linear time: linearPatternProblems says so at its place.
        if (!(e instanceof SyntaxError && e.message.includes('(RE2)'))) throw e;
      }
    },
    wordRefusal: refusalProblem,
  };
}

export function checkDefinition(definition: unknown, options: CheckOptions = {}): DefinitionProblem[] {
  return [...checkWith(ajvEngineFor(definition), definition, options), ...patternProblems(definition)];
}
