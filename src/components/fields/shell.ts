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
  /** After the label of a question that may stay empty: "(optional)", or "(mindestens eine Angabe)"
   * for one of several of which one must be answered. */
  optional?: string;
  /** Read-only: by the definition, or taken from the person's user account at a verified level. */
  readOnly: boolean;
  /** ids for aria-describedby (hint, error), or undefined. */
  describedBy?: string;
}

export function fieldParts(view: FieldView): FieldParts {
  const { store, node, pointer, lang } = view;
  const id = fieldId(pointer);
  const prefilled = store.isPrefilled(pointer) === 'readonly';
  const own = text(node.schema, 'description', lang);
  const hint = prefilled ? [t(lang, 'prefillNote'), own].filter(Boolean).join('. ') : own;
  const error = store.error(pointer);
  const required = store.isRequired(pointer);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    label: store.label(node, pointer),
    hint,
    help: text(node.schema, 'help', lang),
    error,
    required,
    optional: required ? undefined : t(lang, store.inAtLeastOne(pointer) ? 'atLeastOne' : 'optional'),
    readOnly: node.schema.readOnly === true || prefilled,
    describedBy: ids || undefined,
  };
}

/*
 * Groups (fieldsets) are Lit templates, written without white space between tags and with as few
 * `${}` parts as possible: every part costs a marker node. Questions with one answer are plain DOM
 * (leaf.ts).
 */

/** For questions rendered with Lit (leaf.ts builds the same as DOM): the label text, with
 * "(optional)" after it when the question may stay empty. */
export function labelContent(view: FieldView, parts: FieldParts): string | TemplateResult {
  return parts.required ? parts.label : html`${parts.label} <span class="optional">${parts.optional}</span>`;
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
