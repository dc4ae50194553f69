/** Contrast ratios as WCAG 2.1 defines them (relative luminance of sRGB colours). */
export interface Rgb {
  r: number;
  g: number;
  b: number;
  /** 0..1; 1 when not given. */
  a: number;
}

/** Parses "rgb(1, 2, 3)", "rgba(1 2 3 / 0.5)", "#abc", "#aabbcc" (what getComputedStyle returns, and hex). */
export function parseColor(value: string): Rgb | undefined {
  const text = value.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16), a: 1 };
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(text);
  if (!fn) return undefined;
  const alpha = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? parseFloat(fn[4]) / 100 : parseFloat(fn[4]);
  return { r: Number(fn[1]), g: Number(fn[2]), b: Number(fn[3]), a: alpha };
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function luminance(color: Rgb): number {
  return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b);
}

/** A colour with transparency painted over an opaque background. */
export function flatten(color: Rgb, background: Rgb): Rgb {
  const a = color.a;
  return {
    r: color.r * a + background.r * (1 - a),
    g: color.g * a + background.g * (1 - a),
    b: color.b * a + background.b * (1 - a),
    a: 1,
  };
}

/** The contrast ratio (1..21) of two colours; the foreground may be transparent. */
export function contrastRatio(foreground: Rgb, background: Rgb): number {
  const fg = luminance(flatten(foreground, background));
  const bg = luminance(background);
  const [hi, lo] = fg > bg ? [fg, bg] : [bg, fg];
  return (hi + 0.05) / (lo + 0.05);
}

/** "#0b4f8a" */
export function toHex(color: Rgb): string {
  const part = (n: number) => Math.round(n).toString(16).padStart(2, '0');
  return `#${part(color.r)}${part(color.g)}${part(color.b)}`;
}

/** "4,5:1" / "4.5:1", rounded down so 4.499 never reads as 4.5. */
export function formatRatio(ratio: number, lang: 'de' | 'en'): string {
  const text = (Math.floor(ratio * 100) / 100).toFixed(2).replace(/0$/, '').replace(/\.0$/, '');
  return `${lang === 'de' ? text.replace('.', ',') : text}:1`;
}
