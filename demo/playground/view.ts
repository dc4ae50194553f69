/** What the playground shows beside the editor: problems, Reifegrad, embed snippet. Texts are text, never HTML. */
import type { DefinitionProblem, ReifegradEstimate } from '../../src/schemas/check/index.js';
import type { JsonErrorPlace } from './json-error.js';
import { TEXTS, type Lang } from './texts.js';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** What the check found: the problems of a definition, or where its text stopped being JSON. */
export type CheckResult = { problems: DefinitionProblem[] } | { jsonError: JsonErrorPlace };

interface Entry {
  severity: 'error' | 'warning';
  pointer?: string;
  line?: number;
  message: string;
}

// what each list shows now, so that a check with the same outcome leaves it alone
const shown = new WeakMap<HTMLElement, string>();

function child<K extends 'p' | 'ul'>(host: HTMLElement, tag: K, className: string): HTMLElementTagNameMap[K] {
  let node = host.querySelector<HTMLElementTagNameMap[K]>(`:scope > .${className}`);
  if (!node) {
    node = el(tag, undefined, className);
    if (tag === 'p') node.setAttribute('role', 'status');
    host.append(node);
  }
  return node;
}

/**
 * The check's area: a short summary, which is the live region and is written only when its words
 * change, then one button per problem that moves the editor's cursor to it. The list is not live (a
 * screen reader would read every button after every pause in typing) and is rebuilt only when the
 * problems change.
 */
export function renderProblems(
  host: HTMLElement,
  result: CheckResult,
  lang: Lang,
  go: { toPointer: (pointer: string) => void; toOffset: (offset: number) => void },
  lineOf: (pointer: string) => number,
): void {
  const t = TEXTS[lang];
  const summary = child(host, 'p', 'problem-summary');
  const list = child(host, 'ul', 'problem-list');
  let entries: Entry[];
  let words: string;
  let errors: number;
  if ('jsonError' in result) {
    const { line, column } = result.jsonError;
    entries = [{ severity: 'error', message: t.jsonError(line, column) }];
    words = t.notJson;
    errors = 1;
  } else {
    const { problems } = result;
    entries = problems.map((p) => ({
      severity: p.severity ? 'warning' : 'error',
      pointer: p.pointer,
      line: lineOf(p.pointer),
      message: p.message[lang],
    }));
    errors = problems.filter((p) => !p.severity).length;
    words = problems.length ? t.count(errors, problems.length - errors) : t.noProblems;
  }
  if (summary.textContent !== words) summary.textContent = words;
  summary.classList.toggle('error', errors > 0);
  list.hidden = entries.length === 0;

  const key = JSON.stringify([lang, entries]);
  if (shown.get(list) === key) return;
  shown.set(list, key);
  list.replaceChildren(
    ...entries.map((entry) => {
      const item = el('li', undefined, entry.severity);
      const button = el('button', undefined, 'problem');
      button.type = 'button';
      button.append(el('span', `${entry.severity === 'warning' ? t.warning : t.error}: `, 'problem-kind'));
      if (entry.pointer !== undefined) {
        const pointer = entry.pointer;
        button.dataset.pointer = pointer;
        button.append(
          el('code', pointer || '/', 'problem-pointer'),
          el('span', ` (${t.line} ${entry.line}) `, 'problem-line'),
        );
        button.addEventListener('click', () => go.toPointer(pointer));
      } else if ('jsonError' in result) {
        const offset = result.jsonError.from;
        button.addEventListener('click', () => go.toOffset(offset));
      }
      button.append(el('span', entry.message, 'problem-message'));
      item.append(button);
      return item;
    }),
  );
}

export function renderReifegrad(host: HTMLElement, estimate: ReifegradEstimate, lang: Lang): void {
  const t = TEXTS[lang];
  const criteria = el('ul', undefined, 'criteria');
  for (const c of estimate.criteria) {
    const item = el('li', undefined, c.met ? 'met' : 'unmet');
    item.append(
      el('span', c.met ? '✓ ' : '✗ ', 'mark'),
      el('span', `${c.met ? t.met : t.notMet}: `, 'visually-hidden'),
      document.createTextNode(c.reason[lang]),
    );
    criteria.append(item);
  }
  const next = el('ul', undefined, 'next');
  for (const m of estimate.next.missing) next.append(el('li', m[lang]));
  host.replaceChildren(
    el('p', t.level(estimate.level), `level level-${estimate.level}`),
    criteria,
    el('p', t.nextLevel(estimate.next.level), 'next-title'),
    next,
  );
}

/** The script tag and the element with the attributes this definition needs. */
export function renderEmbed(host: HTMLElement, definition: unknown): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an author's definition, any shape
  const d = (definition && typeof definition === 'object' ? definition : {}) as Record<string, any>;
  // The name the gateway publishes it under: the last part of its $id without .json (formName, server).
  const last = typeof d.$id === 'string' ? (d.$id.split(/[/:#]/).filter(Boolean).pop() ?? '') : '';
  const stem = last.replace(/(\.schema)?\.json$/i, '');
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(stem) ? stem : 'mein-antrag';
  const lines: string[] = [];
  const attributes = ['lang="de"'];
  if (d['x-ozg']?.leika) {
    // Sent through the gateway: loaded from it, so the answers are checked against the same bytes.
    lines.push(`<!-- zuerst beim Gateway veröffentlichen: ozg-form-publish ${name}.json (docs/server.md) -->`);
    attributes.unshift(`src="/gateway/v1/forms/${name}"`);
    attributes.push('gateway="/gateway/v1"', 'mailbox="/postfach.html"');
  } else attributes.unshift(`src="/forms/${name}.json"`);
  for (const widget of customWidgets(d))
    lines.push(`<script type="module" src="/widgets/${widget}.js"></script> <!-- registriert <${widget}> -->`);
  lines.push(
    '<script type="module" src="https://cdn.example/ozg-form.js"></script>',
    `<ozg-form ${attributes.join(' ')}></ozg-form>`,
  );
  const text = lines.join('\n');
  // Unchanged, it stays the same text node: a selection of it (for Ctrl+C) survives the next check.
  if (host.textContent !== text) host.textContent = text;
}

/** The custom elements a definition names in x-ozg.widget (with a hyphen), each once. */
function customWidgets(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) customWidgets(v, found);
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === 'widget' && typeof v === 'string' && /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(v)) found.add(v);
      else customWidgets(v, found);
    }
  return found;
}
