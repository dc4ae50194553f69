/**
 * Shared helpers of the extended checks (src/schemas/check/*): walking the questions of a definition
 * with the pointer where each is written, following local `$ref`s.
 */
import type { DefinitionProblem } from '../check.js';

export type Obj = Record<string, unknown>;
export const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
export const esc = (token: string | number): string => String(token).replace(/~/g, '~0').replace(/\//g, '~1');
export const list = (values: unknown[]): string => values.map((v) => String(v)).join(', ');

export function problem(pointer: string, de: string, en: string, severity?: 'warning'): DefinitionProblem {
  return severity ? { pointer, message: { de, en }, severity } : { pointer, message: { de, en } };
}
export const warning = (pointer: string, de: string, en: string): DefinitionProblem =>
  problem(pointer, de, en, 'warning');

/** The node at a local reference ("#/$defs/adresse") and its pointer, or undefined. */
export function follow(root: Obj, ref: string): { schema: Obj; pointer: string } | undefined {
  if (!ref.startsWith('#/') && ref !== '#') return undefined;
  let node: unknown = root;
  const tokens = ref === '#' ? [] : ref.slice(2).split('/');
  for (const raw of tokens) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObj(node) ? node[token] : Array.isArray(node) ? node[Number(token)] : undefined;
  }
  return isObj(node) ? { schema: node, pointer: ref.slice(1) } : undefined;
}

/** A schema with its `$ref` chain followed; `pointer` is where the followed schema is written. */
export function deref(root: Obj, schema: Obj, pointer: string): { schema: Obj; pointer: string } {
  let current = { schema, pointer };
  for (let n = 0; n < 20 && typeof current.schema.$ref === 'string'; n++) {
    const next = follow(root, current.schema.$ref);
    if (!next) break;
    current = next;
  }
  return current;
}

export interface Question {
  /** The property name (or the array's name for its entries). */
  name: string;
  /** The question's schema with `$ref` followed. */
  schema: Obj;
  /** Where the question's schema is written. */
  pointer: string;
  /** Where the property is declared (its entry in `properties`); `title` may also sit there beside a `$ref`. */
  declared: Obj;
  declaredAt: string;
  /** Inside the entries of a repeatable group. */
  inRepeat: boolean;
  kind: 'object' | 'array' | 'file' | 'leaf';
}

/** How a problem names a question: its title as the form shows it in that language (its English title
 * from x-ozg.i18n.en, else the German one; a FIM import's keys read „F00000000205“), else its property name. */
export function questionTitle(q: Question, lang: 'de' | 'en' = 'de'): string {
  const texts = (schema: Obj): string | undefined => {
    const x = isObj(schema['x-ozg']) ? schema['x-ozg'] : {};
    const en = isObj(x.i18n) && isObj(x.i18n.en) ? x.i18n.en.title : undefined;
    const title = lang === 'en' && typeof en === 'string' && en.trim() ? en : schema.title;
    return typeof title === 'string' && title.trim() ? title : undefined;
  };
  return texts(q.declared) ?? texts(q.schema) ?? q.name;
}

/** The subschemas that can add to an object: then/else, the entries of allOf/anyOf/oneOf and the
 * dependentSchemas, each with its pointer. */
export function branchesOf(schema: Obj, pointer: string): Array<[unknown, string]> {
  const branches: Array<[unknown, string]> = [
    [schema.then, `${pointer}/then`],
    [schema.else, `${pointer}/else`],
  ];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const value = schema[key];
    if (Array.isArray(value)) value.forEach((sub, i) => branches.push([sub, `${pointer}/${key}/${i}`]));
  }
  if (isObj(schema.dependentSchemas))
    for (const [n, sub] of Object.entries(schema.dependentSchemas))
      branches.push([sub, `${pointer}/dependentSchemas/${esc(n)}`]);
  return branches;
}

/** Properties of an object schema, also those of its then/else/allOf/anyOf/oneOf/dependentSchemas branches. */
function propertiesOf(root: Obj, schema: Obj, pointer: string, into: Array<[string, Obj, string]>): void {
  if (isObj(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties))
      if (isObj(sub)) into.push([name, sub, `${pointer}/properties/${esc(name)}`]);
  }
  for (const [sub, at] of branchesOf(schema, pointer)) if (isObj(sub)) propertiesOf(root, sub, at, into);
}

/** Every property name an object schema can have (its own and those of its branches). */
export function propertyNames(root: Obj, schema: Obj, pointer: string): Set<string> {
  const found: Array<[string, Obj, string]> = [];
  propertiesOf(root, schema, pointer, found);
  return new Set(found.map(([name]) => name));
}

/** Every question of the form, depth first; a `$defs` schema used twice is visited twice. */
export function questions(root: Obj): Question[] {
  const out: Question[] = [];
  const visit = (declared: Obj, declaredAt: string, name: string, inRepeat: boolean, depth: number): void => {
    if (depth > 12) return;
    const { schema, pointer } = deref(root, declared, declaredAt);
    const x = isObj(schema['x-ozg']) ? schema['x-ozg'] : {};
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    const kind = isObj(x.file)
      ? 'file'
      : type === 'object' || isObj(schema.properties)
        ? 'object'
        : type === 'array' && isObj(schema.items)
          ? 'array'
          : 'leaf';
    out.push({ name, schema, pointer, declared, declaredAt, inRepeat, kind });
    if (kind === 'object') {
      const found: Array<[string, Obj, string]> = [];
      propertiesOf(root, schema, pointer, found);
      const seen = new Set<string>();
      for (const [n, sub, at] of found) {
        if (seen.has(at)) continue;
        seen.add(at);
        visit(sub, at, n, inRepeat, depth + 1);
      }
    } else if (kind === 'array') {
      const items = deref(root, schema.items as Obj, `${pointer}/items`);
      const itemType = items.schema.type;
      if (itemType === 'object' || isObj(items.schema.properties))
        visit(schema.items as Obj, `${pointer}/items`, name, true, depth + 1);
    }
  };
  const top: Array<[string, Obj, string]> = [];
  propertiesOf(root, root, '', top);
  for (const [name, sub, at] of top) visit(sub, at, name, false, 0);
  return out;
}

/** The values a choice offers (enum, or the consts of oneOf/anyOf), on the schema or its items. */
export function choiceValues(root: Obj, schema: Obj): unknown[] | undefined {
  for (const candidate of [schema, isObj(schema.items) ? deref(root, schema.items, '').schema : undefined]) {
    if (!candidate) continue;
    if (Array.isArray(candidate.enum)) return candidate.enum;
    const options = candidate.oneOf ?? candidate.anyOf;
    if (
      Array.isArray(options) &&
      options.length &&
      options.every((o) => isObj(o) && 'const' in deref(root, o, '').schema)
    ) {
      return options.map((o) => deref(root, o as Obj, '').schema.const);
    }
  }
  if (schema.type === 'boolean') return [true, false];
  return undefined;
}
