import { expect } from '@open-wc/testing';
import { ajvEngine } from '../../src/schemas/ajv.js';
import { groupErrors, pickError } from '../../src/schemas/errors.js';
import { describeError, type Lang } from '../../src/schemas/messages.js';
import { buildModel, nodeAt } from '../../src/schemas/model.js';
import type { FieldNode, JsonSchema } from '../../src/schemas/types.js';
import { FormValidator } from '../../src/schemas/validator.js';

// The browser validates with an interpreter (no code generation, strict CSP); the gateway with Ajv.
// A person must read the same sentence either way, so both must find the same errors.

const FORMS = ['hundesteuer', 'anwohnerparken', 'sondernutzung'];

/** Wrong, odd and right answers for a question of each kind. */
function candidates(node: FieldNode): unknown[] {
  switch (node.kind) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'tel':
    case 'url':
    case 'date':
      return [
        'x',
        'ab',
        '12345',
        '01234',
        'DE89 3704 0044 0532 0130 00',
        'DE89 3704 0044 0532 0130 01',
        '030 1234567',
        'name@beispiel.de',
        'https://www.beispiel.de',
        '2024-02-30',
        '2024-02-29',
        'a'.repeat(300),
        42,
      ];
    case 'number':
    case 'integer':
      return [-1, 0, 1, 1.5, 1.234, 1e9, 'x'];
    case 'boolean':
      return [true, false, 'ja'];
    case 'choice':
      return [...node.options.map((o) => o.value), 'gibt-es-nicht', 7];
    case 'multi':
      return [
        [],
        node.options.map((o) => o.value),
        [node.options[0]?.value, node.options[0]?.value],
        ['gibt-es-nicht'],
      ];
    case 'array':
    case 'file':
      return [[], [{}], [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}], 'x'];
    case 'object':
      return [{}, [], 'x'];
    case 'info':
      return [null, 'x'];
  }
}

function sentences(errors: ReturnType<FormValidator['validateAll']>, node: FieldNode, lang: Lang): string | undefined {
  const first = pickError(errors, node);
  return first && describeError(first, { label: 'Frage', lang, kind: node.kind });
}

function leaves(node: FieldNode, pointer: string, out: Array<[string, FieldNode]> = []): Array<[string, FieldNode]> {
  out.push([pointer, node]);
  if (node.kind === 'object') for (const child of node.children) leaves(child, `${pointer}/${child.key}`, out);
  if (node.kind === 'array') leaves(node.item, `${pointer}/0`, out);
  return out;
}

describe('interpreting validator = Ajv, sentence for sentence', () => {
  for (const name of FORMS) {
    it(`${name}: every question, wrong and right answers`, async () => {
      const definition = (await (await fetch(`/demo/forms/${name}.json`)).json()) as JsonSchema;
      const model = buildModel(definition, name);
      const interpreted = new FormValidator(definition);
      const ajv = new FormValidator(definition, ajvEngine(definition));
      let compared = 0;
      for (const [, node] of leaves(model.root, '')) {
        for (const value of candidates(node)) {
          const a = interpreted.validateAt(node.schemaPointer, value);
          const b = ajv.validateAt(node.schemaPointer, value);
          expect(a.length > 0, `${node.schemaPointer} ${JSON.stringify(value)}`).to.equal(b.length > 0);
          expect(interpreted.matches(node.schemaPointer, value)).to.equal(ajv.matches(node.schemaPointer, value));
          for (const lang of ['de', 'en'] as const) {
            expect(sentences(a, node, lang), `${node.schemaPointer} ${JSON.stringify(value)}`).to.equal(
              sentences(b, node, lang),
            );
          }
          compared++;
        }
      }
      expect(compared).to.be.greaterThan(50);
    });

    it(`${name}: whole answers, grouped by question as the summary shows them`, async () => {
      const definition = (await (await fetch(`/demo/forms/${name}.json`)).json()) as JsonSchema;
      const model = buildModel(definition, name);
      const interpreted = new FormValidator(definition);
      const ajv = new FormValidator(definition, ajvEngine(definition));
      const top = model.root.children;
      const answers: Record<string, unknown>[] = [{}];
      for (let round = 0; round < 4; round++) {
        answers.push(
          Object.fromEntries(
            top.map((node) => {
              const options = candidates(node);
              return [node.key, options[round % options.length]];
            }),
          ),
        );
      }
      const at = (pointer: string) => nodeAt(model.root, pointer);
      for (const data of answers) {
        const a = groupErrors(at, interpreted.validateAll(data));
        const b = groupErrors(at, ajv.validateAll(data));
        expect([...a.keys()].sort(), JSON.stringify(data)).to.deep.equal([...b.keys()].sort());
        for (const [pointer, error] of a) {
          const ctx = { label: 'Frage', lang: 'de' as const, kind: at(pointer)!.kind };
          expect(describeError(error, ctx), pointer).to.equal(describeError(b.get(pointer)!, ctx));
        }
      }
    });
  }

  it('a urn: $id with $ref and annotations that carry an id (steps, fees) validates like an https one', () => {
    const definition = {
      $id: 'urn:musterstadt:formulare:hundesteuer:2',
      type: 'object',
      $defs: { plz: { type: 'string', format: 'de-postal-code' } },
      properties: { plz: { $ref: '#/$defs/plz', 'x-ozg': { fim: { id: 'F60000246', version: '1.0' } } } },
      required: ['plz'],
      'x-ozg': { steps: [{ id: 'anschrift', title: 'Anschrift', fields: ['plz'] }], account: { id: 'bund' } },
    } as unknown as JsonSchema;
    const validator = new FormValidator(definition);
    expect(validator.validateAll({ plz: '12345' })).to.deep.equal([]);
    expect(validator.validateAt('/properties/plz', '1234').map((e) => e.keyword)).to.deep.equal(['format']);
    expect(validator.validateAll({}).map((e) => e.keyword)).to.deep.equal(['required']);
    // The definition itself is left as it was: annotations kept, nothing added that JSON would show.
    expect(JSON.stringify(definition)).to.contain('"x-ozg"');
  });

  it('a decimal multipleOf (cents) decides as decimals do, not as binary floating point', () => {
    // 19.99 / 0.01 is 1998.9999999999998 in floating point: the gateway refused amounts the form had
    // accepted, and the citizen could not pay. Both validators must take what a person can type.
    const definition = {
      $id: 'urn:t:betrag',
      type: 'object',
      properties: { betrag: { type: 'number', multipleOf: 0.01 }, menge: { type: 'number', multipleOf: 0.5 } },
    } as JsonSchema;
    const interpreted = new FormValidator(definition);
    const ajv = new FormValidator(definition, ajvEngine(definition));
    const verdicts = (pointer: string, values: number[]) =>
      values.map((value) => [
        value,
        interpreted.validateAt(pointer, value).map((e) => e.keyword),
        ajv.validateAt(pointer, value).map((e) => e.keyword),
      ]);
    const cents = [19.99, 0.07, 1.15, 0.29, 4.35, 100.1, 607823.71, 12345678.91, 0, -3.33, 5];
    expect(verdicts('/properties/betrag', cents)).to.deep.equal(cents.map((v) => [v, [], []]));
    const notCents = [0.005, 19.999, 1.0000001, 0.010000000001];
    expect(verdicts('/properties/betrag', notCents)).to.deep.equal(
      notCents.map((v) => [v, ['multipleOf'], ['multipleOf']]),
    );
    expect(verdicts('/properties/menge', [2.5, 0.5])).to.deep.equal([
      [2.5, [], []],
      [0.5, [], []],
    ]);
    expect(verdicts('/properties/menge', [2.25])).to.deep.equal([[2.25, ['multipleOf'], ['multipleOf']]]);
    // The sentence names the step the same way either way.
    const [a] = interpreted.validateAt('/properties/betrag', 0.005);
    const [b] = ajv.validateAt('/properties/betrag', 0.005);
    for (const lang of ['de', 'en'] as const) {
      const ctx = { label: 'Betrag', lang, kind: 'number' as const };
      expect(describeError(a!, ctx)).to.equal(describeError(b!, ctx));
    }
  });

  it('keywords the demo forms do not use: $ref, if/else, dependentRequired, uniqueItems, draft-07', () => {
    const definitions: JsonSchema[] = [
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        $defs: { plz: { type: 'string', format: 'de-postal-code' } },
        properties: {
          plz: { $ref: '#/$defs/plz' },
          art: { enum: ['a', 'b'] },
          liste: { type: 'array', uniqueItems: true, items: { enum: ['a', 'b', 'c'] } },
          gruppe: {
            type: 'array',
            uniqueItems: true,
            items: { type: 'object', properties: { n: { type: 'string', minLength: 2 } } },
          },
          steuer: { type: 'string', format: 'de-tax-id' },
          tel: { type: 'string', format: 'de-phone' },
          betrag: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.01 },
        },
        dependentRequired: { art: ['plz'] },
        if: { properties: { art: { const: 'a' } }, required: ['art'] },
        then: { required: ['steuer'] },
        else: { required: ['tel'] },
      } as JsonSchema,
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        definitions: { iban: { type: 'string', format: 'iban' } },
        properties: { iban: { $ref: '#/definitions/iban' }, n: { type: 'integer', maximum: 3 } },
        required: ['iban'],
      } as JsonSchema,
    ];
    const answers: unknown[] = [
      {},
      { art: 'a' },
      { art: 'b', plz: '00123' },
      { plz: 12345 },
      { liste: ['a', 'a', 'd'] },
      { gruppe: [{ n: 'ab' }, { n: 'ab' }, { n: 'c' }] },
      { steuer: '12345678901', tel: '12' },
      { betrag: 0 },
      { betrag: 1.234 },
      { iban: 'DE89370400440532013001', n: 4.5 },
      { iban: 'DE89 3704 0044 0532 0130 00', n: 2 },
    ];
    for (const definition of definitions) {
      const model = buildModel(definition, 'x');
      const at = (pointer: string) => nodeAt(model.root, pointer);
      const interpreted = new FormValidator(definition);
      const ajv = new FormValidator(definition, ajvEngine(definition));
      for (const data of answers) {
        const a = groupErrors(at, interpreted.validateAll(data));
        const b = groupErrors(at, ajv.validateAll(data));
        expect([...a.keys()].sort(), JSON.stringify(data)).to.deep.equal([...b.keys()].sort());
        for (const [pointer, error] of a) {
          for (const lang of ['de', 'en'] as const) {
            const ctx = { label: 'Frage', lang, kind: at(pointer)!.kind };
            expect(describeError(error, ctx), `${pointer} ${JSON.stringify(data)}`).to.equal(
              describeError(b.get(pointer)!, ctx),
            );
          }
        }
      }
    }
  });

  it('draft-07 dependentRequired and dependentSchemas: the gateway refuses what the form refuses', () => {
    const definition = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } },
      dependentRequired: { a: ['b'] },
      dependentSchemas: { b: { required: ['c'] } },
    } as JsonSchema;
    const interpreted = new FormValidator(definition);
    const ajv = new FormValidator(definition, ajvEngine(definition));
    const verdicts = (data: unknown) => [interpreted, ajv].map((v) => v.validateAll(data).map((e) => e.keyword));
    expect(verdicts({ a: 'x' })).to.deep.equal([['dependentRequired'], ['dependentRequired']]);
    expect(verdicts({ a: 'x', b: 'y' })).to.deep.equal([['required'], ['required']]);
    expect(verdicts({ a: 'x', b: 'y', c: 'z' })).to.deep.equal([[], []]);
    const [a] = interpreted.validateAll({ a: 'x' });
    const [b] = ajv.validateAll({ a: 'x' });
    for (const lang of ['de', 'en'] as const) {
      const ctx = { label: 'B', lang, kind: 'text' as const };
      expect(describeError(b!, ctx)).to.equal(describeError(a!, ctx));
    }
  });
});
