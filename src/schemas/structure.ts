import type { ConditionCache } from './conditions.js';
import { childPointer, clone, getIn, isAnswer, setIn, type Answers } from './data.js';
import { childByKey } from './model.js';
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

/** The JSON type of an answer, as JSON Schema's `type` names it ('integer' is a 'number' here). */
function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** The JSON types of the answers a question can show, or undefined for any (a custom element whose
 * schema declares no `type`). A text between the questions takes none. */
function answerTypes(node: FieldNode): Set<string> | undefined {
  switch (node.kind) {
    case 'object':
      return new Set(['object']);
    case 'array':
    case 'multi':
    case 'file':
      return new Set(['array']);
    case 'choice':
      return new Set(node.options.map((option) => jsonType(option.value)));
    case 'boolean':
      return new Set(['boolean']);
    case 'number':
    case 'integer':
      return new Set(['number']);
    case 'info':
      return new Set();
    default: {
      if (!node.element) return new Set(['string']);
      const declared = node.schema.type;
      if (declared === undefined) return undefined;
      return new Set((Array.isArray(declared) ? declared : [declared]).map((t) => (t === 'integer' ? 'number' : t)));
    }
  }
}

/** An answer without the parts whose JSON type its question cannot take; undefined when it is of
 * the wrong type itself. `null` stays: it stands for "not answered" (an empty entry of a list). */
export function fit(node: FieldNode, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const types = answerTypes(node);
  if (types && !types.has(jsonType(value))) return undefined;
  if (node.kind === 'object') {
    const answers = { ...(value as Answers) };
    for (const child of node.children) {
      if (!(child.key in answers)) continue;
      const fitted = fit(child, answers[child.key]);
      if (fitted === undefined) delete answers[child.key];
      else answers[child.key] = fitted;
    }
    return answers;
  }
  const entries = value as unknown[];
  if (node.kind === 'array')
    return entries.flatMap((entry) => {
      const fitted = fit(node.item, entry);
      return fitted === undefined ? [] : [fitted];
    });
  if (node.kind === 'multi') {
    const offered = new Set(node.options.map((option) => jsonType(option.value)));
    return entries.filter((entry) => offered.has(jsonType(entry)));
  }
  if (node.kind === 'file') return entries.filter((entry) => jsonType(entry) === 'object');
  return value;
}

/**
 * Answers from a draft or the `data` property as the form can use them. A draft of an older version
 * of the definition (same `$id`) may hold a text where a question now takes several choices, or one
 * choice where it now asks for a repeatable group; a page may pass anything. An answer whose JSON type
 * does not fit its question is left out, like an answer to a question that no longer exists (those
 * are kept but never shown, validated or submitted). Answers of the right type stay, also when the
 * definition now refuses them (an option no longer offered): the person sees why and chooses again.
 */
export function fitAnswers(root: ObjectNode, data: unknown): Answers {
  return jsonType(data) === 'object' ? (fit(root, data) as Answers) : {};
}

/** Answers without the form's own choice between alternatives (given as `data`, or from a receiver):
 * the alternative whose questions are answered is the one chosen. */
function inferAlternative(data: Answers, node: ObjectNode, pointer: string): void {
  if (node.alternatives !== ALTERNATIVE_KEY) return;
  const value = getIn(data, pointer);
  if (!value || typeof value !== 'object' || ALTERNATIVE_KEY in value) return;
  const answers = value as Answers;
  // Answered as the gateway's Ajv counts it: null is an answer where it is an option ("keine Angabe").
  const answered = (key: string) => isAnswer(childByKey(node, key), answers[key]);
  const chosen = node.blocks.find((b) => b.when.type === 'equals' && b.fields.some(answered));
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
  return isAnswer(node, value) ? value : undefined;
}
