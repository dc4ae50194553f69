/** The checker's part for the form's structure: steps name existing top-level questions once each,
 * enumLabels name existing choice values, order names existing properties. */
import {
  anchorsOf,
  esc,
  isObj,
  list,
  problem,
  resolveLocal,
  type DefinitionProblem,
  type Obj,
  type SchemaNode,
} from './check-nodes.js';

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

export function checkSteps(root: Obj): DefinitionProblem[] {
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

export function checkLabelsAndOrder(root: Obj, nodes: SchemaNode[]): DefinitionProblem[] {
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
