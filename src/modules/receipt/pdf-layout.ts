import { PDFString, rgb, type PDFDocument, type PDFFont, type PDFPage } from './pdf-lib.js';
import { toWinAnsi } from './winansi.js';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56;
const FOOTER = 36;
export const INK = rgb(0.1, 0.1, 0.1);
export const MUTED = rgb(0.3, 0.3, 0.3);
export const LINK = rgb(0.04, 0.31, 0.54);
export const RULE = rgb(0.6, 0.6, 0.6);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * Splits `text` into lines no wider than `width`. Words longer than a line (IBANs, URLs, long
 * compound words) are broken between characters, so nothing runs off the page.
 */
export function wrapText(text: string, width: number, size: number, font: PDFFont): string[] {
  const measure = (s: string) => font.widthOfTextAtSize(s, size);
  const lines: string[] = [];
  let line = '';
  for (const word of toWinAnsi(text)
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

/** A cursor over A4 pages: adds a page when the next block does not fit. */
export class PageCursor {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  /** Called after a page break (e.g. to repeat a table header). */
  onBreak?: () => void;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.addPage();
  }

  get left(): number {
    return MARGIN;
  }
  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  private addPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
  }

  /** Makes room for `height` points, breaking the page if needed. */
  ensure(height: number): void {
    if (this.y - height >= MARGIN + FOOTER) return;
    this.addPage();
    this.onBreak?.();
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Draws already wrapped lines at x; returns the y of each baseline. */
  lines(lines: string[], x: number, size: number, font: PDFFont, color = INK): number[] {
    const lead = size * 1.35;
    const ys: number[] = [];
    for (const l of lines) {
      this.ensure(lead);
      this.page.drawText(l, { x, y: this.y - size, size, font, color });
      ys.push(this.y - size);
      this.y -= lead;
    }
    return ys;
  }

  /** A wrapped paragraph over the full width. */
  paragraph(text: string, size = 10.5, font = this.fonts.regular, color = INK): void {
    this.lines(wrapText(text, this.width, size, font), this.left, size, font, color);
  }

  heading(text: string, size = 13): void {
    this.ensure(size * 1.35 + 40); // keep a heading together with what follows
    this.gap(6);
    this.paragraph(text, size, this.fonts.bold);
    this.gap(2);
  }

  rule(): void {
    this.page.drawLine({
      start: { x: this.left, y: this.y },
      end: { x: this.left + this.width, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
  }

  /**
   * Prints `url` as wrapped link text and puts a URI link annotation over each line, so the link works
   * in every viewer and can still be typed from a printout.
   */
  link(url: string, size = 10.5): void {
    const font = this.fonts.regular;
    const lines = wrapText(url, this.width, size, font);
    // Only absolute http(s) links become clickable; URL.href is pure ASCII, as a PDF URI must be.
    let target: string | undefined;
    try {
      const u = new URL(url);
      if (u.protocol === 'https:' || u.protocol === 'http:') target = u.href;
    } catch {
      /* text only */
    }
    for (const l of lines) {
      const [baseline] = this.lines([l], this.left, size, font, LINK);
      const w = font.widthOfTextAtSize(l, size);
      this.page.drawLine({
        start: { x: this.left, y: baseline! - 1.5 },
        end: { x: this.left + w, y: baseline! - 1.5 },
        thickness: 0.5,
        color: LINK,
      });
      if (target)
        addLinkAnnotation(this.doc, this.page, [this.left, baseline! - 3, this.left + w, baseline! + size], target);
    }
  }

  /** "Seite n von m" at the bottom of every page; call once at the end. */
  footers(text: (n: number, of: number) => string, left: string): void {
    const size = 8.5;
    this.pages.forEach((p, i) => {
      const right = text(i + 1, this.pages.length);
      p.drawText(toWinAnsi(left), { x: MARGIN, y: MARGIN, size, font: this.fonts.regular, color: MUTED });
      p.drawText(right, {
        x: A4[0] - MARGIN - this.fonts.regular.widthOfTextAtSize(right, size),
        y: MARGIN,
        size,
        font: this.fonts.regular,
        color: MUTED,
      });
    });
  }
}

function addLinkAnnotation(doc: PDFDocument, page: PDFPage, rect: [number, number, number, number], url: string): void {
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    // Contents gives assistive technology a description of the link (PDF/UA).
    Contents: PDFString.of(toWinAnsi(url)),
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
  });
  page.node.addAnnot(doc.context.register(annot));
}
