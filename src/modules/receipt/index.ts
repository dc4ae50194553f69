// Receipt building block: the acknowledgement of receipt as PDF. No side effects on import; load it
// lazily (import('…/modules/receipt/index.js')) so PDFKit and the fonts are only fetched
// when the person downloads the receipt.
export { buildReceiptPdf, formatReceiptDate, formatBytes, type ReceiptInput, type ReceiptRow } from './receipt-pdf.js';
export { toFontText } from './font-text.js';
export { TaggedPdf, type PdfMeta, type TableRow } from './tagged-pdf.js';
export { RECEIPT_TEXTS, type ReceiptLang } from './texts.js';
