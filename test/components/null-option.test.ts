/**
 * A required choice that offers "keine Angabe" as the option `null`: choosing it answers the question,
 * as it does for JSON Schema (`required` asks for the property, and null is a value). Before, the form
 * threw the null away and kept saying the question was unanswered, so the person could not go on.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { ajvEngine } from '../../src/schemas/ajv.js';
import type { JsonSchema } from '../../src/schemas/types.js';
import { FormValidator } from '../../src/schemas/validator.js';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';
import { $, $$, next, renderForm, settle } from '../support/form.js';

const definition = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Befragung',
  type: 'object',
  required: ['geschlecht', 'staat'],
  properties: {
    geschlecht: {
      title: 'Geschlecht',
      type: ['string', 'null'],
      oneOf: [
        { const: 'w', title: 'weiblich' },
        { const: 'm', title: 'männlich' },
        { const: 'd', title: 'divers' },
        { const: null, title: 'keine Angabe' },
      ],
    },
    staat: {
      title: 'Staatsangehörigkeit',
      type: ['string', 'null'],
      enum: ['deutsch', 'andere', null],
      'x-ozg': { widget: 'select', enumLabels: { deutsch: 'deutsch', andere: 'andere', null: 'keine Angabe' } },
    },
  },
};
const gateway = new FormValidator(definition as JsonSchema, ajvEngine(definition as JsonSchema));

const radio = (el: OzgForm, label: string) =>
  $$(el, 'input[type=radio]').find(
    (r) => el.shadowRoot!.querySelector(`label[for="${r.id}"]`)?.textContent?.trim() === label,
  ) as HTMLInputElement;

describe('a choice with the option null ("keine Angabe")', () => {
  it('is answered by it: no error, "keine Angabe" on the review page, null sent, and the gateway agrees', async () => {
    const el = await renderForm(definition);
    radio(el, 'keine Angabe').click();
    const select = $(el, 'select') as HTMLSelectElement;
    const none = [...select.options].find((o) => o.textContent!.trim() === 'keine Angabe')!;
    select.value = none.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(el);
    expect(el.data).to.deep.equal({ geschlecht: null, staat: null });
    expect(radio(el, 'keine Angabe').checked).to.equal(true);

    await next(el);
    expect(el.shadowRoot!.querySelector('.error-summary')?.textContent ?? 'none', 'no error summary').to.equal('none');
    expect($(el, '.step-title').textContent).to.equal('Ihre Angaben prüfen');
    const review = $(el, '.review').textContent!.replace(/\s+/g, ' ');
    expect(review).to.contain('Geschlecht keine Angabe');
    expect(review).to.contain('Staatsangehörigkeit keine Angabe');
    expect(review).not.to.contain('Nicht beantwortet'); // the form's word for a question left out

    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { data } = ((await submitted) as CustomEvent<OzgSubmitDetail>).detail;
    expect(data).to.deep.equal({ geschlecht: null, staat: null });
    expect(gateway.validateAll(data as Record<string, unknown>)).to.deep.equal([]);
  });

  it('is still required: nothing chosen is an error', async () => {
    const el = await renderForm(definition);
    await next(el);
    expect($(el, '.error-summary').textContent).to.contain('Geschlecht');
    expect($(el, '.error-summary').textContent).to.contain('Staatsangehörigkeit');
  });

  it('keeps "keine Angabe" in the draft', async () => {
    const id = `urn:test:null-option:${Date.now()}`;
    const first = await renderForm({ ...definition, $id: id }, { isolate: false });
    radio(first, 'keine Angabe').click();
    await settle(first);
    first.parentElement!.remove(); // leaving the page writes the draft
    const second = await renderForm({ ...definition, $id: id }, { isolate: false });
    expect(radio(second, 'keine Angabe').checked).to.equal(true);
    expect(second.data).to.deep.equal({ geschlecht: null });
  });

  it('is present for what depends on it (dependentRequired, "at least one of these"), as Ajv counts it', async () => {
    const dependent = {
      title: 'Befragung',
      type: 'object',
      properties: {
        geschlecht: definition.properties.geschlecht,
        anrede: { type: 'string', title: 'Gewünschte Anrede' },
      },
      dependentRequired: { geschlecht: ['anrede'] },
    };
    const validator = new FormValidator(dependent as JsonSchema, ajvEngine(dependent as JsonSchema));
    const el = await renderForm(dependent);
    radio(el, 'keine Angabe').click();
    await settle(el);
    await next(el);
    // Ajv asks for the Anrede once geschlecht is there, null or not: so does the form.
    expect(validator.validateAll({ geschlecht: null }).length).to.be.greaterThan(0);
    expect($(el, '.error-summary').textContent).to.contain('Gewünschte Anrede');

    const oneOf = {
      title: 'Kontakt',
      type: 'object',
      properties: {
        telefon: { type: 'string', title: 'Telefon' },
        rueckruf: {
          title: 'Rückruf',
          type: ['string', 'null'],
          enum: ['ja', null],
          'x-ozg': { enumLabels: { ja: 'ja', null: 'keine Angabe' } },
        },
      },
      anyOf: [{ required: ['telefon'] }, { required: ['rueckruf'] }],
    };
    const contact = await renderForm(oneOf);
    radio(contact, 'keine Angabe').click();
    await settle(contact);
    await next(contact);
    // One of the two is there (null is a value): no "at least one" error, and Ajv agrees.
    expect(contact.shadowRoot!.querySelector('.error-summary')?.textContent ?? 'none').to.equal('none');
    expect(
      new FormValidator(oneOf as JsonSchema, ajvEngine(oneOf as JsonSchema)).validateAll({ rueckruf: null }),
    ).to.deep.equal([]);
  });

  it('is not overwritten by an editable value from the user account (as any answer the person gave)', () => {
    const store = new FormStore(buildModel(definition as JsonSchema, 'urn:test:null-prefill'), { geschlecht: null });
    store.setPrefill(new Map<string, unknown>([['/geschlecht', 'w']]), false);
    expect(store.value('/geschlecht')).to.equal(null);
    store.setPrefill(new Map<string, unknown>([['/geschlecht', 'w']]), true); // read-only (verified) replaces
    expect(store.value('/geschlecht')).to.equal('w');
  });
});
