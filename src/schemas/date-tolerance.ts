/**
 * Relative date rules ("today", "today+P14D") on a server. The browser reads "today" from the
 * applicant's own calendar; a server cannot know which one that was, and its own time zone is none of
 * the applicant's business. At one moment it is two calendar days somewhere on Earth (UTC−12 to
 * UTC+14), so a server refuses a date rule's answer only when it fails on both: it never refuses what
 * an applicant's own calendar accepted, and it still refuses what no calendar could accept.
 * A receiver reads the rules as of the moment the application was sent, not of the day it opens it.
 *
 * Server code (the gateway's payments and the receiver's check); the browser never loads it.
 */
import type { ErrorObject } from 'ajv';
import type { FormValidator } from './validator.js';

/** The calendar day (YYYY-MM-DD) at `offsetHours` from UTC at the moment `at`. */
const dayAt = (at: Date, offsetHours: number): string =>
  new Date(at.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 10);

/** `validator`, reading "today" as `day` (it keeps its compiled rules: only its clock differs). */
const onDay = (validator: FormValidator, day: string): FormValidator =>
  Object.assign(Object.create(validator) as FormValidator, { today: () => day });

const key = (e: ErrorObject) => `${e.instancePath}\u0000${e.keyword}\u0000${e.schemaPath}`;

/**
 * `validator` whose `validateAll` reads the relative date rules as of the moment `at` (default: the
 * moment of the call), on any calendar of the world at that moment: an error of a date rule counts
 * only when it holds on the earliest and on the latest day it is then.
 */
export function validatorAsOf(validator: FormValidator, at?: Date): FormValidator {
  const validateAll = (data: unknown): ErrorObject[] => {
    const moment = at ?? new Date();
    const earliest = onDay(validator, dayAt(moment, -12)).validateAll(data);
    // Only date rules depend on the day: without a failing one the other day has the same errors.
    if (!earliest.some((e) => e.keyword === 'date')) return earliest;
    const latest = new Set(onDay(validator, dayAt(moment, 14)).validateAll(data).map(key));
    return earliest.filter((e) => latest.has(key(e)));
  };
  return Object.assign(Object.create(validator) as FormValidator, { validateAll });
}
