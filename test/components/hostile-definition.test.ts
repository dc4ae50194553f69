// A definition is text from an editor or another origin: it must not run script on the municipality's
// page. A question named "__proto__" wrote its default onto Object.prototype (setIn), and from there an
// attacker-chosen attribute name, with an onerror handler, into every control (security review).
import { expect } from '@open-wc/testing';
import { renderForm } from '../support/form.js';

declare global {
  interface Window {
    __xss?: number;
  }
}

const EVIL = 'a><img src=x onerror="window.__xss=1">';

/** The definition as JSON text makes it: an own property "__proto__" (an object literal would not). */
const hostile = () =>
  JSON.parse(
    JSON.stringify({
      type: 'object',
      properties: {
        name: { type: 'string', title: 'Name' },
        PROTO: { type: 'object', properties: { [EVIL]: { type: 'string', default: 'x' } } },
      },
    }).replace('"PROTO"', '"__proto__"'),
  ) as object;

describe('a hostile definition', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)[EVIL];
    delete window.__xss;
  });

  it('with a question named "__proto__" is refused: nothing reaches Object.prototype, no script runs', async () => {
    const definition = hostile();
    expect(Object.keys((definition as { properties: object }).properties)).to.include('__proto__');
    const el = await renderForm(definition);
    await new Promise((r) => setTimeout(r, 200)); // an <img onerror> would have fired by now
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, EVIL)).to.equal(false);
    expect(window.__xss).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('img') === null).to.equal(true);
    expect(el.shadowRoot!.querySelector('.load-error') === null).to.equal(false);
  });

  it('attributes come from the control settings only, never from what Object.prototype holds', async () => {
    (Object.prototype as Record<string, unknown>)[EVIL] = 'x';
    const el = await renderForm({ type: 'object', properties: { name: { type: 'string', title: 'Name' } } });
    delete (Object.prototype as Record<string, unknown>)[EVIL];
    await new Promise((r) => setTimeout(r, 200));
    expect(window.__xss).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('img') === null).to.equal(true);
    expect(el.shadowRoot!.querySelector('input') === null).to.equal(false);
  });
});
