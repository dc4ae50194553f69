/**
 * Keywords the browser's validator (the interpreter) and the gateway's (Ajv) decide differently:
 * `dependencies` (the interpreter ignores it), `contains` and a `false` schema outside a condition
 * (the interpreter never reports them, Ajv refuses), and in draft-07 validation keywords beside a
 * `$ref` (ignored by the interpreter, applied by Ajv). The form would accept what the receiver refuses.
 */
import type { DefinitionProblem } from '../check.js';
import { isDraft07 } from '../interpret.js';
import { places, type Place } from './places.js';
import { esc, isObj, problem, type Obj } from './walk.js';

const json = (value: unknown): string => JSON.stringify(value);

function dependencies(place: Place): DefinitionProblem {
  const value = isObj(place.schema.dependencies) ? place.schema.dependencies : {};
  const lists = Object.fromEntries(Object.entries(value).filter(([, v]) => Array.isArray(v)));
  const schemas = Object.fromEntries(Object.entries(value).filter(([, v]) => !Array.isArray(v)));
  const instead = [
    Object.keys(lists).length ? `"dependentRequired": ${json(lists)}` : '',
    Object.keys(schemas).length ? `"dependentSchemas": ${json(schemas)}` : '',
  ].filter(Boolean);
  const example = instead.join(', ') || '"dependentRequired": {"a": ["b"]}';
  return problem(
    `${place.pointer}/dependencies`,
    `"dependencies" prüft das Formular im Browser nicht, das Empfangssystem (Ajv) aber schon: Die Person könnte einen Antrag absenden, der dann abgelehnt wird. Schreiben Sie stattdessen ${example} – das prüfen Formular und Empfangssystem gleich (in draft-07 und 2020-12).`,
    `The form in the browser does not check "dependencies", but the receiving system (Ajv) does: the person could send an application that is then refused. Write ${example} instead – the form and the receiving system check that alike (in draft-07 and 2020-12).`,
  );
}

function contains(place: Place, keyword: string): DefinitionProblem {
  return problem(
    `${place.pointer}/${keyword}`,
    `"${keyword}" an ${place.pointer || '/'} meldet das Formular im Browser nie, das Empfangssystem (Ajv) lehnt den Antrag aber ab: Die Person sieht nicht, was fehlt, und sendet ab. Als Bedingung (in einem "if") funktioniert "contains". Soll eine bestimmte Auswahl getroffen sein, fragen Sie sie als eigene Frage (z. B. eine Bestätigung mit "type": "boolean", "const": true) oder zeigen Sie mit if/then eine Pflichtfrage, wenn sie fehlt.`,
    `The form in the browser never reports "${keyword}" at ${place.pointer || '/'}, but the receiving system (Ajv) refuses the application: the person does not see what is missing and sends. As a condition (inside an "if") "contains" works. If a certain option must be chosen, ask it as a question of its own (e.g. a confirmation with "type": "boolean", "const": true) or show a required question with if/then when it is missing.`,
  );
}

function falseSchema(at: string): DefinitionProblem {
  return problem(
    at,
    `Das Schema false an ${at} lehnt jede Antwort ab; das Formular im Browser meldet das nie, das Empfangssystem (Ajv) lehnt den Antrag aber ab. Soll eine Frage in einem Fall nicht beantwortet werden, deklarieren Sie sie nur im anderen Zweig der Bedingung (in "then" statt überall): Das Formular zeigt sie dann nicht und sendet ihre Antwort nicht. Als Teil eines "if" (z. B. "properties": {"x": false} für „x ist nicht beantwortet“) ist false erlaubt.`,
    `The schema false at ${at} refuses every answer; the form in the browser never reports that, but the receiving system (Ajv) refuses the application. If a question must not be answered in one case, declare it only in the other branch of the condition (in "then" instead of everywhere): the form then does not show it and does not send its answer. As part of an "if" (e.g. "properties": {"x": false} for "x is not answered") false is allowed.`,
  );
}

/** Where a `false` schema is a rule about answers (additionalProperties: false is reported by its keyword). */
function falseSchemas(place: Place): DefinitionProblem[] {
  const found: DefinitionProblem[] = [];
  const { schema, pointer } = place;
  for (const key of ['properties', 'patternProperties', 'dependentSchemas']) {
    const map = schema[key];
    if (isObj(map))
      for (const [name, sub] of Object.entries(map))
        if (sub === false) found.push(falseSchema(`${pointer}/${key}/${esc(name)}`));
  }
  for (const key of ['then', 'else', 'items']) if (schema[key] === false) found.push(falseSchema(`${pointer}/${key}`));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list))
      list.forEach((sub, i) => sub === false && found.push(falseSchema(`${pointer}/${key}/${i}`)));
  }
  return found;
}

/** Keywords beside a `$ref` that only annotate (draft-07 ignores every keyword there; these do no harm). */
const ANNOTATIONS = new Set([
  '$ref',
  '$id',
  '$schema',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
  'x-ozg',
]);

function refSiblings(place: Place): DefinitionProblem[] {
  const { schema, pointer } = place;
  if (typeof schema.$ref !== 'string') return [];
  const beside = Object.keys(schema).filter((k) => !ANNOTATIONS.has(k) && !k.startsWith('x-'));
  if (beside.length === 0) return [];
  const rest = Object.fromEntries(beside.map((k) => [k, schema[k]]));
  const example = `"allOf": [{"$ref": ${json(schema.$ref)}}, ${json(rest)}]`;
  const keys = beside.map((k) => `"${k}"`).join(', ');
  return [
    problem(
      `${pointer}/${esc(beside[0]!)}`,
      `In draft-07 gilt neben "$ref" kein anderes Schlüsselwort: Das Formular im Browser übergeht ${keys} an ${pointer || '/'}, das Empfangssystem (Ajv) prüft es aber – die Person könnte einen Antrag absenden, der abgelehnt wird. Schreiben Sie ${example} (title, description und x-ozg dürfen neben "$ref" bleiben) oder verwenden Sie "$schema": "https://json-schema.org/draft/2020-12/schema", wo beide es gleich prüfen.`,
      `In draft-07 no other keyword applies beside "$ref": the form in the browser ignores ${keys} at ${pointer || '/'}, but the receiving system (Ajv) checks it – the person could send an application that is refused. Write ${example} (title, description and x-ozg may stay beside "$ref") or use "$schema": "https://json-schema.org/draft/2020-12/schema", where both check it alike.`,
    ),
  ];
}

export function checkEngineKeywords(root: Obj): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const draft07 = isDraft07(root);
  for (const place of places(root)) {
    const { schema } = place;
    if (isObj(schema.dependencies)) problems.push(dependencies(place));
    if (draft07) problems.push(...refSiblings(place));
    if (place.inCondition) continue;
    for (const keyword of ['contains', 'minContains', 'maxContains'])
      if (keyword in schema) problems.push(contains(place, keyword));
    problems.push(...falseSchemas(place));
  }
  return problems;
}
