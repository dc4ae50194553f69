// pdf.js's worker module: imported for its side effect (it registers globalThis.pdfjsWorker).
declare module 'pdfjs-dist/build/pdf.worker.mjs';
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
