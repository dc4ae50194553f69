import { t } from '../../modules/i18n/ui-texts.js';
import { ozgPolicy } from '../../modules/trusted-types.js';
import { fieldParts, type FieldParts } from './shell.js';
import type { FieldView } from './view.js';

/*
 * Questions with one answer (text, choice, yes/no) are plain DOM, not Lit templates. A new question
 * is written as HTML text by `markup` (every value escaped) and parsed by the browser, the questions
 * of a step or group in one go (questions.ts); a form of 1,000 questions makes no DOM call per
 * attribute. After that a question is its elements and one object that remembers them, and it updates
 * them in place (`paint`) when its answer, error or language changes.
 */

/** HTML text whose values are escaped: made by `markup` and `attrs`, or a constant written here. */
export class Markup {
  constructor(readonly html: string) {}
}

function escape(value: unknown): string {
  const text = String(value);
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) : text;
}

function piece(value: unknown): string {
  if (value instanceof Markup) return value.html;
  if (Array.isArray(value)) return value.map(piece).join('');
  return value === undefined || value === null || value === false ? '' : escape(value);
}

/** A tagged template for HTML: every value is escaped as text, except `Markup` (and lists of it);
 * undefined, null and false leave nothing. */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let html = strings[0];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    html += (typeof value === 'string' ? escape(value) : piece(value)) + strings[i + 1];
  }
  return new Markup(html);
}

/** Attributes, each escaped: `true` writes a boolean attribute, undefined and false leave it out. */
export function attrs(map: Attrs): Markup {
  let html = '';
  for (const name of Object.keys(map)) {
    const value = map[name];
    if (value === true) html += ` ${name}`;
    else if (value !== undefined && value !== false) html += ` ${name}="${escape(value)}"`;
  }
  return new Markup(html);
}

/** The nodes `markup` describes (parsed inert, in a template: nothing in it runs). On a page that
 * enforces Trusted Types the text goes through the policy "ozg-form" (the page allows it, as it allows
 * Lit's "lit-html"); only markup, every value escaped, ever reaches it. */
export function parse(content: Markup): DocumentFragment {
  if (!content.html) return document.createDocumentFragment();
  const policy = ozgPolicy();
  const template = document.createElement('template');
  template.innerHTML = policy ? policy.createHTML(content.html) : content.html;
  return template.content;
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

/** Attributes by name: `true`/`false` a boolean attribute, undefined none. */
export type Attrs = Record<string, string | boolean | undefined>;

/** Brings the attributes of `el` to what `attrs(map)` writes, touching only those that differ. */
export function apply(el: Element, map: Attrs): void {
  for (const name of Object.keys(map)) {
    const value = map[name];
    if (typeof value === 'boolean') flag(el, name, value);
    else attr(el, name, value);
  }
}

/** The attributes every control of a question carries: required, invalid (only with an error on
 * display, that is after the person left the field or pressed "Weiter"), described by hint and error. */
export const ariaAttrs = (parts: FieldParts, required: 'always' | 'when-required'): Attrs => ({
  'aria-required': required === 'always' ? String(parts.required) : parts.required ? 'true' : undefined,
  'aria-invalid': parts.error ? 'true' : undefined,
  'aria-describedby': parts.describedBy,
});

const EMPTY = new Markup('');

/** The label text, with "(optional)" after it when the question may stay empty (not a checkbox). */
export const labelMarkup = (parts: FieldParts): Markup =>
  parts.optional ? markup`${parts.label} <span class="optional">${parts.optional}</span>` : markup`${parts.label}`;

/** Hint and inline error; the error begins with a visually hidden "Fehler:" (GOV.UK pattern). */
export const notesMarkup = ({ id, hint, error }: FieldParts, lang: FieldView['lang']): Markup =>
  hint || error
    ? markup`${hint && markup`<div class="hint" id="${id}-hint" part="hint">${hint}</div>`}${
        error &&
        markup`<p class="error-message" id="${id}-error" part="error"><span class="visually-hidden">${t(lang, 'errorPrefix')}</span> ${error}</p>`
      }`
    : EMPTY;

/** Replaces the hint and error standing directly in `parent` with those of `parts`, before `before`
 * (a question's control, or a group's first question). */
export function renewNotes(
  parent: Element,
  before: Node | null | undefined,
  parts: FieldParts,
  lang: FieldView['lang'],
): void {
  for (const note of parent.querySelectorAll(':scope > .hint, :scope > .error-message')) note.remove();
  parent.insertBefore(parse(notesMarkup(parts, lang)), before ?? null);
}

const helpMarkup = (parts: FieldParts, lang: FieldView['lang']): Markup =>
  parts.help
    ? markup`<details class="help" part="help"><summary>${t(lang, 'help', { name: parts.label })}</summary><div class="help-body">${parts.help}</div></details>`
    : EMPTY;

/** The wrapper of a question, `div.field`, around `inner`, with its help text at the end. */
export const fieldMarkup = (view: FieldView, parts: FieldParts, inner: Markup): Markup =>
  markup`<div part="field" class="${parts.error ? 'field has-error' : 'field'}">${inner}${helpMarkup(parts, view.lang)}</div>`;

/** A question with a `<label>`: label, hint and error, then `control`. The label names the control
 * by `forId`, the question's id (`false`: there is no control yet for it to name). */
export const labelled = (
  view: FieldView,
  parts: FieldParts,
  control: Markup,
  forId: string | false = parts.id,
): Markup =>
  fieldMarkup(
    view,
    parts,
    markup`<label part="label"${attrs({ for: forId })}>${labelMarkup(parts)}</label>${notesMarkup(parts, view.lang)}${control}`,
  );

/** What label, notes and help show: [lang, required, label, pointer, hint, error, help]. */
const shownOf = (view: FieldView, parts: FieldParts): unknown[] => [
  view.lang,
  parts.optional,
  parts.label,
  view.pointer,
  parts.hint,
  parts.error,
  parts.help,
];

/**
 * One question with one answer: a `div.field` holding label, hint, error, control(s) and help.
 * Built from `markup` (then `parts` says what it shows) or by the subclass (then the first `update`
 * fills it in); `paint` brings the attributes of the control(s) up to date.
 */
export abstract class LeafField {
  view: FieldView;
  readonly root: HTMLElement;
  /** The element holding the label text (label or legend). */
  protected abstract get labelEl(): HTMLElement;
  /** What label, notes and help show now (shownOf). */
  private shown: unknown[];

  constructor(view: FieldView, root: HTMLElement, parts?: FieldParts) {
    this.view = view;
    this.root = root;
    this.shown = parts ? shownOf(view, parts) : [];
    root.addEventListener('input', this);
    root.addEventListener('change', this);
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
    const shown = shownOf(view, parts);
    const was = this.shown;
    this.shown = shown;
    const changed = (...at: number[]) => at.some((i) => was[i] !== shown[i]);
    if (changed(0, 1, 2)) this.labelEl.replaceChildren(parse(labelMarkup(parts)));
    if (changed(0, 3, 4, 5)) {
      const anchor = this.notesAnchor();
      renewNotes(anchor.parentNode as Element, anchor, parts, lang);
    }
    if (changed(0, 2, 6)) {
      this.root.querySelector(':scope > .help')?.remove();
      this.root.append(parse(helpMarkup(parts, lang)));
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

/** A kind of question built from markup: its class, and the markup of a new one. */
export interface LeafKind {
  new (view: FieldView, root: HTMLElement, parts: FieldParts): LeafField;
  markup(view: FieldView, parts: FieldParts): Markup;
}

/** The question `previous` brought up to date when it can show `view`, else a new one. */
export function reuse(kind: LeafKind, view: FieldView, previous?: LeafField): LeafField {
  if (previous instanceof kind && previous.fits(view)) {
    previous.update(view);
    return previous;
  }
  const parts = fieldParts(view);
  return new kind(view, parse(kind.markup(view, parts)).firstElementChild as HTMLElement, parts);
}
