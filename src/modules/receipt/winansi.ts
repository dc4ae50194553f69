/**
 * The standard PDF fonts (Helvetica…) only encode WinAnsi (Windows-1252). Text from a form may contain
 * anything, so every string is made encodable first instead of letting pdf-lib throw.
 */

/** Windows-1252 code points 0x80–0x9F that are not Latin-1 controls. */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Characters we map to a near WinAnsi equivalent before falling back to '?'. */
const NEAR: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u201F': '"',
  '\u201B': "'",
  '\u2039': '‹',
  '\u00A0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\u200B': '',
  '\u200C': '',
  '\u200D': '',
  '\uFEFF': '',
  ẞ: 'SS',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ø: 'Ø',
  ŉ: "'n",
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '✓': 'v',
};

function encodable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c >= 0x20 && c <= 0x7e) return true;
  if (c >= 0xa0 && c <= 0xff) return true;
  return CP1252_EXTRA.includes(ch);
}

/**
 * Returns `text` with every character WinAnsi cannot encode replaced: first by a close equivalent
 * (ẞ -> SS, ł -> l, ć -> c by dropping the accent), otherwise by '?'. Line breaks become spaces,
 * other control characters are dropped. German umlauts, ß, €, „“ stay as they are.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (encodable(ch)) {
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
    // Latin letters with diacritics: keep the base letter if it is encodable (ć -> c, ő -> o).
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base && [...base].every(encodable) ? base : '?';
  }
  return out;
}
