import { text } from '../../schemas/texts.js';
import type { FieldParts } from './shell.js';
import { apply, ariaAttrs, attr, attrs, labelled, LeafField, markup, type Attrs, type Markup } from './leaf.js';
import type { FieldView } from './view.js';

const INPUT_TYPES: Record<string, string> = { email: 'email', tel: 'tel', url: 'url', date: 'date' };
const DEFAULT_AUTOCOMPLETE: Record<string, string> = { email: 'email', tel: 'tel', url: 'url' };

/** '12,5' and '12.5' -> 12.5; anything else stays text, so the validator can say what is wrong. */
export function parseNumber(raw: string): number | string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  if (/^[-+]?\d+([.,]\d+)?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return trimmed;
}

function displayValue(view: FieldView, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' && view.node.kind === 'number' && view.lang === 'de')
    return String(value).replace('.', ',');
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
    map.rows = '5';
    map.maxlength = schema.maxLength === undefined ? undefined : String(schema.maxLength);
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
    const value = displayValue(this.view, this.view.store.value(this.view.pointer));
    if (control.value !== value) control.value = value;
  }

  protected onEvent(event: Event, target: HTMLInputElement): void {
    const { store, node, pointer } = this.view;
    if (event.type === 'change') {
      store.touch(pointer);
      return;
    }
    const numeric = node.kind === 'number' || node.kind === 'integer';
    store.setValue(pointer, numeric ? parseNumber(target.value) : target.value, true);
  }
}
