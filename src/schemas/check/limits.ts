/**
 * Limits that contradict each other, so that no answer can be valid and nobody can send the form:
 * `minLength` above `maxLength`, a lower bound above the upper one (`minimum`/`exclusiveMinimum`
 * against `maximum`/`exclusiveMaximum`, also no whole number between them for `integer`), `minItems`
 * above `maxItems` or above the number of options of a multiple choice with `uniqueItems`, and date
 * rules (`x-ozg.date`) whose earliest day is after their latest. Used by the checker and, on its
 * output, by the FIM import.
 */
import type { DefinitionProblem } from '../check.js';
import { boundDate } from '../date-rules.js';
import { choiceValues, isObj, problem, questions, questionTitle, type Obj } from './walk.js';

export interface Contradiction {
  /** The keyword the problem is reported at (the first of the pair). */
  keyword: string;
  /** The contradiction in words, without the question's name. */
  message: { de: string; en: string };
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function pair(schema: Obj, low: string, high: string): Contradiction | undefined {
  const min = num(schema[low]);
  const max = num(schema[high]);
  if (min === undefined || max === undefined || min <= max) return undefined;
  return {
    keyword: low,
    message: {
      de: `${low} ${min} ist größer als ${high} ${max}`,
      en: `${low} ${min} is greater than ${high} ${max}`,
    },
  };
}

/** The bounds of a number question: no number (or, for `integer`, no whole number) lies between them. */
function numberRange(schema: Obj): Contradiction | undefined {
  const lows = [
    ['minimum', num(schema.minimum), false],
    ['exclusiveMinimum', num(schema.exclusiveMinimum), true],
  ].filter((b): b is [string, number, boolean] => b[1] !== undefined);
  const highs = [
    ['maximum', num(schema.maximum), false],
    ['exclusiveMaximum', num(schema.exclusiveMaximum), true],
  ].filter((b): b is [string, number, boolean] => b[1] !== undefined);
  const integer = schema.type === 'integer' || (Array.isArray(schema.type) && schema.type.includes('integer'));
  for (const [lowKey, low, lowOpen] of lows) {
    for (const [highKey, high, highOpen] of highs) {
      let empty = low > high || (low === high && (lowOpen || highOpen));
      if (!empty && integer) {
        const first = lowOpen ? Math.floor(low) + 1 : Math.ceil(low);
        const last = highOpen ? Math.ceil(high) - 1 : Math.floor(high);
        empty = first > last;
      }
      if (!empty) continue;
      if (low > high) return pair({ [lowKey]: low, [highKey]: high }, lowKey, highKey);
      const what = integer ? { de: 'keine ganze Zahl', en: 'no whole number' } : { de: 'keine Zahl', en: 'no number' };
      return {
        keyword: lowKey,
        message: {
          de: `${lowKey} ${low} und ${highKey} ${high} lassen ${what.de} zu`,
          en: `${lowKey} ${low} and ${highKey} ${high} allow ${what.en}`,
        },
      };
    }
  }
  return undefined;
}

/** A date rule with fixed bounds (dates, or both relative to today) whose earliest day is after the latest. */
function dateRange(schema: Obj): Contradiction | undefined {
  const x = isObj(schema['x-ozg']) ? schema['x-ozg'] : {};
  if (!isObj(x.date)) return undefined;
  const rule = x.date;
  const today = '2000-06-15'; // any day: bounds relative to today move together
  const fixed = (key: string) => {
    const bound = rule[key];
    if (typeof bound !== 'string' || bound.startsWith('/')) return undefined;
    const date = boundDate(bound, today, () => undefined);
    return date && { key, bound, date, relative: bound.startsWith('today') };
  };
  for (const low of ['min', 'after'].map(fixed)) {
    for (const high of ['max', 'before'].map(fixed)) {
      if (!low || !high || low.relative !== high.relative) continue;
      const open = low.key === 'after' || high.key === 'before';
      if (low.date < high.date || (low.date === high.date && !open)) continue;
      return {
        keyword: `x-ozg/date/${low.key}`,
        message: {
          de: `x-ozg.date ${low.key} „${low.bound}“ und ${high.key} „${high.bound}“ lassen kein Datum zu`,
          en: `x-ozg.date ${low.key} "${low.bound}" and ${high.key} "${high.bound}" allow no date`,
        },
      };
    }
  }
  return undefined;
}

/** More entries than anybody adds to a list by hand ("anzahl" 1000000000:* from a FIM source). */
export const MAX_LIST_ENTRIES = 1000;

/** Every contradiction among the limits of one question's schema (`root` to follow `$ref`s of its items). */
export function contradictions(schema: Obj, root: Obj = {}): Contradiction[] {
  const found = [pair(schema, 'minLength', 'maxLength'), numberRange(schema), pair(schema, 'minItems', 'maxItems')];
  const minItems = num(schema.minItems);
  if (schema.uniqueItems === true && minItems !== undefined && isObj(schema.items)) {
    const options = choiceValues(root, { items: schema.items });
    if (options && minItems > options.length) {
      found.push({
        keyword: 'minItems',
        message: {
          de: `minItems ${minItems} verlangt mehr verschiedene Antworten, als es Optionen gibt (${options.length})`,
          en: `minItems ${minItems} asks for more different answers than there are options (${options.length})`,
        },
      });
    }
  }
  if (minItems !== undefined && minItems > MAX_LIST_ENTRIES) {
    found.push({
      keyword: 'minItems',
      message: {
        de: `minItems ${minItems} verlangt mehr als ${MAX_LIST_ENTRIES.toLocaleString('de-DE')} Einträge, die niemand in einem Formular hinzufügt`,
        en: `minItems ${minItems} asks for more than ${MAX_LIST_ENTRIES.toLocaleString('en-GB')} entries, which nobody adds in a form`,
      },
    });
  }
  found.push(dateRange(schema));
  return found.filter((c): c is Contradiction => c !== undefined);
}

/** Errors for questions nobody can answer, at the keyword, naming the question and its pointer. */
export function checkLimits(root: Obj): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seen = new Set<string>();
  for (const q of questions(root)) {
    if (seen.has(q.pointer)) continue;
    seen.add(q.pointer);
    const [title, titleEn] = [questionTitle(q), questionTitle(q, 'en')];
    for (const c of contradictions(q.schema, root)) {
      problems.push(
        problem(
          `${q.pointer}/${c.keyword}`,
          `Die Frage „${title}“ (${q.pointer}) kann niemand beantworten: ${c.message.de}. Korrigieren Sie die Grenzen.`,
          `Nobody can answer the question "${titleEn}" (${q.pointer}): ${c.message.en}. Correct the limits.`,
        ),
      );
    }
  }
  return problems;
}
