/**
 * Error sentences a person reads, by JSON Schema keyword, in German and English. They name the
 * question by its label, so they work both beside the field and in the error summary.
 */
import type { ErrorObject } from 'ajv';
import localizeDe from 'ajv-i18n/localize/de/index.js';
import { formatMessages } from './formats.js';
import type { FieldKind } from './types.js';

export type Lang = 'de' | 'en';

export interface MessageContext {
  /** The field's label in the current language. */
  label: string;
  lang: Lang;
  kind: FieldKind;
  /** `x-ozg.errors` in the right language: keyword -> message. */
  custom?: Record<string, string>;
}

type Params = Record<string, unknown>;
type Sentence = (label: string, params: Params, ctx: MessageContext) => string | undefined;

/** Numbers as a German or English reader writes them (decimal comma in German, no grouping). */
function num(value: unknown, lang: Lang): string {
  const text = String(value);
  return lang === 'de' ? text.replace('.', ',') : text;
}

/** The label in quotation marks („Vorname“, “First name”): a label can be a noun, a phrase ("Ich
 * stelle den Antrag als") or a sentence ("Beschreiben Sie Ihr Vorhaben kurz"), and only quoted does it
 * fit into every sentence. */
function quoted(label: string, lang: Lang): string {
  return lang === 'de' ? `„${label.trim()}“` : `“${label.trim()}”`;
}

/** "„Telefon“ oder „E-Mail-Adresse“", "„Telefon“, „Fax“ oder „E-Mail-Adresse“". */
function either(labels: unknown, word: string, lang: Lang): string {
  const names = (Array.isArray(labels) ? labels : []).map((label) => quoted(String(label), lang));
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${word} ${names.at(-1)}`;
}

/** A date as a reader writes it: 06.12.2026, 6 December 2026. */
function day(iso: unknown, lang: Lang): string {
  const [y, m, d] = String(iso).split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: lang === 'en' ? 'long' : 'medium',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Bitte bestätigen Sie: Ich habe …" without a doubled full stop. */
function withStop(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** Decimal places of a multipleOf such as 0.01, or undefined when it is not a power of ten below 1. */
function decimalPlaces(step: number): number | undefined {
  for (let places = 1; places <= 10; places++) {
    if (Math.abs(step - 10 ** -places) < 1e-12) return places;
  }
  return undefined;
}

const isMulti = (ctx: MessageContext): boolean => ctx.kind === 'multi';

/** A label phrased as a question ("Handelt es sich um einen Listenhund?") is named as a question:
 * "Bitte wählen Sie eine Antwort auf die Frage „…?“ aus". */
const isQuestion = (label: string): boolean => /\?\s*$/.test(label);

/** The label as the subject of a sentence: "Die Angabe bei „Vorname“ darf höchstens 50 Zeichen lang
 * sein", "The answer to “First name” must be …"; a question's "Die Antwort auf „…?“". */
function subject(label: string, lang: Lang): string {
  if (lang === 'en') return `The answer to ${quoted(label, lang)}`;
  return `${isQuestion(label) ? 'Die Antwort auf' : 'Die Angabe bei'} ${quoted(label, lang)}`;
}

const de: Record<string, Sentence> = {
  required: (label, _p, ctx) => {
    if (ctx.kind === 'boolean') return withStop(`Bitte bestätigen Sie: ${label}`);
    const q = isQuestion(label);
    const l = quoted(label, 'de');
    switch (ctx.kind) {
      case 'choice':
        return q
          ? `Bitte wählen Sie eine Antwort auf die Frage ${l} aus.`
          : `Bitte wählen Sie bei ${l} eine Antwort aus.`;
      case 'multi':
        return `Bitte wählen Sie mindestens eine Angabe bei ${l} aus.`;
      case 'array':
        return `Bitte fügen Sie bei ${l} mindestens einen Eintrag hinzu.`;
      case 'object':
        return q ? `Bitte beantworten Sie die Fragen zu ${l}.` : `Bitte füllen Sie den Abschnitt ${l} aus.`;
      case 'file':
        return `Bitte laden Sie bei ${l} eine Datei hoch.`;
      case 'date':
        return `Bitte geben Sie bei ${l} ein Datum ein.`;
      case 'number':
      case 'integer':
        return `Bitte geben Sie bei ${l} eine Zahl ein.`;
      default:
        return q ? `Bitte beantworten Sie die Frage ${l}.` : `Bitte füllen Sie das Feld ${l} aus.`;
    }
  },
  minLength: (label, p, ctx) =>
    p.limit === 1
      ? de.required(label, p, ctx)!
      : `Bitte geben Sie bei ${quoted(label, 'de')} mindestens ${p.limit} Zeichen ein.`,
  maxLength: (label, p) => `${subject(label, 'de')} darf höchstens ${p.limit} Zeichen lang sein.`,
  pattern: (label) =>
    `Bitte geben Sie ${isQuestion(label) ? 'die Antwort auf' : 'die Angabe bei'} ${quoted(label, 'de')} in der verlangten Schreibweise ein.`,
  format: (label, p, ctx) => formatMessages.de[String(p.format)] ?? de.pattern(label, p, ctx),
  minimum: (label, p) => `${subject(label, 'de')} muss mindestens ${num(p.limit, 'de')} sein.`,
  maximum: (label, p) => `${subject(label, 'de')} darf höchstens ${num(p.limit, 'de')} sein.`,
  exclusiveMinimum: (label, p) => `${subject(label, 'de')} muss größer als ${num(p.limit, 'de')} sein.`,
  exclusiveMaximum: (label, p) => `${subject(label, 'de')} muss kleiner als ${num(p.limit, 'de')} sein.`,
  multipleOf: (label, p) => {
    const places = decimalPlaces(Number(p.multipleOf));
    if (places === 1) return `Bitte geben Sie bei ${quoted(label, 'de')} höchstens eine Nachkommastelle ein.`;
    if (places) return `Bitte geben Sie bei ${quoted(label, 'de')} höchstens ${places} Nachkommastellen ein.`;
    if (p.multipleOf === 1) return `Bitte geben Sie bei ${quoted(label, 'de')} eine ganze Zahl ein.`;
    return `${subject(label, 'de')} muss ein Vielfaches von ${num(p.multipleOf, 'de')} sein.`;
  },
  type: (label, p, ctx) => {
    const type = String(p.type);
    if (ctx.kind === 'integer' || type.includes('integer'))
      return `Bitte geben Sie bei ${quoted(label, 'de')} eine ganze Zahl ein.`;
    if (ctx.kind === 'number' || type.includes('number'))
      return `Bitte geben Sie bei ${quoted(label, 'de')} eine Zahl ein.`;
    return `Die Angabe bei ${quoted(label, 'de')} hat nicht die erwartete Art.`;
  },
  enum: (label) => `Bitte wählen Sie bei ${quoted(label, 'de')} eine der angebotenen Möglichkeiten aus.`,
  const: (label, p, ctx) =>
    ctx.kind === 'boolean' && p.allowedValue === true
      ? withStop(`Bitte bestätigen Sie: ${label}`)
      : `Bei ${quoted(label, 'de')} ist nur „${String(p.allowedValue)}“ zulässig.`,
  minItems: (label, p, ctx) => {
    const n = Number(p.limit);
    if (ctx.kind === 'file')
      return n === 1
        ? de.required(label, p, ctx)
        : `Bitte laden Sie bei ${quoted(label, 'de')} mindestens ${n} Dateien hoch.`;
    const r = quoted(label, 'de');
    if (isMulti(ctx))
      return n === 1
        ? `Bitte wählen Sie mindestens eine Angabe bei ${r} aus.`
        : `Bitte wählen Sie bei ${r} mindestens ${n} Angaben aus.`;
    return n === 1
      ? `Bitte fügen Sie bei ${r} mindestens einen Eintrag hinzu.`
      : `Bitte fügen Sie bei ${r} mindestens ${n} Einträge hinzu.`;
  },
  maxItems: (label, p, ctx) => {
    const n = Number(p.limit);
    const r = quoted(label, 'de');
    if (isMulti(ctx))
      return n === 1
        ? `Bitte wählen Sie bei ${r} höchstens eine Angabe aus.`
        : `Bitte wählen Sie bei ${r} höchstens ${n} Angaben aus.`;
    return n === 1
      ? `${subject(label, 'de')} darf höchstens einen Eintrag haben.`
      : `${subject(label, 'de')} darf höchstens ${n} Einträge haben.`;
  },
  atLeastOne: (_label, p) => `Bitte füllen Sie mindestens eines der Felder ${either(p.labels, 'oder', 'de')} aus.`,
  date: (label, p) => {
    const limit = day(p.limit, 'de');
    const s = subject(label, 'de');
    // Against another answer, that answer by its name: "nicht vor „Vom“ (17.12.2026)".
    const what = p.other ? `${quoted(String(p.other), 'de')} (${limit})` : `dem ${limit}`;
    if (p.today && p.comparison === 'max') return `${s} darf nicht in der Zukunft liegen.`;
    if (p.today && p.comparison === 'min') return `${s} darf nicht in der Vergangenheit liegen.`;
    if (p.comparison === 'min') return `${s} darf nicht vor ${what} liegen.`;
    if (p.comparison === 'max') return `${s} darf nicht nach ${what} liegen.`;
    return `${s} muss ${p.comparison === 'after' ? 'nach' : 'vor'} ${what} liegen.`;
  },
  anyOf: (label) =>
    `Die Angabe bei ${quoted(label, 'de')} passt zu keiner der erlaubten Möglichkeiten. Bitte prüfen Sie sie.`,
  oneOf: (label) =>
    `Die Angabe bei ${quoted(label, 'de')} passt zu keiner der erlaubten Möglichkeiten. Bitte prüfen Sie sie.`,
  not: (label) => `Diese Angabe ist bei ${quoted(label, 'de')} nicht möglich. Bitte ändern Sie sie.`,
  uniqueItems: (label, p, ctx) =>
    isMulti(ctx)
      ? `Bitte wählen Sie bei ${quoted(label, 'de')} jede Angabe nur einmal aus.`
      : `${subject(label, 'de')} enthält gleiche Einträge (Nummer ${Number(p.j) + 1} und ${Number(p.i) + 1}). Bitte ändern oder entfernen Sie einen davon.`,
};

const en: Record<string, Sentence> = {
  required: (label, _p, ctx) => {
    if (ctx.kind === 'boolean') return withStop(`Please confirm: ${label}`);
    const q = isQuestion(label);
    const l = quoted(label, 'en');
    switch (ctx.kind) {
      case 'choice':
        return q ? `Select an answer to ${l}.` : `Select an answer for ${l}.`;
      case 'multi':
        return `Select at least one option for ${l}.`;
      case 'array':
        return `Add at least one entry to ${l}.`;
      case 'object':
        return q ? `Answer the questions on ${l}.` : `Fill in the section ${l}.`;
      case 'file':
        return `Upload a file for ${l}.`;
      case 'date':
        return `Enter a date for ${l}.`;
      case 'number':
      case 'integer':
        return `Enter a number for ${l}.`;
      default:
        return q ? `Answer the question ${l}.` : `Enter an answer for ${l}.`;
    }
  },
  minLength: (label, p, ctx) =>
    p.limit === 1
      ? en.required(label, p, ctx)!
      : `${subject(label, 'en')} must be at least ${p.limit} characters long.`,
  maxLength: (label, p) => `${subject(label, 'en')} must be ${p.limit} characters or fewer.`,
  pattern: (label) => `Enter the answer to ${quoted(label, 'en')} in the correct format.`,
  format: (label, p, ctx) => formatMessages.en[String(p.format)] ?? en.pattern(label, p, ctx),
  minimum: (label, p) => `${subject(label, 'en')} must be ${num(p.limit, 'en')} or more.`,
  maximum: (label, p) => `${subject(label, 'en')} must be ${num(p.limit, 'en')} or less.`,
  exclusiveMinimum: (label, p) => `${subject(label, 'en')} must be more than ${num(p.limit, 'en')}.`,
  exclusiveMaximum: (label, p) => `${subject(label, 'en')} must be less than ${num(p.limit, 'en')}.`,
  multipleOf: (label, p) => {
    const places = decimalPlaces(Number(p.multipleOf));
    if (places === 1) return `${subject(label, 'en')} can have at most one decimal place.`;
    if (places) return `${subject(label, 'en')} can have at most ${places} decimal places.`;
    if (p.multipleOf === 1) return `Enter a whole number for ${quoted(label, 'en')}.`;
    return `${subject(label, 'en')} must be a multiple of ${num(p.multipleOf, 'en')}.`;
  },
  type: (label, p, ctx) => {
    const type = String(p.type);
    if (ctx.kind === 'integer' || type.includes('integer')) return `Enter a whole number for ${quoted(label, 'en')}.`;
    if (ctx.kind === 'number' || type.includes('number')) return `Enter a number for ${quoted(label, 'en')}.`;
    return `${subject(label, 'en')} is not the expected kind of answer.`;
  },
  enum: (label) => `Select one of the options offered for ${quoted(label, 'en')}.`,
  const: (label, p, ctx) =>
    ctx.kind === 'boolean' && p.allowedValue === true
      ? withStop(`Please confirm: ${label}`)
      : `${subject(label, 'en')} only allows “${String(p.allowedValue)}”.`,
  minItems: (label, p, ctx) => {
    const n = Number(p.limit);
    if (ctx.kind === 'file')
      return n === 1 ? en.required(label, p, ctx) : `Upload at least ${n} files for ${quoted(label, 'en')}.`;
    const r = quoted(label, 'en');
    if (isMulti(ctx))
      return n === 1 ? `Select at least one option for ${r}.` : `Select at least ${n} options for ${r}.`;
    return n === 1 ? `Add at least one entry to ${r}.` : `Add at least ${n} entries to ${r}.`;
  },
  maxItems: (label, p, ctx) => {
    const n = Number(p.limit);
    const r = quoted(label, 'en');
    if (isMulti(ctx))
      return n === 1 ? `Select no more than one option for ${r}.` : `Select no more than ${n} options for ${r}.`;
    return n === 1
      ? `${subject(label, 'en')} can have at most one entry.`
      : `${subject(label, 'en')} can have at most ${n} entries.`;
  },
  atLeastOne: (_label, p) => `Fill in at least one of ${either(p.labels, 'or', 'en')}.`,
  date: (label, p) => {
    const s = subject(label, 'en');
    const limit = p.other ? `${quoted(String(p.other), 'en')} (${day(p.limit, 'en')})` : day(p.limit, 'en');
    if (p.today && p.comparison === 'max') return `${s} must be today or in the past.`;
    if (p.today && p.comparison === 'min') return `${s} must be today or in the future.`;
    if (p.comparison === 'min') return `${s} must be on or after ${limit}.`;
    if (p.comparison === 'max') return `${s} must be on or before ${limit}.`;
    return `${s} must be ${p.comparison === 'after' ? 'after' : 'before'} ${limit}.`;
  },
  anyOf: (label) => `${subject(label, 'en')} matches none of the allowed forms. Check it.`,
  oneOf: (label) => `${subject(label, 'en')} matches none of the allowed forms. Check it.`,
  not: (label) => `This answer is not possible for ${quoted(label, 'en')}. Change it.`,
  uniqueItems: (label, p, ctx) =>
    isMulti(ctx)
      ? `Select each option for ${quoted(label, 'en')} only once.`
      : `${subject(label, 'en')} has identical entries (number ${Number(p.j) + 1} and ${Number(p.i) + 1}). Change or remove one of them.`,
};

/** Ajv's own message (German via ajv-i18n) after "Die Angabe bei „…“" / "The answer to “…”". */
function fallback(error: ErrorObject, ctx: MessageContext): string {
  const copy: ErrorObject = { ...error };
  if (ctx.lang === 'de') localizeDe([copy]);
  const text = copy.message ?? (ctx.lang === 'de' ? 'ist nicht gültig' : 'is not valid');
  return withStop(`${subject(ctx.label, ctx.lang)} ${text}`);
}

/** The sentence for one Ajv error of the question described by `ctx`. */
export function describeError(error: ErrorObject, ctx: MessageContext): string {
  // An empty list is reported as `required` (the answers leave empty lists out): then the form's own
  // minItems sentence says what it asks for, unless it has an own required one.
  const custom =
    ctx.custom?.[error.keyword] ??
    (error.keyword === 'required' && (ctx.kind === 'array' || ctx.kind === 'multi') ? ctx.custom?.minItems : undefined);
  if (custom) return custom;
  const sentence = (ctx.lang === 'de' ? de : en)[error.keyword];
  return sentence?.(ctx.label, error.params as Params, ctx) ?? fallback(error, ctx);
}
