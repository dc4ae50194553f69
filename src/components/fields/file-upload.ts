import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type CSSResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  acceptAttribute,
  checkCandidate,
  collectFiles,
  describeRules,
  fileRules,
  fileStore,
  formatSize,
  isFileRef,
  SNIFF_BYTES,
  sweepOtherForms,
  typeLabel,
  ut,
  type FileRef,
} from '../../modules/uploads/index.js';
import { LocalDraftStore } from '../../modules/drafts/draft-store.js';
import { defineElement } from '../define.js';
import { formContext } from '../form/context.js';
import { fieldParts } from './shell.js';
import { helpText, hintAndError, labelContent } from './shell-templates.js';
import type { FieldView } from './view.js';

/* Added to the form's shadow root (adoptedStyleSheets: allowed under a strict CSP) when the first file
 * question appears, so forms without file questions do not carry these rules. */
const fileStyles: CSSResult = css`
  .drop-zone {
    max-width: 32rem;
    padding: 1rem;
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .drop-zone.dragging {
    border-color: var(--_primary);
    border-style: solid;
  }
  .drop-zone input[type='file'] {
    background: #ffffff;
  }
  .drop-zone .drop-hint {
    margin: 0.5rem 0 0;
    color: var(--_muted);
  }
  .file-refusals {
    padding-left: 1.25rem;
  }
  .file-list {
    list-style: none;
    max-width: 32rem;
    padding: 0;
    margin: 0.75rem 0 0;
  }
  .file-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .file-list .file-name {
    font-weight: 700;
    overflow-wrap: anywhere;
    flex: 1 1 12rem;
  }
  .file-list .file-meta {
    color: var(--_muted);
  }
`;

function adoptStyles(root: Node): void {
  if (!(root instanceof ShadowRoot) || !fileStyles.styleSheet) return;
  if (!root.adoptedStyleSheets.includes(fileStyles.styleSheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, fileStyles.styleSheet];
  }
}

/** The forms whose kept files were compared with their answers in this page. */
const pruned = new Set<string>();

/** Removes the kept files of a form that no answer names (collectFiles: every file question of the
 * model, hidden ones too). */
async function dropUnnamed(store: FieldView['store']): Promise<void> {
  const formId = store.model.id;
  const named = new Set(collectFiles(store.model.root, store.data).map(({ ref }) => ref.attachmentId));
  const files = fileStore();
  for (const id of (await files.list?.(formId).catch(() => [])) ?? [])
    if (!named.has(id)) await files.remove(formId, id).catch(() => undefined);
}

/**
 * One file question (Nachweis): a labelled native file input (keyboard and screen readers use it as
 * is) inside a drop zone for mouse users, the rules, the refusals, and the chosen files, each removable.
 * Renders into the form's shadow root (no shadow root of its own), so label, hint and error share it.
 * Every chosen file is checked by content and kept in IndexedDB under its attachment id; the answer
 * holds only the references.
 */
export class OzgFileUpload extends LitElement {
  static override properties = {
    view: { attribute: false },
    refusals: { state: true },
    dragging: { state: true },
  };

  declare view: FieldView;
  declare refusals: string[];
  declare dragging: boolean;
  /** The form's context: whether its drafts are kept in localStorage (see StoredFile.localDraft). */
  private readonly context = new ContextConsumer(this, { context: formContext });
  private checkedFor?: string;
  private queue: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.refusals = [];
    this.dragging = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStyles(this.getRootNode());
    this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
    this.off = this.listeningTo = undefined;
  }

  /** Stops listening to the store (set while connected). */
  private off?: () => void;
  private listeningTo?: FieldView;

  /** Renders again when the answer or its error changes ("Weiter" shows the error inline too): the
   * form hands over the same view then, which Lit's property binding does not pass on as a change. */
  private listen(): void {
    const view = this.view;
    if (!view || !this.isConnected || this.listeningTo === view) return;
    this.off?.();
    this.listeningTo = view;
    this.off = view.store.subscribe(view.pointer, () => this.requestUpdate());
  }

  protected override willUpdate(): void {
    this.listen();
  }

  private get files(): FileRef[] {
    const value = this.view.store.value(this.view.pointer);
    return Array.isArray(value) ? value.filter(isFileRef) : [];
  }

  private get formId(): string {
    return this.view.store.model.id;
  }

  protected override updated(): void {
    // Once per form and page: the kept files no answer names any more go (a draft that expired after
    // its days, on a shared computer: an earlier person's scans must not stay in the browser).
    if (!pruned.has(this.formId)) {
      pruned.add(this.formId);
      void this.enqueue(() => dropUnnamed(this.view.store));
      // And those of other forms whose draft is gone (file-sweep.ts).
      void this.enqueue(() =>
        sweepOtherForms(fileStore(), this.formId).then(
          () => undefined,
          () => undefined,
        ),
      );
    }
    // After a reload: the answer names files; make sure the browser still has their bytes.
    const key = `${this.formId}|${this.view.pointer}`;
    if (this.checkedFor === key) return;
    this.checkedFor = key;
    void this.enqueue(() => this.dropMissing());
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work, work);
    return this.queue;
  }

  private async dropMissing(): Promise<void> {
    const { lang } = this.view;
    const missing: FileRef[] = [];
    for (const ref of this.files) if (!(await fileStore().get(this.formId, ref.attachmentId))) missing.push(ref);
    if (!missing.length) return;
    this.setFiles(this.files.filter((f) => !missing.includes(f)));
    this.refusals = missing.map((f) => ut(lang, 'missing', { name: f.filename }));
    this.view.host.announce(this.refusals.join(' '));
  }

  private setFiles(files: FileRef[]): void {
    this.view.store.setValue(this.view.pointer, files.length ? files : undefined);
    this.requestUpdate();
  }

  /** Checks and keeps the chosen files one after another; says what was added and what was refused. */
  private add(chosen: File[]): Promise<void> {
    return this.enqueue(async () => {
      const { store, lang, node, pointer } = this.view;
      const rules = fileRules(node.schema, store.model.definition);
      const files = [...this.files];
      let formTotal = collectFiles(store.model.root, store.data).reduce((n, f) => n + f.ref.size, 0);
      const refusals: string[] = [];
      const added: string[] = [];
      for (const file of chosen) {
        let head: Uint8Array;
        try {
          head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
        } catch {
          refusals.push(ut(lang, 'refusedUnreadable', { name: file.name }));
          continue;
        }
        const verdict = checkCandidate(lang, { name: file.name, size: file.size, head }, rules, files, formTotal);
        if (!verdict.ok) {
          refusals.push(verdict.message);
          continue;
        }
        const ref: FileRef = {
          attachmentId: crypto.randomUUID(),
          filename: verdict.name,
          mimeType: verdict.type,
          size: file.size,
        };
        try {
          await fileStore().put({
            formId: this.formId,
            attachmentId: ref.attachmentId,
            name: ref.filename,
            type: ref.mimeType,
            size: ref.size,
            blob: file,
            savedAt: Date.now(),
            localDraft: this.context.value?.drafts.storage instanceof LocalDraftStore,
          });
        } catch {
          refusals.push(ut(lang, 'refusedStorage', { name: ref.filename }));
        }
        files.push(ref);
        formTotal += ref.size;
        added.push(ref.filename);
      }
      this.refusals = refusals;
      if (added.length) {
        this.setFiles(files);
        store.touch(pointer);
      }
      const message = [added.length ? ut(lang, 'added', { names: added.join(', ') }) : '', ...refusals]
        .filter(Boolean)
        .join(' ');
      if (message) this.view.host.announce(message);
    });
  }

  private removeFile(ref: FileRef, index: number): Promise<void> {
    return this.enqueue(async () => {
      const { lang, store, pointer } = this.view;
      await fileStore().remove(this.formId, ref.attachmentId);
      const rest = this.files.filter((f) => f.attachmentId !== ref.attachmentId);
      this.refusals = [];
      this.setFiles(rest);
      store.touch(pointer);
      this.view.host.announce(ut(lang, 'removed', { name: ref.filename }));
      await this.updateComplete;
      // Focus stays in the list: the next file's button, the previous one, or the file input.
      const buttons = this.querySelectorAll<HTMLButtonElement>('.file-list button');
      (
        buttons[Math.min(index, buttons.length - 1)] ?? this.querySelector<HTMLInputElement>('input[type=file]')
      )?.focus();
    });
  }

  private onChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    input.value = ''; // the same file can be chosen again after removing it
    if (chosen.length) void this.add(chosen);
  };

  private onDrag = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dragging = event.type !== 'dragleave';
  };

  private onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this.dragging = false;
    const chosen = [...(event.dataTransfer?.files ?? [])];
    if (chosen.length) void this.add(chosen);
  };

  override render() {
    const view = this.view;
    if (!view) return nothing;
    const { lang, node, pointer, store } = view;
    const parts = fieldParts(view);
    const rules = fileRules(node.schema, store.model.definition);
    const files = this.files;
    const id = parts.id;
    const describedBy = [parts.describedBy, `${id}-rules`, this.refusals.length ? `${id}-refusals` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class=${parts.error || this.refusals.length ? 'field has-error' : 'field'} part="field">
      <label for=${id} part="label">${labelContent(view, parts)}</label>${hintAndError(view, parts)}
      <div class="hint" id="${id}-rules" part="hint">${describeRules(lang, rules)}</div>
      ${
        this.refusals.length
          ? html`<ul class="error-message file-refusals" id="${id}-refusals" part="error">
              ${this.refusals.map((r) => html`<li>${r}</li>`)}
            </ul>`
          : nothing
      }
      <div
        class=${this.dragging ? 'drop-zone dragging' : 'drop-zone'}
        part="drop-zone"
        @dragenter=${this.onDrag}
        @dragover=${this.onDrag}
        @dragleave=${this.onDrag}
        @drop=${this.onDrop}
      >
        <input
          type="file"
          id=${id}
          name=${pointer}
          part="input"
          accept=${acceptAttribute(rules.accept)}
          ?multiple=${rules.maxFiles > 1}
          ?disabled=${parts.readOnly}
          aria-required=${parts.required ? 'true' : 'false'}
          aria-invalid=${ifDefined(parts.error ? 'true' : undefined)}
          aria-describedby=${describedBy}
          @change=${this.onChange}
        />
        <p class="drop-hint" aria-hidden="true">${ut(lang, 'drop')}</p>
      </div>
      ${
        files.length
          ? html`<ul class="file-list" part="file-list" aria-label=${`${ut(lang, 'chosen')}: ${parts.label}`}>
              ${files.map(
                (f, i) =>
                  html`<li>
                    <span class="file-name">${f.filename}</span
                    ><span class="file-meta">${typeLabel(f.mimeType)}, ${formatSize(lang, f.size)}</span
                    ><button
                      type="button"
                      class="secondary"
                      part="button"
                      aria-label=${ut(lang, 'removeNamed', { name: f.filename })}
                      @click=${() => void this.removeFile(f, i)}
                    >
                      ${ut(lang, 'remove')}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }${helpText(view, parts)}
    </div>`;
  }
}

/** The file question's template; `field()` renders it once this module has loaded. */
export function renderFileField(view: FieldView) {
  defineElement('ozg-file-upload', OzgFileUpload);
  return html`<ozg-file-upload .view=${view}></ozg-file-upload>`;
}
