/**
 * Answer sets derived from a form definition, for walking a form through its steps in an audit:
 * a valid one (first options, the formats' valid examples, limits respected) and an invalid one
 * (required questions left empty, formatted answers wrong), so every step also shows its error state.
 * Deterministic: the same definition always yields the same answers.
 */
import { boundDate, localToday } from '../../schemas/date-rules.js';
import { MAX_LIST_ENTRIES } from '../../schemas/check/limits.js';

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  if?: Schema;
  then?: Schema;
  else?: Schema;
  $ref?: string;
};

export type AnswerMode = 'valid' | 'invalid';

/** Valid examples of the formats ozg-form knows (JSON Schema's and the German ones). */
export const FORMAT_EXAMPLES: Record<string, string> = {
  date: '2020-03-03',
  'date-time': '2020-03-03T10:00:00Z',
  time: '10:00:00',
  email: 'erika.mustermann@example.org',
  uri: 'https://www.example.org/',
  'de-postal-code': '12345',
  iban: 'DE89370400440532013000',
  'de-phone': '030 1234567',
  'de-tax-id': '86095742719',
};

/** Tried in turn against a `pattern` without an example in the definition. */
const PATTERN_CANDIDATES = [
  '12',
  '12a',
  'Muster',
  'A-012345',
  'MU-AB 1234',
  '07:30',
  '12345',
  '123456789012345',
  'AB12',
  'A',
  '1',
  'DE89370400440532013000',
  '2020-03-03',
  'muster@example.org',
];

function resolve(schema: Schema | undefined, root: Schema): Schema | undefined {
  let current = schema;
  for (let guard = 0; current?.$ref && guard < 20; guard++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/'))
      target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    current = { ...(target as Schema), ...Object.fromEntries(Object.entries(current).filter(([k]) => k !== '$ref')) };
  }
  return current;
}

function typeOf(schema: Schema): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type) return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function firstOption(schema: Schema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const options = schema.oneOf ?? schema.anyOf;
  const option = options?.find((o) => o.const !== undefined || o.enum);
  return option ? (option.const ?? option.enum?.[0]) : undefined;
}

function patternMatcher(pattern: string): (value: string) => boolean {
  try {
    const re = new RegExp(pattern, 'u');
    return (value) => re.test(value);
  } catch {
    return () => false;
  }
}

function stringAnswer(schema: Schema, mode: AnswerMode): string | undefined {
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
  if (mode === 'invalid') return format || pattern ? '?' : undefined;
  const examples = Array.isArray(schema.examples)
    ? (schema.examples.filter((e) => typeof e === 'string') as string[])
    : [];
  if (typeof schema.default === 'string') examples.unshift(schema.default);
  const ok = (v: string) =>
    (!pattern || patternMatcher(pattern)(v)) &&
    (typeof schema.minLength !== 'number' || v.length >= schema.minLength) &&
    (typeof schema.maxLength !== 'number' || v.length <= schema.maxLength);
  const candidates = [
    ...examples,
    ...(format && FORMAT_EXAMPLES[format] ? [FORMAT_EXAMPLES[format]] : []),
    'Muster',
    ...(pattern ? PATTERN_CANDIDATES : []),
  ];
  const found = candidates.find(ok);
  if (found !== undefined) return found;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  return 'Mustertext'.padEnd(min, 'x').slice(0, typeof schema.maxLength === 'number' ? schema.maxLength : undefined);
}

function numberAnswer(schema: Schema, integer: boolean): number {
  if (typeof schema.default === 'number') return schema.default;
  const min =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + (integer ? 1 : 0.5)
        : undefined;
  const max =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - (integer ? 1 : 0.5)
        : undefined;
  let value = min ?? Math.min(1, max ?? 1);
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0)
    value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return integer ? Math.ceil(value) : value;
}

/** Whether `data` satisfies the simple conditions an `if` of a form uses (const, enum, required). */
export function matchesCondition(condition: Schema | undefined, data: unknown, root: Schema): boolean {
  const cond = resolve(condition, root);
  if (!cond) return true;
  if (cond.const !== undefined && data !== cond.const) return false;
  if (cond.enum && !cond.enum.includes(data)) return false;
  if (cond.not) return !matchesCondition(cond.not as Schema, data, root);
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  if (cond.required?.some((k) => record[k] === undefined)) return false;
  for (const [key, sub] of Object.entries(cond.properties ?? {})) {
    if (record[key] !== undefined && !matchesCondition(sub, record[key], root)) return false;
  }
  return (cond.allOf ?? []).every((s) => matchesCondition(s, data, root));
}

function objectAnswer(schema: Schema, root: Schema, mode: AnswerMode, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fill = (s: Schema | undefined) => {
    const r = resolve(s, root);
    for (const [key, sub] of Object.entries(r?.properties ?? {})) {
      if (out[key] !== undefined) continue;
      const value = answer(sub, root, mode, depth + 1);
      if (value !== undefined) out[key] = value;
    }
  };
  fill(schema);
  // Conditional questions: add the branch the answers so far select (again, for chained conditions).
  const conditionals = [schema, ...(schema.allOf ?? []).map((s) => resolve(s, root)!)].filter((s) => s.if);
  for (let round = 0; round < 3; round++) {
    for (const c of conditionals) fill(matchesCondition(c.if, out, root) ? c.then : c.else);
    for (const [key, dependent] of Object.entries((schema.dependentSchemas ?? {}) as Record<string, Schema>)) {
      if (out[key] !== undefined) fill(dependent);
    }
  }
  if (mode === 'valid') {
    const questions = [schema, ...conditionals.flatMap((c) => [c.then, c.else])].flatMap((s) =>
      Object.entries(resolve(s, root)?.properties ?? {}),
    );
    // Twice: a date bounded by another ("/von") follows that one's own correction.
    for (let round = 0; round < 2; round++)
      for (const [key, sub] of questions) fitDateRule(out, key, resolve(sub, root));
  }
  return out;
}

/** Moves the example date of a question with x-ozg.date (relative to today or to another answer of the
 * object) inside its bounds, so that the walk gets past a step like "Gültig ab: frühestens heute". */
function fitDateRule(out: Record<string, unknown>, key: string, schema: Schema | undefined): void {
  const rule = (schema?.['x-ozg'] as { date?: Record<string, unknown> } | undefined)?.date;
  const given = out[key];
  if (!rule || typeof given !== 'string') return;
  let value = given;
  const today = localToday();
  const shift = (date: string, days: number) =>
    boundDate(`today${days < 0 ? '-' : '+'}P${Math.abs(days)}D`, date, () => undefined)!;
  for (const [comparison, raw] of Object.entries(rule)) {
    const bound = typeof raw === 'string' ? boundDate(raw, today, (name) => out[name]) : undefined;
    if (!bound) continue;
    if (comparison === 'min' && value < bound) value = bound;
    if (comparison === 'after' && value <= bound) value = shift(bound, 1);
    if (comparison === 'max' && value > bound) value = bound;
    if (comparison === 'before' && value >= bound) value = shift(bound, -1);
  }
  out[key] = value;
}

/** An answer for `schema` (undefined: leave the question unanswered). */
export function answer(schema: Schema | undefined, root: Schema, mode: AnswerMode = 'valid', depth = 0): unknown {
  const s = resolve(schema, root);
  if (!s || depth > 12) return undefined;
  const xOzg = (s['x-ozg'] ?? {}) as Record<string, unknown>;
  if (xOzg.file) return undefined; // files are uploaded, not answered
  const option = firstOption(s);
  if (option !== undefined) return mode === 'valid' ? option : undefined;
  switch (typeOf(s)) {
    case 'object':
      return objectAnswer(s, root, mode, depth);
    case 'array': {
      const items = resolve(s.items, root);
      if (!items) return undefined;
      const option = firstOption(items);
      if (option !== undefined) return mode === 'valid' ? [option] : undefined;
      if (mode === 'invalid') return undefined;
      // As many entries as the list asks for, but no more than the checker allows (a FIM "anzahl" of
      // 1000000000:* would fill the memory before the form could be audited).
      const count = Math.min(MAX_LIST_ENTRIES, Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1));
      const item = answer(items, root, mode, depth + 1);
      return item === undefined ? undefined : Array.from({ length: count }, () => item);
    }
    case 'string':
      return stringAnswer(s, mode);
    case 'integer':
      return mode === 'valid' ? numberAnswer(s, true) : undefined;
    case 'number':
      return mode === 'valid' ? numberAnswer(s, false) : undefined;
    case 'boolean':
      return mode === 'valid' ? true : undefined;
    default:
      return undefined;
  }
}

/** The answer set of a whole definition. */
export function answerSet(definition: Record<string, unknown>, mode: AnswerMode): Record<string, unknown> {
  const root = definition as Schema;
  return (answer(root, root, mode) as Record<string, unknown> | undefined) ?? {};
}
