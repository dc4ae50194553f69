// pdf-lib for the browser. Its "module" build (es/) imports CommonJS (pako) and JSON files, which the
// test runner's dev server cannot serve as ES modules; its own self-contained ESM bundle works in the
// Vite build and in @web/test-runner alike. Import pdf-lib in browser code only through this file.
export * from 'pdf-lib/dist/pdf-lib.esm.js';
