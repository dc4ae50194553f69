import { isAnswer, sameValue } from './data.js';
import { childByKey } from './model.js';
import type { ConditionalBlock, ObjectNode } from './types.js';

/** Tests the answers of an object against the `if` schema at a schema pointer. */
export type ConditionTest = (schemaPointer: string, value: Record<string, unknown>) => boolean;

/**
 * Which conditional blocks (`if`/`then`/`else`, `dependentSchemas`, `dependentRequired`) of each
 * object are active, remembered per object pointer. Rendering asks for every question whether it is
 * shown and required; evaluating an object's `if` schemas each time cost N x K validations for an
 * object of N questions and K conditions. The store re-evaluates an object when an answer inside it
 * changes and forgets what may have moved (entries of a repeatable group).
 */
interface Entry {
  blocks: ConditionalBlock[];
  shown?: Set<string>;
  required?: Set<string>;
}

export class ConditionCache {
  private readonly active = new Map<string, Entry>();

  constructor(
    private readonly objectValue: (pointer: string) => Record<string, unknown>,
    /** Undefined until the validators are loaded: until then `if` conditions count as not met. */
    private readonly test: () => ConditionTest | undefined,
  ) {}

  /** The active blocks of the object at `pointer`, evaluated on first use. */
  private entry(node: ObjectNode, pointer: string): Entry {
    let entry = this.active.get(pointer);
    if (!entry) this.active.set(pointer, (entry = { blocks: this.evaluate(node, pointer) }));
    return entry;
  }

  /** Evaluates the object again; true when other blocks are active than before (or it was not known). */
  refresh(node: ObjectNode, pointer: string): boolean {
    const before = this.active.get(pointer)?.blocks;
    const now = this.evaluate(node, pointer);
    this.active.set(pointer, { blocks: now });
    return !before || before.length !== now.length || before.some((block, i) => block !== now[i]);
  }

  /** Forgets every object, or those below `pointer` (not the object at `pointer` itself). */
  forget(pointer?: string): void {
    if (pointer === undefined) {
      this.active.clear();
      return;
    }
    const prefix = `${pointer}/`;
    for (const key of [...this.active.keys()]) if (key.startsWith(prefix)) this.active.delete(key);
  }

  /** The questions of the object that are shown. */
  shownKeys(node: ObjectNode, pointer: string): Set<string> {
    if (node.blocks.length === 0) return node.baseFields;
    const entry = this.entry(node, pointer);
    return (entry.shown ??= union(node.baseFields, entry.blocks, 'fields'));
  }

  /** The questions of the object that must be answered. */
  requiredKeys(node: ObjectNode, pointer: string): Set<string> {
    if (node.blocks.length === 0) return node.baseRequired;
    const entry = this.entry(node, pointer);
    return (entry.required ??= union(node.baseRequired, entry.blocks, 'required'));
  }

  /** The blocks whose condition holds. The answer of a question a condition hides takes no part (it is
   * not sent either): from the questions always shown, the shown ones grow with the active blocks until
   * the answers taking part stay the same (once, unless a hidden question has an answer); changing an
   * earlier answer so hides a branch and the branches that hung on it. */
  private evaluate(node: ObjectNode, pointer: string): ConditionalBlock[] {
    if (node.blocks.length === 0) return [];
    const all = this.objectValue(pointer);
    const test = this.test();
    const shownPart = (blocks: ConditionalBlock[]) => {
      const shown = union(node.baseFields, blocks, 'fields');
      const value = { ...all };
      for (const child of node.children) if (!shown.has(child.key)) delete value[child.key];
      return value;
    };
    let value = shownPart([]);
    for (let round = 0; ; round++) {
      const active = node.blocks.filter((block) => {
        // (null counts where a choice offers it, as for JSON Schema's required)
        const { when } = block;
        if (when.type === 'present') return isAnswer(childByKey(node, when.key), value[when.key]);
        if (when.type === 'equals') return sameValue(value[when.key], when.value);
        return !!test && test(when.schemaPointer, value) !== when.negate;
      });
      const next = shownPart(active);
      if (round >= node.blocks.length || Object.keys(next).join() === Object.keys(value).join()) return active;
      value = next;
    }
  }
}

function union(base: Set<string>, blocks: ConditionalBlock[], key: 'fields' | 'required'): Set<string> {
  const out = new Set(base);
  for (const block of blocks) block[key].forEach((name) => out.add(name));
  return out;
}
