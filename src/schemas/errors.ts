import type { ErrorObject } from 'ajv';
import { childPointer, parentPointer } from './data.js';
import type { FieldNode } from './types.js';

/** Keywords that only wrap the errors of their subschemas. */
const WRAPPERS = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', 'dependentSchemas']);

/** Wrappers whose failure is fully told by the errors of their subschemas (on the questions): a group
 * whose only errors are these gets no message of its own ("Hund muss dem Schema "then" entsprechen"). */
const SILENT = new Set(['if', 'then', 'else', 'allOf', 'dependentSchemas']);

/** The error of an unanswered required question (a confirmation box says "please confirm"). */
export function requiredError(node: FieldNode): ErrorObject {
  if (node.kind === 'boolean' && node.schema.const === true) {
    return { keyword: 'const', instancePath: '', schemaPath: '', params: { allowedValue: true } };
  }
  return { keyword: 'required', instancePath: '', schemaPath: '', params: { missingProperty: node.key } };
}

/** The one error of a question to tell the person: the first real one, not a wrapper; a choice
 * outside its options reads as "please choose". */
export function pickError(errors: ErrorObject[], node: FieldNode): ErrorObject | undefined {
  const real = errors.filter((e) => !WRAPPERS.has(e.keyword));
  const first = real[0] ?? errors[0];
  if (!first) return undefined;
  if ((node.kind === 'choice' || node.kind === 'multi') && ['const', 'oneOf', 'anyOf'].includes(first.keyword)) {
    return { ...first, keyword: 'enum', params: { allowedValues: node.options.map((o) => o.value) } };
  }
  return first;
}

/** Groups Ajv's errors by the question they belong to (the nearest question up the instance path;
 * a missing property belongs to the missing question), one error each. */
export function groupErrors(nodeAt: (pointer: string) => FieldNode | undefined, errors: ErrorObject[]): Map<string, ErrorObject> {
  const grouped = new Map<string, ErrorObject[]>();
  for (const error of errors) {
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
    if (list.every((e) => SILENT.has(e.keyword))) continue;
    const required = list.find((e) => e.keyword === 'required' || e.keyword === 'dependentRequired');
    const picked = required ? requiredError(node) : pickError(list, node);
    if (picked) result.set(pointer, picked);
  }
  return result;
}
