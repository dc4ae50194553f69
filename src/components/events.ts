import type { Answers } from '../schemas/data.js';

export interface OzgChangeDetail {
  /** JSON Pointer of the answer that changed, e.g. '/hunde/0/name'. */
  pointer: string;
  value: unknown;
}
export interface OzgStepDetail {
  /** Index of the step now shown; equals `steps` for the review page. */
  index: number;
  id: string;
  title: string;
  steps: number;
}
export interface OzgSubmitDetail {
  /** The validated answers of every shown question (hidden questions removed). */
  data: Answers;
}
export interface OzgErrorDetail {
  message: string;
  problems: { pointer: string; message: string }[];
}
export interface OzgReadyDetail {
  steps: number;
}

/** From `<ozg-submission>` to its form: how the sending ended. */
export interface OzgSubmissionDetail {
  outcome: 'sent' | 'back' | 'restart' | 'nothing';
  caseId?: string;
}

/** How the payment step ended, for the page. The payment itself (key, payment information) goes to the
 * form through its context only (`PaymentEnd`): events that cross the shadow boundary reach every
 * listener of the page, a tag manager's too. */
export interface OzgPaymentDetail {
  outcome: 'paid' | 'skipped' | 'back';
}

/** From `<ozg-payment>` to its form (FormContext.paymentEnded): the outcome and, with `paid`, the
 * payment information for the metadata and the total in cents. */
export interface PaymentEnd extends OzgPaymentDetail {
  payment?: import('./payment/ozg-payment.js').PaidApplication['payment'];
}

/** The login began, ended or ran out, for the page. What a submission carries about the login (the ID
 * token) goes to the form through its context only (FormContext.loggedIn). */
export interface OzgLoginDetail {
  outcome: 'in' | 'out' | 'expired';
  /** With `in`: the trust level of the login. */
  trustLevel?: import('../modules/account/claims.js').TrustLevel | null;
}

export interface OzgEventMap {
  'ozg-login': CustomEvent<OzgLoginDetail>;
  'ozg-payment': CustomEvent<OzgPaymentDetail>;
  'ozg-submission': CustomEvent<OzgSubmissionDetail>;
  'ozg-change': CustomEvent<OzgChangeDetail>;
  'ozg-step': CustomEvent<OzgStepDetail>;
  'ozg-submit': CustomEvent<OzgSubmitDetail>;
  'ozg-error': CustomEvent<OzgErrorDetail>;
  'ozg-ready': CustomEvent<OzgReadyDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends OzgEventMap {}
}

/** Dispatches an ozg-form event; every ozg event bubbles and crosses shadow boundaries. */
export function emit<K extends keyof OzgEventMap>(
  target: EventTarget,
  name: K,
  detail: OzgEventMap[K]['detail'],
): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: name === 'ozg-submit' }),
  );
}
