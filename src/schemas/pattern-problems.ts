/**
 * What the Node checker (check.ts) says about a definition's patterns (`pattern`, `patternProperties`)
 * beyond whether they are valid:
 *  - patterns the gateway cannot run in linear time (linear-regexp.ts: lookaround, backreferences),
 *    refused;
 *  - patterns a browser's backtracking engine may need exponential time for (a repetition inside a
 *    repetition that can split the same characters in many ways, e.g. ^([A-Za-z]+\s?)+$): 30
 *    characters that almost match hold the tab of the person filling in the form for seconds, every
 *    further one doubles that. The gateway runs patterns in linear time, the browser cannot. Refused;
 *  - patterns that need time growing faster than the input (two repetitions that can take the same
 *    characters, e.g. [a-z]+[a-z0-9]*) on a question without a bound on its length: a warning to set
 *    maxLength.
 * The first two are errors (patternProblems, run by checkDefinition), the third a warning
 * (slowPatternWarnings, run by checkAll).
 * The analysis is scslre's (static, no pattern is run). It finds backtracking between repetitions, not
 * every slow pattern: alternatives that match the same text, like (a|a)*, are not found.
 * Node only: the browser's checker (check-browser.ts) leaves this to the command-line checker and
 * publishing, which run this one.
 */
import { analyse, type Report } from 'scslre';
import { isObj, patternsOf, problem, schemaNodes } from './check-nodes.js';
import type { DefinitionProblem } from './check-rules.js';
import { linearPatternError } from './linear-regexp.js';

/** Above this maxLength (or without one) a pattern slower than linear gets the warning. */
export const SLOW_PATTERN_MAX_LENGTH = 1000;

/** Patterns the form refuses (checkDefinition): those the gateway cannot run in linear time and those
 * a browser may need exponential time for. */
export function patternProblems(definition: unknown): DefinitionProblem[] {
  return eachPattern(definition, (at, source) => {
    const reason = linearPatternError(source);
    if (reason) return linearProblem(at, source, reason);
    const exponential = backtracking(source).find((r) => r.exponential);
    return exponential && exponentialProblem(at, source, exponential);
  });
}

/** Warnings (checkAll): a `pattern` slower than linear on a question whose answer may be longer than
 * SLOW_PATTERN_MAX_LENGTH. Exponential ones are patternProblems' errors. */
export function slowPatternWarnings(definition: unknown): DefinitionProblem[] {
  return eachPattern(definition, (at, source, schema) => {
    if (!at.endsWith('/pattern') || !unbounded(schema.maxLength) || linearPatternError(source)) return undefined;
    const reports = backtracking(source);
    return reports.length && !reports.some((r) => r.exponential)
      ? polynomialProblem(at, source, reports[0])
      : undefined;
  });
}

function eachPattern(
  definition: unknown,
  check: (at: string, source: string, schema: Record<string, unknown>) => DefinitionProblem | undefined,
): DefinitionProblem[] {
  if (!isObj(definition)) return [];
  const problems: DefinitionProblem[] = [];
  for (const node of schemaNodes(definition))
    for (const [at, source] of patternsOf(node)) {
      // an invalid pattern is reported already
      const found = typeof source === 'string' && validRegExp(source) ? check(at, source, node.schema) : undefined;
      if (found) problems.push(found);
    }
  return problems;
}

/** Whether a browser may need exponential time for `source` (the FIM import leaves such a pattern out). */
export const backtracksExponentially = (source: string): boolean => backtracking(source).some((r) => r.exponential);

function validRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

const unbounded = (maxLength: unknown) => typeof maxLength !== 'number' || maxLength > SLOW_PATTERN_MAX_LENGTH;

/** scslre's reports of backtracking slower than linear (with the `u` flag, as the browser and Ajv run
 * a pattern). A pattern scslre cannot read gets none. */
function backtracking(source: string): Report[] {
  try {
    return analyse({ source, flags: 'u' }, { reportTypes: { Move: false }, maxReports: 5 }).reports;
  } catch {
    return [];
  }
}

/** The repetitions a report is about, as written in the pattern, in a sentence. */
function where(r: Report, lang: 'de' | 'en'): string {
  if (r.type === 'Self')
    return lang === 'de'
      ? `Die Wiederholung ${r.quant.raw} steht in der Wiederholung ${r.parentQuant.raw} und kann`
      : `the repetition ${r.quant.raw} inside the repetition ${r.parentQuant.raw} can`;
  const [a, b] = r.type === 'Trade' ? [r.startQuant.raw, r.endQuant.raw] : ['?', '?'];
  return lang === 'de' ? `Die Wiederholungen ${a} und ${b} können` : `the repetitions ${a} and ${b} can`;
}

/** scslre's rewrite of a report's cause, if it has one and the rewrite itself is linear. */
function rewrite(r: Report): string | undefined {
  const fixed = r.fix();
  return fixed && backtracking(fixed.source).length === 0 ? fixed.source : undefined;
}

function linearProblem(at: string, source: string, reason: string): DefinitionProblem {
  return problem(
    at,
    `Das Muster „${source}“ kann das Gateway nicht in linearer Zeit prüfen (${reason}). Lookahead ((?=…), (?!…)), Lookbehind ((?<=…), (?<!…)) und Rückverweise (\\1, \\k<name>) sind nicht möglich: Ein Muster, das zurückgehen muss, könnte mit einer einzigen Antwort das Gateway für alle blockieren. Bitte schreiben Sie es ohne sie, etwa mit Alternativen (a|b) oder als zwei Fragen.`,
    `The gateway cannot check the pattern "${source}" in linear time (${reason}). Lookahead ((?=…), (?!…)), lookbehind ((?<=…), (?<!…)) and backreferences (\\1, \\k<name>) are not possible: a pattern that must backtrack could block the gateway for everyone with a single answer. Write it without them, e.g. with alternatives (a|b) or as two questions.`,
  );
}

function exponentialProblem(at: string, source: string, r: Report): DefinitionProblem {
  const fixed = rewrite(r);
  return problem(
    at,
    `Das Muster „${source}“ kann im Browser exponentiell lange brauchen: ${where(r, 'de')} dieselben Zeichen („${r.character.pick}“) auf sehr viele Arten aufteilen. Schon 30 Zeichen, die fast passen, halten die Seite der antragstellenden Person mehrere Sekunden an, jedes weitere Zeichen verdoppelt die Zeit (die Prüfung des Gateways ist dagegen gefeit, Browser sind es nicht). Bitte schreiben Sie es so, dass jedes Zeichen nur auf eine Art passt, z. B. ^[A-Za-z]+(\\s[A-Za-z]+)*$ statt ^([A-Za-z]+\\s?)+$.${fixed ? ` Gleichwertig und schnell: ${fixed}` : ''}`,
    `The pattern "${source}" can take exponential time in a browser: ${where(r, 'en')} split the same characters ("${r.character.pick}") in very many ways. 30 characters that almost match hold the page of the person filling in the form for several seconds, and every further character doubles the time (the gateway's check is immune to this, browsers are not). Write it so that every character can match in one way only, e.g. ^[A-Za-z]+(\\s[A-Za-z]+)*$ instead of ^([A-Za-z]+\\s?)+$.${fixed ? ` Equivalent and fast: ${fixed}` : ''}`,
  );
}

function polynomialProblem(at: string, source: string, r: Report): DefinitionProblem {
  const fixed = rewrite(r);
  const limit = SLOW_PATTERN_MAX_LENGTH.toLocaleString('de-DE');
  return {
    ...problem(
      at,
      `Das Muster „${source}“ braucht im Browser bei langen Eingaben überproportional lange: ${where(r, 'de')} dieselben Zeichen („${r.character.pick}“) aufnehmen. Begrenzen Sie die Länge der Antwort mit maxLength (höchstens ${limit}) oder schreiben Sie das Muster eindeutig${fixed ? `, gleichwertig etwa ${fixed}` : ''}.`,
      `The pattern "${source}" takes disproportionately long in a browser on long answers: ${where(r, 'en')} take the same characters ("${r.character.pick}"). Limit the answer's length with maxLength (at most ${SLOW_PATTERN_MAX_LENGTH}) or write the pattern unambiguously${fixed ? `, equivalently e.g. ${fixed}` : ''}.`,
    ),
    severity: 'warning',
  };
}
