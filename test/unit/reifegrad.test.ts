import { expect } from '@open-wc/testing';
import { estimateReifegrad, type ReifegradEstimate } from '../../src/schemas/reifegrad.js';
import anwohnerparken from '../../demo/forms/anwohnerparken.json' with { type: 'json' };
import hundesteuer from '../../demo/forms/hundesteuer.json' with { type: 'json' };
import sondernutzung from '../../demo/forms/sondernutzung.json' with { type: 'json' };

type Json = Record<string, any>;
const copy = (d: unknown): Json => JSON.parse(JSON.stringify(d)) as Json;
const met = (e: ReifegradEstimate) => Object.fromEntries(e.criteria.map((c) => [c.id, c.met]));
const reason = (e: ReifegradEstimate, id: string) => e.criteria.find((c) => c.id === id)!.reason;

describe('estimateReifegrad of the demo forms', () => {
  it('Bewohnerparken: level 3 — login at substantiell, no Nachweise, paid before sending, mailbox or e-mail', () => {
    const e = estimateReifegrad(anwohnerparken);
    expect(e.level).to.equal(3);
    expect(met(e)).to.deep.equal({ submission: true, account: true, evidence: true, payment: true, reply: true });
    expect(reason(e, 'account').de).to.contain('substantiell');
    expect(reason(e, 'payment').en).to.contain('paid online before sending');
    expect(reason(e, 'reply').de).to.contain('Postfach des Nutzerkontos');
    expect(e.next.level).to.equal(4);
    expect(e.next.missing[0]!.de).to.contain('Once-only');
  });

  it('Sondernutzung: level 3 — any login, the Lageplan uploaded, online payment optional', () => {
    const e = estimateReifegrad(sondernutzung);
    expect(e.level).to.equal(3);
    expect(met(e)).to.deep.equal({ submission: true, account: true, evidence: true, payment: true, reply: true });
    expect(reason(e, 'evidence').de).to.contain('Lageplan');
    expect(reason(e, 'account').en).to.contain('any trust level');
  });

  it('Hundesteuer: level 2 — no login, a Nachweis handed in later, the tax invoiced; and what level 3 needs', () => {
    const e = estimateReifegrad(hundesteuer);
    expect(e.level).to.equal(2);
    expect(met(e)).to.deep.equal({ submission: true, account: false, evidence: false, payment: false, reply: true });
    expect(reason(e, 'evidence').de).to.contain('/properties/ermaessigung/then/properties/nachweisHinweis');
    expect(reason(e, 'payment').en).to.contain('deferred');
    expect(e.next).to.deep.include({ level: 3 });
    expect(e.next.missing.map((m) => m.en).join(' '))
      .to.contain('x-ozg.account')
      .and.contain('file question')
      .and.contain('"optional"');
  });

  it('Hundesteuer reaches level 3 once a login, an upload instead of paper and online payment are configured', () => {
    const d = copy(hundesteuer);
    d['x-ozg'].account = { login: 'optional', trustLevel: 'substantiell' };
    d['x-ozg'].fees.policy = 'optional';
    d.properties.ermaessigung.then.properties.nachweisHinweis.description = 'Laden Sie den Nachweis unten hoch.';
    expect(estimateReifegrad(d).level).to.equal(3);
  });

  it('without gateway or LeiKa key nothing is sent, so there is no return channel either', () => {
    const noGateway = estimateReifegrad(anwohnerparken, { gateway: false });
    expect(noGateway.level).to.equal(2);
    expect(met(noGateway)).to.include({ submission: false, reply: false });
    // The advice names only what is missing: the form has its LeiKa key and an e-mail question.
    expect(noGateway.next.missing.map((t) => t.en)).to.deep.equal([
      'Embed the form with gateway="/gateway/v1".',
      'Send through FIT-Connect (see above).',
    ]);
    const d = copy(anwohnerparken);
    delete d['x-ozg'].leika;
    expect(reason(estimateReifegrad(d), 'submission').en).to.contain('LeiKa');
  });

  it('without login or e-mail question the Bescheid comes by post', () => {
    const e = estimateReifegrad({
      type: 'object',
      'x-ozg': { leika: '99108004001000' },
      properties: { name: { type: 'string', title: 'Name' } },
    });
    expect(e.level).to.equal(2);
    expect(reason(e, 'reply').de).to.contain('per Post');
    expect(met(e)).to.include({ evidence: true, payment: true });
  });
});

describe('estimateReifegrad: texts and settings it must not misread', () => {
  const form = (extra: Json = {}, email: Json = {}): Json => ({
    type: 'object',
    title: 'Antrag',
    ...extra,
    'x-ozg': { leika: '99108004001000', account: { login: 'optional' }, ...(extra['x-ozg'] ?? {}) },
    properties: { email: { type: 'string', format: 'email', title: 'E-Mail', ...email } },
  });

  it('finds paper wording in the root description', () => {
    const e = estimateReifegrad(
      form({ description: 'Bitte reichen Sie die Geburtsurkunde im Original persönlich vorbei.' }),
    );
    expect(e.level).to.equal(2);
    expect(met(e)).to.include({ evidence: false });
    expect(reason(e, 'evidence').de).to.contain('der Definition (/description)');
    expect(reason(e, 'evidence').en).to.contain('of the definition (/description)');
  });

  it("finds paper wording in a step's description, also in its English text", () => {
    const step = { id: 'a', title: 'Angaben', fields: ['email'] };
    const de = estimateReifegrad(
      form({ 'x-ozg': { steps: [{ ...step, description: 'Den Nachweis reichen Sie bitte später nach.' }] } }),
    );
    expect(met(de)).to.include({ evidence: false });
    expect(reason(de, 'evidence').de).to.contain('des Schritts „Angaben“ (/x-ozg/steps/0/description)');
    const en = estimateReifegrad(
      form({ 'x-ozg': { steps: [{ ...step, i18n: { en: { description: 'Send the certificate by post.' } } }] } }),
    );
    expect(reason(en, 'evidence').en).to.contain('(/x-ozg/steps/0/i18n/en/description)');
  });

  it('"per Postfach" is a mailbox, not paper; "per Post" still is', () => {
    const mailbox = estimateReifegrad(
      form({}, { description: 'Den Bescheid erhalten Sie per Postfach oder per E-Mail.' }),
    );
    expect(met(mailbox)).to.include({ evidence: true });
    expect(mailbox.level).to.equal(3);
    const post = estimateReifegrad(form({}, { description: 'Senden Sie den Nachweis per Post.' }));
    expect(met(post)).to.include({ evidence: false });
  });

  it('unknown account settings are no login: not met, and named instead of described', () => {
    const e = estimateReifegrad(form({ 'x-ozg': { account: { login: 'never', trustLevel: 'mittel' } } }));
    expect(e.level).to.equal(2);
    expect(met(e)).to.include({ account: false });
    const r = reason(e, 'account');
    expect(r.en).to.contain('login "never"').and.contain('trustLevel "mittel"').and.contain('"required"');
    expect(r.de).to.contain('unbekannte Werte');
    expect(r.en).not.to.contain('Login with a user account offered');
    expect(reason(e, 'reply').en).not.to.contain('mailbox after login');
  });
});
