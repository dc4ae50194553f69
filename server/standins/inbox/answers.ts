import { answerRows, type AnswerRow } from '../../../src/schemas/answer-rows.js';
import { describeError } from '../../../src/schemas/messages.js';
import { buildModel } from '../../../src/schemas/model.js';
import { FormStore } from '../../../src/schemas/store.js';
import { text } from '../../../src/schemas/texts.js';
import type { JsonSchema, Lang } from '../../../src/schemas/types.js';
import { FormValidator } from '../../../src/schemas/validator.js';
import { formatIsoDate, t } from '../../../src/modules/i18n/ui-texts.js';
import type { Db } from '../../db.js';
import { PublishedForms, type PublishedForm } from '../../gateway/published-forms.js';

/** What the inbox shows of the answers: rows as the applicant saw them, from the form they filled in. */
export interface AnswersView {
  formId: string;
  version: number;
  /** In German and in English (the inbox switches languages without asking again). */
  rows: Record<Lang, AnswerRow[]>;
}

/**
 * The published version the application was filled in: the one the gateway recorded at create, else
 * the one its schemaUri names (…/forms/<name>/<version>/schema.json). A receiver outside this process
 * would load that URL; the stand-in reads the gateway's table.
 */
function formOf(forms: PublishedForms, db: Db, submissionId: string, schemaUri: unknown): PublishedForm | undefined {
  const gw = db
    .prepare<{ form_id: string | null; form_version: number | null }>(
      'SELECT form_id, form_version FROM gw_submissions WHERE submission_id = ?',
    )
    .get(submissionId);
  if (gw?.form_id && gw.form_version) return forms.version(gw.form_id, gw.form_version);
  if (typeof schemaUri !== 'string') return undefined;
  const m = /\/forms\/([A-Za-z0-9][A-Za-z0-9._-]{0,99})\/([1-9][0-9]{0,8})\/schema\.json$/.exec(schemaUri);
  return m ? forms.byName(m[1]!, Number(m[2])) : forms.latest(schemaUri);
}

export function answersView(db: Db, submissionId: string, schemaUri: unknown, data: unknown): AnswersView | undefined {
  const forms = new PublishedForms(db);
  const form = formOf(forms, db, submissionId, schemaUri);
  if (!form || data === null || typeof data !== 'object') return undefined;
  const definition = forms.definition(form);
  return {
    formId: form.formId,
    version: form.version,
    rows: { de: rowsIn(definition, form.formId, data, 'de'), en: rowsIn(definition, form.formId, data, 'en') },
  };
}

function rowsIn(definition: JsonSchema, formId: string, data: object, lang: Lang): AnswerRow[] {
  const model = buildModel(definition, formId);
  const store = new FormStore(model, data as Record<string, unknown>);
  store.lang = lang;
  // The interpreter (no code generation) decides which conditional questions were shown.
  store.attachValidation({ validator: new FormValidator(definition), describe: describeError });
  return answerRows(
    store,
    model.steps,
    lang,
    {
      yes: t(lang, 'yes'),
      no: t(lang, 'no'),
      notAnswered: t(lang, 'notAnswered'),
      date: (iso) => formatIsoDate(lang, iso),
    },
    (step, index) => text(step.texts, 'title', lang) ?? `${index + 1}`,
  );
}
