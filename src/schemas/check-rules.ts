/**
 * The definition checker: everything that can be wrong in a definition, as a list of problems with
 * the JSON Pointer of the place and a German and English sentence saying how to fix it. Runs in the
 * browser (when <ozg-form> loads a definition, with the interpreting engine of check-browser.ts) and
 * in Node (check.ts: Ajv, bin/ozg-form-check.mjs). No I/O, no schema compiler of its own.
 */
import type { ErrorObject } from 'ajv';
import {
  german,
  isObj,
  list,
  problem,
  schemaNodes,
  patternsOf,
  type CheckEngine,
  type DefinitionProblem,
  type SchemaNode,
} from './check-nodes.js';
import { checkLabelsAndOrder, checkSteps } from './check-steps.js';
import { checkXOzg } from './check-x-ozg.js';
import { refusals } from './support.js';

export { schemaNodes };
export type { CheckEngine, DefinitionProblem, SchemaNode };

const SUPPORTED_META = /^https?:\/\/json-schema\.org\/(draft\/2020-12\/schema|draft-07\/schema)#?$/;

// ---- JSON Schema keywords the checker can point at ---------------------------------------------

function checkKeywords(nodes: SchemaNode[], formats: Set<string>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const node of nodes) {
    const { schema, pointer } = node;
    if (typeof schema.format === 'string' && !formats.has(schema.format)) {
      problems.push(
        problem(
          `${pointer}/format`,
          `Das Format „${schema.format}“ ist unbekannt. Bekannt sind: ${list([...formats])}.`,
          `The format "${schema.format}" is unknown. Known formats: ${list([...formats])}.`,
        ),
      );
    }
    for (const [at, source] of patternsOf(node)) {
      if (typeof source !== 'string') continue;
      try {
        new RegExp(source, 'u');
      } catch (e) {
        problems.push(
          problem(
            at,
            `Der reguläre Ausdruck „${source}“ ist ungültig (${(e as Error).message}). Bitte korrigieren Sie ihn.`,
            `The regular expression "${source}" is invalid (${(e as Error).message}). Correct it.`,
          ),
        );
      }
    }
  }
  return problems;
}

// ---- the whole check ----------------------------------------------------------------------------

function metaSchemaProblems(errors: ErrorObject[]): DefinitionProblem[] {
  const byPointer = new Map<string, ErrorObject>();
  for (const error of errors) {
    const known = byPointer.get(error.instancePath);
    const wrapper = (e: ErrorObject) => ['anyOf', 'oneOf', '$dynamicRef', 'if'].includes(e.keyword);
    if (!known || (wrapper(known) && !wrapper(error))) byPointer.set(error.instancePath, error);
  }
  return [...byPointer.entries()].map(([pointer, error]) => {
    const key = pointer.split('/').pop() || 'Definition';
    const allowed = Array.isArray(error.params.allowedValues) ? ` (${list(error.params.allowedValues)})` : '';
    return problem(
      pointer,
      `„${key}“ ist kein gültiges JSON Schema: ${german(error)}${allowed}.`,
      `"${key}" is not valid JSON Schema: ${error.message}${allowed}.`,
    );
  });
}

/** All problems of a definition; an empty list means it can be published. */
export interface CheckOptions {
  /** Also compile the whole definition (default, where the engine can). The browser skips it. */
  compile?: boolean;
}

export function checkWith(engine: CheckEngine, definition: unknown, options: CheckOptions = {}): DefinitionProblem[] {
  if (!isObj(definition)) {
    return [
      problem(
        '',
        'Die Definition muss ein JSON-Objekt sein (ein JSON Schema mit "type": "object" und "properties").',
        'The definition must be a JSON object (a JSON Schema with "type": "object" and "properties").',
      ),
    ];
  }
  // What the element cannot render, decided by the one judge it uses too (support.ts).
  const refused = refusals(definition);
  const problems: DefinitionProblem[] = refused.map(
    (refusal) =>
      engine.wordRefusal?.(refusal) ?? {
        pointer: refusal.pointer,
        message: { de: refusal.construct, en: refusal.construct },
        refusal,
      },
  );
  const declared = definition.$schema;
  let schemaOk = true;
  if (declared !== undefined && (typeof declared !== 'string' || !SUPPORTED_META.test(declared))) {
    schemaOk = false;
    problems.push(
      problem(
        '/$schema',
        `„${String(declared)}“ wird nicht unterstützt. Verwenden Sie https://json-schema.org/draft/2020-12/schema oder http://json-schema.org/draft-07/schema#.`,
        `"${String(declared)}" is not supported. Use https://json-schema.org/draft/2020-12/schema or http://json-schema.org/draft-07/schema#.`,
      ),
    );
  } else {
    const errors = engine.metaSchemaErrors?.(definition) ?? [];
    if (errors.length) {
      schemaOk = false;
      // Where the judge names the construct, its sentence replaces the generic one.
      problems.push(...metaSchemaProblems(errors).filter((p) => !refused.some((r) => r.pointer === p.pointer)));
    }
  }
  const nodes = schemaNodes(definition);
  const keywordProblems = checkKeywords(nodes, new Set(engine.formats));
  problems.push(
    ...keywordProblems,
    ...checkXOzg(nodes, engine),
    ...checkSteps(definition),
    ...checkLabelsAndOrder(definition, nodes),
  );
  if (
    engine.compile &&
    options.compile !== false &&
    schemaOk &&
    keywordProblems.length === 0 &&
    !refused.some((r) => r.construct.endsWith('-ref'))
  ) {
    try {
      engine.compile(definition);
    } catch (e) {
      const message = (e as Error).message;
      const at = /at path "#([^"]*)"/.exec(message)?.[1] ?? '';
      problems.push(
        problem(
          at,
          `Die Definition lässt sich nicht übersetzen: ${message}`,
          `The definition cannot be compiled: ${message}`,
        ),
      );
    }
  }
  return problems;
}

/** One line per problem: "pointer: message" ('(Definition)' for the whole definition). */
export function formatProblems(problems: DefinitionProblem[], lang: 'de' | 'en'): string {
  const whole = lang === 'de' ? '(Definition)' : '(definition)';
  return problems.map((p) => `${p.pointer || whole}: ${p.message[lang]}`).join('\n');
}
