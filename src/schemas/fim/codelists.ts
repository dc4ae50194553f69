/**
 * Code lists in OASIS genericode 1.0 (the format of XRepository), read into code + label pairs and
 * matched to a field's `codelisteReferenz` by canonical URI and version.
 */
import { child, childText, children, FimImportError, isNode, parseXml, textOf, type XmlNode } from './xml.js';
import type { CodelistRef } from './read.js';
import type { Texts } from './xml.js';

export interface Codelist {
  uri: string;
  version?: string;
  versionUri?: string;
  name: string;
  /** The file it was read from, for messages. */
  file: string;
  columns: string[];
  key?: string;
  /** Column → value, without prototype: a column may be called `__proto__` or `constructor`. */
  rows: Record<string, string>[];
}

/** The value of a row's column: only the row's own, never one inherited from Object.prototype. */
const cell = (row: Record<string, string>, column: string): string | undefined =>
  Object.hasOwn(row, column) ? row[column] : undefined;

/** Reads one genericode file; `name` (the file name) is used in error messages. */
export function readGenericode(text: string, name: string): Codelist {
  const doc = parseXml(text, { de: `Die Codeliste ${name}`, en: `The code list ${name}` });
  const list = doc.CodeList;
  if (!isNode(list)) {
    throw new FimImportError(`${name}: /`, {
      de: `${name} ist keine genericode-Codeliste (gc:CodeList fehlt).`,
      en: `${name} is not a genericode code list (gc:CodeList is missing).`,
    });
  }
  const ident = child(list, 'Identification');
  const uri = ident && childText(ident, 'CanonicalUri');
  if (!ident || !uri) {
    throw new FimImportError(`${name}: /CodeList/Identification/CanonicalUri`, {
      de: `In ${name} fehlt /CodeList/Identification/CanonicalUri.`,
      en: `${name} lacks /CodeList/Identification/CanonicalUri.`,
    });
  }
  const columnSet = child(list, 'ColumnSet') ?? {};
  const columns = children(columnSet, 'Column').map((c) => String(c['@Id'] ?? ''));
  const keyRef = children(columnSet, 'Key')
    .flatMap((k) => children(k, 'ColumnRef'))
    .map((r) => String(r['@Ref'] ?? ''))[0];
  const rows = children(child(list, 'SimpleCodeList') ?? {}, 'Row').map((row: XmlNode) => {
    const values = Object.create(null) as Record<string, string>;
    children(row, 'Value').forEach((value, i) => {
      const column = String(value['@ColumnRef'] ?? columns[i] ?? i);
      values[column] = textOf(value.SimpleValue) ?? '';
    });
    return values;
  });
  const out: Codelist = {
    uri,
    name: childText(ident, 'LongName') ?? childText(ident, 'ShortName') ?? uri,
    file: name,
    columns,
    rows,
  };
  const version = childText(ident, 'Version');
  const versionUri = childText(ident, 'CanonicalVersionUri');
  if (version) out.version = version;
  if (versionUri) out.versionUri = versionUri;
  if (keyRef) out.key = keyRef;
  return out;
}

/** The list a reference names: same canonical URI, and same version when both say one. */
export function findCodelist(lists: Codelist[], ref: CodelistRef): Codelist | undefined {
  return lists.find(
    (list) =>
      (list.uri === ref.uri || list.versionUri === ref.uri) &&
      (ref.version === undefined ||
        list.version === undefined ||
        list.version === ref.version ||
        list.versionUri === `${ref.uri}_${ref.version}`),
  );
}

/**
 * Code and label of every row: the key column (or `codeKey`), and the first other column (or `nameKey`).
 * A code column the list does not have gives no entries (the field is asked as text), a label column it
 * does not have labels each entry with its code; `warn` says either, naming the column and `title`.
 */
export function codelistEntries(
  list: Codelist,
  ref: CodelistRef,
  title: string,
  warn: (message: Texts) => void,
): { code: string; label: string }[] {
  const has = (column: string) => list.columns.includes(column) || list.rows.some((row) => Object.hasOwn(row, column));
  const codeColumn = ref.codeKey ?? list.key ?? list.columns[0];
  if (codeColumn === undefined) {
    warn({
      de: `Die Codeliste ${list.file} hat keine Spalten: „${title}“ wird als Textfeld abgefragt.`,
      en: `Code list ${list.file} has no columns: "${title}" is asked as a text field.`,
    });
    return [];
  }
  if (!has(codeColumn)) {
    const which = ref.codeKey !== undefined ? ' (codeKey)' : '';
    warn({
      de: `Die Codeliste ${list.file} hat keine Spalte „${codeColumn}“${which} für die Codes von „${title}“: als Textfeld abgefragt.`,
      en: `Code list ${list.file} has no column "${codeColumn}"${which} for the codes of "${title}": asked as a text field.`,
    });
    return [];
  }
  let labelColumn = ref.nameKey ?? list.columns.find((c) => c !== codeColumn) ?? codeColumn;
  if (!has(labelColumn)) {
    warn({
      de: `Die Codeliste ${list.file} hat keine Spalte „${labelColumn}“ (nameKey) für die Bezeichnungen von „${title}“: Stattdessen werden die Codes angezeigt.`,
      en: `Code list ${list.file} has no column "${labelColumn}" (nameKey) for the labels of "${title}": the codes are shown instead.`,
    });
    labelColumn = codeColumn;
  }
  return list.rows
    .map((row) => {
      const code = cell(row, codeColumn) ?? '';
      return { code, label: cell(row, labelColumn) || code };
    })
    .filter((entry) => entry.code !== '');
}
