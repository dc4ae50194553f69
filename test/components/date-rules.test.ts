/** Dates relative to today and to another answer (x-ozg.date) in the form: checked when the person
 * leaves the field and on "Weiter", said in German and English, then reviewed and submitted. */
import { expect, oneEvent } from '@open-wc/testing';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { boundDate, localToday } from '../../src/schemas/date-rules.js';
import { $, $$, control, next, renderForm, settle } from '../support/form.js';

const load = async () => (await fetch('/test/fixtures/forms/termine.json')).json();
// The form counts from the real today; so do the answers here.
const today = localToday();
const day = (bound: string) => boundDate(bound, today, () => undefined)!;
const german = (iso: string) => iso.split('-').reverse().join('.');

async function enter(el: OzgForm, label: string, iso: string) {
  const input = control(el, label) as HTMLInputElement;
  input.value = iso;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.blur();
  await settle(el);
}
const summary = (el: OzgForm) => $$(el, '.error-summary a').map((a) => a.textContent);

describe('date rules', () => {
  it('refuses a birthday too late, a start too soon and an end before the start', async () => {
    const el = await renderForm(await load());
    await expect(el).to.be.accessible();
    await enter(el, 'Geburtsdatum der verantwortlichen Person', day('today+P1D'));
    await enter(el, 'Beginn der Veranstaltung', day('today+P13D'));
    await enter(el, 'Ende der Veranstaltung', day('today+P12D'));
    await enter(el, 'Datum Ihrer letzten Veranstaltung', today);
    await next(el);
    expect(summary(el)).to.deep.equal([
      'Die verantwortliche Person muss volljährig sein.',
      `Die Angabe bei „Beginn der Veranstaltung“ darf nicht vor dem ${german(day('today+P14D'))} liegen.`,
      // compared with another answer, which it names
      `Die Angabe bei „Ende der Veranstaltung“ darf nicht vor „Beginn der Veranstaltung“ (${german(day('today+P13D'))}) liegen.`,
      `Die Angabe bei „Datum Ihrer letzten Veranstaltung“ muss vor dem ${german(today)} liegen.`,
    ]);
    await expect(el).to.be.accessible();

    el.setAttribute('lang', 'en');
    await settle(el);
    expect(summary(el)[0]).to.equal('The person responsible must be of age.');
    expect(summary(el)[1]).to.match(/^The answer to “Start of the event” must be on or after \d+ \w+ \d{4}\.$/);
    expect(summary(el)[2]).to.match(
      /^The answer to “End of the event” must be on or after “Start of the event” \(\d+ \w+ \d{4}\)\.$/,
    );
    el.setAttribute('lang', 'de');
    await settle(el);

    await enter(el, 'Geburtsdatum der verantwortlichen Person', '1990-05-17');
    await enter(el, 'Beginn der Veranstaltung', day('today+P14D'));
    await enter(el, 'Ende der Veranstaltung', day('today+P15D'));
    await enter(el, 'Datum Ihrer letzten Veranstaltung', day('today-P1Y'));
    await next(el);
    expect(el.shadowRoot!.querySelector('.error-summary') === null).to.equal(true);
    expect($(el, '.review').textContent).to.contain('17.05.1990');
    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({
      geburtsdatum: '1990-05-17',
      beginn: day('today+P14D'),
      ende: day('today+P15D'),
      letzteVeranstaltung: day('today-P1Y'),
    });
  });
});
