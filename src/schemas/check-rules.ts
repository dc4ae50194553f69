/**
 * The definition checker: everything that can be wrong in a definition, as a list of problems with
 * the JSON Pointer of the place and a German and English sentence saying how to fix it. Runs in the
 * browser (when <ozg-form> loads a definition, with the interpreting engine of check-browser.ts) and
 * in Node (check.ts: Ajv, bin/ozg-form-check.mjs). No I/O, no schema compiler of its own.
 */
import type { ErrorObject } from 'ajv';
import localizeDe from 'ajv-i18n/localize/de/index.js';

export interface DefinitionProblem {
  /** JSON Pointer into the definition ('' = the whole definition). */
  pointer: string;
  message: { de: string; en: string };
  /** 'warning': worth fixing, but the form works (only the full check of src/schemas/check/ reports warnings). */
  severity?: 'warning';
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const isSchema = (value: unknown): boolean => isObj(value) || typeof value === 'boolean';
const esc = (token: string | number): string => String(token).replace(/~/g, '~0').replace(/\//g, '~1');
const list = (values: unknown[]): string => values.map((v) => String(v)).join(', ');

const SUPPORTED_META = /^https?:\/\/json-schema\.org\/(draft\/2020-12\/schema|draft-07\/schema)#?$/;

/** Keywords whose value is a schema, an array of schemas, or a map of schemas. */
const ONE = [
  'items',
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'not',
  'contentSchema',
];
const MANY = ['prefixItems', 'allOf', 'anyOf', 'oneOf', 'items'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];

export interface SchemaNode {
  schema: Obj;
  pointer: string;
}

/** Every schema object of the tree with its pointer, the root first. */
export function schemaNodes(root: Obj): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  const visit = (schema: unknown, pointer: string): void => {
    if (!isObj(schema)) return;
    nodes.push({ schema, pointer });
    for (const key of ONE) if (isObj(schema[key])) visit(schema[key], `${pointer}/${key}`);
    for (const key of MANY) {
      const value = schema[key];
      if (Array.isArray(value)) value.forEach((sub, i) => visit(sub, `${pointer}/${key}/${i}`));
    }
    for (const key of MAP) {
      const value = schema[key];
      if (isObj(value)) for (const [name, sub] of Object.entries(value)) visit(sub, `${pointer}/${key}/${esc(name)}`);
    }
  };
  visit(root, '');
  return nodes;
}

function problem(pointer: string, de: string, en: string): DefinitionProblem {
  return { pointer, message: { de, en } };
}

/** German text of an Ajv message via ajv-i18n. */
function german(error: ErrorObject): string {
  const copy = { ...error };
  localizeDe([copy]);
  return copy.message ?? 'ist nicht gültig';
}

// ---- the validator the checker uses --------------------------------------------------------------

/** What the checker needs from a JSON Schema validator: Ajv in Node (check.ts), an interpreter in
 * the browser (check-browser.ts). */
export interface CheckEngine {
  /** The formats a definition may use. */
  formats: string[];
  /** Errors of `x-ozg` at the root ('root') or at a question ('field') against x-ozg.meta.json, with
   * `data` and `parentSchema` (Ajv's verbose mode). */
  xOzgErrors(where: 'root' | 'field', value: unknown): ErrorObject[];
  /** Errors of the definition against the JSON Schema meta-schema; left out where it is not checked. */
  metaSchemaErrors?(definition: Record<string, unknown>): ErrorObject[];
  /** Compiles the definition; throws when that fails. Left out where nothing is compiled. */
  compile?(definition: Record<string, unknown>): void;
}

// ---- x-ozg meta-schema -------------------------------------------------------------------------

/** One sentence per x-ozg error; pointer points at the offending key. */
function xOzgProblem(error: ErrorObject, base: string): DefinitionProblem | undefined {
  const params = error.params as Obj;
  const pointer = base + error.instancePath;
  const last = error.instancePath.split('/').pop() ?? '';
  // the key's name, or its path when it is an array entry ('x-ozg/steps/1')
  const key = last === '' ? 'x-ozg' : /^\d+$/.test(last) ? `x-ozg${error.instancePath}` : last;
  if (error.keyword === 'propertyNames') return undefined; // the inner error names the key
  if (error.keyword === 'additionalProperties' || error.propertyName !== undefined) {
    const bad = String(error.propertyName ?? params.additionalProperty);
    const parent = error.parentSchema as Obj | undefined;
    const allowed =
      error.propertyName !== undefined
        ? ((params.allowedValues as unknown[]) ?? [])
        : Object.keys(parent?.properties ?? {});
    return problem(
      `${pointer}/${esc(bad)}`,
      `Unbekannter Schlüssel „${bad}“ in ${key}. Erlaubt sind: ${list(allowed)}. Bitte prüfen Sie die Schreibweise.`,
      `Unknown key "${bad}" in ${key}. Allowed are: ${list(allowed)}. Check the spelling.`,
    );
  }
  switch (error.keyword) {
    case 'enum':
      return problem(
        pointer,
        `„${String(error.data)}“ ist kein gültiger Wert für ${key}. Erlaubt sind: ${list(params.allowedValues as unknown[])}.`,
        `"${String(error.data)}" is not a valid value for ${key}. Allowed are: ${list(params.allowedValues as unknown[])}.`,
      );
    case 'required':
      return problem(
        pointer,
        `In ${key} fehlt der Schlüssel „${String(params.missingProperty)}“. Bitte ergänzen Sie ihn.`,
        `${key} lacks the key "${String(params.missingProperty)}". Add it.`,
      );
    case 'type':
      return problem(
        pointer,
        `${key} muss vom Typ ${String(params.type)} sein.`,
        `${key} must be of type ${String(params.type)}.`,
      );
    case 'pattern':
      return problem(
        pointer,
        `Der Wert „${String(error.data)}“ von ${key} hat nicht das erwartete Format (${String(params.pattern)}).`,
        `The value "${String(error.data)}" of ${key} does not have the expected format (${String(params.pattern)}).`,
      );
    default:
      return problem(pointer, `${key} ${german(error)}.`, `${key} ${error.message}.`);
  }
}

function checkXOzg(nodes: SchemaNode[], engine: CheckEngine): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { schema, pointer } of nodes) {
    if (!('x-ozg' in schema)) continue;
    for (const error of engine.xOzgErrors(pointer === '' ? 'root' : 'field', schema['x-ozg'])) {
      const found = xOzgProblem(error, `${pointer}/x-ozg`);
      if (found && !problems.some((p) => p.pointer === found.pointer)) problems.push(found);
    }
  }
  return problems;
}

// ---- JSON Schema keywords the checker can point at ---------------------------------------------

function resolveLocal(root: Obj, ref: string, anchors: Set<string>): unknown {
  const fragment = ref.slice(1);
  if (fragment === '') return root;
  if (!fragment.startsWith('/')) return anchors.has(decodeURIComponent(fragment)) ? root : undefined;
  let node: unknown = root;
  for (const raw of fragment.slice(1).split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObj(node)) node = node[token];
    else return undefined;
  }
  return node;
}

const anchorsOf = (nodes: SchemaNode[]): Set<string> =>
  new Set(nodes.map((n) => n.schema.$anchor).filter((a): a is string => typeof a === 'string'));

function checkKeywords(root: Obj, nodes: SchemaNode[], formats: Set<string>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const anchors = anchorsOf(nodes);
  const ownId = typeof root.$id === 'string' ? root.$id.replace(/#$/, '') : undefined;
  for (const { schema, pointer } of nodes) {
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const local = ownId && ref.startsWith(`${ownId}#`) ? ref.slice(ownId.length) : ref;
      if (!local.startsWith('#')) {
        problems.push(
          problem(
            `${pointer}/$ref`,
            `Der Verweis „${ref}“ zeigt auf ein anderes Dokument. Eine Definition darf nur auf eigene Teile verweisen, zum Beispiel „#/$defs/adresse“; übernehmen Sie das Schema nach $defs.`,
            `The reference "${ref}" points to another document. A definition may only refer to its own parts, for example "#/$defs/address"; copy the schema into $defs.`,
          ),
        );
      } else if (!isSchema(resolveLocal(root, local, anchors))) {
        problems.push(
          problem(
            `${pointer}/$ref`,
            `Der Verweis „${ref}“ führt ins Leere: An dieser Stelle der Definition steht kein Schema. Bitte prüfen Sie den Namen in $defs.`,
            `The reference "${ref}" leads nowhere: there is no schema at that place in the definition. Check the name in $defs.`,
          ),
        );
      }
    }
    if (typeof schema.format === 'string' && !formats.has(schema.format)) {
      problems.push(
        problem(
          `${pointer}/format`,
          `Das Format „${schema.format}“ ist unbekannt. Bekannt sind: ${list([...formats])}.`,
          `The format "${schema.format}" is unknown. Known formats: ${list([...formats])}.`,
        ),
      );
    }
    const patterns: Array<[string, unknown]> = [[`${pointer}/pattern`, schema.pattern]];
    if (isObj(schema.patternProperties))
      for (const key of Object.keys(schema.patternProperties))
        patterns.push([`${pointer}/patternProperties/${esc(key)}`, key]);
    for (const [at, source] of patterns) {
      if (typeof source !== 'string') continue;
      try {
        new RegExp(source, 'u');
      } catch (e) {
        problems.push(
          problem(
            at,
            `Der reguläre Ausdruck „${source}“ ist ungültig (${(e as Error).message}). Bitte korrigieren Sie ihn.`,
            `The regular expression "${source}" is invalid (${(e as Error).message}). Correct it.`,
          ),
        );
      }
    }
  }
  return problems;
}

// ---- steps, enumLabels, order -------------------------------------------------------------------

/** Top-level properties: the root's, plus those of root-level then/else/dependentSchemas/allOf/anyOf/oneOf branches. */
function topLevelProperties(schema: Obj, pointer: string, into: Map<string, string>): Map<string, string> {
  if (isObj(schema.properties))
    for (const name of Object.keys(schema.properties))
      if (!into.has(name)) into.set(name, `${pointer}/properties/${esc(name)}`);
  for (const key of ['then', 'else'])
    if (isObj(schema[key])) topLevelProperties(schema[key] as Obj, `${pointer}/${key}`, into);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const value = schema[key];
    if (Array.isArray(value))
      value.forEach((sub, i) => isObj(sub) && topLevelProperties(sub, `${pointer}/${key}/${i}`, into));
  }
  if (isObj(schema.dependentSchemas)) {
    for (const [name, sub] of Object.entries(schema.dependentSchemas))
      if (isObj(sub)) topLevelProperties(sub, `${pointer}/dependentSchemas/${esc(name)}`, into);
  }
  return into;
}

function checkSteps(root: Obj): DefinitionProblem[] {
  const steps = isObj(root['x-ozg']) ? root['x-ozg'].steps : undefined;
  if (!Array.isArray(steps)) return [];
  const problems: DefinitionProblem[] = [];
  const properties = topLevelProperties(root, '', new Map());
  const stepOf = new Map<string, string>();
  const ids = new Set<string>();
  steps.forEach((step, i) => {
    if (!isObj(step)) return;
    const at = `/x-ozg/steps/${i}`;
    const id = String(step.id);
    if (typeof step.id === 'string' && ids.has(id)) {
      problems.push(
        problem(
          `${at}/id`,
          `Die Schritt-ID „${id}“ kommt mehrfach vor. Jeder Schritt braucht eine eigene ID.`,
          `The step id "${id}" is used more than once. Every step needs its own id.`,
        ),
      );
    }
    ids.add(id);
    if (!Array.isArray(step.fields)) return;
    step.fields.forEach((field, j) => {
      if (typeof field !== 'string') return;
      if (!properties.has(field)) {
        problems.push(
          problem(
            `${at}/fields/${j}`,
            `Schritt „${id}“ nennt das Feld „${field}“, aber die Definition hat keine solche Eigenschaft auf oberster Ebene. Bekannt sind: ${list([...properties.keys()])}.`,
            `Step "${id}" names the field "${field}", but the definition has no such top-level property. Known are: ${list([...properties.keys()])}.`,
          ),
        );
      } else if (stepOf.has(field)) {
        problems.push(
          problem(
            `${at}/fields/${j}`,
            `Das Feld „${field}“ steht in den Schritten „${stepOf.get(field)}“ und „${id}“. Jedes Feld gehört zu genau einem Schritt.`,
            `The field "${field}" is in the steps "${stepOf.get(field)}" and "${id}". Every field belongs to exactly one step.`,
          ),
        );
      } else {
        stepOf.set(field, id);
      }
    });
  });
  for (const [name, pointer] of properties) {
    if (stepOf.has(name)) continue;
    problems.push(
      problem(
        pointer,
        `Die Eigenschaft „${name}“ steht in keinem Schritt und würde nie abgefragt. Nehmen Sie sie in die fields eines Schritts in x-ozg.steps auf.`,
        `The property "${name}" is in no step and would never be asked. Add it to the fields of a step in x-ozg.steps.`,
      ),
    );
  }
  return problems;
}

/** The values a choice offers: enum, or the consts of oneOf/anyOf, on the schema or its items. */
function choiceValues(root: Obj, schema: Obj, anchors: Set<string>): string[] | undefined {
  const deref = (s: unknown): Obj | undefined => {
    let node = s;
    for (let n = 0; n < 10 && isObj(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#'); n++)
      node = resolveLocal(root, node.$ref, anchors);
    return isObj(node) ? node : undefined;
  };
  for (const candidate of [deref(schema), deref(deref(schema)?.items)]) {
    if (!candidate) continue;
    if (Array.isArray(candidate.enum)) return candidate.enum.map(String);
    const options = candidate.oneOf ?? candidate.anyOf;
    if (Array.isArray(options) && options.length && options.every((o) => isObj(deref(o)) && 'const' in deref(o)!)) {
      return options.map((o) => String(deref(o)!.const));
    }
  }
  return undefined;
}

function checkLabelsAndOrder(root: Obj, nodes: SchemaNode[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const anchors = anchorsOf(nodes);
  for (const { schema, pointer } of nodes) {
    const x = schema['x-ozg'];
    if (!isObj(x)) continue;
    const i18nEn = isObj(x.i18n) && isObj(x.i18n.en) ? x.i18n.en : {};
    for (const [labels, at] of [
      [x.enumLabels, `${pointer}/x-ozg/enumLabels`],
      [i18nEn.enumLabels, `${pointer}/x-ozg/i18n/en/enumLabels`],
    ] as const) {
      if (!isObj(labels)) continue;
      const values = choiceValues(root, schema, anchors);
      if (!values) {
        problems.push(
          problem(
            at,
            'enumLabels steht an einer Frage ohne enum oder oneOf-Auswahl. Entfernen Sie enumLabels oder ergänzen Sie die Auswahl.',
            'enumLabels is on a question without enum or oneOf choices. Remove enumLabels or add the choices.',
          ),
        );
        continue;
      }
      for (const key of Object.keys(labels)) {
        if (values.includes(key)) continue;
        problems.push(
          problem(
            `${at}/${esc(key)}`,
            `enumLabels nennt „${key}“, das kein Wert der Auswahl ist. Erlaubt sind: ${list(values)}.`,
            `enumLabels names "${key}", which is not one of the choice values. Allowed are: ${list(values)}.`,
          ),
        );
      }
    }
    if (isObj(x.file) && schema.type !== 'array') {
      problems.push(
        problem(
          `${pointer}/x-ozg/file`,
          'Eine Dateifrage (x-ozg.file) braucht "type": "array"; minItems und maxItems zählen die Dateien.',
          'A file question (x-ozg.file) needs "type": "array"; minItems and maxItems count the files.',
        ),
      );
    }
    if (Array.isArray(x.order) && isObj(schema.properties)) {
      x.order.forEach((name, i) => {
        if (typeof name === 'string' && !(name in (schema.properties as Obj))) {
          problems.push(
            problem(
              `${pointer}/x-ozg/order/${i}`,
              `order nennt „${name}“, aber dieses Objekt hat keine solche Eigenschaft.`,
              `order names "${name}", but this object has no such property.`,
            ),
          );
        }
      });
    }
  }
  return problems;
}

// ---- the whole check ----------------------------------------------------------------------------

function metaSchemaProblems(errors: ErrorObject[]): DefinitionProblem[] {
  const byPointer = new Map<string, ErrorObject>();
  for (const error of errors) {
    const known = byPointer.get(error.instancePath);
    const wrapper = (e: ErrorObject) => ['anyOf', 'oneOf', '$dynamicRef', 'if'].includes(e.keyword);
    if (!known || (wrapper(known) && !wrapper(error))) byPointer.set(error.instancePath, error);
  }
  return [...byPointer.entries()].map(([pointer, error]) => {
    const key = pointer.split('/').pop() || 'Definition';
    const allowed = Array.isArray(error.params.allowedValues) ? ` (${list(error.params.allowedValues)})` : '';
    return problem(
      pointer,
      `„${key}“ ist kein gültiges JSON Schema: ${german(error)}${allowed}.`,
      `"${key}" is not valid JSON Schema: ${error.message}${allowed}.`,
    );
  });
}

/** All problems of a definition; an empty list means it can be published. */
export interface CheckOptions {
  /** Also compile the whole definition (default, where the engine can). The browser skips it. */
  compile?: boolean;
}

export function checkWith(engine: CheckEngine, definition: unknown, options: CheckOptions = {}): DefinitionProblem[] {
  if (!isObj(definition)) {
    return [
      problem(
        '',
        'Die Definition muss ein JSON-Objekt sein (ein JSON Schema mit "type": "object" und "properties").',
        'The definition must be a JSON object (a JSON Schema with "type": "object" and "properties").',
      ),
    ];
  }
  const problems: DefinitionProblem[] = [];
  const type = definition.type;
  if (type !== 'object' && !(Array.isArray(type) && type.includes('object'))) {
    problems.push(
      problem(
        '/type',
        'Die Definition muss auf oberster Ebene "type": "object" haben, denn die Antworten eines Antrags sind ein Objekt.',
        'The definition must have "type": "object" at the top, because the answers of an application are an object.',
      ),
    );
  }
  if (!isObj(definition.properties)) {
    problems.push(
      problem(
        '/properties',
        'Die Definition braucht "properties" auf oberster Ebene: die Fragen des Formulars.',
        'The definition needs "properties" at the top: the questions of the form.',
      ),
    );
  }
  const declared = definition.$schema;
  let schemaOk = true;
  if (declared !== undefined && (typeof declared !== 'string' || !SUPPORTED_META.test(declared))) {
    schemaOk = false;
    problems.push(
      problem(
        '/$schema',
        `„${String(declared)}“ wird nicht unterstützt. Verwenden Sie https://json-schema.org/draft/2020-12/schema oder http://json-schema.org/draft-07/schema#.`,
        `"${String(declared)}" is not supported. Use https://json-schema.org/draft/2020-12/schema or http://json-schema.org/draft-07/schema#.`,
      ),
    );
  } else {
    const errors = engine.metaSchemaErrors?.(definition) ?? [];
    if (errors.length) {
      schemaOk = false;
      problems.push(...metaSchemaProblems(errors));
    }
  }
  const nodes = schemaNodes(definition);
  const keywordProblems = checkKeywords(definition, nodes, new Set(engine.formats));
  problems.push(
    ...keywordProblems,
    ...checkXOzg(nodes, engine),
    ...checkSteps(definition),
    ...checkLabelsAndOrder(definition, nodes),
  );
  if (engine.compile && options.compile !== false && schemaOk && keywordProblems.length === 0) {
    try {
      engine.compile(definition);
    } catch (e) {
      const message = (e as Error).message;
      const at = /at path "#([^"]*)"/.exec(message)?.[1] ?? '';
      problems.push(
        problem(
          at,
          `Die Definition lässt sich nicht übersetzen: ${message}`,
          `The definition cannot be compiled: ${message}`,
        ),
      );
    }
  }
  return problems;
}

/** One line per problem: "pointer: message" ('(Definition)' for the whole definition). */
export function formatProblems(problems: DefinitionProblem[], lang: 'de' | 'en'): string {
  const whole = lang === 'de' ? '(Definition)' : '(definition)';
  return problems.map((p) => `${p.pointer || whole}: ${p.message[lang]}`).join('\n');
}
