import { paragraphs, TaggedPdf } from 'ozg-form/pdf';

/**
 * A simple Bescheid (decision letter) as a tagged PDF (same writer as the receipt): the title as H1,
 * the authority, case and date as a table, then the case worker's text paragraph by paragraph.
 * German document language, DejaVu Sans embedded, title shown in the viewer's window bar.
 */
export async function renderBescheid(p: {
  authority: string;
  caseId: string;
  title: string;
  text: string;
  date?: Date;
}): Promise<Uint8Array> {
  const pdf = new TaggedPdf({
    title: p.title,
    lang: 'de-DE',
    subject: `${p.title}, Vorgang ${p.caseId}`,
    author: p.authority,
    producer: 'ozg-form inbox (PDFKit)',
    ...(p.date ? { date: p.date } : {}),
  });
  pdf.heading(1, p.title, 16);
  pdf.gap(4);
  pdf.table(
    [
      { label: 'Behörde / authority', value: p.authority },
      { label: 'Vorgang / case', value: p.caseId },
      {
        label: 'Datum / date',
        value: (p.date ?? new Date()).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' }),
      },
    ],
    { boldLabels: true },
  );
  pdf.gap(8);
  for (const paragraph of paragraphs(p.text)) {
    pdf.paragraph(paragraph, { size: 11 });
    pdf.gap(6);
  }
  pdf.footers((n, of) => `Seite ${n} von ${of}`, `Vorgang: ${p.caseId}`);
  return pdf.bytes();
}
