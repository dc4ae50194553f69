/** Reading and writing answers by JSON Pointer. Answers are plain JSON objects. */
import { escapeToken, unescapeToken } from './resolve.js';

export { escapeToken, unescapeToken };

export type Answers = Record<string, unknown>;

/** The key a pointer ends with ('/a/b~1c' -> 'b/c'). */
export function lastKey(pointer: string): string {
  return unescapeToken(pointer.slice(pointer.lastIndexOf('/') + 1));
}

/** The keys of a pointer. A key `__proto__` is refused (a question of that name would write onto
 * Object.prototype through setIn, and from there into every control's attributes). */
export function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  const raw = pointer.slice(1).split('/');
  if (raw.includes('__proto__')) throw new Error('ozg-form: "__proto__" cannot name a question');
  return pointer.includes('~') ? raw.map(unescapeToken) : raw;
}

export function childPointer(parent: string, key: string | number): string {
  return `${parent}/${escapeToken(String(key))}`;
}

export function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

export function getIn(data: unknown, pointer: string): unknown {
  let node = data;
  for (const token of tokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Writes `value` at `pointer`, creating objects (or arrays, for numeric tokens) on the way.
 * `undefined` removes the property. */
export function setIn(data: Answers, pointer: string, value: unknown): void {
  const path = tokens(pointer);
  let node: Record<string, unknown> = data;
  for (let i = 0; i < path.length - 1; i++) {
    let next = node[path[i]];
    if (next === null || typeof next !== 'object') {
      next = /^\d+$/.test(path[i + 1]) ? [] : {};
      node[path[i]] = next;
    }
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    // An entry of a list stays in its place, empty (JSON has no holes).
    if (Array.isArray(node)) node[Number(last)] = null;
    else delete node[last];
  } else {
    node[last] = value;
  }
}

/** Whether a question counts as unanswered: nothing, an empty text, or no choice ticked. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Whether `value` answers a question: not empty, or the option `null` of a choice that offers one
 * ("keine Angabe"), which JSON Schema's `required` counts as an answer as well.
 */
export function isAnswer(node: { kind: string; options?: { value: unknown }[] } | undefined, value: unknown): boolean {
  return value === null ? node?.kind === 'choice' && !!node.options?.some((o) => o.value === null) : !isEmpty(value);
}

/** Whether two answers are the same value (objects compared by their JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

/** Whether two sets of answers hold the same values, whatever the order of their keys. */
export function sameAnswers(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameAnswers(left[key], right[key]))
  );
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
