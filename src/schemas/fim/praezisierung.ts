/**
 * A Datenfeld's Präzisierung (length, value range, pattern) on its question. Whatever cannot be
 * checked as FIM meant it is said as a warning: a limit the datentyp cannot carry, a value that is no
 * limit (`minLength "abc"`, `maxLength "-5"`), limits that contradict each other (`minLength` 60,
 * `maxLength` 5: nobody could answer, so neither is kept), an invalid pattern, a pattern a browser may
 * need exponential time for (it would freeze the page of the person typing; the checker refuses it).
 */
import { contradictions } from '../check/limits.js';
import { backtracksExponentially } from '../pattern-problems.js';
import type { FimField } from './read.js';
import type { Texts } from './xml.js';

type Schema = Record<string, unknown>;

/** An XSD pattern (implicitly anchored) as a JSON Schema pattern (unanchored). */
function anchored(pattern: string): string | undefined {
  const source = `^(?:${pattern})$`;
  try {
    new RegExp(source, 'u');
    return source;
  } catch {
    return undefined;
  }
}

/** The keywords a contradiction is about, by the keyword it is reported at. */
const PAIRS: Record<string, string[]> = {
  minLength: ['minLength', 'maxLength'],
  minimum: ['minimum', 'maximum'],
};

/** Sets the Präzisierung of `field` on `schema` (and `x`, its x-ozg) and warns about what is left out. */
export function applyPraezisierung(field: FimField, schema: Schema, x: Schema, warn: (message: Texts) => void): void {
  const { praezisierung: p, feldart, title } = field;
  const numeric = schema.type === 'number' || schema.type === 'integer';
  const textual = schema.type === 'string' && !schema.enum && !schema.format;
  const unused: string[] = [];
  // Each limit becomes its keyword where the question's type has it, else it is named as left out.
  const limits = [
    ['minLength', 'minLength', textual],
    ['maxLength', 'maxLength', textual],
    ['minValue', 'minimum', numeric],
    ['maxValue', 'maximum', numeric],
  ] as const;
  for (const [fim, keyword, fits] of limits) {
    if (p[fim] === undefined) continue;
    if (fits) schema[keyword] = p[fim];
    else unused.push(fim);
  }
  // feldart input is one line; the form would make a text over 200 characters multi-line (e-mail: 254).
  if (textual && feldart === 'input' && p.maxLength !== undefined && p.maxLength > 200 && p.maxLength <= 255)
    x.widget = 'text';
  if (p.pattern !== undefined) {
    const pattern = textual ? anchored(p.pattern) : undefined;
    if (pattern && backtracksExponentially(pattern))
      warn({
        de: `Das Muster „${p.pattern}“ bei „${title}“ wird nicht übernommen: Es enthält eine Wiederholung in einer Wiederholung, für die ein Browser exponentiell lange brauchen kann (schon 30 Zeichen halten die Seite Sekunden an). Schreiben Sie es so, dass jedes Zeichen nur auf eine Art passt, und tragen Sie es als pattern ein; ozg-form-check prüft es.`,
        en: `The pattern "${p.pattern}" of "${title}" is not taken over: it has a repetition inside a repetition, for which a browser can need exponential time (30 characters already hold the page for seconds). Write it so that every character can match in one way only and enter it as pattern; ozg-form-check checks it.`,
      });
    else if (pattern) schema.pattern = pattern;
    else unused.push(`pattern ${p.pattern}`);
  }
  if (unused.length || field.praezisierungProblem) {
    const what = field.praezisierungProblem ? `„${field.praezisierungProblem}“` : unused.join(', ');
    warn({
      de: `Präzisierung ${what} bei „${title}“ ist für diesen Datentyp nicht umsetzbar und wird nicht geprüft.`,
      en: `Präzisierung ${what} of "${title}" cannot be expressed for this datentyp and is not checked.`,
    });
  }
  if (field.praezisierungInvalid) {
    const list = field.praezisierungInvalid;
    warn({
      de: `Präzisierung ${list.map((i) => `${i.key} „${i.text}“`).join(', ')} bei „${title}“ ist ungültig (Längen: ganze Zahlen ab 0; Werte: Zahlen) und wird nicht geprüft.`,
      en: `Präzisierung ${list.map((i) => `${i.key} "${i.text}"`).join(', ')} of "${title}" is not valid (lengths: whole numbers from 0; values: numbers) and is not checked.`,
    });
  }
  for (const c of contradictions(schema)) {
    const keys = PAIRS[c.keyword];
    if (!keys) continue;
    for (const key of keys) delete schema[key];
    if (keys[0] === 'minLength') delete x.widget;
    warn({
      de: `Präzisierung bei „${title}“ ist widersprüchlich: ${c.message.de}. Niemand könnte das Feld ausfüllen; ${keys.join(' und ')} werden nicht übernommen.`,
      en: `Präzisierung of "${title}" is contradictory: ${c.message.en}. Nobody could fill in the field; ${keys.join(' and ')} are left out.`,
    });
  }
}
