// Prints the first levels of the structure tree of a sample receipt (Eingangsbestätigung) and of a
// sample Bescheid, with their tagging facts: node --import tsx scripts/pdf-structure.ts [depth]
import { buildReceiptPdf } from '../src/modules/receipt/index.js';
import { renderBescheid } from '../server/standins/inbox/bescheid.js';
import { inspectPdf, outline } from '../test/support/pdf-inspect.js';

const depth = Number(process.argv[2] ?? 3);
const receipt = await buildReceiptPdf({
  lang: 'de',
  formTitle: 'Hundesteuer: Hund anmelden',
  caseId: '3f2b8c1e-7d4a-4e1b-9c6f-0a1b2c3d4e5f',
  submittedAt: new Date(Date.UTC(2025, 2, 7, 13, 5)),
  rows: [
    { section: 'Halterin', label: 'Vorname', value: 'Erika' },
    { section: 'Halterin', label: 'Nachname', value: 'Müller-Weiß' },
    { section: 'Hund', label: 'Name des Hundes', value: 'Bello' },
  ],
  attachments: [{ filename: 'haftpflicht.pdf', size: 1536 }],
  payment: { reference: '202600000042', amount: '90,00 €' },
  mailboxUrl: 'https://www.musterstadt.example/postfach.html#case=3f2b8c1e&secret=Ab3_xY-9kLmN0pQr',
});
const bescheid = await renderBescheid({
  authority: 'Stadt Musterstadt',
  caseId: '3f2b8c1e-7d4a-4e1b-9c6f-0a1b2c3d4e5f',
  title: 'Bescheid über die Hundesteuer',
  text: 'Sehr geehrte Frau Müller-Weiß,\n\nIhr Hund Bello ist angemeldet. Die Steuer beträgt 96,00 € im Jahr.',
  date: new Date(Date.UTC(2025, 2, 10)),
});
for (const [name, bytes] of [
  ['Eingangsbestätigung', receipt],
  ['Bescheid', bescheid],
] as const) {
  const pdf = await inspectPdf(bytes);
  console.log(`== ${name} (${bytes.length} bytes, ${pdf.pageCount} page(s))`);
  console.log(
    `Title: ${pdf.title} | Lang: ${pdf.lang} | DisplayDocTitle: ${pdf.displayDocTitle} | Marked: ${pdf.marked}`,
  );
  console.log(
    `Fonts: ${pdf.fonts.map((f) => `${f.name}${f.embedded ? ' (embedded)' : ' (NOT embedded)'}`).join(', ')}`,
  );
  console.log(outline(pdf.tree, depth));
}
