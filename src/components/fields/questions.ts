import { noChange, type ChildPart, type Part } from 'lit';
import { AsyncDirective, directive, type DirectiveResult } from 'lit/async-directive.js';
import { insertPart, removePart, setChildPartValue } from 'lit/directive-helpers.js';
import { field, isLeaf, leafKind, renderLeaf } from './field-directive.js';
import { parse, markup, type LeafField, type LeafKind, type Markup } from './leaf.js';
import { fieldParts, type FieldParts } from './shell.js';
import { sameView, type FieldView } from './view.js';

/*
 * The questions of a step or a group, in order. A question with one answer (leaf.ts) is put into the
 * list as its own elements: no Lit part, no marker comments, no directive; the list listens to its
 * answer for it. Groups, lists, files and texts get a Lit part each, as `repeat` would give them. In a
 * form of 1,000 questions that saves 1,000 parts, 2,000 comments and 1,000 directives. New questions
 * standing next to each other are written as one piece of markup and parsed at once.
 */

/** A new question waiting to be parsed with its neighbours, and the node it goes before. */
interface Pending {
  entry: Entry;
  kind: LeafKind;
  parts: FieldParts;
  markup: Markup;
  before: Node | null;
}

interface Entry {
  view: FieldView;
  /** A question with one answer, updated in place when its answer changes. */
  leaf?: LeafField;
  /** Anything else: a part rendering `field(view)`. */
  part?: ChildPart;
  /** What the store calls when the leaf's answer changes. */
  listener?: () => void;
}

class QuestionsDirective extends AsyncDirective {
  private part?: ChildPart;
  /** The questions on display, in order. */
  private entries: Entry[] = [];
  private pending: Pending[] = [];

  render(_views: FieldView[]): unknown {
    return noChange;
  }

  override update(part: Part, [views]: [FieldView[]]): unknown {
    this.part = part as ChildPart;
    this.reconcile(views);
    return noChange;
  }

  /** Removes the questions that left, adds the new ones where they belong, updates the others. */
  private reconcile(views: FieldView[]): void {
    const wanted = new Set(views.map((view) => view.pointer));
    const old = this.entries.filter((entry) => {
      if (wanted.has(entry.view.pointer)) return true;
      this.drop(entry);
      return false;
    });
    const byPointer = new Map(old.map((entry) => [entry.view.pointer, entry]));
    const next: Entry[] = [];
    let at = 0;
    for (const view of views) {
      let entry = byPointer.get(view.pointer);
      if (entry && !fits(entry, view)) {
        // The same place now asks another question (another alternative was chosen, or another
        // definition was given). New questions waiting to go in before it go in first, while it still
        // marks the place.
        this.flush();
        old.splice(old.indexOf(entry), 1);
        this.drop(entry);
        entry = undefined;
      }
      const before = at < old.length ? firstNode(old[at]) : this.part!.endNode;
      if (!entry) {
        next.push(this.create(view, before));
        continue;
      }
      if (old[at] === entry) at++;
      else {
        // Out of order (not expected: questions keep the definition's order): moved here.
        old.splice(old.indexOf(entry), 1);
        this.flush();
        for (const node of nodesOf(entry)) this.part!.parentNode.insertBefore(node, before);
      }
      this.refresh(entry, view);
      next.push(entry);
    }
    this.flush();
    this.entries = next;
  }

  /** Parses the new questions waiting in `pending` in one go and puts each in its place. */
  private flush(): void {
    if (!this.pending.length) return;
    const waiting = this.pending;
    this.pending = [];
    const nodes = parse(markup`${waiting.map((p) => p.markup)}`);
    const roots = [...nodes.children] as HTMLElement[];
    // Usually all go to one place (the first render): then in one step.
    const before = waiting[0].before;
    if (waiting.every((p) => p.before === before)) this.part!.parentNode.insertBefore(nodes, before);
    waiting.forEach(({ entry, kind, parts, before }, i) => {
      if (roots[i].parentNode === nodes) this.part!.parentNode.insertBefore(roots[i], before);
      entry.leaf = new kind(entry.view, roots[i], parts);
      if (this.isConnected) entry.view.store.subscribe(entry.view.pointer, this.changed(entry));
    });
  }

  private create(view: FieldView, before: Node | null): Entry {
    const entry: Entry = { view };
    const kind = leafKind(view);
    if (kind) {
      const parts = fieldParts(view);
      this.pending.push({ entry, kind, parts, markup: kind.markup(view, parts), before });
      return entry;
    }
    // Anything else goes in now, after the questions before it.
    this.flush();
    const leaf = renderLeaf(view);
    if (leaf) {
      entry.leaf = leaf;
      this.part!.parentNode.insertBefore(leaf.root, before);
      if (this.isConnected) view.store.subscribe(view.pointer, this.changed(entry));
      return entry;
    }
    const part = insertPart(this.part!);
    if (before !== this.part!.endNode)
      for (const node of nodesOf({ view, part })) part.parentNode.insertBefore(node, before);
    setChildPartValue(part, field(view));
    entry.part = part;
    return entry;
  }

  private refresh(entry: Entry, view: FieldView): void {
    if (sameView(entry.view, view)) return;
    if (entry.leaf) {
      if (this.isConnected) entry.view.store.unsubscribe(entry.view.pointer, this.changed(entry));
      entry.view = view;
      entry.leaf.update(view);
      if (this.isConnected) view.store.subscribe(view.pointer, this.changed(entry));
    } else {
      entry.view = view;
      setChildPartValue(entry.part!, field(view));
    }
  }

  private drop(entry: Entry): void {
    if (entry.leaf) {
      entry.view.store.unsubscribe(entry.view.pointer, this.changed(entry));
      entry.leaf.root.remove();
    } else if (entry.part) {
      const end = entry.part.endNode;
      removePart(entry.part);
      end?.parentNode?.removeChild(end);
    }
  }

  /** One listener per leaf, the same function each time it is asked for (to unsubscribe it). */
  private changed(entry: Entry): () => void {
    return (entry.listener ??= () => {
      // Lit does not disconnect a directive that sits directly in a part `repeat` removed: such a
      // list has left the DOM; stop listening instead of updating questions no one sees.
      if (!entry.leaf!.root.parentNode) {
        this.disconnected();
        return;
      }
      entry.leaf!.update(entry.view);
    });
  }

  protected override disconnected(): void {
    for (const entry of this.entries)
      if (entry.leaf) entry.view.store.unsubscribe(entry.view.pointer, this.changed(entry));
  }

  protected override reconnected(): void {
    for (const entry of this.entries) {
      if (!entry.leaf) continue;
      entry.view.store.subscribe(entry.view.pointer, this.changed(entry));
      entry.leaf.update(entry.view);
    }
  }
}

/** Whether `entry` (a leaf or a part) can go on showing the question at its place. */
function fits(entry: Entry, view: FieldView): boolean {
  return entry.leaf ? entry.leaf.fits(view) : !isLeaf(view);
}

function firstNode(entry: Entry): Node {
  return entry.leaf ? entry.leaf.root : entry.part!.startNode!;
}

/** The nodes of an entry: a leaf's element, or a part from its start marker to its end marker. */
function nodesOf(entry: Entry): Node[] {
  if (entry.leaf) return [entry.leaf.root];
  const nodes: Node[] = [];
  const end = entry.part!.endNode;
  for (let node: Node | null = entry.part!.startNode; node; node = node.nextSibling) {
    nodes.push(node);
    if (node === end) break;
  }
  return nodes;
}

/** `${questions(views)}`: the questions of a step or group, each keeping itself up to date. */
export const questions: (views: FieldView[]) => DirectiveResult<typeof QuestionsDirective> =
  directive(QuestionsDirective);
