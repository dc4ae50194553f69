import { expect } from '@open-wc/testing';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';
import { describeError } from '../../src/schemas/messages.js';
import { FormValidator } from '../../src/schemas/validator.js';
import type { JsonSchema } from '../../src/schemas/types.js';

// A dog: "Listenhund: ja" shows and requires the date of the temperament test.
const dog: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name' },
    listenhund: { type: 'boolean', title: 'Listenhund' },
  },
  required: ['name'],
  if: { properties: { listenhund: { const: true } }, required: ['listenhund'] },
  then: {
    properties: { wesenstest: { type: 'string', format: 'date', title: 'Wesenstest' } },
    required: ['wesenstest'],
  },
};

const definition: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    halter: {
      type: 'object',
      properties: { vorname: { type: 'string' }, firma: { type: 'boolean' } },
      dependentSchemas: {
        firma: { properties: { handelsregister: { type: 'string' } }, required: ['handelsregister'] },
      },
    },
    hunde: { type: 'array', items: dog },
  },
};

function store(data?: Record<string, unknown>): { store: FormStore; validations: () => number } {
  const s = new FormStore(buildModel(definition, 'test'), data);
  const validator = new FormValidator(definition);
  let count = 0;
  const matches = validator.matches.bind(validator);
  validator.matches = (pointer, value) => {
    count++;
    return matches(pointer, value);
  };
  s.attachValidation({ validator, describe: describeError });
  return { store: s, validations: () => count };
}

const shownKeys = (s: FormStore, pointer: string) => {
  const node = s.node(pointer);
  if (node?.kind !== 'object') throw new Error(`${pointer} is not an object`);
  return s.visibleChildren(node, pointer).map((child) => child.key);
};

describe('FormStore conditions', () => {
  it('shows and requires a question when its `if` condition is met, and hides it again', () => {
    const { store: s } = store({ hunde: [{ name: 'Bello' }] });
    expect(shownKeys(s, '/hunde/0')).to.deep.equal(['name', 'listenhund']);
    s.setValue('/hunde/0/listenhund', true);
    expect(shownKeys(s, '/hunde/0')).to.deep.equal(['name', 'listenhund', 'wesenstest']);
    expect(s.isRequired('/hunde/0/wesenstest')).to.equal(true);
    s.setValue('/hunde/0/listenhund', false);
    expect(shownKeys(s, '/hunde/0')).to.deep.equal(['name', 'listenhund']);
    expect(s.isShown('/hunde/0/wesenstest')).to.equal(false);
  });

  it("evaluates an object's conditions once per change, not once per question asked about", () => {
    const { store: s, validations } = store({ hunde: [{ name: 'Bello', listenhund: true }] });
    const before = validations();
    for (let i = 0; i < 20; i++) {
      s.isRequired('/hunde/0/name');
      s.isRequired('/hunde/0/wesenstest');
      s.isShown('/hunde/0/wesenstest');
    }
    expect(validations() - before).to.equal(0);
    s.setValue('/hunde/0/name', 'Rex');
    expect(validations() - before).to.equal(1);
    expect(s.isRequired('/hunde/0/wesenstest')).to.equal(true);
  });

  it('keeps the conditions of each entry when an entry before it is removed', () => {
    const { store: s } = store({ hunde: [{ name: 'A', listenhund: true }, { name: 'B' }] });
    expect(s.isShown('/hunde/0/wesenstest')).to.equal(true);
    expect(s.isShown('/hunde/1/wesenstest')).to.equal(false);
    s.removeItem('/hunde', 0);
    // "B" moved to index 0 and has no temperament test.
    expect(s.isShown('/hunde/0/wesenstest')).to.equal(false);
    const notified: string[] = [];
    s.subscribe('/hunde/0#visible', () => notified.push('visible'));
    s.setValue('/hunde/0/listenhund', true);
    expect(notified).to.deep.equal(['visible']);
    expect(s.isShown('/hunde/0/wesenstest')).to.equal(true);
  });

  it('requires what a `dependentSchemas` block adds once its property is answered', () => {
    const { store: s } = store();
    expect(s.isShown('/halter/handelsregister')).to.equal(false);
    s.setValue('/halter/firma', true);
    expect(s.isShown('/halter/handelsregister')).to.equal(true);
    expect(s.isRequired('/halter/handelsregister')).to.equal(true);
    s.setValue('/halter/firma', undefined);
    expect(s.isShown('/halter/handelsregister')).to.equal(false);
  });

  it('forgets the conditions of old answers when all answers are replaced', () => {
    const { store: s } = store({ hunde: [{ name: 'A', listenhund: true }] });
    expect(s.isShown('/hunde/0/wesenstest')).to.equal(true);
    s.replaceData({ hunde: [{ name: 'A', listenhund: false }] });
    expect(s.isShown('/hunde/0/wesenstest')).to.equal(false);
  });
});
