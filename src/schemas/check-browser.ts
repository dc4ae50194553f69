/**
 * The definition checker as <ozg-form> runs it in the browser: the rules of check-rules.ts with the
 * interpreting validator (interpret.ts), so checking a definition generates no code and works under
 * a Content-Security-Policy without 'unsafe-eval'. The check against the JSON Schema meta-schema and
 * the trial compile are left to the command-line checker and the gateway (check.ts, Ajv); a keyword
 * with a value of the wrong type does not stop the form, the checker reports it before publishing.
 */
import { checkWith, type CheckOptions, type DefinitionProblem } from './check-rules.js';
import { FORMAT_NAMES, SchemaInterpreter } from './interpret.js';
import type { JsonSchema } from './types.js';
import meta from './x-ozg.meta.json' with { type: 'json' };

let xOzg: SchemaInterpreter | undefined;

const engine = {
  formats: FORMAT_NAMES,
  xOzgErrors(where: 'root' | 'field', value: unknown) {
    xOzg ??= new SchemaInterpreter(meta as unknown as JsonSchema, { verbose: true });
    return xOzg.errorsAt(`/$defs/${where}`, value);
  },
};

/**
 * The problems of a definition. A refusal of the judge is worded by refusal-texts.ts, a chunk of its
 * own that only a refused definition loads (the editor reads it; a citizen's working form never does).
 */
export async function checkDefinition(definition: unknown, options: CheckOptions = {}): Promise<DefinitionProblem[]> {
  const problems = checkWith(engine, definition, options);
  if (!problems.some((p) => p.refusal)) return problems;
  const { refusalProblem } = await import('./refusal-texts.js');
  return problems.map((p) => (p.refusal ? refusalProblem(p.refusal) : p));
}
