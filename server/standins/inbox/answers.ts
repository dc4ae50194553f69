import { answerRowsAsShown, type AnswerRow, type Lang } from 'ozg-form/rules';
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
export function formOf(
  forms: PublishedForms,
  db: Db,
  submissionId: string,
  schemaUri: unknown,
): PublishedForm | undefined {
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
    rows: {
      de: answerRowsAsShown(definition, form.formId, data, 'de'),
      en: answerRowsAsShown(definition, form.formId, data, 'en'),
    },
  };
}
