import type { ConditionCache } from './conditions.js';
import { childPointer, clone, getIn, isEmpty, setIn, type Answers } from './data.js';
import { ALTERNATIVE_KEY, type FieldNode, type ObjectNode } from './types.js';

/** Sets `default` and read-only values where nothing is answered, creates the objects of groups and
 * the minimum number of entries of repeatable groups. */
export function fillDefaults(data: Answers, node: FieldNode, pointer: string): void {
  if (node.kind === 'object') {
    inferAlternative(data, node, pointer);
    for (const child of node.children) {
      const childPtr = childPointer(pointer, child.key);
      if (child.kind === 'object' && getIn(data, childPtr) === undefined) setIn(data, childPtr, {});
      fillDefaults(data, child, childPtr);
    }
    return;
  }
  const current = getIn(data, pointer);
  if (node.kind === 'array') {
    const items = Array.isArray(current) ? current : [];
    while (items.length < node.minItems) items.push(node.item.kind === 'object' ? {} : null);
    if (pointer !== '') setIn(data, pointer, items);
    items.forEach((_, i) => fillDefaults(data, node.item, childPointer(pointer, i)));
    return;
  }
  const fixed = node.schema.readOnly === true && node.schema.default !== undefined;
  if ((fixed || current === undefined) && node.schema.default !== undefined) {
    setIn(data, pointer, clone(node.schema.default));
  }
}

/** Answers without the form's own choice between alternatives (given as `data`, or from a receiver):
 * the alternative whose questions are answered is the one chosen. */
function inferAlternative(data: Answers, node: ObjectNode, pointer: string): void {
  if (node.alternatives !== ALTERNATIVE_KEY) return;
  const value = getIn(data, pointer);
  if (!value || typeof value !== 'object' || ALTERNATIVE_KEY in value) return;
  const answers = value as Answers;
  const chosen = node.blocks.find((b) => b.when.type === 'equals' && b.fields.some((f) => !isEmpty(answers[f])));
  if (chosen?.when.type === 'equals') answers[ALTERNATIVE_KEY] = chosen.when.value;
}

/** The answers of the shown questions only, without empty answers and empty optional groups. */
export function prune(node: FieldNode, value: unknown, pointer: string, conditions: ConditionCache): unknown {
  if (node.kind === 'object') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const out: Answers = {};
    const required = conditions.requiredKeys(node, pointer);
    const shown = conditions.shownKeys(node, pointer);
    for (const child of node.children) {
      // The form's own choice between alternatives is no answer to submit.
      if (!shown.has(child.key) || child.key === ALTERNATIVE_KEY) continue;
      const childPtr = childPointer(pointer, child.key);
      const pruned = prune(child, (value as Answers)[child.key], childPtr, conditions);
      if (pruned === undefined) continue;
      const emptyObject = child.kind === 'object' && Object.keys(pruned as object).length === 0;
      if (emptyObject && !required.has(child.key)) continue;
      out[child.key] = pruned;
    }
    return out;
  }
  if (node.kind === 'array') {
    if (!Array.isArray(value)) return undefined;
    // An empty entry stays (as null in a list of simple values): validation says it is missing.
    const empty = node.item.kind === 'object' ? {} : null;
    return value.map((item, i) => prune(node.item, item, childPointer(pointer, i), conditions) ?? empty);
  }
  return isEmpty(value) ? undefined : value;
}
