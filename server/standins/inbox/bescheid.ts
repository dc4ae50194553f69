import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** Replaces characters WinAnsi (the standard PDF fonts) cannot encode, so any text renders. */
function winAnsi(s: string): string {
  return s.replace(/[^\x20-\x7E\xA0-\xFF\n€„“”‚‘’–—…]/g, '?');
}

function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (measure(next) > width && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** A simple Bescheid (decision letter) as PDF. */
export async function renderBescheid(p: {
  authority: string;
  caseId: string;
  title: string;
  text: string;
  date?: Date;
}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(p.title));
  doc.setLanguage('de-DE');
  doc.setProducer('ozg-form inbox');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page = doc.addPage([595.28, 841.89]);
  const margin = 56;
  let y = 841.89 - margin;
  const draw = (s: string, size: number, f = font) => {
    if (y < margin + size) {
      page = doc.addPage([595.28, 841.89]);
      y = 841.89 - margin;
    }
    page.drawText(s, { x: margin, y, size, font: f, color: rgb(0, 0, 0) });
    y -= size * 1.4;
  };
  draw(winAnsi(p.authority), 11, bold);
  draw(`Vorgang / case: ${p.caseId}`, 9);
  draw(`Datum / date: ${(p.date ?? new Date()).toLocaleDateString('de-DE')}`, 9);
  y -= 20;
  draw(winAnsi(p.title), 16, bold);
  y -= 8;
  for (const l of wrap(winAnsi(p.text), 595.28 - 2 * margin, (s) => font.widthOfTextAtSize(s, 11))) draw(l, 11);
  return doc.save();
}
