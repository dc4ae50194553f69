import { html, nothing } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import { DefinitionLoadError, fetchDefinition, hashText } from '../../schemas/load.js';
import { DefinitionError } from '../../schemas/model.js';
import type { FormStore } from '../../schemas/store.js';
import type { FieldNode, JsonSchema, Lang } from '../../schemas/types.js';

export type ValidationModule = typeof import('../../schemas/validation.js');

/** Ajv and everything that needs it: one chunk, fetched while the definition loads. */
export const loadValidation = (): Promise<ValidationModule> => import('../../schemas/validation.js');

/** The definition given as an object (`schema`) or fetched from `src`, and the id its draft is kept under. */
export async function readDefinition(
  schema: JsonSchema | undefined,
  src: string | undefined,
): Promise<{ definition: JsonSchema; id: string }> {
  if (schema) {
    return {
      definition: schema,
      id: typeof schema.$id === 'string' ? schema.$id : `inline:${hashText(JSON.stringify(schema))}`,
    };
  }
  if (!src) throw new DefinitionLoadError('missing', {});
  const definition = await fetchDefinition(src);
  return { definition, id: typeof definition.$id === 'string' ? definition.$id : new URL(src, document.baseURI).href };
}

/** Whether the form has `if` conditions, which need the validators before the first render. */
export function hasIfConditions(node: FieldNode): boolean {
  if (node.kind === 'object')
    return node.blocks.some((b) => b.when.type === 'if') || node.children.some(hasIfConditions);
  if (node.kind === 'array') return !node.recursive && hasIfConditions(node.item);
  return false;
}

/** Loads the validators, checks the definition, and connects them to the store. */
export async function connectValidation(
  store: FormStore,
  definition: JsonSchema,
  module: Promise<ValidationModule>,
): Promise<void> {
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

/** Why a form could not be shown, in the person's language. */
export interface LoadProblem {
  message: string;
  problems: { pointer: string; message: string }[];
}

export function describeFailure(error: unknown, lang: Lang): LoadProblem {
  if (error instanceof DefinitionLoadError) {
    const key = (
      {
        missing: 'noDefinition',
        http: 'httpError',
        network: 'networkError',
        json: 'jsonError',
        invalid: 'invalidDefinition',
      } as const
    )[error.reason];
    return {
      message: t(lang, key, error.params),
      problems: error.problems.map((p) => ({ pointer: p.pointer || '/', message: p.message[lang] })),
    };
  }
  if (error instanceof DefinitionError) {
    return {
      message: t(lang, 'invalidDefinition'),
      problems: [{ pointer: error.pointer || '/', message: error.message }],
    };
  }
  return {
    message: t(lang, 'invalidDefinition'),
    problems: [{ pointer: '/', message: error instanceof Error ? error.message : String(error) }],
  };
}

/** The alert shown instead of a form whose definition could not be loaded or is invalid. */
export function renderLoadProblem(problem: LoadProblem, lang: Lang) {
  return html`<div class="load-error" role="alert" part="load-error">
    <h2>${t(lang, 'loadFailed')}</h2>
    <p>${t(lang, 'loadFailedHint')}${problem.message}</p>
    ${
      problem.problems.length
        ? html`<ul>
            ${problem.problems.map((p) => html`<li><code>${p.pointer}</code>: ${p.message}</li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}
