import type { Lang } from '../../schemas/types.js';
import { translator, type Text } from './translate.js';

// Element tables import the translator from here, so the bundler keeps it in the entry with this table.
export { translate, translator, type Params, type Plural, type Text } from './translate.js';

/** The interface texts of ozg-form itself. Texts of a form come from its definition. */
const texts = {
  de: {
    loading: 'Das Formular wird geladen …',
    step: 'Schritt {current} von {total}',
    details: 'Ihre Angaben',
    steps: 'Fortschritt',
    next: 'Weiter',
    back: 'Zurück',
    toReview: 'Zur Übersicht',
    review: 'Ihre Angaben prüfen',
    reviewIntro: 'Bitte prüfen Sie Ihre Angaben, bevor Sie sie bestätigen.',
    change: 'Ändern',
    changeNamed: 'Ändern: {name}',
    confirm: 'Angaben bestätigen',
    confirmed: 'Vielen Dank. Ihre Angaben sind vollständig und wurden bestätigt.',
    errorSummaryTitle: 'Es gibt ein Problem',
    errorPrefix: 'Fehler:',
    optional: '(optional)',
    atLeastOne: '(mindestens eine Angabe)',
    help: 'Hilfe zu „{name}“',
    yes: 'Ja',
    no: 'Nein',
    notAnswered: 'Keine Angabe',
    choose: 'Bitte auswählen',
    add: 'Weitere Angabe hinzufügen',
    addNamed: '{name} hinzufügen',
    remove: 'Entfernen',
    removeNamed: '{name} entfernen',
    itemAdded: '{name} hinzugefügt.',
    itemRemoved: '{name} entfernt.',
    maxItemsReached: 'Sie können höchstens {max} Einträge angeben.',
    deepestLevel: 'Auf dieser Ebene lassen sich keine weiteren Einträge anlegen.',
    draftRestored: 'Wir haben Ihre zuletzt eingegebenen Angaben vom {date} wiederhergestellt.',
    draftDiscard: 'Angaben löschen und neu beginnen',
    draftDiscardQuestion:
      'Alle Angaben und ausgewählten Dateien dieses Antrags werden gelöscht. Das lässt sich nicht rückgängig machen. Neu beginnen?',
    draftDiscardConfirm: 'Ja, löschen und neu beginnen',
    draftDiscardCancel: 'Abbrechen',
    draftDiscarded: 'Ihre gespeicherten Angaben wurden gelöscht.',
    deviceForget: 'Daten auf diesem Gerät löschen',
    deviceForgetQuestion:
      'Alle Angaben, ausgewählten Dateien und gespeicherten Vorgänge dieses Formulars werden von diesem Gerät gelöscht. Das lässt sich nicht rückgängig machen. Jetzt löschen?',
    deviceForgetConfirm: 'Ja, Daten löschen',
    deviceForgetCancel: 'Abbrechen',
    deviceForgotten: 'Die Daten dieses Formulars wurden von diesem Gerät gelöscht.',
    draftHint: 'Ihre Angaben werden in diesem Browser zwischengespeichert, bis Sie sie absenden oder löschen.',
    loadFailed: 'Das Formular kann nicht angezeigt werden.',
    loadFailedHint: 'Bitte versuchen Sie es später noch einmal. Für die Redaktion: ',
    httpError: 'Die Formulardefinition „{src}“ konnte nicht geladen werden (HTTP {status}).',
    networkError: 'Die Formulardefinition „{src}“ konnte nicht geladen werden (keine Verbindung).',
    jsonError: 'Die Formulardefinition „{src}“ ist kein gültiges JSON: {detail}',
    invalidDefinition: 'Die Formulardefinition ist fehlerhaft:',
    noDefinition: 'Es wurde keine Formulardefinition angegeben (Attribut „src“ oder Eigenschaft „schema“).',
    sending: 'Ihr Antrag wird gesendet …',
    sendingHint:
      'Ihre Angaben werden verschlüsselt übermittelt. Sie bleiben in diesem Browser gespeichert, bis der Antrag angekommen ist.',
    sendRetrying: 'Der Server ist nicht erreichbar – wird erneut versucht.',
    sendRetryNow: 'Jetzt erneut versuchen',
    sendFailed: 'Ihr Antrag konnte nicht gesendet werden.',
    sendFailedHint:
      'Ihre Angaben sind weiter in diesem Browser gespeichert. Bitte versuchen Sie es später noch einmal oder wenden Sie sich an die zuständige Stelle. Grund: {reason}',
    sendNoLeika: 'Für die Redaktion: Die Formulardefinition hat keinen LeiKa-Schlüssel (x-ozg.leika).',
    backToReview: 'Zurück zur Übersicht',
    receiptTitle: 'Ihr Antrag ist eingegangen',
    receiptIntro:
      'Vielen Dank. Ihr Antrag wurde verschlüsselt an die zuständige Stelle übermittelt. Bitte notieren Sie die Vorgangsnummer.',
    receiptCaseId: 'Vorgangsnummer',
    receiptReceivedAt: 'Eingegangen am',
    receiptDownload: 'Eingangsbestätigung herunterladen (PDF)',
    receiptDownloadFailed: 'Die Eingangsbestätigung konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal.',
    receiptMailbox: 'Status und Antworten der Behörde',
    receiptMailboxText:
      'Unter diesem Link sehen Sie den Stand Ihres Antrags, Nachrichten der Behörde und den Bescheid. Geben Sie den Link nicht weiter: Wer ihn kennt, kann Ihren Vorgang einsehen.',
    receiptMailboxLink: 'Zum Postfach Ihres Antrags',
    receiptAnswers: 'Ihre Angaben',
    receiptNoAnswers:
      'Ihre Angaben werden nach dem Absenden nicht in diesem Browser aufbewahrt. Die Eingangsbestätigung mit Ihren Angaben gab es deshalb nur direkt nach dem Absenden; Vorgangsnummer und Postfach-Link bleiben hier erhalten.',
    newApplication: 'Neuen Antrag stellen',
    accountTitle: 'Nutzerkonto',
    accountIntro: 'Melden Sie sich mit Ihrem Nutzerkonto an, dann füllen wir bekannte Angaben für Sie aus.',
    accountIntroBusiness:
      'Dieser Antrag ist für Unternehmen. Melden Sie sich mit Ihrem Unternehmenskonto (Mein Unternehmenskonto) an, dann füllen wir bekannte Angaben für Sie aus.',
    accountIntroBoth:
      'Melden Sie sich mit Ihrem Nutzerkonto oder Ihrem Unternehmenskonto an, dann füllen wir bekannte Angaben für Sie aus.',
    accountIntroRequired:
      'Für diesen Antrag müssen Sie sich mit Ihrem Nutzerkonto anmelden (Vertrauensniveau {level} oder höher).',
    accountLogin: 'Mit Nutzerkonto anmelden',
    accountLoginAgain: 'Erneut anmelden (Vertrauensniveau {level})',
    accountLogout: 'Abmelden',
    accountLoggedIn: 'Angemeldet als {name} (Vertrauensniveau {level})',
    accountChecking: 'Die Anmeldung wird geprüft …',
    accountRedirecting: 'Sie werden zum Nutzerkonto weitergeleitet …',
    accountLoggedOut: 'Sie sind abgemeldet. Die Angaben aus Ihrem Nutzerkonto wurden entfernt.',
    accountLoginDone: 'Sie sind angemeldet. Angaben aus Ihrem Nutzerkonto wurden eingetragen.',
    accountErrorTitle: 'Anmeldung nicht möglich',
    accountUnavailable: 'Das Nutzerkonto ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
    accountKeepGoing: 'Ihre Angaben bleiben erhalten. Sie können den Antrag auch ohne Anmeldung ausfüllen.',
    accountKeepAnswers: 'Ihre Angaben bleiben erhalten.',
    accountRequired:
      'Bitte melden Sie sich zuerst mit Ihrem Nutzerkonto an (Vertrauensniveau {level} oder höher). Erst dann können Sie fortfahren.',
    prefillNote: 'Aus Ihrem Nutzerkonto übernommen',
    levelBasisregistriert: 'basisregistriert',
    levelSubstantiell: 'substantiell',
    levelHoch: 'hoch',
  },
  en: {
    loading: 'Loading the form …',
    step: 'Step {current} of {total}',
    details: 'Your details',
    steps: 'Progress',
    next: 'Continue',
    back: 'Back',
    toReview: 'Back to the summary',
    review: 'Check your answers',
    reviewIntro: 'Please check your answers before you confirm them.',
    change: 'Change',
    changeNamed: 'Change: {name}',
    confirm: 'Confirm answers',
    confirmed: 'Thank you. Your answers are complete and have been confirmed.',
    errorSummaryTitle: 'There is a problem',
    errorPrefix: 'Error:',
    optional: '(optional)',
    atLeastOne: '(at least one of these)',
    help: 'Help with “{name}”',
    yes: 'Yes',
    no: 'No',
    notAnswered: 'Not answered',
    choose: 'Please choose',
    add: 'Add another',
    addNamed: 'Add {name}',
    remove: 'Remove',
    removeNamed: 'Remove {name}',
    itemAdded: '{name} added.',
    itemRemoved: '{name} removed.',
    maxItemsReached: 'You can add at most {max} entries.',
    deepestLevel: 'No further entries can be added at this level.',
    draftRestored: 'We restored the answers you last entered on {date}.',
    draftDiscard: 'Delete answers and start again',
    draftDiscardQuestion:
      'All answers and chosen files of this application will be deleted. This cannot be undone. Start again?',
    draftDiscardConfirm: 'Yes, delete and start again',
    draftDiscardCancel: 'Cancel',
    draftDiscarded: 'Your saved answers have been deleted.',
    deviceForget: 'Delete data on this device',
    deviceForgetQuestion:
      'All answers, chosen files and kept applications of this form will be deleted from this device. This cannot be undone. Delete now?',
    deviceForgetConfirm: 'Yes, delete data',
    deviceForgetCancel: 'Cancel',
    deviceForgotten: 'The data of this form has been deleted from this device.',
    draftHint: 'Your answers are kept in this browser until you submit or delete them.',
    loadFailed: 'The form cannot be shown.',
    loadFailedHint: 'Please try again later. For the editors: ',
    httpError: 'The form definition “{src}” could not be loaded (HTTP {status}).',
    networkError: 'The form definition “{src}” could not be loaded (no connection).',
    jsonError: 'The form definition “{src}” is not valid JSON: {detail}',
    invalidDefinition: 'The form definition has errors:',
    noDefinition: 'No form definition was given (attribute “src” or property “schema”).',
    sending: 'Sending your application …',
    sendingHint: 'Your answers are sent encrypted. They stay saved in this browser until the application has arrived.',
    sendRetrying: 'The server cannot be reached – trying again.',
    sendRetryNow: 'Try again now',
    sendFailed: 'Your application could not be sent.',
    sendFailedHint:
      'Your answers are still saved in this browser. Please try again later or contact the authority. Reason: {reason}',
    sendNoLeika: 'For the editors: the form definition has no LeiKa key (x-ozg.leika).',
    backToReview: 'Back to the summary',
    receiptTitle: 'Your application has been received',
    receiptIntro: 'Thank you. Your application was sent encrypted to the authority. Please note the case reference.',
    receiptCaseId: 'Case reference',
    receiptReceivedAt: 'Received on',
    receiptDownload: 'Download the acknowledgement of receipt (PDF)',
    receiptDownloadFailed: 'The acknowledgement of receipt could not be created. Please try again.',
    receiptMailbox: 'Status and replies from the authority',
    receiptMailboxText:
      'Follow this link to see the status of your application, messages from the authority and the decision. Do not share it: anyone who has it can see your case.',
    receiptMailboxLink: 'Go to the mailbox of your application',
    receiptAnswers: 'Your answers',
    receiptNoAnswers:
      'Your answers are not kept in this browser after sending. The acknowledgement with your answers was therefore only available right after sending; the case reference and the mailbox link stay here.',
    newApplication: 'Start a new application',
    accountTitle: 'User account',
    accountIntro: 'Log in with your user account and we will fill in what is known for you.',
    accountIntroBusiness:
      'This application is for businesses. Log in with your business account (Mein Unternehmenskonto) and we will fill in what is known for you.',
    accountIntroBoth:
      'Log in with your user account or your business account and we will fill in what is known for you.',
    accountIntroRequired:
      'This application requires you to log in with your user account (trust level {level} or higher).',
    accountLogin: 'Log in with user account',
    accountLoginAgain: 'Log in again (trust level {level})',
    accountLogout: 'Log out',
    accountLoggedIn: 'Logged in as {name} (trust level {level})',
    accountChecking: 'Checking the login …',
    accountRedirecting: 'Taking you to the user account service …',
    accountLoggedOut: 'You are logged out. The details from your user account have been removed.',
    accountLoginDone: 'You are logged in. Details from your user account have been filled in.',
    accountErrorTitle: 'Login not possible',
    accountUnavailable: 'The user account service cannot be reached right now. Please try again later.',
    accountKeepGoing: 'Your answers are kept. You can also fill in the application without logging in.',
    accountKeepAnswers: 'Your answers are kept.',
    accountRequired:
      'Please log in with your user account first (trust level {level} or higher). Only then can you continue.',
    prefillNote: 'Taken from your user account',
    levelBasisregistriert: 'basic registration',
    levelSubstantiell: 'substantial',
    levelHoch: 'high',
  },
} satisfies Record<Lang, Record<string, Text>>;

export type UiTextKey = keyof (typeof texts)['de'];

/** An interface text of the form in the person's language. */
export const t = translator(texts);

/** The language of an element: its `lang` attribute, the nearest ancestor's, or the page's; German by default. */
export function resolveLang(explicit: string | null | undefined, element?: Element): Lang {
  const candidate =
    explicit || element?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'de';
  return candidate.toLowerCase().startsWith('en') ? 'en' : 'de';
}

export function formatDate(lang: Lang, date: Date): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

/** '2026-11-29' -> '29.11.2026' (de) / '29 Nov 2026' (en); other strings are returned unchanged. */
export function formatIsoDate(lang: Lang, iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    date,
  );
}
