/** <ozg-submission> on its own, inside a stub form that provides the context. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElement } from '../../src/components/define.js';
import type { OzgSubmissionDetail } from '../../src/components/events.js';
import type { FormContext } from '../../src/components/form/context.js';
import { OzgSubmission } from '../../src/components/submission/ozg-submission.js';
import { mailboxLink } from '../../src/components/submission/receipt-actions.js';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';
import type { Lang } from '../../src/schemas/types.js';
import { until } from '../support/form.js';
import { StubForm } from '../support/stub-form.js';

defineElement('ozg-submission', OzgSubmission);

let n = 0;
function stubContext(lang: Lang = 'de', leika = '99108008000000') {
  const id = `urn:test:submission:${Date.now()}:${n++}`;
  const definition = {
    $id: id,
    title: 'Hundesteuer',
    type: 'object',
    'x-ozg': leika ? { leika } : {},
    properties: { name: { type: 'string', title: 'Name' } },
  };
  const store = new FormStore(buildModel(definition, id), { name: 'Erika' });
  const calls: string[] = [];
  const ctx: FormContext = {
    store,
    element: document.body,
    lang,
    applicationId: 'app-1',
    gateway: '/stub-gateway/v1',
    mailbox: 'postfach.html',
    drafts: {
      restoredAt: undefined,
      applicationId: 'app-1',
      flush: () => calls.push('flush'),
      save: () => undefined,
      discard: async () => void calls.push('discard'),
      renewApplicationId: () => calls.push('renew'),
    },
    stepTitle: () => 'Angaben',
    authentication: () => undefined,
    loggedIn: () => undefined,
    paymentEnded: () => undefined,
    announce: (m) => calls.push(`announce:${m}`),
  };
  return { id, ctx, calls };
}

async function mount(ctx: FormContext, request?: object): Promise<OzgSubmission> {
  StubForm.ctx = ctx;
  const form = await fixture<StubForm>(
    html`<stub-form><ozg-submission .request=${request}></ozg-submission></stub-form>`,
  );
  return form.querySelector('ozg-submission')!;
}

const shadow = (el: OzgSubmission) => el;

describe('<ozg-submission>', () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('shows the receipt of a submission sent from this browser and reports it', async () => {
    const { id, ctx } = stubContext();
    localStorage.setItem(
      `ozg-form:submission:${id}`,
      JSON.stringify({
        v: 1,
        submittedAt: '2026-12-01T10:00:00Z',
        payment: { reference: 'KZ-1', total: 4250 },
        state: { idempotencyKey: 'k', caseId: 'case-42', caseSecret: 's', sentAttachments: [], sent: true },
      }),
    );
    const reported = oneEvent(document, 'ozg-submission');
    const el = await mount(ctx);
    const form = el.parentElement!;
    expect(((await reported) as CustomEvent<OzgSubmissionDetail>).detail).to.deep.equal({
      outcome: 'sent',
      caseId: 'case-42',
    });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('.receipt-title')!.textContent).to.equal('Ihr Antrag ist eingegangen');
    expect(shadow(el).querySelector('.receipt-case-id')!.textContent).to.equal('case-42');
    expect(shadow(el).querySelector('.receipt-amount')!.textContent).to.contain('42,50');
    expect(shadow(el).querySelector<HTMLAnchorElement>('.receipt-mailbox')!.href).to.contain('#case=case-42&secret=s');

    const restart = oneEvent(form, 'ozg-submission');
    [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Neuen Antrag'))!.click();
    expect(((await restart) as CustomEvent<OzgSubmissionDetail>).detail.outcome).to.equal('restart');
    expect(localStorage.getItem(`ozg-form:submission:${id}`), 'the record goes with "Neuen Antrag stellen"').to.equal(
      null,
    );
  });

  it('reports "nothing" when there is no submission to resume', async () => {
    const { ctx } = stubContext();
    StubForm.ctx = ctx;
    const form = document.createElement('stub-form');
    form.append(document.createElement('ozg-submission'));
    const reported = oneEvent(form, 'ozg-submission');
    document.body.append(form);
    expect(((await reported) as CustomEvent<OzgSubmissionDetail>).detail.outcome).to.equal('nothing');
    form.remove();
  });

  it("words a refusal of the gateway in the person's language, never its English detail, and goes back on request", async () => {
    const seen: string[] = [];
    window.fetch = async (input) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return new Response(
        JSON.stringify({ title: 'Unprocessable', detail: 'answers do not match the schema', code: 'INVALID_ANSWERS' }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      );
    };
    const { ctx, calls } = stubContext('de');
    const el = await mount(ctx, { data: { name: 'Erika' } });
    await until(() => shadow(el).querySelector('.error-message'), 'the refusal');
    expect(seen[0], 'the client is built on the gateway attribute').to.match(/\/stub-gateway\/v1\/destination$/);
    const message = shadow(el).querySelector('.error-message')!.textContent!;
    expect(message).to.contain('Ihre Angaben konnten nicht angenommen werden');
    expect(message).to.not.contain('schema');
    await until(() => document.activeElement?.id === 'submission-title', 'focus on the heading');
    await expect(el).to.be.accessible();

    const back = oneEvent(el, 'ozg-submission');
    [...shadow(el).querySelectorAll('button')]
      .find((b) => b.textContent!.includes('Zurück zu „Ihre Angaben prüfen“'))!
      .click();
    expect(((await back) as CustomEvent<OzgSubmissionDetail>).detail.outcome).to.equal('back');
    expect(calls, 'a refused application gets a new id').to.include('renew');
  });

  it('a definition without LeiKa key: the person reads it is not set up, the editor what to add; no retry', async () => {
    let asked = 0;
    window.fetch = async () => (asked++, new Response('{}'));
    const { ctx } = stubContext('de', '');
    const el = await mount(ctx, { data: { name: 'Erika' } });
    await until(() => shadow(el).querySelector('.error-message'), 'the message');
    const message = shadow(el).querySelector('.error-message')!.textContent!;
    expect(message).to.contain('Das Formular ist nicht richtig eingerichtet');
    expect(message).to.not.contain('Für die Redaktion');
    expect(message).to.not.contain('später noch einmal');
    expect(shadow(el).querySelector('.editor-note')!.textContent).to.contain('keinen LeiKa-Schlüssel (x-ozg.leika)');
    const labels = [...shadow(el).querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(labels).to.deep.equal(['Zurück zu „Ihre Angaben prüfen“']);
    expect(asked, 'nothing is sent').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('a form changed since the page loaded it offers a reload, not a retry that cannot help', async () => {
    window.fetch = async () =>
      new Response(JSON.stringify({ title: 'Conflict', detail: 'definition outdated', code: 'DEFINITION_OUTDATED' }), {
        status: 409,
        headers: { 'content-type': 'application/problem+json' },
      });
    const { ctx } = stubContext('de');
    const el = await mount(ctx, { data: { name: 'Erika' } });
    await until(() => shadow(el).querySelector('.error-message'), 'the refusal');
    expect(shadow(el).querySelector('.error-message')!.textContent).to.contain('Bitte laden Sie die Seite neu');
    const labels = [...shadow(el).querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(labels).to.deep.equal(['Seite neu laden', 'Zurück zu „Ihre Angaben prüfen“']);
    expect(shadow(el).querySelector('button.primary')!.textContent!.trim()).to.equal('Seite neu laden');
  });
});

describe('the link to the mailbox', () => {
  const link = (mailbox?: string) => mailboxLink(mailbox, 'c-1', 's/1');
  it('carries case and secret in the fragment, to postfach.html next to the page or the page named', () => {
    expect(link()).to.equal(new URL('postfach.html#case=c-1&secret=s%2F1', document.baseURI).href);
    expect(link('/buerger/postfach.html#old')).to.equal(
      `${location.origin}/buerger/postfach.html#case=c-1&secret=s%2F1`,
    );
    expect(link('https://www.musterstadt.de/postfach')).to.equal(
      'https://www.musterstadt.de/postfach#case=c-1&secret=s%2F1',
    );
  });

  it('never as a script or another scheme: the default page instead, and the editors are told', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      for (const bad of [
        'javascript:alert(document.domain)//',
        'JavaScript:alert(1)',
        'data:text/html,x',
        'http://[',
      ]) {
        expect(link(bad), bad).to.equal(new URL('postfach.html#case=c-1&secret=s%2F1', document.baseURI).href);
      }
    } finally {
      console.error = original;
    }
    expect(logged).to.have.length(4);
    expect(String(logged[0])).to.contain('no http(s) address');
  });
});
