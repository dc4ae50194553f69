/**
 * Reading XDatenfelder messages and genericode code lists with fast-xml-parser (pure JavaScript, no
 * `eval`, no DOM: the same code runs in Node for the command line and in the browser for the
 * playground). Namespace prefixes are dropped: XDatenfelder names are unique within a message.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

/** Text of a problem in German and English. */
export interface Texts {
  de: string;
  en: string;
}

/** A failure that stops the import: the element's path in the message and what is wrong. */
export class FimImportError extends Error {
  constructor(
    readonly path: string,
    readonly texts: Texts,
  ) {
    super(`${path || '/'}: ${texts.en}`);
    this.name = 'FimImportError';
  }
}

/** Elements that may occur more than once and are always read as lists. */
const LISTS = new Set(['struktur', 'regel', 'Row', 'Value', 'Column', 'Key', 'ColumnRef', 'wert']);

/** Nesting deeper than this is refused by the parser (a deeply nested file could exhaust the stack). A
 * message nests about three levels per Datenfeldgruppe, so 100 leaves room for 30 levels of groups. */
const MAX_DEPTH = 100;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => LISTS.has(name),
  maxNestedTags: MAX_DEPTH,
});

/** The text of an XML file's bytes: UTF-8 (with or without BOM), or UTF-16 when a byte order mark
 * (FF FE, FE FF) says so. */
export function decodeXml(bytes: Uint8Array): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * The innermost element still open where the text ends (a file cut off), with the line of its start tag.
 * A hand-written scan, linear in the length of the text: the regular expression for tags it replaces
 * backtracked on text like `<<<<… "` (4,000 characters took 24 seconds). A comment, CDATA section,
 * declaration, quoted value or tag that does not end before the text does ends the scan: that is where
 * the file was cut off.
 */
function unclosedAtEnd(source: string): { name: string; line: number } | undefined {
  const open: Array<{ name: string; line: number }> = [];
  // The places of each name in `open`, so that a closing tag finds its element without a search.
  const places = new Map<string, number[]>();
  let line = 1;
  let counted = 0;
  /** The index after `end`, searched from `from`; -1 when the text ends first. */
  const after = (end: string, from: number) => {
    const found = source.indexOf(end, from);
    return found < 0 ? -1 : found + end.length;
  };
  for (let i = 0; i >= 0 && i < source.length;) {
    const start = source.indexOf('<', i);
    if (start < 0) break;
    if (source.startsWith('<!--', start)) i = after('-->', start + 4);
    else if (source.startsWith('<![CDATA[', start)) i = after(']]>', start + 9);
    else if (source[start + 1] === '?' || source[start + 1] === '!') i = after('>', start + 2);
    else {
      const closing = source[start + 1] === '/';
      const from = closing ? start + 2 : start + 1;
      let j = from;
      while (j < source.length && !/[\s/>]/.test(source[j]!)) j++;
      const name = source.slice(from, j);
      if (!name) {
        i = start + 1;
        continue;
      }
      while (j < source.length && source[j] !== '>') {
        const quote = source[j] === '"' || source[j] === "'" ? source.indexOf(source[j]!, j + 1) : j;
        if (quote < 0) return open[open.length - 1];
        j = quote + 1;
      }
      if (j >= source.length) break;
      for (; counted < start; counted++) if (source.charCodeAt(counted) === 10) line++;
      if (closing) {
        const place = places.get(name)?.at(-1);
        if (place !== undefined) while (open.length > place) places.get(open.pop()!.name)!.pop();
      } else if (source[j - 1] !== '/') {
        let list = places.get(name);
        if (!list) places.set(name, (list = []));
        list.push(open.length);
        open.push({ name, line });
      }
      i = j + 1;
    }
  }
  return open[open.length - 1];
}

/** Parses XML text; a text that is not well-formed XML fails with line and column. */
export function parseXml(text: string, what: Texts): XmlNode {
  const source = text.replace(/^\uFEFF/, '');
  // UTF-16 read as UTF-8: every other byte is zero
  const start = source.replace(/^\uFFFD\uFFFD/, '').slice(0, 2);
  if (start === '<\u0000' || start === '\u0000<') {
    throw new FimImportError('', {
      de: `${what.de} ist in UTF-16 gespeichert; bitte als UTF-8 speichern.`,
      en: `${what.en} is saved as UTF-16; save it as UTF-8.`,
    });
  }
  const valid = source.trim().startsWith('<')
    ? XMLValidator.validate(source)
    : { err: { msg: 'no XML element found', line: 1, col: 1 } };
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const lastLine = source.trimEnd().split('\n').length;
    const unclosed = unclosedAtEnd(source);
    // fast-xml-parser names a cut-off file by its stack of open tags, at line 1
    if (unclosed && (/^Invalid '\[/.test(msg) || /^Unclosed tag/.test(msg) || line >= lastLine)) {
      throw new FimImportError('', {
        de: `${what.de} endet, bevor das Element ${unclosed.name} (geöffnet in Zeile ${unclosed.line}) geschlossen ist. Ist sie unvollständig gespeichert oder abgeschnitten?`,
        en: `${what.en} ends before the element ${unclosed.name} (opened at line ${unclosed.line}) is closed. Was it saved incompletely or cut off?`,
      });
    }
    throw new FimImportError('', {
      de: `${what.de} ist kein wohlgeformtes XML (Zeile ${line}, Spalte ${col}): ${msg}`,
      en: `${what.en} is not well-formed XML (line ${line}, column ${col}): ${msg}`,
    });
  }
  // XDatenfelder and genericode declare no DTD; one with entities could expand a small file into a huge one.
  const doctype = /<!DOCTYPE/i.exec(source);
  if (doctype) {
    const line = source.slice(0, doctype.index).split('\n').length;
    throw new FimImportError('', {
      de: `${what.de} enthält eine DOCTYPE-Deklaration (Zeile ${line}); XDatenfelder-Nachrichten und Codelisten haben keine, sie wird aus Sicherheitsgründen abgelehnt.`,
      en: `${what.en} contains a DOCTYPE declaration (line ${line}); XDatenfelder messages and code lists have none, so it is refused for safety.`,
    });
  }
  try {
    return parser.parse(source) as XmlNode;
  } catch (error) {
    // The validator accepts what the parser then refuses for safety; without this the command line
    // would end with a stack trace instead of saying what is wrong with the file.
    throw parserRefusal(error, what);
  }
}

/** What fast-xml-parser throws on well-formed XML (a reserved name, too deep a nesting), in our words. */
function parserRefusal(error: unknown, what: Texts): FimImportError {
  const msg = error instanceof Error ? error.message : String(error);
  const reserved = /^\[SECURITY\] Invalid [\w ]+: "([^"]*)"/.exec(msg)?.[1];
  if (reserved !== undefined) {
    return new FimImportError('', {
      de: `${what.de} enthält den Element- oder Attributnamen „${reserved}“, der nicht sicher gelesen werden kann (ein reservierter JavaScript-Name); XDatenfelder-Nachrichten und Codelisten verwenden ihn nicht.`,
      en: `${what.en} contains the element or attribute name "${reserved}", which cannot be read safely (a reserved JavaScript name); XDatenfelder messages and code lists do not use it.`,
    });
  }
  if (/^Maximum nested tags exceeded/.test(msg)) {
    return new FimImportError('', {
      de: `${what.de} verschachtelt Elemente mehr als ${MAX_DEPTH} Ebenen tief; XDatenfelder-Nachrichten und Codelisten brauchen weit weniger, sie wird abgelehnt.`,
      en: `${what.en} nests elements more than ${MAX_DEPTH} levels deep; XDatenfelder messages and code lists need far fewer, so it is refused.`,
    });
  }
  return new FimImportError('', {
    de: `${what.de} kann nicht gelesen werden: ${msg}`,
    en: `${what.en} cannot be read: ${msg}`,
  });
}

export const isNode = (value: unknown): value is XmlNode =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The text content of a value (an element with attributes keeps its text under `#text`). */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const s = String(value).trim();
    return s === '' ? undefined : s;
  }
  if (isNode(value)) return textOf(value['#text']);
  if (Array.isArray(value)) return textOf(value[0]);
  return undefined;
}

/** The text of a child element. */
export const childText = (node: XmlNode, name: string): string | undefined => textOf(node[name]);

/** A child element (the first, when it repeats). */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  const value = Array.isArray(node[name]) ? (node[name] as unknown[])[0] : node[name];
  return isNode(value) ? value : undefined;
}

/** The child elements of one name, in document order. */
export function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter(isNode);
}

/** The code of an XÖV code element (`<xdf:feldart><code>input</code></xdf:feldart>`). */
export function codeOf(node: XmlNode, name: string): string | undefined {
  const element = node[name];
  if (isNode(element)) return childText(element, 'code') ?? textOf(element);
  return textOf(element);
}
