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
  let hint = prefilled ? [t(lang, 'prefillNote'), own].filter(Boolean).join('. ') : own;
  // A long text says its limit before it is reached (WCAG 3.3.2), not only as an error afterwards.
  const max = node.kind === 'textarea' ? node.schema.maxLength : undefined;
  if (typeof max === 'number') {
    const limit = t(lang, 'maxChars', { max: max.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB') });
    hint = hint ? `${hint}${/[.!?]$/.test(hint) ? '' : '.'} ${limit}` : limit;
  }
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
    // A single checkbox is not marked "(optional)": left alone, it answers "no".
    optional:
      required || (node.kind === 'boolean' && !store.inAtLeastOne(pointer))
        ? undefined
        : t(lang, store.inAtLeastOne(pointer) ? 'atLeastOne' : 'optional'),
    readOnly: node.schema.readOnly === true || prefilled,
    describedBy: ids || undefined,
  };
}
