/** Limits that contradict each other: the checker refuses questions nobody can answer (src/schemas/check/limits.ts). */
import { expect } from '@open-wc/testing';
import { checkAll } from '../../src/schemas/check/index.js';
import type { DefinitionProblem } from '../../src/schemas/check.js';

type Json = Record<string, any>;
const form = (properties: Json): Json => ({ type: 'object', title: 'Antrag', properties });
const errors = (d: Json): DefinitionProblem[] => checkAll(d).filter((p) => !p.severity);
const at = (d: Json, pointer: string): DefinitionProblem[] => errors(d).filter((p) => p.pointer === pointer);

describe('checkAll: questions nobody can answer', () => {
  it('refuses minLength above maxLength, naming the question and its pointer in German and English', () => {
    const [problem, ...more] = at(
      form({ a: { type: 'string', title: 'Straße', minLength: 60, maxLength: 5 } }),
      '/properties/a/minLength',
    );
    expect(more).to.have.length(0);
    expect(problem!.message.de).to.contain('„Straße“ (/properties/a) kann niemand beantworten');
    expect(problem!.message.de).to.contain('minLength 60 ist größer als maxLength 5');
    expect(problem!.message.en)
      .to.contain('"Straße" (/properties/a)')
      .and.contain('minLength 60 is greater than maxLength 5');
  });

  it('refuses number bounds with no number between them, also exclusive ones and integers', () => {
    const d = form({
      b: { type: 'integer', title: 'B', minimum: 10, maximum: 1 },
      c: { type: 'number', title: 'C', minimum: 3, exclusiveMaximum: 3 },
      n: { type: 'integer', title: 'N', exclusiveMinimum: 1, exclusiveMaximum: 2 },
      ok: { type: 'number', title: 'OK', exclusiveMinimum: 1, exclusiveMaximum: 2 },
      same: { type: 'integer', title: 'Same', minimum: 2, maximum: 2 },
    });
    expect(at(d, '/properties/b/minimum')[0]!.message.en).to.contain('minimum 10 is greater than maximum 1');
    expect(at(d, '/properties/c/minimum')[0]!.message.en).to.contain('allow no number');
    expect(at(d, '/properties/n/exclusiveMinimum')[0]!.message.de).to.contain('keine ganze Zahl');
    expect(errors(d).filter((p) => /\/(ok|same)\//.test(p.pointer))).to.deep.equal([]);
  });

  it('refuses a list that asks for more entries than anybody adds (minItems above 1,000), as FIM "anzahl" 1000000000:* does', () => {
    const entry = { type: 'object', properties: { name: { type: 'string', title: 'Name' } } };
    const d = form({
      huge: { type: 'array', title: 'Kinder', minItems: 1_000_000_000, items: entry },
      fine: { type: 'array', title: 'Fahrzeuge', minItems: 1000, items: entry },
    });
    const [problem] = at(d, '/properties/huge/minItems');
    expect(problem!.message.de).to.contain('minItems 1000000000 verlangt mehr als 1.000 Einträge');
    expect(problem!.message.en).to.contain('more than 1,000 entries');
    expect(at(d, '/properties/fine/minItems')).to.deep.equal([]);
  });

  it('refuses minItems above maxItems and above the options of a multiple choice with uniqueItems', () => {
    const d = form({
      c: {
        type: 'array',
        title: 'Farben',
        minItems: 3,
        items: { type: 'string', enum: ['rot', 'grün'] },
        uniqueItems: true,
      },
      l: { type: 'array', title: 'Liste', minItems: 5, maxItems: 2, items: { type: 'string' } },
    });
    expect(at(d, '/properties/c/minItems')[0]!.message.en).to.contain(
      'more different answers than there are options (2)',
    );
    expect(at(d, '/properties/l/minItems')[0]!.message.de).to.contain('minItems 5 ist größer als maxItems 2');
  });

  it('refuses a date rule whose earliest day is after its latest', () => {
    const date = (rule: Json) => ({ type: 'string', format: 'date', title: 'Datum', 'x-ozg': { date: rule } });
    const d = form({
      a: date({ min: 'today', max: 'today-P1D' }),
      b: date({ after: '2027-01-01', max: '2027-01-01' }),
      ok: date({ min: 'today-P18Y', max: 'today' }),
    });
    expect(at(d, '/properties/a/x-ozg/date/min')).to.have.length(1);
    expect(at(d, '/properties/b/x-ozg/date/after')[0]!.message.en).to.contain('allow no date');
    expect(errors(d).filter((p) => p.pointer.startsWith('/properties/ok'))).to.deep.equal([]);
  });
});
