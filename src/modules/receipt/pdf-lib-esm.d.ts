// The self-contained ESM bundle of pdf-lib has the same API as the package entry (types: cjs/index.d.ts).
declare module 'pdf-lib/dist/pdf-lib.esm.js' {
  export * from 'pdf-lib';
}
