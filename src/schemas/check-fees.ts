/**
 * Checks of `x-ozg.fees` beyond its meta-schema: every pointer of a fee rule must name a question
 * of the form (a list for `count`, a question of the entries for `where`), and `units` must be a
 * range. A fee that silently counts nothing would bill the wrong amount without anyone noticing.
 */
import type { DefinitionProblem } from './check-rules.js';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

export function deref(root: Obj, schema: unknown, depth = 0): Obj | undefined {
  if (!isObj(schema)) return undefined;
  const ref = schema.$ref;
  if (typeof ref !== 'string' || depth > 20) return schema;
  const local = ref.includes('#') ? ref.slice(ref.indexOf('#') + 1) : '';
  let node: unknown = root;
  for (const raw of local.split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObj(node) ? node[token] : undefined;
  }
  return deref(root, node, depth + 1);
}

/** The schema of property `name` of an object schema, also in its conditional branches. */
function property(root: Obj, schema: Obj, name: string): Obj | undefined {
  const props = schema.properties;
  if (isObj(props) && name in props) return deref(root, props[name]);
  const branches: unknown[] = [schema.then, schema.else];
  for (const key of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(schema[key])) branches.push(...(schema[key] as unknown[]));
  if (isObj(schema.dependentSchemas)) branches.push(...Object.values(schema.dependentSchemas));
  for (const branch of branches) {
    const sub = deref(root, branch);
    const found = sub ? property(root, sub, name) : undefined;
    if (found) return found;
  }
  return undefined;
}

export function resolve(root: Obj, from: Obj, pointer: string): Obj | undefined {
  let node: Obj | undefined = from;
  for (const raw of pointer.split('/').slice(1)) {
    if (!node) return undefined;
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = /^\d+$/.test(token) && isObj(node.items) ? deref(root, node.items) : property(root, node, token);
  }
  return node;
}

function problem(pointer: string, de: string, en: string): DefinitionProblem {
  return { pointer, message: { de, en } };
}

export function checkFees(root: Obj): DefinitionProblem[] {
  const fees = isObj(root['x-ozg']) ? root['x-ozg'].fees : undefined;
  if (!isObj(fees) || !Array.isArray(fees.items)) return [];
  const problems: DefinitionProblem[] = [];
  const missing = (at: string, pointer: string) =>
    problems.push(
      problem(
        at,
        `Der Zeiger „${pointer}“ der Gebührenregel führt zu keiner Frage des Formulars. Bitte prüfen Sie den Pfad (z. B. „/fahrzeuge“ oder „/zeitraum/tage“).`,
        `The pointer "${pointer}" of the fee rule leads to no question of the form. Check the path (e.g. "/vehicles" or "/period/days").`,
      ),
    );
  const check = (at: string, pointer: unknown, from: Obj = root): Obj | undefined => {
    if (typeof pointer !== 'string') return undefined;
    const found = resolve(root, from, pointer);
    if (!found) missing(at, pointer);
    return found;
  };
  fees.items.forEach((item: unknown, i) => {
    if (!isObj(item)) return;
    const at = `/x-ozg/fees/items/${i}`;
    const whens = Array.isArray(item.when) ? item.when : item.when ? [item.when] : [];
    whens.forEach((cond: unknown, j) => {
      if (isObj(cond)) check(Array.isArray(item.when) ? `${at}/when/${j}/pointer` : `${at}/when/pointer`, cond.pointer);
    });
    const quantities = Array.isArray(item.quantity) ? item.quantity : item.quantity ? [item.quantity] : [];
    quantities.forEach((q: unknown, j) => {
      if (!isObj(q)) return;
      const qAt = Array.isArray(item.quantity) ? `${at}/quantity/${j}` : `${at}/quantity`;
      if (typeof q.count === 'string') {
        const list = check(`${qAt}/count`, q.count);
        if (list && (list.type !== 'array' || !isObj(list.items))) {
          problems.push(
            problem(
              `${qAt}/count`,
              `„${q.count}“ ist keine wiederholbare Gruppe (type array); count zählt deren Einträge.`,
              `"${q.count}" is not a repeatable group (type array); count counts its entries.`,
            ),
          );
        } else if (list && isObj(q.where)) {
          const entry = deref(root, list.items);
          if (entry) check(`${qAt}/where/pointer`, q.where.pointer, entry);
        }
      }
      if (typeof q.value === 'string') check(`${qAt}/value`, q.value);
      if (isObj(q.days)) {
        check(`${qAt}/days/from`, q.days.from);
        check(`${qAt}/days/to`, q.days.to);
      }
    });
    const units = item.units;
    if (isObj(units) && typeof units.from === 'number' && typeof units.to === 'number' && units.from > units.to) {
      problems.push(
        problem(
          `${at}/units`,
          `units.from (${units.from}) ist größer als units.to (${units.to}); die Zeile würde nie berechnet.`,
          `units.from (${units.from}) is larger than units.to (${units.to}); the line would never be charged.`,
        ),
      );
    }
  });
  return problems;
}
