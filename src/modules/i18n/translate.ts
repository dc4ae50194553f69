/**
 * The one translator of ozg-form's interface texts. Each element keeps one `{de, en}` table; a text
 * is a template with `{name}` parameters, or one template per plural category of `Intl.PluralRules`
 * chosen by a numeric parameter ("Bis zu 1 Datei." / "Bis zu 3 Dateien."). A parameter that is not
 * given stays visible as `{name}` (everywhere the same, and easy to spot).
 */
import type { Lang } from '../../schemas/types.js';

export type Params = Record<string, string | number>;

/** A text that depends on a number: `by` names the parameter, the other keys are plural categories
 * (`one`, `other`, …); `other` is required. */
export interface Plural {
  by: string;
  other: string;
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
}

export type Text = string | Plural;

const rules = new Map<Lang, Intl.PluralRules>();

function category(lang: Lang, n: number): Intl.LDMLPluralRule {
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(lang)));
  return rule.select(n);
}

/** Puts the parameters into a template; unknown ones stay as `{name}`. */
export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translate(lang: Lang, text: Text, params?: Params): string {
  if (typeof text === 'string') return fill(text, params);
  return fill(text[category(lang, Number(params?.[text.by]))] ?? text.other, params);
}

/** The translate function of one table; a text missing in English falls back to German. */
export function translator<T extends Record<string, Text>>(table: { de: T; en: { [K in keyof T]?: Text } }) {
  return (lang: Lang, key: keyof T & string, params?: Params): string =>
    translate(lang, (lang === 'en' ? table.en[key] : undefined) ?? table.de[key], params);
}
