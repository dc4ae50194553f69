/** <ozg-payment> on its own, inside a stub form that provides the context. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElement } from '../../src/components/define.js';
import type { OzgPaymentDetail, PaymentEnd } from '../../src/components/events.js';
import type { FormContext } from '../../src/components/form/context.js';
import { OzgPayment } from '../../src/components/payment/ozg-payment.js';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';
import { until } from '../support/form.js';
import { StubForm } from '../support/stub-form.js';

defineElement('ozg-payment', OzgPayment);

let n = 0;
function stubContext(policy = 'optional', kind?: 'fee' | 'tax'): FormContext {
  const id = `urn:test:payment:${Date.now()}:${n++}`;
  const definition = {
    $id: id,
    title: 'Sondernutzung',
    type: 'object',
    'x-ozg': {
      fees: {
        policy,
        ...(kind ? { kind } : {}),
        purpose: 'Sondernutzung',
        items: [{ id: 'a', description: 'Verwaltungsgebühr', amount: 2500 }],
      },
    },
    properties: { name: { type: 'string', title: 'Name' } },
  };
  const store = new FormStore(buildModel(definition as never, id), { name: 'Erika' });
  return {
    store,
    element: document.body,
    lang: 'de',
    applicationId: 'app-1',
    gateway: '/stub-gateway/v1',
    drafts: {
      applicationId: 'app-1',
      flush: () => undefined,
      save: () => undefined,
      discard: async () => undefined,
      renewApplicationId: () => undefined,
    },
    stepTitle: () => 'Angaben',
    authentication: () => undefined,
    loggedIn: () => undefined,
    paymentEnded: () => undefined,
    announce: () => undefined,
  };
}

async function mount(ctx: FormContext): Promise<OzgPayment> {
  StubForm.ctx = ctx;
  const form = await fixture<StubForm>(html`<stub-form><ozg-payment></ozg-payment></stub-form>`);
  const el = form.querySelector('ozg-payment')!;
  await el.updateComplete;
  return el;
}

const button = (el: OzgPayment, text: string) =>
  [...el.querySelectorAll('button')].find((b) => b.textContent!.includes(text))!;

describe('<ozg-payment>', () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('shows the fee and the step, focused, and reports "skipped" and "back"', async () => {
    const ended: PaymentEnd[] = [];
    const el = await mount({ ...stubContext(), paymentEnded: (end) => void ended.push(end) });
    await until(() => document.activeElement?.id === 'payment-title', 'focus on the step heading');
    await expect(el).to.be.accessible();
    expect(el.querySelector('#payment-title')!.textContent).to.equal('Gebühr bezahlen');
    expect(el.querySelector('.fees-total')!.textContent).to.contain('25,00');
    expect(button(el, 'bezahlen').textContent).to.contain('Jetzt 25,00');

    const later = oneEvent(el, 'ozg-payment');
    button(el, 'Ohne Zahlung senden').click();
    expect(((await later) as CustomEvent<OzgPaymentDetail>).detail.outcome).to.equal('skipped');
    const back = oneEvent(el, 'ozg-payment');
    button(el, 'Zurück zu „Ihre Angaben prüfen“').click();
    expect(((await back) as CustomEvent<OzgPaymentDetail>).detail).to.deep.equal({ outcome: 'back' });
    // The form learns it through its context (with the payment, when paid), the page from the event.
    expect(ended.map((e) => e.outcome)).to.deep.equal(['skipped', 'back']);
  });

  it('names a tax a tax: "Steuer bezahlen", the table "Steuer", paying later after the tax notice (de, en)', async () => {
    const el = await mount(stubContext('optional', 'tax'));
    await until(() => document.activeElement?.id === 'payment-title', 'focus on the step heading');
    expect(el.querySelector('#payment-title')!.textContent).to.equal('Steuer bezahlen');
    expect(el.querySelector('table.fees caption')!.textContent!.trim()).to.equal('Steuer');
    expect(el.textContent).to.contain('dann zahlen Sie nach dem Steuerbescheid');
    expect(el.textContent).not.to.contain('Gebühr bezahlen');
    expect(el.textContent).not.to.contain('Rechnung');
    expect(button(el, 'Ohne Zahlung senden').textContent!.trim()).to.equal(
      'Ohne Zahlung senden (Zahlung nach dem Bescheid)',
    );
    // Unchanged: the amount and the button that pays it.
    expect(button(el, 'bezahlen').textContent).to.contain('Jetzt 25,00');

    const en = await mount({ ...stubContext('optional', 'tax'), lang: 'en' });
    expect(en.querySelector('#payment-title')!.textContent).to.equal('Pay the tax');
    expect(en.querySelector('table.fees caption')!.textContent!.trim()).to.equal('Tax');
    expect(button(en, 'Send without paying').textContent!.trim()).to.equal(
      'Send without paying (pay after the notice)',
    );
  });

  it("after AMOUNT_MISMATCH shows the gateway's total in words and pays that amount on continuing", async () => {
    const bodies: { expectedTotal: number }[] = [];
    window.fetch = async (_input, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(
        JSON.stringify({
          title: 'Conflict',
          detail: 'the amount shown is not the amount due',
          code: 'AMOUNT_MISMATCH',
          total: 3000,
        }),
        { status: 409, headers: { 'content-type': 'application/problem+json' } },
      );
    };
    const el = await mount(stubContext('before-submission'));
    button(el, 'bezahlen').click();
    await until(() => el.querySelector('.problem'), 'the problem');
    const problem = el.querySelector('.problem')!.textContent!;
    expect(problem).to.contain('30,00');
    expect(problem).to.not.contain('amount due');
    await expect(el).to.be.accessible();
    button(el, 'Zahlung neu starten').click();
    await until(() => bodies.length === 2, 'the second attempt');
    expect(bodies.map((b) => b.expectedTotal)).to.deep.equal([2500, 3000]);
  });
});
