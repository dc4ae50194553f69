/** "At least one of these" (anyOf of required): checked on the step that holds the questions, with
 * one sentence, and the questions marked as such instead of "(optional)". */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { $, $$, control, next, renderForm, settle, until } from '../support/form.js';

const load = async () => (await fetch('/test/fixtures/forms/mindestens-eine-angabe.json')).json();
const summary = (el: OzgForm) => $$(el, '.error-summary a').map((a) => a.textContent);
const labelText = (el: OzgForm, id: string) => $(el, `label[for="${id}"]`).textContent!.replace(/\s+/g, ' ').trim();

async function typeInto(el: OzgForm, input: HTMLElement, text: string) {
  input.focus();
  await sendKeys({ type: text });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.blur();
  await settle(el);
}

describe('at least one of these', () => {
  it('is checked on its step with one sentence, and the questions say so', async () => {
    const el = await renderForm(await load());
    await expect(el).to.be.accessible();
    const tel = control(el, 'Telefonnummer');
    expect(labelText(el, tel.id)).to.equal('Telefonnummer (mindestens eine Angabe)');
    expect(labelText(el, control(el, 'E-Mail-Adresse').id)).to.equal('E-Mail-Adresse (mindestens eine Angabe)');

    await typeInto(el, control(el, 'Vor- und Familienname'), 'Erika Mustermann');
    await next(el);
    // On this step, not only at the end; one sentence, at the first of the two questions.
    expect($(el, '.step-title').textContent).to.equal('Kontakt');
    expect(summary(el)).to.deep.equal(['Geben Sie eine Telefonnummer oder eine E-Mail-Adresse an.']);
    expect(tel.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    // Answering the other question settles it.
    await typeInto(el, control(el, 'E-Mail-Adresse'), 'erika@beispiel.de');
    await until(() => tel.getAttribute('aria-invalid') === null, 'the error at Telefonnummer gone');
    await next(el);
    expect($(el, '.step-title').textContent).to.equal('Vertretung');

    // Nested, without an own sentence: one is made from the titles.
    await next(el);
    expect(summary(el)).to.deep.equal([
      'Bitte füllen Sie mindestens eines der Felder „Mobilnummer“ oder „Festnetznummer“ aus.',
    ]);
    el.setAttribute('lang', 'en');
    await settle(el);
    expect(summary(el)).to.deep.equal(['Fill in at least one of “Mobile number” or “Landline number”.']);
    el.setAttribute('lang', 'de');
    await settle(el);
    await typeInto(el, control(el, 'Festnetznummer'), '030 1234567');
    await next(el);
    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({
      name: 'Erika Mustermann',
      email: 'erika@beispiel.de',
      vertretung: { festnetz: '030 1234567' },
    });
  });

  it('says the group in English', async () => {
    const el = await renderForm(await load(), { lang: 'en' });
    await typeInto(el, control(el, 'Full name'), 'Erika Mustermann');
    await next(el);
    expect(summary(el)).to.deep.equal(['Enter a phone number or an e-mail address.']);
    expect(labelText(el, control(el, 'Phone number').id)).to.equal('Phone number (at least one of these)');
  });
});
