/** Where a form's submission (ciphertext and ids, never answers) is kept while sending and after. */
export const SUBMISSION_RECORD_PREFIX = 'ozg-form:submission:';

/** Whether a submission of this form is under way or was sent from this browser; a few bytes, so
 * the form can load the submission code only when it is needed. */
export function hasSubmissionRecord(formId: string): boolean {
  try {
    return localStorage.getItem(SUBMISSION_RECORD_PREFIX + formId) !== null;
  } catch {
    return false;
  }
}
