import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import type { FieldParts } from './shell.js';
import type { FieldView } from './view.js';

/*
 * Label, hint, error and help of a question rendered as a Lit template (file questions). Questions
 * with one answer and groups write the same as markup (leaf.ts: labelMarkup, notesMarkup, helpMarkup).
 */

/** For questions rendered with Lit (leaf.ts builds the same as DOM): the label text, with
 * "(optional)" after it when the question may stay empty. */
export function labelContent(view: FieldView, parts: FieldParts): string | TemplateResult {
  return parts.optional ? html`${parts.label} <span class="optional">${parts.optional}</span>` : parts.label;
}

/** Hint and inline error under the label, as one part; the error begins with a visually hidden
 * "Fehler:" (GOV.UK pattern). */
export function hintAndError(view: FieldView, parts: FieldParts): TemplateResult | typeof nothing {
  const { id, hint, error } = parts;
  if (!error) return hint ? html`<div class="hint" id="${id}-hint" part="hint">${hint}</div>` : nothing;
  const prefix = t(view.lang, 'errorPrefix');
  return hint
    ? html`<div class="hint" id="${id}-hint" part="hint">${hint}</div>
        <p class="error-message" id="${id}-error" part="error">
          <span class="visually-hidden">${prefix}</span> ${error}
        </p>`
    : html`<p class="error-message" id="${id}-error" part="error">
        <span class="visually-hidden">${prefix}</span> ${error}
      </p>`;
}

export function helpText(view: FieldView, parts: FieldParts): TemplateResult | typeof nothing {
  if (!parts.help) return nothing;
  return html`<details class="help" part="help">
    <summary>${t(view.lang, 'help', { name: parts.label })}</summary>
    <div class="help-body">${parts.help}</div>
  </details>`;
}
