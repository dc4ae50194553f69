import type { ChoiceNode, ChoiceOption, JsonSchema, Lang, TextOverrides } from './types.js';

type TextKey = 'title' | 'description' | 'help' | 'placeholder' | 'itemTitle' | 'addLabel';

interface Textual {
  title?: string;
  description?: string;
  'x-ozg'?: { i18n?: Partial<Record<Lang, TextOverrides>> } & Partial<Record<TextKey, string>>;
}

/**
 * A text of a definition in the wanted language. German texts stand in the schema itself
 * (`title`, `description`, `x-ozg.help`, …), translations under `x-ozg.i18n.<lang>`; a missing
 * translation falls back to German.
 */
export function text(schema: Textual | undefined, key: TextKey, lang: Lang): string | undefined {
  if (!schema) return undefined;
  const ann = schema['x-ozg'];
  const translated = lang === 'de' ? undefined : ann?.i18n?.[lang]?.[key];
  if (typeof translated === 'string') return translated;
  // Not a string (title: { de: … }, a mistake the checker names): as if missing, never "[object Object]".
  const base = key === 'title' || key === 'description' ? schema[key] : ann?.[key];
  return typeof base === 'string' ? base : undefined;
}

/** A readable label even when a definition forgot its title: the property name, spaced. */
export function labelOf(schema: JsonSchema, key: string, lang: Lang): string {
  return text(schema, 'title', lang) ?? key.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** The label of one option of a choice. */
export function optionLabel(owner: JsonSchema, option: ChoiceOption, lang: Lang): string {
  if (option.schema) return text(option.schema, 'title', lang) ?? String(option.value);
  const ann = owner['x-ozg'];
  const key = String(option.value);
  const translated = lang === 'de' ? undefined : ann?.i18n?.[lang]?.enumLabels?.[key];
  return translated ?? ann?.enumLabels?.[key] ?? key;
}

/** The label of one option of a choice question. For a multiple choice the labels may stand on the
 * array or on its `items`. */
export function choiceLabel(node: ChoiceNode, option: ChoiceOption, lang: Lang): string {
  const own = optionLabel(node.schema, option, lang);
  return own === String(option.value) && node.schema.items ? optionLabel(node.schema.items, option, lang) : own;
}

/** Own error messages of a question (`x-ozg.errors`), in the wanted language. */
export function customErrors(schema: JsonSchema, lang: Lang): Record<string, string> | undefined {
  const ann = schema['x-ozg'];
  if (!ann) return undefined;
  const base = ann.errors;
  const translated = lang === 'de' ? undefined : ann.i18n?.[lang]?.errors;
  if (!base && !translated) return undefined;
  return { ...base, ...translated };
}
