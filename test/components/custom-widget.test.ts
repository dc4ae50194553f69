/** A custom widget (x-ozg.widget naming a registered custom element) through validation, draft, review and submission. */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgErrorDetail, OzgForm, OzgSubmitDetail } from '../../src/index.js';
import '../../demo/widgets/address-lookup.js';
import { $, control, next, renderForm, settle, until } from '../support/form.js';

const definition = (id: string) => ({
  $id: id,
  title: 'Wohnort melden',
  type: 'object',
  'x-ozg': {
    steps: [
      { id: 'eins', title: 'Eins', fields: ['name', 'adresse'] },
      { id: 'zwei', title: 'Zwei', fields: ['bemerkung'] },
    ],
  },
  required: ['name', 'adresse'],
  properties: {
    name: { type: 'string', title: 'Name' },
    adresse: {
      type: 'string',
      title: 'Wohnort',
      description: 'Postleitzahl eingeben, der Ort wird ergänzt.',
      pattern: '^\\d{5} \\S.*$',
      'x-ozg': { widget: 'my-address-lookup', errors: { pattern: 'Bitte geben Sie Postleitzahl und Ort an.' } },
    },
    bemerkung: { type: 'string', title: 'Bemerkung' },
  },
});

type Widget = HTMLElement & { value: unknown; errors: string[]; label: string; lang: string };
const widget = (el: HTMLElement): Widget => el.shadowRoot!.querySelector('my-address-lookup') as Widget;
const inner = (w: Widget, id: string) => w.shadowRoot!.getElementById(id) as HTMLInputElement;

describe('custom widget (x-ozg.widget: "my-address-lookup")', () => {
  it('is labelled, validated, kept in the draft, shown on the review page and submitted like a built-in question', async () => {
    const id = `urn:test:custom-widget:${Date.now()}`;
    const first = await renderForm(definition(id), { isolate: false });
    const w = widget(first);
    expect(w, 'the custom element is rendered').to.exist;
    expect(w.label).to.equal('Wohnort');
    expect(w.lang).to.equal('de');
    expect($(first, `label[for="${w.id}"]`).textContent).to.contain('Wohnort');
    await expect(first).to.be.accessible();

    // "Weiter" without an answer: the form's message, also handed to the element
    control(first, 'Name').focus();
    await sendKeys({ type: 'Erika' });
    await next(first);
    expect($(first, '.step-title').textContent).to.equal('Eins');
    expect(widget(first).errors).to.have.length(1);
    expect($(first, '.error-summary').textContent).to.contain('Wohnort');
    // its link in the error summary focuses the element's first input (delegatesFocus)
    ($(first, `.error-summary a[href="#${widget(first).id}"]`) as HTMLAnchorElement).click();
    await settle(first);
    expect(widget(first).shadowRoot!.activeElement).to.equal(inner(widget(first), 'plz'));

    // typing the PLZ fills the Ort from the bundled list; the answer is "PLZ Ort"
    inner(widget(first), 'plz').focus();
    await sendKeys({ type: '12345' });
    await settle(first);
    expect(inner(widget(first), 'ort').value).to.equal('Musterstadt');
    expect(first.data).to.deep.equal({ name: 'Erika', adresse: '12345 Musterstadt' });
    await next(first);
    expect($(first, '.step-title').textContent).to.equal('Zwei');
    first.parentElement!.remove(); // leaving the page writes the draft at once

    // the draft brings the answer back into a new element
    const second = await renderForm(definition(id), { isolate: false });
    expect(second.data).to.deep.equal({ name: 'Erika', adresse: '12345 Musterstadt' });
    await next(second); // Zwei -> review
    expect($(second, '.review').textContent).to.contain('12345 Musterstadt');
    const submitted = oneEvent(second, 'ozg-submit');
    $(second, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({ name: 'Erika', adresse: '12345 Musterstadt' });
  });

  it("styles itself with a constructed sheet, which a policy without inline styles (style-src 'self') allows", () => {
    const w = document.createElement('my-address-lookup') as Widget;
    expect(w.shadowRoot!.querySelector('style, [style]')).to.equal(null);
    expect(w.shadowRoot!.adoptedStyleSheets).to.have.length(1);
    expect(getComputedStyle(document.body.appendChild(w)).display).to.equal('block');
    w.remove();
  });

  it('gives a value back to the inputs as it read them: a town without a postcode stays the town', () => {
    const w = document.createElement('my-address-lookup') as Widget;
    for (const [value, plz, ort] of [
      ['Bad Homburg', '', 'Bad Homburg'],
      ['12345 Musterstadt', '12345', 'Musterstadt'],
      ['123 Frankfurt am Main', '123', 'Frankfurt am Main'],
      ['12345', '12345', ''],
    ]) {
      w.value = value;
      expect([inner(w, 'plz').value, inner(w, 'ort').value], value).to.deep.equal([plz, ort]);
      expect(w.value).to.equal(value);
    }
  });

  it("refuses a malformed answer with the definition's own message", async () => {
    const el = await renderForm(definition(`urn:test:custom-widget-bad:${Date.now()}`));
    control(el, 'Name').focus();
    await sendKeys({ type: 'Erika' });
    inner(widget(el), 'plz').focus();
    await sendKeys({ type: '999' });
    await next(el);
    expect($(el, '.step-title').textContent).to.equal('Eins');
    expect(widget(el).errors).to.deep.equal(['Bitte geben Sie Postleitzahl und Ort an.']);
    expect(inner(widget(el), 'plz').getAttribute('aria-invalid')).to.equal('true');
  });
});

/** A widget as small as the contract allows: one input in its shadow root, no events of its own (the
 * input's `input` is composed and reaches the form, its `change` does not). */
class PlainWidget extends HTMLElement {
  static formAssociated = true;
  readonly input: HTMLInputElement;
  constructor() {
    super();
    this.attachInternals();
    this.attachShadow({ mode: 'open', delegatesFocus: true }).innerHTML = '<input>';
    this.input = this.shadowRoot!.querySelector('input')!;
  }
  get value(): string {
    return this.input.value;
  }
  set value(v: unknown) {
    this.input.value = typeof v === 'string' ? v : '';
  }
}
customElements.define('plain-test-widget', PlainWidget);

describe('a custom widget that sends no change event of its own', () => {
  it('shows its error when focus leaves it, as a built-in field does, and not while focus is inside', async () => {
    const el = await renderForm({
      type: 'object',
      required: ['flaeche', 'name'],
      properties: {
        flaeche: { type: 'string', title: 'Fläche', maxLength: 3, 'x-ozg': { widget: 'plain-test-widget' } },
        name: { type: 'string', title: 'Name' },
      },
    });
    const w = el.shadowRoot!.querySelector('plain-test-widget') as PlainWidget & { errors: string[] };
    w.input.focus();
    await sendKeys({ type: '12345' });
    await settle(el);
    expect(el.data).to.deep.equal({ flaeche: '12345' });
    expect(w.errors, 'no error while typing').to.deep.equal([]);
    await sendKeys({ press: 'Tab' });
    await until(() => w.errors.length === 1, 'the error after leaving');
    expect(w.errors[0]).to.contain('höchstens 3 Zeichen');
    expect($(el, '.field .error-message').textContent).to.contain('höchstens 3 Zeichen');
  });
});

describe('a custom widget that is missing or misnamed', () => {
  const asking = (widget: string) => ({
    $id: `urn:test:widget:${widget}`,
    title: 'Adresse melden',
    type: 'object',
    required: ['adresse'],
    properties: { adresse: { type: 'string', title: 'Adresse', 'x-ozg': { widget } } },
  });

  it('says for the editors, in the question, that the page has not registered it', async () => {
    const el = await renderForm(asking('my-adress-lookup'));
    const note = await until(() => el.shadowRoot!.querySelector('.field .editor-note'), 'the editor note', 4000);
    expect(note.textContent).to.equal(
      'Für die Redaktion: Das Element <my-adress-lookup> für diese Frage ist auf der Seite nicht registriert. ' +
        'Binden Sie das Skript ein, das es mit customElements.define registriert, oder korrigieren Sie x-ozg.widget.',
    );
    await expect(el).to.be.accessible();
  });

  it('says nothing when the page registers it a little later', async () => {
    const el = await renderForm(asking('late-widget-x'));
    setTimeout(() => customElements.define('late-widget-x', class extends HTMLElement {}), 300);
    await new Promise((r) => setTimeout(r, 2500));
    expect(el.shadowRoot!.querySelector('.editor-note') === null, 'no editor note').to.equal(true);
  });

  /** A form refusing `schema`: the element (still in the page) and the problem at `pointer`. */
  async function refused(schema: OzgForm['schema'], pointer: string) {
    const el = document.createElement('ozg-form') as OzgForm;
    const event = oneEvent(el, 'ozg-error');
    el.schema = schema;
    document.body.appendChild(el);
    const { detail } = (await event) as CustomEvent<OzgErrorDetail>;
    return { el, problem: detail.problems.find((p) => p.pointer === pointer) };
  }

  it('a name that is no custom element name is a definition error at its pointer, not a page error', async () => {
    const { el, problem } = await refused(asking('My-Widget'), '/properties/adresse/x-ozg/widget');
    expect(problem, 'a problem at the pointer').to.not.equal(undefined);
    await el.updateComplete;
    expect($(el, '[role=alert]').textContent).to.contain('/properties/adresse/x-ozg/widget');
    el.remove();
  });

  it('a name without a hyphen is told that a custom element needs one', async () => {
    const { el, problem } = await refused(asking('flaechenstepper'), '/properties/adresse/x-ozg/widget');
    expect(problem?.message).to.contain('oder der Name eines Custom Elements mit Bindestrich (mein-widget)');
    el.remove();
  });

  it('a custom element for a list or a group is refused at its pointer: it answers one question', async () => {
    for (const [name, schema] of [
      [
        'termine',
        { type: 'array', title: 'Termine', items: { type: 'object', properties: { tag: { type: 'string' } } } },
      ],
      ['namen', { type: 'array', title: 'Namen', items: { type: 'string' } }],
      ['adresse', { type: 'object', title: 'Adresse', properties: { ort: { type: 'string' } } }],
    ] as const) {
      const { el, problem } = await refused(
        {
          $id: `urn:test:widget-on-${name}`,
          type: 'object',
          properties: { [name]: { ...schema, 'x-ozg': { widget: 'my-address-lookup' } } },
        },
        `/properties/${name}/x-ozg/widget`,
      );
      expect(problem?.message, name).to.contain('kann nur eine Frage mit einer Antwort darstellen');
      expect(el.shadowRoot!.querySelector('my-address-lookup'), `${name}: not rendered`).to.equal(null);
      el.remove();
    }
  });
});
