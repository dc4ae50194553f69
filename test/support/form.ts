import { fixtureCleanup } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgForm } from '../../src/index.js';
import '../../src/index.js';

export interface RenderOptions {
  src?: string;
  data?: Record<string, unknown>;
  lang?: string;
  /** Keep drafts from earlier tests out: each form gets a unique $id unless false. */
  isolate?: boolean;
  /** Called once the element is on the page, before its first render (a microtask later). */
  connected?: (el: OzgForm) => void;
}

// Assert the presence of an element as a boolean (`=== null`), never `expect(element).to.equal(null)`:
// a failing assertion that carries an element makes the runner serialise the page and the run hangs
// until its 300 s limit instead of failing with a message.

let counter = 0;

/** Creates an <ozg-form>, waits until it is ready (or failed), and returns it. */
export async function renderForm(schema: object | undefined, options: RenderOptions = {}): Promise<OzgForm> {
  const el = document.createElement('ozg-form') as OzgForm;
  if (options.lang) el.setAttribute('lang', options.lang);
  if (options.data) el.data = options.data;
  const settled = new Promise<void>((resolve) => {
    el.addEventListener('ozg-ready', () => resolve(), { once: true });
    el.addEventListener('ozg-error', () => resolve(), { once: true });
  });
  if (schema) {
    const isolated = options.isolate === false ? schema : { ...schema, $id: `urn:test:${Date.now()}:${counter++}` };
    el.schema = isolated as OzgForm['schema'];
  }
  if (options.src) el.src = options.src;
  const wrapper = document.createElement('div');
  wrapper.appendChild(el);
  document.body.appendChild(wrapper);
  cleanup.push(wrapper);
  options.connected?.(el);
  await settled;
  await el.updateComplete;
  if (el.shadowRoot!.querySelector('form')) {
    await el.whenValidating();
    await el.updateComplete;
  }
  return el;
}

const cleanup: HTMLElement[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!.remove();
  fixtureCleanup();
});

export function root(el: OzgForm): ShadowRoot {
  return el.shadowRoot!;
}

export function $(el: OzgForm, selector: string): HTMLElement {
  const found = el.shadowRoot!.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
}

export function $$(el: OzgForm, selector: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

/** The input/select/textarea whose label (or legend) reads `label`. */
export function control(el: OzgForm, label: string): HTMLInputElement {
  for (const lbl of $$(el, 'label')) {
    const text = lbl.textContent!.replace(/\s+/g, ' ').trim();
    if (text === label || text.startsWith(`${label} (`)) {
      const id = lbl.getAttribute('for')!;
      return el.shadowRoot!.getElementById(id) as HTMLInputElement;
    }
  }
  throw new Error(`No control labelled "${label}"`);
}

/** Whether the form shows a control labelled `label` (see `control`). */
export function hasControl(el: OzgForm, label: string): boolean {
  try {
    control(el, label);
    return true;
  } catch {
    return false;
  }
}

export async function settle(el: OzgForm): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await el.updateComplete;
}

/** Types `text` into a control with real key presses and waits for the form. `replace`: selects what
 * the control holds first, and leaves the control afterwards (as a person moving on would). */
export async function typeInto(el: OzgForm, input: HTMLElement, text: string, { replace = false } = {}): Promise<void> {
  input.focus();
  if (replace) (input as HTMLInputElement).select();
  await sendKeys({ type: text });
  input.dispatchEvent(new Event('change'));
  if (replace) input.blur();
  await settle(el);
}

/** Clicks the primary button of the step ("Weiter", or on the review page "Antrag absenden" / "Weiter zur Bezahlung" / "Angaben bestätigen"). */
export async function next(el: OzgForm): Promise<void> {
  $(el, 'button.primary').click();
  await settle(el);
}

/** Polls `check` every frame until it returns something truthy (a poll, not a fixed sleep); fails
 * with `what` after `timeout` ms. */
export async function until<T>(check: () => T | Promise<T>, what: string, timeout = 5000): Promise<NonNullable<T>> {
  const end = performance.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}
