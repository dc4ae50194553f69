import { t } from '../../modules/i18n/ui-texts.js';
import { fieldParts, type FieldParts } from './shell.js';
import type { FieldView } from './view.js';

/*
 * Questions with one answer (text, choice, yes/no) are built with plain DOM calls instead of Lit
 * templates and updated in place. A Lit template costs a part object and often a comment marker for
 * every dynamic attribute and text; a form of 1,000 questions paid that 1,000 times (about 20 parts
 * and 10 extra nodes a question). Here a question is its elements, one object that remembers them,
 * and two event listeners on its wrapper.
 */

/** An element with attributes (undefined ones left out) and children. */
export function h(
  tag: string,
  attrs?: Record<string, string | undefined> | null,
  ...children: (Node | string)[]
): HTMLElement {
  const el = document.createElement(tag);
  if (attrs) for (const name in attrs) if (attrs[name] !== undefined) el.setAttribute(name, attrs[name]);
  if (children.length) el.append(...children);
  return el;
}

const prototypes = new Map<string, HTMLElement>();

/** A copy of the element `make` builds, built once per `key` (cloning is cheaper than building). */
export function cloned(key: string, make: () => HTMLElement): HTMLElement {
  let prototype = prototypes.get(key);
  if (!prototype) prototypes.set(key, (prototype = make()));
  return prototype.cloneNode(true) as HTMLElement;
}

/** Sets, changes or (undefined) removes an attribute; touches the DOM only when it changes. */
export function attr(el: Element, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

/** A boolean attribute (readonly, disabled, selected). */
export function flag(el: Element, name: string, on: boolean): void {
  if (el.hasAttribute(name) !== on) el.toggleAttribute(name, on);
}

/** The attributes every control of a question carries: required, invalid (only with an error on
 * display, that is after the person left the field or pressed "Weiter"), described by hint and error. */
export function ariaState(el: Element, parts: FieldParts, required: 'always' | 'when-required'): void {
  attr(el, 'aria-required', required === 'always' ? String(parts.required) : parts.required ? 'true' : undefined);
  attr(el, 'aria-invalid', parts.error ? 'true' : undefined);
  attr(el, 'aria-describedby', parts.describedBy);
}

/**
 * One question with one answer: a `div.field` holding label, hint, error, control(s) and help.
 * Subclasses build their control(s) once and set their attributes in `paint`.
 */
export abstract class LeafField {
  view: FieldView;
  readonly root: HTMLElement;
  /** The element holding the label text (label or legend). */
  protected abstract readonly labelEl: HTMLElement;
  /** What label, notes and help show now: [lang, required, label, pointer, hint, error, help]. */
  private shown: unknown[] = [];
  private notes: Node[] = [];
  private help?: Element;

  /** `root`: the wrapper, `div.field`, with the parts that never change already inside. */
  constructor(view: FieldView, root: HTMLElement = h('div', { part: 'field' })) {
    this.view = view;
    this.root = root;
    this.root.addEventListener('input', this);
    this.root.addEventListener('change', this);
  }

  /** Whether this question can show `view` by updating itself. */
  fits(view: FieldView): boolean {
    return view.node === this.view.node;
  }

  /** Brings the question up to date with the store. */
  update(view: FieldView): void {
    this.view = view;
    const parts = fieldParts(view);
    const { lang } = view;
    attr(this.root, 'class', parts.error ? 'field has-error' : 'field');
    const shown = [lang, parts.optional, parts.label, view.pointer, parts.hint, parts.error, parts.help];
    const was = this.shown;
    this.shown = shown;
    const changed = (...at: number[]) => at.some((i) => was[i] !== shown[i]);
    if (changed(0, 1, 2)) {
      if (parts.required) this.labelEl.textContent = parts.label;
      else this.labelEl.replaceChildren(`${parts.label} `, h('span', { class: 'optional' }, parts.optional ?? ''));
    }
    if (changed(0, 3, 4, 5)) {
      this.notes.forEach((node) => (node as Element).remove());
      this.notes = notes(parts, lang);
      const anchor = this.notesAnchor();
      for (const node of this.notes) anchor.parentNode!.insertBefore(node, anchor);
    }
    if (changed(0, 2, 6)) {
      this.help?.remove();
      this.help = parts.help
        ? h(
            'details',
            { class: 'help', part: 'help' },
            h('summary', null, t(lang, 'help', { name: parts.label })),
            h('div', { class: 'help-body' }, parts.help),
          )
        : undefined;
      if (this.help) this.root.append(this.help);
    }
    this.paint(parts);
  }

  /** The node before which hint and error stand. */
  protected abstract notesAnchor(): Node;

  /** Sets the attributes and values of the control(s). */
  protected abstract paint(parts: FieldParts): void;

  /** An `input` or `change` event of one of the controls. */
  protected abstract onEvent(event: Event, target: HTMLInputElement): void;

  handleEvent(event: Event): void {
    this.onEvent(event, event.target as HTMLInputElement);
  }
}

/** The question `previous` brought up to date when it can show `view`, else a new one. */
export function reuse<T extends LeafField>(kind: new (view: FieldView) => T, view: FieldView, previous?: LeafField): T {
  const field = previous instanceof kind && previous.fits(view) ? previous : new kind(view);
  field.update(view);
  return field;
}

/** Hint and inline error; the error begins with a visually hidden "Fehler:" (GOV.UK pattern). */
function notes(parts: FieldParts, lang: FieldView['lang']): Node[] {
  const { id, hint, error } = parts;
  const out: Node[] = [];
  if (hint) out.push(h('div', { class: 'hint', id: `${id}-hint`, part: 'hint' }, hint));
  if (error) {
    out.push(
      h(
        'p',
        { class: 'error-message', id: `${id}-error`, part: 'error' },
        h('span', { class: 'visually-hidden' }, t(lang, 'errorPrefix')),
        ` ${error}`,
      ),
    );
  }
  return out;
}
