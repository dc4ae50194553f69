import { noChange, type ChildPart, type Part } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { renderArrayField, renderObjectField } from './group.js';
import { BooleanField, choiceKind, ChoicesField } from './choice.js';
import { renderCustomField } from './custom.js';
import { renderInfoField } from './info.js';
import { labelled, LeafField, markup, parse, reuse, type LeafKind } from './leaf.js';
import { TextField } from './text.js';
import { fieldParts } from './shell.js';
import {
  chunkDiagnosis,
  citizenText,
  editorText,
  renderEditorNote,
  reportToEditor,
  type Diagnosis,
} from '../diagnosis.js';
import { chunkFailure } from '../../modules/retry.js';
import type { ChoiceNode } from '../../schemas/types.js';
import { sameView, type FieldView } from './view.js';

/** File questions load their code (file-upload.ts, modules/uploads) only when a form has one. */
let fileField: ((view: FieldView) => unknown) | undefined;
let loadingFileField: Promise<unknown> | undefined;
/** Why that code did not arrive: each file question then says so in its place. */
let fileFailure: Diagnosis | undefined;

/** The code of file questions, fetched once. A form with file questions asks for it when it opens:
 * a file question on a later step then appears at once, instead of empty first and a moment later
 * with its drop zone (which moved "Weiter" away from under a pointer on its way to it). Settles
 * either way: code that does not arrive is reported where a file question is shown, not by the whole
 * form (the other questions, and a receipt kept from before, stay usable), and to the editor in the
 * console. The promise is kept: a module that failed is not asked for again in this page (the browser
 * would answer with the same failure), so the person is asked to reload later. */
export function loadFileField(): Promise<unknown> {
  return (loadingFileField ??= import('./file-upload.js').then(
    (m) => (fileField = m.renderFileField),
    (error: unknown) => {
      fileFailure = chunkDiagnosis(chunkFailure(error) || undefined);
      reportToEditor(editorText('en', fileFailure));
    },
  ));
}

/** A file question whose code is on its way: label, hint, error and help as it will have them, and
 * the height of its drop zone kept free (nothing below moves when it arrives); or what to do when the
 * code did not arrive. Its id (where the error summary's link and the focus go) is on that box: there
 * is no control yet for the label to name. */
function waitingFileField(view: FieldView): unknown {
  const parts = fieldParts(view);
  const { lang } = view;
  const field = parse(
    labelled(
      view,
      parts,
      fileFailure
        ? markup`<p class="error-message" id="${parts.id}" tabindex="-1">${citizenText(lang, fileFailure, 'send')}</p>`
        : markup`<div class="file-wait" id="${parts.id}" tabindex="-1"></div>`,
      false,
    ),
  );
  return fileFailure ? [field, renderEditorNote(lang, editorText(lang, fileFailure))] : field;
}

/** Whether the question has one answer and is built as plain DOM (`LeafField`, leaf.ts). */
export function isLeaf(view: FieldView): boolean {
  if ('element' in view.node && view.node.element) return true;
  const kind = view.node.kind;
  return kind !== 'file' && kind !== 'object' && kind !== 'array' && kind !== 'info';
}

/** How a question with one answer is built from markup; undefined for custom widgets and for
 * groups, lists, files and texts. */
export function leafKind(view: FieldView): LeafKind | undefined {
  if (!isLeaf(view) || ('element' in view.node && view.node.element)) return undefined;
  const kind = view.node.kind;
  return kind === 'choice'
    ? choiceKind(view.node as ChoiceNode)
    : kind === 'multi'
      ? ChoicesField
      : kind === 'boolean'
        ? BooleanField
        : TextField;
}

/** A question with one answer as a `LeafField` that updates its own DOM (the one rendered before is
 * updated in place when it fits); undefined for groups, lists, files and texts. */
export function renderLeaf(view: FieldView, previous?: LeafField): LeafField | undefined {
  if (!isLeaf(view)) return undefined;
  const kind = leafKind(view);
  return kind ? reuse(kind, view, previous) : renderCustomField(view, previous);
}

/** A Lit template, or (questions with one answer) a `LeafField`; the leaf rendered before is passed
 * in to be updated in place. */
export function renderField(view: FieldView, previous?: LeafField): unknown {
  if (isLeaf(view)) return renderLeaf(view, previous);
  switch (view.node.kind) {
    case 'file':
      return fileField ? fileField(view) : waitingFileField(view);
    case 'object':
      return renderObjectField(view);
    case 'array':
      return renderArrayField(view);
    default:
      return renderInfoField(view);
  }
}

function channels(view: FieldView): string[] {
  switch (view.node.kind) {
    case 'object':
      return [`${view.pointer}#visible`];
    case 'array':
      return [view.pointer, `${view.pointer}#items`];
    case 'file':
      // <ozg-file-upload> listens to its answer itself (file-upload.ts); until its code is there,
      // the question shown in its place follows its answer ("(optional)", an error after "Weiter").
      return fileField ? [] : [view.pointer];
    default:
      return [view.pointer];
  }
}

/**
 * Renders one question and keeps it up to date on its own: it listens to the store's channel of its
 * answer and re-renders only itself, so typing never re-renders the form around it.
 */
class FieldDirective extends AsyncDirective {
  private view?: FieldView;
  private part?: ChildPart;
  /** The store and channels listened to (one listener for all of them). */
  private listening?: { store: FieldView['store']; channels: string[] };
  private leaf?: LeafField;

  render(view: FieldView): unknown {
    if (view.node.kind === 'file' && !fileField && !fileFailure) {
      // Into the question as it is by then (the form may have re-rendered with an equal view, which
      // this directive answers with noChange), and not into a part that left the page meanwhile.
      void loadFileField().then(() => {
        const current = this.view;
        if (current?.node.kind === 'file' && this.isConnected && this.part?.parentNode)
          this.setValue(renderField(current));
      });
    }
    const result = renderField(view, this.leaf);
    this.leaf = result instanceof LeafField ? result : undefined;
    return this.leaf ? this.leaf.root : result;
  }

  override update(part: Part, [view]: [FieldView]): unknown {
    this.part = part as ChildPart;
    const previous = this.view;
    this.view = view;
    if (previous && sameView(previous, view) && this.listening) return noChange;
    this.listen();
    return this.render(view);
  }

  private readonly changed = (): void => {
    // Lit does not disconnect a directive that sits directly in a part `repeat` removed; such a
    // part has left the DOM: stop listening instead of rendering into nothing.
    if (!this.part?.parentNode) {
      this.disconnected();
      return;
    }
    if (this.view) this.setValue(this.render(this.view));
  };

  private listen(): void {
    this.disconnected();
    const view = this.view;
    if (!view || !this.isConnected) return;
    this.listening = { store: view.store, channels: channels(view) };
    for (const channel of this.listening.channels) view.store.subscribe(channel, this.changed);
  }

  protected override disconnected(): void {
    if (!this.listening) return;
    for (const channel of this.listening.channels) this.listening.store.unsubscribe(channel, this.changed);
    this.listening = undefined;
  }

  protected override reconnected(): void {
    this.listen();
    if (this.view) this.setValue(this.render(this.view));
  }
}

/** `${field(view)}`: one self-updating question. */
export const field: (view: FieldView) => DirectiveResult<typeof FieldDirective> = directive(FieldDirective);
