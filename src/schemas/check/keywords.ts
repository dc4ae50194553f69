/**
 * JSON Schema keywords a validator silently ignores: misspellings (`requried`), keywords ozg-form does
 * not support (`formatMaximum`), and `required` names that no property has. Each would let a form
 * accept answers the author meant to refuse, with no error anywhere.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { DefinitionProblem } from '../check.js';
import type { SchemaNode } from '../check-rules.js';
import { esc, follow, isObj, list, problem, propertyNames, warning, type Obj } from './walk.js';

/** JSON Schema 2020-12 and draft-07 keywords, and the annotation of ozg-form. */
export const KNOWN_KEYWORDS: readonly string[] = [
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$vocabulary',
  '$comment',
  '$defs',
  'definitions',
  '$recursiveRef',
  '$recursiveAnchor',
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'items',
  'prefixItems',
  'additionalItems',
  'contains',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
  'format',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'x-ozg',
];

/** Keywords of other tools that ozg-form does not check, with what to write instead. */
const UNSUPPORTED: Record<string, { de: string; en: string }> = {
  formatMaximum: {
    de: 'Ein spätestes Datum schreiben Sie stattdessen als x-ozg.date, zum Beispiel {"max": "today"} oder {"max": "2027-12-31"}.',
    en: 'Write a latest date as x-ozg.date instead, for example {"max": "today"} or {"max": "2027-12-31"}.',
  },
  formatMinimum: {
    de: 'Ein frühestes Datum schreiben Sie stattdessen als x-ozg.date, zum Beispiel {"min": "today+P14D"} oder {"after": "/beginn"}.',
    en: 'Write an earliest date as x-ozg.date instead, for example {"min": "today+P14D"} or {"after": "/start"}.',
  },
  formatExclusiveMaximum: { de: 'Entfernen Sie den Schlüssel.', en: 'Remove the key.' },
  formatExclusiveMinimum: { de: 'Entfernen Sie den Schlüssel.', en: 'Remove the key.' },
  errorMessage: {
    de: 'Eigene Fehlermeldungen stehen in x-ozg.errors, zum Beispiel {"pattern": "Bitte nur Ziffern."}.',
    en: 'Own error messages go into x-ozg.errors, for example {"pattern": "Digits only, please."}.',
  },
  $data: {
    de: 'Vergleiche zwischen Antworten ($data) werden nicht unterstützt; verwenden Sie if/then.',
    en: 'Comparisons between answers ($data) are not supported; use if/then.',
  },
};

export function checkKeywordNames(nodes: SchemaNode[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { schema, pointer } of nodes) {
    for (const key of Object.keys(schema)) {
      if (KNOWN_KEYWORDS.includes(key) || (key.startsWith('x-') && key !== 'x-ozg')) continue;
      const at = `${pointer}/${esc(key)}`;
      const hint = UNSUPPORTED[key];
      if (hint) {
        problems.push(
          problem(
            at,
            `„${key}“ wird von ozg-form nicht geprüft, die Angabe bliebe wirkungslos. ${hint.de}`,
            `"${key}" is not checked by ozg-form, so it would have no effect. ${hint.en}`,
          ),
        );
        continue;
      }
      const near = closest(key, KNOWN_KEYWORDS as string[]);
      if (distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(key.length / 4))) {
        problems.push(
          problem(
            at,
            `Unbekanntes Schlüsselwort „${key}“ – meinen Sie „${near}“? Falsch geschrieben wird es ohne Meldung übergangen.`,
            `Unknown keyword "${key}" – did you mean "${near}"? Misspelt, it is ignored without any message.`,
          ),
        );
      } else {
        problems.push(
          warning(
            at,
            `Unbekanntes Schlüsselwort „${key}“: JSON Schema übergeht es. Eigene Angaben gehören unter x-ozg oder in einen Schlüssel, der mit „x-“ beginnt.`,
            `Unknown keyword "${key}": JSON Schema ignores it. Own annotations belong under x-ozg or in a key starting with "x-".`,
          ),
        );
      }
    }
  }
  return problems;
}

const BRANCH = /(\/then|\/else|\/if|\/not|\/(allOf|anyOf|oneOf)\/\d+|\/dependentSchemas\/[^/]+)$/;

/** `required` names that are no property of the object (neither its own nor one of its conditions). */
export function checkRequiredNames(root: Obj, nodes: SchemaNode[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { schema, pointer } of nodes) {
    if (!Array.isArray(schema.required)) continue;
    let ownerAt = pointer;
    while (BRANCH.test(ownerAt)) ownerAt = ownerAt.replace(BRANCH, '');
    const owner = follow(root, `#${ownerAt}`);
    if (!owner) continue;
    const names = propertyNames(root, owner.schema, ownerAt);
    if (names.size === 0) continue;
    schema.required.forEach((name, i) => {
      if (typeof name !== 'string' || names.has(name)) return;
      const near = closest(name, [...names]);
      problems.push(
        problem(
          `${pointer}/required/${i}`,
          `„${name}“ steht in required, aber es gibt keine Eigenschaft „${name}“ – das Formular würde ohne diese Angabe abgeschickt und eine Fachanwendung, die gegen das Schema prüft, lehnt die Daten ab. Meinen Sie „${near}“? Vorhanden sind: ${list([...names])}.`,
          `"${name}" is in required, but there is no property "${name}" – the form would be sent without it and a receiver validating against the schema refuses the data. Did you mean "${near}"? Present are: ${list([...names])}.`,
        ),
      );
    });
  }
  return problems;
}

/**
 * A property named `__proto__`: the form refuses the definition (an answer written under that name would
 * land on Object.prototype, data.ts), so the checker says so where the author can fix it.
 */
export function checkPropertyNames(nodes: SchemaNode[]): DefinitionProblem[] {
  return nodes
    .filter(({ schema }) => isObj(schema.properties) && Object.hasOwn(schema.properties, '__proto__'))
    .map(({ pointer }) =>
      problem(
        `${pointer}/properties/__proto__`,
        '„__proto__“ kann keine Frage benennen: Das Formular wird mit diesem Namen nicht angezeigt (er würde Angaben in jedes Objekt der Seite schreiben). Wählen Sie einen anderen Namen.',
        '"__proto__" cannot name a question: the form is not shown with this name (it would write answers into every object of the page). Choose another name.',
      ),
    );
}
