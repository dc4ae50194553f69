import PDFDocument, { type PDFStructureElement } from 'pdfkit';
import { DEJAVU_SANS, DEJAVU_SANS_BOLD } from './fonts/dejavu-sans.js';
import { toFontText } from './font-text.js';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56;
const FOOTER = 36;
const BOTTOM = A4[1] - MARGIN - FOOTER;
export const INK = '#1a1a1a';
export const MUTED = '#4d4d4d';
const LINK = '#0a4f8a';
const RULE = '#999999';

type Face = 'regular' | 'bold';

export interface PdfMeta {
  title: string;
  /** BCP 47 tag of the document's language, e.g. "de-DE". */
  lang: string;
  subject?: string;
  author?: string;
  keywords?: string[];
  producer: string;
  date?: Date;
}

export interface TableRow {
  label: string;
  value: string;
}

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A tagged PDF (PDF/UA style) written top to bottom over A4 pages with PDFKit: every text is marked
 * content of a structure element (Document → H1/H2/H3, P, Link, Table/TR/TH/TD, L/LI/LBody), in
 * reading order; page furniture (rules, repeated table headers, footers) is marked as Artifact. The
 * catalog gets MarkInfo Marked true, Lang and DisplayDocTitle; DejaVu Sans is embedded (subset).
 */
export class TaggedPdf {
  readonly doc: PDFDocument;
  private readonly root: PDFStructureElement;
  private readonly chunks: Uint8Array[] = [];
  private readonly done: Promise<void>;
  y = MARGIN;
  /** Called after a page break (e.g. to repeat a table header as an artifact). */
  onBreak?: () => void;

  constructor(meta: PdfMeta) {
    this.doc = new PDFDocument({
      size: A4,
      margin: MARGIN,
      pdfVersion: '1.7',
      tagged: true,
      lang: meta.lang,
      displayTitle: true,
      bufferPages: true,
      font: null,
      info: {
        Title: meta.title,
        ...(meta.subject ? { Subject: meta.subject } : {}),
        Author: meta.author ?? 'ozg-form',
        ...(meta.keywords ? { Keywords: meta.keywords.join(', ') } : {}),
        Creator: 'ozg-form',
        Producer: meta.producer,
        ...(meta.date ? { CreationDate: meta.date, ModDate: meta.date } : {}),
      },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.doc.registerFont('regular', base64Bytes(DEJAVU_SANS));
    this.doc.registerFont('bold', base64Bytes(DEJAVU_SANS_BOLD));
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  get left(): number {
    return MARGIN;
  }
  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  /** Makes room for `height` points, breaking the page if needed. */
  ensure(height: number): void {
    if (this.y + height <= BOTTOM) return;
    this.doc.addPage();
    this.y = MARGIN;
    this.onBreak?.();
  }

  gap(points: number): void {
    this.y += points;
  }

  /** Splits text into lines no wider than `width`; over-long words (IBANs, URLs) break between characters. */
  wrap(text: string, width: number, size: number, face: Face = 'regular'): string[] {
    this.doc.font(face).fontSize(size);
    const measure = (s: string) => this.doc.widthOfString(s);
    const lines: string[] = [];
    let line = '';
    for (const word of toFontText(text)
      .split(' ')
      .filter((w) => w !== '')) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (measure(rest) > width) {
        let n = 1;
        while (n < rest.length && measure(rest.slice(0, n + 1)) <= width) n++;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    if (line || lines.length === 0) lines.push(line);
    return lines;
  }

  /** Draws one line at (x, this.y) as marked content of `element` (tag = its role). */
  private draw(
    element: PDFStructureElement,
    role: string,
    line: string,
    x: number,
    size: number,
    face: Face,
    color = INK,
  ) {
    const content = this.doc.markStructureContent(role);
    this.doc.font(face).fontSize(size).fillColor(color).text(line, x, this.y, { lineBreak: false });
    this.doc.endMarkedContent();
    element.add(content);
  }

  /** A block element (P, H1…) of wrapped lines over the full width; a line break in `text` starts a new line. */
  block(role: string, text: string, opts: { size?: number; face?: Face; color?: string } = {}): void {
    const size = opts.size ?? 10.5;
    const element = this.doc.struct(role);
    this.root.add(element);
    for (const line of text.split(/\r?\n/).flatMap((part) => this.wrap(part, this.width, size, opts.face))) {
      this.ensure(size * 1.35);
      this.draw(element, role, line, this.left, size, opts.face ?? 'regular', opts.color);
      this.y += size * 1.35;
    }
    element.end();
  }

  paragraph(text: string, opts: { size?: number; face?: Face; color?: string } = {}): void {
    this.block('P', text, opts);
  }

  heading(level: 1 | 2 | 3, text: string, size = [20, 13, 11][level - 1]!): void {
    this.ensure(size * 1.35 + 72); // keep a heading together with what follows (a table header and a row)
    if (level > 1) this.gap(6);
    this.block(`H${level}`, text, { size, face: 'bold' });
    this.gap(2);
  }

  /**
   * A paragraph holding a Link element: the URL as wrapped, underlined text, with a URI link annotation
   * over each line (tied to the Link element), so it works in every viewer and can be typed from paper.
   */
  link(url: string, size = 10.5): void {
    let target: string | undefined;
    try {
      const u = new URL(url);
      if (u.protocol === 'https:' || u.protocol === 'http:') target = u.href;
    } catch {
      /* text only */
    }
    const p = this.doc.struct('P');
    this.root.add(p);
    const link = this.doc.struct(target ? 'Link' : 'Span');
    p.add(link);
    for (const line of this.wrap(url, this.width, size)) {
      this.ensure(size * 1.35);
      this.draw(link, target ? 'Link' : 'Span', line, this.left, size, 'regular', LINK);
      const w = this.doc.widthOfString(line);
      this.artifact('Layout', () => this.line(this.left, this.left + w, this.y + size * 1.1, LINK));
      if (target)
        this.doc.link(
          this.left,
          this.y,
          w,
          size * 1.25,
          target,
          // PDFKit writes String objects as PDF text strings; Contents describes the link (PDF/UA).
          { structParent: link, Contents: new String(toFontText(url)) },
        );
      this.y += size * 1.35;
    }
    p.end();
  }

  /** Draws something that is not content (rules, page numbers) as an Artifact. */
  artifact(type: 'Layout' | 'Pagination', draw: () => void): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  private line(x1: number, x2: number, y: number, color = RULE): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(color).stroke();
  }

  rule(): void {
    this.artifact('Layout', () => this.line(this.left, this.left + this.width, this.y));
  }

  /**
   * A two-column table: an optional header row (TH, scope Column, repeated as an artifact after a page
   * break) and label/value rows (label TH with scope Row, value TD). A row may continue on the next page.
   */
  table(rows: TableRow[], opts: { header?: [string, string]; boldLabels?: boolean; continued?: string } = {}): void {
    const size = 10;
    const lead = size * 1.35;
    const labelW = this.width * 0.38;
    const valueX = this.left + labelW + 12;
    const valueW = this.width - labelW - 12;
    const table = this.doc.struct('Table');
    this.root.add(table);
    const header = opts.header;
    const drawHeader = (tr?: PDFStructureElement) => {
      header!.forEach((text, i) => {
        const x = i === 0 ? this.left : valueX;
        if (!tr) return this.artifact('Pagination', () => this.plain(text, x, 9.5, 'bold', MUTED));
        const th = this.doc.struct('TH', { scope: 'Column' });
        tr.add(th);
        this.draw(th, 'TH', toFontText(text), x, 9.5, 'bold', MUTED);
        th.end();
      });
      this.y += 9.5 * 1.35 + 2;
      this.rule();
      this.y += 3;
    };
    if (header) {
      this.ensure(9.5 * 1.35 + 24);
      const tr = this.doc.struct('TR');
      table.add(tr);
      drawHeader(tr);
      tr.end();
    }
    const previous = this.onBreak;
    if (header)
      this.onBreak = () => {
        if (opts.continued)
          this.artifact('Pagination', () => this.plain(opts.continued!, this.left, 9.5, 'regular', MUTED));
        if (opts.continued) this.y += 9.5 * 1.35;
        drawHeader();
      };
    const labelFace: Face = opts.boldLabels ? 'bold' : 'regular';
    for (const row of rows) {
      const labels = this.wrap(row.label, labelW, size, labelFace);
      const values = row.value.split(/\r?\n/).flatMap((p) => this.wrap(p, valueW, size, 'bold'));
      const n = Math.max(labels.length, values.length);
      this.ensure(Math.min(n, 3) * lead); // do not strand the first line of a row at the bottom
      const tr = this.doc.struct('TR');
      table.add(tr);
      const th = this.doc.struct('TH', { scope: 'Row' });
      const td = this.doc.struct('TD');
      tr.add(th);
      tr.add(td);
      for (let i = 0; i < n; i++) {
        this.ensure(lead);
        if (labels[i]) this.draw(th, 'TH', labels[i]!, this.left, size, labelFace);
        if (values[i]) this.draw(td, 'TD', values[i]!, valueX, size, 'bold');
        this.y += lead;
      }
      tr.end();
      this.y += 2;
      this.rule();
      this.y += 4;
    }
    table.end();
    this.onBreak = previous;
  }

  /** A list (L → LI → Lbl + LBody) with bullets. */
  list(items: string[], size = 10.5): void {
    const l = this.doc.struct('L');
    this.root.add(l);
    for (const item of items) {
      const li = this.doc.struct('LI');
      l.add(li);
      const lbl = this.doc.struct('Lbl');
      const body = this.doc.struct('LBody');
      li.add(lbl);
      li.add(body);
      const lines = this.wrap(item, this.width - 14, size);
      lines.forEach((line, i) => {
        this.ensure(size * 1.35);
        if (i === 0) this.draw(lbl, 'Lbl', '•', this.left, size, 'regular');
        this.draw(body, 'LBody', line, this.left + 14, size, 'regular');
        this.y += size * 1.35;
      });
      li.end();
    }
    l.end();
  }

  private plain(text: string, x: number, size: number, face: Face, color: string): void {
    this.doc.font(face).fontSize(size).fillColor(color).text(toFontText(text), x, this.y, { lineBreak: false });
  }

  /** "Seite n von m" and a left text at the bottom of every page, as pagination artifacts. */
  footers(right: (n: number, of: number) => string, left: string): void {
    const { start, count } = this.doc.bufferedPageRange();
    const size = 8.5;
    const y = A4[1] - MARGIN - size;
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const text = toFontText(right(i - start + 1, count));
      this.artifact('Pagination', () => {
        this.doc.font('regular').fontSize(size).fillColor(MUTED);
        this.doc.text(toFontText(left), MARGIN, y, { lineBreak: false });
        this.doc.text(text, A4[0] - MARGIN - this.doc.widthOfString(text), y, { lineBreak: false });
      });
    }
  }

  /** Finishes the document and returns its bytes. */
  async bytes(): Promise<Uint8Array> {
    this.root.end();
    this.doc.end();
    await this.done;
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}
