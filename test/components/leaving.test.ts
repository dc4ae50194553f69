/** The message a question shows when the person leaves it is the one "Weiter" shows for it. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, next, renderForm, settle, until } from '../support/form.js';

const OWN = 'Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.';
const definition = {
  $id: 'urn:test:leaving',
  title: 'Kontakt',
  type: 'object',
  properties: {
    kontakt: {
      type: 'string',
      title: 'Kontakt',
      description: 'E-Mail-Adresse oder Telefonnummer',
      anyOf: [{ format: 'email' }, { format: 'de-phone' }],
      'x-ozg': { errors: { anyOf: OWN } },
    },
  },
};

const shown = (el: HTMLElement) => el.shadowRoot!.querySelector('.field .error-message')?.textContent?.trim();

it('"e-mail or phone" (anyOf): on leaving the field and after "Weiter" the author\'s message, never only the e-mail one', async () => {
  const el = await renderForm(definition);
  await new Promise((r) => setTimeout(r, 300)); // the validators arrive after the first render
  const input = $(el, 'input') as HTMLInputElement;
  input.focus();
  await sendKeys({ type: 'hallo' });
  input.blur();
  input.dispatchEvent(new Event('change'));
  await settle(el);
  expect(await until(() => shown(el), 'the error on leaving')).to.equal(`Fehler: ${OWN}`);
  await next(el);
  expect(shown(el)).to.equal(`Fehler: ${OWN}`);
  input.focus();
  await sendKeys({ type: '!' });
  input.blur();
  input.dispatchEvent(new Event('change'));
  await settle(el);
  expect(shown(el)).to.equal(`Fehler: ${OWN}`);
  // Either alternative is an answer.
  input.select();
  await sendKeys({ type: '030 1234567' });
  input.dispatchEvent(new Event('change'));
  await settle(el);
  expect(el.data.kontakt).to.equal('030 1234567');
  expect(shown(el)).to.equal(undefined);
});

it('"not" (a name that is taken): the plain sentence under the field, never JSON Schema\'s words', async () => {
  const el = await renderForm({
    $id: 'urn:test:leaving-not',
    title: 'Zugang',
    type: 'object',
    properties: { nutzer: { type: 'string', title: 'Benutzername', not: { enum: ['admin', 'root'] } } },
  });
  const input = $(el, 'input') as HTMLInputElement;
  input.focus();
  await sendKeys({ type: 'admin' });
  await next(el);
  expect(shown(el)).to.equal('Fehler: Diese Angabe ist bei „Benutzername“ nicht möglich. Bitte ändern Sie sie.');
});
