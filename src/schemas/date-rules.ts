/**
 * Dates relative to today or to another answer, which JSON Schema cannot say (`formatMinimum` is a
 * proposal nobody validates): `"x-ozg": {"date": {"max": "today"}}` on a `format: date` question.
 * One pure function, used by the browser's and the gateway's FormValidator alike (validator.ts).
 *
 * A bound is "today", "today+P14D" / "today-P18Y" (an ISO 8601 duration of years, months, weeks,
 * days), a date ("2027-01-01"), or "/name": the answer to the question `name` of the same object
 * ("the end after the start"). `min`/`max` include the bound, `after`/`before` exclude it. A bound
 * whose answer is missing or no date is not checked (the other question says what is missing).
 */
import type { ErrorObject } from 'ajv';
import type { JsonSchema } from './types.js';

export interface DateRule {
  min?: string;
  max?: string;
  after?: string;
  before?: string;
}

export type DateComparison = keyof DateRule;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const RELATIVE = /^today(?:([+-])P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?)?$/;

/** Today in the local time zone as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether a bound is written in the syntax above (for the checker). */
export function isDateBound(bound: unknown): boolean {
  if (typeof bound !== 'string') return false;
  const relative = RELATIVE.exec(bound);
  if (relative) return !relative[1] || relative.slice(2).some((part) => part !== undefined);
  return ISO_DATE.test(bound) || /^\/[^/]+$/.test(bound);
}

/** The date a bound stands for, or undefined when it cannot be known (yet). */
export function boundDate(bound: string, today: string, sibling: (name: string) => unknown): string | undefined {
  if (ISO_DATE.test(bound)) return bound;
  if (bound.startsWith('/')) {
    const other = sibling(bound.slice(1).replace(/~1/g, '/').replace(/~0/g, '~'));
    return typeof other === 'string' && ISO_DATE.test(other) ? other : undefined;
  }
  const match = RELATIVE.exec(bound);
  if (!match) return undefined;
  const [y, m, d] = today.split('-').map(Number);
  const sign = match[1] === '-' ? -1 : 1;
  const [years, months, weeks, days] = match.slice(2).map((part) => sign * Number(part ?? 0));
  // Month arithmetic as people count: 31 January + 1 month is the last day of February.
  const firstOfMonth = new Date(Date.UTC(y + years, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth() + 1, 0)).getUTCDate();
  const date = new Date(
    Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth(), Math.min(d, lastDay) + 7 * weeks + days),
  );
  return date.toISOString().slice(0, 10);
}

/** The error of one date answer against its rule, or undefined. `sibling` reads the answers of the
 * same object. */
export function dateRuleError(
  rule: DateRule,
  value: unknown,
  today: string,
  sibling: (name: string) => unknown,
): ErrorObject | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined; // `format` says it
  const checks: Array<[DateComparison, (limit: string) => boolean]> = [
    ['min', (limit) => value >= limit],
    ['max', (limit) => value <= limit],
    ['after', (limit) => value > limit],
    ['before', (limit) => value < limit],
  ];
  for (const [comparison, holds] of checks) {
    const bound = rule[comparison];
    if (typeof bound !== 'string') continue;
    const limit = boundDate(bound, today, sibling);
    if (limit === undefined || holds(limit)) continue;
    return {
      keyword: 'date',
      instancePath: '',
      schemaPath: `#/x-ozg/date/${comparison}`,
      params: { comparison, limit, bound, today: bound.startsWith('today') && limit === today },
    };
  }
  return undefined;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The date rule errors of `value` against `schema` (a subschema of `definition`), with instance paths
 * relative to `value`. `parent` is the object holding `value`, for a rule on `value` itself that
 * names a sibling. Follows local `$ref`s, properties of branches (allOf, then/else, oneOf/anyOf) and
 * the entries of arrays; answers that are not there are not checked.
 */
export function dateRuleErrors(
  definition: JsonSchema,
  schema: unknown,
  value: unknown,
  today: string,
  parent?: Obj,
): ErrorObject[] {
  const errors: ErrorObject[] = [];
  const walk = (node: unknown, answer: unknown, holder: Obj | undefined, path: string, depth: number): void => {
    if (!isObj(node) || depth > 32 || answer === undefined) return;
    let current: Obj = node;
    for (let n = 0; n < 16 && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); n++) {
      let target: unknown = definition;
      for (const raw of current.$ref.slice(2).split('/'))
        target = isObj(target) ? target[decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
      if (!isObj(target)) break;
      const { $ref: _followed, ...siblings } = current;
      current = { ...target, ...siblings, $ref: target.$ref };
    }
    const x = isObj(current['x-ozg']) ? current['x-ozg'] : undefined;
    if (x && isObj(x.date)) {
      const error = dateRuleError(x.date as DateRule, answer, today, (name) => holder?.[name]);
      if (error) errors.push({ ...error, instancePath: path });
    }
    const parts: unknown[] = [current, current.then, current.else];
    for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(current[key])) parts.push(...current[key]);
    if (isObj(answer)) {
      const seen = new Set<string>();
      for (const part of parts) {
        if (!isObj(part) || !isObj(part.properties)) continue;
        for (const [name, sub] of Object.entries(part.properties)) {
          if (seen.has(name) || !(name in answer)) continue;
          seen.add(name);
          walk(sub, answer[name], answer, `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
        }
      }
    } else if (Array.isArray(answer) && isObj(current.items)) {
      answer.forEach((item, i) => walk(current.items, item, undefined, `${path}/${i}`, depth + 1));
    }
  };
  walk(schema, value, parent, '', 0);
  return errors;
}
