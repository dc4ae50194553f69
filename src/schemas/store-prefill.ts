import { isAnswer, isEmpty } from './data.js';
import { fit } from './structure.js';
import type { FieldNode } from './types.js';

/** What the prefill needs of the store: its questions, its answers, and telling a question to repaint. */
export interface PrefillHost {
  node(pointer: string): FieldNode | undefined;
  value(pointer: string): unknown;
  setValue(pointer: string, value: unknown): void;
  repaint(pointer: string): void;
}

/**
 * The answers taken from the person's user account, and whether each is read-only (a verified
 * identity) or editable; FormStore keeps one and passes its calls on.
 */
export class Prefill {
  private readonly taken = new Map<string, { value: unknown; readOnly: boolean }>();

  constructor(private readonly host: PrefillHost) {}

  /** Read-only answers replace what is there; editable ones only fill empty questions. A claim of a type
   * its question cannot take (a text for a list) is left out, as in a draft. */
  set(values: Map<string, unknown>, readOnly: boolean): void {
    const { host } = this;
    for (const [pointer, given] of values) {
      const node = host.node(pointer);
      const value = node ? fit(node, given) : undefined;
      if (!node || isEmpty(value)) continue;
      // (an editable claim leaves "keine Angabe", the option null, as the person chose it)
      if (!readOnly && isAnswer(node, host.value(pointer)) && host.value(pointer) !== value) continue;
      this.taken.set(pointer, { value, readOnly });
      host.setValue(pointer, value);
    }
  }

  /** Removes the answers taken from the account (those the person has not changed since). */
  clear(): void {
    const entries = [...this.taken];
    this.taken.clear();
    for (const [pointer, entry] of entries) {
      if (this.host.value(pointer) === entry.value) this.host.setValue(pointer, undefined);
      else this.host.repaint(pointer);
    }
  }

  /** The answers stay as ordinary ones the person can change (the login ran out). */
  release(): void {
    const pointers = [...this.taken.keys()];
    this.taken.clear();
    for (const pointer of pointers) this.host.repaint(pointer);
  }

  /** 'readonly' or 'editable' while the answer is the one taken from the account, else undefined. */
  state(pointer: string): 'readonly' | 'editable' | undefined {
    const entry = this.taken.get(pointer);
    if (!entry || this.host.value(pointer) !== entry.value) return undefined;
    return entry.readOnly ? 'readonly' : 'editable';
  }
}
