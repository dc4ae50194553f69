import { DefinitionLoadError } from '../../schemas/load.js';
import type { FormStore } from '../../schemas/store.js';
import type { FieldNode, JsonSchema } from '../../schemas/types.js';

export type ValidationModule = typeof import('../../schemas/validation.js');

/** Ajv and everything that needs it: one chunk, fetched while the definition loads. */
export const loadValidation = (): Promise<ValidationModule> => import('../../schemas/validation.js');

/** Whether the form has `if` conditions, which need the validators before the first render. */
export function hasIfConditions(node: FieldNode): boolean {
  if (node.kind === 'object') return node.blocks.some((b) => b.when.type === 'if') || node.children.some(hasIfConditions);
  if (node.kind === 'array') return hasIfConditions(node.item);
  return false;
}

/** Loads the validators, checks the definition, and connects them to the store. */
export async function connectValidation(store: FormStore, definition: JsonSchema, module: Promise<ValidationModule>): Promise<void> {
  const validation = await module;
  const problems = validation.checkDefinition(definition, { compile: false });
  if (problems.length) throw new DefinitionLoadError('invalid', {}, problems);
  store.attachValidation({ validator: new validation.FormValidator(definition), describe: validation.describeError });
}

/** A definition that could not even be read into a model: the checker says best what is wrong. */
export async function explainFailure(
  error: unknown,
  definition: JsonSchema | undefined,
  validation: Promise<ValidationModule>,
): Promise<unknown> {
  if (error instanceof DefinitionLoadError || definition === undefined) return error;
  try {
    const problems = (await validation).checkDefinition(definition, { compile: false });
    if (problems.length) return new DefinitionLoadError('invalid', {}, problems);
  } catch {
    /* the checker could not load: report the original error */
  }
  return error;
}

