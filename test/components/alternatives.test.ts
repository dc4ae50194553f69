/** Alternatives (`oneOf`/`anyOf` of objects): the person chooses one, its questions appear, and only
 * its answers are validated, reviewed, submitted; the choice survives a draft. Scalar alternatives
 * (e-mail or web address) are one field validated as JSON Schema says. */
import { expect, oneEvent } from '@open-wc/testing';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { $, $$, control, hasControl, next, renderForm, settle, typeInto } from '../support/form.js';

const load = async (name: string) => (await fetch(`/test/fixtures/forms/${name}.json`)).json();

async function choose(el: OzgForm, label: string) {
  control(el, label).click();
  await settle(el);
}
const has = hasControl;
const summary = (el: OzgForm) => $$(el, '.error-summary a').map((a) => a.textContent);

describe('alternatives of objects', () => {
  it('asks the chosen alternative only, validates and submits only its answers', async () => {
    const el = await renderForm(await load('alternativen'));
    await expect(el).to.be.accessible();
    // Nothing of either alternative before a choice; the choice carries the group's title.
    expect(has(el, 'Privatperson') && has(el, 'Unternehmen')).to.equal(true);
    expect(has(el, 'Vor- und Familienname') || has(el, 'Name des Unternehmens')).to.equal(false);
    expect($$(el, 'legend').map((l) => l.textContent!.trim())).to.include('Wer stellt den Antrag?');
    expect(has(el, 'Anschrift in Deutschland') && has(el, 'Anschrift im Ausland')).to.equal(true);

    await next(el);
    expect(summary(el)).to.deep.equal([
      'Bitte wählen Sie eine Antwort auf die Frage „Wer stellt den Antrag?“ aus.',
      'Bitte wählen Sie eine Antwort auf die Frage „Wo liegt die Anschrift?“ aus.',
    ]);

    await choose(el, 'Unternehmen');
    await typeInto(el, control(el, 'Name des Unternehmens'), 'Gerüstbau Muster GmbH', { replace: true });
    await choose(el, 'Privatperson');
    expect(has(el, 'Name des Unternehmens')).to.equal(false);
    await choose(el, 'Anschrift in Deutschland');
    await typeInto(el, control(el, 'Postleitzahl'), '123', { replace: true });
    await typeInto(el, control(el, 'E-Mail-Adresse oder Internetseite'), 'keine Adresse', { replace: true });
    await next(el);
    // The chosen alternative's rules, each at its question; the other alternative's answer is not checked.
    expect(summary(el)).to.deep.equal([
      'Bitte füllen Sie das Feld „Vor- und Familienname“ aus.',
      'Bitte füllen Sie das Feld „Straße und Hausnummer“ aus.',
      'Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein.',
      'Bitte füllen Sie das Feld „Ort“ aus.',
      'Die Angabe bei „E-Mail-Adresse oder Internetseite“ passt zu keiner der erlaubten Möglichkeiten. Bitte prüfen Sie sie.',
    ]);
    await expect(el).to.be.accessible();

    await typeInto(el, control(el, 'Vor- und Familienname'), 'Erika Mustermann', { replace: true });
    await typeInto(el, control(el, 'Straße und Hausnummer'), 'Rathausplatz 1', { replace: true });
    await typeInto(el, control(el, 'Postleitzahl'), '12345', { replace: true });
    await typeInto(el, control(el, 'Ort'), 'Musterstadt', { replace: true });
    await typeInto(el, control(el, 'E-Mail-Adresse oder Internetseite'), 'https://www.muster.de', { replace: true });
    await next(el);
    const review = $(el, '.review').textContent!.replace(/\s+/g, ' ');
    expect(review).to.contain('Privatperson');
    expect(review).to.contain('Erika Mustermann');
    expect(review).to.contain('Anschrift in Deutschland');
    expect(review).not.to.contain('Gerüstbau');
    expect(review).not.to.contain('Unternehmen');
    await expect(el).to.be.accessible();

    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({
      antragsteller: { name: 'Erika Mustermann' },
      anschrift: { lage: 'inland', strasse: 'Rathausplatz 1', plz: '12345', ort: 'Musterstadt' },
      kontakt: 'https://www.muster.de',
    });
  });

  it('keeps the choice in a draft, and speaks English', async () => {
    const definition = { ...(await load('alternativen')), $id: `urn:test:alternatives-draft:${Date.now()}` };
    const first = await renderForm(definition, { isolate: false });
    await choose(first, 'Unternehmen');
    await typeInto(first, control(first, 'Name des Unternehmens'), 'Gerüstbau Muster GmbH', { replace: true });
    first.parentElement!.remove(); // leaving the page writes the draft at once

    const second = await renderForm(definition, { isolate: false, lang: 'en' });
    expect((control(second, 'Company') as HTMLInputElement).checked).to.equal(true);
    expect((control(second, 'Company name') as HTMLInputElement).value).to.equal('Gerüstbau Muster GmbH');
    expect(second.data.antragsteller).to.deep.equal({ firma: 'Gerüstbau Muster GmbH' });
  });

  it('given answers choose their alternative, also when the answer is the option null ("keine Angabe")', async () => {
    const definition = {
      title: 'Rückfragen',
      type: 'object',
      oneOf: [
        {
          title: 'Per Telefon',
          type: 'object',
          required: ['telefon'],
          properties: { telefon: { type: 'string', title: 'Telefonnummer' } },
        },
        {
          title: 'Keine Rückfragen',
          type: 'object',
          required: ['grund'],
          properties: {
            grund: {
              title: 'Warum nicht?',
              oneOf: [
                { const: 'zeit', title: 'Keine Zeit' },
                { const: null, title: 'keine Angabe' },
              ],
            },
          },
        },
      ],
    };
    const el = await renderForm(definition, { data: { grund: null } });
    expect((control(el, 'Keine Rückfragen') as HTMLInputElement).checked).to.equal(true);
    expect((control(el, 'keine Angabe') as HTMLInputElement).checked).to.equal(true);
    expect(has(el, 'Telefonnummer')).to.equal(false);
    await next(el);
    expect(summary(el)).to.deep.equal([]);
    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({ grund: null });
  });

  it('at the top of a definition: a choice, then the questions of the chosen alternative', async () => {
    const el = await renderForm(await load('alternativen-oben'));
    await expect(el).to.be.accessible();
    expect(has(el, 'Name des Hundes')).to.equal(false);
    await next(el);
    expect(summary(el)).to.deep.equal(['Bitte wählen Sie bei „Art des Antrags“ eine Antwort aus.']);
    await choose(el, 'Abmeldung eines Hundes');
    await typeInto(el, control(el, 'Nummer der Steuermarke'), '4711', { replace: true });
    await next(el);
    expect($(el, '.review').textContent).to.contain('Abmeldung eines Hundes');
    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({ steuermarke: '4711' });
  });
});
