// One judge: every fixture definition gets the same verdict from the element (the form model plus the
// check the browser runs when a form loads) and from the command-line checker (checkAll, Ajv). An
// editor who checked a form must not meet a refusal in production, nor the reverse.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkDefinition as checkInBrowser } from '../../src/schemas/check-browser.js';
import { checkAll, checkDefinition } from '../../src/schemas/check/index.js';
import { buildModel } from '../../src/schemas/model.js';
import { refusals } from '../../src/schemas/support.js';
import { ajvEngine } from '../../src/schemas/ajv.js';
import { FormValidator } from '../../src/schemas/validator.js';

const DIRS = ['test/fixtures/forms', 'test/fixtures/check', 'demo/forms'];

function definitions(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const dir of DIRS) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      try {
        out.push([join(dir, file), JSON.parse(readFileSync(join(dir, file), 'utf8'))]);
      } catch {
        // not JSON at all (bad-json.json): neither gets that far
      }
    }
  }
  return out;
}

/** What <ozg-form> does on load: build the model, then run the browser's check. */
async function elementAccepts(definition: unknown): Promise<boolean> {
  try {
    buildModel(definition as never, 'urn:test');
  } catch {
    return false;
  }
  return (await checkInBrowser(definition, { compile: false })).length === 0;
}

/** The checker's verdict on whether the form can be shown (Ajv: meta-schema, compile, the judge). */
const checkerAccepts = (definition: unknown): boolean => checkDefinition(definition).length === 0;
/** The command-line checker's verdict: also the author's lints (labels, English texts, …). */
const cliAccepts = (definition: unknown): boolean => checkAll(definition).every((p) => p.severity === 'warning');

test('the element and the checker agree on every fixture definition', async () => {
  const all = definitions();
  assert.ok(all.length >= 15, `found ${all.length} definitions`);
  const verdicts = await Promise.all(
    all.map(async ([file, d]) => ({
      file,
      element: await elementAccepts(d),
      checker: checkerAccepts(d),
      cli: cliAccepts(d),
    })),
  );
  assert.deepEqual(
    verdicts.filter((v) => v.element !== v.checker),
    [],
  );
  // What the command-line checker passes, the element shows (it may ask more of an author: labels, …).
  assert.deepEqual(
    verdicts.filter((v) => v.cli && !v.element),
    [],
  );
  // Both verdicts occur: the comparison is not between two constant answers.
  assert.ok(verdicts.some((v) => v.element) && verdicts.some((v) => !v.element));
});

test('refused constructs are named with their pointer by the judge, and the checker words them', async () => {
  const cases: Array<[string, string, string]> = [
    ['test/fixtures/forms/nicht-unterstuetzt-tupel.json', 'tuple', '/properties/koordinaten/prefixItems'],
    [
      'test/fixtures/forms/nicht-unterstuetzt-externer-verweis.json',
      'external-ref',
      '/properties/betriebsstaette/$ref',
    ],
    [
      'test/fixtures/forms/nicht-unterstuetzt-muster-eigenschaften.json',
      'open-object',
      '/properties/zaehlerstaende/patternProperties',
    ],
    // A review found it rendered as a question without options that blocked the form when required.
    ['test/fixtures/forms/nicht-unterstuetzt-leere-auswahl.json', 'empty-enum', '/properties/tier/enum'],
  ];
  for (const [file, construct, pointer] of cases) {
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(
      refusals(definition).map((r) => [r.construct, r.pointer]),
      [[construct, pointer]],
      file,
    );
    assert.throws(
      () => buildModel(definition, 'urn:test'),
      (e: Error & { pointer: string }) => e.pointer === pointer,
    );
    const problem = checkAll(definition).find((p) => p.pointer === pointer);
    assert.ok(problem && !problem.severity, `${file}: the checker reports ${pointer}`);
    // It says what to write instead, in both languages.
    assert.match(problem.message.de, /stattdessen|Nennen Sie|übernehmen Sie/);
    assert.match(problem.message.en, /instead|Name the questions|copy the schema/);
    // The element's check words it the same (its sentences come in a chunk of their own).
    const inBrowser = (await checkInBrowser(definition, { compile: false })).find((p) => p.pointer === pointer);
    assert.deepEqual(inBrowser?.message, problem.message, file);
  }
});

test('the form accepts lists of simple values, notes (type null) and alternatives, and so does the checker', async () => {
  for (const file of ['weitere-vornamen.json', 'hinweistext.json', 'alternativen.json', 'alternativen-oben.json']) {
    const definition = JSON.parse(readFileSync(join('test/fixtures/forms', file), 'utf8'));
    assert.deepEqual(refusals(definition), [], file);
    assert.ok(await elementAccepts(definition), file);
    assert.deepEqual(
      checkAll(definition).filter((p) => !p.severity),
      [],
      file,
    );
  }
});

test('a recursive $ref through an object is refused by name, not with a stack overflow', () => {
  const definition = JSON.parse(readFileSync('test/fixtures/forms/nicht-unterstuetzt-rekursion.json', 'utf8'));
  assert.deepEqual(
    refusals(definition).map((r) => [r.construct, r.pointer]),
    [['recursion', '/$defs/person/properties/vertreten/$ref']],
  );
  assert.throws(() => buildModel(definition, 'urn:test'), /recursion/);
  const problem = checkAll(definition).find((p) => p.pointer === '/$defs/person/properties/vertreten/$ref');
  assert.match(problem!.message.de, /Rekursion/);
});

test('a tree (a list of entries of the same definition) is built one level per entry, to a depth the checker reports', () => {
  const definition = JSON.parse(readFileSync('test/fixtures/forms/rekursion.json', 'utf8'));
  assert.deepEqual(refusals(definition), []);
  const model = buildModel(definition, 'urn:test');
  const levels: number[] = [];
  let unit = model.root.children[0];
  while (unit.kind === 'object') {
    const list = unit.children.find((c) => c.kind === 'array');
    assert.ok(list && list.kind === 'array' && list.recursive);
    levels.push(list.maxItems);
    if (list.maxItems === 0) break;
    unit = list.item;
  }
  assert.deepEqual(levels, [Infinity, Infinity, Infinity, Infinity, 0]);
  const note = checkAll(definition).find((p) => p.pointer === '/$defs/einheit/properties/untereinheiten/items');
  assert.equal(note?.severity, 'warning');
  assert.match(note!.message.en, /up to 5 levels/);
});

test('the gateway (Ajv) accepts what the form submits for a chosen alternative, and refuses a mix', () => {
  const definition = JSON.parse(readFileSync('test/fixtures/forms/alternativen.json', 'utf8'));
  const gateway = new FormValidator(definition, ajvEngine(definition));
  const chosen = {
    antragsteller: { name: 'Erika Mustermann' },
    anschrift: { lage: 'inland', strasse: 'Rathausplatz 1', plz: '12345', ort: 'Musterstadt' },
    kontakt: 'https://www.muster.de',
  };
  assert.deepEqual(gateway.validateAll(chosen), []);
  const mixed = { ...chosen, anschrift: { lage: 'ausland', strasse: 'Rathausplatz 1' } };
  assert.ok(gateway.validateAll(mixed).length > 0);
  assert.ok(gateway.validateAll({ ...chosen, kontakt: 'keine Adresse' }).length > 0);
});

test('the checker passes date rules, and refuses formatMaximum and date rules that would do nothing', () => {
  const definition = JSON.parse(readFileSync('test/fixtures/forms/termine.json', 'utf8'));
  assert.deepEqual(
    checkAll(definition).filter((p) => !p.severity),
    [],
  );
  const bad = structuredClone(definition);
  bad.properties.geburtsdatum.formatMaximum = '2026-12-06';
  bad.properties.beginn['x-ozg'].date = { min: 'morgen' };
  bad.properties.ende['x-ozg'].date = { after: '/anfang' };
  bad.properties.zahl = { type: 'integer', title: 'Anzahl', 'x-ozg': { date: { max: 'today' } } };
  const errors = checkAll(bad).filter((p) => !p.severity);
  const at = (pointer: string) => errors.find((p) => p.pointer.startsWith(pointer));
  assert.match(at('/properties/geburtsdatum/formatMaximum')!.message.de, /x-ozg\.date/);
  assert.ok(at('/properties/beginn/x-ozg/date/min'), 'a bound in no known syntax');
  assert.match(at('/properties/ende/x-ozg/date/after')!.message.en, /names no other question.*\/beginn/);
  assert.match(at('/properties/zahl/x-ozg/date')!.message.de, /format": "date"/);
});

test('the checker warns about an if that does not require what it looks at', () => {
  const definition = {
    type: 'object',
    title: 'Hundesteuer',
    properties: {
      listenhund: { type: 'boolean', title: 'Ist es ein Listenhund?' },
      wesenstest: { type: 'string', format: 'date', title: 'Datum des Wesenstests' },
    },
    if: { properties: { listenhund: { const: true } } },
    then: { required: ['wesenstest'] },
  };
  const at = (d: unknown) => checkAll(d).filter((p) => p.pointer === '/if');
  assert.equal(at(definition).length, 1);
  assert.equal(at(definition)[0].severity, 'warning');
  assert.match(at(definition)[0].message.de, /"required": \["listenhund"\]/);
  const fixed = { ...definition, if: { ...definition.if, required: ['listenhund'] } };
  assert.deepEqual(at(fixed), []);
});
