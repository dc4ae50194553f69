import { t } from '../../modules/i18n/ui-texts.js';
import { sameValue } from '../../schemas/data.js';
import { choiceLabel } from '../../schemas/texts.js';
import type { ChoiceNode } from '../../schemas/types.js';
import type { FieldParts } from './shell.js';
import {
  apply,
  ariaAttrs,
  attr,
  attrs,
  fieldMarkup,
  flag,
  labelled,
  labelMarkup,
  LeafField,
  markup,
  notesMarkup,
  type Attrs,
  type LeafKind,
  Markup,
} from './leaf.js';
import type { FieldView } from './view.js';

const SELECTED = new Markup(' selected');

/** The option labels in the current language. */
function optionLabels(view: FieldView): string[] {
  const node = view.node as ChoiceNode;
  return node.options.map((option) => choiceLabel(node, option, view.lang));
}

/** For each option whether it is the answer (or, for multiple choice, one of them). */
function chosen(view: FieldView): boolean[] {
  const node = view.node as ChoiceNode;
  const current = view.store.value(view.pointer);
  return node.options.map(({ value }) =>
    node.kind === 'multi'
      ? ((current as unknown[] | undefined) ?? []).some((v) => sameValue(v, value))
      : sameValue(value, current),
  );
}

/** Single choice as a select list (long lists). */
class SelectField extends LeafField {
  protected get labelEl(): HTMLElement {
    return this.root.firstElementChild as HTMLElement;
  }
  private get select(): HTMLSelectElement {
    return this.root.querySelector('select')!;
  }

  private static attrs(view: FieldView, parts: FieldParts): Attrs {
    return {
      part: 'input',
      id: parts.id,
      name: view.pointer,
      disabled: parts.readOnly,
      ...ariaAttrs(parts, 'always'),
      autocomplete: view.node.schema['x-ozg']?.autocomplete,
    };
  }

  static markup(view: FieldView, parts: FieldParts): Markup {
    const on = chosen(view);
    const options = optionLabels(view).map(
      (label, i) => markup`<option value="${i}"${on[i] && SELECTED}>${label}</option>`,
    );
    return labelled(
      view,
      parts,
      markup`<select${attrs(SelectField.attrs(view, parts))}><option value="-1">${t(view.lang, 'choose')}</option>${options}</select>`,
    );
  }

  protected notesAnchor(): Node {
    return this.select;
  }

  protected paint(parts: FieldParts): void {
    const select = this.select;
    const labels = [t(this.view.lang, 'choose'), ...optionLabels(this.view)];
    const on = chosen(this.view);
    attr(this.labelEl, 'for', parts.id);
    apply(select, SelectField.attrs(this.view, parts));
    [...select.options].forEach((option, i) => {
      if (option.textContent !== labels[i]) option.textContent = labels[i];
      if (i > 0) flag(option, 'selected', on[i - 1]);
    });
    const selected = String(on.indexOf(true));
    if (select.value !== selected) select.value = selected;
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
export class ChoicesField extends LeafField {
  private get group(): HTMLElement {
    return this.root.firstElementChild as HTMLElement;
  }
  protected get labelEl(): HTMLElement {
    return this.group.firstElementChild as HTMLElement;
  }
  private get boxes(): HTMLInputElement[] {
    return [...this.group.querySelectorAll('input')];
  }

  private static attrs(view: FieldView, parts: FieldParts): Attrs {
    const multi = view.node.kind === 'multi';
    return {
      class: 'choices',
      role: multi ? undefined : 'radiogroup',
      id: parts.id,
      ...(multi ? { 'aria-describedby': parts.describedBy } : ariaAttrs(parts, 'when-required')),
    };
  }

  /** The attributes of the box of option `i` (whether it is ticked is a property, set apart). */
  private static box(view: FieldView, parts: FieldParts, i: number): Attrs {
    return {
      type: view.node.kind === 'multi' ? 'checkbox' : 'radio',
      value: String(i),
      id: `${parts.id}-${i}`,
      name: parts.id,
      disabled: parts.readOnly,
    };
  }

  static markup(view: FieldView, parts: FieldParts): Markup {
    const on = chosen(view);
    const choices = optionLabels(view).map((label, i) => {
      const box = ChoicesField.box(view, parts, i);
      box.checked = on[i];
      return markup`<div class="choice"><input${attrs(box)}><label for="${box.id}">${label}</label></div>`;
    });
    return fieldMarkup(
      view,
      parts,
      markup`<fieldset${attrs(ChoicesField.attrs(view, parts))}><legend part="label">${labelMarkup(parts)}</legend>${notesMarkup(parts, view.lang)}${choices}</fieldset>`,
    );
  }

  protected notesAnchor(): Node {
    return this.boxes[0].parentNode!;
  }

  protected paint(parts: FieldParts): void {
    const labels = optionLabels(this.view);
    const on = chosen(this.view);
    apply(this.group, ChoicesField.attrs(this.view, parts));
    this.boxes.forEach((box, i) => {
      const label = box.nextElementSibling!;
      apply(box, ChoicesField.box(this.view, parts, i));
      attr(label, 'for', box.id);
      if (label.textContent !== labels[i]) label.textContent = labels[i];
      if (box.checked !== on[i]) box.checked = on[i];
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
export class BooleanField extends LeafField {
  private get box(): HTMLInputElement {
    return this.root.querySelector('[part=input]')!;
  }
  protected get labelEl(): HTMLElement {
    return this.box.nextElementSibling as HTMLElement;
  }

  private static attrs(view: FieldView, parts: FieldParts): Attrs {
    return {
      type: 'checkbox',
      part: 'input',
      id: parts.id,
      name: view.pointer,
      disabled: parts.readOnly,
      ...ariaAttrs(parts, 'always'),
    };
  }

  static markup(view: FieldView, parts: FieldParts): Markup {
    const box = BooleanField.attrs(view, parts);
    box.checked = view.store.value(view.pointer) === true;
    return fieldMarkup(
      view,
      parts,
      markup`${notesMarkup(parts, view.lang)}<div class="choice"><input${attrs(box)}><label part="label" for="${parts.id}">${labelMarkup(parts)}</label></div>`,
    );
  }

  protected notesAnchor(): Node {
    return this.box.parentNode!;
  }

  protected paint(parts: FieldParts): void {
    const box = this.box;
    attr(this.labelEl, 'for', parts.id);
    apply(box, BooleanField.attrs(this.view, parts));
    const checked = this.view.store.value(this.view.pointer) === true;
    if (box.checked !== checked) box.checked = checked;
  }

  protected onEvent(event: Event): void {
    if (event.type !== 'change') return;
    const { store, pointer } = this.view;
    store.setValue(pointer, this.box.checked, true);
    store.touch(pointer);
  }
}

/** Single choice: radio buttons in a fieldset, or a select list for long lists. */
export const choiceKind = (node: ChoiceNode): LeafKind => (node.widget === 'select' ? SelectField : ChoicesField);
