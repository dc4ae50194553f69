/** Date rules (x-ozg.date): one pure function, the same verdict in the browser's validator and the
 * gateway's (Ajv), with "today" injected. */
import { expect } from '@open-wc/testing';
import { ajvEngine } from '../../src/schemas/ajv.js';
import { boundDate, dateRuleError, isDateBound } from '../../src/schemas/date-rules.js';
import { describeError } from '../../src/schemas/messages.js';
import type { JsonSchema } from '../../src/schemas/types.js';
import { FormValidator } from '../../src/schemas/validator.js';
import { ANSWERS } from '../e2e/answers.js';

const none = () => undefined;

describe('date bounds', () => {
  it('count from today in days, weeks, months and years, and read another answer', () => {
    expect(boundDate('today', '2026-12-06', none)).to.equal('2026-12-06');
    expect(boundDate('today+P14D', '2026-12-06', none)).to.equal('2026-12-20');
    expect(boundDate('today+P2W', '2026-12-25', none)).to.equal('2027-01-08');
    expect(boundDate('today-P18Y', '2026-02-28', none)).to.equal('2008-02-28');
    expect(boundDate('today+P1M', '2027-01-31', none)).to.equal('2027-02-28');
    expect(boundDate('today-P1Y', '2028-02-29', none)).to.equal('2027-02-28');
    expect(boundDate('2027-01-01', '2026-12-06', none)).to.equal('2027-01-01');
    expect(boundDate('/beginn', '2026-12-06', (n) => (n === 'beginn' ? '2027-03-01' : undefined))).to.equal(
      '2027-03-01',
    );
    expect(boundDate('/beginn', '2026-12-06', none)).to.equal(undefined);
    expect(['today', 'today+P14D', 'today-P1Y2M', '2027-01-01', '/beginn'].every(isDateBound)).to.equal(true);
    expect(['tomorrow', 'today+P', 'today+14', '/a/b', '01.01.2027'].some(isDateBound)).to.equal(false);
  });

  it('judge min/max inclusively and after/before exclusively', () => {
    const today = '2026-12-06';
    expect(dateRuleError({ max: 'today' }, '2026-12-06', today, none)).to.equal(undefined);
    expect(dateRuleError({ max: 'today' }, '2026-12-07', today, none)?.params).to.deep.include({
      comparison: 'max',
      limit: '2026-12-06',
      today: true,
    });
    expect(dateRuleError({ before: 'today' }, '2026-12-06', today, none)?.params.comparison).to.equal('before');
    expect(dateRuleError({ min: 'today+P14D' }, '2026-12-19', today, none)?.params.limit).to.equal('2026-12-20');
    expect(dateRuleError({ min: 'today+P14D' }, '2026-12-20', today, none)).to.equal(undefined);
    expect(dateRuleError({ after: '/beginn' }, '2027-03-01', today, () => '2027-03-01')?.params.comparison).to.equal(
      'after',
    );
    expect(dateRuleError({ max: 'today' }, 'kein Datum', today, none)).to.equal(undefined);
  });
});

describe('date rules in the browser and at the gateway', () => {
  let definition: JsonSchema;
  before(async () => {
    definition = await (await fetch('/test/fixtures/forms/termine.json')).json();
  });

  it('find the same errors with the interpreter and with Ajv', () => {
    const today = () => '2026-12-06';
    const browser = new FormValidator(definition, undefined, { today });
    const gateway = new FormValidator(definition, ajvEngine(definition), { today });
    const wrong = {
      geburtsdatum: '2027-01-01',
      beginn: '2026-12-10',
      ende: '2026-12-09',
      letzteVeranstaltung: '2026-12-06',
    };
    const right = {
      geburtsdatum: '1990-05-17',
      beginn: '2026-12-20',
      ende: '2026-12-20',
      letzteVeranstaltung: '2025-06-01',
    };
    const errors = (v: FormValidator, data: unknown) =>
      v.validateAll(data).map((e) => [e.instancePath, e.keyword, e.params.comparison, e.params.limit]);
    const expected = [
      ['/geburtsdatum', 'date', 'max', '2008-12-06'],
      ['/beginn', 'date', 'min', '2026-12-20'],
      ['/ende', 'date', 'min', '2026-12-10'],
      ['/letzteVeranstaltung', 'date', 'before', '2026-12-06'],
    ];
    expect(errors(browser, wrong)).to.deep.equal(expected);
    expect(errors(gateway, wrong)).to.deep.equal(expected);
    expect(errors(browser, right)).to.deep.equal([]);
    expect(errors(gateway, right)).to.deep.equal([]);
    // One question with its object: the rule that names another answer.
    expect(browser.validateAt('/properties/ende', '2026-12-09', { beginn: '2026-12-10' })).to.have.length(1);
  });

  it('say it in German and English', () => {
    const error = dateRuleError({ min: 'today+P14D' }, '2026-12-10', '2026-12-06', none)!;
    const say = (lang: 'de' | 'en') => describeError(error, { label: 'Beginn', lang, kind: 'date' });
    expect(say('de')).to.equal('Die Angabe bei „Beginn“ darf nicht vor dem 20.12.2026 liegen.');
    expect(say('en')).to.equal('The answer to “Beginn” must be on or after 20 December 2026.');
    const future = dateRuleError({ max: 'today' }, '2026-12-10', '2026-12-06', none)!;
    expect(describeError(future, { label: 'Geburtsdatum', lang: 'de', kind: 'date' })).to.equal(
      'Die Angabe bei „Geburtsdatum“ darf nicht in der Zukunft liegen.',
    );
    const after = dateRuleError({ after: '/beginn' }, '2026-12-10', '2026-12-06', () => '2026-12-11')!;
    expect(describeError(after, { label: 'Ende', lang: 'de', kind: 'date' })).to.equal(
      'Die Angabe bei „Ende“ muss nach dem 11.12.2026 liegen.',
    );
  });
});

describe('the demo forms', () => {
  // Their hints say so ("Frühestens ab dem Tag der Antragstellung"); a review found 2001 and an end before
  // the start accepted up to the review page.
  const today = () => '2026-12-06';
  const load = async (name: string) => (await fetch(`/demo/forms/${name}.json`)).json() as Promise<JsonSchema>;
  const rules = async (name: string, data: object) => {
    const definition = await load(name);
    const browser = new FormValidator(definition, undefined, { today });
    const gateway = new FormValidator(definition, ajvEngine(definition), { today });
    const found = (v: FormValidator) =>
      v
        .validateAll(data)
        .filter((e) => e.keyword === 'date')
        .map((e) => [e.instancePath, e.params.comparison, e.params.limit]);
    expect(found(gateway)).to.deep.equal(found(browser));
    return found(browser);
  };
  const change = (name: keyof typeof ANSWERS, edit: (a: Record<string, any>) => void) => {
    const a = structuredClone(ANSWERS[name]) as Record<string, any>;
    edit(a);
    return a;
  };

  it('accept the sample answers', async () => {
    for (const name of ['hundesteuer', 'anwohnerparken', 'sondernutzung'] as const)
      expect(await rules(name, ANSWERS[name]), name).to.deep.equal([]);
  });

  it('refuse a permit from the past, an end before the start, births in the future', async () => {
    expect(
      await rules(
        'anwohnerparken',
        change('anwohnerparken', (a) => (a.parkausweis.beginn = '2001-01-01')),
      ),
    ).to.deep.equal([['/parkausweis/beginn', 'min', '2026-12-06']]);
    expect(
      await rules(
        'sondernutzung',
        change('sondernutzung', (a) => Object.assign(a.zeitraum, { von: '2030-03-31', bis: '2030-03-01' })),
      ),
    ).to.deep.equal([['/zeitraum/bis', 'min', '2030-03-31']]);
    expect(
      await rules(
        'hundesteuer',
        change('hundesteuer', (a) => {
          a.halter.geburtsdatum = '2030-01-01';
          Object.assign(a.hunde[0], { geburtsdatum: '2031-01-01', haltungSeit: '2019-01-01' });
        }),
      ),
    ).to.deep.equal([
      ['/halter/geburtsdatum', 'max', '2026-12-06'],
      ['/hunde/0/geburtsdatum', 'max', '2026-12-06'],
      ['/hunde/0/haltungSeit', 'min', '2031-01-01'],
    ]);
  });
});
