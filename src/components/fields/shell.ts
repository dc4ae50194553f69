import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import { text } from '../../schemas/texts.js';
import { fieldId } from './ids.js';
import type { FieldView } from './view.js';

/** Label, hint, help, error and control of one question, sharing one shadow root (GOV.UK pattern). */
export interface FieldParts {
  id: string;
  label: string;
  hint?: string;
  help?: string;
  error?: string;
  required: boolean;
  /** ids for aria-describedby (hint, error), or undefined. */
  describedBy?: string;
}

export function fieldParts(view: FieldView): FieldParts {
  const { store, node, pointer, lang } = view;
  const id = fieldId(pointer);
  const hint = text(node.schema, 'description', lang);
  const error = store.error(pointer);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    label: store.label(node),
    hint,
    help: text(node.schema, 'help', lang),
    error,
    required: store.isRequired(pointer),
    describedBy: ids || undefined,
  };
}

export function labelSuffix(view: FieldView, parts: FieldParts): TemplateResult | typeof nothing {
  return parts.required ? nothing : html` <span class="optional">${t(view.lang, 'optional')}</span>`;
}

export function hintAndError(view: FieldView, parts: FieldParts): TemplateResult {
  return html`${parts.hint ? html`<div class="hint" id="${parts.id}-hint" part="hint">${parts.hint}</div>` : nothing}${
    parts.error
      ? html`<p class="error-message" id="${parts.id}-error" part="error"><span class="visually-hidden">${t(view.lang, 'errorPrefix')}</span> ${parts.error}</p>`
      : nothing
  }`;
}

export function helpText(view: FieldView, parts: FieldParts): TemplateResult | typeof nothing {
  if (!parts.help) return nothing;
  return html`<details class="help" part="help"><summary>${t(view.lang, 'help', { name: parts.label })}</summary><div class="help-body">${parts.help}</div></details>`;
}
