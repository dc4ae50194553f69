/**
 * What a file is, read from its first bytes ("magic bytes"), never from its name or the browser's
 * MIME guess: a renamed program stays a program.
 *
 * A small table instead of a library (`file-type` knows 150+ formats, pulls in stream helpers and
 * weighs ~10x this file in the bundle): a form accepts a handful of document and image formats, and
 * for exactly those the signatures below are the published ones (ISO 32000 for PDF, JFIF/EXIF SOI,
 * the PNG signature, ISO/IEC 23008-12 `ftyp` brands for HEIC/HEIF, TIFF byte orders, GIF, RIFF/WEBP).
 */

/** The types a definition may accept (`x-ozg.file.accept`). */
export const FILE_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['.pdf'] },
  'image/jpeg': { label: 'JPEG', extensions: ['.jpg', '.jpeg'] },
  'image/png': { label: 'PNG', extensions: ['.png'] },
  'image/heic': { label: 'HEIC', extensions: ['.heic', '.heif'] },
  'image/heif': { label: 'HEIF', extensions: ['.heif', '.heic'] },
  'image/tiff': { label: 'TIFF', extensions: ['.tif', '.tiff'] },
  'image/gif': { label: 'GIF', extensions: ['.gif'] },
  'image/webp': { label: 'WebP', extensions: ['.webp'] },
} as const;

export type FileType = keyof typeof FILE_TYPES;

/** Bytes a caller must read from the start of a file for `detectType`. */
export const SNIFF_BYTES = 1024;

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));

const startsWith = (bytes: Uint8Array, signature: number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/** HEIC = HEVC-coded HEIF. Brands from ISO/IEC 23008-12 and the HEVC image profiles. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'heif']);

function isoBmffImage(bytes: Uint8Array): FileType | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return undefined;
  const boxSize = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const end = Math.min(bytes.length, Math.max(16, boxSize));
  const brands = [ascii(bytes, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4));
  if (brands.some((b) => HEIC_BRANDS.has(b))) return 'image/heic';
  if (brands.some((b) => HEIF_BRANDS.has(b))) return 'image/heif';
  return undefined;
}

/** The type of a file from its first bytes (pass at least SNIFF_BYTES), or undefined when unknown. */
export function detectType(bytes: Uint8Array): FileType | undefined {
  // PDF readers accept the header anywhere in the first 1024 bytes (ISO 32000-1, annex H).
  const head = ascii(bytes, 0, Math.min(bytes.length, SNIFF_BYTES));
  if (head.includes('%PDF-')) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  if (head.startsWith('RIFF') && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return isoBmffImage(bytes);
}

/** Whether a detected type satisfies the accepted list (HEIC and HEIF stand for each other). */
export function typeAccepted(detected: FileType, accept: readonly string[]): boolean {
  if (accept.includes(detected)) return true;
  const heif = detected === 'image/heic' || detected === 'image/heif';
  return heif && (accept.includes('image/heic') || accept.includes('image/heif'));
}

/** The `accept` attribute of the file input: MIME types and extensions (a hint for the picker only). */
export function acceptAttribute(accept: readonly string[]): string {
  const parts = new Set<string>();
  for (const type of accept) {
    const known = FILE_TYPES[type as FileType];
    if (!known) continue;
    parts.add(type);
    known.extensions.forEach((e) => parts.add(e));
  }
  return [...parts].join(',');
}

export function typeLabel(type: string): string {
  return FILE_TYPES[type as FileType]?.label ?? type;
}
