/**
 * The audit building block without axe-core and without DOM: WCAG mapping, host hints, report and
 * statement. Built as dist/npm/audit.js for the `ozg-form-audit` command.
 */
export {
  AUDIT_TAGS,
  CRITERIA,
  criteriaOf,
  criterionId,
  criterionLabel,
  type AuditLang,
  type Criterion,
} from './wcag.js';
export { contrastRatio, parseColor, formatRatio, toHex, type Rgb } from './contrast.js';
export {
  hostHints,
  contrastHints,
  headingHints,
  hintsForRule,
  THEME_DEFAULTS,
  type HostHint,
  type HostSnapshot,
} from './hints.js';
export {
  stateFromAxe,
  formatText,
  findingsByRule,
  violationCount,
  auditFailed,
  resultText,
  looseHints,
  stateName,
  type AuditReport,
  type AuditState,
  type AuditViolation,
  type AxeLocale,
  type AxeResultsLike,
} from './report.js';
export { definitionFindings, LABEL_CRITERIA, type DefinitionFinding } from './definition.js';
export { answerSet, answer, matchesCondition, FORMAT_EXAMPLES, type AnswerMode } from './answers.js';
export { statementMarkdown, statementHtml, AUTOMATED_LIMITS } from './statement.js';
