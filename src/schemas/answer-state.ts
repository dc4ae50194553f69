import { Channels } from './channels.js';
import { ConditionCache, type ConditionTest } from './conditions.js';
import { childPointer, clone, getIn, lastKey, parentPointer, type Answers } from './data.js';
import { nodeAt } from './model.js';
import { EntryKeys } from './store-parts.js';
import { fillDefaults, fitAnswers, prune } from './structure.js';
import type { FieldNode, FormModel, ObjectNode } from './types.js';

/**
 * The answers of a form and what follows from them alone: which questions are shown and required,
 * the entries of lists, the answers to submit. FormStore (store.ts) adds changing them, errors and
 * prefill.
 */
export class AnswerState extends Channels {
  readonly model: FormModel;
  data: Answers;
  protected readonly entryKeys = new EntryKeys();
  protected readonly conditions = new ConditionCache(
    (pointer) => this.objectValue(pointer),
    () => this.conditionTest(),
  );

  constructor(model: FormModel, initial?: Answers) {
    super();
    this.model = model;
    this.data = fitAnswers(model.root, clone(initial));
    fillDefaults(this.data, model.root, '');
    this.rememberConditions('', model.root);
  }

  /** How `if` conditions are tested; none until the validators are loaded (then they count as not met). */
  protected conditionTest(): ConditionTest | undefined {
    return undefined;
  }

  value(pointer: string): unknown {
    return getIn(this.data, pointer);
  }

  /** The question at a pointer (the model never changes, so each pointer is looked up once). */
  node(pointer: string): FieldNode | undefined {
    let node = this.nodes.get(pointer);
    if (node === undefined && !this.nodes.has(pointer))
      this.nodes.set(pointer, (node = nodeAt(this.model.root, pointer)));
    return node;
  }
  private readonly nodes = new Map<string, FieldNode | undefined>();

  /** The questions of an object that are shown for its current answers, in order. */
  visibleChildren(node: ObjectNode, pointer: string): FieldNode[] {
    if (node.blocks.length === 0) return node.children;
    const shown = this.shownKeys(node, pointer);
    return node.children.filter((child) => shown.has(child.key));
  }

  isRequired(pointer: string): boolean {
    const parent = parentPointer(pointer);
    const owner = this.node(parent);
    // An entry of a list of simple values: added to be filled in (or removed).
    if (owner?.kind === 'array') return owner.item.kind !== 'object';
    if (!owner || owner.kind !== 'object') return false;
    if (owner.alternatives && pointer === childPointer(parent, owner.alternatives)) return true;
    return this.requiredKeys(owner, parent).has(lastKey(pointer));
  }

  /** Stable keys of the entries of a repeatable group, for keyed rendering. */
  itemKeys(pointer: string): number[] {
    return this.entryKeys.keys(pointer, (this.value(pointer) as unknown[] | undefined)?.length ?? 0);
  }

  /** The answers of the shown questions only: what is validated and submitted. */
  visibleData(): Answers {
    return (prune(this.model.root, this.data, '', this.conditions) as Answers | undefined) ?? {};
  }

  /** Whether the question is one of "at least one of these" (its label says so instead of "optional"). */
  inAtLeastOne(pointer: string): boolean {
    const owner = this.node(parentPointer(pointer));
    const key = pointer.slice(pointer.lastIndexOf('/') + 1);
    return owner?.kind === 'object' && !!owner.atLeastOne?.some((group) => group.flat().includes(key));
  }

  protected objectValue(pointer: string): Record<string, unknown> {
    const value = this.value(pointer);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }

  protected shownKeys(node: ObjectNode, pointer: string): Set<string> {
    return this.conditions.shownKeys(node, pointer);
  }

  protected requiredKeys(node: ObjectNode, pointer: string): Set<string> {
    return this.conditions.requiredKeys(node, pointer);
  }

  /** Whether a question is shown: every object on its way shows the next step of the path. */
  isShown(pointer: string): boolean {
    let current = pointer;
    while (current !== '') {
      const parent = parentPointer(current);
      const owner = this.node(parent);
      if (owner?.kind === 'object') {
        if (!this.shownKeys(owner, parent).has(lastKey(current))) return false;
      }
      current = parent;
    }
    return true;
  }

  protected rememberConditions(pointer: string, node: FieldNode): void {
    if (node.kind === 'object') {
      if (node.blocks.length) this.conditions.refresh(node, pointer);
      for (const child of node.children) this.rememberConditions(childPointer(pointer, child.key), child);
    } else if (node.kind === 'array') {
      const items = (this.value(pointer) as unknown[] | undefined) ?? [];
      items.forEach((_, i) => this.rememberConditions(childPointer(pointer, i), node.item));
    }
  }
}
