import { t } from '../../modules/i18n/ui-texts.js';
import { sameValue } from '../../schemas/data.js';
import { choiceLabel } from '../../schemas/texts.js';
import type { ChoiceNode } from '../../schemas/types.js';
import type { FieldParts } from './shell.js';
import { ariaState, attr, cloned, flag, h, LeafField, reuse } from './leaf.js';
import type { FieldView } from './view.js';

/** Single choice as a select list (long lists). */
class SelectField extends LeafField {
  protected readonly labelEl = h('label', { part: 'label' });
  private readonly select = h('select', { part: 'input' }) as HTMLSelectElement;
  private readonly options: HTMLOptionElement[];

  constructor(view: FieldView) {
    super(view);
    const node = view.node as ChoiceNode;
    this.options = [
      h('option', { value: '-1' }) as HTMLOptionElement,
      ...node.options.map((_, i) => h('option', { value: String(i) }) as HTMLOptionElement),
    ];
    this.select.append(...this.options);
    this.root.append(this.labelEl, this.select);
  }

  protected notesAnchor(): Node {
    return this.select;
  }

  protected paint(parts: FieldParts): void {
    const { store, pointer, lang } = this.view;
    const node = this.view.node as ChoiceNode;
    const current = store.value(pointer);
    const selected = node.options.findIndex((o) => sameValue(o.value, current));
    attr(this.labelEl, 'for', parts.id);
    attr(this.select, 'id', parts.id);
    attr(this.select, 'name', pointer);
    this.options.forEach((option, i) => {
      const label = i === 0 ? t(lang, 'choose') : choiceLabel(node, node.options[i - 1], lang);
      if (option.textContent !== label) option.textContent = label;
      if (i > 0) flag(option, 'selected', i - 1 === selected);
    });
    if (this.select.value !== String(selected)) this.select.value = String(selected);
    flag(this.select, 'disabled', parts.readOnly);
    ariaState(this.select, parts, 'always');
    attr(this.select, 'autocomplete', node.schema['x-ozg']?.autocomplete);
  }

  protected onEvent(event: Event): void {
    if (event.type !== 'change') return;
    const { store, pointer } = this.view;
    const node = this.view.node as ChoiceNode;
    const index = Number(this.select.value);
    store.setValue(pointer, index >= 0 ? node.options[index].value : undefined, true);
    store.touch(pointer);
  }
}

/** Radio buttons (single choice) or checkboxes (multiple choice) in a fieldset. */
class ChoicesField extends LeafField {
  protected readonly labelEl = h('legend', { part: 'label' });
  private readonly group = h('fieldset', { class: 'choices' });
  private readonly boxes: HTMLInputElement[];
  private readonly labels: HTMLLabelElement[];

  constructor(view: FieldView) {
    super(view);
    const node = view.node as ChoiceNode;
    const type = node.kind === 'multi' ? 'checkbox' : 'radio';
    if (type === 'radio') this.group.setAttribute('role', 'radiogroup');
    this.boxes = node.options.map((_, i) => h('input', { type, value: String(i) }) as HTMLInputElement);
    this.labels = node.options.map(() => h('label') as HTMLLabelElement);
    this.group.append(this.labelEl, ...this.boxes.map((box, i) => h('div', { class: 'choice' }, box, this.labels[i])));
    this.root.append(this.group);
  }

  protected notesAnchor(): Node {
    return this.boxes[0].parentNode!;
  }

  protected paint(parts: FieldParts): void {
    const { store, pointer, lang } = this.view;
    const node = this.view.node as ChoiceNode;
    const current = store.value(pointer);
    const multi = node.kind === 'multi';
    attr(this.group, 'id', parts.id);
    attr(this.group, 'aria-describedby', parts.describedBy);
    if (!multi) {
      attr(this.group, 'aria-required', parts.required ? 'true' : undefined);
      attr(this.group, 'aria-invalid', parts.error ? 'true' : undefined);
    }
    this.boxes.forEach((box, i) => {
      const option = node.options[i];
      const id = `${parts.id}-${i}`;
      attr(box, 'id', id);
      attr(box, 'name', parts.id);
      attr(this.labels[i], 'for', id);
      const label = choiceLabel(node, option, lang);
      if (this.labels[i].textContent !== label) this.labels[i].textContent = label;
      const checked = multi
        ? ((current as unknown[] | undefined) ?? []).some((v) => sameValue(v, option.value))
        : sameValue(option.value, current);
      if (box.checked !== checked) box.checked = checked;
      flag(box, 'disabled', parts.readOnly);
    });
  }

  protected onEvent(event: Event, target: HTMLInputElement): void {
    if (event.type !== 'change') return;
    const { store, pointer } = this.view;
    const node = this.view.node as ChoiceNode;
    if (node.kind === 'multi') {
      const ticked = this.boxes.filter((box) => box.checked).map((box) => node.options[Number(box.value)].value);
      store.setValue(pointer, ticked, true);
    } else {
      store.setValue(pointer, node.options[Number(target.value)].value, true);
    }
    store.touch(pointer);
  }
}

/** A single checkbox (yes/no, or a confirmation that must be ticked). */
class BooleanField extends LeafField {
  protected readonly labelEl: HTMLElement;
  private readonly box: HTMLInputElement;
  private readonly wrap: HTMLElement;

  constructor(view: FieldView) {
    super(
      view,
      cloned('boolean', () =>
        h(
          'div',
          { part: 'field' },
          h('div', { class: 'choice' }, h('input', { type: 'checkbox', part: 'input' }), h('label', { part: 'label' })),
        ),
      ),
    );
    this.wrap = this.root.firstElementChild as HTMLElement;
    this.box = this.wrap.firstElementChild as HTMLInputElement;
    this.labelEl = this.wrap.lastElementChild as HTMLElement;
  }

  protected notesAnchor(): Node {
    return this.wrap;
  }

  protected paint(parts: FieldParts): void {
    const { store, pointer } = this.view;
    attr(this.box, 'id', parts.id);
    attr(this.box, 'name', pointer);
    attr(this.labelEl, 'for', parts.id);
    const checked = store.value(pointer) === true;
    if (this.box.checked !== checked) this.box.checked = checked;
    flag(this.box, 'disabled', parts.readOnly);
    ariaState(this.box, parts, 'always');
  }

  protected onEvent(event: Event): void {
    if (event.type !== 'change') return;
    const { store, pointer } = this.view;
    store.setValue(pointer, this.box.checked, true);
    store.touch(pointer);
  }
}

/** Single choice: radio buttons in a fieldset, or a select list for long lists. */
export function renderChoiceField(view: FieldView, previous?: LeafField): LeafField {
  return (view.node as ChoiceNode).widget === 'select'
    ? reuse(SelectField, view, previous)
    : reuse(ChoicesField, view, previous);
}

/** Multiple choice: a group of checkboxes, answers kept in the order of the options. */
export function renderMultiField(view: FieldView, previous?: LeafField): LeafField {
  return reuse(ChoicesField, view, previous);
}

export function renderBooleanField(view: FieldView, previous?: LeafField): LeafField {
  return reuse(BooleanField, view, previous);
}
