import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { text } from '../../schemas/texts.js';
import { fieldParts, helpText, hintAndError, labelContent } from './shell.js';
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
  if (typeof value === 'number' && view.node.kind === 'number' && view.lang === 'de') return String(value).replace('.', ',');
  return String(value);
}

/** One-line and multi-line text, e-mail, phone, web address, date and number questions. */
export function renderTextField(view: FieldView) {
  const { store, node, pointer, lang } = view;
  const parts = fieldParts(view);
  const numeric = node.kind === 'number' || node.kind === 'integer';
  const readOnly = parts.readOnly;
  const value = displayValue(view, store.value(pointer));
  const onInput = (event: Event) => {
    const raw = (event.target as HTMLInputElement).value;
    store.setValue(pointer, numeric ? parseNumber(raw) : raw, true);
  };
  const onChange = () => store.touch(pointer);
  const autocomplete = node.schema['x-ozg']?.autocomplete ?? DEFAULT_AUTOCOMPLETE[node.kind];
  const placeholder = text(node.schema, 'placeholder', lang);
  const invalid = parts.error ? 'true' : undefined;
  const required = parts.required ? 'true' : 'false';
  const fieldClass = parts.error ? 'field has-error' : 'field';

  if (node.kind === 'textarea') {
    return html`<div class=${fieldClass} part="field"><label for=${parts.id} part="label">${labelContent(view, parts)}</label>${hintAndError(view, parts)}<textarea id=${parts.id} name=${pointer} part="input" rows="5" .value=${live(value)} ?readonly=${readOnly} aria-required=${required} aria-invalid=${ifDefined(invalid)} aria-describedby=${ifDefined(parts.describedBy)} autocomplete=${ifDefined(autocomplete)} placeholder=${ifDefined(placeholder)} maxlength=${ifDefined(node.schema.maxLength)} @input=${onInput} @change=${onChange}></textarea>${helpText(view, parts)}</div>`;
  }
  return html`<div class=${fieldClass} part="field"><label for=${parts.id} part="label">${labelContent(view, parts)}</label>${hintAndError(view, parts)}<input id=${parts.id} name=${pointer} part="input" class=${ifDefined(numeric || node.kind === 'date' ? 'short' : undefined)} type=${INPUT_TYPES[node.kind] ?? 'text'} inputmode=${ifDefined(numeric ? (node.kind === 'integer' ? 'numeric' : 'decimal') : undefined)} .value=${live(value)} ?readonly=${readOnly} aria-required=${required} aria-invalid=${ifDefined(invalid)} aria-describedby=${ifDefined(parts.describedBy)} autocomplete=${ifDefined(autocomplete)} placeholder=${ifDefined(placeholder)} spellcheck=${ifDefined(node.kind === 'text' ? undefined : 'false')} @input=${onInput} @change=${onChange} />${helpText(view, parts)}</div>`;
}
