import type { AnswerWords } from '../../schemas/answer-rows.js';
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
    toReview: 'Weiter zu „Ihre Angaben prüfen“',
    review: 'Ihre Angaben prüfen',
    reviewIntro: 'Bitte prüfen Sie Ihre Angaben, bevor Sie Ihren Antrag absenden.',
    change: 'Ändern',
    changeNamed: 'Ändern: {name}',
    confirm: 'Angaben bestätigen',
    send: 'Antrag absenden',
    confirmed: 'Vielen Dank. Ihre Angaben sind vollständig und wurden bestätigt.',
    errorSummaryTitle: 'Es gibt ein Problem',
    errorPrefix: 'Fehler:',
    optional: '(optional)',
    atLeastOne: '(mindestens eine Angabe)',
    help: 'Hilfe zu „{name}“',
    yes: 'Ja',
    no: 'Nein',
    notAnswered: 'Nicht beantwortet',
    choose: 'Bitte auswählen',
    addNamed: '{name} hinzufügen',
    remove: 'Entfernen',
    removeNamed: '{name} entfernen',
    itemAdded: '{name} hinzugefügt.',
    itemRemoved: '{name} entfernt.',
    maxItemsReached: {
      by: 'max',
      one: 'Sie können höchstens einen Eintrag angeben.',
      other: 'Sie können höchstens {max} Einträge angeben.',
    },
    deepestLevel: 'Auf dieser Ebene lassen sich keine weiteren Einträge anlegen.',
    draftRestored: 'Wir haben Ihre zuletzt eingegebenen Angaben vom {date} wiederhergestellt.',
    maxChars: 'Höchstens {max} Zeichen.',
    draftDiscard: 'Angaben löschen und neu beginnen',
    draftDiscardQuestion:
      'Alle Angaben und ausgewählten Dateien dieses Antrags werden gelöscht. Das lässt sich nicht rückgängig machen. Neu beginnen?',
    draftDiscardConfirm: 'Ja, löschen und neu beginnen',
    draftDiscardCancel: 'Abbrechen',
    draftDiscarded: 'Ihre gespeicherten Angaben wurden gelöscht.',
    deviceForget: 'Daten auf diesem Gerät löschen',
    deviceForgetQuestion:
      'Alle Angaben und ausgewählten Dateien dieses Formulars werden von diesem Gerät gelöscht, auch Ihre Anmeldung sowie Vorgangsnummer und Postfach-Link bereits gesendeter Anträge: Speichern Sie vorher Ihre Eingangsbestätigung. Das lässt sich nicht rückgängig machen. Jetzt löschen?',
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
    prefillNote: 'Aus Ihrem Nutzerkonto übernommen',
  },
  en: {
    loading: 'Loading the form …',
    step: 'Step {current} of {total}',
    details: 'Your details',
    steps: 'Progress',
    next: 'Continue',
    back: 'Back',
    toReview: 'Continue to “Check your answers”',
    review: 'Check your answers',
    reviewIntro: 'Please check your answers before you send your application.',
    change: 'Change',
    changeNamed: 'Change: {name}',
    confirm: 'Confirm answers',
    send: 'Send application',
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
    addNamed: 'Add {name}',
    remove: 'Remove',
    removeNamed: 'Remove {name}',
    itemAdded: '{name} added.',
    itemRemoved: '{name} removed.',
    maxItemsReached: { by: 'max', one: 'You can add at most one entry.', other: 'You can add at most {max} entries.' },
    deepestLevel: 'No further entries can be added at this level.',
    draftRestored: 'We restored the answers you last entered on {date}.',
    maxChars: 'At most {max} characters.',
    draftDiscard: 'Delete answers and start again',
    draftDiscardQuestion:
      'All answers and chosen files of this application will be deleted. This cannot be undone. Start again?',
    draftDiscardConfirm: 'Yes, delete and start again',
    draftDiscardCancel: 'Cancel',
    draftDiscarded: 'Your saved answers have been deleted.',
    deviceForget: 'Delete data on this device',
    deviceForgetQuestion:
      'All answers and chosen files of this form will be deleted from this device, including your login and the case reference and mailbox link of applications already sent: save your acknowledgement of receipt first. This cannot be undone. Delete now?',
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
    prefillNote: 'Taken from your user account',
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

/** A moment: "07.12.2026, 19:13" (de) / "7 Dec 2026, 19:13" (en); `long` for inside a sentence:
 * "7. Dezember 2026 um 19:13" / "7 December 2026 at 19:13". */
export function formatDate(lang: Lang, date: Date, dateStyle: 'medium' | 'long' = 'medium'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle, timeStyle: 'short' }).format(date);
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

/** The words answers are shown with (src/schemas/answer-rows.ts): on the review page, the receipt and in
 * the case worker's inbox alike. */
export const answerWords = (lang: Lang): AnswerWords => ({
  yes: t(lang, 'yes'),
  no: t(lang, 'no'),
  notAnswered: t(lang, 'notAnswered'),
  date: (iso) => formatIsoDate(lang, iso),
});
