import type { Lang } from '../../schemas/types.js';

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
    draftRestored: 'Wir haben Ihre zuletzt eingegebenen Angaben vom {date} wiederhergestellt.',
    draftDiscard: 'Angaben löschen und neu beginnen',
    draftDiscarded: 'Ihre gespeicherten Angaben wurden gelöscht.',
    draftHint: 'Ihre Angaben werden in diesem Browser zwischengespeichert, bis Sie sie absenden oder löschen.',
    loadFailed: 'Das Formular kann nicht angezeigt werden.',
    loadFailedHint: 'Bitte versuchen Sie es später noch einmal. Für die Redaktion: ',
    httpError: 'Die Formulardefinition „{src}“ konnte nicht geladen werden (HTTP {status}).',
    networkError: 'Die Formulardefinition „{src}“ konnte nicht geladen werden (keine Verbindung).',
    jsonError: 'Die Formulardefinition „{src}“ ist kein gültiges JSON: {detail}',
    invalidDefinition: 'Die Formulardefinition ist fehlerhaft:',
    noDefinition: 'Es wurde keine Formulardefinition angegeben (Attribut „src“ oder Eigenschaft „schema“).',
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
    draftRestored: 'We restored the answers you last entered on {date}.',
    draftDiscard: 'Delete answers and start again',
    draftDiscarded: 'Your saved answers have been deleted.',
    draftHint: 'Your answers are kept in this browser until you submit or delete them.',
    loadFailed: 'The form cannot be shown.',
    loadFailedHint: 'Please try again later. For the editors: ',
    httpError: 'The form definition “{src}” could not be loaded (HTTP {status}).',
    networkError: 'The form definition “{src}” could not be loaded (no connection).',
    jsonError: 'The form definition “{src}” is not valid JSON: {detail}',
    invalidDefinition: 'The form definition has errors:',
    noDefinition: 'No form definition was given (attribute “src” or property “schema”).',
  },
} satisfies Record<Lang, Record<string, string>>;

export type UiTextKey = keyof (typeof texts)['de'];

export function t(lang: Lang, key: UiTextKey, params?: Record<string, string | number>): string {
  const template: string = texts[lang][key] ?? texts.de[key];
  return params ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : template;
}

/** The language of an element: its `lang` attribute, the nearest ancestor's, or the page's; German by default. */
export function resolveLang(explicit: string | null | undefined, element?: Element): Lang {
  const candidate = explicit || element?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'de';
  return candidate.toLowerCase().startsWith('en') ? 'en' : 'de';
}

export function formatDate(lang: Lang, date: Date): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** '2026-11-29' -> '29.11.2026' (de) / '29 Nov 2026' (en); other strings are returned unchanged. */
export function formatIsoDate(lang: Lang, iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
