import { expect } from '@open-wc/testing';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFString,
  PDFHexString,
  decodePDFRawStream,
  type PDFPage,
} from '../../src/modules/receipt/pdf-lib.js';
import { buildReceiptPdf, formatReceiptDate, toWinAnsi, type ReceiptInput } from '../../src/modules/receipt/index.js';

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

/** Every string shown with Tj on a page, decoded from the (compressed) content streams. */
function shownStrings(page: PDFPage): string[] {
  // node.Contents() reads the page as saved (normalizedEntries() would wrap it in extra q/Q streams).
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  const out: string[] = [];
  const decoder = new TextDecoder('windows-1252');
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream))
      throw new Error(`unexpected content stream type ${stream?.constructor.name}`);
    const ops = decoder.decode(decodePDFRawStream(stream).decode());
    for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      const hex = m[1]!;
      const bytes = new Uint8Array(hex.length / 2);
      for (let j = 0; j < bytes.length; j++) bytes[j] = parseInt(hex.slice(j * 2, j * 2 + 2), 16);
      out.push(decoder.decode(bytes));
    }
  }
  return out;
}

async function load(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const strings = doc.getPages().map(shownStrings);
  return { doc, strings, text: strings.flat().join('\n') };
}

function catalogText(doc: PDFDocument, key: string): string | undefined {
  const v = doc.catalog.get(PDFName.of(key));
  return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
}

describe('receipt PDF (Eingangsbestätigung)', () => {
  it('has title, language, author and producer set, and shows the title in the window bar', async () => {
    const { doc } = await load(await buildReceiptPdf(input()));
    expect(doc.getTitle()).to.equal('Eingangsbestätigung: Hundesteuer: Hund anmelden');
    expect(catalogText(doc, 'Lang')).to.equal('de-DE');
    expect(doc.getAuthor()).to.be.a('string').and.not.equal('');
    expect(doc.getProducer()).to.contain('ozg-form');
    expect(doc.getSubject()).to.contain(CASE_ID);
    const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(String(prefs.get(PDFName.of('DisplayDocTitle')))).to.equal('true');
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
    const { doc } = await load(await buildReceiptPdf(input()));
    const annots = doc.getPages()[0]!.node.Annots();
    expect(annots, 'first page has annotations').to.be.instanceOf(PDFArray);
    const uris = annots!.asArray().map((ref) => {
      const a = doc.context.lookup(ref, PDFDict);
      expect(a.get(PDFName.of('Subtype'))).to.equal(PDFName.of('Link'));
      return (a.lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('URI')) as PDFString).decodeText();
    });
    expect(uris.length).to.be.greaterThan(0);
    expect(uris.every((u) => u === MAILBOX)).to.equal(true);
  });

  it('breaks pages for long forms: 300 answers need more pages than 3, and the last answer is printed', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      section: `Abschnitt ${Math.floor(i / 25) + 1}`,
      label: `Frage ${i + 1}`,
      value: `Antwort Nummer ${i + 1}`,
    }));
    const short = await load(await buildReceiptPdf(input()));
    const long = await load(await buildReceiptPdf(input({ rows })));
    expect(short.doc.getPageCount()).to.equal(1);
    expect(long.doc.getPageCount()).to.be.greaterThan(5);
    expect(long.text).to.contain('Antwort Nummer 300');
    expect(long.text).to.contain('Abschnitt 12');
    // every page carries "Seite n von m" and the case reference in the footer
    const count = long.doc.getPageCount();
    long.strings.forEach((s, i) => {
      expect(s).to.include(`Seite ${i + 1} von ${count}`);
      expect(s.some((x) => x.includes(CASE_ID))).to.equal(true);
    });
    // a continued table repeats its header
    expect(long.strings[2]).to.include('Antwort');
    expect(long.strings[2]!.join(' ')).to.contain('(Fortsetzung)');
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
    // the value column is about 290 pt wide: roughly 50 characters of 10 pt Helvetica Bold
    const pieces = all.filter((s) => s.length > 3 && (iban.includes(s) || sentence.includes(s.trim())));
    expect(pieces.length).to.be.greaterThan(10);
    expect(Math.max(...pieces.map((s) => s.length))).to.be.lessThan(60);
  });

  it('replaces characters the standard font cannot encode instead of failing', async () => {
    const value = 'Zoë 🐶 aus Łódź, Straße 5, 北京, Ærø – „ok“ €';
    const { text } = await load(
      await buildReceiptPdf(input({ formTitle: 'Antrag 🐶', rows: [{ label: 'Ŝpecial', value }] })),
    );
    expect(text).to.contain('Zoë ? aus Lódz, Straße 5, ??, Ærø – „ok“ €');
    expect(text).to.contain('Special');
    expect(toWinAnsi('ẞ\u0007x\ny')).to.equal('SSx y');
  });

  it('writes an English receipt with English texts and language', async () => {
    const { doc, text } = await load(
      await buildReceiptPdf(
        input({
          lang: 'en',
          payment: { reference: 'MST-2025-0042', amount: '96,00 €' },
          attachments: [{ filename: 'haftpflicht.pdf', size: 1536 }],
        }),
      ),
    );
    expect(doc.getTitle()).to.equal('Acknowledgement of receipt: Hundesteuer: Hund anmelden');
    expect(catalogText(doc, 'Lang')).to.equal('en-GB');
    expect(text).to.contain('Case reference');
    expect(text).to.contain(formatReceiptDate('en', new Date(Date.UTC(2025, 2, 7, 13, 5))));
    expect(text).to.contain('07/03/2025 at 14:05');
    expect(text).to.contain('MST-2025-0042');
    expect(text).to.contain('haftpflicht.pdf (1.5 KB)');
    expect(text).not.to.contain('Eingangsbestätigung');
  });

  it('shows a paid fee with its Kassenzeichen and amount (ePayment)', async () => {
    const { text } = await load(
      await buildReceiptPdf(input({ payment: { reference: '202600000042', amount: '90,00 €' } })),
    );
    expect(text).to.contain('Kassenzeichen');
    expect(text).to.contain('202600000042');
    expect(text).to.contain('90,00 €');
  });
});
