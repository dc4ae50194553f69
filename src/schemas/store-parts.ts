import type { ErrorObject } from 'ajv';
import { childPointer, type Answers } from './data.js';
import type { ObjectNode } from './types.js';
import type { FormValidator } from './validator.js';

/** Stable keys of the entries of repeatable groups and lists, by pointer, for keyed rendering: an
 * entry keeps its key (and so its DOM and focus) when one before it is removed. */
export class EntryKeys {
  private readonly lists = new Map<string, number[]>();
  private next = 1;

  keys(pointer: string, length: number): number[] {
    let keys = this.lists.get(pointer);
    if (!keys) this.lists.set(pointer, (keys = []));
    while (keys.length < length) keys.push(this.next++);
    keys.length = length;
    return keys;
  }

  /** Before the entry at `index` of a list of `length` entries is removed. */
  remove(pointer: string, length: number, index: number): void {
    this.keys(pointer, length).splice(index, 1);
  }

  clear(): void {
    this.lists.clear();
  }
}

/** The errors of the given top-level questions (a step), validated one by one so that only their
 * validators are compiled. The top level's own rules (required, dependentRequired, conditions)
 * come from the model: which questions are shown and required. */
export function topLevelErrors(
  root: ObjectNode,
  fieldKeys: string[],
  data: Answers,
  context: { shown: Set<string>; required: Set<string>; validator: FormValidator },
): ErrorObject[] {
  const errors: ErrorObject[] = [];
  for (const key of fieldKeys) {
    const node = root.children.find((c) => c.key === key);
    if (!node || !context.shown.has(key)) continue;
    const pointer = childPointer('', key);
    if (data[key] === undefined) {
      if (context.required.has(key))
        errors.push({ keyword: 'required', instancePath: '', schemaPath: '', params: { missingProperty: key } });
      continue;
    }
    for (const error of context.validator.validateAt(node.schemaPointer, data[key])) {
      errors.push({ ...error, instancePath: pointer + error.instancePath });
    }
  }
  return errors;
}
