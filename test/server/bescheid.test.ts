/**
 * The Bescheid the inbox stand-in writes is a tagged PDF (EN 301 549 clause 10, PDF/UA): structure
 * tree in reading order, MarkInfo, language, title shown by the viewer, embedded fonts. Read back
 * with pdf.js and pdf-lib (test/support/pdf-inspect.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderBescheid } from '../../server/standins/inbox/bescheid.js';
import { allRoles, inspectPdf, type PdfFacts } from '../support/pdf-inspect.js';

const CASE_ID = '3f2b8c1e-7d4a-4e1b-9c6f-0a1b2c3d4e5f';
const TEXT =
  'Sehr geehrte Frau Müller-Weiß,\n\nIhr Hund Bello ist angemeldet.\nDie Steuer beträgt 96,00 € im Jahr.\n\nMit freundlichen Grüßen\nIhre Stadt Musterstadt';

/** The Bescheid of these tests, written and read back once (the checks only read it). */
let inspected: Promise<PdfFacts> | undefined;
const bescheid = () =>
  (inspected ??= renderBescheid({
    authority: 'Stadt Musterstadt',
    caseId: CASE_ID,
    title: 'Bescheid über die Hundesteuer',
    text: TEXT,
  }).then(inspectPdf));

test('the Bescheid is tagged: Document > H1, a table of authority/case/date, one P per paragraph', async () => {
  const pdf = await bescheid();
  assert.equal(pdf.marked, true, 'MarkInfo /Marked true');
  assert.ok(pdf.tree, 'a /StructTreeRoot');
  assert.deepEqual(
    pdf.tree.children.map((n) => n.role),
    ['Document'],
  );
  assert.deepEqual(
    pdf.tree.children[0]!.children.map((n) => n.role),
    ['H1', 'Table', 'P', 'P', 'P'],
  );
  const table = pdf.tree.children[0]!.children[1]!;
  assert.deepEqual(
    table.children.map((tr) => tr.children.map((c) => c.role).join(',')),
    ['TH,TD', 'TH,TD', 'TH,TD'],
  );
  for (const role of ['H1', 'P', 'Table', 'TR', 'TH', 'TD']) assert.ok(allRoles(pdf.tree).includes(role), role);
  assert.ok(pdf.pdfjsRolesPage1.includes('H1'), 'pdf.js sees the heading');
});

test('the Bescheid has its title (shown in the window bar), German as language and embedded fonts', async () => {
  const pdf = await bescheid();
  assert.equal(pdf.title, 'Bescheid über die Hundesteuer');
  assert.equal(pdf.displayDocTitle, true);
  assert.equal(pdf.lang, 'de-DE');
  assert.ok(pdf.fonts.length > 0);
  assert.ok(
    pdf.fonts.every((f) => f.embedded),
    JSON.stringify(pdf.fonts),
  );
  // the text as a reader extracts it, with umlauts, ß and €
  assert.match(pdf.text, /Sehr geehrte Frau Müller-Weiß,/);
  assert.match(pdf.text, /Die Steuer beträgt 96,00 € im Jahr\./);
  assert.match(pdf.text, /Mit freundlichen Grüßen/);
  assert.match(pdf.text, new RegExp(CASE_ID));
});
