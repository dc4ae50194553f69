/**
 * Where a schema stands, for the checks of what the browser and the gateway decide alike
 * (unseen.ts, engines.ts, nested.ts): every schema of a definition with the keyword it is reached
 * by, the schema above it, and whether it is part of a condition (`if`, `not`), whose keywords only
 * decide whether it matches and never produce an error of their own.
 */
import { branchesOf, deref, esc, isObj, type Obj } from './walk.js';

export interface Place {
  schema: Obj;
  pointer: string;
  /** The keyword this schema is reached by ('then', 'allOf', 'properties', …); undefined at the root. */
  via?: string;
  parent?: Place;
  /** Inside an `if` or a `not`: a condition, not a rule whose error someone sees. */
  inCondition: boolean;
}

/** Keywords whose value is one schema, an array of schemas, or a map of schemas. */
const ONE = ['items', 'additionalProperties', 'contains', 'propertyNames', 'if', 'then', 'else', 'not'];
const MANY = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];
/** Keywords whose schema applies to the object itself (not to one of its answers). */
export const BRANCHES = ['then', 'else', 'allOf', 'anyOf', 'oneOf', 'dependentSchemas'];

/** Every schema object of the definition, the root first. */
export function places(root: Obj): Place[] {
  const out: Place[] = [];
  const visit = (schema: unknown, pointer: string, parent: Place | undefined, via: string | undefined): void => {
    if (!isObj(schema) || pointer.split('/').length > 80) return;
    const inCondition = (parent?.inCondition ?? false) || via === 'if' || via === 'not';
    const place: Place =
      via === undefined ? { schema, pointer, inCondition } : { schema, pointer, via, parent, inCondition };
    out.push(place);
    for (const key of ONE) if (isObj(schema[key])) visit(schema[key], `${pointer}/${key}`, place, key);
    for (const key of MANY) {
      const value = schema[key];
      if (Array.isArray(value)) value.forEach((sub, i) => visit(sub, `${pointer}/${key}/${i}`, place, key));
    }
    for (const key of MAP) {
      const value = schema[key];
      if (isObj(value))
        for (const [name, sub] of Object.entries(value)) visit(sub, `${pointer}/${key}/${esc(name)}`, place, key);
    }
  };
  visit(root, '', undefined, undefined);
  return out;
}

export const isObjectSchema = (schema: Obj): boolean =>
  schema.type === 'object' ||
  (Array.isArray(schema.type) && schema.type.includes('object')) ||
  (schema.type === undefined && isObj(schema.properties));

/** Whether the schema at this place applies to an object the form asks as a group of questions (the
 * root, an object question, an entry of a repeatable group, or a condition or alternative of one). */
export function isObjectLevel(place: Place): boolean {
  if (!place.parent) return true;
  if (isObjectSchema(place.schema)) return true;
  return BRANCHES.includes(place.via ?? '') && isObjectLevel(place.parent);
}

/** The object a condition or alternative belongs to (the place itself when it is no branch). */
export function owner(place: Place): Place {
  let current = place;
  while (current.parent && BRANCHES.includes(current.via ?? '')) current = current.parent;
  return current;
}

/** The entries of a `oneOf`/`anyOf` with local `$ref`s followed. */
export function entries(root: Obj, schema: Obj, keyword: 'oneOf' | 'anyOf', pointer: string): Obj[] {
  const value = schema[keyword];
  if (!Array.isArray(value)) return [];
  return value.map((sub, i) => (isObj(sub) ? deref(root, sub, `${pointer}/${keyword}/${i}`).schema : {}));
}

/** Whether the `oneOf`/`anyOf` entries are alternatives of questions (all objects), as the form offers them. */
export const areAlternatives = (options: Obj[]): boolean => options.length > 0 && options.every(isObjectSchema);

/** The property every alternative gives a different `const` (the form's choice between them), as collect.ts finds it. */
export function discriminator(options: Obj[]): string | undefined {
  const first = options[0];
  if (!first || !isObj(first.properties)) return undefined;
  return Object.keys(first.properties).find((name) => {
    const values = options.map((o) => {
      const declared = isObj(o.properties) ? o.properties[name] : undefined;
      return isObj(declared) && 'const' in declared ? JSON.stringify(declared.const) : undefined;
    });
    return values.every((v) => v !== undefined) && new Set(values).size === options.length;
  });
}

/** The properties an object declares, its own and those of its conditions and alternatives, each with
 * where it is declared. */
export function declarations(root: Obj, schema: Obj, pointer: string): Array<{ name: string; at: string }> {
  const out: Array<{ name: string; at: string }> = [];
  const visit = (node: Obj, at: string, depth: number): void => {
    if (depth > 16) return;
    if (isObj(node.properties))
      for (const name of Object.keys(node.properties)) out.push({ name, at: `${at}/properties/${esc(name)}` });
    for (const [sub, subAt] of branchesOf(node, at)) {
      if (!isObj(sub)) continue;
      const target = deref(root, sub, subAt);
      visit(target.schema, target.pointer, depth + 1);
    }
  };
  visit(schema, pointer, 0);
  return out;
}

/** Quoted names for a message: „a“, „b“ / "a", "b". */
export const names = (list: string[], lang: 'de' | 'en'): string =>
  [...new Set(list)].map((n) => (lang === 'de' ? `„${n}“` : `"${n}"`)).join(', ');
