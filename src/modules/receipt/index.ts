// Receipt building block: the acknowledgement of receipt as PDF. No side effects on import; load it
// lazily (import('…/modules/receipt/index.js')) so pdf-lib is only fetched after a submission.
export { buildReceiptPdf, formatReceiptDate, formatBytes, type ReceiptInput, type ReceiptRow } from './receipt-pdf.js';
export { toWinAnsi } from './winansi.js';
export { RECEIPT_TEXTS, type ReceiptLang } from './texts.js';
