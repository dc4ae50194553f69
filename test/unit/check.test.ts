import { expect } from '@open-wc/testing';
import { checkDefinition, formatProblems, type DefinitionProblem } from '../../src/schemas/check.js';
import good from '../fixtures/check/good.json' with { type: 'json' };
import draft07 from '../fixtures/check/draft07.json' with { type: 'json' };
import badWidget from '../fixtures/check/bad-widget.json' with { type: 'json' };

type Json = Record<string, any>;
const clone = (): Json => JSON.parse(JSON.stringify(good)) as Json;

/** The one problem at `pointer`; fails with the whole list when there is none. */
function at(problems: DefinitionProblem[], pointer: string): DefinitionProblem {
  const found = problems.filter((p) => p.pointer === pointer);
  expect(found, `problem at ${pointer} in ${JSON.stringify(problems, null, 1)}`).to.have.length(1);
  return found[0]!;
}
function mentions(problem: DefinitionProblem, ...words: string[]): void {
  for (const word of words) {
    expect(problem.message.de, 'de').to.contain(word);
    expect(problem.message.en, 'en').to.contain(word);
  }
}

describe('checkDefinition', () => {
  it('finds nothing wrong in a good definition (steps, conditions, $defs, enumLabels, German formats)', () => {
    expect(checkDefinition(good)).to.deep.equal([]);
  });

  it('accepts a draft-07 definition with definitions and $ref', () => {
    expect(checkDefinition(draft07)).to.deep.equal([]);
  });

  it('rejects a root that is not an object schema', () => {
    for (const root of [null, [], 'text', 42]) {
      const problems = checkDefinition(root);
      expect(problems).to.have.length(1);
      expect(problems[0]!.pointer).to.equal('');
      expect(problems[0]!.message.en).to.contain('JSON object');
    }
    const problems = checkDefinition({ type: 'string' });
    mentions(at(problems, '/type'), '"type": "object"');
    mentions(at(problems, '/properties'), 'properties');
  });

  it('points at a widget typo and an unknown key in x-ozg', () => {
    const problems = checkDefinition(badWidget);
    mentions(at(problems, '/properties/vorname/x-ozg/widget'), 'radios', 'radio', 'checkboxes');
    mentions(at(problems, '/properties/vorname/x-ozg/placehodler'), 'placehodler', 'placeholder');
    expect(problems).to.have.length(2);
  });

  it('checks x-ozg everywhere in the tree: $defs, items, then branches; root keys on the root', () => {
    const d = clone();
    d.$defs.hund.properties.name['x-ozg'] = { helpText: 'x' };
    d.allOf[0].then.properties.lastschriftMandat['x-ozg'] = { widget: 'toggle' };
    d.properties.zahlungsart.oneOf[0]['x-ozg'].i18n.fr = { title: 'Virement' };
    d['x-ozg'].leika = '12345';
    d['x-ozg'].widget = 'text';
    d.properties.vorname['x-ozg'].errors.maxlength = 'Zu lang.';
    d.properties.vorname['x-ozg'].errors.not = 'Dieser Name ist vergeben.'; // allowed: no problem
    const problems = checkDefinition(d);
    mentions(at(problems, '/$defs/hund/properties/name/x-ozg/helpText'), 'helpText');
    mentions(at(problems, '/allOf/0/then/properties/lastschriftMandat/x-ozg/widget'), 'toggle');
    mentions(at(problems, '/properties/zahlungsart/oneOf/0/x-ozg/i18n/fr'), 'fr');
    mentions(at(problems, '/x-ozg/leika'), '12345');
    mentions(at(problems, '/x-ozg/widget'), 'widget', 'steps');
    mentions(at(problems, '/properties/vorname/x-ozg/errors/maxlength'), 'maxlength', 'maxLength');
    expect(problems).to.have.length(6);
  });

  it('reports a step naming an unknown field', () => {
    const d = clone();
    d['x-ozg'].steps[0].fields.push('nachname');
    mentions(at(checkDefinition(d), '/x-ozg/steps/0/fields/7'), 'nachname', 'halter');
  });

  it('reports a property in no step, also one defined only in a then branch', () => {
    const d = clone();
    d['x-ozg'].steps[1].fields = ['hunde', 'sprachen'];
    d['x-ozg'].steps[0].fields = d['x-ozg'].steps[0].fields.filter((f: string) => f !== 'plz');
    const problems = checkDefinition(d);
    mentions(at(problems, '/properties/plz'), 'plz');
    mentions(at(problems, '/allOf/0/then/properties/lastschriftMandat'), 'lastschriftMandat');
    expect(problems).to.have.length(2);
  });

  it('reports a property in two steps and duplicate step ids', () => {
    const d = clone();
    d['x-ozg'].steps[2].fields.push('vorname');
    d['x-ozg'].steps[2].id = 'halter';
    const problems = checkDefinition(d);
    mentions(at(problems, '/x-ozg/steps/2/fields/1'), 'vorname', 'halter');
    mentions(at(problems, '/x-ozg/steps/2/id'), 'halter');
    expect(problems).to.have.length(2);
  });

  it('reports an unresolvable and an external $ref', () => {
    const d = clone();
    d.properties.hunde.items.$ref = '#/$defs/katze';
    d.properties.plz = { $ref: 'https://example.org/schemas/adresse.json#/plz' };
    const problems = checkDefinition(d);
    mentions(at(problems, '/properties/hunde/items/$ref'), '#/$defs/katze');
    mentions(at(problems, '/properties/plz/$ref'), 'https://example.org/schemas/adresse.json#/plz', '$defs');
    expect(problems).to.have.length(2);
  });

  it("accepts a $ref that repeats the definition's own $id", () => {
    const d = clone();
    d.properties.hunde.items.$ref = 'https://musterstadt.example/forms/hundesteuer.json#/$defs/hund';
    expect(checkDefinition(d)).to.deep.equal([]);
  });

  it('reports a bad regular expression and an unknown format', () => {
    const d = clone();
    d.properties.vorname.pattern = '^[a-z+$';
    d.$defs.hund.properties.geboren.format = 'de-datum';
    const problems = checkDefinition(d);
    mentions(at(problems, '/properties/vorname/pattern'), '^[a-z+$');
    mentions(at(problems, '/$defs/hund/properties/geboren/format'), 'de-datum', 'de-postal-code');
    expect(problems).to.have.length(2);
  });

  it('reports enumLabels keys that are not values of the choice, also in translations and oneOf choices', () => {
    const d = clone();
    d.properties.anrede['x-ozg'].enumLabels.dr = 'Dr.';
    d.properties.anrede['x-ozg'].i18n.en.enumLabels.mrs = 'Mrs';
    d.properties.zahlungsart['x-ozg'].enumLabels.bar = 'Bar';
    d.properties.vorname['x-ozg'].enumLabels = { a: 'A' };
    const problems = checkDefinition(d);
    mentions(at(problems, '/properties/anrede/x-ozg/enumLabels/dr'), 'dr', 'frau, herr, divers');
    mentions(at(problems, '/properties/anrede/x-ozg/i18n/en/enumLabels/mrs'), 'mrs');
    mentions(at(problems, '/properties/zahlungsart/x-ozg/enumLabels/bar'), 'bar', 'ueberweisung');
    mentions(at(problems, '/properties/vorname/x-ozg/enumLabels'), 'enumLabels', 'enum');
    expect(problems).to.have.length(4);
  });

  it('reports JSON Schema mistakes at their pointer and an unsupported $schema', () => {
    const d = clone();
    d.properties.vorname.maxLength = 'fünfzig';
    d.properties.plz.type = 'strin';
    let problems = checkDefinition(d);
    mentions(at(problems, '/properties/vorname/maxLength'), 'maxLength');
    mentions(at(problems, '/properties/plz/type'), 'type', 'string');
    expect(problems).to.have.length(2);

    problems = checkDefinition({ ...clone(), $schema: 'http://json-schema.org/draft-04/schema#' });
    mentions(at(problems, '/$schema'), 'draft-04', '2020-12');
  });

  it('formats problems one per line in the chosen language', () => {
    const problems = checkDefinition(badWidget);
    const de = formatProblems(problems, 'de').split('\n');
    const en = formatProblems(problems, 'en').split('\n');
    expect(de).to.have.length(2);
    expect(de[0]).to.match(/^\/properties\/vorname\/x-ozg\/\w+: .*(Unbekannter|gültiger)/);
    expect(en.join('\n')).to.contain('/properties/vorname/x-ozg/widget: "radios" is not a valid value for widget');
    expect(formatProblems(checkDefinition(null), 'de')).to.match(
      /^\(Definition\): Die Definition muss ein JSON-Objekt sein/,
    );
  });
});
