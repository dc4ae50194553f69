import { html, nothing } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import { chunkFailure, classifyFailure, Retry, UnreachableError, type Failure } from '../../modules/retry.js';
import {
  chunkDiagnosis,
  citizenText,
  diagnose,
  editorText,
  loadEditorNotes,
  renderEditorNote,
  type Diagnosis,
  type Situation,
} from '../diagnosis.js';
import { DefinitionLoadError, hashText, loadDefinition } from '../../schemas/load.js';
import type { Answers } from '../../schemas/data.js';
import { buildModel, DefinitionError } from '../../schemas/model.js';
import { FormStore } from '../../schemas/store.js';
import type { FieldNode, JsonSchema, Lang, PublishedVersion } from '../../schemas/types.js';

export type ValidationModule = typeof import('../../schemas/validation.js');

/** The validators and the definition checker: one chunk (when it is fetched: see openForm). */
export const loadValidation = (): Promise<ValidationModule> => import('../../schemas/validation.js');

interface FoundDefinition {
  definition: JsonSchema;
  id: string;
  published?: PublishedVersion;
}

/** A definition given as an object (`schema`), and the id its draft is kept under. */
function given(schema: JsonSchema): FoundDefinition {
  return {
    definition: schema,
    id: typeof schema.$id === 'string' ? schema.$id : `inline:${hashText(JSON.stringify(schema))}`,
  };
}

/** The definition fetched from `src`, and the id its draft is kept under. */
async function fetched(src: string | undefined): Promise<FoundDefinition> {
  if (!src) throw new DefinitionLoadError('missing', {});
  const { definition, published } = await fetchWithRetry(src);
  return {
    definition,
    id: typeof definition.$id === 'string' ? definition.$id : new URL(src, document.baseURI).href,
    ...(published ? { published } : {}),
  };
}

/** A failure that is a configuration mistake: retrying cannot fix it, the editor can. */
export class Misconfigured extends Error {
  override name = 'Misconfigured';
  constructor(readonly diagnosis: Diagnosis) {
    super(editorText('en', diagnosis));
  }
}

/** How the one retry loop sees a failed definition fetch. */
function definitionFailure(error: unknown, url: string): Promise<Failure> | Failure {
  if (!(error instanceof DefinitionLoadError)) return classifyFailure(error);
  if (error.reason === 'network') return classifyFailure(new UnreachableError(url));
  if (error.reason === 'http') return classifyFailure({ status: Number(error.params.status), url });
  return { transient: false, cause: error.reason === 'json' ? 'bad-response' : 'other', url };
}

/** The definition, fetched again after a network blip or a 5xx (a few times); a CORS refusal stops at once. */
async function fetchWithRetry(src: string): Promise<Awaited<ReturnType<typeof loadDefinition>>> {
  const url = new URL(src, document.baseURI).href;
  let gaveUp: Failure | undefined;
  const retry = new Retry({
    attempts: 3,
    baseDelayMs: 500,
    classify: (error) => definitionFailure(error, url),
    onGiveUp: (failure) => (gaveUp = failure),
  });
  try {
    return await retry.run(() => loadDefinition(src));
  } catch (error) {
    const diagnosis = gaveUp && diagnose(gaveUp, 'definition');
    if (!diagnosis) throw error;
    await loadEditorNotes();
    throw new Misconfigured(diagnosis);
  }
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
  const problems = await validation.checkDefinition(definition, { compile: false });
  if (problems.length) throw new DefinitionLoadError('invalid', {}, problems);
  store.attachValidation({ validator: new validation.FormValidator(definition), describe: validation.describeError });
}

/** A form read into its store: `validated` settles when the validators are connected; call
 * `rendered()` once the questions are on the page. */
export interface OpenedForm {
  store: FormStore;
  validated: Promise<void>;
  rendered: () => void;
}

/**
 * The definition (given as an object or fetched from `src`) read into the one store of the form. A
 * definition given as an object is open at once, without a promise: the first render shows its
 * questions, not "loading". A form with `if` conditions waits for the validators; any other is ready
 * at once and validated from the moment their chunk has arrived (`validated`, usually before the
 * first keystroke). Undefined when `current()` says a newer load has begun meanwhile; rejects with
 * what the editor needs to fix.
 *
 * When the validators' chunk is fetched: with `src`, while the definition is on its way (the network
 * wait hides it); with a definition given as an object there is nothing to wait for, so it is fetched
 * once the questions are on the page (`rendered()`), and does not compete with their first render.
 */
export function openForm(
  schema: JsonSchema | undefined,
  src: string | undefined,
  initialData: Answers | undefined,
  lang: Lang,
  current: () => boolean,
): OpenedForm | Promise<OpenedForm | undefined> {
  let rendered!: () => void;
  const gate = new Promise<void>((resolve) => (rendered = resolve));
  const validation = schema ? gate.then(loadValidation) : loadValidation();
  validation.catch(() => undefined); // a chunk that fails while the definition loads is reported below, not as unhandled
  let definition: JsonSchema | undefined;
  const failed = async (error: unknown): Promise<never> => {
    rendered();
    throw await explainFailure(error, definition, validation);
  };
  const open = (found: FoundDefinition): OpenedForm | Promise<OpenedForm | undefined> => {
    definition = found.definition;
    const model = buildModel(definition, found.id);
    if (found.published) model.published = found.published;
    const store = new FormStore(model, initialData);
    store.lang = lang;
    const opened = { store, validated: connectValidation(store, definition, validation), rendered };
    if (!hasIfConditions(model.root)) return opened;
    rendered();
    return opened.validated.then(() => (current() ? opened : undefined));
  };
  if (!schema)
    return fetched(src)
      .then((found) => (current() ? open(found) : undefined))
      .catch(failed);
  let opening: OpenedForm | Promise<OpenedForm | undefined>;
  try {
    opening = open(given(schema));
  } catch (error) {
    return failed(error);
  }
  return opening instanceof Promise ? opening.catch(failed) : opening;
}

/** A definition that could not even be read into a model: the checker says best what is wrong. */
export async function explainFailure(
  error: unknown,
  definition: JsonSchema | undefined,
  validation: Promise<ValidationModule>,
): Promise<unknown> {
  if (error instanceof DefinitionLoadError || definition === undefined) return error;
  try {
    const problems = await (await validation).checkDefinition(definition, { compile: false });
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
  /** A configuration mistake: the person is told what to do, the editor what to fix. */
  diagnosis?: Diagnosis;
  /** What the person was doing. */
  situation?: Situation;
  /** The definition's address is refused for good (404, 401/403, …): `message` is for the editor's box. */
  wrongAddress?: boolean;
}

/** The configuration mistake behind `error`, if it is one (a definition refused by CORS, a chunk that did not load). */
export function diagnosisOf(error: unknown): Diagnosis | undefined {
  if (error instanceof Misconfigured) return error.diagnosis;
  const chunk = chunkFailure(error);
  return chunk === undefined ? undefined : chunkDiagnosis(chunk);
}

export function describeFailure(error: unknown, lang: Lang, situation: Situation = 'load'): LoadProblem {
  const diagnosis = diagnosisOf(error);
  if (diagnosis) return { message: editorText(lang, diagnosis), problems: [], diagnosis, situation };
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
    const status = Number(error.params.status);
    return {
      message: t(lang, key, error.params),
      problems: error.problems.map((p) => ({ pointer: p.pointer || '/', message: p.message[lang] })),
      ...(status >= 400 && status < 500 && status !== 408 && status !== 429 ? { wrongAddress: true } : {}),
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
  const d = problem.diagnosis;
  if (d || problem.wrongAddress)
    return html`<div class="load-error" role="alert" part="load-error">
      <h2>${t(lang, 'loadFailed')}</h2>
      <p>${citizenText(lang, d, problem.situation ?? 'load')}</p>
      ${renderEditorNote(lang, d ? editorText(lang, d) : problem.message)}
    </div>`;
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
