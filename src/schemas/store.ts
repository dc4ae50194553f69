import { AnswerState } from './answer-state.js';
import type { ConditionTest } from './conditions.js';
import { childPointer, clone, isAnswer, parentPointer, setIn, type Answers } from './data.js';
import {
  choiceError,
  groupErrors,
  listError,
  pickError,
  requiredError,
  sameError,
  type ErrorDescriptor,
  type FieldError,
} from './errors.js';
import type { describeError } from './messages.js';
import {
  atLeastOneError,
  describeAt,
  groupHolder,
  topLevelErrors,
  unmetGroups,
  withModelRules,
} from './store-parts.js';
import { Prefill } from './store-prefill.js';
import { fillDefaults, fitAnswers } from './structure.js';
import { labelOf, text } from './texts.js';
import type { FieldNode, Lang } from './types.js';
import type { FormValidator } from './validator.js';

export type { ErrorDescriptor, FieldError };

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
export class FormStore extends AnswerState {
  private currentLang: Lang = 'de';
  /** Called after every change of an answer (for events and drafts). */
  onChange?: (pointer: string, value: unknown) => void;

  /** The validators and their messages, once loaded (describeAt reads the messages). */
  validation?: Validation;
  private readonly errors = new Map<string, ErrorDescriptor>();
  /** Answers taken from the person's user account (Nutzerkonto), by pointer. */
  private readonly prefill = new Prefill({
    node: (pointer) => this.node(pointer),
    value: (pointer) => this.value(pointer),
    setValue: (pointer, value) => this.setValue(pointer, value),
    repaint: (pointer) => this.notify(pointer),
  });

  protected override conditionTest(): ConditionTest | undefined {
    return this.validation && ((schemaPointer, value) => this.validation!.validator.matches(schemaPointer, value));
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
    for (const pointer of this.touchedEarly) this.touch(pointer);
    this.touchedEarly.clear();
  }

  private get validator(): FormValidator {
    if (!this.validation) throw new Error('ozg-form: validation is not loaded yet');
    return this.validation.validator;
  }

  // ---- reading ------------------------------------------------------------------------------

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
    return node && this.validation ? describeAt(this, descriptor, node, pointer) : undefined;
  }

  /** The error of a question as kept: keyword and parameters, no words. */
  errorDescriptor(pointer: string): ErrorDescriptor | undefined {
    return this.errors.get(pointer);
  }

  /** Entries of an error summary in words of the current language (they keep their descriptors). A
   * question inside an entry of a list of groups is named with its entry ("Hund 2: …"): the summary's
   * links would otherwise read alike for every entry. */
  reword(entries: FieldError[]): FieldError[] {
    return entries.map((entry) => {
      const node = this.node(entry.pointer);
      return node
        ? {
            ...entry,
            label: this.label(node, entry.pointer),
            message: this.entryOf(entry.pointer) + describeAt(this, entry.error, node, entry.pointer),
          }
        : entry;
    });
  }

  /** "Hund 2: " for a pointer inside an entry of a list of groups ("Hund 2, Impfung 1: " nested). */
  private entryOf(pointer: string): string {
    const names: string[] = [];
    for (let at = pointer.indexOf('/', 1); at > 0; at = pointer.indexOf('/', at + 1)) {
      const list = this.node(pointer.slice(0, at));
      const index = /^\/(\d+)(?:\/|$)/.exec(pointer.slice(at));
      if (list?.kind === 'array' && list.item.kind === 'object' && index)
        names.push(`${this.itemTitle(list)} ${Number(index[1]) + 1}`);
    }
    return names.length ? `${names.join(', ')}: ` : '';
  }

  /** The label of a question; an entry of a list of simple values is named by the list's item title
   * and its number ("Weiterer Vorname 2"), given its pointer. */
  label(node: FieldNode, pointer?: string): string {
    const owner = pointer === undefined ? undefined : this.node(parentPointer(pointer));
    if (owner?.kind === 'array' && owner.item.kind !== 'object' && pointer !== undefined)
      return `${this.itemTitle(owner)} ${Number(pointer.slice(pointer.lastIndexOf('/') + 1)) + 1}`;
    return labelOf(node.schema, node.key, this.lang);
  }
  /** What one entry of a list is called ("Hund"): x-ozg.itemTitle, else the list's label. */
  itemTitle(list: FieldNode): string {
    return text(list.schema, 'itemTitle', this.lang) ?? this.label(list);
  }

  // ---- writing ------------------------------------------------------------------------------

  /**
   * Stores an answer. `fromInput` means the control already shows the value, so the field is only
   * re-rendered when its error message changes.
   */
  setValue(pointer: string, value: unknown, fromInput = false): void {
    setIn(this.data, pointer, isAnswer(this.node(pointer), value) ? value : undefined);
    let changed = !fromInput;
    if (this.errors.has(pointer)) changed = this.refreshError(pointer) || changed;
    if (changed) this.notify(pointer);
    // An answer to one of "at least one of these" may settle the error shown at another of them.
    const owner = this.node(parentPointer(pointer));
    if (owner?.kind === 'object' && owner.atLeastOne)
      for (const child of owner.children)
        if (child.key !== pointer.slice(pointer.lastIndexOf('/') + 1)) {
          const other = childPointer(parentPointer(pointer), child.key);
          if (this.errors.get(other)?.keyword === 'atLeastOne' && this.refreshError(other)) this.notify(other);
        }
    this.updateConditions(parentPointer(pointer));
    this.onChange?.(pointer, value);
  }

  /** The person left a field: show its error, if any (once the validators are there; after `holdTouches`). */
  touch(pointer: string): void {
    if (this.held) this.held.add(pointer);
    else if (!this.validation) this.touchedEarly.add(pointer);
    else if (this.refreshError(pointer)) this.notify(pointer);
  }
  /**
   * Fields left while a button is pressed show their errors when `release` is called: an error appearing
   * under a field would move the button away between press and release, and the click would be lost.
   */
  holdTouches(): () => void {
    const held = (this.held ??= new Set());
    return () => {
      if (this.held !== held) return;
      this.held = undefined;
      for (const pointer of held) this.touch(pointer);
    };
  }
  private held?: Set<string>;
  /** Fields left before the validators arrived: their errors show when they do. */
  private readonly touchedEarly = new Set<string>();

  addItem(pointer: string): number {
    const node = this.node(pointer);
    if (!node || node.kind !== 'array') throw new Error(`${pointer} is not a repeatable group`);
    const items = ((this.value(pointer) as unknown[] | undefined) ?? []).slice();
    if (items.length >= node.maxItems) return items.length - 1;
    items.push(node.item.kind === 'object' ? {} : null);
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
    this.entryKeys.remove(pointer, items.length, index);
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

  /** Replaces all answers (a restored draft, or the `data` property); those whose JSON type does not
   * fit their question are left out (fitAnswers). */
  replaceData(data: Answers): void {
    this.data = fitAnswers(this.model.root, clone(data));
    fillDefaults(this.data, this.model.root, '');
    this.errors.clear();
    this.entryKeys.clear();
    this.conditions.forget();
    this.rememberConditions('', this.model.root);
    // Every rendered question shows the new answers.
    this.notifyAll();
  }

  // ---- prefill from a user account ------------------------------------------------------------

  /** Fills answers from the person's user account (read-only ones replace, editable ones fill empty). */
  setPrefill(values: Map<string, unknown>, readOnly: boolean): void {
    this.prefill.set(values, readOnly);
  }
  /** Removes the answers taken from the account (those the person has not changed since). */
  clearPrefill(): void {
    this.prefill.clear();
  }
  /** The login ran out: the answers taken from the account stay as ordinary answers. */
  releasePrefill(): void {
    this.prefill.release();
  }
  isPrefilled(pointer: string): 'readonly' | 'editable' | undefined {
    return this.prefill.state(pointer);
  }

  // ---- validating ------------------------------------------------------------------------------

  /**
   * Validates the questions of the given top-level fields (a step), shows their errors and returns
   * them in the order of the form.
   */
  validateFields(fieldKeys: string[], whole = false): FieldError[] {
    const data = this.visibleData();
    const root = this.model.root;
    const errors = whole
      ? this.validator.validateAll(data)
      : topLevelErrors(root, fieldKeys, data, {
          shown: this.shownKeys(root, ''),
          required: this.requiredKeys(root, ''),
          validator: this.validator,
        });
    const byPointer = groupErrors(
      (pointer) => this.node(pointer),
      withModelRules(errors, root, data, {
        visible: (node, pointer) => this.visibleChildren(node, pointer),
        required: (node, pointer) => this.requiredKeys(node, pointer),
        validator: this.validator,
        step: whole ? undefined : fieldKeys,
      }),
    );
    const result: FieldError[] = [];
    const visit = (node: FieldNode, pointer: string) => {
      const own =
        choiceError(node, this.value(pointer)) ?? listError(node, this.value(pointer), this.isRequired(pointer));
      const error = own === null ? undefined : (own ?? byPointer.get(pointer));
      this.setError(pointer, error);
      if (error)
        result.push({
          pointer,
          label: this.label(node, pointer),
          message: describeAt(this, error, node, pointer),
          error,
        });
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
    const group = this.unmetGroup(pointer);
    if (group) return group; // the group's error stays with its first question until one is answered
    if (!isAnswer(node, value)) {
      if (!this.isRequired(pointer)) return undefined;
      return requiredError(node);
    }
    if (listError(node, value, false) === null) return undefined; // its empty entries say what is missing
    if (choiceError(node, value) === null) return undefined; // a choice between alternatives, made
    const errors = this.validator.validateAt(node.schemaPointer, value, this.objectValue(parentPointer(pointer)));
    const first = pickError(errors, node);
    return first;
  }

  /** The error of an unmet "at least one of these" while it is on display at this question. */
  private unmetGroup(pointer: string): ErrorDescriptor | undefined {
    if (this.errors.get(pointer)?.keyword !== 'atLeastOne') return undefined;
    const parent = parentPointer(pointer);
    const owner = this.node(parent);
    if (owner?.kind !== 'object') return undefined;
    const visible = this.visibleChildren(owner, parent);
    const group = unmetGroups(owner, this.objectValue(parent), visible).find(
      (g) => groupHolder(g, visible) && childPointer(parent, groupHolder(g, visible)!.key) === pointer,
    );
    return group && atLeastOneError(group, pointer);
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
