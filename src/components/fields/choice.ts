import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { t } from '../../modules/i18n/ui-texts.js';
import { sameValue } from '../../schemas/data.js';
import { choiceLabel } from '../../schemas/texts.js';
import type { ChoiceNode } from '../../schemas/types.js';
import { fieldParts, helpText, hintAndError, labelContent } from './shell.js';
import type { FieldView } from './view.js';

/** Single choice: radio buttons in a fieldset, or a select list for long lists. */
export function renderChoiceField(view: FieldView) {
  const { store, pointer, lang } = view;
  const node = view.node as ChoiceNode;
  const parts = fieldParts(view);
  const current = store.value(pointer);
  const disabled = parts.readOnly;
  const invalid = parts.error ? 'true' : undefined;

  if (node.widget === 'select') {
    const selected = node.options.findIndex((o) => sameValue(o.value, current));
    const onChange = (event: Event) => {
      const index = Number((event.target as HTMLSelectElement).value);
      store.setValue(pointer, index >= 0 ? node.options[index].value : undefined, true);
      store.touch(pointer);
    };
    return html`<div class=${parts.error ? 'field has-error' : 'field'} part="field"><label for=${parts.id} part="label">${labelContent(view, parts)}</label>${hintAndError(view, parts)}<select id=${parts.id} name=${pointer} part="input" .value=${live(String(selected))} ?disabled=${disabled} aria-required=${parts.required ? 'true' : 'false'} aria-invalid=${ifDefined(invalid)} aria-describedby=${ifDefined(parts.describedBy)} autocomplete=${ifDefined(node.schema['x-ozg']?.autocomplete)} @change=${onChange}><option value="-1">${t(lang, 'choose')}</option>${node.options.map((option, i) => html`<option value=${i} ?selected=${i === selected}>${choiceLabel(node, option, lang)}</option>`)}</select>${helpText(view, parts)}</div>`;
  }

  const onChange = (event: Event) => {
    const index = Number((event.target as HTMLInputElement).value);
    store.setValue(pointer, node.options[index].value, true);
    store.touch(pointer);
  };
  return html`<div class=${parts.error ? 'field has-error' : 'field'} part="field"><fieldset id=${parts.id} class="choices" aria-describedby=${ifDefined(parts.describedBy)} aria-required=${ifDefined(parts.required ? 'true' : undefined)} aria-invalid=${ifDefined(invalid)} role="radiogroup"><legend part="label">${labelContent(view, parts)}</legend>${hintAndError(view, parts)}${node.options.map(
    (option, i) =>
      html`<div class="choice"><input type="radio" id="${parts.id}-${i}" name=${parts.id} value=${i} .checked=${live(sameValue(option.value, current))} ?disabled=${disabled} @change=${onChange} /><label for="${parts.id}-${i}">${choiceLabel(node, option, lang)}</label></div>`,
  )}</fieldset>${helpText(view, parts)}</div>`;
}

/** Multiple choice: a group of checkboxes, answers kept in the order of the options. */
export function renderMultiField(view: FieldView) {
  const { store, pointer, lang } = view;
  const node = view.node as ChoiceNode;
  const parts = fieldParts(view);
  const current = (store.value(pointer) as unknown[] | undefined) ?? [];
  const disabled = parts.readOnly;
  const onChange = (event: Event) => {
    const group = (event.target as HTMLElement).closest('fieldset')!;
    const ticked = [...group.querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
      .filter((box) => box.checked)
      .map((box) => node.options[Number(box.value)].value);
    store.setValue(pointer, ticked, true);
    store.touch(pointer);
  };
  return html`<div class=${parts.error ? 'field has-error' : 'field'} part="field"><fieldset id=${parts.id} class="choices" aria-describedby=${ifDefined(parts.describedBy)}><legend part="label">${labelContent(view, parts)}</legend>${hintAndError(view, parts)}${node.options.map(
    (option, i) =>
      html`<div class="choice"><input type="checkbox" id="${parts.id}-${i}" name=${parts.id} value=${i} .checked=${live(current.some((v) => sameValue(v, option.value)))} ?disabled=${disabled} @change=${onChange} /><label for="${parts.id}-${i}">${choiceLabel(node, option, lang)}</label></div>`,
  )}</fieldset>${helpText(view, parts)}</div>`;
}

/** A single checkbox (yes/no, or a confirmation that must be ticked). */
export function renderBooleanField(view: FieldView) {
  const { store, pointer } = view;
  const parts = fieldParts(view);
  const onChange = (event: Event) => {
    store.setValue(pointer, (event.target as HTMLInputElement).checked, true);
    store.touch(pointer);
  };
  return html`<div class=${parts.error ? 'field has-error' : 'field'} part="field">${hintAndError(view, parts)}<div class="choice"><input type="checkbox" id=${parts.id} name=${pointer} part="input" .checked=${live(store.value(pointer) === true)} ?disabled=${parts.readOnly} aria-required=${parts.required ? 'true' : 'false'} aria-invalid=${ifDefined(parts.error ? 'true' : undefined)} aria-describedby=${ifDefined(parts.describedBy)} @change=${onChange} /><label for=${parts.id} part="label">${labelContent(view, parts)}</label></div>${helpText(view, parts)}</div>`;
}
