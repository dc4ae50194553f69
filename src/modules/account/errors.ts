import { LEVEL_LABELS, type AccountKind, type TrustLevel } from './claims.js';

export type AccountErrorCode =
  | 'discovery_failed'
  | 'idp_unreachable'
  | 'state_mismatch'
  | 'issuer_mismatch'
  | 'login_cancelled'
  | 'idp_error'
  | 'token_exchange_failed'
  | 'invalid_id_token'
  | 'acr_too_low'
  | 'wrong_audience'
  | 'session_expired';

/** Why an ID token was refused (AccountError.reason for code 'invalid_id_token'). */
export type IdTokenProblem = 'signature' | 'issuer' | 'audience' | 'expired' | 'nonce' | 'claims' | 'malformed';

type Texts = { de: string; en: string };

const MESSAGES: Record<AccountErrorCode, (e: AccountError) => Texts> = {
  discovery_failed: () => ({
    de: 'Die Einstellungen des Nutzerkontos konnten nicht gelesen werden. Bitte versuchen Sie es später erneut.',
    en: 'The settings of the user account service could not be read. Please try again later.',
  }),
  idp_unreachable: () => ({
    de: 'Das Nutzerkonto ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
    en: 'The user account service cannot be reached right now. Please try again later.',
  }),
  state_mismatch: () => ({
    de: 'Die Rückmeldung des Nutzerkontos gehört nicht zu dieser Anmeldung. Bitte melden Sie sich erneut an.',
    en: 'The response of the user account service does not belong to this login. Please log in again.',
  }),
  issuer_mismatch: () => ({
    de: 'Die Rückmeldung kam nicht vom erwarteten Nutzerkonto. Bitte melden Sie sich erneut an.',
    en: 'The response did not come from the expected user account service. Please log in again.',
  }),
  login_cancelled: () => ({
    de: 'Die Anmeldung wurde abgebrochen. Sie können den Antrag auch ohne Anmeldung ausfüllen, sofern er das zulässt.',
    en: 'The login was cancelled. You can fill in the application without logging in if it allows that.',
  }),
  idp_error: () => ({
    de: 'Das Nutzerkonto hat die Anmeldung abgelehnt. Bitte versuchen Sie es erneut.',
    en: 'The user account service refused the login. Please try again.',
  }),
  token_exchange_failed: () => ({
    de: 'Die Anmeldung konnte nicht abgeschlossen werden. Bitte melden Sie sich erneut an.',
    en: 'The login could not be completed. Please log in again.',
  }),
  invalid_id_token: () => ({
    de: 'Die Anmeldebestätigung des Nutzerkontos ist ungültig. Bitte melden Sie sich erneut an.',
    en: 'The login confirmation of the user account service is invalid. Please log in again.',
  }),
  wrong_audience: (e) =>
    e.audience === 'business'
      ? {
          de:
            'Dieser Antrag ist für Unternehmen. Sie sind mit einem persönlichen Nutzerkonto angemeldet. ' +
            'Bitte melden Sie sich mit dem Unternehmenskonto (Mein Unternehmenskonto) an.',
          en:
            'This application is for businesses. You are logged in with a personal user account. ' +
            'Please log in with the business account (Mein Unternehmenskonto).',
        }
      : {
          de:
            'Dieser Antrag ist für Bürgerinnen und Bürger. Sie sind mit einem Unternehmenskonto angemeldet. ' +
            'Bitte melden Sie sich mit Ihrem persönlichen Nutzerkonto an.',
          en:
            'This application is for citizens. You are logged in with a business account. ' +
            'Please log in with your personal user account.',
        },
  session_expired: () => ({
    de: 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an, damit der Antrag mit Ihrer Anmeldung gesendet werden kann.',
    en: 'Your login has expired. Please log in again so that the application can be sent with your login.',
  }),
  acr_too_low: (e) => {
    const need = e.requiredLevel ?? 'substantiell';
    return {
      de:
        `Für diesen Antrag ist eine Anmeldung mit dem Vertrauensniveau „${LEVEL_LABELS.de[need]}“ oder höher nötig, ` +
        'zum Beispiel mit dem Online-Ausweis. Bitte melden Sie sich damit erneut an.',
      en:
        `This application needs a login with the trust level “${LEVEL_LABELS.en[need]}” or higher, ` +
        'for example with the online ID card. Please log in again with it.',
    };
  },
};

/** A login problem. `message` is German; `text('en')` gives the English message. */
export class AccountError extends Error {
  readonly code: AccountErrorCode;
  /** Finer cause, e.g. the ID token problem or the provider's error code. */
  readonly reason?: string;
  /** For acr_too_low: the level the application asked for and the one the login had; for
   * session_expired: the level to log in at again. */
  readonly requiredLevel?: TrustLevel;
  readonly actualLevel?: TrustLevel | null;
  /** For wrong_audience: whom the application is for. */
  readonly audience?: AccountKind;

  constructor(
    code: AccountErrorCode,
    opts: {
      reason?: string;
      requiredLevel?: TrustLevel;
      actualLevel?: TrustLevel | null;
      audience?: AccountKind;
      cause?: unknown;
    } = {},
  ) {
    super('', opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AccountError';
    this.code = code;
    this.reason = opts.reason;
    this.requiredLevel = opts.requiredLevel;
    this.actualLevel = opts.actualLevel;
    this.audience = opts.audience;
    this.message = this.text('de');
  }

  text(lang: 'de' | 'en'): string {
    return MESSAGES[this.code](this)[lang];
  }
}
