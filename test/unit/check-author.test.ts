import { expect } from '@open-wc/testing';
import { checkAll, formatReport } from '../../src/schemas/check/index.js';
import type { DefinitionProblem } from '../../src/schemas/check.js';

type Json = Record<string, any>;

/** A small definition that the full check finds nothing in: every text translated, every limit stated. */
function base(): Json {
  const en = (title: string) => ({ i18n: { en: { title } } });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Antrag',
    type: 'object',
    'x-ozg': {
      leika: '99108004001000',
      account: { login: 'optional', trustLevel: 'substantiell' },
      steps: [
        {
          id: 'a',
          title: 'Angaben',
          fields: ['vorname', 'email', 'kennzeichen', 'laufzeit', 'personen', 'nachweise'],
          i18n: { en: { title: 'Details' } },
        },
      ],
      i18n: { en: { title: 'Application' } },
      fees: {
        policy: 'before-submission',
        purpose: 'Parkausweis',
        items: [
          {
            id: 'jahr',
            description: 'Ein Jahr',
            amount: 3000,
            i18n: { en: { description: 'One year' } },
            when: { pointer: '/laufzeit', equals: 12 },
          },
          {
            id: 'person',
            description: 'Je Person',
            amount: 50,
            quantity: { count: '/personen', where: { pointer: '/rolle', equals: 'kind' } },
            i18n: { en: { description: 'Per person' } },
          },
        ],
      },
    },
    required: ['vorname', 'laufzeit'],
    properties: {
      vorname: {
        type: 'string',
        title: 'Vorname',
        'x-ozg': { autocomplete: 'given-name', prefill: 'given_name', ...en('First name') },
      },
      email: { type: 'string', format: 'email', title: 'E-Mail', 'x-ozg': { autocomplete: 'email', ...en('E-mail') } },
      kennzeichen: {
        type: 'string',
        title: 'Kennzeichen',
        pattern: '^[A-Z]{1,3}-[A-Z]{1,2} [0-9]{1,4}$',
        'x-ozg': {
          errors: { pattern: 'So: M-AB 123' },
          i18n: { en: { title: 'Number plate', errors: { pattern: 'Like M-AB 123' } } },
        },
      },
      laufzeit: {
        type: 'integer',
        title: 'Laufzeit',
        enum: [6, 12],
        'x-ozg': {
          enumLabels: { 6: '6 Monate', 12: '12 Monate' },
          i18n: { en: { title: 'Duration', enumLabels: { 6: '6 months', 12: '12 months' } } },
        },
      },
      personen: {
        type: 'array',
        title: 'Personen',
        maxItems: 5,
        'x-ozg': en('People'),
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', title: 'Name', 'x-ozg': en('Name') },
            rolle: { type: 'string', title: 'Rolle', enum: ['kind', 'erwachsen'], 'x-ozg': en('Role') },
          },
        },
      },
      nachweise: {
        type: 'array',
        title: 'Nachweise',
        maxItems: 3,
        'x-ozg': { file: { accept: ['application/pdf'], maxFileSize: 10485760 }, ...en('Documents') },
      },
    },
  };
}

/** The one problem at `pointer`; fails with the whole list when there is none. */
function at(problems: DefinitionProblem[], pointer: string, severity: 'error' | 'warning'): DefinitionProblem {
  const found = problems.filter((p) => p.pointer === pointer);
  expect(found, `problem at ${pointer} in ${JSON.stringify(problems, null, 1)}`).to.have.length(1);
  expect(found[0]!.severity ?? 'error', `severity at ${pointer}`).to.equal(severity);
  return found[0]!;
}
function says(problem: DefinitionProblem, de: string[], en: string[]): void {
  for (const word of de) expect(problem.message.de).to.contain(word);
  for (const word of en) expect(problem.message.en).to.contain(word);
}

describe('checkAll (the author check: ozg-form-check and the playground)', () => {
  it('finds nothing in a complete definition', () => {
    expect(checkAll(base())).to.deep.equal([]);
  });

  it('refuses a question named "__proto__" (the form is not shown with it), at its place', () => {
    const d = base();
    const text = JSON.stringify(d).replace(
      '"properties":{',
      '"properties":{"__proto__":{"type":"string","title":"X"},',
    );
    const problems = checkAll(JSON.parse(text));
    const found = problems.filter((p) => p.pointer === '/properties/__proto__' && !p.severity);
    expect(found.length).to.equal(1);
    expect(found[0]!.message.de).to.contain('„__proto__“ kann keine Frage benennen');
    expect(found[0]!.message.en).to.contain('"__proto__" cannot name a question');
  });

  it('warns about every German text without its English one, at the German text', () => {
    const d = base();
    delete d.properties.email['x-ozg'].i18n;
    d.properties.kennzeichen['x-ozg'].help = 'Wie im Fahrzeugschein';
    delete d['x-ozg'].steps[0].i18n;
    delete d.properties.laufzeit['x-ozg'].i18n.en.enumLabels;
    const problems = checkAll(d);
    says(
      at(problems, '/properties/email/title', 'warning'),
      ['x-ozg.i18n.en.title'],
      ['English text missing', 'x-ozg.i18n.en.title'],
    );
    says(at(problems, '/properties/kennzeichen/x-ozg/help', 'warning'), ['i18n.en.help'], ['i18n.en.help']);
    at(problems, '/x-ozg/steps/0/title', 'warning');
    at(problems, '/properties/laufzeit/x-ozg/enumLabels/6', 'warning');
    at(problems, '/properties/laufzeit/x-ozg/enumLabels/12', 'warning');
    expect(problems).to.have.length(5);
  });

  it('warns that format time and date-time ask for RFC 3339 values nobody types, and names the pattern to use', () => {
    const d = base() as Record<string, any>;
    d.properties.ab = { type: 'string', format: 'time', title: 'Ab', 'x-ozg': { i18n: { en: { title: 'From' } } } };
    d.properties.termin = {
      type: 'string',
      format: 'date-time',
      title: 'Termin',
      'x-ozg': { i18n: { en: { title: 'Appointment' } } },
    };
    d['x-ozg'].steps[0].fields.push('ab', 'termin');
    const problems = checkAll(d);
    says(
      at(problems, '/properties/ab/format', 'warning'),
      ['14:30:00+01:00', '"pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"'],
      ['14:30:00+01:00', 'instead of format'],
    );
    says(at(problems, '/properties/termin/format', 'warning'), ['"format": "date"', 'getrennt'], ['separately']);
    expect(problems).to.have.length(2);
  });

  it('asks for a label on a question without title', () => {
    const d = base();
    delete d.properties.personen.items.properties.name.title;
    says(
      at(checkAll(d), '/properties/personen/items/properties/name', 'error'),
      ['"title"', 'Screenreader'],
      ['"title"', 'screen readers'],
    );
  });

  it('warns about a file question without its limits and names the defaults', () => {
    const d = base();
    delete d.properties.nachweise.maxItems;
    delete d.properties.nachweise['x-ozg'].file.maxFileSize;
    says(
      at(checkAll(d), '/properties/nachweise/x-ozg/file', 'warning'),
      ['maxItems', 'maxFileSize', '10485760'],
      ['maxItems', 'maxFileSize'],
    );
  });

  it('asks for a payment policy, a purpose without umlauts and amounts in cents', () => {
    const d = base();
    delete d['x-ozg'].fees.policy;
    d['x-ozg'].fees.purpose = 'Gebühr Straße';
    d['x-ozg'].fees.items[0].amount = 10.5;
    const problems = checkAll(d);
    says(
      at(problems, '/x-ozg/fees', 'error'),
      ['"policy"', 'before-submission', 'deferred'],
      ['payment policy', 'before-submission'],
    );
    says(
      at(problems, '/x-ozg/fees/purpose', 'error'),
      ['ohne Umlaute (ae, oe, ue, ss)', '"Gebuehr Strasse"'],
      ['without umlauts (ae, oe, ue, ss)'],
    );
    says(
      at(problems, '/x-ozg/fees/items/0/amount', 'error'),
      ['in Cent (1050 für 10,50 €)', '1050'],
      ['in cents (1050 for 10.50 €)', '1050'],
    );
  });

  it('warns when a single fee looks like euros instead of cents, not for a price per unit', () => {
    const d = base();
    d['x-ozg'].fees.items[0].amount = 30;
    const problems = checkAll(d);
    says(at(problems, '/x-ozg/fees/items/0/amount', 'warning'), ['0,30 €', '3000'], ['3000']);
    expect(problems.filter((p) => p.pointer === '/x-ozg/fees/items/1/amount')).to.deep.equal([]);
  });

  it('says what a LeiKa key looks like instead of a regex', () => {
    for (const leika of ['12345', 991080040010001, '10108004001000']) {
      const d = base();
      d['x-ozg'].leika = leika;
      const problem = at(checkAll(d), '/x-ozg/leika', 'error');
      says(problem, ['14 Ziffern, beginnend mit 99'], ['14 digits starting with 99']);
      expect(problem.message.de).not.to.contain('^99');
    }
  });

  it('warns about personal data without an autocomplete token and refuses an invalid token', () => {
    const d = base();
    d.properties.telefon = {
      type: 'string',
      title: 'Telefon',
      format: 'de-phone',
      'x-ozg': { i18n: { en: { title: 'Phone' } } },
    };
    d.properties.vorname['x-ozg'].autocomplete = 'phone';
    d['x-ozg'].steps[0].fields.push('telefon');
    const problems = checkAll(d);
    says(
      at(problems, '/properties/telefon', 'warning'),
      ['"autocomplete": "tel"', 'WCAG 1.3.5'],
      ['"autocomplete": "tel"'],
    );
    says(at(problems, '/properties/vorname/x-ozg/autocomplete', 'error'), ['„phone“'], ['"phone"', 'HTML standard']);
  });

  it('suggests the token meant by a German or English name, a typo away, or none at all', () => {
    const meant: Record<string, string | undefined> = {
      phone: 'tel',
      telefon: 'tel',
      mobile: 'tel',
      plz: 'postal-code',
      zip: 'postal-code',
      postleitzahl: 'postal-code',
      nachname: 'family-name',
      vorname: 'given-name',
      ort: 'address-level2',
      stadt: 'address-level2',
      strasse: 'street-address',
      mail: 'email',
      'e-mail': 'email',
      emial: 'email',
      'given-nmae': 'given-name',
      xyz: undefined,
    };
    for (const [token, suggestion] of Object.entries(meant)) {
      const d = base();
      d.properties.vorname['x-ozg'].autocomplete = token;
      const problem = at(checkAll(d), '/properties/vorname/x-ozg/autocomplete', 'error');
      if (suggestion) says(problem, [`Meinen Sie „${suggestion}“?`], [`Did you mean "${suggestion}"?`]);
      else expect(problem.message.en, token).not.to.contain('Did you mean');
    }
  });

  it('accepts autocomplete tokens with section, shipping and contact modifiers', () => {
    const d = base();
    d.properties.email['x-ozg'].autocomplete = 'section-halter work email';
    expect(checkAll(d)).to.deep.equal([]);
    d.properties.email['x-ozg'].autocomplete = 'work given-name';
    at(checkAll(d), '/properties/email/x-ozg/autocomplete', 'error');
  });

  it('asks for an own message for a pattern, naming the question by its title (a FIM key says nothing)', () => {
    const d = base();
    delete d.properties.kennzeichen['x-ozg'].errors;
    delete d.properties.kennzeichen['x-ozg'].i18n.en.errors;
    // as a FIM import names its properties
    d.properties.F00000000205 = d.properties.kennzeichen;
    delete d.properties.kennzeichen;
    d['x-ozg'].steps[0].fields = d['x-ozg'].steps[0].fields.map((f: string) =>
      f === 'kennzeichen' ? 'F00000000205' : f,
    );
    const problem = at(checkAll(d), '/properties/F00000000205/pattern', 'warning');
    says(
      problem,
      ['„Kennzeichen“ hat ein pattern', 'x-ozg.errors.pattern', 'Bitte prüfen Sie die Angabe'],
      ['"Number plate" has a pattern', 'x-ozg.errors.pattern'],
    );
    expect(problem.message.de).not.to.contain('F00000000205');
  });

  it('names a file question and a question without autocomplete by their titles', () => {
    const d = base();
    delete d.properties.nachweise['x-ozg'].file.maxFileSize;
    delete d.properties.vorname['x-ozg'].autocomplete;
    // German messages with the German title, English ones with the English title (x-ozg.i18n.en)
    says(at(checkAll(d), '/properties/nachweise/x-ozg/file', 'warning'), ['„Nachweise“'], ['"Documents"']);
    says(at(checkAll(d), '/properties/vorname', 'warning'), ['„Vorname“ fragt'], ['"First name" asks']);
  });

  it('refuses an unknown prefill claim (with the nearest one) and prefill inside a repeatable group', () => {
    const d = base();
    d.properties.vorname['x-ozg'].prefill = 'givenname';
    d.properties.personen.items.properties.name['x-ozg'].prefill = 'family_name';
    const problems = checkAll(d);
    says(
      at(problems, '/properties/vorname/x-ozg/prefill', 'error'),
      ['„givenname“', '„given_name“'],
      ['never be filled', '"given_name"'],
    );
    says(
      at(problems, '/properties/personen/items/properties/name/x-ozg/prefill', 'error'),
      ['wiederholbaren Gruppe'],
      ['repeatable group'],
    );
  });

  it('warns about prefill without a login', () => {
    const d = base();
    delete d['x-ozg'].account;
    says(at(checkAll(d), '/properties/vorname/x-ozg/prefill', 'warning'), ['"account"'], ['"account"']);
  });

  it('refuses a required name without a property, also inside then', () => {
    const d = base();
    d.required.push('nachnahme');
    d.allOf = [{ if: { properties: { laufzeit: { const: 12 } } }, then: { required: ['email', 'emial'] } }];
    const problems = checkAll(d);
    says(at(problems, '/required/2', 'error'), ['„nachnahme“', 'required'], ['"nachnahme"', 'refuses the data']);
    says(at(problems, '/allOf/0/then/required/1', 'error'), ['„email“'], ['Did you mean "email"']);
  });

  it('points at a misspelt keyword with the nearest known one, and at unsupported keywords', () => {
    const d = base();
    d.properties.personen.items.requried = ['name'];
    d.properties.email.formatMaximum = '2030-01-01';
    d.properties.email.errorMessage = 'Falsch';
    const problems = checkAll(d);
    says(at(problems, '/properties/personen/items/requried', 'error'), ['„required“'], ['did you mean "required"']);
    says(at(problems, '/properties/email/formatMaximum', 'error'), ['nicht geprüft'], ['not checked']);
    says(at(problems, '/properties/email/errorMessage', 'error'), ['x-ozg.errors'], ['x-ozg.errors']);
  });

  it('refuses a fee condition comparing with a value the question cannot have', () => {
    const d = base();
    d['x-ozg'].fees.items[0].when.equals = '12';
    d['x-ozg'].fees.items[1].quantity.where.equals = 'Kind';
    const problems = checkAll(d);
    says(at(problems, '/x-ozg/fees/items/0/when/equals', 'error'), ['"12"', '6, 12'], ['12 is not "12"']);
    says(at(problems, '/x-ozg/fees/items/1/quantity/where/equals', 'error'), ['"Kind"', '"kind"'], ['"Kind"']);
  });

  it('lists errors before warnings and marks warnings in the report', () => {
    const d = base();
    delete d.properties.email['x-ozg'].i18n;
    d['x-ozg'].leika = '1';
    const problems = checkAll(d);
    expect(problems.map((p) => p.severity ?? 'error')).to.deep.equal(['error', 'warning']);
    expect(formatReport(problems, 'de').split('\n')[1]).to.match(/^\/properties\/email\/title: Warnung: /);
    expect(formatReport(problems, 'en').split('\n')[1]).to.match(/^\/properties\/email\/title: warning: /);
  });

  it('accepts a custom element as widget, but not a misspelt built-in one', () => {
    const d = base();
    d.properties.vorname['x-ozg'].widget = 'my-address-lookup';
    expect(checkAll(d)).to.deep.equal([]);
    d.properties.vorname['x-ozg'].widget = 'radios';
    says(
      at(checkAll(d), '/properties/vorname/x-ozg/widget', 'error'),
      ['radio', 'checkboxes'],
      ['radio', 'checkboxes'],
    );
  });

  it('keeps the problems of checkDefinition', () => {
    const problems = checkAll({ type: 'string' });
    expect(problems.map((p) => p.pointer)).to.include.members(['/type', '/properties']);
  });
});
