import { noChange, type ChildPart, type Part } from 'lit';
import { AsyncDirective, directive, type DirectiveResult } from 'lit/async-directive.js';
import { insertPart, removePart, setChildPartValue } from 'lit/directive-helpers.js';
import { childPointer } from '../../schemas/data.js';
import type { FieldNode, ObjectNode } from '../../schemas/types.js';
import { field, isLeaf, leafKind, renderLeaf } from './field-directive.js';
import {
  apply,
  attrs,
  notesMarkup,
  parse,
  markup,
  renewNotes,
  type LeafField,
  type LeafKind,
  type Markup,
} from './leaf.js';
import { fieldParts, type FieldParts } from './shell.js';
import { sameView, type FieldView } from './view.js';

/*
 * The questions of a step or a group, in order. A question with one answer (leaf.ts) is put into the
 * list as its own elements: no Lit part, no marker comments, no directive; the list listens to its
 * answer for it. So is a group whose questions are all of that kind, or such groups (`GroupField`):
 * its fieldset holds a list of its own. Lists, files, texts and other groups get a Lit part each, as
 * `repeat` would give them. In a form of 1,000 questions in 100 groups that saves 1,100 parts, 2,200
 * comments and 1,100 directives. New questions standing next to each other are written as one piece
 * of markup, with the questions of their groups, and parsed at once.
 */

/** A new question waiting to be parsed with its neighbours, and the node it goes before. */
interface Pending {
  entry: Entry;
  /** A question with one answer: its kind (a group has `children` instead). */
  kind?: LeafKind;
  parts: FieldParts;
  markup: Markup;
  before: Node | null;
  /** A group's questions, parsed inside its markup. */
  children?: Pending[];
}

/** What a list shows in place of a question, and keeps up to date. */
type Shown = LeafField | GroupField;

interface Entry {
  view: FieldView;
  /** A question with one answer, or a group of such, updated in place when it changes. */
  leaf?: Shown;
  /** Anything else: a part rendering `field(view)`. */
  part?: ChildPart;
  /** What the store calls when the leaf's answer (a group: which questions it shows) changes. */
  listener?: () => void;
}

/** Where a list puts its questions: before `end()` in `parent()`; `part()` makes a Lit part there
 * (only the list of a step or of a group rendered by Lit has one). */
interface Place {
  parent(): Node;
  end(): Node | null;
  part?(): ChildPart;
}

/** The views of the questions a group shows now. */
export function childViews(view: FieldView, node: ObjectNode, pointer: string): FieldView[] {
  return view.store
    .visibleChildren(node, pointer)
    .map((child) => ({ ...view, bare: false, node: child, pointer: childPointer(pointer, child.key) }));
}

/** Whether a question (all it may ever show) is built without Lit: one answer, or a group of such. */
function plain(node: FieldNode): boolean {
  return node.kind === 'object'
    ? !node.alternatives && !('element' in node && node.element) && node.children.every(plain)
    : !!leafKind({ node } as FieldView);
}

/** Whether a question is a group built as a `GroupField`. (The questions of a list are never `bare`:
 * only a repeatable group's entries are, and `field()` renders each.) */
const isGroupField = (view: FieldView): boolean => view.node.kind === 'object' && plain(view.node);

/** A question written as markup, with the questions of a group, or undefined (needs a Lit part). */
function pendingOf(view: FieldView, before: Node | null): Pending | undefined {
  const entry: Entry = { view };
  const kind = leafKind(view);
  if (!kind && !isGroupField(view)) return undefined;
  const parts = fieldParts(view);
  if (kind) return { entry, kind, parts, markup: kind.markup(view, parts), before };
  const children = childViews(view, view.node as ObjectNode, view.pointer).map((child) => pendingOf(child, null)!);
  return { entry, parts, markup: GroupField.markup(view, parts, children), before, children };
}

class QuestionList {
  /** The questions on display, in order. */
  entries: Entry[] = [];
  private pending: Pending[] = [];

  constructor(
    private readonly place: Place,
    /** Whether the questions listen to the store (the directive at the top is connected). */
    readonly host: { readonly isConnected: boolean },
  ) {}

  /** Removes the questions that left, adds the new ones where they belong, updates the others. */
  reconcile(views: FieldView[]): void {
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
      const before = at < old.length ? firstNode(old[at]) : this.place.end();
      if (!entry) {
        next.push(this.create(view, before));
        continue;
      }
      if (old[at] === entry) at++;
      else {
        // Out of order (not expected: questions keep the definition's order): moved here.
        old.splice(old.indexOf(entry), 1);
        this.flush();
        for (const node of nodesOf(entry)) this.place.parent().insertBefore(node, before);
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
    const parent = this.place.parent();
    // Usually all go to one place (the first render): then in one step.
    const before = waiting[0].before;
    if (waiting.every((p) => p.before === before)) parent.insertBefore(nodes, before);
    waiting.forEach((p, i) => {
      if (roots[i].parentNode === nodes) parent.insertBefore(roots[i], p.before);
      this.build(p, roots[i]);
    });
  }

  /** The question of `p`, on its parsed element `root` (a group with its questions). */
  build(p: Pending, root: HTMLElement): void {
    // A group's questions listen from its constructor on (its list builds them): here only itself.
    p.entry.leaf = p.children
      ? new GroupField(p.entry.view, root, p.children, this.host)
      : new p.kind!(p.entry.view, root, p.parts);
    this.listenTo(p.entry, this.host.isConnected);
  }

  private create(view: FieldView, before: Node | null): Entry {
    const waiting = pendingOf(view, before);
    if (waiting) {
      this.pending.push(waiting);
      return waiting.entry;
    }
    // Anything else goes in now, after the questions before it.
    this.flush();
    const entry: Entry = { view };
    const parent = this.place.parent();
    const leaf = renderLeaf(view);
    if (leaf) {
      entry.leaf = leaf;
      parent.insertBefore(leaf.root, before);
      this.listenTo(entry, this.host.isConnected);
      return entry;
    }
    const part = this.place.part!();
    if (before !== this.place.end()) for (const node of nodesOf({ view, part })) parent.insertBefore(node, before);
    setChildPartValue(part, field(view));
    entry.part = part;
    return entry;
  }

  private refresh(entry: Entry, view: FieldView): void {
    if (sameView(entry.view, view)) return;
    if (entry.leaf) {
      // A group's questions stay subscribed: its update reconciles them (new ones subscribe when
      // built, those that leave unsubscribe when dropped).
      this.listenTo(entry, false);
      entry.view = view;
      entry.leaf.update(view);
      this.listenTo(entry, this.host.isConnected);
    } else {
      entry.view = view;
      setChildPartValue(entry.part!, field(view));
    }
  }

  private drop(entry: Entry): void {
    if (entry.leaf) {
      this.listenAll(entry, false);
      entry.leaf.root.remove();
    } else if (entry.part) {
      const end = entry.part.endNode;
      removePart(entry.part);
      end?.parentNode?.removeChild(end);
    }
  }

  /** Starts (`on`) or stops listening to the store for every question, those in groups too. */
  listen(on: boolean): void {
    for (const entry of this.entries) this.listenAll(entry, on);
  }

  private listenAll(entry: Entry, on: boolean): void {
    this.listenTo(entry, on);
    if (entry.leaf instanceof GroupField) entry.leaf.list.listen(on);
  }

  /** Brings every question up to date, those in groups too (back in the page after a while away). */
  updateAll(): void {
    for (const { leaf, view } of this.entries) {
      leaf?.update(view);
      if (leaf instanceof GroupField) leaf.list.updateAll();
    }
  }

  /** The entry's own channel only: its answer, or which questions a group shows. */
  private listenTo(entry: Entry, on: boolean): void {
    if (!entry.leaf) return;
    const { store, pointer } = entry.view;
    const channel = entry.leaf instanceof GroupField ? `${pointer}#visible` : pointer;
    if (on) store.subscribe(channel, this.changed(entry));
    else store.unsubscribe(channel, this.changed(entry));
  }

  /** One listener per leaf, the same function each time it is asked for (to unsubscribe it). */
  private changed(entry: Entry): () => void {
    return (entry.listener ??= () => {
      // Lit does not disconnect a directive that sits directly in a part `repeat` removed: such a
      // list has left the DOM; stop listening instead of updating questions no one sees. (A list
      // drops its questions and groups with their listeners; this is for the lists Lit removes.)
      if (!entry.leaf!.root.isConnected) {
        this.listen(false);
        return;
      }
      entry.leaf!.update(entry.view);
    });
  }
}

/**
 * A group whose questions all have one answer (or are such groups): its fieldset, legend and hint are
 * written as markup with its questions, and it keeps them up to date itself. It listens to which
 * questions it shows (`<pointer>#visible`, its conditions); its questions listen to their answers.
 */
class GroupField {
  view: FieldView;
  readonly list: QuestionList;

  constructor(
    view: FieldView,
    readonly root: HTMLElement,
    children: Pending[],
    host: { readonly isConnected: boolean },
  ) {
    this.view = view;
    this.list = new QuestionList({ parent: () => root, end: () => null }, host);
    // Its questions are the last elements of the fieldset, after legend and notes.
    const roots = [...root.children].slice(root.children.length - children.length) as HTMLElement[];
    children.forEach((child, i) => this.list.build(child, roots[i]));
    this.list.entries = children.map((child) => child.entry);
  }

  static markup(view: FieldView, parts: FieldParts, children: Pending[]): Markup {
    return markup`<fieldset class="group" id="${parts.id}" part="group"${attrs({ 'aria-describedby': parts.describedBy })}><legend part="legend">${parts.label}</legend>${notesMarkup(parts, view.lang)}${children.map((c) => c.markup)}</fieldset>`;
  }

  fits(view: FieldView): boolean {
    return view.node === this.view.node;
  }

  /** Called when the group's conditions changed which questions it shows, or the language changed:
   * legend and notes are written again (rare, and nothing in them keeps focus). */
  update(view: FieldView): void {
    this.view = view;
    const parts = fieldParts(view);
    apply(this.root, { id: parts.id, 'aria-describedby': parts.describedBy });
    this.root.firstElementChild!.textContent = parts.label;
    renewNotes(this.root, this.list.entries[0]?.leaf!.root, parts, view.lang);
    this.list.reconcile(childViews(view, view.node as ObjectNode, view.pointer));
  }
}

class QuestionsDirective extends AsyncDirective {
  private list?: QuestionList;

  render(_views: FieldView[]): unknown {
    return noChange;
  }

  override update(part: Part, [views]: [FieldView[]]): unknown {
    const at = part as ChildPart;
    this.list ??= new QuestionList(
      { parent: () => at.parentNode, end: () => at.endNode, part: () => insertPart(at) },
      this,
    );
    this.list.reconcile(views);
    return noChange;
  }

  protected override disconnected(): void {
    this.list?.listen(false);
  }

  protected override reconnected(): void {
    this.list?.listen(true);
    this.list?.updateAll();
  }
}

/** Whether `entry` (a leaf, a group or a part) can go on showing the question at its place. */
function fits(entry: Entry, view: FieldView): boolean {
  return entry.leaf ? entry.leaf.fits(view) : !isLeaf(view) && !isGroupField(view);
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
