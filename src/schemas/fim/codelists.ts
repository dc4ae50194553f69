/**
 * Code lists in OASIS genericode 1.0 (the format of XRepository), read into code + label pairs and
 * matched to a field's `codelisteReferenz` by canonical URI and version.
 */
import { child, childText, children, FimImportError, isNode, parseXml, textOf, type XmlNode } from './xml.js';
import type { CodelistRef } from './read.js';

export interface Codelist {
  uri: string;
  version?: string;
  versionUri?: string;
  name: string;
  columns: string[];
  key?: string;
  rows: Record<string, string>[];
}

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
    const values: Record<string, string> = {};
    children(row, 'Value').forEach((value, i) => {
      const column = String(value['@ColumnRef'] ?? columns[i] ?? i);
      values[column] = textOf(value.SimpleValue) ?? '';
    });
    return values;
  });
  const out: Codelist = {
    uri,
    name: childText(ident, 'LongName') ?? childText(ident, 'ShortName') ?? uri,
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

/** Code and label of every row: the key column (or `codeKey`), and the first other column (or `nameKey`). */
export function codelistEntries(list: Codelist, ref: CodelistRef): { code: string; label: string }[] {
  const codeColumn = ref.codeKey ?? list.key ?? list.columns[0];
  const labelColumn = ref.nameKey ?? list.columns.find((c) => c !== codeColumn) ?? codeColumn;
  return list.rows
    .map((row) => ({ code: row[codeColumn!] ?? '', label: row[labelColumn!] || row[codeColumn!] || '' }))
    .filter((entry) => entry.code !== '');
}
