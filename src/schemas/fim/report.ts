/** What the importer tells the person: every element it could not express, and the choices it made. */
import { escapeControls } from '../escape-controls.js';
import type { Texts } from './xml.js';
import type { XdfVersion } from './read.js';

export interface ReportLine {
  /** `warning`: something of the FIM schema is not in the definition as FIM meant it (exit code 1).
   * `note`: expressed, but differently than one might expect. */
  level: 'warning' | 'note';
  /** The element's path in the XDatenfelder message. */
  path: string;
  /** FIM id of the element (F…, G…, R…). */
  fim?: string;
  message: Texts;
}

export interface FimReport {
  xdfVersion: XdfVersion;
  schema: { id: string; version?: string; name: string };
  counts: {
    groups: number;
    fields: number;
    rules: number;
    rulesExpressed: number;
    codelists: number;
    codelistsMissing: number;
  };
  lines: ReportLine[];
}

export const warningsOf = (report: FimReport): ReportLine[] => report.lines.filter((l) => l.level === 'warning');

export { escapeControls };

/** The report as text, one line per finding, in German or English. Text from the input has its control
 * characters escaped (escapeControls); the line breaks are the report's own. */
export function formatReport(report: FimReport, lang: 'de' | 'en'): string {
  const de = lang === 'de';
  const { counts } = report;
  const schema = {
    id: escapeControls(report.schema.id),
    version: report.schema.version && escapeControls(report.schema.version),
    name: escapeControls(report.schema.name),
  };
  const warnings = warningsOf(report).length;
  const head = de
    ? `XDatenfelder ${report.xdfVersion}, Stammdatenschema ${schema.id}${schema.version ? ` Version ${schema.version}` : ''} „${schema.name}“: ` +
      `${counts.groups} Gruppen, ${counts.fields} Felder, ${counts.rulesExpressed} von ${counts.rules} Regeln umgesetzt, ` +
      `${counts.codelists - counts.codelistsMissing} von ${counts.codelists} Codelisten eingelesen; ${warnings} ${warnings === 1 ? 'Warnung' : 'Warnungen'}.`
    : `XDatenfelder ${report.xdfVersion}, Stammdatenschema ${schema.id}${schema.version ? ` version ${schema.version}` : ''} "${schema.name}": ` +
      `${counts.groups} groups, ${counts.fields} fields, ${counts.rulesExpressed} of ${counts.rules} rules expressed, ` +
      `${counts.codelists - counts.codelistsMissing} of ${counts.codelists} code lists read; ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`;
  const label = (level: ReportLine['level']) =>
    level === 'warning' ? (de ? 'Warnung' : 'warning') : de ? 'Hinweis' : 'note';
  const lines = report.lines.map(
    (l) =>
      `  ${label(l.level)}${l.fim ? ` ${escapeControls(l.fim)}` : ''}: ${escapeControls(l.message[lang])}\n` +
      `    ${de ? 'bei' : 'at'} ${escapeControls(l.path)}`,
  );
  return [head, ...lines].join('\n');
}
