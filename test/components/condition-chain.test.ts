/** An else-if chain and a condition inside a condition, written as entries of allOf (what the checker
 * asks for instead of nesting): the form shows the right questions, requires them, and what it sends
 * is what Ajv at the gateway accepts. */
import { expect, oneEvent } from '@open-wc/testing';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { ajvEngine } from '../../src/schemas/ajv.js';
import { checkAll } from '../../src/schemas/check/index.js';
import type { JsonSchema } from '../../src/schemas/types.js';
import { FormValidator } from '../../src/schemas/validator.js';
import { $, $$, control, hasControl, next, renderForm, settle, typeInto } from '../support/form.js';

const when = (conditions: Record<string, string>) => ({
  properties: Object.fromEntries(Object.entries(conditions).map(([k, v]) => [k, { const: v }])),
  required: Object.keys(conditions),
});
const text = (title: string) => ({ type: 'string', title });
const definition: Record<string, unknown> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Sondernutzung',
  type: 'object',
  'x-ozg': { steps: [{ id: 's', title: 'Angaben', fields: ['art', 'hoehe', 'dach', 'breite', 'groesse', 'was'] }] },
  required: ['art'],
  properties: {
    art: {
      title: 'Art der Nutzung',
      oneOf: [
        { const: 'geruest', title: 'Gerüst' },
        { const: 'container', title: 'Container' },
        { const: 'sonst', title: 'Sonstiges' },
      ],
    },
  },
  allOf: [
    {
      if: when({ art: 'geruest' }),
      then: {
        properties: {
          hoehe: text('Höhe des Gerüsts'),
          dach: {
            title: 'Mit Schutzdach?',
            oneOf: [
              { const: 'ja', title: 'Ja' },
              { const: 'nein', title: 'Nein' },
            ],
          },
        },
        required: ['hoehe', 'dach'],
      },
    },
    // "if Gerüst: if Schutzdach" as one entry with both conditions
    {
      if: when({ art: 'geruest', dach: 'ja' }),
      then: { properties: { breite: text('Breite des Schutzdachs') }, required: ['breite'] },
    },
    {
      if: when({ art: 'container' }),
      then: { properties: { groesse: text('Größe des Containers') }, required: ['groesse'] },
    },
    { if: when({ art: 'sonst' }), then: { properties: { was: text('Was stellen Sie auf?') }, required: ['was'] } },
  ],
};

const has = hasControl;
const shown = (el: OzgForm) =>
  ['Höhe des Gerüsts', 'Ja', 'Breite des Schutzdachs', 'Größe des Containers', 'Was stellen Sie auf?'].filter((l) =>
    has(el, l),
  );
const summary = (el: OzgForm) => $$(el, '.error-summary a').map((a) => a.textContent);
async function choose(el: OzgForm, label: string) {
  control(el, label).click();
  await settle(el);
}
async function send(el: OzgForm): Promise<Record<string, unknown>> {
  await next(el); // to the review
  const submitted = oneEvent(el, 'ozg-submit');
  $(el, 'button.primary').click();
  return ((await submitted) as CustomEvent<OzgSubmitDetail>).detail.data as Record<string, unknown>;
}
const gateway = new FormValidator(definition as JsonSchema, ajvEngine(definition as JsonSchema));

describe('conditions as entries of allOf', () => {
  it('passes the checker', () => {
    expect(checkAll(definition).filter((p) => !p.severity)).to.deep.equal([]);
  });

  it('an else-if chain: the chosen branch only, required, sent as the gateway accepts it', async () => {
    const el = await renderForm(definition);
    expect(shown(el)).to.deep.equal([]);
    await choose(el, 'Gerüst');
    expect(shown(el)).to.deep.equal(['Höhe des Gerüsts', 'Ja']);
    await choose(el, 'Container');
    expect(shown(el)).to.deep.equal(['Größe des Containers']);
    await next(el);
    expect(summary(el)).to.deep.equal(['Bitte füllen Sie das Feld „Größe des Containers“ aus.']);
    await typeInto(el, control(el, 'Größe des Containers'), '10 m³');
    const data = await send(el);
    expect(data).to.deep.equal({ art: 'container', groesse: '10 m³' });
    expect(gateway.validateAll(data)).to.deep.equal([]);
  });

  it('a condition inside a condition: asked once both hold, gone when the outer one no longer does', async () => {
    const el = await renderForm(definition);
    await choose(el, 'Gerüst');
    await choose(el, 'Ja');
    expect(shown(el)).to.deep.equal(['Höhe des Gerüsts', 'Ja', 'Breite des Schutzdachs']);
    await choose(el, 'Sonstiges');
    expect(shown(el)).to.deep.equal(['Was stellen Sie auf?']);
    await choose(el, 'Gerüst');
    await typeInto(el, control(el, 'Höhe des Gerüsts'), '12 m');
    await next(el);
    expect(summary(el)).to.deep.equal(['Bitte füllen Sie das Feld „Breite des Schutzdachs“ aus.']);
    await typeInto(el, control(el, 'Breite des Schutzdachs'), '2 m');
    const data = await send(el);
    expect(data).to.deep.equal({ art: 'geruest', hoehe: '12 m', dach: 'ja', breite: '2 m' });
    expect(gateway.validateAll(data)).to.deep.equal([]);
  });
});
