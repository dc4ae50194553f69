/**
 * What a server applies exactly as the form does, for servers that import the widget package
 * (`import { computeFees, FormValidator, ajvEngine } from 'ozg-form/rules'`): fees, validation of the
 * answers with Ajv (fine on a server, never loaded by a page), the mapping of an account's claims, the
 * receiver schema a Fachverfahren validates with, the receiver's check of a decrypted application
 * against its form and its payment, and the answers as the applicant saw them.
 * Pure code: no DOM, no I/O.
 * @module
 */
import { answerRows, type AnswerRow } from './schemas/answer-rows.js';
import { describeError } from './schemas/messages.js';
import { buildModel } from './schemas/model.js';
import { FormStore } from './schemas/store.js';
import { text } from './schemas/texts.js';
import type { JsonSchema, Lang } from './schemas/types.js';
import { FormValidator } from './schemas/validator.js';
import { answerWords } from './modules/i18n/ui-texts.js';

export { computeFees, formatAmount, type FeeLine } from './schemas/fees.js';
export { ajvEngine } from './schemas/ajv.js';
export { FormValidator, type ValidationEngine } from './schemas/validator.js';
export { validatorAsOf } from './schemas/date-tolerance.js';
export { receiverSchema } from './schemas/receiver-schema.js';
export {
  checkApplication,
  type ApplicationCheck,
  type ApplicationCheckCode,
  type ReceivedApplication,
} from './schemas/receiver-check.js';
export type { AnswerRow } from './schemas/answer-rows.js';
export type { JsonSchema, Lang } from './schemas/types.js';
export { DEFAULT_CLAIM_MAP, levelFromAcr, mapClaims, type ClaimMap } from './modules/account/claims.js';

/**
 * The answers as the review page and the receipt show them: question titles, option labels, dates in
 * the language's notation, one row per entry of a repeatable group; questions hidden by a condition
 * are left out (the interpreting validator decides, as in the browser).
 */
export function answerRowsAsShown(definition: JsonSchema, formId: string, data: object, lang: Lang): AnswerRow[] {
  const model = buildModel(definition, formId);
  const store = new FormStore(model, data as Record<string, unknown>);
  store.lang = lang;
  store.attachValidation({ validator: new FormValidator(definition), describe: describeError });
  return answerRows(
    store,
    model.steps,
    lang,
    answerWords(lang),
    (step, index) => text(step.texts, 'title', lang) ?? `${index + 1}`,
  );
}
