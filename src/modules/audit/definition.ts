/**
 * Findings from the form's definition rather than its rendering: questions without a label, which the
 * form can only name by their technical names ("a", "b (optional)"). axe-core sees a name and passes
 * them; `ozg-form-check` reports them as errors (its label check, src/schemas/check/labels.ts, is what
 * feeds this). WCAG 2.4.6 (headings and labels) and 3.3.2 (labels or instructions).
 */
import type { Texts } from './hints.js';

/** A problem as the definition checker reports it (DefinitionProblem of src/schemas/check.ts). */
export interface CheckerProblem {
  pointer: string;
  message: Texts;
  severity?: 'warning';
}

export interface DefinitionFinding {
  /** JSON pointer into the definition ("/properties/a"). */
  pointer: string;
  /** WCAG criteria ids. */
  criteria: string[];
  message: Texts;
}

/** The WCAG criteria a missing label fails. */
export const LABEL_CRITERIA = ['2.4.6', '3.3.2'];

/** The checker's label errors as audit findings (warnings are left to `ozg-form-check`). */
export function definitionFindings(problems: readonly CheckerProblem[]): DefinitionFinding[] {
  return problems
    .filter((p) => !p.severity)
    .map((p) => ({ pointer: p.pointer, criteria: LABEL_CRITERIA, message: { de: p.message.de, en: p.message.en } }));
}
