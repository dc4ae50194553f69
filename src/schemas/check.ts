/**
 * The definition checker with Ajv, for Node (bin/ozg-form-check.mjs, the npm entry `ozg-form/check`)
 * and tests: everything check-rules.ts checks, plus the definition against the JSON Schema
 * meta-schema and a trial compile. The browser uses check-browser.ts (no code generation).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import { refusalProblem } from './refusal-texts.js';
import { checkWith, type CheckEngine, type CheckOptions, type DefinitionProblem } from './check-rules.js';
import { isObj, patternsOf, problem, schemaNodes } from './check-nodes.js';
import { linearPatternError } from './linear-regexp.js';
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
  return [...checkWith(ajvEngineFor(definition), definition, options), ...linearPatternProblems(definition)];
}

/**
 * Patterns the gateway cannot check in linear time (linear-regexp.ts): lookaround and backreferences.
 * Checked here, in Node, where RE2 is at hand; the browser runs patterns with its own engine, and the
 * gateway refuses to publish a definition with such a pattern (server/publish.ts runs this checker).
 */
function linearPatternProblems(definition: unknown): DefinitionProblem[] {
  if (!isObj(definition)) return [];
  const problems: DefinitionProblem[] = [];
  for (const node of schemaNodes(definition)) {
    for (const [at, source] of patternsOf(node)) {
      if (typeof source !== 'string' || !validRegExp(source)) continue; // an invalid one is reported already
      const reason = linearPatternError(source);
      if (reason)
        problems.push(
          problem(
            at,
            `Das Muster „${source}“ kann das Gateway nicht in linearer Zeit prüfen (${reason}). Lookahead ((?=…), (?!…)), Lookbehind ((?<=…), (?<!…)) und Rückverweise (\\1, \\k<name>) sind nicht möglich: Ein Muster, das zurückgehen muss, könnte mit einer einzigen Antwort das Gateway für alle blockieren. Bitte schreiben Sie es ohne sie, etwa mit Alternativen (a|b) oder als zwei Fragen.`,
            `The gateway cannot check the pattern "${source}" in linear time (${reason}). Lookahead ((?=…), (?!…)), lookbehind ((?<=…), (?<!…)) and backreferences (\\1, \\k<name>) are not possible: a pattern that must backtrack could block the gateway for everyone with a single answer. Write it without them, e.g. with alternatives (a|b) or as two questions.`,
          ),
        );
    }
  }
  return problems;
}

function validRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
