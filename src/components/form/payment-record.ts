/** Where a form's payment (the application's payment key, never answers or amounts) is kept. */
export const PAYMENT_RECORD_PREFIX = 'ozg-form:payment:';

/** Whether this browser sent the person to the payment provider for this form and awaits the
 * outcome; a few bytes, so the form loads the payment code at once only when it is needed. */
export function awaitsPayment(formId: string): boolean {
  try {
    return /"redirected":true/.test(localStorage.getItem(PAYMENT_RECORD_PREFIX + formId) ?? '');
  } catch {
    return false;
  }
}

/** The application was sent: its payment is used up, the next application of this form pays anew. */
export function forgetPayment(formId: string): void {
  try {
    localStorage.removeItem(PAYMENT_RECORD_PREFIX + formId);
  } catch {
    /* storage disabled */
  }
}
