import type { FieldParts } from './shell.js';
import { attr, LeafField, markup, parse } from './leaf.js';
import type { FieldView } from './view.js';

/**
 * The contract of a custom widget (`x-ozg.widget: "my-address-lookup"`): a custom element the page
 * registers (best form-associated, `static formAssociated = true` with `attachInternals()`, so the
 * `<label for>` ozg-form renders names it and clicking it focuses it). ozg-form sets these properties
 * on it and reads `value` back on every `input` (answer changed) and `change` (person done with the
 * question) event the element dispatches (bubbling); focus leaving the element counts as done too.
 * Validation, drafts, review and submission treat the answer like any other.
 */
export interface OzgWidgetElement extends HTMLElement {
  /** The answer (any JSON value; undefined = no answer). Set by ozg-form, changed by the element. */
  value: unknown;
  /** The question's label and hint in the current language (ozg-form also shows them). */
  label: string;
  hint: string;
  /** The messages shown for the answer now (empty: none); also rendered by ozg-form under the label. */
  errors: string[];
  lang: string;
  required: boolean;
  readOnly: boolean;
  /** The JSON Pointer of the answer. */
  name: string;
  /** The question's schema (for limits such as maxLength). */
  schema: unknown;
}

/** How long a widget's script may take to register it before the question says it is missing. */
const MISSING_AFTER_MS = 2000;
const warned = new Set<string>();

/** A question rendered by a custom element: ozg-form's label, hint and error around it. */
class CustomField extends LeafField {
  protected readonly labelEl: HTMLElement;
  private readonly control: OzgWidgetElement;

  constructor(view: FieldView) {
    const root = parse(markup`<div part="field"><label part="label"></label></div>`).firstElementChild as HTMLElement;
    // The page's element, by the name the definition gives (createElement refuses a name that is not one).
    const control = document.createElement((view.node as { element: string }).element);
    control.setAttribute('part', 'input');
    root.append(control);
    super(view, root);
    // Leaving the element is being done with the question, as leaving a built-in field: the `change` of
    // an input in its shadow root does not reach the form (it is not composed).
    root.addEventListener('focusout', this);
    this.labelEl = root.firstElementChild as HTMLElement;
    this.control = control as OzgWidgetElement;
    if (!customElements.get(control.localName)) void this.whenMissing(control.localName);
  }

  /**
   * A widget the page has not registered (a typo in x-ozg.widget, or its script failed to load) leaves a
   * label with nothing to answer: after a grace period for a script that loads late, the question says
   * so for the editors, and the console too (once per name).
   */
  private async whenMissing(name: string): Promise<void> {
    const defined = await Promise.race([
      customElements.whenDefined(name).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), MISSING_AFTER_MS)),
    ]);
    if (defined || this.root.querySelector(':scope > .editor-note')) return;
    // Words for the editors of a page set up wrongly: loaded only then (chunk editor-notes).
    const [label, note] = (await import('./editor-notes.js')).missingWidgetNote(name, this.view.lang);
    if (this.root.querySelector(':scope > .editor-note')) return;
    this.root.append(parse(markup`<p class="editor-note" part="editor-note"><strong>${label}</strong> ${note}</p>`));
    if (!warned.has(name)) {
      warned.add(name);
      console.warn(`ozg-form: x-ozg.widget "${name}" is not registered on this page (customElements.define).`);
    }
  }

  protected notesAnchor(): Node {
    return this.control;
  }

  protected paint(parts: FieldParts): void {
    const { store, node, pointer, lang } = this.view;
    const c = this.control;
    attr(this.labelEl, 'for', parts.id);
    attr(c, 'id', parts.id);
    attr(c, 'aria-describedby', parts.describedBy);
    const value = store.value(pointer);
    if (JSON.stringify(c.value) !== JSON.stringify(value)) c.value = value;
    Object.assign(c, {
      label: parts.label,
      hint: parts.hint ?? '',
      errors: parts.error ? [parts.error] : [],
      lang,
      required: parts.required,
      readOnly: parts.readOnly,
      name: pointer,
      schema: node.schema,
    });
  }

  protected onEvent(event: Event): void {
    if (event.target !== this.control && !(event.composedPath() as EventTarget[]).includes(this.control)) return;
    const { store, pointer } = this.view;
    if (event.type === 'focusout') {
      // (Focus moving between the element's own inputs leaves it as well, retargeted to the element.)
      if (!this.control.contains((event as FocusEvent).relatedTarget as Node | null)) store.touch(pointer);
      return;
    }
    const value = this.control.value;
    store.setValue(pointer, value === '' || value === null ? undefined : value, true);
    if (event.type === 'change') store.touch(pointer);
  }
}

export function renderCustomField(view: FieldView, previous?: LeafField): LeafField {
  const field = previous instanceof CustomField && previous.fits(view) ? previous : new CustomField(view);
  field.update(view);
  return field;
}
