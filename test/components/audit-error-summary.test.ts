/** Finding 11: the error summary takes focus, the alert is an inner container (GOV.UK pattern). */
import { expect } from '@open-wc/testing';
import { $, next, renderForm } from '../support/form.js';

describe('finding 11: error summary focus and alert are separate elements', () => {
  it('the focused box is not the alert; the alert inside it holds the title and the links', async () => {
    const schema = await (await fetch('/test/fixtures/forms/steps.json')).json();
    const el = await renderForm(schema);
    await next(el);
    const box = $(el, '.error-summary');
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.activeElement).to.equal(box);
    expect(box.getAttribute('role')).to.equal(null);
    const alert = box.querySelector('[role="alert"]')!;
    expect(alert, 'alert container inside the summary').to.not.equal(null);
    expect(alert.querySelector('h3')!.textContent).to.equal('Es gibt ein Problem');
    expect(alert.querySelectorAll('a').length).to.be.greaterThan(0);
  });
});
