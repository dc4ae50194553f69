import { expect } from '@open-wc/testing';
import { buildReceiptPdf, formatReceiptDate, toFontText, type ReceiptInput } from '../../src/modules/receipt/index.js';
import { allRoles, inspectPdf, type StructNode } from '../support/pdf-inspect.js';

const CASE_ID = '3f2b8c1e-7d4a-4e1b-9c6f-0a1b2c3d4e5f';
const MAILBOX = `https://www.musterstadt.example/postfach.html#case=${CASE_ID}&secret=Ab3_xY-9kLmN0pQrStUvWxYz0123456789abcdefGHI`;

function input(over: Partial<ReceiptInput> = {}): ReceiptInput {
  return {
    lang: 'de',
    formTitle: 'Hundesteuer: Hund anmelden',
    caseId: CASE_ID,
    submittedAt: new Date(Date.UTC(2025, 2, 7, 13, 5)), // 14:05 in Berlin (CET)
    rows: [
      { section: 'Halterin', label: 'Vorname', value: 'Erika' },
      { section: 'Halterin', label: 'Nachname', value: 'Müller-Weiß' },
      { section: 'Hund', label: 'Name des Hundes', value: 'Bello' },
    ],
    mailboxUrl: MAILBOX,
    ...over,
  };
}

async function load(bytes: Uint8Array) {
  const facts = await inspectPdf(bytes);
  return { ...facts, strings: facts.pageStrings };
}

describe('receipt PDF (Eingangsbestätigung)', () => {
  it('has title, language, author and producer set, and shows the title in the window bar', async () => {
    const pdf = await load(await buildReceiptPdf(input()));
    expect(pdf.title).to.equal('Eingangsbestätigung: Hundesteuer: Hund anmelden');
    expect(pdf.lang).to.equal('de-DE');
    expect(pdf.info['Author']).to.be.a('string').and.not.equal('');
    expect(pdf.info['Producer']).to.contain('ozg-form');
    expect(pdf.info['Subject']).to.contain(CASE_ID);
    expect(pdf.displayDocTitle).to.equal(true);
  });

  it('prints the case reference, the German date and time, the answers with umlauts and the mailbox link', async () => {
    const { text } = await load(await buildReceiptPdf(input()));
    expect(text).to.contain('Eingangsbestätigung');
    expect(text).to.contain(CASE_ID);
    expect(text).to.contain('07.03.2025 um 14:05 Uhr');
    expect(text).to.contain('Müller-Weiß');
    expect(text).to.contain('Halterin');
    // the URL is long: it is wrapped over lines that together give the whole link
    expect(text.replace(/\n/g, '')).to.contain(MAILBOX);
  });

  it('puts a clickable link annotation with the capability URL on the page', async () => {
    const { links } = await load(await buildReceiptPdf(input()));
    expect(links.length).to.be.greaterThan(0);
    expect(links.every((u) => u === MAILBOX)).to.equal(true);
  });

  it('breaks pages for long forms: 300 answers need more pages than 3, and the last answer is printed', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      section: `Abschnitt ${Math.floor(i / 25) + 1}`,
      label: `Frage ${i + 1}`,
      value: `Antwort Nummer ${i + 1}`,
    }));
    const short = await load(await buildReceiptPdf(input()));
    const long = await load(await buildReceiptPdf(input({ rows })));
    expect(short.pageCount).to.equal(1);
    expect(long.pageCount).to.be.greaterThan(5);
    expect(long.text).to.contain('Antwort Nummer 300');
    expect(long.text).to.contain('Abschnitt 12');
    // every page carries "Seite n von m" and the case reference in the footer
    const count = long.pageCount;
    long.strings.forEach((s, i) => {
      expect(s).to.include(`Seite ${i + 1} von ${count}`);
      expect(s.some((x) => x.includes(CASE_ID))).to.equal(true);
    });
    // a table continued on the next page repeats its header there, marked as continued
    const continuedPages = long.strings.filter((s) => s.join(' ').includes('Ihre Angaben (Fortsetzung)'));
    expect(continuedPages.length).to.be.greaterThan(3);
    for (const page of continuedPages) expect(page).to.include.members(['Frage', 'Antwort']);
  });

  it('wraps long values instead of running off the page', async () => {
    const iban = 'DE89370400440532013000'.repeat(8); // one "word" of 176 characters
    const sentence = 'Dies ist eine sehr lange Begründung, '.repeat(20);
    const { strings } = await load(
      await buildReceiptPdf(
        input({
          rows: [
            { label: 'IBAN', value: iban },
            { label: 'Begründung', value: sentence },
          ],
        }),
      ),
    );
    const all = strings.flat();
    expect(all.join('')).to.contain(iban);
    expect(all.some((s) => s === iban)).to.equal(false);
    // the value column is about 290 pt wide: roughly 45 characters of 10 pt DejaVu Sans Bold
    const pieces = all.filter((s) => s.length > 3 && (iban.includes(s) || sentence.includes(s.trim())));
    expect(pieces.length).to.be.greaterThan(10);
    expect(Math.max(...pieces.map((s) => s.length))).to.be.lessThan(60);
  });

  it('prints Latin names as written and replaces only characters the embedded font lacks', async () => {
    const value = 'Zoë 🐶 aus Łódź, Ştefan, Straße 5, 北京, Ærø – „ok“ €';
    const { text } = await load(
      await buildReceiptPdf(input({ formTitle: 'Antrag 🐶', rows: [{ label: 'Ŝpecial', value }] })),
    );
    expect(text).to.contain('Zoë ? aus Łódź, Ştefan, Straße 5, ??, Ærø – „ok“ €');
    expect(text).to.contain('Ŝpecial');
    expect(toFontText('ẞ\u0007x\ny ≤ 3')).to.equal('ẞx y <= 3');
  });

  it('writes an English receipt with English texts and language', async () => {
    const { title, lang, text, tree } = await load(
      await buildReceiptPdf(
        input({
          lang: 'en',
          payment: { reference: 'MST-2025-0042', amount: '96,00 €' },
          attachments: [{ filename: 'haftpflicht.pdf', size: 1536 }],
        }),
      ),
    );
    expect(title).to.equal('Acknowledgement of receipt: Hundesteuer: Hund anmelden');
    expect(lang).to.equal('en-GB');
    expect(text).to.contain('Case reference');
    expect(text).to.contain(formatReceiptDate('en', new Date(Date.UTC(2025, 2, 7, 13, 5))));
    expect(text).to.contain('7 March 2025 at 14:05');
    expect(text).to.contain('MST-2025-0042');
    expect(text).to.contain('haftpflicht.pdf (1.5 KB)');
    // the evidence is a list: L > LI > (Lbl, LBody)
    const list = tree!.children[0]!.children.find((n) => n.role === 'L');
    expect(list?.children.map((li) => li.children.map((c) => c.role).join('+'))).to.deep.equal(['Lbl+LBody']);
    expect(text).not.to.contain('Eingangsbestätigung');
  });

  it('says none were attached only when none were, and that it does not know when it does not', async () => {
    expect((await load(await buildReceiptPdf(input({ attachments: [] })))).text).to.contain(
      'Keine Nachweise beigefügt.',
    );
    const unknown = (await load(await buildReceiptPdf(input()))).text;
    expect(unknown).to.contain('Welche Dateien beigefügt waren, liegt nach dem Neuladen der Seite nicht mehr vor.');
    expect(unknown).not.to.contain('Keine Nachweise');
  });

  it('shows a paid fee with its Kassenzeichen and amount (ePayment)', async () => {
    const { text } = await load(
      await buildReceiptPdf(input({ payment: { reference: '202600000042', amount: '90,00 €' } })),
    );
    expect(text).to.contain('Kassenzeichen');
    expect(text).to.contain('202600000042');
    expect(text).to.contain('90,00 €');
  });

  it('names a payment made once more for the application (another window) as to be refunded', async () => {
    const { text } = await load(
      await buildReceiptPdf(
        input({
          payment: {
            reference: '202600000042',
            amount: '60,00 €',
            extra: [{ reference: '202600000041', amount: '90,00 €' }],
          },
        }),
      ),
    );
    expect(text).to.contain('Weitere Zahlung');
    expect(text.replace(/\s+/g, ' ')).to.contain(
      '90,00 €, Kassenzeichen 202600000041: zu viel Gezahltes erstattet die Behörde',
    );
  });

  it('is a tagged PDF: MarkInfo Marked, a structure tree with headings, paragraphs, tables and a link', async () => {
    const pdf = await load(await buildReceiptPdf(input()));
    expect(pdf.marked, 'MarkInfo /Marked true').to.equal(true);
    expect(pdf.tree, 'a /StructTreeRoot').not.to.equal(undefined);
    const documentNode = pdf.tree!.children[0]!;
    expect(pdf.tree!.children.map((n) => n.role)).to.deep.equal(['Document']);
    // reading order of the top level
    const top = documentNode.children.map((n) => n.role);
    expect(top.slice(0, 4)).to.deep.equal(['H1', 'P', 'P', 'Table']);
    expect(top.filter((r) => r === 'H2').length).to.equal(3); // mailbox, answers, evidence
    expect(top.filter((r) => r === 'H3').length).to.equal(2); // the sections Halterin, Hund
    const roles = allRoles(pdf.tree);
    for (const r of ['TR', 'TH', 'TD', 'Link']) expect(roles, r).to.include(r);
    // an answers table: a header row of two column headers, then rows of a row header and a cell
    const tables = documentNode.children.filter((n) => n.role === 'Table');
    const answers = tables[1]!;
    const cells = (tr: StructNode) => tr.children.map((c) => c.role).join(',');
    expect(answers.children.map(cells)).to.deep.equal(['TH,TH', 'TH,TD', 'TH,TD']);
    // pdf.js (the reader in Firefox) sees the same tree on page 1
    for (const r of ['Document', 'H1', 'Table', 'TH', 'TD']) expect(pdf.pdfjsRolesPage1, r).to.include(r);
  });

  it("embeds its fonts (no reliance on the viewer's fonts)", async () => {
    const { fonts } = await load(await buildReceiptPdf(input()));
    expect(fonts.length).to.equal(2);
    expect(fonts.map((f) => f.name).join(' ')).to.contain('DejaVuSans');
    expect(fonts.every((f) => f.embedded)).to.equal(true);
  });
});
