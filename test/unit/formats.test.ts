import { expect } from '@open-wc/testing';
import { formatMessages, germanFormats, taxIdCheckDigit } from '../../src/schemas/formats.js';
import { createAjv, isDraft07 } from '../../src/schemas/ajv.js';

function accepts(format: keyof typeof germanFormats, values: string[]): void {
  for (const value of values) expect(germanFormats[format](value), `${format} accepts "${value}"`).to.equal(true);
}
function rejects(format: keyof typeof germanFormats, values: string[]): void {
  for (const value of values) expect(germanFormats[format](value), `${format} rejects "${value}"`).to.equal(false);
}

describe('germanFormats', () => {
  it('de-postal-code: five digits, not starting with 00', () => {
    accepts('de-postal-code', ['10115', '01067', '99998', '80331']);
    rejects('de-postal-code', ['1011', '101155', '00123', '1011a', ' 10115', '10 115', '']);
  });

  it('iban: valid check digits and country length, spaces allowed', () => {
    accepts('iban', [
      'DE89370400440532013000',
      'DE89 3704 0044 0532 0130 00',
      'AT611904300234573201',
      'CH9300762011623852957',
      'NL91ABNA0417164300',
      'FR1420041010050500013M02606',
      'BE68539007547034',
      'GB82WEST12345698765432',
    ]);
  });

  it('iban: rejects wrong check digits, wrong length, letters in a German IBAN, lower case', () => {
    rejects('iban', [
      'DE88370400440532013000', // check digits changed
      'DE89370400440532013001', // account number changed
      'DE8937040044053201300', // 21 characters
      'DE893704004405320130000', // 23 characters
      'AT61190430023457320', // Austria is 20 long
      'DE89 3704 0044 0532 0130 0A',
      'de89370400440532013000',
      'DE89-3704-0044-0532-0130-00',
      '',
    ]);
  });

  it('de-phone: national and international numbers with separators', () => {
    accepts('de-phone', [
      '030 1234567',
      '0301234567',
      '030/1234567',
      '0171-1234567',
      '(030) 123 45 67',
      '+49 30 1234567',
      '+49 (0)30 1234567',
      '0049 30 1234567',
      '+33 1 23 45 67 89',
    ]);
  });

  it('de-phone: rejects letters, too few or too many digits, numbers without 0 or +', () => {
    rejects('de-phone', [
      '030 12a4567',
      '12345',
      '030 1',
      '+49 30 1234 5678 9012 3',
      '0301234567890123',
      '301234567',
      '00 0301234',
      '+49 30 1234567 ext',
      '',
    ]);
  });

  it('de-tax-id: check digit computed with ISO/IEC 7064 MOD 11,10', () => {
    // The example number of the Bundeszentralamt für Steuern ends in 9.
    expect(taxIdCheckDigit('8609574271')).to.equal(9);
    accepts('de-tax-id', [
      '86095742719',
      '12345678911', // 1 occurs twice
      '11234567890', // 1 twice, next to each other
      '12131456787', // 1 three times, not in a row
      '86 095 742 719',
    ]);
  });

  it('de-tax-id: rejects a wrong check digit, a leading 0, bad repetitions, wrong length', () => {
    rejects('de-tax-id', [
      '86095742718', // wrong check digit
      '12345678912', // wrong check digit
      '02345678910', // starts with 0
      '12345678903', // no digit repeated
      '11123456786', // one digit three times in a row
      '11223456785', // two digits repeated
      '8609574271',
      '860957427190',
      '8609574271a',
    ]);
  });

  it('has a German and an English message for every custom and standard format', () => {
    for (const format of ['de-postal-code', 'iban', 'de-phone', 'de-tax-id', 'email', 'uri', 'date']) {
      expect(formatMessages.de[format], `de ${format}`).to.be.a('string').and.not.equal('');
      expect(formatMessages.en[format], `en ${format}`).to.be.a('string').and.not.equal('');
    }
    expect(formatMessages.de['de-postal-code']).to.equal('Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein.');
    expect(formatMessages.de.iban).to.contain('DE89 3704 0044 0532 0130 00');
  });

  it('gives only examples the format accepts, in both validators', async () => {
    // A review found "zum Beispiel 14:30" under a time question that refused 14:30.
    const { SchemaInterpreter } = await import('../../src/schemas/interpret.js');
    for (const lang of ['de', 'en'] as const)
      for (const [format, message] of Object.entries(formatMessages[lang])) {
        const example = /(?:zum Beispiel|for example) (\S+(?: \S+)*?)(?: oder | or |\.$)/.exec(message)?.[1];
        // Only a value is an example to check ("zum Beispiel auf Ihrem Einkommensteuerbescheid" is not).
        if (!example || !/[\d@]/.test(example)) continue;
        const schema = { type: 'object', properties: { v: { type: 'string', format } } };
        const ajv = createAjv(schema).compile(schema);
        expect(ajv({ v: example }), `Ajv: ${lang} ${format} "${example}"`).to.equal(true);
        expect(
          new SchemaInterpreter(schema).errorsAt('', { v: example }),
          `interpreter: ${format} "${example}"`,
        ).to.deep.equal([]);
      }
  });
});

describe('createAjv', () => {
  const draft07 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' };

  it('recognises draft-07 with and without "#", http or https', () => {
    expect(isDraft07(draft07)).to.equal(true);
    expect(isDraft07({ $schema: 'https://json-schema.org/draft-07/schema' })).to.equal(true);
    expect(isDraft07({ $schema: 'https://json-schema.org/draft/2020-12/schema' })).to.equal(false);
    expect(isDraft07({})).to.equal(false);
    expect(isDraft07(null)).to.equal(false);
  });

  it('validates German and standard formats, reports all errors, ignores x-ozg', () => {
    const schema = {
      type: 'object',
      'x-ozg': { steps: [] },
      properties: {
        plz: { type: 'string', format: 'de-postal-code', 'x-ozg': { widget: 'text' } },
        iban: { type: 'string', format: 'iban' },
        mail: { type: 'string', format: 'email' },
        tag: { type: 'string', format: 'date' },
      },
    };
    for (const definition of [schema, { ...schema, ...draft07 }]) {
      const validate = createAjv(definition).compile(definition);
      expect(validate({ plz: '10115', iban: 'DE89370400440532013000', mail: 'a@b.de', tag: '2024-02-29' })).to.equal(
        true,
      );
      expect(validate({ plz: '1011', iban: 'DE88370400440532013000', mail: 'nope', tag: '2023-02-29' })).to.equal(
        false,
      );
      const failed = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
      expect(failed).to.have.members(['/plz format', '/iban format', '/mail format', '/tag format']);
    }
  });

  it('uses draft-07 semantics for a draft-07 definition', () => {
    // In draft-07, "items" as an array is a tuple; 2020-12 would reject this schema.
    const definition = {
      ...draft07,
      properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] } },
    };
    const validate = createAjv(definition).compile(definition);
    expect(validate({ pair: ['a', 1] })).to.equal(true);
    expect(validate({ pair: [1, 'a'] })).to.equal(false);
  });
});
