/**
 * The audit report: what axe-core found in each state of a form (a step, its error state, the review
 * page, at a width), with the WCAG criterion and the explanation in German and English, plus the
 * findings caused by the host page. Shared by the panel (<ozg-form audit>) and `ozg-form-audit`.
 */
import { formatRatio } from './contrast.js';
import type { DefinitionFinding } from './definition.js';
import { hintsForRule, type HostHint, type Texts } from './hints.js';
import { CRITERIA, criteriaOf, criterionLabel, type AuditLang } from './wcag.js';

/** The parts of axe-core's result this report reads (axe.run()'s resolved value). */
export interface AxeResultsLike {
  testEngine?: { version?: string };
  violations: Array<{
    id: string;
    impact?: string | null;
    tags: string[];
    help: string;
    helpUrl: string;
    nodes: Array<{ target: unknown[]; html: string }>;
  }>;
  passes?: unknown[];
  incomplete?: Array<{ id: string }>;
}

/** axe-core's locale file (axe-core/locales/de.json): rule id -> { help }. */
export interface AxeLocale {
  rules?: Record<string, { help?: string; description?: string }>;
}

export interface AuditNode {
  /** CSS selector path; shadow roots separated by " >>> ". */
  target: string;
  html: string;
}

export interface AuditViolation {
  rule: string;
  impact: string | null;
  help: Texts;
  helpUrl: string;
  /** WCAG criteria ids ("1.4.3"). */
  criteria: string[];
  nodes: AuditNode[];
}

export interface AuditState {
  /** Stable key: "step:hund", "error:hund", "review", with "@320" for a narrow viewport. */
  key: string;
  label: Texts;
  width?: number;
  violations: AuditViolation[];
  passes: number;
  /** Rules axe could not decide (need a person to look). */
  incomplete: string[];
}

export interface AuditReport {
  /** ISO date-time of the audit. */
  date: string;
  url: string;
  /** The form's title. */
  form: Texts;
  axeVersion: string;
  tool: string;
  states: AuditState[];
  hostHints: HostHint[];
  /** Problems of the definition itself (questions without a label); absent when not checked. */
  definition?: DefinitionFinding[];
}

function targetText(target: unknown[]): string {
  return target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' >>> ');
}

/** Converts axe's result for one state; German help texts from axe's German locale. */
export function stateFromAxe(
  results: AxeResultsLike,
  key: string,
  label: Texts,
  de?: AxeLocale,
  width?: number,
): AuditState {
  return {
    key,
    label,
    width,
    passes: results.passes?.length ?? 0,
    incomplete: (results.incomplete ?? []).map((r) => r.id),
    violations: results.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: { en: v.help, de: de?.rules?.[v.id]?.help ?? v.help },
      helpUrl: v.helpUrl,
      criteria: criteriaOf(v.tags).map((c) => c.id),
      nodes: v.nodes.map((n) => ({
        target: targetText(n.target),
        html: n.html.length > 200 ? `${n.html.slice(0, 197)}…` : n.html,
      })),
    })),
  };
}

export function violationCount(report: Pick<AuditReport, 'states'>): number {
  return report.states.reduce((sum, s) => sum + s.violations.reduce((n, v) => n + v.nodes.length, 0), 0);
}

/** A rule that failed, across all states. */
export interface RuleFinding {
  rule: string;
  impact: string | null;
  help: Texts;
  helpUrl: string;
  criteria: string[];
  states: string[];
  nodes: AuditNode[];
  hints: HostHint[];
}

/** Violations grouped by rule (one finding per rule, elements de-duplicated). */
export function findingsByRule(report: AuditReport): RuleFinding[] {
  const byRule = new Map<string, RuleFinding>();
  for (const state of report.states) {
    for (const v of state.violations) {
      const finding = byRule.get(v.rule) ?? {
        rule: v.rule,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        criteria: v.criteria,
        states: [],
        nodes: [],
        hints: hintsForRule(v.rule, report.hostHints),
      };
      finding.states.push(state.key);
      for (const node of v.nodes) if (!finding.nodes.some((n) => n.target === node.target)) finding.nodes.push(node);
      byRule.set(v.rule, finding);
    }
  }
  return [...byRule.values()];
}

/** The host hints that do not explain an axe finding (listed under "Hinweise zur Einbettung"). */
export function looseHints(report: AuditReport): HostHint[] {
  const findings = findingsByRule(report);
  return report.hostHints.filter((h) => !findings.some((f) => f.hints.includes(h)));
}

/**
 * Whether the audit found a failure: a violation in a state, a failing host check (every host hint is a
 * WCAG failure: a contrast below the ratio or a broken heading outline) or a problem of the definition.
 */
export function auditFailed(report: AuditReport): boolean {
  return violationCount(report) > 0 || report.hostHints.length > 0 || (report.definition?.length ?? 0) > 0;
}

/**
 * The result in one sentence, without its final full stop: "keine Verstöße gefunden", "3 Verstöße an
 * Elementen, 1 verletzte Regel", "keine Verstöße im Formular, 2 Hinweise zur Einbettung".
 */
export function resultText(report: AuditReport, lang: AuditLang, withRules = true): string {
  const t = T[lang];
  const total = violationCount(report);
  const hints = looseHints(report).length;
  const extras = [
    ...(report.definition?.length ? [counted(lang, report.definition.length, 'definitionProblem')] : []),
    ...(hints ? [counted(lang, hints, 'hint')] : []),
  ];
  if (total === 0 && extras.length === 0) return t.none;
  const head =
    total === 0
      ? report.definition?.length
        ? t.noneOnElements
        : t.noneInForm
      : [
          fill(t.onElements, { n: counted(lang, total, 'violation') }),
          ...(withRules ? [counted(lang, findingsByRule(report).length, 'ruleViolated')] : []),
        ].join(', ');
  return [head, ...extras].join(', ');
}

export function criteriaText(ids: string[], lang: AuditLang): string {
  return ids.map((id) => criterionLabel(CRITERIA.get(id)!, lang)).join('; ');
}

const T = {
  de: {
    title: 'Barrierefreiheitsprüfung',
    form: 'Formular',
    page: 'Seite',
    date: 'Geprüft am',
    rules: 'Regeln: WCAG 2.1 A und AA (axe-core {v})',
    states: 'Geprüfte Zustände',
    none: 'keine Verstöße gefunden',
    noneInForm: 'keine Verstöße im Formular',
    noneOnElements: 'keine Verstöße an Elementen',
    onElements: '{n} an Elementen',
    definition: 'Mängel der Formulardefinition',
    place: 'Stelle in der Definition',
    criterion: 'Kriterium',
    states2: 'Zustände',
    element: 'Element',
    host: 'Ursache in der Einbettung',
    fix: 'Abhilfe',
    hints: 'Hinweise zur Einbettung',
    violations: 'Verstöße',
    width: '{w} px breit',
    incomplete: 'Von Hand zu prüfen: {list}',
  },
  en: {
    title: 'Accessibility audit',
    form: 'Form',
    page: 'Page',
    date: 'Tested on',
    rules: 'Rules: WCAG 2.1 A and AA (axe-core {v})',
    states: 'States tested',
    none: 'no violations found',
    noneInForm: 'no violations in the form',
    noneOnElements: 'no violations on elements',
    onElements: '{n} on elements',
    definition: 'Problems in the form definition',
    place: 'Place in the definition',
    criterion: 'Criterion',
    states2: 'States',
    element: 'Element',
    host: 'Cause in the embedding',
    fix: 'Fix',
    hints: 'Notes on the embedding',
    violations: 'violations',
    width: '{w} px wide',
    incomplete: 'To check by hand: {list}',
  },
};

const NOUNS = {
  de: {
    violation: ['Verstoß', 'Verstöße'],
    rule: ['Regel', 'Regeln'],
    ruleViolated: ['verletzte Regel', 'verletzte Regeln'],
    state: ['Zustand', 'Zustände'],
    hint: ['Hinweis zur Einbettung', 'Hinweise zur Einbettung'],
    definitionProblem: ['Mangel der Formulardefinition', 'Mängel der Formulardefinition'],
  },
  en: {
    violation: ['violation', 'violations'],
    rule: ['rule', 'rules'],
    ruleViolated: ['rule violated', 'rules violated'],
    state: ['state', 'states'],
    hint: ['note on the embedding', 'notes on the embedding'],
    definitionProblem: ['problem in the form definition', 'problems in the form definition'],
  },
} as const;

/** "1 Verstoß", "2 Verstöße"; "1 rule", "3 rules". */
export function counted(lang: AuditLang, n: number, noun: keyof (typeof NOUNS)['de']): string {
  return `${n} ${NOUNS[lang][noun][n === 1 ? 0 : 1]}`;
}

export function reportTexts(lang: AuditLang) {
  return T[lang];
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** A state's name with its width, for lists. */
export function stateName(state: AuditState, lang: AuditLang): string {
  return state.width ? `${state.label[lang]} (${fill(T[lang].width, { w: state.width })})` : state.label[lang];
}

/** The report as plain text (the CLI's default output). */
export function formatText(report: AuditReport, lang: AuditLang): string {
  const t = T[lang];
  const lines: string[] = [];
  const findings = findingsByRule(report);
  const date = new Date(report.date);
  lines.push(`${t.title}: ${report.form[lang]}`);
  lines.push(`${t.page}: ${report.url}`);
  lines.push(`${t.date}: ${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`);
  lines.push(fill(t.rules, { v: report.axeVersion }));
  lines.push(`${t.states} (${report.states.length}):`);
  for (const state of report.states) {
    const n = state.violations.reduce((sum, v) => sum + v.nodes.length, 0);
    lines.push(`  ${n === 0 ? '✓' : '✗'} ${stateName(state, lang)}${n ? ` – ${counted(lang, n, 'violation')}` : ''}`);
  }
  lines.push('');
  const summary = resultText(report, lang);
  lines.push(`${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`);
  for (const f of findings) {
    lines.push('');
    lines.push(`✗ ${f.help[lang]} [${f.rule}${f.impact ? `, ${f.impact}` : ''}]`);
    if (f.criteria.length) lines.push(`  ${t.criterion}: ${criteriaText(f.criteria, lang)}`);
    lines.push(
      `  ${t.states2}: ${f.states
        .map((k) =>
          stateName(
            report.states.find((s) => s.key === k)!,
            lang,
          ),
        )
        .join(', ')}`,
    );
    for (const node of f.nodes.slice(0, 5)) lines.push(`  ${t.element}: ${node.target}\n    ${node.html}`);
    if (f.nodes.length > 5) lines.push(`  … (+${f.nodes.length - 5})`);
    for (const hint of f.hints) lines.push(`  ${t.host}: ${hint.problem[lang]}\n  ${t.fix}: ${hint.fix[lang]}`);
    lines.push(`  ${f.helpUrl}`);
  }
  if (report.definition?.length) {
    lines.push('');
    lines.push(`${t.definition}:`);
    for (const d of report.definition)
      lines.push(`  ✗ ${d.criteria.join(', ')} ${d.message[lang]}\n    ${t.place}: ${d.pointer || '/'}`);
  }
  const loose = looseHints(report);
  if (loose.length) {
    lines.push('');
    lines.push(`${t.hints}:`);
    for (const hint of loose)
      lines.push(`  ! ${hint.criterion} ${hint.problem[lang]}\n    ${t.fix}: ${hint.fix[lang]}`);
  }
  const manual = [...new Set(report.states.flatMap((s) => s.incomplete))];
  if (manual.length) {
    lines.push('');
    lines.push(fill(t.incomplete, { list: manual.join(', ') }));
  }
  return lines.join('\n');
}

export { formatRatio };
