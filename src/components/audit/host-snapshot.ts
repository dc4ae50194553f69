/** Reads what the host page configured around a form: resolved theme colours, background, headings. */
import { parseColor, type Rgb } from '../../modules/audit/contrast.js';
import { THEME_DEFAULTS, type HostSnapshot, type ThemeColor } from '../../modules/audit/hints.js';

const WHITE: Rgb = { r: 255, g: 255, b: 255, a: 1 };

/** Any CSS colour (named, hsl(), var-free) as the browser resolves it. */
function resolveColor(value: string, probe: HTMLElement): Rgb | undefined {
  probe.style.color = '';
  probe.style.color = value;
  if (!probe.style.color) return undefined;
  return parseColor(getComputedStyle(probe).color);
}

/** The first opaque background colour from the element up (the page's white when none). */
function backgroundBehind(element: Element): Rgb {
  for (let el: Element | null = element; el; el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null)) {
    const bg = parseColor(getComputedStyle(el).backgroundColor);
    if (bg && bg.a >= 0.99) return bg;
  }
  return WHITE;
}

function levelOf(heading: Element): number {
  const aria = heading.getAttribute('aria-level');
  if (aria && /^\d+$/.test(aria)) return Number(aria);
  return Number(heading.tagName.slice(1)) || 2;
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

export function readHostSnapshot(form: HTMLElement): HostSnapshot {
  const probe = document.createElement('span');
  probe.hidden = true;
  form.parentElement?.appendChild(probe) ?? document.body.appendChild(probe);
  const style = getComputedStyle(form);
  const colors: Record<string, ThemeColor> = {};
  try {
    for (const [name, fallback] of Object.entries(THEME_DEFAULTS)) {
      const value = style.getPropertyValue(name).trim();
      colors[name] = { value, rgb: resolveColor(value || fallback, probe) };
    }
  } finally {
    probe.remove();
  }
  let headingBefore: number | undefined;
  for (const heading of document.querySelectorAll(HEADINGS)) {
    if (form.contains(heading)) continue;
    // eslint-disable-next-line no-bitwise
    if (heading.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING) headingBefore = levelOf(heading);
  }
  const title = form.shadowRoot?.querySelector('[part~="title"]');
  return {
    colors,
    background: backgroundBehind(form),
    headingBefore,
    formHeading: title ? levelOf(title) : 2,
    pageHasH1: !!document.querySelector('h1, [role="heading"][aria-level="1"]'),
  };
}
