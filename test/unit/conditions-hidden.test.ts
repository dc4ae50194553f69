/**
 * A condition on an answer that another condition now hides: the hidden answer takes no part, as it is
 * not sent either. Found by comparing the browser with the gateway: answering "Hund: ja", "Rasse:
 * Listenhund", "Wesenstest", then changing "Hund" to "nein" kept the Listenhund branch active, so the
 * form hid "Grund", sent {hund: false, test}, and the gateway (Ajv, on the sent answers) refused it.
 */
import { expect } from '@open-wc/testing';
import { ajvEngine } from '../../src/schemas/ajv.js';
import { describeError } from '../../src/schemas/messages.js';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';
import type { JsonSchema } from '../../src/schemas/types.js';
import { FormValidator } from '../../src/schemas/validator.js';

const definition: JsonSchema = {
  $id: 'urn:test:conditions-hidden',
  type: 'object',
  properties: { hund: { type: 'boolean', title: 'Hund' } },
  required: ['hund'],
  allOf: [
    {
      if: { properties: { hund: { const: true } }, required: ['hund'] },
      then: {
        properties: { rasse: { type: 'string', title: 'Rasse', enum: ['dackel', 'listenhund'] } },
        required: ['rasse'],
      },
    },
    {
      if: { properties: { rasse: { const: 'listenhund' } }, required: ['rasse'] },
      then: { properties: { test: { type: 'string', title: 'Wesenstest' } }, required: ['test'] },
      else: { properties: { grund: { type: 'string', title: 'Grund' } }, required: ['grund'] },
    },
  ],
  dependentSchemas: { rasse: { properties: { nr: { type: 'string', title: 'Nummer' } }, required: ['nr'] } },
};

function store(data: Record<string, unknown>): FormStore {
  const s = new FormStore(buildModel(definition, 'conditions-hidden'), data);
  s.attachValidation({ validator: new FormValidator(definition), describe: describeError });
  return s;
}

describe('conditions on answers that are hidden', () => {
  it('a branch that hung on a now hidden answer closes: the other branch is asked, and what is sent passes the gateway', () => {
    const s = store({ hund: true, rasse: 'listenhund', test: 'bestanden', nr: '1' });
    expect(s.isShown('/rasse')).to.equal(true);
    expect(s.isShown('/test')).to.equal(true);
    expect(s.isShown('/grund')).to.equal(false);

    s.setValue('/hund', false);
    expect(s.isShown('/rasse'), 'Rasse is hidden by Hund: nein').to.equal(false);
    expect(s.isShown('/test'), 'the Listenhund branch is closed').to.equal(false);
    expect(s.isShown('/grund'), 'the other branch is asked').to.equal(true);
    expect(s.isShown('/nr'), 'dependentSchemas on the hidden Rasse is closed too').to.equal(false);

    s.setValue('/grund', 'kein Hund');
    const sent = s.visibleData();
    expect(sent).to.deep.equal({ hund: false, grund: 'kein Hund' });
    const gateway = new FormValidator(definition, ajvEngine(definition));
    expect(gateway.validateAll(sent).map((e) => `${e.instancePath} ${e.keyword}`)).to.deep.equal([]);
  });

  it('a draft with a stale hidden answer opens with the right question', () => {
    const s = store({ hund: false, rasse: 'listenhund', test: 'bestanden' });
    expect(s.isShown('/test')).to.equal(false);
    expect(s.isShown('/grund')).to.equal(true);
  });
});
