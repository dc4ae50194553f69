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
  const file =
    typeof d.$id === 'string' && /[\w-]+\.json$/.test(d.$id) ? /[\w-]+\.json$/.exec(d.$id)![0] : 'mein-antrag.json';
  const attributes = [`src="/forms/${file}"`, 'lang="de"'];
  if (d['x-ozg']?.leika) attributes.push('gateway="/gateway/v1"', 'mailbox="/postfach.html"');
  const text = `<script type="module" src="https://cdn.example/ozg-form.js"></script>\n<ozg-form ${attributes.join(' ')}></ozg-form>`;
  // Unchanged, it stays the same text node: a selection of it (for Ctrl+C) survives the next check.
  if (host.textContent !== text) host.textContent = text;
}
