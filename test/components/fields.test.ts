/**
 * One suite of behaviour every question type must have: label, hint, required, error, value
 * round-trip — run against each type, in a real browser with real key presses.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgForm } from '../../src/index.js';
import { $, $$, next, renderForm, settle, until } from '../support/form.js';

interface FieldCase {
  name: string;
  schema: Record<string, unknown>;
  /** Answer the question as a person would; the value el.data must then hold. */
  answer: (el: OzgForm) => Promise<void>;
  expected: unknown;
  /** Selector of the element that carries the accessible name and aria-describedby. */
  described: string;
  /** An answer that is wrong, and a part of the message it must produce. */
  wrong?: { answer: (el: OzgForm) => Promise<void>; message: RegExp };
  /** Whether the control shows an answer given through `data`. */
  shows: (el: OzgForm, value: unknown) => boolean;
}

async function type(el: OzgForm, selector: string, text: string) {
  const input = $(el, selector) as HTMLInputElement;
  input.focus();
  input.select?.();
  await sendKeys({ type: text });
  input.blur();
  input.dispatchEvent(new Event('change'));
  await settle(el);
}

const textCase = (
  name: string,
  schema: Record<string, unknown>,
  good: string,
  expected: unknown,
  wrong?: [string, RegExp],
): FieldCase => ({
  name,
  schema,
  answer: (el) => type(el, 'input, textarea', good),
  expected,
  described: 'input, textarea',
  wrong: wrong && { answer: (el) => type(el, 'input, textarea', wrong[0]), message: wrong[1] },
  // German decimal comma for numbers.
  shows: (el, value) =>
    ($(el, 'input, textarea') as HTMLInputElement).value ===
    (typeof value === 'number' ? String(value).replace('.', ',') : value),
});

const cases: FieldCase[] = [
  textCase('text', { type: 'string', minLength: 3 }, 'Bello', 'Bello', ['ab', /mindestens 3 Zeichen/]),
  textCase('textarea', { type: 'string', maxLength: 500 }, 'Ein langer Text', 'Ein langer Text'),
  textCase('email', { type: 'string', format: 'email' }, 'anna@example.org', 'anna@example.org', ['anna@', /E-Mail/]),
  textCase('tel', { type: 'string', format: 'de-phone' }, '030 1234567', '030 1234567', ['12ab', /Telefonnummer/]),
  textCase('url', { type: 'string', format: 'uri' }, 'https://example.org', 'https://example.org', [
    'kein link',
    /Adresse|URL|Internet/i,
  ]),
  textCase('integer', { type: 'integer', minimum: 1, maximum: 20 }, '7', 7, ['25', /höchstens 20/]),
  textCase('number', { type: 'number', minimum: 0 }, '12,5', 12.5, ['zwölf', /Zahl/]),
  {
    name: 'date',
    schema: { type: 'string', format: 'date' },
    answer: async (el) => {
      const input = $(el, 'input') as HTMLInputElement;
      input.focus();
      // A date control takes its segments in the browser's locale order (e.g. mm/dd/yyyy or dd.mm.yyyy).
      const parts = new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2025, 11, 24));
      const digits: Record<string, string> = { day: '24', month: '12', year: '2025' };
      await sendKeys({
        type: parts
          .filter((p) => p.type in digits)
          .map((p) => digits[p.type])
          .join(''),
      });
      input.dispatchEvent(new Event('change'));
      await settle(el);
    },
    expected: '2025-12-24',
    described: 'input',
    shows: (el, value) => ($(el, 'input') as HTMLInputElement).value === value,
  },
  {
    name: 'boolean',
    schema: { type: 'boolean', const: true },
    answer: async (el) => {
      ($(el, 'input[type=checkbox]') as HTMLInputElement).focus();
      await sendKeys({ press: 'Space' });
      await settle(el);
    },
    expected: true,
    described: 'input',
    shows: (el, value) => ($(el, 'input[type=checkbox]') as HTMLInputElement).checked === value,
  },
  {
    name: 'radio choice',
    schema: {
      type: 'string',
      enum: ['m', 'w', 'd'],
      'x-ozg': { enumLabels: { m: 'männlich', w: 'weiblich', d: 'divers' } },
    },
    answer: async (el) => {
      ($$(el, 'input[type=radio]')[0] as HTMLInputElement).focus();
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
    },
    expected: 'w',
    described: 'fieldset',
    shows: (el, value) =>
      ($$(el, 'input[type=radio]')[['m', 'w', 'd'].indexOf(value as string)] as HTMLInputElement).checked,
  },
  {
    name: 'select choice',
    schema: {
      type: 'integer',
      oneOf: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ const: n, title: `${n} Monate` })),
    },
    answer: async (el) => {
      const select = $(el, 'select') as HTMLSelectElement;
      select.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      select.dispatchEvent(new Event('change'));
      await settle(el);
    },
    expected: 2,
    described: 'select',
    shows: (el, value) => ($(el, 'select') as HTMLSelectElement).selectedOptions[0].textContent === `${value} Monate`,
  },
  {
    name: 'multiple choice',
    schema: { type: 'array', uniqueItems: true, minItems: 1, items: { enum: ['gerüst', 'container', 'stand'] } },
    answer: async (el) => {
      const boxes = $$(el, 'input[type=checkbox]') as HTMLInputElement[];
      boxes[2].focus();
      await sendKeys({ press: 'Space' });
      boxes[0].focus();
      await sendKeys({ press: 'Space' });
      await settle(el);
    },
    expected: ['gerüst', 'stand'],
    described: 'fieldset',
    shows: (el, value) =>
      ($$(el, 'input[type=checkbox]') as HTMLInputElement[]).filter((b) => b.checked).length ===
      (value as unknown[]).length,
  },
];

function definition(field: Record<string, unknown>, required: boolean) {
  return {
    type: 'object',
    title: 'Testformular',
    required: required ? ['q'] : [],
    properties: { q: { title: 'Die Frage', description: 'Ein Hinweis zur Frage.', ...field } },
  };
}

function accessibleNameOwner(el: OzgForm, described: string): HTMLElement {
  return $(el, described);
}

for (const c of cases) {
  describe(`question type: ${c.name}`, () => {
    it('is accessible and labelled, with its hint linked', async () => {
      const el = await renderForm(definition(c.schema, true));
      await expect(el).to.be.accessible();
      const owner = accessibleNameOwner(el, c.described);
      const root = el.shadowRoot!;
      const labelText =
        owner.tagName === 'FIELDSET'
          ? owner.querySelector('legend')!.textContent
          : root.querySelector(`label[for="${owner.id}"]`)!.textContent;
      expect(labelText).to.contain('Die Frage');
      const hintId = owner.getAttribute('aria-describedby')!;
      // a long text adds its limit (maxLength 500) to the hint
      expect(root.getElementById(hintId)!.textContent).to.equal(
        c.name === 'textarea' ? 'Ein Hinweis zur Frage. Höchstens 500 Zeichen.' : 'Ein Hinweis zur Frage.',
      );
    });

    it('says "(optional)" only when the question is optional (a single checkbox never: left alone it says no)', async () => {
      const required = await renderForm(definition(c.schema, true));
      expect(required.shadowRoot!.querySelector('.optional') === null).to.equal(true);
      const optional = await renderForm(definition(c.schema, false));
      if (c.name === 'boolean') expect(optional.shadowRoot!.querySelector('.optional') === null).to.equal(true);
      else expect($(optional, '.optional').textContent).to.equal('(optional)');
    });

    it('shows a linked error when a required answer is missing, and accepts an answer', async () => {
      const el = await renderForm(definition(c.schema, true));
      await next(el);
      const summary = $(el, '.error-summary');
      expect(summary.querySelector('h3')!.textContent).to.equal('Es gibt ein Problem');
      expect(el.shadowRoot!.activeElement).to.equal(summary);
      const owner = accessibleNameOwner(el, c.described);
      const error = $(el, '.error-message');
      expect(error.textContent).to.match(/^Fehler:/);
      expect(error.textContent).to.contain('Die Frage');
      expect(owner.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);
      if (owner.tagName !== 'FIELDSET' || c.name === 'radio choice')
        expect(owner.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();

      await c.answer(el);
      expect(el.data.q).to.deep.equal(c.expected);
      expect(el.shadowRoot!.querySelector('.error-message') === null).to.equal(true);
      await next(el);
      expect(el.shadowRoot!.querySelector('.review')).to.exist;
    });

    it('shows an answer given through `data`', async () => {
      const el = await renderForm(definition(c.schema, true), { data: { q: c.expected } });
      expect(c.shows(el, c.expected)).to.equal(true);
      expect(el.data.q).to.deep.equal(c.expected);
    });

    if (c.wrong) {
      it('explains a wrong answer when the person leaves the field', async () => {
        const el = await renderForm(definition(c.schema, true));
        await c.wrong!.answer(el);
        const error = $(el, '.error-message');
        expect(error.textContent).to.match(c.wrong!.message);
        await expect(el).to.be.accessible();
      });
    }
  });
}

describe('question type: read-only with default', () => {
  it('shows the default, cannot be changed, and is submitted', async () => {
    const el = await renderForm(definition({ type: 'string', readOnly: true, default: 'Musterstadt' }, true));
    const input = $(el, 'input') as HTMLInputElement;
    expect(input.value).to.equal('Musterstadt');
    expect(input.readOnly).to.equal(true);
    input.focus();
    await sendKeys({ type: 'X' });
    expect(input.value).to.equal('Musterstadt');
    expect(el.data.q).to.equal('Musterstadt');
  });

  it('a default is the starting value of an editable question', async () => {
    const el = await renderForm(definition({ type: 'integer', default: 3 }, true));
    expect(($(el, 'input') as HTMLInputElement).value).to.equal('3');
    expect(el.data.q).to.equal(3);
  });
});

describe('question type: number, as written in German and in English', () => {
  // German: decimal comma, a point groups thousands; English: decimal point, a comma groups them. One
  // separator that groups nothing is the decimal one, point or comma (a phone keyboard of another
  // region); more than that, mixed up, is no number the form guesses at.
  const typed: Record<'de' | 'en', Array<[string, number | string]>> = {
    de: [
      ['1.000', 1000],
      ['1.000,5', 1000.5],
      ['12.345.678,25', 12345678.25],
      ['-2.500', -2500],
      ['12,5', 12.5],
      ['1000', 1000],
      ['1.00', 1],
      ['1.2.3', '1.2.3'],
      ['1.0000', 1],
      ['0.500', 0.5],
      ['12.5', 12.5],
      ['1,000.5', '1,000.5'],
      ['1.000,', '1.000,'],
    ],
    en: [
      ['1,000', 1000],
      ['1,000.5', 1000.5],
      ['12,345,678.25', 12345678.25],
      ['-2,500', -2500],
      ['12.5', 12.5],
      ['1000', 1000],
      ['1,00', 1],
      ['1,2,3', '1,2,3'],
      ['0,500', 0.5],
      ['12,5', 12.5],
      ['1.000,5', '1.000,5'],
    ],
  };
  const schema = {
    title: 'Zahlen',
    type: 'object',
    properties: {
      flaeche: { type: 'number', title: 'Fläche', 'x-ozg': { i18n: { en: { title: 'Area' } } } },
      anzahl: { type: 'integer', title: 'Anzahl', 'x-ozg': { i18n: { en: { title: 'Count' } } } },
    },
  };
  const notANumber = {
    de: {
      flaeche: 'Bitte geben Sie bei „Fläche“ eine Zahl ein.',
      anzahl: 'Bitte geben Sie bei „Anzahl“ eine ganze Zahl ein.',
    },
    en: { flaeche: 'Enter a number for “Area”.', anzahl: 'Enter a whole number for “Count”.' },
  };

  for (const lang of ['de', 'en'] as const) {
    it(`${lang}: thousands separators are read, ambiguous entries are reported, not changed`, async () => {
      const el = await renderForm(schema, { lang });
      for (const [text, expected] of typed[lang]) {
        for (const key of ['flaeche', 'anzahl'] as const) {
          const input = $(el, `[name="/${key}"]`) as HTMLInputElement;
          await type(el, `[name="/${key}"]`, text);
          expect(el.data[key], `${lang} ${key} "${text}"`).to.equal(expected);
          expect(input.value, `${lang} ${key} "${text}" stays as typed`).to.equal(text);
          const error = input.closest('.field')!.querySelector('.error-message')?.textContent ?? '';
          if (typeof expected === 'string') expect(error, `${lang} ${key} "${text}"`).to.contain(notANumber[lang][key]);
          else if (key === 'anzahl' && !Number.isInteger(expected))
            expect(error, `${lang} ${key} "${text}"`).to.contain(notANumber[lang].anzahl);
          else expect(error, `${lang} ${key} "${text}"`).to.equal('');
        }
      }
    });
  }
});

describe('question type: a boolean that must be answered (no confirmation)', () => {
  const schema = (required: boolean) => ({
    type: 'object',
    title: 'Hund',
    required: required ? ['gechippt'] : [],
    properties: {
      gechippt: {
        type: 'boolean',
        title: 'Ist der Hund gechippt?',
        'x-ozg': { i18n: { en: { title: 'Is the dog chipped?' } } },
      },
    },
  });

  it('asks "Ja" or "Nein" with radio buttons; "Nein" is an answer, none is an error', async () => {
    const el = await renderForm(schema(true));
    const radios = $$(el, 'input[type=radio]') as HTMLInputElement[];
    expect(radios.map((r) => el.shadowRoot!.querySelector(`label[for="${r.id}"]`)?.textContent?.trim())).to.deep.equal([
      'Ja',
      'Nein',
    ]);
    expect($(el, 'fieldset legend').textContent).to.contain('Ist der Hund gechippt?');
    await next(el);
    expect($(el, '.error-summary').textContent).to.contain('Ist der Hund gechippt?');
    radios[1]!.click();
    await settle(el);
    expect(el.data.gechippt).to.equal(false);
    await expect(el).to.be.accessible();
    // The review page says the answer in words.
    await next(el);
    expect(el.shadowRoot!.textContent).to.match(/Ist der Hund gechippt\?\s*Nein/);
  });

  it('says "Yes" and "No" in English', async () => {
    const el = await renderForm(schema(true), { lang: 'en' });
    const labels = ($$(el, 'input[type=radio]') as HTMLInputElement[]).map((r) =>
      el.shadowRoot!.querySelector(`label[for="${r.id}"]`)?.textContent?.trim(),
    );
    expect(labels).to.deep.equal(['Yes', 'No']);
  });

  it('stays one checkbox when it may be left alone', async () => {
    const el = await renderForm(schema(false));
    expect($$(el, 'input[type=radio]')).to.have.length(0);
    expect($$(el, 'input[type=checkbox]')).to.have.length(1);
  });
});

describe('question type: textarea and its maxLength', () => {
  const schema = {
    type: 'object',
    title: 'Text',
    properties: { text: { type: 'string', title: 'Bemerkungen', maxLength: 6, 'x-ozg': { widget: 'textarea' } } },
  };

  it('takes as many characters as maxLength allows, emoji too, and explains a text that is too long', async () => {
    const el = await renderForm(schema);
    const area = $(el, 'textarea') as HTMLTextAreaElement;
    expect(area.hasAttribute('maxlength')).to.equal(false);
    area.focus();
    // Six characters (code points), twelve UTF-16 units: allowed by maxLength 6.
    await sendKeys({ type: '🐕🐕🐕🐕🐕🐕' });
    area.dispatchEvent(new Event('change'));
    await settle(el);
    expect(el.data.text).to.equal('🐕🐕🐕🐕🐕🐕');
    expect(el.shadowRoot!.querySelector('.error-message') === null, 'no error message').to.equal(true);
    await sendKeys({ type: 'x' });
    area.dispatchEvent(new Event('change'));
    await settle(el);
    expect(area.value).to.equal('🐕🐕🐕🐕🐕🐕x');
    await next(el);
    const error = await until(() => el.shadowRoot!.querySelector('.field .error-message'), 'the error under the field');
    expect(error.textContent).to.match(/6 Zeichen/);
  });

  it("says its limit in the hint before it is reached, after the description, in the form's language", async () => {
    const long = (description?: string) => ({
      type: 'object',
      properties: {
        text: { type: 'string', title: 'Bemerkungen', maxLength: 1000, ...(description ? { description } : {}) },
        plz: { type: 'string', title: 'PLZ', maxLength: 5 },
      },
    });
    const el = await renderForm(long('Was sollen wir noch wissen?'));
    const area = $(el, 'textarea');
    const hint = el.shadowRoot!.getElementById(area.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(hint.textContent!.trim()).to.equal('Was sollen wir noch wissen? Höchstens 1.000 Zeichen.');
    const plz = $(el, 'input');
    expect(plz.getAttribute('aria-describedby'), 'a one-line answer has no such note').to.equal(null);
    el.setAttribute('lang', 'en');
    await settle(el);
    expect(el.shadowRoot!.getElementById(area.getAttribute('aria-describedby')!)!.textContent!.trim()).to.contain(
      'At most 1,000 characters.',
    );
    const bare = await renderForm(long());
    const only = $(bare, 'textarea');
    expect(bare.shadowRoot!.getElementById(only.getAttribute('aria-describedby')!)!.textContent!.trim()).to.equal(
      'Höchstens 1.000 Zeichen.',
    );
  });
});

describe('one-line answers', () => {
  it('lose the spaces around them when the person leaves the field ("12345 " is a postcode)', async () => {
    const el = await renderForm({
      type: 'object',
      title: 'Adresse',
      properties: {
        plz: { type: 'string', title: 'Postleitzahl', format: 'de-postal-code' },
        text: { type: 'string', title: 'Bemerkung', 'x-ozg': { widget: 'textarea' } },
      },
    });
    await type(el, '[name="/plz"]', ' 12345 ');
    expect(el.data.plz).to.equal('12345');
    expect(($(el, '[name="/plz"]') as HTMLInputElement).value).to.equal('12345');
    // A longer text keeps its layout, spaces included.
    await type(el, '[name="/text"]', '  eingerückt');
    expect(el.data.text).to.equal('  eingerückt');
    await next(el);
    expect(el.shadowRoot!.querySelector('.error-summary') === null, 'no error summary').to.equal(true);
  });
});
