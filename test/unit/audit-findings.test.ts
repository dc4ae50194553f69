/**
 * Findings of the BITV audit (issue 16) in the error texts: no technical wrapper errors in the
 * summary (finding 1, WCAG 3.3.1/3.3.3) and messages that read well with any label (finding 6).
 */
import { expect } from '@open-wc/testing';
import { answerSet } from '../../src/modules/audit/answers.js';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';
import { describeError } from '../../src/schemas/messages.js';
import { FormValidator } from '../../src/schemas/validator.js';
import type { JsonSchema } from '../../src/schemas/types.js';

type Schema = Record<string, unknown>;

/** Every condition of a definition, as the answers that switch it on and nothing more below it. */
function triggers(definition: Schema): Array<{ path: string[]; value: Record<string, unknown> }> {
  const found: Array<{ path: string[]; value: Record<string, unknown> }> = [];
  const resolve = (s: Schema): Schema => {
    const ref = s.$ref as string | undefined;
    return ref?.startsWith('#/$defs/') ? resolve((definition.$defs as Record<string, Schema>)[ref.slice(8)]) : s;
  };
  const visit = (raw: Schema, path: string[]) => {
    const s = resolve(raw);
    for (const c of [s, ...((s.allOf as Schema[] | undefined) ?? [])]) {
      const props = (c.if as Schema | undefined)?.properties as Record<string, Schema> | undefined;
      for (const [key, cond] of Object.entries(props ?? {})) {
        const value = cond.const ?? (cond.enum as unknown[] | undefined)?.[0];
        if (value !== undefined) found.push({ path, value: { [key]: value } });
      }
    }
    for (const [key, sub] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}))
      visit(sub, [...path, key]);
    if (s.items) visit(s.items as Schema, [...path, '0']);
  };
  visit(definition, []);
  return found;
}

function setAt(data: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(data);
  let target: Record<string, unknown> = copy;
  path.slice(0, -1).forEach((key, i) => {
    target[key] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
    target = target[key] as Record<string, unknown>;
  });
  if (path.length) target[path[path.length - 1]] = value;
  return path.length ? copy : (value as Record<string, unknown>);
}

describe('finding 1: no "Schema" wrapper errors in the error summary', () => {
  for (const name of ['hundesteuer', 'anwohnerparken', 'sondernutzung']) {
    it(`${name}: every condition switched on with its questions unanswered`, async () => {
      const definition = (await (await fetch(`/demo/forms/${name}.json`)).json()) as JsonSchema;
      const valid = answerSet(definition, 'valid');
      const cases = triggers(definition);
      expect(cases.length, 'conditions found').to.be.greaterThan(1);
      let errors = 0;
      for (const { path, value } of cases) {
        for (const lang of ['de', 'en'] as const) {
          const store = new FormStore(buildModel(definition, name), setAt(valid, path, value));
          store.lang = lang;
          store.attachValidation({ validator: new FormValidator(definition), describe: describeError });
          for (const step of store.model.steps) {
            for (const item of store.validateFields(step.fields)) {
              errors++;
              expect(item.message, `${name} ${path.join('/')}`).not.to.match(/schema|"then"|"if"|„then“/i);
            }
          }
          const all = store.validateFields(
            store.model.steps.flatMap((s) => s.fields),
            true,
          );
          for (const item of all) expect(item.message, `${name} ${path.join('/')} (whole)`).not.to.match(/schema/i);
        }
      }
      expect(errors, 'the conditions brought up unanswered questions').to.be.greaterThan(0);
    });
  }
});

describe('finding 6: error texts that read well with any label', () => {
  const ctx = (label: string, lang: 'de' | 'en', kind: Parameters<typeof describeError>[1]['kind'] = 'text') => ({
    label,
    lang,
    kind,
  });
  const required = { keyword: 'required', instancePath: '', schemaPath: '', params: { missingProperty: 'x' } };
  const err = (keyword: string, params: Record<string, unknown>) => ({
    keyword,
    instancePath: '',
    schemaPath: '',
    params,
  });

  it('a question as label is quoted and named as a question, never built into the sentence', () => {
    expect(describeError(required, ctx('Handelt es sich um einen Listenhund?', 'de', 'choice'))).to.equal(
      'Bitte wählen Sie eine Antwort auf die Frage „Handelt es sich um einen Listenhund?“ aus.',
    );
    expect(describeError(required, ctx('Is it a listed dog?', 'en', 'choice'))).to.equal(
      'Select an answer to “Is it a listed dog?”.',
    );
    expect(describeError(required, ctx('Wie heißt der Hund?', 'de'))).to.equal(
      'Bitte beantworten Sie die Frage „Wie heißt der Hund?“.',
    );
    expect(describeError(required, ctx("What is the dog's name?", 'en'))).to.equal(
      "Answer the question “What is the dog's name?”.",
    );
    expect(describeError(err('maxLength', { limit: 50 }), ctx('Wie heißt der Hund?', 'de'))).to.equal(
      'Die Antwort auf „Wie heißt der Hund?“ darf höchstens 50 Zeichen lang sein.',
    );
    expect(describeError(err('minimum', { limit: 1 }), ctx('How many dogs?', 'en', 'integer'))).to.equal(
      'The answer to “How many dogs?” must be 1 or more.',
    );
    // Other labels are quoted too: a noun, a phrase or a sentence all fit.
    expect(describeError(required, ctx('Vorname', 'de'))).to.equal('Bitte füllen Sie das Feld „Vorname“ aus.');
  });

  it('a pattern without its own message says what to do, not "Sie hat nicht das erwartete Format"', () => {
    const de = describeError(err('pattern', { pattern: '^[0-9]{15}$' }), ctx('Chipnummer', 'de'));
    expect(de).to.equal('Bitte geben Sie die Angabe bei „Chipnummer“ in der verlangten Schreibweise ein.');
    expect(describeError(err('pattern', { pattern: 'x' }), ctx('Wann beginnt die Nutzung?', 'de'))).to.equal(
      'Bitte geben Sie die Antwort auf „Wann beginnt die Nutzung?“ in der verlangten Schreibweise ein.',
    );
    for (const lang of ['de', 'en'] as const) {
      for (const keyword of ['pattern', 'format']) {
        expect(describeError(err(keyword, { pattern: 'x', format: 'hostname' }), ctx('X', lang))).not.to.match(
          /erwartete Format|expected format/,
        );
      }
    }
  });

  it('postcodes: "Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein"', () => {
    expect(describeError(err('format', { format: 'de-postal-code' }), ctx('Postleitzahl', 'de'))).to.equal(
      'Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein.',
    );
  });
});
