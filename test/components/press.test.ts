/**
 * A click on "Weiter" right after typing an invalid answer: leaving the field shows its error, which moves
 * the button down. With a real mouse (press and release at one spot) the click used to be lost.
 */
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { $, control, renderForm, settle, until } from '../support/form.js';

const definition = {
  $id: 'urn:test:press',
  title: 'Drücken',
  type: 'object',
  required: ['plz'],
  'x-ozg': {
    steps: [
      { id: 'a', title: 'Wohnort', fields: ['plz'] },
      { id: 'b', title: 'Weiteres', fields: ['z'] },
    ],
  },
  properties: {
    plz: { type: 'string', title: 'Postleitzahl', format: 'de-postal-code' },
    z: { type: 'string', title: 'Bemerkung' },
  },
};

/** Presses and releases the primary button over the middle of `el`, as a mouse does. */
async function clickWithMouse(el: HTMLElement): Promise<void> {
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

afterEach(() => resetMouse());

it('one click on "Weiter" after an invalid answer shows the error summary (the button does not move away)', async () => {
  const el = await renderForm(definition);
  const plz = control(el, 'Postleitzahl') as HTMLInputElement;
  plz.focus();
  // Typed only: the browser's own change event comes when the press on the button takes the focus.
  await sendKeys({ type: '123' });
  await settle(el);
  expect(plz.getAttribute('aria-invalid')).to.equal(null);
  await clickWithMouse($(el, 'button.primary'));
  await until(() => el.shadowRoot!.querySelector('.error-summary'), 'the error summary');
  expect($(el, '.error-summary').textContent).to.contain('Postleitzahl');
  // The field's own error shows as well, after the click.
  await settle(el);
  expect(plz.getAttribute('aria-invalid')).to.equal('true');
});

it('one click on "Weiter" after a valid answer goes to the next step', async () => {
  const el = await renderForm(definition);
  const plz = control(el, 'Postleitzahl') as HTMLInputElement;
  plz.focus();
  await sendKeys({ type: '12345' });
  await settle(el);
  await clickWithMouse($(el, 'button.primary'));
  await until(() => $(el, '.step-title').textContent?.trim() === 'Weiteres', 'step 2');
});
