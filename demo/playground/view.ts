/** What the playground shows beside the editor: problems, Reifegrad, embed snippet. Texts are text, never HTML. */
import type { DefinitionProblem, ReifegradEstimate } from '../../src/schemas/check/index.js';
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

/** The problem list: a count, then one button per problem that moves the editor's cursor to it. */
export function renderProblems(
  host: HTMLElement,
  problems: DefinitionProblem[] | null,
  lang: Lang,
  jsonError: string,
  moveTo: (pointer: string) => void,
  lineOf: (pointer: string) => number,
): void {
  const t = TEXTS[lang];
  if (problems === null) {
    host.replaceChildren(el('p', `${t.notJson}: ${jsonError}`, 'problem-summary error'));
    return;
  }
  const errors = problems.filter((p) => !p.severity).length;
  const summary = el(
    'p',
    problems.length ? t.count(errors, problems.length - errors) : t.noProblems,
    `problem-summary${errors ? ' error' : ''}`,
  );
  const list = el('ul', undefined, 'problem-list');
  for (const problem of problems) {
    const item = el('li', undefined, problem.severity ? 'warning' : 'error');
    const button = el('button', undefined, 'problem');
    button.type = 'button';
    button.dataset.pointer = problem.pointer;
    button.append(
      el('span', `${problem.severity ? t.warning : t.error}: `, 'problem-kind'),
      el('code', problem.pointer || '/', 'problem-pointer'),
      el('span', ` (${t.line} ${lineOf(problem.pointer)}) `, 'problem-line'),
      el('span', problem.message[lang], 'problem-message'),
    );
    button.addEventListener('click', () => moveTo(problem.pointer));
    item.append(button);
    list.append(item);
  }
  host.replaceChildren(summary, ...(problems.length ? [list] : []));
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
  host.textContent = `<script type="module" src="https://cdn.example/ozg-form.js"></script>\n<ozg-form ${attributes.join(' ')}></ozg-form>`;
}
