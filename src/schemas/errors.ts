import type { ErrorObject } from 'ajv';
import { childPointer, isAnswer, parentPointer } from './data.js';
import type { FieldNode } from './types.js';

export interface FieldError {
  pointer: string;
  label: string;
  message: string;
  /** What is wrong, without words: `reword()` turns it into a sentence of the current language. */
  error: ErrorDescriptor;
}

/** An error as the store keeps it: what is wrong (keyword and parameters), not yet in words. The
 * view asks `error(pointer)` for the sentence in the current language, so a language switch
 * re-words every error on display. */
export type ErrorDescriptor = ErrorObject;

export const sameError = (a: ErrorDescriptor | undefined, b: ErrorDescriptor | undefined): boolean =>
  a === b || (!!a && !!b && a.keyword === b.keyword && JSON.stringify(a.params) === JSON.stringify(b.params));

/** Keywords that only wrap the errors of their subschemas. */
const WRAPPERS = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', 'dependentSchemas']);

/** Keywords whose subschemas are alternatives: the errors of their branches say why each alternative
 * failed, not what the person must do ("Telefon fehlt" is not true when e-mail would do). */
const ALTERNATIVES = new Set(['anyOf', 'oneOf']);

/** Without the wrapper errors Ajv adds on top of the errors of their subschemas ("must match
 * "then" schema"): a person reads the real error, beside the field it is about. A wrapper error stays
 * only when nothing beneath it explains it (e.g. a `not`). The errors inside the branches of a failed
 * `anyOf`/`oneOf` go instead, and the alternative's own error stays: one message for "this or that". */
export function withoutWrappers(errors: ErrorObject[]): ErrorObject[] {
  const failedAlternatives = errors.filter((e) => ALTERNATIVES.has(e.keyword));
  const inBranch = (e: ErrorObject): boolean =>
    failedAlternatives.some((a) => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`));
  const kept = errors.filter((e) => !inBranch(e));
  const inside = (outer: ErrorObject, inner: ErrorObject): boolean =>
    inner.instancePath === outer.instancePath || inner.instancePath.startsWith(`${outer.instancePath}/`);
  return kept.filter((e) => !WRAPPERS.has(e.keyword) || !kept.some((o) => !WRAPPERS.has(o.keyword) && inside(e, o)));
}

/** The error of an unanswered required question (a confirmation box says "please confirm"). */
export function requiredError(node: FieldNode): ErrorObject {
  if (node.kind === 'boolean' && node.schema.const === true) {
    return { keyword: 'const', instancePath: '', schemaPath: '', params: { allowedValue: true } };
  }
  return { keyword: 'required', instancePath: '', schemaPath: '', params: { missingProperty: node.key } };
}

/** The one error of a question to tell the person: the first real one, not a wrapper, read as
 * `groupErrors` reads them (a failed "this or that" is one error, with its own message, not the first
 * alternative's); a choice outside its options reads as "please choose". */
export function pickError(errors: ErrorObject[], node: FieldNode): ErrorObject | undefined {
  const shown = withoutWrappers(errors);
  const first = shown.find((e) => !WRAPPERS.has(e.keyword)) ?? shown[0] ?? errors[0];
  if (!first) return undefined;
  if ((node.kind === 'choice' || node.kind === 'multi') && ['const', 'oneOf', 'anyOf'].includes(first.keyword)) {
    return { ...first, keyword: 'enum', params: { allowedValues: node.options.map((o) => o.value) } };
  }
  return first;
}

/** Groups Ajv's errors by the question they belong to (the nearest question up the instance path;
 * a missing property belongs to the missing question), one error each. */
export function groupErrors(
  nodeAt: (pointer: string) => FieldNode | undefined,
  errors: ErrorObject[],
): Map<string, ErrorObject> {
  const grouped = new Map<string, ErrorObject[]>();
  for (const error of withoutWrappers(errors)) {
    let pointer = error.instancePath;
    if (error.keyword === 'required' || error.keyword === 'dependentRequired') {
      pointer = childPointer(pointer, String(error.params.missingProperty));
    }
    while (pointer !== '' && !nodeAt(pointer)) pointer = parentPointer(pointer);
    if (pointer === '') continue;
    const list = grouped.get(pointer) ?? [];
    list.push(error);
    grouped.set(pointer, list);
  }
  const result = new Map<string, ErrorObject>();
  for (const [pointer, list] of grouped) {
    const node = nodeAt(pointer)!;
    const required = list.find((e) => e.keyword === 'required' || e.keyword === 'dependentRequired');
    const picked = required ? requiredError(node) : pickError(list, node);
    if (picked) result.set(pointer, picked);
  }
  return result;
}

/** For lists of simple values: an empty entry is missing (whatever the type error says), and the list
 * itself has no error of its own while an entry is empty (two empty entries are no duplicates): null.
 * Undefined where the validator's errors stand. */
export function listError(node: FieldNode, value: unknown, required: boolean): ErrorObject | null | undefined {
  // Nothing, an empty text, or null where no choice offers it ("keine Angabe" as the option null is an answer).
  const missing = (at: FieldNode, v: unknown) => v === undefined || v === '' || (v === null && !isAnswer(at, v));
  if (node.kind === 'array')
    return node.item.kind !== 'object' && Array.isArray(value) && value.some((v) => missing(node.item, v))
      ? null
      : undefined;
  if (node.kind !== 'object' && required && missing(node, value)) return requiredError(node);
  return undefined;
}

/** For the choice between alternatives: missing when empty, else right (the form offers only its
 * alternatives; the validator would judge it against one of them): null. Undefined for other questions. */
export function choiceError(node: FieldNode, value: unknown): ErrorObject | null | undefined {
  if (node.kind !== 'choice' || !node.alternatives) return undefined;
  return value === undefined || value === null || value === '' ? requiredError(node) : null;
}
