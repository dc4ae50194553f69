// Stands in for brotli/decompress.js inside fontkit (vite.config.ts aliases it here): fontkit needs
// Brotli only to read WOFF2 fonts, and the PDFs embed TrueType fonts, so the ~90 KB decoder and its
// dictionary stay out of the receipt chunk.
export default function decompress(): never {
  throw new Error('ozg-form: WOFF2 fonts are not supported in PDFs');
}
