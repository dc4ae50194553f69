/**
 * FIM import: an XDatenfelder 2.0 or 3.0 Stammdatenschema becomes an ozg-form definition.
 * Pure (no DOM, no I/O): the command line (bin/ozg-form-import-fim.mjs) and the playground pass the
 * XML text and the texts of the genericode code lists they have.
 */
import { readGenericode, type Codelist } from './codelists.js';
import { convertSchema } from './convert.js';
import { readXdf } from './read.js';
import type { FimReport } from './report.js';
import type { JsonSchema } from '../types.js';

export { decodeXml, FimImportError } from './xml.js';
export { escapeControls, formatReport, warningsOf, type FimReport, type ReportLine } from './report.js';

export interface CodelistText {
  /** File name, for messages. */
  name: string;
  text: string;
}

export interface FimImportResult {
  definition: JsonSchema;
  report: FimReport;
}

/** Converts the message; throws FimImportError (with the element's path) when it cannot. */
export function importFim(xml: string, codelistTexts: CodelistText[] = []): FimImportResult {
  const codelists: Codelist[] = codelistTexts.map((c) => readGenericode(c.text, c.name));
  return convertSchema(readXdf(xml), codelists);
}
