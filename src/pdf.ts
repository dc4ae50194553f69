/**
 * The tagged-PDF writer of the receipt (PDFKit, DejaVu Sans embedded), for servers that write letters
 * the same way (`import { TaggedPdf, paragraphs } from 'ozg-form/pdf'`): the demo's inbox writes its
 * Bescheid with it. Its own entry point, so `ozg-form/rules` stays small.
 * @module
 */
export { A4, MARGIN, INK, MUTED, TaggedPdf, type PdfMeta, type TableRow } from './modules/receipt/tagged-pdf.js';
export { paragraphs } from './modules/return-channel/paragraphs.js';
