/** Imported FIM schemas (XDatenfelder 2.0 and 3.0) are filled end to end in <ozg-form>: the data carries the FIM ids. */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { importFim } from '../../src/schemas/fim/import.js';
import { $, $$, control, next, renderForm, settle, typeInto } from '../support/form.js';

const DIR = '/test/fixtures/fim/';
const load = async (name: string): Promise<string> => (await fetch(DIR + name)).text();

/** Types a date into a date control in the browser's segment order. */
async function typeDate(el: OzgForm, input: HTMLElement, [year, month, day]: [string, string, string]): Promise<void> {
  const parts = new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2025, 11, 24));
  const digits: Record<string, string> = { day, month, year };
  await typeInto(
    el,
    input,
    parts
      .filter((p) => p.type in digits)
      .map((p) => digits[p.type])
      .join(''),
  );
}

const stepTitle = (el: OzgForm) => $(el, '.step-title').textContent!.trim();
const errorLinks = (el: OzgForm) => $$(el, '.error-summary a').map((a) => a.textContent!.trim());

async function confirmAndSubmit(el: OzgForm): Promise<Record<string, unknown>> {
  const submitted = oneEvent(el, 'ozg-submit');
  $(el, 'button.primary').click();
  const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
  await settle(el);
  expect($(el, '.confirmation').textContent).to.contain('bestätigt');
  return detail.data as Record<string, unknown>;
}

describe('imported FIM form: address (XDatenfelder 2.0)', () => {
  it('asks the address with the FIM texts, checks the house number pattern, and submits the data under the FIM ids', async () => {
    const el = await renderForm(importFim(await load('adresse-v2.xml')).definition);
    await expect(el).to.be.accessible();
    expect(stepTitle(el)).to.equal('Anschrift');
    expect($(el, 'fieldset.group').textContent).to.contain('Ihre Wohnanschrift in Deutschland.');

    await typeInto(el, control(el, 'Straße'), 'Hauptstraße');
    await typeInto(el, control(el, 'Hausnummer'), '12-a');
    await typeInto(el, control(el, 'Postleitzahl'), '12345');
    await typeInto(el, control(el, 'Ort'), 'Musterstadt');
    await next(el);
    expect(stepTitle(el)).to.equal('Anschrift');
    expect(errorLinks(el)).to.have.length(1);
    expect(errorLinks(el)[0]).to.contain('Hausnummer');

    const hausnummer = control(el, 'Hausnummer');
    hausnummer.select();
    await typeInto(el, hausnummer, '12a');
    await next(el);
    expect(stepTitle(el)).to.equal('Kontakt');
    await expect(el).to.be.accessible();
    // The label field is the group's description; the hidden field is not asked; the locked one is read-only.
    expect($(el, 'fieldset.group').textContent).to.contain(
      'Wir nutzen Ihre Kontaktdaten nur für Rückfragen zu diesem Antrag.',
    );
    expect(() => control(el, 'Interne Kennung')).to.throw();
    const behoerde = control(el, 'Zuständige Meldebehörde');
    expect(behoerde.value).to.equal('Bürgeramt Musterstadt');
    expect(behoerde.readOnly || behoerde.disabled).to.equal(true);

    // dependentRequired: an e-mail address makes the consent required.
    expect(control(el, 'E-Mail-Adresse').tagName).to.equal('INPUT');
    await typeInto(el, control(el, 'E-Mail-Adresse'), 'erika@example.org');
    await next(el);
    expect(stepTitle(el)).to.equal('Kontakt');
    expect(errorLinks(el).join(' ')).to.contain('Ich bin mit einer Antwort per E-Mail einverstanden.');
    control(el, 'Ich bin mit einer Antwort per E-Mail einverstanden.').click();
    await settle(el);
    await next(el);

    expect(stepTitle(el)).to.equal('Ihre Angaben prüfen');
    expect($(el, '.review').textContent).to.contain('Hauptstraße');
    await expect(el).to.be.accessible();
    const data = await confirmAndSubmit(el);
    expect(data).to.deep.equal({
      G60000086: { F60000243: 'Hauptstraße', F60000244: '12a', F60000246: '12345', F60000247: 'Musterstadt' },
      G60000090: { F60000250: 'erika@example.org', F60000251: true, F60000252: 'Bürgeramt Musterstadt' },
    });
  });
});

describe('imported FIM form: dog tax (XDatenfelder 3.0)', () => {
  it('offers the code list as choices, repeats the dog group, applies the rule as a condition, and submits under the FIM ids', async () => {
    const codelists = [{ name: 'anrede.xml', text: await load('codelisten/anrede.xml') }];
    const el = await renderForm(importFim(await load('hund-v3.xml'), codelists).definition);
    await expect(el).to.be.accessible();
    expect(stepTitle(el)).to.equal('Halterin oder Halter');
    expect($(el, '.progress-text').textContent).to.equal('Schritt 1 von 4');

    control(el, 'Herr').click();
    await settle(el);
    await typeInto(el, control(el, 'Vorname'), 'Max');
    await typeInto(el, control(el, 'Familienname'), 'Mustermann');
    // Not in --codelists: a text question.
    await typeInto(el, control(el, 'Staatsangehörigkeit'), 'deutsch');
    // Rule R00000000301 (requireOne -> anyOf): telephone or e-mail, named in the rule's own words.
    await next(el);
    expect(stepTitle(el)).to.equal('Halterin oder Halter');
    expect(errorLinks(el)[0]).to.equal('Telefonnummer oder E-Mail-Adresse muss angegeben werden.');
    await typeInto(el, control(el, 'Telefonnummer'), '030 1234567');
    await next(el);

    expect(stepTitle(el)).to.equal('Hund');
    $(el, 'button.add').click();
    await settle(el);
    await expect(el).to.be.accessible();
    await typeInto(el, control(el, 'Name des Hundes'), 'Bello');
    await typeDate(el, control(el, 'Geburtsdatum'), ['2020', '03', '15']);
    await typeInto(el, control(el, 'Gewicht in kg'), '12,5');
    control(el, 'Es ist ein Listenhund (gefährlicher Hund).').click();
    await settle(el);
    // Rule R00000000302 (if/then): a listed dog needs the date of the Sachkundeprüfung.
    await next(el);
    expect(stepTitle(el)).to.equal('Hund');
    // Only the question the rule makes required, no "must match the then schema" on the group.
    expect(errorLinks(el)).to.deep.equal(['Hund 1: Bitte geben Sie bei „Datum der Sachkundeprüfung“ ein Datum ein.']);
    await typeDate(el, control(el, 'Datum der Sachkundeprüfung'), ['2021', '06', '01']);
    await next(el);

    expect(stepTitle(el)).to.equal('Anmeldung zur Hundesteuer');
    // The file question (datentyp file, 0:3) loads its building block on demand.
    await waitUntil(() => el.shadowRoot!.querySelector('input[type=file]'), 'the file question appears', {
      timeout: 15_000,
    });
    expect(control(el, 'Nachweis der Hundehaftpflichtversicherung').type).to.equal('file');
    await expect(el).to.be.accessible();
    await next(el);
    expect(stepTitle(el)).to.equal('Ihre Angaben prüfen');
    expect($(el, '.review').textContent).to.contain('Herr');
    expect($(el, '.review').textContent).to.contain('Bello');
    await expect(el).to.be.accessible();

    const data = await confirmAndSubmit(el);
    expect(data).to.deep.equal({
      G00000000101: {
        F00000000201: '02',
        F00000000202: 'Max',
        F00000000203: 'Mustermann',
        F00000000204: 'deutsch',
        F00000000205: '030 1234567',
      },
      G00000000102: [
        {
          F00000000211: 'Bello',
          F00000000212: '2020-03-15',
          F00000000213: 12.5,
          F00000000214: true,
          F00000000215: '2021-06-01',
        },
      ],
    });
  });
});
