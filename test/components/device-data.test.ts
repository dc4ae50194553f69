/** Issue 11: drafts expire, the application id lives with the draft, and "Daten auf diesem Gerät löschen". */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgForm } from '../../src/index.js';
import { $, control, renderForm, settle, typeInto, until } from '../support/form.js';
import { sweepExpired } from '../../src/modules/drafts/draft-store.js';

function simple(id: string) {
  return {
    $id: id,
    title: 'Gerätetest',
    type: 'object',
    'x-ozg': {
      steps: [
        { id: 'a', title: 'Eins', fields: ['name'] },
        { id: 'b', title: 'Zwei', fields: ['ort'] },
      ],
    },
    properties: { name: { type: 'string', title: 'Name' }, ort: { type: 'string', title: 'Ort' } },
  };
}

const DAY = 24 * 60 * 60 * 1000;
let n = 0;
const freshId = (what: string) => `urn:test:${what}:${Date.now()}:${n++}`;

function keepDraft(id: string, ageDays: number, extra: Record<string, unknown> = {}) {
  const savedAt = new Date(Date.now() - ageDays * DAY).toISOString();
  localStorage.setItem(
    `ozg-form:draft:${id}`,
    JSON.stringify({ v: 1, savedAt, data: { name: 'Erika' }, step: 1, ...extra }),
  );
}

async function renderWith(id: string, attrs: Record<string, string> = {}): Promise<OzgForm> {
  const el = document.createElement('ozg-form') as OzgForm;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.schema = simple(id) as OzgForm['schema'];
  const ready = new Promise((r) => el.addEventListener('ozg-ready', r, { once: true }));
  document.body.appendChild(el);
  await ready;
  await settle(el);
  return el;
}

describe('data on this device', () => {
  afterEach(() => document.querySelectorAll('body > ozg-form').forEach((f) => f.remove()));

  it('forgets a draft older than the default three days and removes it', async () => {
    const id = freshId('expired');
    keepDraft(id, 4);
    const el = await renderWith(id);
    expect(el.shadowRoot!.querySelector('.notice') === null).to.equal(true);
    expect(el.data).to.deep.equal({});
    expect(localStorage.getItem(`ozg-form:draft:${id}`)).to.equal(null);
  });

  it('forgets a kept submission (and its case secret) as a draft expires, and shows the questions', async () => {
    const id = freshId('record');
    const old = new Date(Date.now() - 4 * DAY).toISOString();
    localStorage.setItem(
      `ozg-form:submission:${id}`,
      JSON.stringify({
        v: 1,
        submittedAt: old,
        savedAt: old,
        state: { idempotencyKey: 'k', caseId: 'c', caseSecret: 'geheim', sentAttachments: [], sent: true },
      }),
    );
    const el = await renderWith(id, { gateway: '/gateway/v1' });
    expect(localStorage.getItem(`ozg-form:submission:${id}`)).to.equal(null);
    expect(el.phase).to.equal('filling');
    expect($(el, '.step-title').textContent).to.equal('Eins');
  });

  it("forgets an earlier person's open payment as a draft expires: the next one is not sent to pay it", async () => {
    const id = freshId('payment');
    const old = new Date(Date.now() - 4 * DAY).toISOString();
    localStorage.setItem(`ozg-form:payment:${id}`, JSON.stringify({ v: 1, key: 'k', redirected: true, savedAt: old }));
    const el = await renderWith(id, { gateway: '/gateway/v1' });
    expect(localStorage.getItem(`ozg-form:payment:${id}`)).to.equal(null);
    expect(el.phase).to.equal('filling');
    expect($(el, '.step-title').textContent).to.equal('Eins');
  });

  it('keeps it as long as draft-days says', async () => {
    const id = freshId('kept');
    keepDraft(id, 4, { applicationId: 'app-4711' });
    const el = await renderWith(id, { 'draft-days': '10' });
    expect(el.data).to.deep.equal({ name: 'Erika' });
    // When, as a sentence says it: "vom 3. Dezember 2026 um 19:13", not "vom 03.12.2026, 19:13".
    expect($(el, '.notice').textContent).to.match(
      /Angaben vom \d{1,2}\. (?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4} um \d{2}:\d{2} wiederhergestellt\./,
    );
    el.setAttribute('lang', 'en');
    await settle(el);
    expect($(el, '.notice').textContent).to.match(
      /answers you last entered on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\./,
    );
    expect(el.applicationId, 'the application id comes back with the draft').to.equal('app-4711');
  });

  it("removes other forms' submission and payment records past their own days (an earlier person's case secret)", () => {
    const record = (kind: 'submission' | 'payment', id: string, ageDays: number, days?: number) => {
      const key = `ozg-form:${kind}:${id}`;
      localStorage.setItem(
        key,
        JSON.stringify({
          v: 1,
          savedAt: new Date(Date.now() - ageDays * DAY).toISOString(),
          ...(kind === 'submission'
            ? { state: { idempotencyKey: 'k', caseId: 'c', caseSecret: 'geheim', sent: true } }
            : { key: 'payment-key', redirected: true }),
          ...(days ? { days } : {}),
        }),
      );
      return key;
    };
    const gone = [record('submission', freshId('old'), 4, 3), record('payment', freshId('old'), 4, 3)];
    const kept = [
      record('submission', freshId('young'), 2, 3),
      record('payment', freshId('paying'), 0.01, 3), // a payment under way at the provider, in another tab
      record('submission', freshId('long'), 4, 10), // its page keeps ten days
      record('payment', freshId('unknown'), 40), // written before records kept their days: left to its form
    ];
    sweepExpired();
    for (const key of gone) expect(localStorage.getItem(key), key).to.equal(null);
    for (const key of kept) expect(localStorage.getItem(key), key).to.not.equal(null);
    for (const key of kept) localStorage.removeItem(key);
  });

  it("removes other forms' drafts past their own days, keeps the rest; a draft keeps its page's days", async () => {
    const key = (id: string) => `ozg-form:draft:${id}`;
    const kept = (id: string, ageDays: number, days?: number) =>
      localStorage.setItem(
        key(id),
        JSON.stringify({
          v: 1,
          savedAt: new Date(Date.now() - ageDays * DAY).toISOString(),
          data: { name: 'Erika' },
          step: 1,
          ...(days ? { days } : {}),
        }),
      );
    const [old, young, long, unknown] = ['old', 'young', 'long', 'unknown'].map(freshId);
    kept(old!, 4, 3); // an earlier person's answers to another form, past its three days
    kept(young!, 2, 3);
    kept(long!, 4, 10); // its page keeps drafts ten days
    kept(unknown!, 40); // saved before drafts kept their days: left to its own form
    sweepExpired();
    expect(localStorage.getItem(key(old!))).to.equal(null);
    for (const id of [young, long, unknown]) expect(localStorage.getItem(key(id!)), id).to.contain('Erika');
    // What a page saves carries its days.
    const id = freshId('saved');
    const el = await renderWith(id, { 'draft-days': '10' });
    await typeInto(el, control(el, 'Name'), 'Max');
    await until(() => localStorage.getItem(key(id))?.includes('Max'), 'the draft saved');
    expect(JSON.parse(localStorage.getItem(key(id))!).days).to.equal(10);
    for (const id of [young, long, unknown]) localStorage.removeItem(key(id!));
  });

  it('keeps a new application id with the draft', async () => {
    const id = freshId('appid');
    const el = await renderForm(simple(id), { isolate: false });
    control(el, 'Name').focus();
    await sendKeys({ type: 'Max' });
    const stored = await until(() => JSON.parse(localStorage.getItem(`ozg-form:draft:${id}`) ?? 'null'), 'the draft');
    expect(stored.applicationId).to.be.a('string').and.equal(el.applicationId);
  });

  it('"Daten auf diesem Gerät löschen" asks, then removes draft and records, empties the form and focuses step 1', async () => {
    const id = freshId('forget');
    keepDraft(id, 0);
    localStorage.setItem(
      `ozg-form:submission:${id}`,
      JSON.stringify({
        v: 1,
        state: { idempotencyKey: 'k', caseSecret: 's', sentAttachments: [], sent: true, caseId: 'c' },
      }),
    );
    localStorage.setItem(`ozg-form:payment:${id}`, JSON.stringify({ v: 1, key: 'p' }));
    const el = await renderWith(id);
    await expect(el).to.be.accessible();
    const open = $(el, '.device-data button');
    expect(open.textContent!.trim()).to.equal('Daten auf diesem Gerät löschen');
    open.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot!.activeElement?.id, 'the question takes focus').to.equal('device-data-question');
    expect(localStorage.getItem(`ozg-form:draft:${id}`), 'nothing is deleted before the answer').to.not.equal(null);
    await expect(el).to.be.accessible();

    // "Abbrechen" keeps everything and returns focus to the button.
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.device-data button')]
      .find((b) => b.textContent!.includes('Abbrechen'))!
      .click();
    await settle(el);
    expect(el.shadowRoot!.activeElement?.id).to.equal('device-data-open');
    expect(localStorage.getItem(`ozg-form:draft:${id}`)).to.not.equal(null);

    $(el, '#device-data-open').click();
    await settle(el);
    $(el, '.device-data button.primary').click();
    await until(() => el.shadowRoot!.activeElement?.classList.contains('step-title'), 'focus on the step heading');
    expect($(el, '.step-title').textContent).to.equal('Eins');
    expect(el.data).to.deep.equal({});
    for (const kind of ['draft', 'submission', 'payment'])
      expect(localStorage.getItem(`ozg-form:${kind}:${id}`), kind).to.equal(null);
    await until(() => $(el, '[role=status]').textContent?.includes('gelöscht'), 'the announcement');
  });

  it('speaks English', async () => {
    const el = await renderWith(freshId('en'), { lang: 'en' });
    $(el, '.device-data button').click();
    await settle(el);
    expect($(el, '#device-data-question').textContent).to.contain('cannot be undone');
    expect([...el.shadowRoot!.querySelectorAll('.device-data button')].map((b) => b.textContent!.trim())).to.deep.equal(
      ['Yes, delete data', 'Cancel'],
    );
  });
});
