import type { FormStore } from '../../schemas/store.js';
import type { FieldNode, Lang } from '../../schemas/types.js';

/** What a field renderer needs: the store, the question, where its answer lives, the language. */
export interface FieldView {
  store: FormStore;
  node: FieldNode;
  pointer: string;
  lang: Lang;
  host: FormHost;
  /** For objects: render only the questions, without the fieldset (an entry of a repeatable group). */
  bare?: boolean;
}

/** Whether two views show the same question the same way (a part given an equal view keeps its DOM). */
export function sameView(a: FieldView, b: FieldView): boolean {
  return a.store === b.store && a.pointer === b.pointer && a.node === b.node && a.lang === b.lang && a.bare === b.bare;
}

/** Services the form element offers its fields. */
export interface FormHost {
  /** Reads a message to screen-reader users (polite live region). */
  announce(message: string): void;
  /** Moves focus to the question at a pointer (after the next render). */
  focusField(pointer: string): void;
  /** An entry of a list was removed: the errors shown name entries by their place, so they are found
   * again (those of the removed entry go, those of the entries after it move up with them). */
  entryRemoved(): void;
}
