/** The form store on its own: channels, repeatable entries, prefill, validation and the language of its errors. */
import { expect } from '@open-wc/testing';
import { buildModel } from '../../src/schemas/model.js';
import { describeError } from '../../src/schemas/messages.js';
import { FormStore } from '../../src/schemas/store.js';
import { childPointer } from '../../src/schemas/data.js';
import type { JsonSchema } from '../../src/schemas/types.js';
import { FormValidator } from '../../src/schemas/validator.js';

const definition: JsonSchema = {
  $id: 'urn:test:store',
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', 'x-ozg': { i18n: { en: { title: 'Name' } } } },
    alter: { type: 'integer', title: 'Alter', minimum: 18, 'x-ozg': { i18n: { en: { title: 'Age' } } } },
    hunde: {
      type: 'array',
      title: 'Hunde',
      minItems: 1,
      maxItems: 2,
      items: { type: 'object', properties: { rufname: { type: 'string', title: 'Rufname' } } },
    },
  },
  required: ['name'],
};

function makeStore(data?: Record<string, unknown>): FormStore {
  const store = new FormStore(buildModel(definition, 'store-test'), data);
  store.attachValidation({ validator: new FormValidator(definition), describe: describeError });
  return store;
}

describe('FormStore', () => {
  it('shows the error of a field left before the validators arrived, when they arrive', () => {
    // The validators' chunk loads after the first render: a quick person may leave a field before.
    const store = new FormStore(buildModel(definition, 'store-test-early'));
    const heard: string[] = [];
    store.subscribe('/name', () => heard.push('name'));
    store.touch('/name');
    expect(store.error('/name')).to.equal(undefined);
    store.attachValidation({ validator: new FormValidator(definition), describe: describeError });
    expect(store.error('/name')).to.be.a('string').and.match(/Name/);
    expect(heard).to.deep.equal(['name']);
  });

  it('tells the subscriber of a question about its changes, and no other', () => {
    const store = makeStore();
    const heard: string[] = [];
    const off = store.subscribe('/name', () => heard.push('name'));
    store.subscribe('/alter', () => heard.push('alter'));
    store.setValue('/name', 'Erika');
    expect(heard).to.deep.equal(['name']);
    expect(store.value('/name')).to.equal('Erika');
    off();
    store.setValue('/name', 'Max');
    expect(heard).to.deep.equal(['name']);
  });

  it('adds entries up to maxItems and removes one, keeping the answers of the others', () => {
    const store = makeStore();
    let items = 0;
    store.subscribe('/hunde#items', () => items++);
    expect(store.value('/hunde'), 'minItems: one entry from the start').to.have.length(1);
    expect(store.addItem('/hunde')).to.equal(1);
    expect(store.addItem('/hunde'), 'a third entry is refused').to.equal(1);
    store.setValue('/hunde/0/rufname', 'Bello');
    store.setValue('/hunde/1/rufname', 'Wuff');
    const keys = [...store.itemKeys('/hunde')];
    store.removeItem('/hunde', 0);
    expect(store.value('/hunde')).to.deep.equal([{ rufname: 'Wuff' }]);
    expect(store.itemKeys('/hunde'), 'the remaining entry keeps its key').to.deep.equal([keys[1]]);
    expect(items).to.be.greaterThan(0);
  });

  it('prefills read-only answers, and takes back those the person has not changed', () => {
    const store = makeStore({ alter: 30 });
    store.setPrefill(
      new Map<string, unknown>([
        ['/name', 'Erika'],
        ['/alter', 40],
      ]),
      false,
    );
    expect(store.value('/name')).to.equal('Erika');
    expect(store.value('/alter'), 'an editable prefill does not overwrite an answer').to.equal(30);
    expect(store.isPrefilled('/name')).to.equal('editable');
    store.setPrefill(new Map([['/name', 'Erika Mustermann']]), true);
    expect(store.isPrefilled('/name')).to.equal('readonly');
    store.clearPrefill();
    expect(store.value('/name')).to.equal(undefined);
  });

  it('leaves out a prefill its question cannot take (a text for a list), as a draft of the wrong type', () => {
    const store = makeStore();
    store.setPrefill(
      new Map<string, unknown>([
        ['/hunde', 'Bello'],
        ['/name', 'Erika'],
      ]),
      true,
    );
    expect(store.value('/hunde'), 'the list keeps its entry').to.deep.equal([{}]);
    expect(store.isPrefilled('/hunde')).to.equal(undefined);
    expect(store.value('/name')).to.equal('Erika');
  });

  it('validates a step: a missing required answer and a rule broken, in the order of the form', () => {
    const store = makeStore({ alter: 12 });
    const errors = store.validateFields(['name', 'alter']);
    expect(errors.map((e) => e.pointer)).to.deep.equal(['/name', '/alter']);
    expect(errors.map((e) => e.error.keyword)).to.deep.equal(['required', 'minimum']);
    expect(store.error('/alter')).to.contain('Alter');
    store.setValue('/alter', 20, true);
    expect(store.error('/alter'), 'a corrected answer loses its error').to.equal(undefined);
  });

  it('keeps errors as descriptors and words them in the language of the moment', () => {
    const store = makeStore({ alter: 12 });
    const [, age] = store.validateFields(['name', 'alter']);
    const german = store.error('/alter')!;
    let renders = 0;
    store.subscribe('/alter', () => renders++);
    store.lang = 'en';
    expect(renders, 'the question with an error re-renders').to.equal(1);
    expect(store.error('/alter')).to.contain('Age').and.not.equal(german);
    expect(store.errorDescriptor('/alter')).to.include({ keyword: 'minimum' });
    const [reworded] = store.reword([age]);
    expect(reworded.message).to.equal(store.error('/alter'));
    expect(reworded.label).to.equal('Age');
  });
});

describe('keys with "/" and "~" (JSON Pointer escapes)', () => {
  it('are answered, required, shown and submitted under their own names', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        'plz/ort': { type: 'string', title: 'PLZ/Ort' },
        'a~b': {
          type: 'object',
          title: 'A~B',
          properties: { 'c/~d': { type: 'string', title: 'C' } },
          required: ['c/~d'],
        },
      },
      required: ['plz/ort'],
    };
    const store = new FormStore(buildModel(schema, 'urn:test:escapes'));
    const plz = childPointer('', 'plz/ort');
    const inner = childPointer(childPointer('', 'a~b'), 'c/~d');
    expect(plz).to.equal('/plz~1ort');
    expect(inner).to.equal('/a~0b/c~1~0d');
    store.setValue(plz, '10115 Berlin');
    store.setValue(inner, 'x');
    expect(store.value(plz)).to.equal('10115 Berlin');
    expect(store.node(inner)?.key).to.equal('c/~d');
    expect(store.isRequired(plz)).to.equal(true);
    expect(store.isRequired(inner)).to.equal(true);
    expect(store.isShown(inner)).to.equal(true);
    expect(store.visibleData()).to.deep.equal({ 'plz/ort': '10115 Berlin', 'a~b': { 'c/~d': 'x' } });
  });
});

describe('buildModel', () => {
  it('derives one step of all questions in order without x-ozg.steps', () => {
    const model = buildModel(definition, 'm');
    expect(model.steps).to.have.length(1);
    expect(model.steps[0].fields).to.deep.equal(['name', 'alter', 'hunde']);
    expect(model.root.children.map((c) => c.kind)).to.deep.equal(['text', 'integer', 'array']);
  });

  it('takes the steps of x-ozg.steps and refuses a step naming an unknown question', () => {
    const stepped = {
      ...definition,
      'x-ozg': {
        steps: [
          { id: 'a', title: 'A', fields: ['name'] },
          { id: 'b', title: 'B', fields: ['alter', 'hunde'] },
        ],
      },
    } as JsonSchema;
    expect(buildModel(stepped, 's').steps.map((s) => s.fields)).to.deep.equal([['name'], ['alter', 'hunde']]);
    const wrong = { ...definition, 'x-ozg': { steps: [{ id: 'a', fields: ['nix'] }] } } as JsonSchema;
    expect(() => buildModel(wrong, 'w')).to.throw(/unknown field "nix"/);
    expect(() => buildModel([] as unknown as JsonSchema, 'x')).to.throw(/JSON object/);
  });
});
