import type { ErrorObject } from 'ajv';
import { childPointer, isAnswer, parentPointer, type Answers } from './data.js';
import type { describeError } from './messages.js';
import { childByKey } from './model.js';
import { customErrors } from './texts.js';
import type { FieldNode, Lang, ObjectNode } from './types.js';
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
    for (const error of context.validator.validateAt(node.schemaPointer, data[key], data)) {
      errors.push({ ...error, instancePath: pointer + error.instancePath });
    }
  }
  return errors;
}

const isAnswers = (value: unknown): value is Answers =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The errors of objects with alternatives (`oneOf`/`anyOf` of objects), as the person chose them: the
 * validator's errors of the alternatives are all about the `oneOf` ("must match exactly one"), and
 * those of the branch that was chosen are hidden beneath it. So beneath such an object, the errors
 * that come from its alternatives go, and each shown question of the chosen alternative is checked
 * on its own (required from the model, the rest by its schema). The other alternative's answers are
 * pruned before and never validated.
 */
export function withModelRules(
  errors: ErrorObject[],
  root: ObjectNode,
  data: Answers,
  context: {
    visible: (node: ObjectNode, pointer: string) => FieldNode[];
    required: (node: ObjectNode, pointer: string) => Set<string>;
    validator: FormValidator;
    /** The top-level questions of the step being checked; undefined: the whole form. */
    step?: string[];
  },
): ErrorObject[] {
  const own: ErrorObject[] = [];
  const places: string[] = [];
  const groupOwners: string[] = [];
  const walk = (node: FieldNode, pointer: string, value: unknown): void => {
    if (node.kind === 'array' && Array.isArray(value)) {
      value.forEach((item, i) => walk(node.item, childPointer(pointer, i), item));
      return;
    }
    if (node.kind !== 'object' || !isAnswers(value)) return;
    if (node.atLeastOne) {
      groupOwners.push(pointer);
      const visible = context.visible(node, pointer);
      for (const group of unmetGroups(node, value, visible)) {
        const holder = groupHolder(group, visible);
        if (holder && (pointer !== '' || !context.step || context.step.includes(holder.key)))
          own.push(atLeastOneError(group, childPointer(pointer, holder.key)));
      }
    }
    if (node.alternatives) {
      places.push(pointer);
      const required = context.required(node, pointer);
      for (const child of context.visible(node, pointer)) {
        if (child.key === node.alternatives) continue;
        const answer = value[child.key];
        if (answer === undefined) {
          if (required.has(child.key))
            own.push({
              keyword: 'required',
              instancePath: pointer,
              schemaPath: '',
              params: { missingProperty: child.key },
            });
          continue;
        }
        const at = childPointer(pointer, child.key);
        for (const error of context.validator.validateAt(child.schemaPointer, answer, value))
          own.push({ ...error, instancePath: at + error.instancePath });
      }
    }
    for (const child of node.children) walk(child, childPointer(pointer, child.key), value[child.key]);
  };
  walk(root, '', data);
  if (places.length === 0 && groupOwners.length === 0) return errors;
  const beneath = (e: ErrorObject) => places.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`));
  // The validator's "must match a schema in anyOf" of such a group, and the required of each of its
  // branches: said once, by atLeastOneError.
  const group = (e: ErrorObject) =>
    groupOwners.includes(e.instancePath) && /\/anyOf(\/\d+\/required)?$/.test(e.schemaPath);
  return [...errors.filter((e) => !group(e) && !(beneath(e) && /\/(oneOf|anyOf)(\/|$)/.test(e.schemaPath))), ...own];
}

/** The groups of "at least one of these" of an object that its answers leave unmet (among the
 * groups with a shown question). */
export function unmetGroups(node: ObjectNode, value: Answers, visible: FieldNode[]): string[][][] {
  const shown = new Set(visible.map((c) => c.key));
  return (node.atLeastOne ?? []).filter(
    (group) =>
      group.some((option) => option.some((key) => shown.has(key))) &&
      !group.some((option) => option.every((key) => isAnswer(childByKey(node, key), value[key]))),
  );
}

/** The question that carries a group's error: its first shown member. */
export function groupHolder(group: string[][], visible: FieldNode[]): FieldNode | undefined {
  const members = new Set(group.flat());
  return visible.find((child) => members.has(child.key));
}

/** "Bitte geben Sie Telefon oder E-Mail-Adresse an": one error for the group, at `pointer`. */
export function atLeastOneError(group: string[][], pointer: string): ErrorObject {
  return { keyword: 'atLeastOne', instancePath: pointer, schemaPath: '', params: { keys: [...new Set(group.flat())] } };
}

/** What putting an error into words needs of the form's state. */
export interface Describer {
  readonly lang: Lang;
  readonly validation?: { describe: typeof describeError };
  node(pointer: string): FieldNode | undefined;
  label(node: FieldNode, pointer?: string): string;
}

/** An error of the question `node` (at `pointer`) in words of the store's language, by the messages
 * of its validation (messages.ts): a group's "at least one of these" names its questions, a date
 * compared with another answer names that one. */
export function describeAt(store: Describer, error: ErrorObject, node: FieldNode, pointer?: string): string {
  const { lang } = store;
  let custom = customErrors(node.schema, lang);
  let params = error.params;
  if (error.keyword === 'atLeastOne' && pointer !== undefined) {
    // Named by the group's questions; an own sentence stands in the object's x-ozg.errors.anyOf.
    const owner = store.node(parentPointer(pointer)) as ObjectNode;
    const labels = (params.keys as string[]).map((key) => {
      const child = owner.children.find((c) => c.key === key);
      return child ? store.label(child) : key;
    });
    const own = customErrors(owner.schema, lang)?.anyOf;
    custom = own ? { atLeastOne: own } : undefined;
    params = { ...params, labels };
  } else if (error.keyword === 'date' && pointer !== undefined && String(params.bound).startsWith('/')) {
    // A date compared with another answer (x-ozg.date "min": "/vom") names it: "nicht vor „Vom“ (…)".
    const other = store.node(parentPointer(pointer) + String(params.bound));
    if (other) params = { ...params, other: store.label(other) };
  }
  return store.validation!.describe(params === error.params ? error : { ...error, params }, {
    label: store.label(node, pointer),
    lang,
    kind: node.kind,
    custom,
  });
}
