/** Where a JSON Pointer is in the editor's text, from the JSON syntax tree (parsed to the end first). */
import { ensureSyntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';

const PUNCTUATION = /^[[\]{},:]$/;
const children = (node: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling)
    if (!PUNCTUATION.test(child.name)) out.push(child);
  return out;
};

export interface Place {
  keyFrom: number;
  keyTo: number;
  valueFrom: number;
  valueTo: number;
}

/** The key and value range of the pointer's place, or undefined when the text has no such place. */
export function locate(state: EditorState, pointer: string): Place | undefined {
  const tree = ensureSyntaxTree(state, state.doc.length, 1000);
  if (!tree) return undefined;
  let value: SyntaxNode | undefined = children(tree.topNode)[0];
  let place: Place | undefined = value
    ? { keyFrom: value.from, keyTo: value.from, valueFrom: value.from, valueTo: value.to }
    : undefined;
  if (pointer === '') return place;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!value) return undefined;
    if (value.name === 'Object') {
      const property: SyntaxNode | undefined = children(value).find((p): boolean => {
        const name = p.getChild('PropertyName');
        if (!name) return false;
        try {
          return JSON.parse(state.sliceDoc(name.from, name.to)) === token;
        } catch {
          return false;
        }
      });
      const name: SyntaxNode | null | undefined = property?.getChild('PropertyName');
      if (!property || !name) return undefined;
      value = children(property).filter((c) => c !== name && c.from >= name.to)[0];
      place = { keyFrom: name.from, keyTo: name.to, valueFrom: value?.from ?? name.to, valueTo: value?.to ?? name.to };
    } else if (value.name === 'Array') {
      value = children(value)[Number(token)];
      if (!value) return undefined;
      place = { keyFrom: value.from, keyTo: value.from, valueFrom: value.from, valueTo: value.to };
    } else {
      return undefined;
    }
  }
  return place;
}
