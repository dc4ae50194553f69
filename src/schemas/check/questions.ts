/**
 * Checks of the questions: a label for everyone, English texts beside the German ones, limits on file
 * questions, `autocomplete` tokens on personal data (WCAG 1.3.5), an own message for a `pattern`, and
 * `prefill` claims the user account really has.
 */
import { closest } from 'fastest-levenshtein';
import { DEFAULT_CLAIM_MAP } from '../../modules/account/claims.js';
import type { DefinitionProblem } from '../check.js';
import { expectedAutocomplete, invalidAutocomplete } from './autocomplete.js';
import { labelProblem } from './labels.js';
import { esc, isObj, problem, questions, questionTitle, warning, type Obj, type Question } from './walk.js';

/** Canonical claim names `x-ozg.prefill` may name (docs/server.md): the top-level claims and the parts of the structured ones. */
export const PREFILL_CLAIMS: readonly string[] = [
  ...Object.keys(DEFAULT_CLAIM_MAP),
  ...['street_address', 'postal_code', 'locality', 'country'].flatMap((p) => [`address.${p}`, `company_address.${p}`]),
  ...['given_name', 'family_name', 'email'].map((p) => `acting_person.${p}`),
];

/** Groups whose questions are about the applicant (or a person acting for them). */
const PERSONAL_GROUP =
  /antragst|halter|person|applicant|anschrift|adresse|address|kontakt|contact|owner|inhaber|vertret|bevollm|melde|wohn/i;

const TEXT_KEYS = ['help', 'placeholder', 'itemTitle', 'addLabel'] as const;

/** German texts of one schema without their English counterpart under x-ozg.i18n.en. */
export function missingEnglish(
  schema: Obj,
  pointer: string,
  keys: readonly string[] = ['title', 'description'],
): DefinitionProblem[] {
  const x = isObj(schema['x-ozg']) ? schema['x-ozg'] : {};
  const en = isObj(x.i18n) && isObj(x.i18n.en) ? x.i18n.en : {};
  const found: DefinitionProblem[] = [];
  const missing = (at: string, what: string) =>
    found.push(
      warning(
        at,
        `Englischer Text fehlt: Ergänzen Sie x-ozg.i18n.en.${what}, sonst sehen englischsprachige Personen den deutschen Text.`,
        `English text missing: add x-ozg.i18n.en.${what}, otherwise English-speaking people see the German text.`,
      ),
    );
  for (const key of keys) {
    if (typeof schema[key] === 'string' && schema[key] !== '' && typeof en[key] !== 'string')
      missing(`${pointer}/${key}`, key);
  }
  for (const key of TEXT_KEYS) {
    if (typeof x[key] === 'string' && typeof en[key] !== 'string') missing(`${pointer}/x-ozg/${key}`, key);
  }
  for (const group of ['enumLabels', 'errors'] as const) {
    if (!isObj(x[group])) continue;
    const translated = isObj(en[group]) ? en[group] : {};
    for (const key of Object.keys(x[group])) {
      if (typeof translated[key] !== 'string') missing(`${pointer}/x-ozg/${group}/${esc(key)}`, `${group}.${key}`);
    }
  }
  return found;
}

function fileLimits(q: Question): DefinitionProblem[] {
  const file = (q.schema['x-ozg'] as Obj).file as Obj;
  const missing: Array<[string, string, string]> = [];
  if (typeof q.schema.maxItems !== 'number')
    missing.push(['maxItems', '"maxItems" (Anzahl Dateien, sonst 10)', '"maxItems" (number of files, otherwise 10)']);
  if (typeof file.maxFileSize !== 'number')
    missing.push([
      'maxFileSize',
      'x-ozg.file.maxFileSize (Bytes, sonst 10 MiB = 10485760)',
      'x-ozg.file.maxFileSize (bytes, otherwise 10 MiB = 10485760)',
    ]);
  if (!Array.isArray(file.accept))
    missing.push([
      'accept',
      'x-ozg.file.accept (Dateitypen, sonst PDF, JPEG, PNG)',
      'x-ozg.file.accept (file types, otherwise PDF, JPEG, PNG)',
    ]);
  if (missing.length === 0) return [];
  return [
    warning(
      `${q.pointer}/x-ozg/file`,
      `Die Dateifrage „${questionTitle(q)}“ nennt ihre Grenzen nicht; es gelten Voreinstellungen. Geben Sie an: ${missing.map((m) => m[1]).join('; ')}.`,
      `The file question "${questionTitle(q, 'en')}" does not state its limits; defaults apply. State: ${missing.map((m) => m[2]).join('; ')}.`,
    ),
  ];
}

function autocomplete(q: Question): DefinitionProblem[] {
  const x = isObj(q.schema['x-ozg']) ? q.schema['x-ozg'] : {};
  if (typeof x.autocomplete === 'string') {
    const bad = invalidAutocomplete(x.autocomplete);
    if (!bad) return [];
    const meant = bad.suggestion
      ? { de: ` Meinen Sie „${bad.suggestion}“?`, en: ` Did you mean "${bad.suggestion}"?` }
      : { de: '', en: '' };
    return [
      problem(
        `${q.pointer}/x-ozg/autocomplete`,
        `„${bad.token}“ ist kein autocomplete-Token des HTML-Standards; der Browser füllt die Frage dann nicht aus.${meant.de} (Telefon: "tel", E-Mail: "email", Postleitzahl: "postal-code", Ort: "address-level2")`,
        `"${bad.token}" is not an autocomplete token of the HTML standard; the browser will not fill the question.${meant.en} (telephone: "tel", e-mail: "email", postcode: "postal-code", town: "address-level2")`,
      ),
    ];
  }
  if (q.kind !== 'leaf' || q.schema.enum || q.schema.oneOf || q.schema.readOnly === true) return [];
  const x2 = isObj(q.schema['x-ozg']) ? q.schema['x-ozg'] : {};
  // a street in "Ort der Sondernutzung" or the birth date of a dog is not the applicant's own datum
  const groups = q.pointer
    .split('/')
    .slice(1, -1)
    .filter((s, i, all) => all[i - 1] === 'properties' || all[i - 1] === '$defs' || all[i - 1] === 'definitions');
  if (typeof x2.prefill !== 'string' && groups.length && !groups.some((g) => PERSONAL_GROUP.test(g))) return [];
  const token = expectedAutocomplete(q.name, q.schema);
  if (!token) return [];
  return [
    warning(
      q.declaredAt,
      `„${questionTitle(q)}“ fragt nach persönlichen Daten, hat aber kein autocomplete-Token (WCAG 1.3.5). Ergänzen Sie "x-ozg": { "autocomplete": "${token}" }.`,
      `"${questionTitle(q, 'en')}" asks for personal data but has no autocomplete token (WCAG 1.3.5). Add "x-ozg": { "autocomplete": "${token}" }.`,
    ),
  ];
}

function patternMessage(q: Question): DefinitionProblem[] {
  const x = isObj(q.schema['x-ozg']) ? q.schema['x-ozg'] : {};
  if (typeof q.schema.pattern !== 'string' || (isObj(x.errors) && typeof x.errors.pattern === 'string')) return [];
  return [
    warning(
      `${q.pointer}/pattern`,
      `„${questionTitle(q)}“ hat ein pattern, aber keine eigene Meldung: Das Formular kann nur „Bitte prüfen Sie die Angabe … Sie hat nicht das erwartete Format“ sagen. Schreiben Sie in x-ozg.errors.pattern, was erwartet wird, z. B. "Bitte geben Sie das Kennzeichen so ein: M-AB 123".`,
      `"${questionTitle(q, 'en')}" has a pattern but no own message: the form can only say "Check … it is not in the expected format". Write what is expected into x-ozg.errors.pattern, e.g. "Enter the number plate like M-AB 123".`,
    ),
  ];
}

function prefill(q: Question, hasAccount: boolean): DefinitionProblem[] {
  const x = isObj(q.schema['x-ozg']) ? q.schema['x-ozg'] : {};
  if (typeof x.prefill !== 'string') return [];
  const at = `${q.pointer}/x-ozg/prefill`;
  if (q.inRepeat) {
    return [
      problem(
        at,
        `prefill steht in einer wiederholbaren Gruppe und wird dort nie ausgefüllt. Verschieben Sie die Frage aus der Gruppe oder entfernen Sie prefill.`,
        `prefill is inside a repeatable group and is never filled there. Move the question out of the group or remove prefill.`,
      ),
    ];
  }
  if (!PREFILL_CLAIMS.includes(x.prefill)) {
    return [
      problem(
        at,
        `„${x.prefill}“ ist keine Angabe des Nutzerkontos; die Frage würde nie ausgefüllt. Meinen Sie „${closest(x.prefill, PREFILL_CLAIMS as string[])}“? Bekannt sind z. B. given_name, family_name, birthdate, email, address.postal_code (docs/server.md).`,
        `"${x.prefill}" is no datum of the user account; the question would never be filled. Did you mean "${closest(x.prefill, PREFILL_CLAIMS as string[])}"? Known are e.g. given_name, family_name, birthdate, email, address.postal_code (docs/server.md).`,
      ),
    ];
  }
  if (!hasAccount) {
    return [
      warning(
        at,
        'prefill wirkt nur nach einer Anmeldung, aber die Definition bietet keine an. Ergänzen Sie auf oberster Ebene "x-ozg": { "account": { "login": "optional" } }.',
        'prefill only works after a login, but the definition offers none. Add "x-ozg": { "account": { "login": "optional" } } at the top.',
      ),
    ];
  }
  return [];
}

/** Root and step texts, and the questions' checks. */
export function checkQuestions(root: Obj): DefinitionProblem[] {
  const x = isObj(root['x-ozg']) ? root['x-ozg'] : {};
  const problems: DefinitionProblem[] = [];
  // the root and the steps keep their English texts in x-ozg.i18n.en as well
  problems.push(...missingEnglish(root, ''));
  if (Array.isArray(x.steps)) {
    x.steps.forEach((step, i) => {
      if (!isObj(step)) return;
      const en = isObj(step.i18n) && isObj(step.i18n.en) ? step.i18n.en : {};
      for (const key of ['title', 'description']) {
        if (typeof step[key] === 'string' && typeof en[key] !== 'string') {
          problems.push(
            warning(
              `/x-ozg/steps/${i}/${key}`,
              `Englischer Text fehlt: Ergänzen Sie beim Schritt i18n.en.${key}.`,
              `English text missing: add i18n.en.${key} to the step.`,
            ),
          );
        }
      }
    });
  }
  const seen = new Set<string>();
  for (const q of questions(root)) {
    problems.push(...labelProblem(q));
    if (!seen.has(q.pointer)) {
      seen.add(q.pointer);
      problems.push(...missingEnglish(q.schema, q.pointer));
      if (q.declared !== q.schema) problems.push(...missingEnglish(q.declared, q.declaredAt, ['title', 'description']));
      const options = q.schema.oneOf ?? q.schema.anyOf;
      if (Array.isArray(options))
        options.forEach(
          (o, i) =>
            isObj(o) &&
            problems.push(...missingEnglish(o, `${q.pointer}/${q.schema.oneOf ? 'oneOf' : 'anyOf'}/${i}`, ['title'])),
        );
      if (q.kind === 'file') problems.push(...fileLimits(q));
      problems.push(...autocomplete(q), ...patternMessage(q));
    }
    problems.push(...prefill(q, isObj(x.account)));
  }
  return problems;
}
