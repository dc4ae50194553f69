import { expect } from '@open-wc/testing';
import type { ErrorObject } from 'ajv';
import { describeError, type MessageContext } from '../../src/schemas/messages.js';
import { createAjv } from '../../src/schemas/ajv.js';

function err(keyword: string, params: Record<string, unknown>, message = 'ajv message'): ErrorObject {
  return { keyword, params, instancePath: '/x', schemaPath: `#/properties/x/${keyword}`, message };
}
function ctx(
  label: string,
  lang: 'de' | 'en',
  kind: MessageContext['kind'] = 'text',
  custom?: Record<string, string>,
): MessageContext {
  return { label, lang, kind, custom };
}

describe('describeError', () => {
  it('not: says the answer is not possible, in plain words (not "muss dem in "not" angegebenen Schema widersprechen"), or the author\'s own', () => {
    const not = err('not', {}, 'must NOT be valid');
    expect(describeError(not, ctx('Benutzername', 'de'))).to.equal(
      'Diese Angabe ist bei „Benutzername“ nicht möglich. Bitte ändern Sie sie.',
    );
    expect(describeError(not, ctx('User name', 'en'))).to.equal(
      'This answer is not possible for “User name”. Change it.',
    );
    expect(describeError(not, ctx('Benutzername', 'de', 'text', { not: 'Dieser Name ist vergeben.' }))).to.equal(
      'Dieser Name ist vergeben.',
    );
  });

  it('required: the label in quotation marks, so that any label makes a sentence; per kind of question', () => {
    const missing = err('required', { missingProperty: 'x' });
    const say = (label: string, lang: 'de' | 'en', kind: MessageContext['kind'] = 'text') =>
      describeError(missing, ctx(label, lang, kind));
    expect(say('Vorname', 'de')).to.equal('Bitte füllen Sie das Feld „Vorname“ aus.');
    expect(say('First name', 'en')).to.equal('Enter an answer for “First name”.');
    // Labels that are phrases or sentences (Sondernutzung), which used to be pasted into the sentence.
    expect(say('Beschreiben Sie Ihr Vorhaben kurz', 'de', 'textarea')).to.equal(
      'Bitte füllen Sie das Feld „Beschreiben Sie Ihr Vorhaben kurz“ aus.',
    );
    expect(say('Briefly describe your plans', 'en', 'textarea')).to.equal(
      'Enter an answer for “Briefly describe your plans”.',
    );
    expect(say('Ich stelle den Antrag als', 'de', 'choice')).to.equal(
      'Bitte wählen Sie bei „Ich stelle den Antrag als“ eine Antwort aus.',
    );
    expect(say('I am applying as', 'en', 'choice')).to.equal('Select an answer for “I am applying as”.');
    expect(say('Vom', 'de', 'date')).to.equal('Bitte geben Sie bei „Vom“ ein Datum ein.');
    expect(say('From', 'en', 'date')).to.equal('Enter a date for “From”.');
    expect(say('Gewicht', 'de', 'number')).to.equal('Bitte geben Sie bei „Gewicht“ eine Zahl ein.');
    expect(say('Number of dogs', 'en', 'integer')).to.equal('Enter a number for “Number of dogs”.');
    expect(say('Nachweis', 'de', 'file')).to.equal('Bitte laden Sie bei „Nachweis“ eine Datei hoch.');
    expect(say('Evidence', 'en', 'file')).to.equal('Upload a file for “Evidence”.');
    expect(say('Anschrift', 'de', 'object')).to.equal('Bitte füllen Sie den Abschnitt „Anschrift“ aus.');
    expect(say('Address', 'en', 'object')).to.equal('Fill in the section “Address”.');
    expect(say('Hunde', 'de', 'array')).to.equal('Bitte fügen Sie bei „Hunde“ mindestens einen Eintrag hinzu.');
    expect(say('Dogs', 'en', 'array')).to.equal('Add at least one entry to “Dogs”.');
    expect(say('Ich habe die Hinweise gelesen.', 'de', 'boolean')).to.equal(
      'Bitte bestätigen Sie: Ich habe die Hinweise gelesen.',
    );
    expect(say('I have read the notes', 'en', 'boolean')).to.equal('Please confirm: I have read the notes.');
    expect(say('Sprachen', 'de', 'multi')).to.equal('Bitte wählen Sie mindestens eine Angabe bei „Sprachen“ aus.');
    expect(say('Languages', 'en', 'multi')).to.equal('Select at least one option for “Languages”.');
    // A minimum of one character or one file is the same as required.
    expect(describeError(err('minLength', { limit: 1 }), ctx('Straße', 'de'))).to.equal(
      'Bitte füllen Sie das Feld „Straße“ aus.',
    );
    expect(describeError(err('minItems', { limit: 1 }), ctx('Nachweis', 'de', 'file'))).to.equal(
      'Bitte laden Sie bei „Nachweis“ eine Datei hoch.',
    );
    expect(describeError(err('minItems', { limit: 2 }), ctx('Evidence', 'en', 'file'))).to.equal(
      'Upload at least 2 files for “Evidence”.',
    );
  });

  it("an empty list (reported as required) says the form's own minItems sentence; an own required one wins", () => {
    const required = err('required', { missingProperty: 'nutzung' });
    const own = { minItems: 'Bitte wählen Sie mindestens eine Nutzung.' };
    expect(describeError(required, ctx('Nutzung', 'de', 'multi', own))).to.equal(own.minItems);
    expect(
      describeError(required, ctx('Hunde', 'de', 'array', { minItems: 'Bitte geben Sie mindestens einen Hund an.' })),
    ).to.equal('Bitte geben Sie mindestens einen Hund an.');
    expect(describeError(required, ctx('Nutzung', 'de', 'multi', { ...own, required: 'Wofür?' }))).to.equal('Wofür?');
    // not for a question with one answer
    expect(describeError(required, ctx('Name', 'de', 'text', own))).to.equal('Bitte füllen Sie das Feld „Name“ aus.');
  });

  it('at least one of these: the labels in quotation marks', () => {
    const unmet = err('atLeastOne', { labels: ['Telefon', 'Fax', 'E-Mail-Adresse'] });
    expect(describeError(unmet, ctx('Telefon', 'de'))).to.equal(
      'Bitte füllen Sie mindestens eines der Felder „Telefon“, „Fax“ oder „E-Mail-Adresse“ aus.',
    );
    expect(describeError(err('atLeastOne', { labels: ['Phone', 'Email'] }), ctx('Phone', 'en'))).to.equal(
      'Fill in at least one of “Phone” or “Email”.',
    );
  });

  it('string length and pattern', () => {
    expect(describeError(err('maxLength', { limit: 50 }), ctx('Vorname', 'de'))).to.equal(
      'Die Angabe bei „Vorname“ darf höchstens 50 Zeichen lang sein.',
    );
    expect(describeError(err('maxLength', { limit: 50 }), ctx('First name', 'en'))).to.equal(
      'The answer to “First name” must be 50 characters or fewer.',
    );
    expect(describeError(err('minLength', { limit: 3 }), ctx('Straße', 'de'))).to.equal(
      'Bitte geben Sie bei „Straße“ mindestens 3 Zeichen ein.',
    );
    expect(describeError(err('minLength', { limit: 3 }), ctx('Street', 'en'))).to.equal(
      'The answer to “Street” must be at least 3 characters long.',
    );
    expect(describeError(err('pattern', { pattern: '^[A-Z]' }), ctx('Kennzeichen', 'de'))).to.equal(
      'Bitte geben Sie die Angabe bei „Kennzeichen“ in der verlangten Schreibweise ein.',
    );
    expect(describeError(err('pattern', { pattern: '^[A-Z]' }), ctx('Number plate', 'en'))).to.equal(
      'Enter the answer to “Number plate” in the correct format.',
    );
  });

  it('the other sentences quote the label too: a phrase or a request as label still makes a sentence', () => {
    const label = { de: 'Beschreiben Sie Ihr Vorhaben kurz', en: 'Briefly describe your plans' };
    expect(describeError(err('minLength', { limit: 10 }), ctx(label.de, 'de', 'textarea'))).to.equal(
      'Bitte geben Sie bei „Beschreiben Sie Ihr Vorhaben kurz“ mindestens 10 Zeichen ein.',
    );
    expect(describeError(err('minLength', { limit: 10 }), ctx(label.en, 'en', 'textarea'))).to.equal(
      'The answer to “Briefly describe your plans” must be at least 10 characters long.',
    );
    expect(describeError(err('maxLength', { limit: 1000 }), ctx(label.de, 'de', 'textarea'))).to.equal(
      'Die Angabe bei „Beschreiben Sie Ihr Vorhaben kurz“ darf höchstens 1000 Zeichen lang sein.',
    );
    expect(describeError(err('pattern', { pattern: 'x' }), ctx('Ich stelle den Antrag als', 'de'))).to.equal(
      'Bitte geben Sie die Angabe bei „Ich stelle den Antrag als“ in der verlangten Schreibweise ein.',
    );
  });

  it('format: the sentence of the format, a generic one for unknown formats', () => {
    expect(describeError(err('format', { format: 'de-postal-code' }), ctx('PLZ', 'de'))).to.equal(
      'Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein.',
    );
    expect(describeError(err('format', { format: 'de-postal-code' }), ctx('Postcode', 'en'))).to.equal(
      'Enter a postcode with 5 digits.',
    );
    expect(describeError(err('format', { format: 'iban' }), ctx('IBAN', 'en'))).to.contain(
      'Enter a valid IBAN in capital letters',
    );
    expect(describeError(err('format', { format: 'email' }), ctx('E-Mail', 'de'))).to.contain('E-Mail-Adresse');
    expect(describeError(err('format', { format: 'hostname' }), ctx('Server', 'de'))).to.equal(
      'Bitte geben Sie die Angabe bei „Server“ in der verlangten Schreibweise ein.',
    );
    expect(describeError(err('format', { format: 'hostname' }), ctx('Server', 'en')))
      .to.contain('Server')
      .and.contain('format');
  });

  it('numbers: limits with a German decimal comma, multipleOf, type', () => {
    expect(describeError(err('minimum', { limit: 1.5 }), ctx('Gewicht', 'de', 'number'))).to.equal(
      'Die Angabe bei „Gewicht“ muss mindestens 1,5 sein.',
    );
    expect(describeError(err('minimum', { limit: 1.5 }), ctx('Weight', 'en', 'number'))).to.equal(
      'The answer to “Weight” must be 1.5 or more.',
    );
    expect(describeError(err('maximum', { limit: 2024 }), ctx('Baujahr', 'de', 'integer'))).to.equal(
      'Die Angabe bei „Baujahr“ darf höchstens 2024 sein.',
    );
    expect(describeError(err('maximum', { limit: 2024 }), ctx('Year', 'en', 'integer'))).to.equal(
      'The answer to “Year” must be 2024 or less.',
    );
    expect(describeError(err('exclusiveMinimum', { limit: 0 }), ctx('Anzahl', 'de', 'integer'))).to.equal(
      'Die Angabe bei „Anzahl“ muss größer als 0 sein.',
    );
    expect(describeError(err('exclusiveMinimum', { limit: 0 }), ctx('Count', 'en', 'integer'))).to.equal(
      'The answer to “Count” must be more than 0.',
    );
    expect(describeError(err('exclusiveMaximum', { limit: 100 }), ctx('Anteil', 'de', 'number'))).to.equal(
      'Die Angabe bei „Anteil“ muss kleiner als 100 sein.',
    );
    expect(describeError(err('exclusiveMaximum', { limit: 100 }), ctx('Share', 'en', 'number'))).to.equal(
      'The answer to “Share” must be less than 100.',
    );
    expect(describeError(err('multipleOf', { multipleOf: 0.01 }), ctx('Betrag', 'de', 'number'))).to.equal(
      'Bitte geben Sie bei „Betrag“ höchstens 2 Nachkommastellen ein.',
    );
    expect(describeError(err('multipleOf', { multipleOf: 0.01 }), ctx('Amount', 'en', 'number'))).to.equal(
      'The answer to “Amount” can have at most 2 decimal places.',
    );
    expect(describeError(err('multipleOf', { multipleOf: 5 }), ctx('Menge', 'de', 'integer'))).to.equal(
      'Die Angabe bei „Menge“ muss ein Vielfaches von 5 sein.',
    );
    expect(describeError(err('multipleOf', { multipleOf: 5 }), ctx('Quantity', 'en', 'integer'))).to.equal(
      'The answer to “Quantity” must be a multiple of 5.',
    );
    expect(describeError(err('type', { type: 'integer' }), ctx('Anzahl', 'de', 'integer'))).to.equal(
      'Bitte geben Sie bei „Anzahl“ eine ganze Zahl ein.',
    );
    expect(describeError(err('type', { type: 'integer' }), ctx('Count', 'en', 'integer'))).to.equal(
      'Enter a whole number for “Count”.',
    );
    expect(describeError(err('type', { type: 'number' }), ctx('Gewicht', 'de', 'number'))).to.equal(
      'Bitte geben Sie bei „Gewicht“ eine Zahl ein.',
    );
    expect(describeError(err('type', { type: 'number' }), ctx('Weight', 'en', 'number'))).to.equal(
      'Enter a number for “Weight”.',
    );
  });

  it('enum and const; const true on a checkbox is a confirmation', () => {
    expect(describeError(err('enum', { allowedValues: ['a'] }), ctx('Anrede', 'de', 'choice'))).to.contain(
      'Bitte wählen Sie bei „Anrede“',
    );
    expect(describeError(err('enum', { allowedValues: ['a'] }), ctx('Title', 'en', 'choice')))
      .to.contain('Title')
      .and.contain('Select');
    expect(describeError(err('const', { allowedValue: true }), ctx('Ich stimme zu', 'de', 'boolean'))).to.equal(
      'Bitte bestätigen Sie: Ich stimme zu.',
    );
    expect(describeError(err('const', { allowedValue: true }), ctx('I agree', 'en', 'boolean'))).to.equal(
      'Please confirm: I agree.',
    );
    expect(describeError(err('const', { allowedValue: 'ja' }), ctx('Antwort', 'de'))).to.equal(
      'Bei „Antwort“ ist nur „ja“ zulässig.',
    );
    expect(describeError(err('const', { allowedValue: 'yes' }), ctx('Answer', 'en'))).to.equal(
      'The answer to “Answer” only allows “yes”.',
    );
  });

  it('minItems / maxItems / uniqueItems: checkbox groups and repeatable groups differ', () => {
    expect(describeError(err('minItems', { limit: 1 }), ctx('Sprachen', 'de', 'multi'))).to.equal(
      'Bitte wählen Sie mindestens eine Angabe bei „Sprachen“ aus.',
    );
    expect(describeError(err('minItems', { limit: 2 }), ctx('Languages', 'en', 'multi'))).to.equal(
      'Select at least 2 options for “Languages”.',
    );
    expect(describeError(err('minItems', { limit: 1 }), ctx('Hunde', 'de', 'array'))).to.equal(
      'Bitte fügen Sie bei „Hunde“ mindestens einen Eintrag hinzu.',
    );
    expect(describeError(err('minItems', { limit: 2 }), ctx('Dogs', 'en', 'array'))).to.equal(
      'Add at least 2 entries to “Dogs”.',
    );
    expect(describeError(err('maxItems', { limit: 5 }), ctx('Hunde', 'de', 'array'))).to.equal(
      'Die Angabe bei „Hunde“ darf höchstens 5 Einträge haben.',
    );
    expect(describeError(err('maxItems', { limit: 5 }), ctx('Dogs', 'en', 'array'))).to.equal(
      'The answer to “Dogs” can have at most 5 entries.',
    );
    expect(describeError(err('maxItems', { limit: 2 }), ctx('Sprachen', 'de', 'multi'))).to.equal(
      'Bitte wählen Sie bei „Sprachen“ höchstens 2 Angaben aus.',
    );
    expect(describeError(err('maxItems', { limit: 2 }), ctx('Languages', 'en', 'multi'))).to.equal(
      'Select no more than 2 options for “Languages”.',
    );
    expect(describeError(err('uniqueItems', { i: 2, j: 0 }), ctx('Hunde', 'de', 'array'))).to.contain('Nummer 1 und 3');
    expect(describeError(err('uniqueItems', { i: 2, j: 0 }), ctx('Dogs', 'en', 'array'))).to.contain('number 1 and 3');
    expect(describeError(err('uniqueItems', { i: 1, j: 0 }), ctx('Sprachen', 'de', 'multi'))).to.contain('nur einmal');
  });

  it('x-ozg.errors override every built-in sentence', () => {
    const custom = { pattern: 'Bitte nur Buchstaben.', required: 'Ohne Namen geht es nicht.' };
    expect(describeError(err('pattern', { pattern: '^[a-z]+$' }), ctx('Name', 'de', 'text', custom))).to.equal(
      'Bitte nur Buchstaben.',
    );
    expect(describeError(err('required', { missingProperty: 'x' }), ctx('Name', 'de', 'text', custom))).to.equal(
      'Ohne Namen geht es nicht.',
    );
    expect(describeError(err('maxLength', { limit: 3 }), ctx('Name', 'de', 'text', custom))).to.equal(
      'Die Angabe bei „Name“ darf höchstens 3 Zeichen lang sein.',
    );
    const choose = { required: 'Choose how you apply.' };
    expect(describeError(err('required', { missingProperty: 'x' }), ctx('Art', 'en', 'choice', choose))).to.equal(
      'Choose how you apply.',
    );
  });

  it('other keywords fall back to the Ajv message, German through ajv-i18n, after the quoted label', () => {
    const definition = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
    const validate = createAjv(definition).compile(definition);
    validate({ a: 'x', b: 1 });
    const error = validate.errors![0]!;
    expect(error.keyword).to.equal('additionalProperties');
    expect(describeError(error, ctx('Antrag', 'de', 'object'))).to.equal(
      'Die Angabe bei „Antrag“ darf keine zusätzlichen Attribute haben.',
    );
    expect(describeError(error, ctx('Application', 'en', 'object'))).to.equal(
      'The answer to “Application” must NOT have additional properties.',
    );
    expect(error.message, 'the original error is left alone').to.equal('must NOT have additional properties');
  });
});
