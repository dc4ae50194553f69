/** Lists of simple values ("Weitere Vornamen", phone numbers): one labelled field per entry, added and
 * removed like the entries of a repeatable group, validated, reviewed, submitted and kept in drafts. */
import { expect, oneEvent } from '@open-wc/testing';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { $, $$, control, next, renderForm, settle, typeInto, until } from '../support/form.js';

const FIXTURE = '/test/fixtures/forms/weitere-vornamen.json';
const load = async () => (await fetch(FIXTURE)).json();

const labels = (el: OzgForm) => $$(el, '.list-item label').map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
const addButton = (el: OzgForm, text: string) =>
  $$(el, 'button.add').find((b) => b.textContent!.trim() === text) as HTMLButtonElement | undefined;

describe('lists of simple values', () => {
  it('adds, names, validates and removes entries, and submits the values', async () => {
    const el = await renderForm(await load());
    await expect(el).to.be.accessible();
    // minItems 1: one phone number from the start, which cannot be removed.
    expect(labels(el)).to.deep.equal(['Telefonnummer 1']);
    expect(el.shadowRoot!.querySelector('.list-item button.remove') === null).to.equal(true);

    addButton(el, 'Weiteren Vornamen hinzufügen')!.click();
    await until(() => el.shadowRoot!.activeElement === control(el, 'Weiterer Vorname 1'), 'focus in the new entry');
    await until(() => $(el, '[role=status]').textContent!.includes('Weiterer Vorname 1 hinzugefügt'), 'announced');
    expect(labels(el)).to.deep.equal(['Weiterer Vorname 1', 'Telefonnummer 1']);

    // An empty entry is missing; a wrong phone number says what is wanted.
    await typeInto(el, control(el, 'Familienname'), 'Mustermann', { replace: true });
    await typeInto(el, control(el, 'Telefonnummer 1'), 'abc', { replace: true });
    await next(el);
    const summary = $$(el, '.error-summary a').map((a) => a.textContent);
    expect(summary).to.have.length(2);
    expect(summary[0]).to.equal('Bitte füllen Sie das Feld „Weiterer Vorname 1“ aus.');
    expect(summary[1]).to.match(/Telefonnummer/);
    await expect(el).to.be.accessible();

    // The same name twice: uniqueItems, said at the list.
    await typeInto(el, control(el, 'Weiterer Vorname 1'), 'Maria', { replace: true });
    addButton(el, 'Weiteren Vornamen hinzufügen')!.click();
    await settle(el);
    await typeInto(el, control(el, 'Weiterer Vorname 2'), 'Maria', { replace: true });
    await typeInto(el, control(el, 'Telefonnummer 1'), '030 1234567', { replace: true });
    await next(el);
    expect($$(el, '.error-summary a').map((a) => a.textContent)).to.deep.equal([
      'Die Angabe bei „Weitere Vornamen“ enthält gleiche Einträge (Nummer 1 und 2). Bitte ändern oder entfernen Sie einen davon.',
    ]);

    // maxItems 3: the add button gives way to a note.
    await typeInto(el, control(el, 'Weiterer Vorname 2'), 'Luise', { replace: true });
    addButton(el, 'Weiteren Vornamen hinzufügen')!.click();
    await settle(el);
    await typeInto(el, control(el, 'Weiterer Vorname 3'), 'Anna', { replace: true });
    expect(addButton(el, 'Weiteren Vornamen hinzufügen') === undefined).to.equal(true);
    expect($(el, '.repeat .note').textContent).to.contain('höchstens 3');

    // Removing the first: focus stays in the list, the others move up.
    const remove = $$(el, '.list-item button.remove').find((b) => b.textContent!.includes('Weiterer Vorname 1'))!;
    remove.click();
    await until(() => $(el, '[role=status]').textContent!.includes('Weiterer Vorname 1 entfernt'), 'announced');
    await until(() => el.shadowRoot!.activeElement === control(el, 'Weiterer Vorname 1'), 'focus on the neighbour');
    expect((control(el, 'Weiterer Vorname 1') as HTMLInputElement).value).to.equal('Luise');
    expect(el.data.weitereVornamen).to.deep.equal(['Luise', 'Anna']);

    await next(el);
    const review = $(el, '.review').textContent!.replace(/\s+/g, ' ');
    expect(review).to.contain('Weiterer Vorname 1 Luise');
    expect(review).to.contain('Weiterer Vorname 2 Anna');
    expect(review).to.contain('Telefonnummer 1 030 1234567');
    await expect(el).to.be.accessible();

    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({
      familienname: 'Mustermann',
      weitereVornamen: ['Luise', 'Anna'],
      telefonnummern: ['030 1234567'],
    });
  });

  it('speaks English, and keeps the entries in a draft', async () => {
    const definition = { ...(await load()), $id: `urn:test:lists-draft:${Date.now()}` };
    const first = await renderForm(definition, { isolate: false, lang: 'en' });
    addButton(first, 'Add another first name')!.click();
    await settle(first);
    await typeInto(first, control(first, 'Further first name 1'), 'Maria', { replace: true });
    await next(first);
    expect($$(first, '.error-summary a').map((a) => a.textContent)).to.deep.equal([
      'Enter an answer for “Surname”.',
      'Enter an answer for “Phone number 1”.',
    ]);
    first.parentElement!.remove(); // leaving the page writes the draft at once

    const second = await renderForm(definition, { isolate: false, lang: 'en' });
    expect((control(second, 'Further first name 1') as HTMLInputElement).value).to.equal('Maria');
    expect(second.data.weitereVornamen).to.deep.equal(['Maria']);
  });
});
