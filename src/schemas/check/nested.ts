/**
 * Conditions inside conditions: the form (collect.ts) takes from a `then`, an `else`, a
 * `dependentSchemas` entry or an alternative only its `properties` and `required`. An `if` (an
 * else-if chain), `allOf`, `oneOf`/`anyOf` or `dependentSchemas`/`dependentRequired` in there is
 * never asked, yet both validators apply it: the person is not asked and the gateway refuses. The
 * form also refuses a step that names such a question ("unknown field"), so the step check's
 * "is in no step" would contradict it; checkAll drops those for the places named here.
 */
import type { DefinitionProblem } from '../check.js';
import { areAlternatives, entries, isObjectLevel, places, type Place } from './places.js';
import { problem, type Obj } from './walk.js';

const NESTED = ['if', 'allOf', 'oneOf', 'anyOf', 'dependentSchemas', 'dependentRequired'] as const;

const EXAMPLE =
  '"allOf": [ {"if": {"properties": {"art": {"const": "a"}}, "required": ["art"]}, "then": {…}}, {"if": {"properties": {"art": {"const": "b"}}, "required": ["art"]}, "then": {…}}, {"if": {"properties": {"art": {"const": "c"}}, "required": ["art"]}, "then": {…}} ]';

/** Whether the place is a part whose questions the form shows by a condition or a choice. */
function isConditionalPart(root: Obj, place: Place): boolean {
  const { parent, via } = place;
  if (!parent || place.inCondition || !isObjectLevel(parent)) return false;
  if (via === 'then' || via === 'else' || via === 'dependentSchemas') return true;
  if (via === 'oneOf' || via === 'anyOf') return areAlternatives(entries(root, parent.schema, via, parent.pointer));
  return false;
}

function nestedProblem(at: string, keyword: string): DefinitionProblem {
  const lead =
    keyword === 'if'
      ? {
          de: 'Bedingungen in Bedingungen werden nicht unterstützt; schreiben Sie jede Bedingung als eigenen Eintrag in allOf.',
          en: 'Conditions inside conditions are not supported; write each condition as an entry of its own in allOf.',
        }
      : {
          de: `"${keyword}" in einer Bedingung oder Alternative wird nicht unterstützt; schreiben Sie es als eigenen Eintrag in allOf des Objekts.`,
          en: `"${keyword}" inside a condition or alternative is not supported; write it as an entry of its own in the object's allOf.`,
        };
  return problem(
    `${at}/${keyword}`,
    `${lead.de} Das Formular fragt nur die "properties" und "required" eines then/else, eines dependentSchemas-Eintrags oder einer Alternative; die Fragen und Pflichtangaben von ${at}/${keyword} würden nie gezeigt (ein Schritt, der sie nennt, wird als unbekanntes Feld abgelehnt), das Empfangssystem prüft sie aber und lehnt den Antrag ab. Zum Beispiel eine Kette „wenn a – sonst wenn b – sonst“: ${EXAMPLE}. Nehmen Sie in das if jedes Eintrags alle Bedingungen auf, die für ihn gelten, auch die der äußeren (beide Eigenschaften in "properties" und "required"), und die Fragen in die Schritte.`,
    `${lead.en} The form asks only the "properties" and "required" of a then/else, a dependentSchemas entry or an alternative; the questions and requirements of ${at}/${keyword} would never be shown (a step naming them is refused as an unknown field), but the receiving system checks them and refuses the application. For example a chain "if a – else if b – else": ${EXAMPLE}. Put into the if of each entry all the conditions that hold for it, also those of the outer one (both properties in "properties" and "required"), and the questions into the steps.`,
  );
}

export function checkNestedConditions(root: Obj): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const place of places(root)) {
    if (!isConditionalPart(root, place)) continue;
    for (const keyword of NESTED) if (keyword in place.schema) problems.push(nestedProblem(place.pointer, keyword));
  }
  return problems;
}

/** Pointer prefixes of the declarations a nested-condition problem makes unreachable. */
export function unreachable(problems: DefinitionProblem[]): string[] {
  return problems.flatMap(({ pointer }) =>
    pointer.endsWith('/if') ? [`${pointer.slice(0, -3)}/then/`, `${pointer.slice(0, -3)}/else/`] : [`${pointer}/`],
  );
}
