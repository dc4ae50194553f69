/**
 * Questions with one answer are written as markup when they appear and updated in place afterwards
 * (src/components/fields/leaf.ts). What a person notices: a question looks and behaves the same
 * whether it was just built or brought up to date (answer, error, read-only prefill, language), and
 * text from a definition or an answer is always text.
 */
import { expect } from '@open-wc/testing';
import type { OzgForm } from '../../src/index.js';
import { leafKind } from '../../src/components/fields/field-directive.js';
import { fieldId } from '../../src/components/fields/ids.js';
import { reuse } from '../../src/components/fields/leaf.js';
import { ozgPolicy } from '../../src/modules/trusted-types.js';
import type { FieldView } from '../../src/components/fields/view.js';
import type { FormStore } from '../../src/schemas/store.js';
import type { FieldNode } from '../../src/schemas/types.js';
import { $, $$, control, next, renderForm, until } from '../support/form.js';

const schema = {
  type: 'object',
  required: ['name', 'anrede', 'land', 'zustimmung', 'kinder'],
  properties: {
    name: {
      type: 'string',
      title: 'Name',
      description: 'Wie im Ausweis',
      'x-ozg': { help: 'Vorname und Nachname', placeholder: 'Erika Mustermann', autocomplete: 'name' },
    },
    email: { type: 'string', format: 'email', title: 'E-Mail' },
    geburt: { type: 'string', format: 'date', title: 'Geburtsdatum' },
    kinder: { type: 'integer', minimum: 0, title: 'Kinder' },
    notiz: { type: 'string', title: 'Notiz', maxLength: 500, 'x-ozg': { widget: 'textarea' } },
    anrede: { type: 'string', title: 'Anrede', enum: ['Frau', 'Herr', 'Divers'] },
    land: {
      type: 'string',
      title: 'Land',
      enum: ['DE', 'AT', 'CH', 'FR', 'NL', 'PL', 'DK', 'BE'],
      'x-ozg': { widget: 'select', enumLabels: { DE: 'Deutschland', AT: 'Österreich' } },
    },
    sprachen: {
      type: 'array',
      title: 'Sprachen',
      uniqueItems: true,
      items: { type: 'string', enum: ['de', 'en', 'fr'] },
    },
    zustimmung: { type: 'boolean', title: 'Ich stimme zu', const: true },
  },
};

const filled = {
  name: 'Erika "Eri" <Mustermann>',
  email: 'keine-adresse',
  geburt: '1990-02-03',
  kinder: 2,
  notiz: '\nZeile 2 </textarea><b>fett</b>',
  anrede: 'Herr',
  land: 'AT',
  sprachen: ['en', 'fr'],
  zustimmung: true,
};

/** A question's elements as text: tags, attributes sorted, what controls hold, and texts. What only
 * gives a control its first value (the attributes value, checked, selected, a textarea's text) is left
 * out; the values it holds are compared instead. */
function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return JSON.stringify(node.textContent);
  if (!(node instanceof Element)) return '';
  const attributes = [...node.attributes]
    .filter((a) => !['value', 'checked', 'selected'].includes(a.name))
    .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
    .sort();
  const state =
    node instanceof HTMLInputElement
      ? [`.value=${JSON.stringify(node.value)}`, `.checked=${node.checked}`]
      : node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement
        ? [`.value=${JSON.stringify(node.value)}`]
        : node instanceof HTMLOptionElement
          ? [`.selected=${node.selected}`]
          : [];
  const children = node instanceof HTMLTextAreaElement ? [] : [...node.childNodes];
  return `<${node.localName} ${[...attributes, ...state].join(' ')}>${children.map(shape).join('')}</>`;
}

const storeOf = (el: OzgForm) => (el as unknown as { store: FormStore }).store;

/** The view of each top-level question, as the form renders it. */
function views(el: OzgForm): FieldView[] {
  const store = storeOf(el);
  const root = store.model.root as Extract<FieldNode, { kind: 'object' }>;
  const host = { announce: () => undefined, focusField: () => undefined, entryRemoved: () => undefined };
  return root.children.map((node) => ({ store, node, pointer: `/${node.key}`, lang: store.lang, host }));
}

/** The question on the page whose control (or group of controls) has the id of `pointer`. */
const onPage = (el: OzgForm, pointer: string): Element =>
  el.shadowRoot!.getElementById(fieldId(pointer))!.closest('[part~=field]')!;

describe('questions built from markup and questions brought up to date', () => {
  it('look the same in every state: answers, errors, read-only prefill and the other language', async () => {
    const el = await renderForm(schema);
    const store = storeOf(el);
    // Each state, and what shows that the page is in it.
    const states: [string, () => void, () => boolean][] = [
      ['empty', () => undefined, () => control(el, 'Name').value === ''],
      ['answered', () => store.replaceData(structuredClone(filled)), () => control(el, 'Name').value === filled.name],
      [
        'with errors',
        () => store.validateFields(Object.keys(schema.properties)),
        () => $$(el, '.error-message').length === 1 && store.error('/email') !== undefined,
      ],
      ['in English', () => (el.lang = 'en'), () => $(el, '.error-message').textContent!.includes('Error')],
      [
        'prefilled read-only',
        () =>
          store.setPrefill(
            new Map<string, unknown>([
              ['/name', filled.name],
              ['/anrede', 'Herr'],
              ['/zustimmung', true],
            ]),
            true,
          ),
        () =>
          control(el, 'Name').readOnly && $$(el, 'input[type=radio]').every((r) => (r as HTMLInputElement).disabled),
      ],
      ['emptied again', () => store.replaceData({}), () => control(el, 'Name').value === ''],
    ];
    let compared = 0;
    for (const [state, change, shows] of states) {
      change();
      await el.updateComplete;
      expect(shows(), `the form shows the state "${state}"`).to.equal(true);
      for (const view of views(el)) {
        const kind = leafKind(view)!;
        const fresh = reuse(kind, view);
        // What was built from markup now is what the question on the page was updated to.
        expect(shape(fresh.root), `${view.pointer} ${state}`).to.equal(shape(onPage(el, view.pointer)));
        // And updating a question that is up to date changes nothing.
        const observer = new MutationObserver(() => undefined);
        observer.observe(fresh.root, { subtree: true, attributes: true, childList: true, characterData: true });
        fresh.update(view);
        expect(observer.takeRecords().length, `${view.pointer} ${state}: changes after an update`).to.equal(0);
        observer.disconnect();
        compared++;
      }
    }
    expect(compared).to.equal(9 * states.length);
  });

  it('keeps markup and quotes in answers and labels as text', async () => {
    const attack = '"><img src=x onerror="window.__ozgLeafXss=1">';
    const el = await renderForm(
      {
        ...schema,
        properties: {
          ...schema.properties,
          land: { ...schema.properties.land, title: attack, 'x-ozg': { widget: 'select', enumLabels: { DE: attack } } },
        },
      },
      { data: { ...filled, name: attack, notiz: `\n${attack}</textarea>` } },
    );
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(el.shadowRoot!.querySelector('img, b') === null).to.equal(true);
    expect((window as unknown as { __ozgLeafXss?: number }).__ozgLeafXss).to.equal(undefined);
    expect(control(el, 'Name').value).to.equal(attack);
    // A leading line break of an answer survives (the parser drops only the one written after <textarea>).
    expect(($(el, 'textarea') as HTMLTextAreaElement).value).to.equal(`\n${attack}</textarea>`);
    expect($(el, 'select option[value="0"]').textContent).to.equal(attack);
    expect($$(el, 'label').some((label) => label.textContent!.includes(attack))).to.equal(true);
  });
});

describe('the Trusted Types policy "ozg-form"', () => {
  it('passes only blob: URLs of this page as script URLs', async () => {
    const policy = ozgPolicy();
    // Chromium has Trusted Types even where the page does not enforce them.
    expect(policy === null).to.equal(false);
    const own = URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' }));
    expect(String(policy!.createScriptURL(own))).to.equal(own);
    for (const foreign of [
      'https://cdn.example/evil.js',
      'blob:https://other.example/0b8a1c2e-0000-4000-8000-000000000000',
      'data:text/javascript,postMessage(1)',
      `javascript:${own}`,
    ])
      expect(() => policy!.createScriptURL(foreign), foreign).to.throw(TypeError);
    URL.revokeObjectURL(own);
  });
});

describe('label, hint, error and help of a file question', () => {
  // File questions render these with Lit (shell-templates.ts), questions with one answer as markup
  // (leaf.ts): a person must not tell them apart.
  const twins = (required: boolean) => ({
    type: 'object',
    required: required ? ['text', 'datei'] : [],
    properties: Object.fromEntries(
      ['text', 'datei'].map((key) => [
        key,
        {
          ...(key === 'text'
            ? { type: 'string' }
            : { type: 'array', 'x-ozg': { file: { accept: ['application/pdf'] } } }),
          title: 'Nachweis <b>über</b> "Wohnsitz"',
          description: 'Ein Scan & ein Foto.',
          'x-ozg': {
            help: 'Die Meldebescheinigung genügt.',
            ...(key === 'datei' ? { file: { accept: ['application/pdf'] } } : {}),
          },
        },
      ]),
    ),
  });

  /** `shape` of an element as a person meets it: Lit's markers left out, adjacent text joined, white
   * space collapsed (none between elements nor at their edges), the question's id written as ID. */
  const described = (el: Element, id: string): string => {
    const copy = el.cloneNode(true) as Element;
    const walk = (node: Node) => {
      for (const child of [...node.childNodes]) if (child.nodeType === Node.COMMENT_NODE) child.remove();
      node.normalize();
      for (const child of [...node.childNodes]) {
        if (child.nodeType !== Node.TEXT_NODE) walk(child);
        else {
          let text = child.textContent!.replace(/\s+/g, ' ');
          if (!child.previousSibling) text = text.trimStart();
          if (!child.nextSibling) text = text.trimEnd();
          if (text.trim()) child.textContent = text;
          else child.remove();
        }
      }
    };
    walk(copy);
    return shape(copy).replaceAll(id, 'ID');
  };

  /** The question's label, hint, error and help. */
  const shown = (el: OzgForm, key: string): string[] => {
    const id = fieldId(`/${key}`);
    const root = (el.shadowRoot!.getElementById(id) as HTMLElement).closest('.field')!;
    return [':scope > label', `#${id}-hint`, `#${id}-error`, ':scope > .help'].map((selector) => {
      const found = root.querySelector(selector);
      return found ? described(found, id) : '(none)';
    });
  };

  it('are the same elements as those of a text question, optional and with an error', async () => {
    const optional = await renderForm(twins(false));
    await until(async () => !!optional.shadowRoot!.querySelector('input[type=file]'), 'the file question');
    expect(shown(optional, 'datei')).to.deep.equal(shown(optional, 'text'));
    expect(shown(optional, 'text')[0]).to.contain('(optional)');

    const required = await renderForm(twins(true));
    await until(async () => !!required.shadowRoot!.querySelector('input[type=file]'), 'the file question');
    await next(required);
    const text = shown(required, 'text');
    expect(text[2]).to.contain('Fehler:');
    // The same elements; only the sentence says what is missing: a file instead of a text.
    const asFile = text[2]
      .replace('Bitte füllen Sie das Feld „', 'Bitte laden Sie bei „')
      .replace('“ aus.', '“ eine Datei hoch.');
    expect(asFile).not.to.equal(text[2]);
    expect(shown(required, 'datei')).to.deep.equal([text[0], text[1], asFile, text[3]]);
  });
});
