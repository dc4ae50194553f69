import { COVERED_RANGES } from './fonts/dejavu-sans.js';

/** Characters outside the embedded fonts mapped to a close equivalent before falling back to '?'. */
const NEAR: Record<string, string> = {
  '\u2032': "'",
  '\u2033': '"',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\u200B': '',
  '\u200C': '',
  '\u200D': '',
  '\u2060': '',
  '\uFEFF': '',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '✓': 'v',
};

function covered(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return COVERED_RANGES.some(([from, to]) => c >= from && c <= to);
}

/**
 * Returns `text` with every character the embedded fonts (DejaVu Sans, subset: Latin incl. Łódź,
 * Ştefan, ẞ, €, „“) have no glyph for replaced: first by a close equivalent (≤ -> <=, accents
 * dropped where the base letter exists), otherwise by one '?'. Line breaks and tabs become spaces,
 * other control characters are dropped. Nothing is ever drawn as an empty box.
 */
export function toFontText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (covered(ch)) {
      out += ch;
      continue;
    }
    const c = ch.codePointAt(0)!;
    if (c === 0x09 || c === 0x0a || c === 0x0d) {
      out += ' ';
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    if (ch in NEAR) {
      out += NEAR[ch];
      continue;
    }
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base && [...base].every(covered) ? base : '?';
  }
  return out;
}
