import { text } from '../../schemas/texts.js';
import type { Lang } from '../../schemas/types.js';
import type { FieldParts } from './shell.js';
import { apply, ariaAttrs, attr, attrs, labelled, LeafField, markup, type Attrs, type Markup } from './leaf.js';
import type { FieldView } from './view.js';

const INPUT_TYPES: Record<string, string> = { email: 'email', tel: 'tel', url: 'url', date: 'date' };
const DEFAULT_AUTOCOMPLETE: Record<string, string> = { email: 'email', tel: 'tel', url: 'url' };

/** Thousands grouped as each language writes them (the first group does not begin with 0), with an
 * optional decimal part: German "1.000,5", English "1,000.5". */
const GROUPED: Record<Lang, RegExp> = {
  de: /^[-+]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$/,
  en: /^[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/,
};
/** Digits with at most one separator, point or comma, that groups nothing: a decimal separator. */
const PLAIN = /^([-+]?\d+)(?:[.,](\d+))?$/;

/**
 * A number as typed in the language of the form. Thousands grouped as the language writes them are
 * read as such: German "1.000,5" and English "1,000.5" -> 1000.5 (German "1.000" was stored as 1). A
 * single point or comma that cannot group thousands is the decimal separator, whichever it is: German
 * "12,5" and "12.5", as a phone keyboard of another region types it. Anything else ("1.2.3", "1,000.5"
 * on a German page) stays text, so the validator says it is not a number: the form does not guess.
 */
export function parseNumber(raw: string, lang: Lang): number | string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  if (GROUPED[lang].test(trimmed)) {
    const [group, decimal] = lang === 'de' ? ['.', ','] : [',', '.'];
    return Number(trimmed.replaceAll(group, '').replace(decimal, '.'));
  }
  const plain = PLAIN.exec(trimmed);
  if (!plain) return trimmed;
  return Number(plain[2] === undefined ? plain[1] : `${plain[1]}.${plain[2]}`);
}

function displayValue(view: FieldView, value: unknown): string {
  if (value === undefined || value === null) return '';
  // Without grouping, so it reads back as the same number (parseNumber).
  if (typeof value === 'number' && view.lang === 'de') return String(value).replace('.', ',');
  return String(value);
}

/** The attributes of the control (its value is a property, set apart). */
function controlAttrs(view: FieldView, parts: FieldParts): Attrs {
  const { kind, schema } = view.node;
  const numeric = kind === 'number' || kind === 'integer';
  const map: Attrs = {
    part: 'input',
    id: parts.id,
    name: view.pointer,
    readonly: parts.readOnly,
    ...ariaAttrs(parts, 'always'),
    autocomplete: schema['x-ozg']?.autocomplete ?? DEFAULT_AUTOCOMPLETE[kind],
    placeholder: text(schema, 'placeholder', view.lang),
  };
  if (kind === 'textarea') {
    // No maxlength: it counts UTF-16 units (an emoji is two, so fewer than maxLength characters fit) and
    // cuts a pasted text off without a word. The maxLength message says how much is allowed.
    map.rows = '5';
  } else {
    map.class = numeric || kind === 'date' ? 'short' : undefined;
    map.type = INPUT_TYPES[kind] ?? 'text';
    map.inputmode = numeric ? (kind === 'integer' ? 'numeric' : 'decimal') : undefined;
    map.spellcheck = kind === 'text' ? undefined : 'false';
  }
  return map;
}

/** One-line and multi-line text, e-mail, phone, web address, date and number questions. */
export class TextField extends LeafField {
  protected get labelEl(): HTMLElement {
    return this.root.firstElementChild as HTMLElement;
  }
  private get control(): HTMLInputElement | HTMLTextAreaElement {
    return this.root.querySelector('[part=input]')!;
  }

  static markup(view: FieldView, parts: FieldParts): Markup {
    const map = controlAttrs(view, parts);
    const value = displayValue(view, view.store.value(view.pointer));
    // The parser drops one newline right after <textarea>: the written one, not the answer's.
    const control =
      view.node.kind === 'textarea'
        ? markup`<textarea${attrs(map)}>\n${value}</textarea>`
        : markup`<input${attrs(map)}${value && markup` value="${value}"`}>`;
    return labelled(view, parts, control);
  }

  protected notesAnchor(): Node {
    return this.control;
  }

  protected paint(parts: FieldParts): void {
    const control = this.control;
    attr(this.labelEl, 'for', parts.id);
    apply(control, controlAttrs(this.view, parts));
    const answer = this.view.store.value(this.view.pointer);
    const value = displayValue(this.view, answer);
    // A number keeps the way the person wrote it ("1.000,5"), as long as it says the same number.
    const same = typeof answer === 'number' && parseNumber(control.value, this.view.lang) === answer;
    if (control.value !== value && !same) control.value = value;
  }

  protected onEvent(event: Event, target: HTMLInputElement): void {
    const { store, node, pointer } = this.view;
    if (event.type === 'change') {
      // Spaces before or after a one-line answer ("12345 " from a copied postcode) are no part of it.
      const value = store.value(pointer);
      if (node.kind !== 'textarea' && typeof value === 'string' && value !== value.trim())
        store.setValue(pointer, value.trim() || undefined);
      store.touch(pointer);
      return;
    }
    const numeric = node.kind === 'number' || node.kind === 'integer';
    store.setValue(pointer, numeric ? parseNumber(target.value, this.view.lang) : target.value, true);
  }
}
