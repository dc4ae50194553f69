/**
 * Fees (Verwaltungsgebühren) of a form: the rules in `x-ozg.fees` applied to the answers. One pure
 * function serves the review page (what the person sees) and the gateway (what the provider is asked
 * to collect), so the two cannot drift apart. Amounts are integer cents throughout; nothing here
 * rounds.
 */
import { getIn, sameValue } from './data.js';
import type { JsonSchema, Lang } from './types.js';

/** When the fee is paid: before the application is sent, optionally before, or after the decision. */
export type FeePolicy = 'before-submission' | 'optional' | 'deferred';

/** What the person pays: a fee (Gebühr, the default) or a tax (Steuer, e.g. Hundesteuer). It changes
 * only the words the person reads ("Steuer bezahlen"), not the amounts. */
export type FeeKind = 'fee' | 'tax';

/** A test on one answer (pointer relative to the answers, or to an entry for `count.where`). */
export interface FeeCondition {
  pointer: string;
  equals?: unknown;
  in?: unknown[];
  /** The answer is a list (multiple choice) holding at least one of these. */
  contains?: unknown[];
}

/** How many units a fee line counts; without it, one. A number answer counts started units fully
 * (12.2 m² -> 13); a list of quantities multiplies them (m² × days). */
export type FeeQuantity =
  { count: string; where?: FeeCondition } | { value: string } | { days: { from: string; to: string } };

/** One rule in `x-ozg.fees.items`. */
export interface FeeRule {
  id: string;
  description: string;
  i18n?: Partial<Record<Lang, { description?: string }>>;
  /** Price of one unit in cents. */
  amount: number;
  quantity?: FeeQuantity | FeeQuantity[];
  /** Only units from..to (1-based, inclusive) of the quantity are charged on this line. */
  units?: { from?: number; to?: number };
  /** The line applies only when the condition (or every condition of a list) holds. */
  when?: FeeCondition | FeeCondition[];
}

/** `x-ozg.fees` on the root of a definition. */
export interface FeeRules {
  policy: FeePolicy;
  kind?: FeeKind;
  /** Verwendungszweck shown on the bank statement (XBezahldienste `purpose`, <= 27 characters). */
  purpose?: string;
  items: FeeRule[];
}

/** One line of the bill. */
export interface FeeLine {
  id: string;
  description: string;
  quantity: number;
  /** The factors of a quantity that is a product (m² × days: [13, 31] for 403), to show how it came
   * about; only where the whole product is charged. */
  factors?: number[];
  /** Cents per unit. */
  unitAmount: number;
  /** Cents for the line (quantity × unitAmount). */
  amount: number;
}

export interface FeeResult {
  policy: FeePolicy;
  purpose?: string;
  lines: FeeLine[];
  /** Sum of the lines in cents. */
  total: number;
}

/** A quantity larger than this is treated as a mistake in the answers, not as a bill. */
export const MAX_UNITS = 1_000_000;

/** The fee rules of a definition, or undefined when it has none. */
export function feeRules(definition: JsonSchema): FeeRules | undefined {
  const fees = (definition['x-ozg'] as { fees?: FeeRules } | undefined)?.fees;
  return fees && Array.isArray(fees.items) ? fees : undefined;
}

function matches(data: unknown, cond: FeeCondition): boolean {
  const value = getIn(data, cond.pointer);
  if ('equals' in cond) return sameValue(value, cond.equals);
  if (Array.isArray(cond.in)) return cond.in.some((v) => sameValue(value, v));
  if (Array.isArray(cond.contains))
    return Array.isArray(value) && value.some((v) => cond.contains!.some((c) => sameValue(v, c)));
  return value !== undefined && value !== null && value !== '' && value !== false;
}

/** Days from `from` to `to`, both counted (YYYY-MM-DD); 0 when either is missing or `to` is earlier. */
export function daysInclusive(from: unknown, to: unknown): number {
  const parse = (v: unknown) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : NaN;
  const a = parse(from);
  const b = parse(to);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0;
  return Math.round((b - a) / 86_400_000) + 1;
}

function units(answers: unknown, quantity: FeeQuantity | FeeQuantity[] | undefined): number {
  if (!quantity) return 1;
  if (Array.isArray(quantity)) {
    const n = quantity.reduce((product, q) => product * units(answers, q), 1);
    if (n > MAX_UNITS) throw new RangeError(`fee quantity ${n} exceeds ${MAX_UNITS}`);
    return n;
  }
  let n = 0;
  if ('count' in quantity) {
    const list = getIn(answers, quantity.count);
    if (Array.isArray(list))
      n = quantity.where ? list.filter((entry) => matches(entry, quantity.where!)).length : list.length;
  } else if ('value' in quantity) {
    const v = getIn(answers, quantity.value);
    n = typeof v === 'number' && Number.isFinite(v) ? Math.ceil(v - 1e-9) : 0;
  } else if ('days' in quantity) {
    n = daysInclusive(getIn(answers, quantity.days.from), getIn(answers, quantity.days.to));
  }
  if (n < 0) return 0;
  if (n > MAX_UNITS) throw new RangeError(`fee quantity ${n} exceeds ${MAX_UNITS}`);
  return n;
}

function describe(rule: FeeRule, lang: Lang): string {
  return (lang !== 'de' ? rule.i18n?.[lang]?.description : undefined) ?? rule.description;
}

/**
 * The bill for `answers` under the definition's fee rules: one line per rule that applies and counts
 * at least one unit, and the total. Undefined when the definition has no fees.
 */
export function computeFees(definition: JsonSchema, answers: unknown, lang: Lang = 'de'): FeeResult | undefined {
  const rules = feeRules(definition);
  if (!rules) return undefined;
  const lines: FeeLine[] = [];
  for (const rule of rules.items) {
    if (rule.when && ![rule.when].flat().every((cond) => matches(answers, cond))) continue;
    let quantity = units(answers, rule.quantity);
    const from = Math.max(1, rule.units?.from ?? 1);
    const to = rule.units?.to ?? Infinity;
    quantity = Math.max(0, Math.min(quantity, to) - from + 1);
    if (quantity === 0) continue;
    const product = Array.isArray(rule.quantity) && rule.quantity.length > 1 && !rule.units;
    lines.push({
      id: rule.id,
      description: describe(rule, lang),
      quantity,
      ...(product ? { factors: (rule.quantity as FeeQuantity[]).map((q) => units(answers, q)) } : {}),
      unitAmount: rule.amount,
      amount: quantity * rule.amount,
    });
  }
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  return { policy: rules.policy, ...(rules.purpose ? { purpose: rules.purpose } : {}), lines, total };
}

/** Cents as a price in the language's notation: 3070 -> "30,70 €" (de) / "€30.70" (en). */
export function formatAmount(cents: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
}
