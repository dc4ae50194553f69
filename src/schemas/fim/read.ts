/**
 * XDatenfelder 2.0 and 3.0 messages read into one neutral model (FimSchema), so the conversion to a
 * definition (convert.ts) does not care about the version. Element names follow the public
 * XDatenfelder specifications: Stammdatenschema (S…), Datenfeldgruppe (G…), Datenfeld (F…), Regel (R…),
 * each with `identifikation` (id, version); groups and the schema hold `struktur` entries with
 * `anzahl` ("1:1", "0:*") and `enthaelt` (one group or field).
 */
import { child, childText, children, codeOf, FimImportError, isNode, parseXml, textOf, type XmlNode } from './xml.js';

export type XdfVersion = '2.0' | '3.0';

export interface FimRef {
  id: string;
  version?: string;
}

export interface FimRule {
  fim: FimRef;
  name: string;
  /** The rule in words (v2 `definition`/`beschreibung`, v3 `freitextRegel`). */
  text?: string;
  /** The machine-readable part (v2 `script`, v3 `skript`). */
  script?: string;
  /** Path of the script element. */
  scriptPath?: string;
  path: string;
}

export interface Praezisierung {
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  pattern?: string;
}

export interface CodelistRef {
  uri: string;
  version?: string;
  /** Which genericode columns hold the code and the label (v3 `codeKey`, `nameKey`). */
  codeKey?: string;
  nameKey?: string;
}

interface Element {
  fim: FimRef;
  name: string;
  title: string;
  help?: string;
  path: string;
}

export interface FimField extends Element {
  kind: 'field';
  feldart: string;
  datentyp: string;
  praezisierung: Praezisierung;
  /** Problems of the Präzisierung that did not stop the import. */
  praezisierungProblem?: string;
  /** Präzisierung values that are no valid limit (`minLength "abc"`, `maxLength "-5"`), left out. */
  praezisierungInvalid?: Array<{ key: string; text: string }>;
  inhalt?: string;
  codelist?: CodelistRef;
  /** v3: values listed in the field itself (`werte/wert`). */
  values?: { code: string; label: string }[];
}

export interface FimGroup extends Element {
  kind: 'group';
  children: FimChild[];
  rules: FimRule[];
}

export interface FimChild {
  min: number;
  /** Infinity for `*`. */
  max: number;
  element: FimGroup | FimField;
  path: string;
}

export interface FimSchema extends FimGroup {
  xdfVersion: XdfVersion;
  /** The LeiKa key, when the schema names one (in `bezug` or `stichwort`). */
  leika?: string;
}

const NAMESPACE = /xmlns(?::[\w.-]+)?\s*=\s*["']urn:xoev-de:fim:standard:xdatenfelder_([^"']+)["']/;
const ROOTS = ['xdatenfelder.stammdatenschema.0102', 'xdatenfelder.datenfeldgruppe.0103'];

/** The XDatenfelder version the message declares by its namespace. */
function versionOf(text: string, at: string): XdfVersion {
  const declared = NAMESPACE.exec(text)?.[1];
  if (declared === undefined) {
    throw new FimImportError(at, {
      de: 'Die Datei ist keine XDatenfelder-Nachricht: Der Namensraum urn:xoev-de:fim:standard:xdatenfelder_2 oder _3.0.0 fehlt.',
      en: 'The file is not an XDatenfelder message: the namespace urn:xoev-de:fim:standard:xdatenfelder_2 or _3.0.0 is missing.',
    });
  }
  if (declared === '2' || declared.startsWith('2.')) return '2.0';
  if (declared.startsWith('3.')) return '3.0';
  throw new FimImportError(at, {
    de: `Die XDatenfelder-Version „${declared}“ wird nicht unterstützt. Unterstützt sind 2.0 (xdatenfelder_2) und 3.0 (xdatenfelder_3.0.0).`,
    en: `The XDatenfelder version "${declared}" is not supported. Supported are 2.0 (xdatenfelder_2) and 3.0 (xdatenfelder_3.0.0).`,
  });
}

function missing(path: string, name: string): FimImportError {
  return new FimImportError(path, {
    de: `Das Element „${name}“ fehlt in ${path}.`,
    en: `The element "${name}" is missing in ${path}.`,
  });
}

function identification(node: XmlNode, path: string): FimRef {
  const ident = child(node, 'identifikation');
  const id = ident && childText(ident, 'id');
  if (!ident || !id) throw missing(path, 'identifikation/id');
  const version = childText(ident, 'version');
  return version ? { id, version } : { id };
}

const numberOf = (value: unknown): number | undefined => {
  const s = textOf(value);
  if (s === undefined) return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
};

/** v2: a JSON text (`{"minLength":"1","maxLength":"50"}`); v3: attributes of `praezisierung`. */
function praezisierungOf(node: XmlNode): {
  value: Praezisierung;
  problem?: string;
  invalid?: Array<{ key: string; text: string }>;
} {
  const raw = node.praezisierung;
  let source: Record<string, unknown> = {};
  if (isNode(raw)) {
    for (const [key, value] of Object.entries(raw)) if (key.startsWith('@')) source[key.slice(1)] = value;
    const inner = textOf(raw);
    if (Object.keys(source).length === 0 && inner) return praezisierungOf({ praezisierung: inner });
  } else if (typeof raw === 'string' && raw.trim()) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (!isNode(parsed)) throw new Error('not an object');
      source = parsed;
    } catch {
      return { value: {}, problem: raw };
    }
  }
  const value: Praezisierung = {};
  const invalid: Array<{ key: string; text: string }> = [];
  for (const key of ['minLength', 'maxLength', 'minValue', 'maxValue'] as const) {
    const text = textOf(source[key]);
    if (text === undefined) continue;
    const n = numberOf(text);
    // lengths are whole numbers from 0; values any number
    const valid = n !== undefined && (key.endsWith('Value') || (Number.isInteger(n) && n >= 0));
    if (valid) value[key] = n;
    else invalid.push({ key, text });
  }
  const pattern = textOf(source.pattern);
  if (pattern) value.pattern = pattern;
  return invalid.length ? { value, invalid } : { value };
}

function codelistOf(node: XmlNode): CodelistRef | undefined {
  const ref = child(node, 'codelisteReferenz');
  if (!ref) return undefined;
  // v2: genericodeIdentification/canonicalIdentification + version; v3: canonicalURI + version.
  const gc = child(ref, 'genericodeIdentification');
  const uri =
    (gc && childText(gc, 'canonicalIdentification')) ??
    childText(ref, 'canonicalURI') ??
    childText(ref, 'canonicalUri');
  if (!uri) return undefined;
  const version = (gc && childText(gc, 'version')) ?? childText(ref, 'version');
  const out: CodelistRef = { uri };
  if (version) out.version = version;
  const codeKey = childText(node, 'codeKey');
  const nameKey = childText(node, 'nameKey');
  if (codeKey) out.codeKey = codeKey;
  if (nameKey) out.nameKey = nameKey;
  return out;
}

function readField(node: XmlNode, path: string): FimField {
  const fim = identification(node, path);
  const here = `${path}[${fim.id}]`;
  const name = childText(node, 'name') ?? fim.id;
  const { value, problem, invalid } = praezisierungOf(node);
  const field: FimField = {
    kind: 'field',
    fim,
    name,
    title: childText(node, 'bezeichnungEingabe') ?? name,
    path: here,
    feldart: codeOf(node, 'feldart') ?? 'input',
    datentyp: codeOf(node, 'datentyp') ?? 'text',
    praezisierung: value,
  };
  if (problem) field.praezisierungProblem = problem;
  if (invalid) field.praezisierungInvalid = invalid;
  const help = childText(node, 'hilfetextEingabe');
  if (help) field.help = help;
  const inhalt = childText(node, 'inhalt');
  if (inhalt) field.inhalt = inhalt;
  const codelist = codelistOf(node);
  if (codelist) field.codelist = codelist;
  const werte = child(node, 'werte');
  if (werte) {
    field.values = children(werte, 'wert').map((w) => {
      const code = childText(w, 'code') ?? '';
      return { code, label: childText(w, 'name') ?? code };
    });
  }
  return field;
}

function readRule(node: XmlNode, path: string): FimRule {
  const fim = identification(node, path);
  const rule: FimRule = { fim, name: childText(node, 'name') ?? fim.id, path: `${path}[${fim.id}]` };
  const text = childText(node, 'freitextRegel') ?? childText(node, 'definition') ?? childText(node, 'beschreibung');
  const element = childText(node, 'skript') !== undefined ? 'skript' : 'script';
  const script = childText(node, element);
  if (text) rule.text = text;
  if (script) {
    rule.script = script;
    rule.scriptPath = `${rule.path}/${element}`;
  }
  return rule;
}

/** "1:1", "0:*", "0:3" -> min, max. */
function anzahlOf(value: string | undefined, path: string): { min: number; max: number } {
  const match = /^\s*(\d+)\s*:\s*(\d+|\*)\s*$/.exec(value ?? '');
  if (!match) {
    throw new FimImportError(`${path}/anzahl`, {
      de: `Die Anzahl „${value ?? ''}“ in ${path}/anzahl ist ungültig; erwartet wird zum Beispiel „1:1“, „0:1“ oder „0:*“.`,
      en: `The anzahl "${value ?? ''}" in ${path}/anzahl is not valid; expected for example "1:1", "0:1" or "0:*".`,
    });
  }
  return { min: Number(match[1]), max: match[2] === '*' ? Number.POSITIVE_INFINITY : Number(match[2]) };
}

function readGroup(node: XmlNode, path: string, named = true): FimGroup {
  const fim = identification(node, path);
  const here = named ? `${path}[${fim.id}]` : path;
  const name = childText(node, 'name') ?? fim.id;
  const group: FimGroup = {
    kind: 'group',
    fim,
    name,
    title: childText(node, 'bezeichnungEingabe') ?? childText(node, 'bezeichnung') ?? name,
    path: here,
    children: [],
    rules: children(node, 'regel').map((rule, i) => readRule(rule, `${here}/regel[${i + 1}]`)),
  };
  const help = childText(node, 'hilfetextEingabe') ?? childText(node, 'hilfetext');
  if (help) group.help = help;
  children(node, 'struktur').forEach((struktur, i) => {
    const at = `${here}/struktur[${i + 1}]`;
    // v3 also allows `multiplizitaet` under some tools; `anzahl` is the name in both specifications.
    const { min, max } = anzahlOf(childText(struktur, 'anzahl') ?? childText(struktur, 'multiplizitaet'), at);
    const enthaelt = child(struktur, 'enthaelt');
    if (!enthaelt) throw missing(at, 'enthaelt');
    const g = child(enthaelt, 'datenfeldgruppe');
    const f = child(enthaelt, 'datenfeld');
    if (!g && !f) throw missing(`${at}/enthaelt`, 'datenfeldgruppe | datenfeld');
    const element = g ? readGroup(g, `${at}/enthaelt/datenfeldgruppe`) : readField(f!, `${at}/enthaelt/datenfeld`);
    group.children.push({ min, max, element, path: at });
  });
  return group;
}

/** Reads an XDatenfelder 2.0 or 3.0 message (Stammdatenschema, or a single Datenfeldgruppe in 3.0). */
export function readXdf(text: string): FimSchema {
  const doc = parseXml(text, { de: 'Die Datei', en: 'The file' });
  const rootName = Object.keys(doc).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  const xdfVersion = versionOf(text, `/${rootName ?? ''}/@xmlns`);
  const root = rootName ? doc[rootName] : undefined;
  if (!rootName || !ROOTS.includes(rootName) || !isNode(root)) {
    throw new FimImportError(`/${rootName ?? ''}`, {
      de: `Die Nachricht „${rootName ?? ''}“ wird nicht unterstützt. Erwartet: ${ROOTS.join(' oder ')}.`,
      en: `The message "${rootName ?? ''}" is not supported. Expected: ${ROOTS.join(' or ')}.`,
    });
  }
  const top = rootName.includes('stammdatenschema') ? 'stammdatenschema' : 'datenfeldgruppe';
  const node = child(root, top);
  if (!node) throw missing(`/${rootName}`, top);
  const schema = readGroup(node, `/${rootName}/${top}`, false) as FimSchema;
  schema.xdfVersion = xdfVersion;
  const named = [node.bezug, node.stichwort].flat().map(textOf);
  const leika = /\b99\d{12}\b/.exec(named.filter(Boolean).join(' '));
  if (leika) schema.leika = leika[0];
  return schema;
}
