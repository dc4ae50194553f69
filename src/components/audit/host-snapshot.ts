/**
 * Reads what the host page configured around a form: resolved theme colours, background, headings.
 * Self-contained on purpose (no reference outside its body): `ozg-form-audit` runs the same function
 * in the audited page through Playwright (`fn.toString()`), so panel and command agree.
 */
import { THEME_DEFAULTS, type HostSnapshot, type ThemeColor } from '../../modules/audit/hints.js';
import type { Rgb } from '../../modules/audit/contrast.js';

export function readHostSnapshot(form: HTMLElement, defaults: Record<string, string> = THEME_DEFAULTS): HostSnapshot {
  const parse = (value: string): Rgb | undefined => {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
    if (!m) return undefined;
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a };
  };
  const probe = document.createElement('span');
  probe.hidden = true;
  (form.parentElement ?? document.body).appendChild(probe);
  // Any CSS colour (named, hsl(), …) as the browser resolves it.
  const resolveColor = (value: string): Rgb | undefined => {
    probe.style.color = '';
    probe.style.color = value;
    return probe.style.color ? parse(getComputedStyle(probe).color) : undefined;
  };
  const style = getComputedStyle(form);
  const colors: Record<string, ThemeColor> = {};
  try {
    for (const [name, fallback] of Object.entries(defaults)) {
      const value = style.getPropertyValue(name).trim();
      colors[name] = { value, rgb: resolveColor(value || fallback) };
    }
  } finally {
    probe.remove();
  }
  // The first opaque background from the form up; the page's white when none.
  let background: Rgb = { r: 255, g: 255, b: 255, a: 1 };
  for (let el: Element | null = form; el; el = el.parentElement) {
    const bg = parse(getComputedStyle(el).backgroundColor);
    if (bg && bg.a >= 0.99) {
      background = bg;
      break;
    }
  }
  const levelOf = (heading: Element): number => {
    const aria = heading.getAttribute('aria-level');
    if (aria && /^\d+$/.test(aria)) return Number(aria);
    return Number(heading.tagName.slice(1)) || 2;
  };
  // Headings nobody sees or hears are not part of the outline: `hidden`, display:none or
  // visibility:hidden (on it or an ancestor), aria-hidden="true" on it or an ancestor.
  const perceivable = (heading: Element): boolean => {
    if (heading.closest('[hidden], [aria-hidden="true"]')) return false;
    const el = heading as HTMLElement;
    if (typeof el.checkVisibility === 'function')
      return el.checkVisibility({ checkVisibilityCSS: true, visibilityProperty: true });
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')].filter(
    (heading) => !form.contains(heading) && perceivable(heading),
  );
  let headingBefore: number | undefined;
  for (const heading of headings) {
    if (heading.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING) headingBefore = levelOf(heading);
  }
  const title = form.shadowRoot?.querySelector('[part~="title"]');
  return {
    colors,
    background,
    headingBefore,
    formHeading: title ? levelOf(title) : 2,
    pageHasH1: headings.some((heading) => levelOf(heading) === 1),
  };
}
