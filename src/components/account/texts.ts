import type { AccountError, AccountConfigProblem, TrustLevel } from '../../modules/account/index.js';
import { translator } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';

/** Interface texts of the login bar; loaded with it, only for forms with `x-ozg.account`. */
const texts = {
  de: {
    title: 'Nutzerkonto',
    intro: 'Melden Sie sich mit Ihrem Nutzerkonto an, dann füllen wir bekannte Angaben für Sie aus.',
    introBusiness:
      'Dieser Antrag ist für Unternehmen. Melden Sie sich mit Ihrem Unternehmenskonto (Mein Unternehmenskonto) an, dann füllen wir bekannte Angaben für Sie aus.',
    introBoth:
      'Melden Sie sich mit Ihrem Nutzerkonto oder Ihrem Unternehmenskonto an, dann füllen wir bekannte Angaben für Sie aus.',
    introRequired:
      'Für diesen Antrag müssen Sie sich mit Ihrem Nutzerkonto anmelden (Vertrauensniveau {level} oder höher).',
    login: 'Mit Nutzerkonto anmelden',
    loginAgain: 'Erneut anmelden (Vertrauensniveau {level})',
    logout: 'Abmelden',
    loggedIn: 'Angemeldet als {name} (Vertrauensniveau {level})',
    loggedInUntil: 'Ihre Anmeldung gilt bis {time} Uhr.',
    checking: 'Die Anmeldung wird geprüft …',
    redirecting: 'Sie werden zum Nutzerkonto weitergeleitet …',
    loggedOut: 'Sie sind abgemeldet. Die Angaben aus Ihrem Nutzerkonto wurden entfernt.',
    forgottenOut:
      'Die Daten dieses Formulars wurden von diesem Gerät gelöscht. Sie sind hier nicht mehr angemeldet. An einem fremden Gerät schließen Sie zum Schluss bitte den Browser.',
    loginDone: 'Sie sind angemeldet. Angaben aus Ihrem Nutzerkonto wurden eingetragen.',
    renewed: 'Ihre Anmeldung wurde verlängert. Sie gilt jetzt bis {time} Uhr.',
    errorTitle: 'Anmeldung nicht möglich',
    endedTitle: 'Anmeldung beendet',
    cancelledTitle: 'Anmeldung abgebrochen',
    unavailable: 'Das Nutzerkonto ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
    keepGoing: 'Ihre Angaben bleiben erhalten. Sie können den Antrag auch ohne Anmeldung ausfüllen.',
    keepAnswers: 'Ihre Angaben bleiben erhalten.',
    required:
      'Bitte melden Sie sich zuerst mit Ihrem Nutzerkonto an (Vertrauensniveau {level} oder höher). Erst dann können Sie fortfahren.',
    levelBasisregistriert: 'basisregistriert',
    levelSubstantiell: 'substantiell',
    levelHoch: 'hoch',
    // The login runs out (WCAG 2.2.1)
    warningTitle: 'Ihre Anmeldung läuft bald ab',
    warningText: {
      by: 'minutes',
      one: 'Ihre Anmeldung mit dem Nutzerkonto endet in {minutes} Minute, um {time} Uhr.',
      other: 'Ihre Anmeldung mit dem Nutzerkonto endet in {minutes} Minuten, um {time} Uhr.',
    },
    warningHint:
      'Ihre Angaben bleiben in jedem Fall erhalten. Wenn Sie verlängern, bleiben Sie angemeldet; dazu wird die Seite kurz neu geladen.',
    extend: 'Anmeldung verlängern',
    notNow: 'Nicht verlängern',
    expiredTitle: 'Ihre Anmeldung ist abgelaufen',
    expiredText:
      'Ihre Angaben bleiben erhalten, auch die aus Ihrem Nutzerkonto; Sie können sie jetzt ändern. Melden Sie sich erneut an, damit der Antrag mit Ihrer Anmeldung gesendet wird.',
    close: 'Schließen',
    // Misconfigurations (issue 14): the citizen's words and the editor's
    notOffered: 'Die Anmeldung mit einem Nutzerkonto ist für dieses Formular gerade nicht möglich.',
    notOfferedOptional: 'Sie können den Antrag ohne Anmeldung ausfüllen.',
    notOfferedRequired: 'Bitte wenden Sie sich an die zuständige Stelle oder versuchen Sie es später erneut.',
    editorLabel: 'Für die Redaktion:',
    editorNotFound:
      'Die Konfiguration des Nutzerkontos wurde unter {url} nicht gefunden (HTTP {status}). Veröffentlichen Sie sie dort (GET /account/config.json des Gateways) oder geben Sie ihre Adresse im Attribut „account“ von <ozg-form> an.',
    editorCors:
      'Die Konfiguration des Nutzerkontos unter {url} darf von dieser Seite ({origin}) nicht gelesen werden: Der Server sendet keinen Access-Control-Allow-Origin-Header für diese Herkunft. Geben Sie die Herkunft dort frei oder liefern Sie die Konfiguration über die eigene Website aus.',
    editorInvalid:
      'Unter {url} steht keine gültige Konfiguration des Nutzerkontos (JSON mit „issuer“ und „clientId“ erwartet).',
    editorRedirectUri:
      'Diese Seite ({page}) ist beim Nutzerkonto nicht als Rücksprungadresse eingetragen; der Anbieter würde die Anmeldung ablehnen. Tragen Sie {page} als Redirect-URI des Clients ein (beim eingebauten Test-Anbieter: IDP_REDIRECT_URIS, sonst OIDC_REDIRECT_URIS des Gateways und beim Anbieter selbst).',
  },
  en: {
    title: 'User account',
    intro: 'Log in with your user account and we will fill in the details we already have.',
    introBusiness:
      'This application is for businesses. Log in with your business account (Mein Unternehmenskonto) and we will fill in the details we already have.',
    introBoth:
      'Log in with your user account or your business account and we will fill in the details we already have.',
    introRequired: 'This application requires you to log in with your user account (trust level {level} or higher).',
    login: 'Log in with user account',
    loginAgain: 'Log in again (trust level {level})',
    logout: 'Log out',
    loggedIn: 'Logged in as {name} (trust level {level})',
    loggedInUntil: 'Your login is valid until {time}.',
    checking: 'Checking the login …',
    redirecting: 'Taking you to the user account service …',
    loggedOut: 'You are logged out. The details from your user account have been removed.',
    forgottenOut:
      'The data of this form has been deleted from this device. You are no longer logged in here. On a computer that is not yours, please close the browser when you are done.',
    loginDone: 'You are logged in. Details from your user account have been filled in.',
    renewed: 'Your login has been extended. It is now valid until {time}.',
    errorTitle: 'Login not possible',
    endedTitle: 'Login ended',
    cancelledTitle: 'Login cancelled',
    unavailable: 'The user account service cannot be reached right now. Please try again later.',
    keepGoing: 'Your answers are kept. You can also fill in the application without logging in.',
    keepAnswers: 'Your answers are kept.',
    required: 'Please log in with your user account first (trust level {level} or higher). Only then can you continue.',
    levelBasisregistriert: 'basic registration',
    levelSubstantiell: 'substantial',
    levelHoch: 'high',
    warningTitle: 'Your login will end soon',
    warningText: {
      by: 'minutes',
      one: 'Your login with the user account ends in {minutes} minute, at {time}.',
      other: 'Your login with the user account ends in {minutes} minutes, at {time}.',
    },
    warningHint:
      'Your answers are kept in any case. If you extend, you stay logged in; the page reloads briefly to do so.',
    extend: 'Extend login',
    notNow: 'Do not extend',
    expiredTitle: 'Your login has ended',
    expiredText:
      'Your answers are kept, including those from your user account; you can change them now. Log in again so that the application is sent with your login.',
    close: 'Close',
    notOffered: 'Logging in with a user account is not possible for this form at the moment.',
    notOfferedOptional: 'You can fill in the application without logging in.',
    notOfferedRequired: 'Please contact the responsible office or try again later.',
    editorLabel: 'For the editors:',
    editorNotFound:
      'The user account configuration was not found at {url} (HTTP {status}). Publish it there (GET /account/config.json of the gateway) or give its address in the "account" attribute of <ozg-form>.',
    editorCors:
      'This page ({origin}) may not read the user account configuration at {url}: the server sends no Access-Control-Allow-Origin header for this origin. Allow the origin there or serve the configuration from the site itself.',
    editorInvalid:
      'There is no valid user account configuration at {url} (JSON with "issuer" and "clientId" expected).',
    editorRedirectUri:
      'This page ({page}) is not registered as a redirect URI of the user account; the provider would refuse the login. Register {page} as a redirect URI of the client (built-in test provider: IDP_REDIRECT_URIS; otherwise OIDC_REDIRECT_URIS of the gateway and at the provider itself).',
  },
};

export const at = translator(texts);

/** A clock time: "19:13". */
export const clockTime = (lang: Lang, at: number): string =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { timeStyle: 'short' }).format(at);

const LEVEL_KEYS = {
  basisregistriert: 'levelBasisregistriert',
  substantiell: 'levelSubstantiell',
  hoch: 'levelHoch',
} as const;

export function levelText(lang: Lang, level: TrustLevel | null | undefined): string {
  return level ? at(lang, LEVEL_KEYS[level]) : '–';
}

/** A login problem (`AccountError` descriptor) in the person's language. */
const ERRORS = {
  de: {
    discovery_failed:
      'Die Einstellungen des Nutzerkontos konnten nicht gelesen werden. Bitte versuchen Sie es später erneut.',
    idp_unreachable: 'Das Nutzerkonto ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
    state_mismatch:
      'Die Rückmeldung des Nutzerkontos gehört nicht zu dieser Anmeldung. Bitte melden Sie sich erneut an.',
    issuer_mismatch: 'Die Rückmeldung kam nicht vom erwarteten Nutzerkonto. Bitte melden Sie sich erneut an.',
    // The login bar adds what happens now: "Ihre Angaben bleiben erhalten." and, when the form allows
    // it, "Sie können den Antrag auch ohne Anmeldung ausfüllen."
    login_cancelled: 'Die Anmeldung wurde abgebrochen.',
    idp_error: 'Das Nutzerkonto hat die Anmeldung abgelehnt. Bitte versuchen Sie es erneut.',
    token_exchange_failed: 'Die Anmeldung konnte nicht abgeschlossen werden. Bitte melden Sie sich erneut an.',
    invalid_id_token: 'Die Anmeldebestätigung des Nutzerkontos ist ungültig. Bitte melden Sie sich erneut an.',
    wrong_audience_business:
      'Dieser Antrag ist für Unternehmen. Sie sind mit einem persönlichen Nutzerkonto angemeldet. Bitte melden Sie sich mit dem Unternehmenskonto (Mein Unternehmenskonto) an.',
    wrong_audience:
      'Dieser Antrag ist für Privatpersonen. Sie sind mit einem Unternehmenskonto angemeldet. Bitte melden Sie sich mit Ihrem persönlichen Nutzerkonto an.',
    session_expired:
      'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an, damit der Antrag mit Ihrer Anmeldung gesendet werden kann.',
    renewal_needs_login:
      'Ihre Anmeldung konnte nicht ohne Ihr Zutun verlängert werden. Bitte melden Sie sich erneut an.',
    acr_too_low:
      'Für diesen Antrag ist eine Anmeldung mit dem Vertrauensniveau „{level}“ oder höher nötig, zum Beispiel mit dem Online-Ausweis. Bitte melden Sie sich damit erneut an.',
  },
  en: {
    discovery_failed: 'The settings of the user account service could not be read. Please try again later.',
    idp_unreachable: 'The user account service cannot be reached right now. Please try again later.',
    state_mismatch: 'The response of the user account service does not belong to this login. Please log in again.',
    issuer_mismatch: 'The response did not come from the expected user account service. Please log in again.',
    login_cancelled: 'The login was cancelled.',
    idp_error: 'The user account service refused the login. Please try again.',
    token_exchange_failed: 'The login could not be completed. Please log in again.',
    invalid_id_token: 'The login confirmation of the user account service is invalid. Please log in again.',
    wrong_audience_business:
      'This application is for businesses. You are logged in with a personal user account. Please log in with the business account (Mein Unternehmenskonto).',
    wrong_audience:
      'This application is for private individuals. You are logged in with a business account. Please log in with your personal user account.',
    session_expired: 'Your login has expired. Please log in again so that the application can be sent with your login.',
    renewal_needs_login: 'Your login could not be extended automatically. Please log in again.',
    acr_too_low:
      'This application needs a login with the trust level “{level}” or higher, for example with the online ID card. Please log in again with it.',
  },
};

const errorText = translator(ERRORS);

/** The words for a login problem, in the person's language. */
export function accountErrorText(lang: Lang, error: Pick<AccountError, 'code' | 'audience' | 'requiredLevel'>): string {
  const key = error.code === 'wrong_audience' && error.audience === 'business' ? 'wrong_audience_business' : error.code;
  return errorText(lang, key, { level: levelText(lang, error.requiredLevel ?? 'substantiell') });
}

/** What the editor is told about a misconfigured login (the "Für die Redaktion" note and the console). */
export function editorText(lang: Lang, problem: AccountConfigProblem): string {
  switch (problem.kind) {
    case 'not-found':
      return at(lang, 'editorNotFound', { url: problem.url, status: problem.status });
    case 'cors':
      return at(lang, 'editorCors', { url: problem.url, origin: location.origin });
    case 'invalid':
      return at(lang, 'editorInvalid', { url: problem.url });
    case 'redirect-uri':
      return at(lang, 'editorRedirectUri', { page: problem.pageUrl });
    case 'unreachable':
      return at(lang, 'unavailable');
  }
}
