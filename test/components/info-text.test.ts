/** `"type": "null"` with a title and description: a note between the questions, never a control and
 * never an answer (not in the review, the receipt or the submitted data). */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { $, $$, control, next, renderForm, settle } from '../support/form.js';

const FIXTURE = '/test/fixtures/forms/hinweistext.json';

describe('notes (type null)', () => {
  it('shows the note as text between the questions and leaves it out of the answers', async () => {
    const definition = await (await fetch(FIXTURE)).json();
    const el = await renderForm({ ...definition, properties: { ...definition.properties } });
    await expect(el).to.be.accessible();
    const note = $(el, '.info');
    expect(note.querySelector('.info-title')!.textContent).to.equal('Hinweis zu den Gebühren');
    expect(note.textContent).to.contain('15 Euro je angefangene halbe Stunde');
    expect(note.querySelectorAll('input, select, textarea, button').length).to.equal(0);
    // Between the two questions, in the order of the definition.
    const order = $$(el, '.field, .info').map((n) => (n.classList.contains('info') ? 'info' : 'field'));
    expect(order).to.deep.equal(['field', 'info', 'field']);

    const input = control(el, 'Aktenzeichen') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: 'AZ 4711/2026' });
    ($$(el, 'input[type=checkbox]')[0] as HTMLInputElement).click();
    await settle(el);
    await next(el);
    expect(el.shadowRoot!.querySelector('.error-summary')?.textContent ?? 'no errors').to.equal('no errors');
    const review = $(el, '.review').textContent!;
    expect(review).to.contain('AZ 4711/2026');
    expect(review).not.to.contain('15 Euro');
    await expect(el).to.be.accessible();

    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({ aktenzeichen: 'AZ 4711/2026', einverstanden: true });
  });

  it('shows the English note', async () => {
    const el: OzgForm = await renderForm(await (await fetch(FIXTURE)).json(), { lang: 'en' });
    expect($(el, '.info .info-title').textContent).to.equal('Note on fees');
  });
});
