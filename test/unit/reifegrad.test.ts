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
