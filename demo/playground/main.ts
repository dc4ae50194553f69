/**
 * The schema playground (demo/playground.html): a CodeMirror 6 editor for the definition, the author
 * check on every (debounced) change with each problem a button that moves the cursor to its place,
 * the OZG Reifegrad estimate, the live <ozg-form> preview that keeps the typed answers, templates,
 * the embed snippet and the download. The draft lives in localStorage; nothing is sent anywhere.
 */
import { EditorView, basicSetup } from 'codemirror';
import { hoverTooltip, keymap } from '@codemirror/view';
import { EditorSelection } from '@codemirror/state';
import { indentWithTab } from '@codemirror/commands';
import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json';
import { linter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';
import { checkAll, estimateReifegrad, type DefinitionProblem } from '../../src/schemas/check/index.js';
import { DEFINITION_SCHEMA } from './definition-schema.js';
import { locate } from './locate.js';
import { BLANK, TEMPLATES, insertTemplate } from './templates.js';
import { TEXTS, type Lang } from './texts.js';
import { renderEmbed, renderProblems, renderReifegrad } from './view.js';

const DRAFT_KEY = 'ozg-form-playground:draft';
const DEMO_FORMS = [
  { file: 'hundesteuer.json', name: 'Hundesteuer' },
  { file: 'anwohnerparken.json', name: 'Bewohnerparken' },
  { file: 'sondernutzung.json', name: 'Sondernutzung' },
];

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
let lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'de';
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
  localStorage.setItem(DRAFT_KEY, text);
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    renderProblems($('problems'), null, lang, (error as Error).message, moveTo, () => 0);
    $('preview-stale').hidden = false;
    $('root').dataset.state = 'invalid-json';
    return;
  }
  const problems = checkAll(definition);
  renderProblems(
    $('problems'),
    problems,
    lang,
    '',
    moveTo,
    (pointer) => view.state.doc.lineAt(positionOf(pointer).from).number,
  );
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

function fillSelects(): void {
  const start = $<HTMLSelectElement>('start');
  start.replaceChildren(new Option(t().startBlank, 'blank'), ...DEMO_FORMS.map((f) => new Option(f.name, f.file)));
  const insert = $<HTMLSelectElement>('template');
  insert.replaceChildren(...TEMPLATES.map((tpl) => new Option(tpl.name[lang], tpl.id)));
}

function applyTexts(): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const value = t()[el.dataset.t as keyof ReturnType<typeof t>];
    if (typeof value === 'string') el.textContent = value;
  }
  view.contentDOM.setAttribute('aria-label', t().editorLabel);
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
  let current: Record<string, unknown>;
  try {
    current = JSON.parse(view.state.doc.toString()) as Record<string, unknown>;
  } catch {
    announce(t().notJson);
    return;
  }
  const { definition, first } = insertTemplate(current, template);
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

$('copy').addEventListener('click', async () => {
  await navigator.clipboard?.writeText($('embed-code').textContent ?? '').catch(() => undefined);
  announce(t().copied);
});

$<HTMLSelectElement>('lang').addEventListener('change', (event) => {
  lang = (event.target as HTMLSelectElement).value === 'en' ? 'en' : 'de';
  applyTexts();
  lastGood = undefined;
  update();
});

// ---- start --------------------------------------------------------------------------------------

async function start(): Promise<void> {
  applyTexts();
  const draft = localStorage.getItem(DRAFT_KEY);
  const requested = new URLSearchParams(location.search).get('form');
  if (requested && DEMO_FORMS.some((f) => f.file === requested)) {
    setDoc(await loadDemo(requested));
  } else if (draft) {
    setDoc(draft);
    announce(t().restored);
  } else {
    setDoc(await loadDemo(DEMO_FORMS[0]!.file));
  }
  update();
}
void start();
