/** The receipt (and its PDF) lists the answers as the person gave them: every entry of a list of
 * simple values, and never a note (type null). */
import { expect } from '@open-wc/testing';
import { receiptRows } from '../../src/components/submission/receipt.js';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';

const load = async (name: string) => (await fetch(`/test/fixtures/forms/${name}.json`)).json();

describe('receipt rows', () => {
  it('name each entry of a list of simple values', async () => {
    const model = buildModel(await load('weitere-vornamen'), 'urn:test');
    const store = new FormStore(model, {
      familienname: 'Mustermann',
      weitereVornamen: ['Maria', 'Luise'],
      telefonnummern: ['030 1234567'],
    });
    const rows = receiptRows(store, model.steps, 'de', () => 'Ihre Angaben');
    expect(rows.map((r) => [r.label, r.value])).to.deep.equal([
      ['Familienname', 'Mustermann'],
      ['Weiterer Vorname 1', 'Maria'],
      ['Weiterer Vorname 2', 'Luise'],
      ['Telefonnummer 1', '030 1234567'],
    ]);
  });

  it('say "Nein" for a checkbox left alone, and "Nicht beantwortet" only for a question without an answer', () => {
    const model = buildModel(
      {
        $id: 'urn:test:checkbox',
        type: 'object',
        required: ['gefaehrlich'],
        properties: {
          listenhund: { type: 'boolean', title: 'Es ist ein Listenhund.' },
          gefaehrlich: { type: 'boolean', title: 'Ist der Hund als gefährlich eingestuft?' },
          name: { type: 'string', title: 'Name des Hundes' },
        },
      },
      'urn:test',
    );
    const rows = (data: Record<string, unknown>) =>
      receiptRows(new FormStore(model, data), model.steps, 'de', () => 'Ihre Angaben').map((r) => [r.label, r.value]);
    // An optional boolean is one checkbox: unticked it is no answer in the data, and "Nein" to the person.
    expect(rows({ gefaehrlich: false })).to.deep.equal([
      ['Es ist ein Listenhund.', 'Nein'],
      ['Ist der Hund als gefährlich eingestuft?', 'Nein'],
      ['Name des Hundes', 'Nicht beantwortet'],
    ]);
    // A required one is asked with "Ja" and "Nein": before either is chosen it is not answered.
    expect(rows({ listenhund: true, name: 'Bello' })).to.deep.equal([
      ['Es ist ein Listenhund.', 'Ja'],
      ['Ist der Hund als gefährlich eingestuft?', 'Nicht beantwortet'],
      ['Name des Hundes', 'Bello'],
    ]);
  });

  it('leave out notes', async () => {
    const model = buildModel(await load('hinweistext'), 'urn:test');
    const store = new FormStore(model, { aktenzeichen: 'AZ 1', einverstanden: true });
    store.lang = 'en';
    const rows = receiptRows(store, model.steps, 'en', () => 'Details');
    expect(rows.map((r) => r.label)).to.deep.equal(['File reference', 'I have read the note on fees.']);
  });

  it('show the chosen alternative only', async () => {
    const model = buildModel(await load('alternativen'), 'urn:test');
    // A draft's answers: the other alternative's answer is still kept, but not shown.
    const store = new FormStore(model, {
      antragsteller: { '@alternative': 0, name: 'Erika Mustermann', firma: 'Gerüstbau Muster GmbH' },
      anschrift: { lage: 'ausland', anschriftAusland: '1 Main Street, Dublin' },
    });
    const rows = receiptRows(store, model.steps, 'de', () => 'Ihre Angaben');
    expect(rows.map((r) => [r.label, r.value])).to.deep.equal([
      ['Wer stellt den Antrag?', 'Privatperson'],
      ['Wer stellt den Antrag? – Vor- und Familienname', 'Erika Mustermann'],
      ['Anschrift – Wo liegt die Anschrift?', 'Anschrift im Ausland'],
      ['Anschrift – Vollständige Anschrift im Ausland', '1 Main Street, Dublin'],
      ['E-Mail-Adresse oder Internetseite', 'Nicht beantwortet'],
    ]);
    expect(store.visibleData()).to.deep.equal({
      antragsteller: { name: 'Erika Mustermann' },
      anschrift: { lage: 'ausland', anschriftAusland: '1 Main Street, Dublin' },
    });
  });
});
