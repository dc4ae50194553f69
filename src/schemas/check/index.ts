/**
 * The full check of a definition, for authors: the problems the form itself refuses
 * (checkDefinition, also run in the browser) plus the fee pointers and everything an author should
 * fix before publishing — misspelt or unsupported keywords, `required` names without a property,
 * missing labels and English texts, limits nobody can meet, `autocomplete` tokens, file limits, `prefill` claims, the LeiKa
 * key, payment policy, purpose and amounts. Used by bin/ozg-form-check.mjs (dist/npm/check.js) and
 * the playground; never by the widget, so none of it weighs on dist/ozg-form.js.
 */
import { checkDefinition, checkFees, formatProblems, type DefinitionProblem } from '../check.js';
import { estimateReifegrad, formatReifegrad, type ReifegradEstimate, type ReifegradOptions } from '../reifegrad.js';
import { schemaNodes } from '../check-rules.js';
import { checkIfWithoutRequired } from './conditions.js';
import { checkDateRules } from './dates.js';
import { checkEngineKeywords } from './engines.js';
import { checkNestedConditions, unreachable } from './nested.js';
import { checkUnseenErrors } from './unseen.js';
import { checkRecursion } from './recursion.js';
import { checkKeywordNames, checkPropertyNames, checkRequiredNames } from './keywords.js';
import { checkLimits } from './limits.js';
import { slowPatternWarnings } from '../pattern-problems.js';
import { escapeControls } from '../escape-controls.js';
import { checkQuestions } from './questions.js';
import { checkFeeRules, checkLeika } from './service.js';
import { isObj } from './walk.js';

export { checkDefinition, checkFees, formatProblems, estimateReifegrad, formatReifegrad };
/** The label check on its own (part of checkAll): what the accessibility audit reports. */
export { checkLabels } from './labels.js';
export type { DefinitionProblem, ReifegradEstimate, ReifegradOptions };
export type { ReifegradCriterion } from '../reifegrad.js';

/** Errors first, then warnings; each in the order of the definition. */
export function checkAll(definition: unknown): DefinitionProblem[] {
  let base: DefinitionProblem[];
  try {
    base = checkDefinition(definition);
  } catch (error) {
    // Too broken even to walk (a $ref that is not percent-encoded right, nesting deeper than the stack):
    // one error that says so, instead of a crash of the command line or a playground left loading.
    return [unreadable(error)];
  }
  if (!isObj(definition)) return base;
  const extra: DefinitionProblem[] = [];
  // Run once: its problems are reported, and they say which questions are never asked (below).
  let nestedConditions: DefinitionProblem[] = [];
  const lints = [
    () => checkFees(definition),
    () => checkLeika(definition),
    () => checkFeeRules(definition),
    () => {
      const nodes = schemaNodes(definition);
      return [
        ...checkKeywordNames(nodes),
        ...checkPropertyNames(nodes),
        ...checkRequiredNames(definition, nodes),
        ...checkDateRules(definition, nodes),
        ...checkIfWithoutRequired(definition, nodes),
      ];
    },
    () => checkQuestions(definition),
    () => checkLimits(definition),
    () => slowPatternWarnings(definition),
    () => checkRecursion(definition),
    () => checkUnseenErrors(definition),
    () => checkEngineKeywords(definition),
    () => (nestedConditions = checkNestedConditions(definition)),
  ];
  for (const lint of lints) {
    try {
      extra.push(...lint());
    } catch {
      // a definition too broken for this check: checkDefinition has already said why
    }
  }
  // where a specific check speaks about a place, it replaces the generic meta-schema sentence
  const specific = new Set(extra.filter((p) => !p.severity).map((p) => p.pointer));
  // a question inside a nested condition is never asked: "add it to a step" would contradict the
  // nested-condition error (the form refuses a step naming it)
  const nested = unreachable(nestedConditions);
  const asked = (p: DefinitionProblem) =>
    !(p.message.en.includes('is in no step') && nested.some((n) => p.pointer.startsWith(n)));
  const seen = new Set<string>();
  const all = [...base.filter((p) => !specific.has(p.pointer) && asked(p)), ...extra].filter((p) => {
    const key = `${p.pointer}\n${p.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...all.filter((p) => !p.severity), ...all.filter((p) => p.severity)];
}

/** One line per problem, "pointer: [Warnung] message", for a terminal: names and titles from the
 * definition in pointer and message have their control characters escaped (escapeControls). */
export function formatReport(problems: DefinitionProblem[], lang: 'de' | 'en'): string {
  const whole = lang === 'de' ? '(Definition)' : '(definition)';
  const tag = lang === 'de' ? 'Warnung: ' : 'warning: ';
  return problems
    .map((p) => `${escapeControls(p.pointer) || whole}: ${p.severity ? tag : ''}${escapeControls(p.message[lang])}`)
    .join('\n');
}

/** The one problem of a definition the checker cannot read at all. */
function unreadable(error: unknown): DefinitionProblem {
  const why = error instanceof RangeError ? 'too deeply nested' : String((error as Error)?.message ?? error);
  const warum = error instanceof RangeError ? 'zu tief verschachtelt' : why;
  return {
    pointer: '',
    message: {
      de: `Die Definition lässt sich nicht prüfen (${warum}). Häufige Ursachen: ein $ref, dessen Prozent-Kodierung ungültig ist (zum Beispiel „#/%zz“), oder Hunderte Ebenen ineinander.`,
      en: `The definition cannot be checked (${why}). Common causes: a $ref with an invalid percent-encoding (for example "#/%zz"), or hundreds of nested levels.`,
    },
  };
}
