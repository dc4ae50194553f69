import { expect } from '@open-wc/testing';
import { computeFees, daysInclusive, formatAmount } from '../../src/schemas/fees.js';
import { checkDefinition } from '../../src/schemas/check.js';
import type { JsonSchema } from '../../src/schemas/types.js';
import parkingJson from '../../demo/forms/anwohnerparken.json' with { type: 'json' };
import dogsJson from '../../demo/forms/hundesteuer.json' with { type: 'json' };
import roadsJson from '../../demo/forms/sondernutzung.json' with { type: 'json' };

const parking = parkingJson as unknown as JsonSchema;
const dogs = dogsJson as unknown as JsonSchema;
const roads = roadsJson as unknown as JsonSchema;
const def = (fees: unknown): JsonSchema => ({ type: 'object', properties: {}, 'x-ozg': { fees } } as JsonSchema);

describe('computeFees', () => {
  it('returns undefined for a form without fees', () => {
    expect(computeFees({ type: 'object' }, {})).to.equal(undefined);
  });

  it('charges a fixed fee once, in cents, with its description in the wanted language', () => {
    const d = def({ policy: 'before-submission', items: [{ id: 'g', description: 'Gebühr', i18n: { en: { description: 'Fee' } }, amount: 3070 }] });
    expect(computeFees(d, {})).to.deep.equal({
      policy: 'before-submission', total: 3070,
      lines: [{ id: 'g', description: 'Gebühr', quantity: 1, unitAmount: 3070, amount: 3070 }],
    });
    expect(computeFees(d, {}, 'en')!.lines[0]!.description).to.equal('Fee');
  });

  it('counts entries, splits first and further units, and filters entries with where', () => {
    const d = def({
      policy: 'deferred',
      items: [
        { id: 'first', description: 'erster Hund', amount: 12000, quantity: { count: '/hunde' }, units: { to: 1 } },
        { id: 'more', description: 'jeder weitere', amount: 18000, quantity: { count: '/hunde' }, units: { from: 2 } },
        { id: 'list', description: 'Listenhund', amount: 48000, quantity: { count: '/hunde', where: { pointer: '/listenhund', equals: 'ja' } } },
      ],
    });
    const three = computeFees(d, { hunde: [{ listenhund: 'nein' }, { listenhund: 'ja' }, {}] })!;
    expect(three.lines.map((l) => [l.id, l.quantity, l.amount])).to.deep.equal([['first', 1, 12000], ['more', 2, 36000], ['list', 1, 48000]]);
    expect(three.total).to.equal(96000);
    const one = computeFees(d, { hunde: [{ listenhund: 'nein' }] })!;
    expect(one.lines.map((l) => l.id)).to.deep.equal(['first']);
    expect(computeFees(d, {})!.total).to.equal(0);
  });

  it('multiplies by a number answer and by the days of a date range (both days counted)', () => {
    const d = def({
      policy: 'optional',
      items: [
        { id: 'tage', description: 'je Tag', amount: 250, quantity: { value: '/tage' } },
        { id: 'zeitraum', description: 'je Kalendertag', amount: 100, quantity: { days: { from: '/von', to: '/bis' } } },
      ],
    });
    const r = computeFees(d, { tage: 3.7, von: '2026-12-30', bis: '2027-01-02' })!;
    expect(r.lines.map((l) => [l.quantity, l.amount])).to.deep.equal([[3, 750], [4, 400]]);
    expect(computeFees(d, { tage: -5, von: '2027-01-02', bis: '2026-12-30' })!.lines).to.deep.equal([]);
    expect(daysInclusive('2026-03-28', '2026-03-30')).to.equal(3);
    expect(daysInclusive('x', '2026-03-30')).to.equal(0);
  });

  it('applies a line only when its condition holds (equals, in)', () => {
    const d = def({
      policy: 'optional',
      items: [
        { id: 'a', description: 'A', amount: 100, when: { pointer: '/ort/art', equals: 'fahrbahn' } },
        { id: 'b', description: 'B', amount: 200, when: { pointer: '/ort/art', in: ['gehweg', 'platz'] } },
      ],
    });
    expect(computeFees(d, { ort: { art: 'fahrbahn' } })!.lines.map((l) => l.id)).to.deep.equal(['a']);
    expect(computeFees(d, { ort: { art: 'platz' } })!.lines.map((l) => l.id)).to.deep.equal(['b']);
    expect(computeFees(d, {})!.lines).to.deep.equal([]);
  });

  it('refuses absurd quantities instead of billing them', () => {
    const d = def({ policy: 'optional', items: [{ id: 't', description: 'T', amount: 1, quantity: { value: '/n' } }] });
    expect(() => computeFees(d, { n: 1e9 })).to.throw(RangeError);
  });

  it('formats cents as euros', () => {
    expect(formatAmount(3070, 'de').replace(/\s/g, ' ')).to.equal('30,70 €');
    expect(formatAmount(3070, 'en')).to.equal('€30.70');
  });
});

describe('fees of the demo forms', () => {
  it('the demo definitions with fee rules pass the definition check', () => {
    for (const form of [parking, dogs, roads]) expect(checkDefinition(form), form.$id).to.deep.equal([]);
  });

  it('parking permit: 30,70 € for the first vehicle, reduced for the second', () => {
    const one = computeFees(parking, { fahrzeuge: [{}] })!;
    const two = computeFees(parking, { fahrzeuge: [{}, {}] })!;
    expect(one.policy).to.equal('before-submission');
    expect(one.total).to.equal(3070);
    expect(two.lines).to.have.length(2);
    expect(two.lines[1]!.amount).to.be.below(3070);
  });

  it('road use: a processing fee plus a fee per day, more on the carriageway', () => {
    const gehweg = computeFees(roads, { zeitraum: { tage: 4 }, ort: { flaechenart: 'gehweg' } })!;
    const fahrbahn = computeFees(roads, { zeitraum: { tage: 4 }, ort: { flaechenart: 'fahrbahn' } })!;
    expect(gehweg.lines.find((l) => l.quantity === 4)).to.not.equal(undefined);
    expect(fahrbahn.total).to.be.above(gehweg.total);
  });

  it('dog tax: per dog, higher for further and for listed dogs, billed after the decision', () => {
    const r = computeFees(dogs, { hunde: [{ listenhund: 'nein' }, { listenhund: 'ja' }] })!;
    expect(r.policy).to.equal('deferred');
    expect(r.lines.length).to.be.greaterThan(1);
    expect(r.total).to.be.above(computeFees(dogs, { hunde: [{ listenhund: 'nein' }] })!.total * 2);
  });

  it('a rule with a broken pointer or an unknown policy is reported by checkDefinition', () => {
    const bad = JSON.parse(JSON.stringify(parking)) as { 'x-ozg': { fees: Record<string, any> } };
    bad['x-ozg'].fees.policy = 'later';
    bad['x-ozg'].fees.items[0].amount = 30.7;
    const problems = checkDefinition(bad).map((p) => p.pointer);
    expect(problems).to.include('/x-ozg/fees/policy');
    expect(problems.some((p) => p.startsWith('/x-ozg/fees/items/0'))).to.equal(true);
  });
});
