import { expect } from '@open-wc/testing';
import { computeFees, daysInclusive, formatAmount } from '../../src/schemas/fees.js';
import { checkDefinition, checkFees } from '../../src/schemas/check.js';
import type { JsonSchema } from '../../src/schemas/types.js';
import parkingJson from '../../demo/forms/anwohnerparken.json' with { type: 'json' };
import dogsJson from '../../demo/forms/hundesteuer.json' with { type: 'json' };
import roadsJson from '../../demo/forms/sondernutzung.json' with { type: 'json' };

const parking = parkingJson as unknown as JsonSchema;
const dogs = dogsJson as unknown as JsonSchema;
const roads = roadsJson as unknown as JsonSchema;
const def = (fees: unknown): JsonSchema => ({ type: 'object', properties: {}, 'x-ozg': { fees } }) as JsonSchema;

describe('computeFees', () => {
  it('returns undefined for a form without fees', () => {
    expect(computeFees({ type: 'object' }, {})).to.equal(undefined);
  });

  it('charges a fixed fee once, in cents, with its description in the wanted language', () => {
    const d = def({
      policy: 'before-submission',
      items: [{ id: 'g', description: 'Gebühr', i18n: { en: { description: 'Fee' } }, amount: 3070 }],
    });
    expect(computeFees(d, {})).to.deep.equal({
      policy: 'before-submission',
      total: 3070,
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
        {
          id: 'list',
          description: 'Listenhund',
          amount: 48000,
          quantity: { count: '/hunde', where: { pointer: '/listenhund', equals: 'ja' } },
        },
      ],
    });
    const three = computeFees(d, { hunde: [{ listenhund: 'nein' }, { listenhund: 'ja' }, {}] })!;
    expect(three.lines.map((l) => [l.id, l.quantity, l.amount])).to.deep.equal([
      ['first', 1, 12000],
      ['more', 2, 36000],
      ['list', 1, 48000],
    ]);
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
        {
          id: 'zeitraum',
          description: 'je Kalendertag',
          amount: 100,
          quantity: { days: { from: '/von', to: '/bis' } },
        },
      ],
    });
    // Started units count fully (3.2 days -> 4), both ends of the date range count.
    const r = computeFees(d, { tage: 3.2, von: '2026-12-30', bis: '2027-01-02' })!;
    expect(r.lines.map((l) => [l.quantity, l.amount])).to.deep.equal([
      [4, 1000],
      [4, 400],
    ]);
    expect(computeFees(d, { tage: 3 })!.lines[0]!.quantity).to.equal(3);
    expect(computeFees(d, { tage: -5, von: '2027-01-02', bis: '2026-12-30' })!.lines).to.deep.equal([]);
    expect(daysInclusive('2026-03-28', '2026-03-30')).to.equal(3);
    expect(daysInclusive('x', '2026-03-30')).to.equal(0);
  });

  it('multiplies a list of quantities (m² × days)', () => {
    const d = def({
      policy: 'optional',
      items: [{ id: 'm2', description: 'je m² und Tag', amount: 50, quantity: [{ value: '/m2' }, { value: '/tage' }] }],
    });
    expect(computeFees(d, { m2: 12.5, tage: 31 })!.lines[0]).to.deep.include({
      quantity: 13 * 31,
      // The table shows "13 × 31", not 403 alone: how the quantity came about.
      factors: [13, 31],
      amount: 13 * 31 * 50,
    });
    expect(computeFees(d, { m2: 12.5 })!.lines).to.deep.equal([]);
  });

  it('a list of conditions must all hold; contains looks into a multiple choice', () => {
    const d = def({
      policy: 'optional',
      items: [
        {
          id: 'both',
          description: 'X',
          amount: 100,
          when: [
            { pointer: '/a', equals: 1 },
            { pointer: '/b', in: ['x', 'y'] },
          ],
        },
        { id: 'multi', description: 'Y', amount: 200, when: { pointer: '/arten', contains: ['bau', 'umzug'] } },
      ],
    });
    expect(computeFees(d, { a: 1, b: 'y', arten: ['umzug', 'verkauf'] })!.lines.map((l) => l.id)).to.deep.equal([
      'both',
      'multi',
    ]);
    expect(computeFees(d, { a: 1, b: 'z', arten: ['verkauf'] })!.lines).to.deep.equal([]);
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

  it('parking permit: by duration as on the demo page (30 / 60 / 110 €), half for a second vehicle, 10 € for a replacement', () => {
    const permit = (laufzeit: number, antragsart = 'neu') => ({ antragsart, laufzeit });
    const one = computeFees(parking, { fahrzeuge: [{}], parkausweis: permit(6) })!;
    expect(one.policy).to.equal('before-submission');
    expect(one.total).to.equal(3000);
    const two = computeFees(parking, { fahrzeuge: [{}, {}], parkausweis: permit(12, 'verlaengerung') })!;
    expect(two.lines.map((l) => [l.id, l.amount])).to.deep.equal([
      ['ausweis-12', 6000],
      ['zweitfahrzeug-12', 3000],
    ]);
    expect(computeFees(parking, { fahrzeuge: [{}, {}], parkausweis: permit(24) })!.total).to.equal(16500);
    expect(computeFees(parking, { fahrzeuge: [{}, {}], parkausweis: permit(24, 'ersatz') })!.total).to.equal(1000);
  });

  it('road use: 35 € plus 0,50 € (building) or 1,00 € (sales) per started m² and day, as on the demo page', () => {
    const bau = computeFees(roads, { nutzung: { arten: ['bau'] }, flaeche: 12.5, zeitraum: { tage: 4 } })!;
    expect(bau.policy).to.equal('optional');
    expect(bau.lines.map((l) => [l.id, l.quantity, l.amount])).to.deep.equal([
      ['bearbeitung', 1, 3500],
      ['bau', 52, 2600],
    ]);
    const stand = computeFees(roads, { nutzung: { arten: ['verkauf'] }, flaeche: 2, zeitraum: { tage: 3 } })!;
    expect(stand.total).to.equal(3500 + 600);
  });

  it('dog tax: the rates of the demo page (96 / 132 / 156 € per dog, 600 € per listed dog), billed after the decision', () => {
    const dog = (listenhund: string) => ({ listenhund });
    const r = computeFees(dogs, { hunde: [dog('nein'), dog('ja'), dog('nein'), dog('nein'), dog('nein')] })!;
    expect(r.policy).to.equal('deferred');
    expect(r.lines.map((l) => [l.id, l.quantity, l.amount])).to.deep.equal([
      ['erster-hund', 1, 9600],
      ['zweiter-hund', 1, 13200],
      ['weitere-hunde', 2, 31200],
      ['listenhund', 1, 60000],
    ]);
    expect(r.total).to.equal(114000);
  });

  it('an unknown policy and a non-integer amount are reported by checkDefinition', () => {
    const bad = JSON.parse(JSON.stringify(parking)) as { 'x-ozg': { fees: Record<string, any> } };
    bad['x-ozg'].fees.policy = 'later';
    bad['x-ozg'].fees.kind = 'Steuer';
    bad['x-ozg'].fees.items[0].amount = 30.7;
    const problems = checkDefinition(bad).map((p) => p.pointer);
    expect(problems).to.include('/x-ozg/fees/policy');
    expect(problems).to.include('/x-ozg/fees/kind'); // only "fee" or "tax"
    expect(problems.some((p) => p.startsWith('/x-ozg/fees/items/0'))).to.equal(true);
  });

  it('checkFees reports fee pointers that lead to no question, a count on a non-list, and an empty units range', () => {
    const bad = JSON.parse(JSON.stringify(parking)) as { 'x-ozg': { fees: { items: Record<string, any>[] } } };
    const items = bad['x-ozg'].fees.items;
    items[0]!.when[1].pointer = '/parkausweis/dauer';
    items[1]!.quantity = { count: '/antragsteller', where: { pointer: '/x', equals: 1 } };
    items[2]!.units = { from: 3, to: 2 };
    items[3]!.quantity = { count: '/fahrzeuge', where: { pointer: '/farbe', equals: 'rot' } };
    const found = checkFees(bad);
    const at = (p: string) => found.find((x) => x.pointer === p)?.message.en ?? '';
    expect(at('/x-ozg/fees/items/0/when/1/pointer')).to.contain('/parkausweis/dauer');
    expect(at('/x-ozg/fees/items/1/quantity/count')).to.contain('not a repeatable group');
    expect(at('/x-ozg/fees/items/2/units')).to.contain('never be charged');
    expect(at('/x-ozg/fees/items/3/quantity/where/pointer')).to.contain('/farbe');
    // The demo's own rules, with conditions inside entries ($ref to $defs) and branches, pass.
    for (const form of [parking, dogs, roads])
      expect(checkFees(form as Record<string, unknown>), form.$id).to.deep.equal([]);
  });
});
