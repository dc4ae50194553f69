import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAll, formatProblems, type DefinitionProblem } from 'ozg-form/check';
import { receiverSchema, type JsonSchema } from 'ozg-form/rules';
import { canonicalBytes, formName, type PublishedForm, type PublishedForms } from './gateway/published-forms.js';

/** Why a definition was not published: the checker's problems (or a missing `$id`), in both languages. */
export class PublishRefused extends Error {
  constructor(
    readonly file: string,
    readonly problems: DefinitionProblem[],
  ) {
    super(`${file}: not published\n${formatProblems(problems, 'en')}`);
    this.name = 'PublishRefused';
  }
  text(lang: 'de' | 'en'): string {
    const head = lang === 'de' ? 'nicht veröffentlicht' : 'not published';
    return `${this.file}: ${head}\n${formatProblems(this.problems, lang)}`;
  }
}

const problem = (pointer: string, de: string, en: string): DefinitionProblem => ({ pointer, message: { de, en } });

/**
 * Checks a definition with the same checker as `ozg-form-check` (errors refuse, warnings do not) and
 * publishes it under its `$id`: a new version when its canonical bytes differ from the latest one.
 */
export function publishDefinition(
  forms: PublishedForms,
  text: string,
  file = '(definition)',
): { form: PublishedForm; created: boolean; warnings: DefinitionProblem[] } {
  let definition: JsonSchema;
  try {
    definition = JSON.parse(text.replace(/^\uFEFF/, '')) as JsonSchema;
  } catch (error) {
    const m = (error as Error).message;
    throw new PublishRefused(file, [problem('', `kein gültiges JSON: ${m}`, `not valid JSON: ${m}`)]);
  }
  const problems = checkAll(definition);
  const errors = problems.filter((p) => !p.severity);
  const id = typeof definition?.$id === 'string' ? definition.$id : undefined;
  if (!id) {
    errors.push(
      problem(
        '/$id',
        'Ein veröffentlichtes Formular braucht eine $id (zum Beispiel https://musterstadt.de/formulare/kita-platz.json).',
        'A published form needs an $id (for example https://musterstadt.de/formulare/kita-platz.json).',
      ),
    );
  }
  const name = id ? formName(id) : undefined;
  if (id && !name) {
    errors.push(
      problem(
        '/$id',
        'Der letzte Teil der $id muss ein Name aus Buchstaben, Ziffern, ".", "_" oder "-" sein (er wird Teil der Adresse).',
        'The last segment of the $id must be a name of letters, digits, ".", "_" or "-" (it becomes part of the URL).',
      ),
    );
  }
  if (errors.length || !id || !name) throw new PublishRefused(file, errors);
  try {
    const { form, created } = forms.store({
      formId: id,
      name,
      body: canonicalBytes(definition),
      receiverSchema: JSON.stringify(receiverSchema(definition)),
    });
    return { form, created, warnings: problems.filter((p) => p.severity) };
  } catch (error) {
    const m = (error as Error).message;
    throw new PublishRefused(file, [problem('/$id', `Name bereits vergeben: ${m}`, `name already taken: ${m}`)]);
  }
}

export function publishFile(forms: PublishedForms, file: string) {
  return publishDefinition(forms, readFileSync(file, 'utf8'), file);
}

/** Publishes every *.json of the folders (the demo's forms at start); a refused one is reported and skipped. */
export function publishFolders(
  forms: PublishedForms,
  dirs: string[],
  onRefused: (error: PublishRefused) => void,
): PublishedForm[] {
  const out: PublishedForm[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      try {
        out.push(publishFile(forms, join(dir, name)).form);
      } catch (error) {
        if (!(error instanceof PublishRefused)) throw error;
        onRefused(error);
      }
    }
  }
  return out;
}
