/**
 * Error sentences a person reads, by JSON Schema keyword, in German and English. They name the
 * question by its label, so they work both beside the field and in the error summary.
 */
import type { ErrorObject } from 'ajv';
import localizeDe from 'ajv-i18n/localize/de/index.js';
import { formatMessages } from './formats.js';

export type Lang = 'de' | 'en';

export interface MessageContext {
  /** The field's label in the current language. */
  label: string;
  lang: Lang;
  kind: 'text' | 'textarea' | 'email' | 'tel' | 'url' | 'date' | 'number' | 'integer' | 'boolean' | 'choice' | 'multi' | 'object' | 'array' | 'file';
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

const de: Record<string, Sentence> = {
  required: (label, _p, ctx) => {
    if (ctx.kind === 'boolean') return withStop(`Bitte bestätigen Sie: ${label}`);
    if (ctx.kind === 'choice') return `Bitte wählen Sie ${label} aus.`;
    if (ctx.kind === 'multi') return `Bitte wählen Sie mindestens eine Angabe bei ${label} aus.`;
    if (ctx.kind === 'array') return `Bitte fügen Sie bei ${label} mindestens einen Eintrag hinzu.`;
    if (ctx.kind === 'object') return `Bitte füllen Sie ${label} aus.`;
    return `Bitte geben Sie ${label} an.`;
  },
  minLength: (label, p) =>
    p.limit === 1 ? `Bitte geben Sie ${label} an.` : `Bitte geben Sie bei ${label} mindestens ${p.limit} Zeichen ein.`,
  maxLength: (label, p) => `${label} darf höchstens ${p.limit} Zeichen lang sein.`,
  pattern: (label) => `Bitte prüfen Sie die Angabe bei ${label}: Sie hat nicht das erwartete Format.`,
  format: (label, p) =>
    formatMessages.de[String(p.format)] ?? `Bitte prüfen Sie die Angabe bei ${label}: Sie hat nicht das erwartete Format.`,
  minimum: (label, p) => `${label} muss mindestens ${num(p.limit, 'de')} sein.`,
  maximum: (label, p) => `${label} darf höchstens ${num(p.limit, 'de')} sein.`,
  exclusiveMinimum: (label, p) => `${label} muss größer als ${num(p.limit, 'de')} sein.`,
  exclusiveMaximum: (label, p) => `${label} muss kleiner als ${num(p.limit, 'de')} sein.`,
  multipleOf: (label, p) => {
    const places = decimalPlaces(Number(p.multipleOf));
    if (places === 1) return `Bitte geben Sie bei ${label} höchstens eine Nachkommastelle ein.`;
    if (places) return `Bitte geben Sie bei ${label} höchstens ${places} Nachkommastellen ein.`;
    if (p.multipleOf === 1) return `Bitte geben Sie bei ${label} eine ganze Zahl ein.`;
    return `${label} muss ein Vielfaches von ${num(p.multipleOf, 'de')} sein.`;
  },
  type: (label, p, ctx) => {
    const type = String(p.type);
    if (ctx.kind === 'integer' || type.includes('integer')) return `Bitte geben Sie bei ${label} eine ganze Zahl ein.`;
    if (ctx.kind === 'number' || type.includes('number')) return `Bitte geben Sie bei ${label} eine Zahl ein.`;
    return `Die Angabe bei ${label} hat nicht die erwartete Art.`;
  },
  enum: (label) => `Bitte wählen Sie bei ${label} eine der angebotenen Möglichkeiten aus.`,
  const: (label, p, ctx) =>
    ctx.kind === 'boolean' && p.allowedValue === true
      ? withStop(`Bitte bestätigen Sie: ${label}`)
      : `Bei ${label} ist nur „${String(p.allowedValue)}“ zulässig.`,
  minItems: (label, p, ctx) => {
    const n = Number(p.limit);
    if (isMulti(ctx)) return n === 1 ? `Bitte wählen Sie mindestens eine Angabe bei ${label} aus.` : `Bitte wählen Sie bei ${label} mindestens ${n} Angaben aus.`;
    return n === 1 ? `Bitte fügen Sie bei ${label} mindestens einen Eintrag hinzu.` : `Bitte fügen Sie bei ${label} mindestens ${n} Einträge hinzu.`;
  },
  maxItems: (label, p, ctx) => {
    const n = Number(p.limit);
    if (isMulti(ctx)) return n === 1 ? `Bitte wählen Sie bei ${label} höchstens eine Angabe aus.` : `Bitte wählen Sie bei ${label} höchstens ${n} Angaben aus.`;
    return n === 1 ? `${label} darf höchstens einen Eintrag haben.` : `${label} darf höchstens ${n} Einträge haben.`;
  },
  uniqueItems: (label, p, ctx) =>
    isMulti(ctx)
      ? `Bitte wählen Sie bei ${label} jede Angabe nur einmal aus.`
      : `${label} enthält gleiche Einträge (Nummer ${Number(p.j) + 1} und ${Number(p.i) + 1}). Bitte ändern oder entfernen Sie einen davon.`,
};

const en: Record<string, Sentence> = {
  required: (label, _p, ctx) => {
    if (ctx.kind === 'boolean') return withStop(`Please confirm: ${label}`);
    if (ctx.kind === 'choice') return `Select ${label}.`;
    if (ctx.kind === 'multi') return `Select at least one option for ${label}.`;
    if (ctx.kind === 'array') return `Add at least one entry to ${label}.`;
    if (ctx.kind === 'object') return `Fill in ${label}.`;
    return `Enter ${label}.`;
  },
  minLength: (label, p) =>
    p.limit === 1 ? `Enter ${label}.` : `${label} must be at least ${p.limit} characters long.`,
  maxLength: (label, p) => `${label} must be ${p.limit} characters or fewer.`,
  pattern: (label) => `Check ${label}: it is not in the expected format.`,
  format: (label, p) => formatMessages.en[String(p.format)] ?? `Check ${label}: it is not in the expected format.`,
  minimum: (label, p) => `${label} must be ${num(p.limit, 'en')} or more.`,
  maximum: (label, p) => `${label} must be ${num(p.limit, 'en')} or less.`,
  exclusiveMinimum: (label, p) => `${label} must be more than ${num(p.limit, 'en')}.`,
  exclusiveMaximum: (label, p) => `${label} must be less than ${num(p.limit, 'en')}.`,
  multipleOf: (label, p) => {
    const places = decimalPlaces(Number(p.multipleOf));
    if (places === 1) return `${label} can have at most one decimal place.`;
    if (places) return `${label} can have at most ${places} decimal places.`;
    if (p.multipleOf === 1) return `Enter a whole number for ${label}.`;
    return `${label} must be a multiple of ${num(p.multipleOf, 'en')}.`;
  },
  type: (label, p, ctx) => {
    const type = String(p.type);
    if (ctx.kind === 'integer' || type.includes('integer')) return `Enter a whole number for ${label}.`;
    if (ctx.kind === 'number' || type.includes('number')) return `Enter a number for ${label}.`;
    return `${label} is not the expected kind of answer.`;
  },
  enum: (label) => `Select one of the options offered for ${label}.`,
  const: (label, p, ctx) =>
    ctx.kind === 'boolean' && p.allowedValue === true
      ? withStop(`Please confirm: ${label}`)
      : `${label} only allows “${String(p.allowedValue)}”.`,
  minItems: (label, p, ctx) => {
    const n = Number(p.limit);
    if (isMulti(ctx)) return n === 1 ? `Select at least one option for ${label}.` : `Select at least ${n} options for ${label}.`;
    return n === 1 ? `Add at least one entry to ${label}.` : `Add at least ${n} entries to ${label}.`;
  },
  maxItems: (label, p, ctx) => {
    const n = Number(p.limit);
    if (isMulti(ctx)) return n === 1 ? `Select no more than one option for ${label}.` : `Select no more than ${n} options for ${label}.`;
    return n === 1 ? `${label} can have at most one entry.` : `${label} can have at most ${n} entries.`;
  },
  uniqueItems: (label, p, ctx) =>
    isMulti(ctx)
      ? `Select each option for ${label} only once.`
      : `${label} has identical entries (number ${Number(p.j) + 1} and ${Number(p.i) + 1}). Change or remove one of them.`,
};

/** Ajv's own message (German via ajv-i18n), prefixed with the label. */
function fallback(error: ErrorObject, ctx: MessageContext): string {
  const copy: ErrorObject = { ...error };
  if (ctx.lang === 'de') localizeDe([copy]);
  const text = copy.message ?? (ctx.lang === 'de' ? 'ist nicht gültig' : 'is not valid');
  return withStop(`${ctx.label} ${text}`);
}

/** The sentence for one Ajv error of the question described by `ctx`. */
export function describeError(error: ErrorObject, ctx: MessageContext): string {
  const custom = ctx.custom?.[error.keyword];
  if (custom) return custom;
  const sentence = (ctx.lang === 'de' ? de : en)[error.keyword];
  return sentence?.(ctx.label, error.params as Params, ctx) ?? fallback(error, ctx);
}
