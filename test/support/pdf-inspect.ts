// Reads a generated PDF the way an assistive technology and a viewer do, for the receipt (browser
// tests) and the Bescheid (server tests): pdf.js (Mozilla's reader, as in Firefox) for the text, the
// document properties, MarkInfo and the structure tree it exposes; pdf-lib's low-level objects for the
// whole structure tree from /StructTreeRoot, the fonts' embedded files and the link annotations.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib';

// pdf.js runs its parser in the same thread ("fake worker") once the worker module is loaded. Node 22
// needs its legacy build (the modern one calls Promise.try).
const inBrowser = typeof window !== 'undefined';
const { getDocument } = inBrowser ? await import('pdfjs-dist') : await import('pdfjs-dist/legacy/build/pdf.mjs');
if (inBrowser) await import('pdfjs-dist/build/pdf.worker.mjs');
else await import('pdfjs-dist/legacy/build/pdf.worker.mjs');

export interface StructNode {
  role: string;
  children: StructNode[];
}

export interface PdfFacts {
  pageCount: number;
  title: string | undefined;
  lang: string | undefined;
  displayDocTitle: boolean;
  marked: boolean;
  /** The structure tree from /StructTreeRoot (roles only), or undefined when there is none. */
  tree: StructNode | undefined;
  /** Roles pdf.js finds in the structure tree of page 1. */
  pdfjsRolesPage1: string[];
  /** The text runs of each page, as pdf.js extracts them (through the fonts' ToUnicode maps). */
  pageStrings: string[][];
  text: string;
  /** Every font used on a page: its name and whether a font file is embedded. */
  fonts: { name: string; embedded: boolean }[];
  /** URIs of the link annotations. */
  links: string[];
  info: Record<string, unknown>;
}

function role(dict: PDFDict): string {
  const s = dict.get(PDFName.of('S'));
  return s instanceof PDFName ? s.decodeText() : '?';
}

function structNode(doc: PDFDocument, dict: PDFDict, depth = 0): StructNode {
  const node: StructNode = { role: depth === 0 ? 'StructTreeRoot' : role(dict), children: [] };
  const k = dict.get(PDFName.of('K'));
  const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  for (const kid of kids) {
    const child = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
    // Only structure elements (dictionaries with /S); marked-content ids and OBJRs are leaves.
    if (child instanceof PDFDict && child.get(PDFName.of('S'))) node.children.push(structNode(doc, child, depth + 1));
  }
  return node;
}

function fontsOf(doc: PDFDocument): { name: string; embedded: boolean }[] {
  const out: { name: string; embedded: boolean }[] = [];
  const seen = new Set<string>();
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      const name = String(font.get(PDFName.of('BaseFont')));
      if (seen.has(name)) continue;
      seen.add(name);
      const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict);
      const descriptor = (descendant ?? font).lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.get(PDFName.of(k)) !== undefined);
      out.push({ name, embedded });
    }
  }
  return out;
}

function linksOf(doc: PDFDocument): string[] {
  const out: string[] = [];
  for (const page of doc.getPages()) {
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const a = doc.context.lookup(ref, PDFDict);
      const uri = a.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('URI'));
      if (uri instanceof PDFString || uri instanceof PDFHexString) out.push(uri.decodeText());
    }
  }
  return out;
}

function rolesOf(node: { role?: string; children?: unknown[] }, into: string[] = []): string[] {
  if (node.role) into.push(node.role);
  for (const child of node.children ?? []) rolesOf(child as { role?: string; children?: unknown[] }, into);
  return into;
}

export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const catalog = doc.catalog;
  const lang = catalog.get(PDFName.of('Lang'));
  const prefs = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const root = catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);

  const task = getDocument({ data: bytes.slice(), verbosity: 0 });
  const pdf = await task.promise;
  const pageStrings: string[][] = [];
  let pdfjsRolesPage1: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pageStrings.push(content.items.map((item) => ('str' in item ? item.str : '')).filter((s) => s !== ''));
    if (n === 1) pdfjsRolesPage1 = rolesOf((await page.getStructTree()) ?? {});
  }
  const { info } = await pdf.getMetadata();
  const markInfoJs = await pdf.getMarkInfo();
  await task.destroy();

  return {
    pageCount: doc.getPageCount(),
    title: doc.getTitle(),
    lang: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
    displayDocTitle: String(prefs?.get(PDFName.of('DisplayDocTitle'))) === 'true',
    marked:
      String(markInfo?.get(PDFName.of('Marked'))) === 'true' &&
      (markInfoJs as unknown as Map<string, unknown> | null)?.get('Marked') === true,
    tree: root ? structNode(doc, root) : undefined,
    pdfjsRolesPage1,
    pageStrings,
    text: pageStrings.flat().join('\n'),
    fonts: fontsOf(doc),
    links: linksOf(doc),
    info: info as Record<string, unknown>,
  };
}

/** All roles of a structure tree, depth first. */
export function allRoles(node: StructNode | undefined): string[] {
  if (!node) return [];
  return [node.role, ...node.children.flatMap(allRoles)];
}

/** The first `depth` levels of a structure tree as indented text (for reports). */
export function outline(node: StructNode | undefined, depth = 3, indent = ''): string {
  if (!node) return '(no structure tree)';
  const lines = [`${indent}${node.role}`];
  if (depth > 0) {
    // Runs of the same role are folded ("TR ×12") so long tables stay readable.
    let i = 0;
    while (i < node.children.length) {
      const child = node.children[i]!;
      let j = i;
      while (j + 1 < node.children.length && node.children[j + 1]!.role === child.role && depth === 1) j++;
      if (j > i) lines.push(`${indent}  ${child.role} ×${j - i + 1}`);
      else lines.push(outline(child, depth - 1, `${indent}  `));
      i = j + 1;
    }
  }
  return lines.join('\n');
}
