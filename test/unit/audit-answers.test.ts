import { expect } from '@open-wc/testing';
import { ajvEngine, createAjv } from '../../src/schemas/ajv.js';
import { FormValidator } from '../../src/schemas/validator.js';
import { answerSet } from '../../src/modules/audit/answers.js';

const FORMS = ['hundesteuer', 'anwohnerparken', 'sondernutzung'];

describe('audit: answer sets derived from a definition', () => {
  for (const name of FORMS) {
    it(`${name}: the valid set passes the definition, the invalid one does not`, async () => {
      const definition = await (await fetch(`/demo/forms/${name}.json`)).json();
      const validate = createAjv(definition).compile(definition);
      const valid = answerSet(definition, 'valid');
      expect(validate(valid), JSON.stringify(validate.errors?.slice(0, 3))).to.equal(true);
      // The form's own rules too (x-ozg.date: "Gültig ab" not before today, "Bis" not before "Vom").
      const form = new FormValidator(definition, ajvEngine(definition)).validateAll(valid);
      expect(form.map((e) => `${e.instancePath} ${e.keyword}`)).to.deep.equal([]);
      expect(validate(answerSet(definition, 'invalid'))).to.equal(false);
      expect(answerSet(definition, 'valid')).to.deep.equal(valid);
    });
  }

  it('a list that asks for a billion entries gets at most 1,000 (the checker refuses more) instead of filling the memory', () => {
    const definition = {
      type: 'object',
      properties: { kinder: { type: 'array', minItems: 1_000_000_000, items: { type: 'string', minLength: 1 } } },
    };
    expect((answerSet(definition, 'valid') as { kinder: string[] }).kinder).to.have.length(1000);
  });

  it('formats, patterns, enums, limits, conditions', () => {
    const definition = {
      type: 'object',
      required: ['plz', 'iban', 'art'],
      properties: {
        plz: { type: 'string', format: 'de-postal-code' },
        iban: { type: 'string', format: 'iban' },
        zeit: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
        art: { type: 'string', enum: ['hund', 'katze'] },
        anzahl: { type: 'integer', minimum: 2, maximum: 9 },
        dateien: { type: 'array', 'x-ozg': { file: {} } },
      },
      if: { properties: { art: { const: 'hund' } }, required: ['art'] },
      then: { properties: { rasse: { type: 'string', minLength: 12 } } },
    };
    expect(answerSet(definition, 'valid')).to.deep.equal({
      plz: '12345',
      iban: 'DE89370400440532013000',
      zeit: '07:30',
      art: 'hund',
      anzahl: 2,
      rasse: 'Mustertextxx',
    });
    expect(answerSet(definition, 'invalid')).to.deep.equal({ plz: '?', iban: '?', zeit: '?' });
  });
});
