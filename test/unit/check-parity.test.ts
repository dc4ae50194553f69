/** Definitions the browser and the gateway would decide differently: the checker refuses them
 * (src/schemas/check/unseen.ts, engines.ts, nested.ts) and says what to write instead. */
import { expect } from '@open-wc/testing';
import { ajvEngine } from '../../src/schemas/ajv.js';
import { checkAll } from '../../src/schemas/check/index.js';
import type { DefinitionProblem } from '../../src/schemas/check.js';
import { buildModel } from '../../src/schemas/model.js';
import type { JsonSchema } from '../../src/schemas/types.js';
import { FormValidator } from '../../src/schemas/validator.js';

type Json = Record<string, any>;
const D2020 = 'https://json-schema.org/draft/2020-12/schema';
const D07 = 'http://json-schema.org/draft-07/schema#';
const str = (title: string) => ({ type: 'string', title });
const art = { title: 'Art', enum: ['a', 'b', 'c'] };
/** A definition with every property of `fields` in its one step. */
const form = (fields: string[], rest: Json, $schema = D2020): Json => ({
  $schema,
  title: 'Antrag',
  type: 'object',
  'x-ozg': { leika: '99108004001000', steps: [{ id: 's', title: 'Angaben', fields }] },
  ...rest,
});
const errors = (d: Json): DefinitionProblem[] => checkAll(d).filter((p) => !p.severity);
const at = (d: Json, pointer: string) => errors(d).filter((p) => p.pointer === pointer);
const when = (value: string, key = 'art') => ({ properties: { [key]: { const: value } }, required: [key] });

describe('checkAll: errors no question can show', () => {
  const grund = { if: when('a'), then: { properties: { grund: str('Grund') }, required: ['grund'] } };

  it('refuses additionalProperties: false beside a property declared only in a condition, root or nested', () => {
    const d = form(['art', 'grund'], { properties: { art }, additionalProperties: false, ...grund });
    const [problem, ...more] = at(d, '/additionalProperties');
    expect(more).to.have.length(0);
    expect(problem!.message.de)
      .to.contain('"additionalProperties": false an / (Wurzel)')
      .and.contain('„grund“ ist dort nicht deklariert (/then/properties/grund)')
      .and.contain('kann diesen Fehler an keiner Frage zeigen')
      .and.contain('"unevaluatedProperties": false');
    expect(problem!.message.en)
      .to.contain('"grund" is not declared there')
      .and.contain('cannot show this error at any question')
      .and.contain('declare every property in the object\'s own "properties"');
    const nested = form(['p'], {
      properties: {
        p: { type: 'object', title: 'Person', properties: { art }, additionalProperties: false, ...grund },
      },
    });
    expect(at(nested, '/properties/p/additionalProperties')[0]!.message.en).to.contain(
      '/properties/p/then/properties/grund',
    );
    // draft-07 has no unevaluatedProperties: not suggested there
    const d07 = form(['art', 'grund'], { properties: { art }, additionalProperties: false, ...grund }, D07);
    expect(at(d07, '/additionalProperties')[0]!.message.en).not.to.contain('unevaluatedProperties');
  });

  it('accepts additionalProperties: false when every property is its own, or on alternatives sent alone', () => {
    const own = form(['art', 'grund'], {
      properties: { art, grund: str('Grund') },
      additionalProperties: false,
      if: when('a'),
      then: { required: ['grund'] },
    });
    expect(errors(own)).to.deep.equal([]);
    const alternatives = form(['k'], {
      properties: {
        k: {
          type: 'object',
          title: 'Kontakt',
          oneOf: [
            { title: 'Telefon', properties: { tel: str('Telefon') }, required: ['tel'], additionalProperties: false },
            { title: 'E-Mail', properties: { mail: str('E-Mail') }, required: ['mail'], additionalProperties: false },
          ],
        },
      },
    });
    expect(errors(alternatives)).to.deep.equal([]);
  });

  it('suggests unevaluatedProperties: false, which the browser and Ajv decide alike for the answers sent', () => {
    const d = form(['art', 'grund'], { properties: { art }, unevaluatedProperties: false, ...grund });
    expect(errors(d)).to.deep.equal([]);
    const browser = new FormValidator(d as JsonSchema);
    const gateway = new FormValidator(d as JsonSchema, ajvEngine(d as JsonSchema));
    for (const data of [{ art: 'a', grund: 'x' }, { art: 'b' }])
      expect([browser.validateAll(data), gateway.validateAll(data)]).to.deep.equal([[], []]);
  });

  it('refuses minProperties, maxProperties and not on an object, not on a question or in a condition', () => {
    const props = { a: str('A'), b: str('B') };
    const d = form(['a', 'b'], {
      properties: props,
      minProperties: 1,
      maxProperties: 1,
      not: { required: ['a', 'b'] },
    });
    expect(at(d, '/minProperties')[0]!.message.de)
      .to.contain('"minProperties" an / (Wurzel)')
      .and.contain('"anyOf": [{"required": ["a"]}, {"required": ["b"]}]');
    expect(at(d, '/maxProperties')[0]!.message.en).to.contain('Leave maxProperties out');
    expect(at(d, '/not')[0]!.message.en).to.contain('"not" at / (root)').and.contain('if/then/else');
    const fine = form(['nutzer', 'x'], {
      properties: { nutzer: { ...str('Benutzername'), not: { enum: ['admin'] } } },
      if: { properties: { nutzer: { not: { const: 'gast' } } }, required: ['nutzer'], minProperties: 1 },
      then: { properties: { x: str('X') } },
    });
    expect(errors(fine)).to.deep.equal([]);
  });

  it('refuses oneOf of required groups and alternatives the answers of one of which fit another', () => {
    const groups = form(['tel', 'mail'], {
      properties: { tel: str('Telefon'), mail: str('E-Mail') },
      oneOf: [{ required: ['tel'] }, { required: ['mail'] }],
    });
    expect(at(groups, '/oneOf')[0]!.message.en).to.contain('exactly one of ["tel"] / ["mail"]').and.contain('"anyOf"');
    expect(errors({ ...groups, anyOf: groups.oneOf, oneOf: undefined })).to.deep.equal([]);
    const loose = form(['name', 'firma'], {
      oneOf: [
        { title: 'Privatperson', properties: { name: str('Name') } },
        { title: 'Unternehmen', properties: { firma: str('Firma') } },
      ],
    });
    expect(at(loose, '/oneOf')[0]!.message.de)
      .to.contain('„Privatperson“ und „Unternehmen“')
      .and.contain('(auch gar keine)')
      .and.contain('eigenem "const"');
    // each requires what only it declares, or a discriminator: fine
    const apart = structuredClone(loose);
    apart.oneOf[0].required = ['name'];
    apart.oneOf[1].required = ['firma'];
    expect(errors(apart)).to.deep.equal([]);
    const told = structuredClone(loose);
    told['x-ozg'].steps[0].fields.push('art');
    told.oneOf[0].properties.art = { const: 'privat', title: 'Ich stelle den Antrag als' };
    told.oneOf[1].properties.art = { const: 'firma' };
    expect(errors(told)).to.deep.equal([]);
  });
});

describe('checkAll: keywords the browser does not report but Ajv does', () => {
  it('refuses dependencies, naming dependentRequired and dependentSchemas', () => {
    const d = form(['a', 'b'], {
      properties: { a: str('A'), b: str('B') },
      dependencies: { a: ['b'], b: { required: ['a'] } },
    });
    expect(at(d, '/dependencies')[0]!.message.en).to.contain(
      'Write "dependentRequired": {"a":["b"]}, "dependentSchemas": {"b":{"required":["a"]}} instead',
    );
    expect(
      at(form(['a'], { properties: { a: str('A') }, dependencies: { a: ['a'] } }, D07), '/dependencies'),
    ).to.have.length(1);
  });

  it('refuses contains and false schemas that decide answers, not those in a condition', () => {
    const list = { type: 'array', title: 'Sprachen', uniqueItems: true, items: { enum: ['de', 'andere'] } };
    const d = form(['l', 'art', 'x'], {
      properties: { l: { ...list, contains: { const: 'de' } }, art, x: str('X') },
      if: when('a'),
      then: {},
      else: { properties: { x: false } },
    });
    expect(at(d, '/properties/l/contains')[0]!.message.de).to.contain('meldet das Formular im Browser nie');
    expect(at(d, '/else/properties/x')[0]!.message.en).to.contain('declare it only in the other branch');
    const conditions = form(['l', 'andere'], {
      properties: { l: list },
      if: { properties: { l: { contains: { const: 'andere' } }, andere: false }, required: ['l'] },
      then: { properties: { andere: str('Welche?') }, required: ['andere'] },
    });
    expect(errors(conditions)).to.deep.equal([]);
  });

  it('refuses validation keywords beside $ref in draft-07, not annotations, not in 2020-12', () => {
    const d = (n: Json, $schema: string) =>
      form(
        ['n'],
        { properties: { n }, definitions: { s: { type: 'string' } }, $defs: { s: { type: 'string' } } },
        $schema,
      );
    const [problem] = at(d({ $ref: '#/definitions/s', title: 'Name', maxLength: 3 }, D07), '/properties/n/maxLength');
    expect(problem!.message.en)
      .to.contain('the form in the browser ignores "maxLength" at /properties/n')
      .and.contain('"allOf": [{"$ref": "#/definitions/s"}, {"maxLength":3}]');
    const annotated = { $ref: '#/definitions/s', title: 'Name', description: 'D', 'x-ozg': { help: 'H' } };
    expect(errors(d(annotated, D07))).to.deep.equal([]);
    expect(errors(d({ $ref: '#/$defs/s', title: 'Name', maxLength: 3 }, D2020))).to.deep.equal([]);
  });
});

describe('checkAll: conditions inside conditions', () => {
  const chain = (fields: string[]) =>
    form(fields, {
      properties: { art },
      required: ['art'],
      if: when('a'),
      then: { properties: { x: str('X') }, required: ['x'] },
      else: {
        if: when('b'),
        then: { properties: { y: str('Y') }, required: ['y'] },
        else: { properties: { z: str('Z') }, required: ['z'] },
      },
    });

  it('reports one error at the nested if, whether or not its questions are in a step', () => {
    for (const d of [chain(['art', 'x']), chain(['art', 'x', 'y', 'z'])]) {
      const found = errors(d);
      expect(found.map((p) => p.pointer)).to.deep.equal(['/else/if']);
      expect(found[0]!.message.de).to.contain(
        'Bedingungen in Bedingungen werden nicht unterstützt; schreiben Sie jede Bedingung als eigenen Eintrag in allOf.',
      );
      expect(found[0]!.message.de).to.contain('"allOf": [ {"if": {"properties": {"art": {"const": "a"}}');
      expect(found[0]!.message.en).to.contain('Conditions inside conditions are not supported');
    }
    // the form indeed refuses the step naming them: the checker says why instead of contradicting it
    expect(() => buildModel(chain(['art', 'x', 'y', 'z']) as JsonSchema, 'x')).to.throw('unknown field "y"');
    const inThen = form(['art', 'sub', 'w'], {
      properties: { art },
      if: when('a'),
      then: { properties: { sub: str('Sub') }, if: when('j', 'sub'), then: { properties: { w: str('W') } } },
    });
    expect(errors(inThen).map((p) => p.pointer)).to.deep.equal(['/then/if']);
  });

  it('accepts the same rules written as entries of allOf', () => {
    const d = form(['art', 'x', 'y', 'z'], {
      properties: { art },
      required: ['art'],
      allOf: [
        { if: when('a'), then: { properties: { x: str('X') }, required: ['x'] } },
        { if: when('b'), then: { properties: { y: str('Y') }, required: ['y'] } },
        { if: when('c'), then: { properties: { z: str('Z') }, required: ['z'] } },
      ],
    });
    expect(errors(d)).to.deep.equal([]);
    expect(() => buildModel(d as JsonSchema, 'x')).not.to.throw();
  });
});

describe('checkAll: the demo forms stay clean', () => {
  for (const name of ['hundesteuer', 'anwohnerparken', 'sondernutzung', 'fim-hundesteuer'])
    it(name, async () => {
      const d = await (await fetch(`/demo/forms/${name}.json`)).json();
      expect(errors(d)).to.deep.equal([]);
    });
});
