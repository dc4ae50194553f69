import { PDFDocument, StandardFonts } from './pdf-lib.js';
import { MUTED, PageCursor, wrapText, type Fonts } from './pdf-layout.js';
import { rt, type ReceiptLang, type ReceiptTextKey } from './texts.js';
import { toWinAnsi } from './winansi.js';

export interface ReceiptRow {
  /** Title of the section (step/group) the answer belongs to; a new value starts a new sub-heading. */
  section?: string;
  label: string;
  value: string;
}

export interface ReceiptInput {
  lang: ReceiptLang;
  formTitle: string;
  caseId: string;
  submittedAt: Date;
  rows: ReceiptRow[];
  attachments?: { filename: string; size: number }[];
  payment?: { reference: string; amount: string };
  /** The capability link to <ozg-mailbox> (e.g. https://…/postfach.html#case=…&secret=…). */
  mailboxUrl: string;
  /** Time zone for the printed time (default Europe/Berlin: the authority's time). */
  timeZone?: string;
  /** Author entry of the document properties (default "ozg-form"). */
  author?: string;
}

const PRODUCER = 'ozg-form (pdf-lib)';

/** "07.03.2025 um 14:05 Uhr" (de) / "07/03/2025 at 14:05" (en). */
export function formatReceiptDate(lang: ReceiptLang, date: Date, timeZone = 'Europe/Berlin'): string {
  const t = (key: ReceiptTextKey) => rt(lang, key);
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(
    date,
  );
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(
    date,
  );
  return `${day} ${t('at')} ${time}${t('clock') ? ` ${t('clock')}` : ''}`;
}

/** "1,5 MB" / "1.5 MB" */
export function formatBytes(lang: ReceiptLang, size: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = size;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const n = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: u === 0 ? 0 : 1 }).format(
    v,
  );
  return `${n} ${units[u]}`;
}

/**
 * The acknowledgement of receipt ("Eingangsbestätigung") as a PDF: case reference, date and time, the
 * answers as a two-column table over as many pages as needed, the evidence, the payment, and the
 * capability link to the mailbox. Tagged with title (shown in the window title bar) and language.
 * Only standard fonts are used, so every text passes through toWinAnsi() first.
 */
export async function buildReceiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const t = (key: ReceiptTextKey) => rt(input.lang, key);
  const doc = await PDFDocument.create();
  const title = `${t('title')}: ${input.formTitle}`;
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setSubject(rt(input.lang, 'subject', { form: input.formTitle, caseId: input.caseId }));
  doc.setAuthor(input.author ?? 'ozg-form');
  doc.setCreator('ozg-form');
  doc.setProducer(PRODUCER);
  doc.setKeywords([t('title'), input.caseId]);
  doc.setLanguage(input.lang === 'de' ? 'de-DE' : 'en-GB');
  doc.setCreationDate(input.submittedAt);
  doc.setModificationDate(input.submittedAt);
  // Tell viewers to display the title and that the document is meant to be read, not a form.
  doc.catalog.set(doc.context.obj('ViewerPreferences'), doc.context.obj({ DisplayDocTitle: true }));

  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const c = new PageCursor(doc, fonts);

  c.paragraph(t('title'), 20, fonts.bold);
  c.gap(2);
  c.paragraph(input.formTitle, 13, fonts.bold);
  c.gap(6);
  c.paragraph(t('intro'));
  c.gap(8);

  const when = formatReceiptDate(input.lang, input.submittedAt, input.timeZone);
  const facts: [string, string][] = [
    [t('caseId'), input.caseId],
    [t('receivedAt'), when],
  ];
  if (input.payment)
    facts.push(
      [`${t('payment')}: ${t('amount')}`, input.payment.amount],
      [t('paymentReference'), input.payment.reference],
    );
  table(
    c,
    facts.map(([label, value]) => ({ label, value })),
    { boldLabels: true },
  );

  c.heading(t('mailbox'));
  c.paragraph(t('mailboxText'));
  c.gap(2);
  c.link(input.mailboxUrl);
  c.gap(2);
  c.paragraph(t('mailboxWarning'), 9.5, fonts.regular, MUTED);

  c.heading(t('answers'));
  let section: string | undefined;
  const header = () => tableHeader(c, t('question'), t('answer'));
  header();
  c.onBreak = () => {
    c.paragraph(`${t('answers')} ${t('continued')}`, 9.5, fonts.regular, MUTED);
    header();
  };
  for (const row of input.rows) {
    if (row.section && row.section !== section) {
      section = row.section;
      c.ensure(40);
      c.gap(4);
      c.paragraph(row.section, 11, fonts.bold);
    }
    table(c, [{ label: row.label, value: row.value === '' ? t('empty') : row.value }]);
  }
  c.onBreak = undefined;

  c.heading(t('attachments'));
  const attachments = input.attachments ?? [];
  if (attachments.length === 0) c.paragraph(t('noAttachments'));
  for (const a of attachments) c.paragraph(`• ${a.filename} (${formatBytes(input.lang, a.size)})`);

  c.footers((n: number, of: number) => rt(input.lang, 'page', { n, of }), `${t('caseId')}: ${input.caseId}`);
  return doc.save();
}

const LABEL_SHARE = 0.38;
const COL_GAP = 12;

function tableHeader(c: PageCursor, left: string, right: string): void {
  const size = 9.5;
  c.ensure(size * 1.35 + 24);
  const labelW = c.width * LABEL_SHARE;
  const y = c.y - size;
  c.page.drawText(toWinAnsi(left), { x: c.left, y, size, font: c.fonts.bold, color: MUTED });
  c.page.drawText(toWinAnsi(right), { x: c.left + labelW + COL_GAP, y, size, font: c.fonts.bold, color: MUTED });
  c.gap(size * 1.35 + 2);
  c.rule();
  c.gap(3);
}

/** Label/value rows; long values wrap, and a row may continue on the next page line by line. */
function table(c: PageCursor, rows: { label: string; value: string }[], opts: { boldLabels?: boolean } = {}): void {
  const size = 10;
  const lead = size * 1.35;
  const labelW = c.width * LABEL_SHARE;
  const valueW = c.width - labelW - COL_GAP;
  const labelFont = opts.boldLabels ? c.fonts.bold : c.fonts.regular;
  for (const row of rows) {
    const labels = wrapText(row.label, labelW, size, labelFont);
    const values = row.value.split(/\r?\n/).flatMap((p) => wrapText(p, valueW, size, c.fonts.bold));
    const n = Math.max(labels.length, values.length);
    c.ensure(Math.min(n, 3) * lead); // do not strand the first line of a row at the bottom
    for (let i = 0; i < n; i++) {
      c.ensure(lead);
      const y = c.y - size;
      if (labels[i]) c.page.drawText(labels[i]!, { x: c.left, y, size, font: labelFont });
      if (values[i]) c.page.drawText(values[i]!, { x: c.left + labelW + COL_GAP, y, size, font: c.fonts.bold });
      c.gap(lead);
    }
    c.gap(2);
    c.rule();
    c.gap(4);
  }
}
