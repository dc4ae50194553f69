import { MUTED, TaggedPdf } from './tagged-pdf.js';
import { rt, type ReceiptLang, type ReceiptTextKey } from './texts.js';

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
  /** The files sent (undefined: not known; [] none). */
  attachments?: { filename: string; size: number }[];
  /** `extra`: paid once more for this application (another window), to be refunded. */
  payment?: { reference: string; amount: string; extra?: { reference: string; amount: string }[] };
  /** The capability link to <ozg-mailbox> (e.g. https://…/postfach.html#case=…&secret=…). */
  mailboxUrl: string;
  /** Time zone for the printed time (default Europe/Berlin: the authority's time). */
  timeZone?: string;
  /** Author entry of the document properties (default "ozg-form"). */
  author?: string;
}

const PRODUCER = 'ozg-form (PDFKit)';

/** "07.03.2025 um 14:05 Uhr" (de) / "07/03/2025 at 14:05" (en). */
export function formatReceiptDate(lang: ReceiptLang, date: Date, timeZone = 'Europe/Berlin'): string {
  const t = (key: ReceiptTextKey) => rt(lang, key);
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  // 07.03.2025 in German; in English the month by name (7 March 2025): 07/03 reads as July 3 in the US.
  const day = new Intl.DateTimeFormat(
    locale,
    lang === 'de'
      ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }
      : { day: 'numeric', month: 'long', year: 'numeric', timeZone },
  ).format(date);
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
 * The acknowledgement of receipt ("Eingangsbestätigung") as a tagged PDF: title (H1), the case
 * reference and time as a table, the mailbox link, the answers as a question/answer table per section
 * (H3) over as many pages as needed, the evidence as a list, and "Seite n von m" footers as artifacts.
 * Title shown in the window bar, language set, DejaVu Sans embedded.
 */
export async function buildReceiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const t = (key: ReceiptTextKey) => rt(input.lang, key);
  const pdf = new TaggedPdf({
    title: `${t('title')}: ${input.formTitle}`,
    lang: input.lang === 'de' ? 'de-DE' : 'en-GB',
    subject: rt(input.lang, 'subject', { form: input.formTitle, caseId: input.caseId }),
    author: input.author ?? 'ozg-form',
    keywords: [t('title'), input.caseId],
    producer: PRODUCER,
    date: input.submittedAt,
  });

  pdf.heading(1, t('title'));
  pdf.paragraph(input.formTitle, { size: 13, face: 'bold' });
  pdf.gap(6);
  pdf.paragraph(t('intro'));
  pdf.gap(8);

  const when = formatReceiptDate(input.lang, input.submittedAt, input.timeZone);
  const facts: [string, string][] = [
    [t('caseId'), input.caseId],
    [t('receivedAt'), when],
  ];
  if (input.payment)
    facts.push(
      [`${t('payment')}: ${t('amount')}`, input.payment.amount],
      [t('paymentReference'), input.payment.reference],
      ...(input.payment.extra ?? []).map((extra): [string, string] => [
        t('extraPayment'),
        rt(input.lang, 'extraPaymentText', { amount: extra.amount, reference: extra.reference }),
      ]),
    );
  pdf.table(
    facts.map(([label, value]) => ({ label, value })),
    { boldLabels: true },
  );

  pdf.heading(2, t('mailbox'));
  pdf.paragraph(t('mailboxText'));
  pdf.gap(2);
  pdf.link(input.mailboxUrl);
  pdf.gap(2);
  pdf.paragraph(t('mailboxWarning'), { size: 9.5, color: MUTED });

  pdf.heading(2, t('answers'));
  const continued = `${t('answers')} ${t('continued')}`;
  const header: [string, string] = [t('question'), t('answer')];
  // One table per section (step or group), under its own heading; answers without a section share one.
  const groups: { section?: string; rows: ReceiptRow[] }[] = [];
  for (const row of input.rows) {
    const last = groups[groups.length - 1];
    if (last && last.section === row.section) last.rows.push(row);
    else groups.push({ ...(row.section ? { section: row.section } : {}), rows: [row] });
  }
  for (const group of groups) {
    if (group.section) pdf.heading(3, group.section);
    pdf.table(
      group.rows.map((row) => ({ label: row.label, value: row.value === '' ? t('empty') : row.value })),
      { header, continued },
    );
  }

  pdf.heading(2, t('attachments'));
  // Not known (a receipt shown again after a reload): said so, never "none attached".
  const attachments = input.attachments;
  if (!attachments) pdf.paragraph(t('attachmentsUnknown'));
  else if (attachments.length === 0) pdf.paragraph(t('noAttachments'));
  else pdf.list(attachments.map((a) => `${a.filename} (${formatBytes(input.lang, a.size)})`));

  pdf.footers((n: number, of: number) => rt(input.lang, 'page', { n, of }), `${t('caseId')}: ${input.caseId}`);
  return pdf.bytes();
}
