import { text } from '../../schemas/texts.js';
import type { FieldParts } from './shell.js';
import { ariaState, attr, cloned, flag, h, LeafField, reuse } from './leaf.js';
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

/** One-line and multi-line text, e-mail, phone, web address, date and number questions. */
class TextField extends LeafField {
  protected readonly labelEl: HTMLElement;
  private readonly control: HTMLInputElement | HTMLTextAreaElement;

  constructor(view: FieldView) {
    const { kind } = view.node;
    super(
      view,
      cloned(`text:${kind}`, () => {
        const numeric = kind === 'number' || kind === 'integer';
        const control =
          kind === 'textarea'
            ? h('textarea', { part: 'input', rows: '5' })
            : h('input', {
                part: 'input',
                class: numeric || kind === 'date' ? 'short' : undefined,
                type: INPUT_TYPES[kind] ?? 'text',
                inputmode: numeric ? (kind === 'integer' ? 'numeric' : 'decimal') : undefined,
                spellcheck: kind === 'text' ? undefined : 'false',
              });
        return h('div', { part: 'field' }, h('label', { part: 'label' }), control);
      }),
    );
    this.labelEl = this.root.firstElementChild as HTMLElement;
    this.control = this.root.lastElementChild as HTMLInputElement | HTMLTextAreaElement;
  }

  protected notesAnchor(): Node {
    return this.control;
  }

  protected paint(parts: FieldParts): void {
    const { store, node, pointer, lang } = this.view;
    const control = this.control;
    attr(this.labelEl, 'for', parts.id);
    attr(control, 'id', parts.id);
    attr(control, 'name', pointer);
    const value = displayValue(this.view, store.value(pointer));
    if (control.value !== value) control.value = value;
    flag(control, 'readonly', parts.readOnly);
    ariaState(control, parts, 'always');
    attr(control, 'autocomplete', node.schema['x-ozg']?.autocomplete ?? DEFAULT_AUTOCOMPLETE[node.kind]);
    attr(control, 'placeholder', text(node.schema, 'placeholder', lang));
    if (node.kind === 'textarea')
      attr(control, 'maxlength', node.schema.maxLength === undefined ? undefined : String(node.schema.maxLength));
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

export function renderTextField(view: FieldView, previous?: LeafField): LeafField {
  return reuse(TextField, view, previous);
}
