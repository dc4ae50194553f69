/**
 * Finding 7 (WCAG 2.4.2): the document title follows the form — step, errors, next step — when the
 * form is the page's main content (<ozg-form> adopts PageTitleController).
 */
import { expect } from '@open-wc/testing';
import type { OzgForm } from '../../src/index.js';
import '../../src/index.js';
import { next, settle } from '../support/form.js';

const PAGE = 'Tiere anmelden – Stadt Musterstadt';
let counter = 0;

async function formIn(
  container: 'main' | 'div',
  attrs: Record<string, string> = {},
): Promise<{ el: OzgForm; wrapper: HTMLElement }> {
  const schema = await (await fetch('/test/fixtures/forms/steps.json')).json();
  const wrapper = document.createElement(container);
  const el = document.createElement('ozg-form') as OzgForm;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const ready = new Promise((resolve) => el.addEventListener('ozg-ready', resolve, { once: true }));
  el.schema = { ...schema, $id: `urn:test:title:${Date.now()}:${counter++}` };
  wrapper.appendChild(el);
  document.body.appendChild(wrapper);
  await ready;
  await settle(el);
  return { el, wrapper };
}

describe('finding 7: the page title follows the form', () => {
  let wrapper: HTMLElement | undefined;
  beforeEach(() => {
    document.title = PAGE;
  });
  afterEach(() => {
    wrapper?.remove();
    wrapper = undefined;
    document.title = '';
  });

  it('step, error state and the next step, in German', async () => {
    const made = await formIn('main');
    wrapper = made.wrapper;
    expect(document.title).to.equal(`Schritt 1 von 4: Person – ${PAGE}`);
    await next(made.el);
    expect(document.title).to.equal(`Fehler: Schritt 1 von 4: Person – ${PAGE}`);
    made.el.data = { name: 'Erika', typ: 'person' };
    await settle(made.el);
    await next(made.el);
    expect(document.title).to.equal(`Schritt 2 von 4: Tiere – ${PAGE}`);
  });

  it("English, and the page's own title comes back when the form leaves", async () => {
    const made = await formIn('main', { lang: 'en' });
    expect(document.title).to.equal(`Step 1 of 4: Person – ${PAGE}`);
    made.wrapper.remove();
    expect(document.title).to.equal(PAGE);
  });

  it('off outside <main> unless page-title="on"; page-title="off" inside <main>', async () => {
    const outside = await formIn('div');
    wrapper = outside.wrapper;
    expect(document.title).to.equal(PAGE);
    wrapper.remove();
    const forced = await formIn('div', { 'page-title': 'on' });
    wrapper = forced.wrapper;
    expect(document.title).to.equal(`Schritt 1 von 4: Person – ${PAGE}`);
    wrapper.remove();
    document.title = PAGE;
    const off = await formIn('main', { 'page-title': 'off' });
    wrapper = off.wrapper;
    expect(document.title).to.equal(PAGE);
  });
});
