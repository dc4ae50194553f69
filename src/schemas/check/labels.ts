/**
 * A label for every question: without `title` the form can only show and read out the technical name.
 * Part of `checkAll` (through checkQuestions) and, on its own, of the accessibility audit (audit mode
 * and `ozg-form-audit`), which reports these errors as WCAG 2.4.6 / 3.3.2 findings.
 */
import type { DefinitionProblem } from '../check.js';
import { isObj, problem, questions, type Question } from './walk.js';

export function labelProblem(q: Question): DefinitionProblem[] {
  if (q.declaredAt.endsWith('/items')) return []; // an entry of a repeatable group is named by itemTitle
  if (typeof q.declared.title === 'string' || typeof q.schema.title === 'string') return [];
  // The const that tells alternatives apart is asked once, labelled by the alternatives' titles.
  if ('const' in q.schema && /\/(oneOf|anyOf)\/\d+\/properties\/[^/]+$/.test(q.declaredAt)) return [];
  return [
    problem(
      q.declaredAt,
      `Die Frage „${q.name}“ hat keine Beschriftung. Ergänzen Sie "title" (z. B. "title": "Vorname"), sonst liest der Screenreader nur den technischen Namen vor.`,
      `The question "${q.name}" has no label. Add "title" (e.g. "title": "First name"), otherwise screen readers read out only the technical name.`,
    ),
  ];
}

/** The questions of a definition without a label (each place once). */
export function checkLabels(definition: unknown): DefinitionProblem[] {
  if (!isObj(definition)) return [];
  const found: DefinitionProblem[] = [];
  const seen = new Set<string>();
  for (const q of questions(definition)) {
    for (const p of labelProblem(q)) {
      if (seen.has(p.pointer)) continue;
      seen.add(p.pointer);
      found.push(p);
    }
  }
  return found;
}
