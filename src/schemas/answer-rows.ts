/**
 * The answers of an application as the person saw them — question titles, the chosen options' labels,
 * dates in German style, repeatable groups entry by entry — as plain label/value rows. Pure: the
 * review page and the receipt (src/components) and the case-worker inbox (server) all use it; the
 * words ("Ja", "Nicht beantwortet", the date style) come from the caller, so this file needs no UI texts.
 */
import { childPointer, isAnswer, sameValue } from './data.js';
import type { FormStore } from './store.js';
import { choiceLabel, text } from './texts.js';
import type { ChoiceNode, FieldNode, Lang, StepModel } from './types.js';

export interface AnswerWords {
  yes: string;
  no: string;
  notAnswered: string;
  /** '2026-11-29' as the person reads it. */
  date(iso: string): string;
}

/** One answer: `label` joins the group titles above it with " – " ("Wunsch 2 – Name der Kita"). */
export interface AnswerRow {
  section?: string;
  label: string;
  value: string;
}

/** An answer as the person would say it: labels instead of codes, dates in German style. */
export function formatAnswer(node: FieldNode, value: unknown, lang: Lang, words: AnswerWords): string {
  // A yes/no question that must be answered is a choice of "Ja"/"Nein" (model.ts); a boolean is a
  // single checkbox, and one left alone says "no": it cannot be "not answered".
  if (node.kind === 'boolean') return value === true ? words.yes : words.no;
  if (!isAnswer(node, value)) return words.notAnswered;
  switch (node.kind) {
    case 'choice':
    case 'multi': {
      const choice = node as ChoiceNode;
      const label = (v: unknown) => {
        const option = choice.options.find((o) => sameValue(o.value, v));
        return option ? choiceLabel(choice, option, lang) : String(v);
      };
      return node.kind === 'multi' ? (value as unknown[]).map(label).join(', ') : label(value);
    }
    case 'date':
      return words.date(String(value));
    case 'number':
      return lang === 'de' ? String(value).replace('.', ',') : String(value);
    case 'file':
      return (value as { filename: string }[]).map((f) => f.filename).join(', ');
    default:
      return String(value);
  }
}

const SEPARATOR = ' – ';

function collect(
  store: FormStore,
  node: FieldNode,
  pointer: string,
  lang: Lang,
  words: AnswerWords,
  path: string[],
  section: string,
  out: AnswerRow[],
): void {
  if (!store.isShown(pointer) || node.kind === 'info') return;
  const label = store.label(node);
  // A group titled like its step, or a question like its group (the choice between alternatives),
  // would only repeat the heading.
  const own =
    (path.length === 0 && label === section) || path[path.length - 1] === label ? [...path] : [...path, label];
  if (node.kind === 'object') {
    for (const child of store.visibleChildren(node, pointer))
      collect(store, child, childPointer(pointer, child.key), lang, words, own, section, out);
    return;
  }
  if (node.kind === 'array') {
    const items = (store.value(pointer) as unknown[] | undefined) ?? [];
    if (items.length === 0) out.push({ section, label: own.join(SEPARATOR) || label, value: words.notAnswered });
    const itemTitle = text(node.schema, 'itemTitle', lang) ?? label;
    const item = node.item;
    items.forEach((value, i) => {
      const itemPointer = childPointer(pointer, i);
      // A list of simple values: one row per entry.
      if (item.kind !== 'object') {
        out.push({
          section,
          label: [...path, `${itemTitle} ${i + 1}`].join(SEPARATOR),
          value: formatAnswer(item, value, lang, words),
        });
        return;
      }
      for (const child of store.visibleChildren(item, itemPointer)) {
        collect(
          store,
          child,
          childPointer(itemPointer, child.key),
          lang,
          words,
          [...path, `${itemTitle} ${i + 1}`],
          section,
          out,
        );
      }
    });
    return;
  }
  out.push({
    section,
    label: own.join(SEPARATOR) || label,
    value: formatAnswer(node, store.value(pointer), lang, words),
  });
}

/** Every shown answer, step by step (the step's title as `section`). */
export function answerRows(
  store: FormStore,
  steps: StepModel[],
  lang: Lang,
  words: AnswerWords,
  stepTitle: (step: StepModel, index: number) => string,
): AnswerRow[] {
  const out: AnswerRow[] = [];
  steps.forEach((step, index) => {
    const section = stepTitle(step, index);
    for (const key of step.fields) {
      const node = store.model.root.children.find((c) => c.key === key);
      if (node) collect(store, node, childPointer('', key), lang, words, [], section, out);
    }
  });
  return out;
}
