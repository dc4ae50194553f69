/**
 * The schema playground (demo/playground.html): a CodeMirror 6 editor for the definition, the author
 * check on every (debounced) change with each problem a button that moves the cursor to its place,
 * the OZG Reifegrad estimate, the live <ozg-form> preview that keeps the typed answers, templates,
 * the embed snippet and the download. The draft lives in localStorage (./storage.ts); nothing is sent
 * anywhere. Opened with ?form=<demo>.json over a different draft, the draft is kept aside to restore.
 */
import { EditorView, basicSetup } from 'codemirror';
import { hoverTooltip, keymap } from '@codemirror/view';
import { EditorSelection } from '@codemirror/state';
import { ensureSyntaxTree } from '@codemirror/language';
import { indentWithTab } from '@codemirror/commands';
import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json';
import { linter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';
import { checkAll, estimateReifegrad, type DefinitionProblem } from '../../src/schemas/check/index.js';
import { DEFINITION_SCHEMA } from './definition-schema.js';
import { jsonErrorPlace, placeAt, type JsonErrorPlace } from './json-error.js';
import { locate } from './locate.js';
import { chosenLang, draft, previousDraft } from './storage.js';
import { BLANK, TEMPLATES, insertTemplate } from './templates.js';
import { TEXTS, type Lang } from './texts.js';
import { renderEmbed, renderProblems, renderReifegrad, type CheckResult } from './view.js';
import { analysisLoaded } from './scslre-later.js';

const DEMO_FORMS = [
  { file: 'hundesteuer.json', name: 'Hundesteuer' },
  { file: 'anwohnerparken.json', name: 'Bewohnerparken' },
  { file: 'sondernutzung.json', name: 'Sondernutzung' },
];

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
let lang: Lang = chosenLang.get() ?? (document.documentElement.lang === 'en' ? 'en' : 'de');
const t = () => TEXTS[lang];

function announce(message: string): void {
  $('status').textContent = message;
}

// ---- editor -------------------------------------------------------------------------------------

const view = new EditorView({
  parent: $('editor'),
  doc: '',
  extensions: [
    basicSetup,
    keymap.of([indentWithTab]),
    json(),
    linter(jsonParseLinter(), { delay: 300 }),
    jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
    hoverTooltip(jsonSchemaHover()),
    stateExtensions(DEFINITION_SCHEMA as never),
    EditorView.lineWrapping,
    // tabindex: the content is focusable anyway (contenteditable); axe only counts it with the attribute
    EditorView.contentAttributes.of({ 'aria-label': TEXTS[lang].editorLabel, tabindex: '0' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) schedule();
    }),
  ],
});

/** Where a JSON Pointer is in the editor: a plain value selected (to be overwritten), otherwise the
 * cursor before its key; the nearest existing parent when the place does not exist. */
function positionOf(pointer: string): { from: number; to: number } {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const found = locate(view.state, p);
    if (found && !/^[[{]/.test(view.state.sliceDoc(found.valueFrom, found.valueFrom + 1)))
      return { from: found.valueFrom, to: found.valueTo };
    if (found) return { from: found.keyFrom, to: found.keyFrom };
    if (p === '') return { from: 0, to: 0 };
  }
}

function moveTo(pointer: string): void {
  const { from, to } = positionOf(pointer);
  view.dispatch({
    selection: EditorSelection.range(from, to),
    effects: EditorView.scrollIntoView(from, { y: 'center' }),
  });
  view.focus();
}

function moveToOffset(offset: number): void {
  view.dispatch({
    selection: EditorSelection.cursor(offset),
    effects: EditorView.scrollIntoView(offset, { y: 'center' }),
  });
  view.focus();
}

/** Where JSON.parse stopped: from its message, else the first error in the editor's syntax tree. */
function jsonErrorAt(message: string, text: string): JsonErrorPlace {
  const named = jsonErrorPlace(message, text);
  if (named) return named;
  let from: number | undefined;
  ensureSyntaxTree(view.state, view.state.doc.length, 1000)?.iterate({
    enter: (node) => {
      if (from !== undefined) return false;
      if (node.type.isError) from = node.from;
      return undefined;
    },
  });
  return placeAt(text, from ?? text.length);
}

function setDoc(text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

// ---- check, Reifegrad, preview ------------------------------------------------------------------

let timer: ReturnType<typeof setTimeout> | undefined;
let lastGood: unknown;
function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(update, 300);
}

function update(): void {
  const text = view.state.doc.toString();
  draft.set(text);
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    showCheck({ jsonError: jsonErrorAt((error as Error).message, text) });
    $('preview-stale').hidden = false;
    $('root').dataset.state = 'invalid-json';
    return;
  }
  const problems = checkAll(definition);
  showCheck({ problems });
  view.dispatch(setDiagnostics(view.state, diagnostics(problems)));
  renderReifegrad($('reifegrad'), estimateReifegrad(definition), lang);
  renderEmbed($('embed-code'), definition);
  // a definition with errors would only show the form's own error box (and drop the answers): keep the
  // last good preview until the errors are fixed, and say so
  const errors = problems.some((p) => !p.severity);
  $('preview-stale').hidden = !errors;
  if (!errors && JSON.stringify(definition) !== JSON.stringify(lastGood)) {
    preview(definition);
    lastGood = definition;
  }
  if (errors && !document.querySelector('#preview ozg-form')) preview(definition);
  $('root').dataset.state = 'checked';
}

function showCheck(result: CheckResult): void {
  renderProblems(
    $('problems'),
    result,
    lang,
    { toPointer: moveTo, toOffset: moveToOffset },
    (pointer) => view.state.doc.lineAt(positionOf(pointer).from).number,
  );
}

function diagnostics(problems: DefinitionProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const { from, to } = positionOf(p.pointer);
    return { from, to, severity: p.severity ?? 'error', message: `${p.pointer || '/'}: ${p.message[lang]}` };
  });
}

/** A new <ozg-form> with the definition, carrying over the answers typed so far. */
function preview(definition: unknown): void {
  const old = document.querySelector<HTMLElement & { data?: unknown }>('#preview ozg-form');
  let data: unknown;
  try {
    data = old?.data;
  } catch {
    data = undefined;
  }
  const form = document.createElement('ozg-form') as HTMLElement & { schema?: unknown; data?: unknown };
  form.setAttribute('lang', lang);
  form.id = 'preview-form';
  form.schema = definition;
  if (data && typeof data === 'object' && Object.keys(data).length) form.data = data;
  if (old) old.replaceWith(form);
  else $('preview').append(form);
}

// ---- controls -----------------------------------------------------------------------------------

async function loadDemo(file: string): Promise<string> {
  const response = await fetch(`forms/${file}`);
  return response.text();
}

/** The options in the current language; what was chosen stays chosen. */
function fillSelects(): void {
  const start = $<HTMLSelectElement>('start');
  const insert = $<HTMLSelectElement>('template');
  const chosen = [start.value, insert.value];
  start.replaceChildren(new Option(t().startBlank, 'blank'), ...DEMO_FORMS.map((f) => new Option(f.name, f.file)));
  insert.replaceChildren(...TEMPLATES.map((tpl) => new Option(tpl.name[lang], tpl.id)));
  if (chosen[0]) start.value = chosen[0];
  if (chosen[1]) insert.value = chosen[1];
}

function applyTexts(): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const value = t()[el.dataset.t as keyof ReturnType<typeof t>];
    if (typeof value === 'string') el.textContent = value;
  }
  view.contentDOM.setAttribute('aria-label', t().editorLabel);
  $<HTMLSelectElement>('lang').value = lang;
  fillSelects();
}

$('start-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const choice = $<HTMLSelectElement>('start').value;
  const text = choice === 'blank' ? JSON.stringify(BLANK, null, 2) : await loadDemo(choice);
  lastGood = undefined;
  setDoc(text);
  update();
  announce(t().loaded(choice === 'blank' ? t().startBlank : DEMO_FORMS.find((f) => f.file === choice)!.name));
});

$('template-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const template = TEMPLATES.find((tpl) => tpl.id === $<HTMLSelectElement>('template').value)!;
  let current: unknown;
  try {
    current = JSON.parse(view.state.doc.toString());
  } catch {
    announce(t().notJson);
    return;
  }
  const inserted = insertTemplate(current, template);
  if (!inserted) {
    announce(t().cannotInsert);
    return;
  }
  const { definition, first } = inserted;
  setDoc(JSON.stringify(definition, null, 2));
  update();
  announce(t().inserted(template.name[lang]));
  moveTo(first ? `/properties/${first}` : '/x-ozg');
});

$('download').addEventListener('click', () => {
  const text = view.state.doc.toString();
  let name = 'definition.json';
  try {
    const id = (JSON.parse(text) as { $id?: unknown }).$id;
    if (typeof id === 'string' && /[\w-]+\.json$/.test(id)) name = /[\w-]+\.json$/.exec(id)![0];
  } catch {
    // keep the default name for a definition that is not JSON yet
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
});

// "Kopiert." only once the clipboard took it; without a clipboard (not a secure origin) or without the
// permission, the snippet is selected for Ctrl+C
$('copy').addEventListener('click', async () => {
  const code = $('embed-code');
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(code.textContent ?? '');
    announce(t().copied);
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    announce(t().copyFailed);
  }
});

$<HTMLSelectElement>('lang').addEventListener('change', (event) => {
  lang = (event.target as HTMLSelectElement).value === 'en' ? 'en' : 'de';
  chosenLang.set(lang);
  applyTexts();
  lastGood = undefined;
  update();
});

// ---- an earlier draft kept aside ----------------------------------------------------------------

function showPrevious(): void {
  $('previous').hidden = previousDraft.get() === null;
}

/** The kept draft comes back; the text it replaces is kept aside in its place (nothing is lost). */
$('previous-restore').addEventListener('click', () => {
  const previous = previousDraft.get();
  if (previous === null) return showPrevious();
  previousDraft.set(view.state.doc.toString());
  lastGood = undefined;
  setDoc(previous);
  update();
  announce(t().previousRestored);
});

$('previous-discard').addEventListener('click', () => {
  previousDraft.set(null);
  showPrevious();
  announce(t().previousDiscarded);
  $('editor-h').focus(); // the button is gone: focus goes on, not back to the page's start
});

// ---- start --------------------------------------------------------------------------------------

/** Opened with ?form=<demo>.json: that form, loaded once. A different draft is kept aside (not
 * overwritten), and ?form= leaves the address, so a reload restores the draft instead. */
async function openRequested(requested: { file: string; name: string }): Promise<void> {
  const text = await loadDemo(requested.file);
  const saved = draft.get();
  const kept = saved !== null && saved.trim() !== '' && saved !== text;
  if (kept) previousDraft.set(saved);
  setDoc(text);
  $<HTMLSelectElement>('start').value = requested.file;
  const url = new URL(location.href);
  url.searchParams.delete('form');
  history.replaceState(history.state, '', url);
  announce(kept ? t().loadedDraftKept(requested.name) : t().loaded(requested.name));
}

async function start(): Promise<void> {
  applyTexts();
  const saved = draft.get();
  const requested = DEMO_FORMS.find((f) => f.file === new URLSearchParams(location.search).get('form'));
  if (requested) {
    await openRequested(requested);
  } else if (saved) {
    setDoc(saved);
    announce(t().restored);
  } else {
    setDoc(await loadDemo(DEMO_FORMS[0]!.file));
    // "Beginnen mit" names what the editor holds, not "Leeres Formular".
    $<HTMLSelectElement>('start').value = DEMO_FORMS[0]!.file;
  }
  showPrevious();
  update();
  // the patterns' backtracking analysis arrives after the page: check once more when it has
  if (await analysisLoaded) update();
}
void start();
