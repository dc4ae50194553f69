import type { ErrorObject } from 'ajv';
import { childPointer, clone, getIn, isEmpty, parentPointer, setIn, type Answers } from './data.js';
import type { describeError } from './messages.js';
import { ConditionCache } from './conditions.js';
import { groupErrors, pickError, requiredError } from './errors.js';
import { nodeAt } from './model.js';
import { fillDefaults, prune } from './structure.js';
import { customErrors, labelOf } from './texts.js';
import type { FieldNode, FormModel, Lang, ObjectNode } from './types.js';
import type { FormValidator } from './validator.js';

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

const sameError = (a: ErrorDescriptor | undefined, b: ErrorDescriptor | undefined): boolean =>
  a === b || (!!a && !!b && a.keyword === b.keyword && JSON.stringify(a.params) === JSON.stringify(b.params));

type Listener = () => void;

/** The Ajv-backed part of a form's state, loaded as a separate chunk (see validation.ts). */
export interface Validation {
  validator: FormValidator;
  describe: typeof describeError;
}

/**
 * The one state of a form: the answers, which questions are shown and required, and the error
 * messages on display. Components subscribe to the channel of the one question they render
 * (its answer pointer), an object's `#visible` channel, or an array's `#items` channel, so a
 * keystroke updates one field and nothing else.
 */
export class FormStore {
  readonly model: FormModel;
  data: Answers;
  private currentLang: Lang = 'de';
  /** Called after every change of an answer (for events and drafts). */
  onChange?: (pointer: string, value: unknown) => void;

  private validation?: Validation;
  private readonly errors = new Map<string, ErrorDescriptor>();
  private readonly listeners = new Map<string, Listener[]>();
  private readonly itemKeyLists = new Map<string, number[]>();
  private readonly conditions = new ConditionCache(
    (pointer) => this.objectValue(pointer),
    () => this.validation && ((schemaPointer, value) => this.validation!.validator.matches(schemaPointer, value)),
  );
  private nextItemKey = 1;
  /** Answers taken from the person's user account (Nutzerkonto), by pointer. */
  private readonly prefilled = new Map<string, { value: unknown; readOnly: boolean }>();

  constructor(model: FormModel, initial?: Answers) {
    this.model = model;
    this.data = clone(initial) ?? {};
    fillDefaults(this.data, model.root, '');
    this.rememberConditions('', model.root);
  }

  /** Connects the validators. Until then conditions with `if` count as not met and nothing is
   * validated; afterwards every condition is evaluated and the affected objects re-render. */
  attachValidation(validation: Validation): void {
    this.validation = validation;
    const walk = (node: FieldNode, pointer: string) => {
      if (node.kind === 'object') {
        if (node.blocks.length) this.updateConditions(pointer, false);
        for (const child of node.children) walk(child, childPointer(pointer, child.key));
      } else if (node.kind === 'array') {
        const items = (this.value(pointer) as unknown[] | undefined) ?? [];
        items.forEach((_, i) => walk(node.item, childPointer(pointer, i)));
      }
    };
    walk(this.model.root, '');
  }

  private get validator(): FormValidator {
    if (!this.validation) throw new Error('ozg-form: validation is not loaded yet');
    return this.validation.validator;
  }

  // ---- reading ------------------------------------------------------------------------------

  value(pointer: string): unknown {
    return getIn(this.data, pointer);
  }

  node(pointer: string): FieldNode | undefined {
    return nodeAt(this.model.root, pointer);
  }

  /** The language of labels and error sentences; switching it re-renders every question with an error. */
  get lang(): Lang {
    return this.currentLang;
  }

  set lang(lang: Lang) {
    if (lang === this.currentLang) return;
    this.currentLang = lang;
    for (const pointer of [...this.errors.keys()]) this.notify(pointer);
  }

  /** The error of a question in words of the current language; undefined when it has none. */
  error(pointer: string): string | undefined {
    const descriptor = this.errors.get(pointer);
    const node = descriptor && this.node(pointer);
    return node && this.validation ? this.describe(descriptor, node) : undefined;
  }

  /** The error of a question as kept: keyword and parameters, no words. */
  errorDescriptor(pointer: string): ErrorDescriptor | undefined {
    return this.errors.get(pointer);
  }

  /** Entries of an error summary in words of the current language (they keep their descriptors). */
  reword(entries: FieldError[]): FieldError[] {
    return entries.map((entry) => {
      const node = this.node(entry.pointer);
      return node ? { ...entry, label: this.label(node), message: this.describe(entry.error, node) } : entry;
    });
  }

  label(node: FieldNode): string {
    return labelOf(node.schema, node.key, this.lang);
  }

  /** The questions of an object that are shown for its current answers, in order. */
  visibleChildren(node: ObjectNode, pointer: string): FieldNode[] {
    if (node.blocks.length === 0) return node.children;
    const shown = this.shownKeys(node, pointer);
    return node.children.filter((child) => shown.has(child.key));
  }

  isRequired(pointer: string): boolean {
    const parent = parentPointer(pointer);
    const owner = this.node(parent);
    if (!owner || owner.kind !== 'object') return false;
    const key = pointer
      .slice(pointer.lastIndexOf('/') + 1)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    return this.requiredKeys(owner, parent).has(key);
  }

  /** Stable keys of the entries of a repeatable group, for keyed rendering. */
  itemKeys(pointer: string): number[] {
    const length = (this.value(pointer) as unknown[] | undefined)?.length ?? 0;
    let keys = this.itemKeyLists.get(pointer);
    if (!keys) this.itemKeyLists.set(pointer, (keys = []));
    while (keys.length < length) keys.push(this.nextItemKey++);
    keys.length = length;
    return keys;
  }

  /** The answers of the shown questions only: what is validated and submitted. */
  visibleData(): Answers {
    return (prune(this.model.root, this.data, '', this.conditions) as Answers | undefined) ?? {};
  }

  // ---- subscribing ------------------------------------------------------------------------------

  subscribe(channel: string, listener: Listener): () => void {
    const list = this.listeners.get(channel);
    if (list) list.push(listener);
    else this.listeners.set(channel, [listener]);
    return () => this.unsubscribe(channel, listener);
  }

  unsubscribe(channel: string, listener: Listener): void {
    const list = this.listeners.get(channel);
    const at = list ? list.indexOf(listener) : -1;
    if (at < 0) return;
    list!.splice(at, 1);
    if (!list!.length) this.listeners.delete(channel);
  }

  private notify(channel: string): void {
    const list = this.listeners.get(channel);
    // Over a copy, skipping listeners that an earlier one unsubscribed (a re-render removes parts).
    if (list) for (const listener of list.slice()) if (list.includes(listener)) listener();
  }

  // ---- writing ------------------------------------------------------------------------------

  /**
   * Stores an answer. `fromInput` means the control already shows the value, so the field is only
   * re-rendered when its error message changes.
   */
  setValue(pointer: string, value: unknown, fromInput = false): void {
    setIn(this.data, pointer, isEmpty(value) ? undefined : value);
    let changed = !fromInput;
    if (this.errors.has(pointer)) changed = this.refreshError(pointer) || changed;
    if (changed) this.notify(pointer);
    this.updateConditions(parentPointer(pointer));
    this.onChange?.(pointer, value);
  }

  /** The person left a field: show its error, if any. */
  touch(pointer: string): void {
    if (this.refreshError(pointer)) this.notify(pointer);
  }

  addItem(pointer: string): number {
    const node = this.node(pointer);
    if (!node || node.kind !== 'array') throw new Error(`${pointer} is not a repeatable group`);
    const items = ((this.value(pointer) as unknown[] | undefined) ?? []).slice();
    if (items.length >= node.maxItems) return items.length - 1;
    items.push({});
    setIn(this.data, pointer, items);
    const index = items.length - 1;
    fillDefaults(this.data, node.item, childPointer(pointer, index));
    this.clearErrorsUnder(pointer, true);
    this.notify(`${pointer}#items`);
    this.updateConditions(parentPointer(pointer));
    this.onChange?.(pointer, items);
    return index;
  }

  removeItem(pointer: string, index: number): void {
    const node = this.node(pointer);
    const items = ((this.value(pointer) as unknown[] | undefined) ?? []).slice();
    if (!node || node.kind !== 'array' || index < 0 || index >= items.length) return;
    // The keys before the answers change: the entries after the removed one keep theirs.
    this.itemKeys(pointer);
    this.itemKeyLists.get(pointer)?.splice(index, 1);
    items.splice(index, 1);
    setIn(this.data, pointer, items);
    this.clearErrorsUnder(pointer, false);
    // The entries after the removed one moved up: their conditions are remembered by index.
    this.conditions.forget(pointer);
    this.rememberConditions(pointer, node);
    this.notify(`${pointer}#items`);
    this.updateConditions(parentPointer(pointer));
    this.onChange?.(pointer, items);
  }

  /** Replaces all answers (a restored draft, or the `data` property). */
  replaceData(data: Answers): void {
    this.data = clone(data) ?? {};
    fillDefaults(this.data, this.model.root, '');
    this.errors.clear();
    this.itemKeyLists.clear();
    this.conditions.forget();
    this.rememberConditions('', this.model.root);
    // Every rendered question shows the new answers.
    for (const channel of [...this.listeners.keys()]) this.notify(channel);
  }

  // ---- prefill from a user account ------------------------------------------------------------

  /**
   * Fills answers from the person's user account. Read-only ones replace what is there and cannot be
   * changed in the form (a verified identity); editable ones only fill empty questions.
   */
  setPrefill(values: Map<string, unknown>, readOnly: boolean): void {
    for (const [pointer, value] of values) {
      if (!this.node(pointer) || isEmpty(value)) continue;
      if (!readOnly && !isEmpty(this.value(pointer)) && this.value(pointer) !== value) continue;
      this.prefilled.set(pointer, { value, readOnly });
      this.setValue(pointer, value);
    }
  }

  /** Removes the answers taken from the account (those the person has not changed since). */
  clearPrefill(): void {
    const entries = [...this.prefilled];
    this.prefilled.clear();
    for (const [pointer, entry] of entries) {
      if (this.value(pointer) === entry.value) this.setValue(pointer, undefined);
      else this.notify(pointer);
    }
  }

  /** The login ended without logging out (it ran out): the answers taken from the account stay as
   * ordinary answers the person can change. */
  releasePrefill(): void {
    const pointers = [...this.prefilled.keys()];
    this.prefilled.clear();
    for (const pointer of pointers) this.notify(pointer);
  }

  /** 'readonly' or 'editable' while the answer is the one taken from the account, else undefined. */
  isPrefilled(pointer: string): 'readonly' | 'editable' | undefined {
    const entry = this.prefilled.get(pointer);
    if (!entry || this.value(pointer) !== entry.value) return undefined;
    return entry.readOnly ? 'readonly' : 'editable';
  }

  // ---- validating ------------------------------------------------------------------------------

  /**
   * Validates the questions of the given top-level fields (a step), shows their errors and returns
   * them in the order of the form.
   */
  validateFields(fieldKeys: string[], whole = false): FieldError[] {
    const data = this.visibleData();
    const byPointer = groupErrors(
      (pointer) => this.node(pointer),
      whole ? this.validator.validateAll(data) : this.validateTopLevel(fieldKeys, data),
    );
    const result: FieldError[] = [];
    const visit = (node: FieldNode, pointer: string) => {
      const error = byPointer.get(pointer);
      this.setError(pointer, error);
      if (error) result.push({ pointer, label: this.label(node), message: this.describe(error, node), error });
      if (node.kind === 'object') {
        for (const child of this.visibleChildren(node, pointer)) visit(child, childPointer(pointer, child.key));
      } else if (node.kind === 'array') {
        const items = (this.value(pointer) as unknown[] | undefined) ?? [];
        items.forEach((_, i) => visit(node.item, childPointer(pointer, i)));
      }
    };
    const shown = this.shownKeys(this.model.root, '');
    for (const key of fieldKeys) {
      const node = this.model.root.children.find((c) => c.key === key);
      if (node && shown.has(key)) visit(node, childPointer('', key));
    }
    return result;
  }

  /** Validates top-level questions one by one: only their validators are compiled. The top level's
   * own rules (required, dependentRequired, conditions) come from the model. */
  private validateTopLevel(fieldKeys: string[], data: Answers): ErrorObject[] {
    const errors: ErrorObject[] = [];
    const shown = this.shownKeys(this.model.root, '');
    const required = this.requiredKeys(this.model.root, '');
    for (const key of fieldKeys) {
      const node = this.model.root.children.find((c) => c.key === key);
      if (!node || !shown.has(key)) continue;
      const pointer = childPointer('', key);
      if (data[key] === undefined) {
        if (required.has(key))
          errors.push({ keyword: 'required', instancePath: '', schemaPath: '', params: { missingProperty: key } });
        continue;
      }
      for (const error of this.validator.validateAt(node.schemaPointer, data[key])) {
        errors.push({ ...error, instancePath: pointer + error.instancePath });
      }
    }
    return errors;
  }

  private setError(pointer: string, error: ErrorDescriptor | undefined): void {
    if (sameError(this.errors.get(pointer), error)) return;
    if (error) this.errors.set(pointer, error);
    else this.errors.delete(pointer);
    this.notify(pointer);
  }

  /** Recomputes the error of one question; true when it changed. */
  private refreshError(pointer: string): boolean {
    const before = this.errors.get(pointer);
    const error = this.fieldError(pointer);
    if (error) this.errors.set(pointer, error);
    else this.errors.delete(pointer);
    return !sameError(before, error);
  }

  private fieldError(pointer: string): ErrorDescriptor | undefined {
    const node = this.node(pointer);
    if (!node || !this.validation || !this.isShown(pointer)) return undefined;
    const value = this.value(pointer);
    if (isEmpty(value)) {
      if (!this.isRequired(pointer)) return undefined;
      return requiredError(node);
    }
    const errors = this.validator.validateAt(node.schemaPointer, value);
    const first = pickError(errors, node);
    return first;
  }

  private describe(error: ErrorObject, node: FieldNode): string {
    return this.validation!.describe(error, {
      label: this.label(node),
      lang: this.lang,
      kind: node.kind,
      custom: customErrors(node.schema, this.lang),
    });
  }

  private clearErrorsUnder(pointer: string, keepSelf: boolean): void {
    for (const key of [...this.errors.keys()]) {
      if (key.startsWith(`${pointer}/`) || (!keepSelf && key === pointer)) {
        this.errors.delete(key);
        this.notify(key);
      }
    }
    if (keepSelf && this.errors.has(pointer)) this.touch(pointer);
  }

  // ---- conditions ------------------------------------------------------------------------------

  private objectValue(pointer: string): Record<string, unknown> {
    const value = this.value(pointer);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }

  private shownKeys(node: ObjectNode, pointer: string): Set<string> {
    return this.conditions.shownKeys(node, pointer);
  }

  private requiredKeys(node: ObjectNode, pointer: string): Set<string> {
    return this.conditions.requiredKeys(node, pointer);
  }

  /** Whether a question is shown: every object on its way shows the next step of the path. */
  isShown(pointer: string): boolean {
    let current = pointer;
    while (current !== '') {
      const parent = parentPointer(current);
      const owner = this.node(parent);
      if (owner?.kind === 'object') {
        const key = current
          .slice(current.lastIndexOf('/') + 1)
          .replace(/~1/g, '/')
          .replace(/~0/g, '~');
        if (!this.shownKeys(owner, parent).has(key)) return false;
      }
      current = parent;
    }
    return true;
  }

  private rememberConditions(pointer: string, node: FieldNode): void {
    if (node.kind === 'object') {
      if (node.blocks.length) this.conditions.refresh(node, pointer);
      for (const child of node.children) this.rememberConditions(childPointer(pointer, child.key), child);
    } else if (node.kind === 'array') {
      const items = (this.value(pointer) as unknown[] | undefined) ?? [];
      items.forEach((_, i) => this.rememberConditions(childPointer(pointer, i), node.item));
    }
  }

  /** After an answer changed: re-evaluates the conditions of the objects around it. */
  private updateConditions(pointer: string, upwards = true): void {
    let current = pointer;
    for (;;) {
      const node = this.node(current);
      if (node?.kind === 'object' && node.blocks.length) {
        if (this.conditions.refresh(node, current)) {
          fillDefaults(this.data, node, current);
          // Defaults may have answered conditions of objects inside.
          this.conditions.forget(current);
          this.rememberConditions(current, node);
          for (const key of [...this.errors.keys()]) {
            if (key.startsWith(`${current}/`) && !this.isShown(key)) this.errors.delete(key);
          }
          this.notify(`${current}#visible`);
          // Whether a question is required may have changed too: its label says "(optional)".
          for (const child of node.children) this.notify(childPointer(current, child.key));
        }
      }
      if (current === '' || !upwards) break;
      current = parentPointer(current);
    }
  }
}
