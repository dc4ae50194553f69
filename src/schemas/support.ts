/**
 * The one judge of what ozg-form can ask: the element (model.ts) refuses a definition exactly when
 * this finds a refusal, and the checker (check-rules.ts) reports the same refusals, worded by
 * refusal-texts.ts. So a definition the checker passed is never refused in production.
 *
 * Pure and small (it ships with every form): it names the construct and the place; the sentences
 * saying what to write instead live in the checker's chunk.
 */
import { escapeToken } from './data.js';

/** How many levels of a recursive definition (a tree) the form offers; the checker says so. */
export const RECURSION_DEPTH = 5;

/** A construct of JSON Schema that ozg-form does not render, by name. */
export type Construct =
  /** The definition is no JSON object, or its top is not `"type": "object"`. */
  | 'not-object'
  /** The top has neither `properties` nor alternatives of objects. */
  | 'no-questions'
  /** `items` as an array, or `prefixItems`: a list whose entries differ by position. */
  | 'tuple'
  /** A `$ref` into another document. */
  | 'external-ref'
  /** A local `$ref` to a place where no schema is. */
  | 'missing-ref'
  /** A `$ref` to an `$anchor` name ("#adresse") instead of a pointer. */
  | 'anchor-ref'
  /** An object with `patternProperties` (or only `additionalProperties`) and no fixed properties. */
  | 'open-object'
  /** An array without `items`. */
  | 'array-without-items'
  /** An array whose entries are neither objects, choices nor simple values (e.g. lists of lists). */
  | 'array-items'
  /** `oneOf`/`anyOf` of which some entries are objects and others not (no choice to offer). */
  | 'alternatives'
  /** A `$ref` to a schema it is itself part of, other than through the entries of a list (a tree). */
  | 'recursion'
  /** `"type": "null"` without a title or description (nothing to show), or an unknown type. */
  | 'type'
  /** `"enum": []`: a choice without options, which no answer can satisfy. */
  | 'empty-enum'
  /** A custom element (`x-ozg.widget` with a hyphen) for a group or a list: it answers one question. */
  | 'widget-on-group';

export interface Refusal {
  construct: Construct;
  /** JSON Pointer into the definition. */
  pointer: string;
  /** The type or reference concerned, where it helps the sentence. */
  detail?: string;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const SIMPLE = ['string', 'number', 'integer', 'boolean'];

function at(root: Obj, ref: string): unknown {
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    if (ref === '#') break;
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObj(node) || Array.isArray(node) ? (node as Obj)[token] : undefined;
  }
  return node;
}

function mainType(schema: Obj): unknown {
  const { type } = schema;
  return Array.isArray(type) ? (type.find((t) => t !== 'null') ?? 'null') : type;
}

/** Whether the entries of a `oneOf`/`anyOf` are objects (questions of their own): all, some, none. */
function objectAlternatives(root: Obj, schema: Obj): 'all' | 'some' | 'none' {
  const variants = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(variants) || variants.length === 0) return 'none';
  const objects = variants.filter((v) => {
    const target = isObj(v) && typeof v.$ref === 'string' && v.$ref.startsWith('#/') ? at(root, v.$ref) : v;
    return isObj(target) && (mainType(target) === 'object' || (target.type === undefined && isObj(target.properties)));
  }).length;
  return objects === 0 ? 'none' : objects === variants.length ? 'all' : 'some';
}

/** Every refusal of a definition; an empty list means the element can render it. `trees` collects
 * the pointers of lists whose entries are of a definition they are part of (RECURSION_DEPTH). */
export function refusals(definition: unknown, trees: string[] = []): Refusal[] {
  if (!isObj(definition)) return [{ construct: 'not-object', pointer: '' }];
  const root = definition;
  const found: Refusal[] = [];
  const ownId = typeof root.$id === 'string' ? root.$id.replace(/#$/, '') : undefined;
  /** A reference inside the definition as "#/…" (also when written with the definition's own $id). */
  const local = (ref: unknown): string | undefined => {
    if (typeof ref !== 'string') return undefined;
    const inner = ownId && ref.startsWith(`${ownId}#`) ? ref.slice(ownId.length) : ref;
    return inner.startsWith('#/') || inner === '#' ? inner : undefined;
  };
  const refuse = (construct: Construct, pointer: string, detail?: string) => {
    if (!found.some((r) => r.pointer === pointer && r.construct === construct))
      found.push(detail === undefined ? { construct, pointer } : { construct, pointer, detail });
  };

  const type = root.type;
  if (type !== 'object' && !(Array.isArray(type) && type.includes('object'))) refuse('not-object', '/type');
  if (!isObj(root.properties) && objectAlternatives(root, root) === 'none') refuse('no-questions', '/properties');

  // Everywhere in the definition: tuples and references (a $ref is followed wherever it stands).
  const everywhere = (schema: unknown, pointer: string, depth: number): void => {
    if (!isObj(schema) || depth > 64) return;
    if (Array.isArray(schema.items) || 'prefixItems' in schema) {
      refuse('tuple', `${pointer}/${'prefixItems' in schema ? 'prefixItems' : 'items'}`);
    }
    if (typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      const inner = ownId && ref.startsWith(`${ownId}#`) ? ref.slice(ownId.length) : ref;
      if (!inner.startsWith('#')) refuse('external-ref', `${pointer}/$ref`, ref);
      else if (local(ref)) {
        const target = at(root, inner);
        if (!isObj(target) && typeof target !== 'boolean') refuse('missing-ref', `${pointer}/$ref`, ref);
      } else refuse('anchor-ref', `${pointer}/$ref`, ref);
    }
    // (Runs over every part of every definition a page shows: no entries arrays, no pointer strings
    // for values that are not schemas.)
    for (const key in schema) {
      const value = schema[key];
      if (value === null || typeof value !== 'object') continue;
      if (key === 'x-ozg' || key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
      if (!Array.isArray(value)) everywhere(value, `${pointer}/${escapeToken(key)}`, depth + 1);
      else
        for (let i = 0; i < value.length; i++)
          if (isObj(value[i])) everywhere(value[i], `${pointer}/${key}/${i}`, depth + 1);
    }
  };
  everywhere(root, '', 0);
  if (found.some((r) => r.construct.endsWith('-ref'))) return found;

  // The questions, as model.ts builds them; `refs` are the references on the way (recursion).
  const question = (schema: unknown, pointer: string, refs: string[]): void => {
    if (!isObj(schema)) return;
    let node = schema;
    let where = pointer;
    const seen = [...refs];
    for (let ref = local(node.$ref); ref; ref = local(node.$ref)) {
      if (seen.includes(ref)) return refuse('recursion', `${where}/$ref`, ref);
      seen.push(ref);
      const target = at(root, ref);
      if (!isObj(target)) return;
      node = { ...target, ...node, $ref: target.$ref };
      where = ref.slice(1);
    }
    const x = isObj(node['x-ozg']) ? node['x-ozg'] : {};
    if (typeof x.widget === 'string' && x.widget.includes('-')) {
      const t = mainType(node);
      return t === 'object' || t === 'array' || isObj(node.properties)
        ? refuse('widget-on-group', `${where}/x-ozg/widget`, x.widget)
        : undefined;
    }
    if (isObj(x.file)) return;
    if (Array.isArray(node.enum) && node.enum.length === 0) return refuse('empty-enum', `${where}/enum`);
    const kind = mainType(node);
    if (kind === 'object' || (kind === undefined && isObj(node.properties))) return object(node, where, seen);
    if (kind === 'array') {
      const items = node.items;
      if (!isObj(items))
        return Array.isArray(node.prefixItems) || Array.isArray(items)
          ? undefined
          : refuse('array-without-items', where);
      // A list of entries of a definition it is part of (a tree): expanded one level per entry.
      if (seen.includes(local(items.$ref) ?? '')) return void trees.push(where);
      let item: Obj = items;
      for (let n = 0, ref = local(item.$ref); n < 16 && ref; n++, ref = local(item.$ref)) {
        const target = at(root, ref);
        if (!isObj(target)) return;
        item = target;
      }
      if (Array.isArray(item.enum) || 'const' in item || choiceOf(item)) return;
      const itemType = mainType(item);
      if (itemType === 'object' || (itemType === undefined && isObj(item.properties)))
        return question(items, `${where}/items`, seen);
      if (SIMPLE.includes(String(itemType))) return; // a list of simple values
      return refuse('array-items', `${where}/items`, String(itemType));
    }
    if (objectAlternatives(root, node) !== 'none') return object(node, where, seen);
    if (kind === 'null') {
      if (typeof node.title !== 'string' && typeof node.description !== 'string') refuse('type', where, 'null');
      return;
    }
    if (kind !== undefined && !SIMPLE.includes(String(kind))) refuse('type', `${where}/type`, String(kind));
  };

  const choiceOf = (schema: Obj): boolean => {
    const variants = schema.oneOf ?? schema.anyOf;
    return Array.isArray(variants) && variants.length > 0 && variants.every((v) => isObj(v) && 'const' in v);
  };

  const object = (schema: Obj, pointer: string, refs: string[]): void => {
    const alternatives = objectAlternatives(root, schema);
    if (alternatives === 'some') refuse('alternatives', `${pointer}/${schema.oneOf ? 'oneOf' : 'anyOf'}`);
    if (!isObj(schema.properties) && pointer !== '') {
      if (isObj(schema.patternProperties) || isObj(schema.additionalProperties))
        return refuse(
          'open-object',
          `${pointer}/${isObj(schema.patternProperties) ? 'patternProperties' : 'additionalProperties'}`,
        );
    }
    if (isObj(schema.properties))
      for (const [name, sub] of Object.entries(schema.properties))
        question(sub, `${pointer}/properties/${escapeToken(name)}`, refs);
    const parts: Array<[unknown, string]> = [
      [schema.then, `${pointer}/then`],
      [schema.else, `${pointer}/else`],
    ];
    if (Array.isArray(schema.allOf)) schema.allOf.forEach((sub, i) => parts.push([sub, `${pointer}/allOf/${i}`]));
    const keyword = schema.oneOf ? 'oneOf' : 'anyOf';
    if (alternatives === 'all' && Array.isArray(schema[keyword]))
      (schema[keyword] as unknown[]).forEach((sub, i) => parts.push([sub, `${pointer}/${keyword}/${i}`]));
    if (isObj(schema.dependentSchemas))
      for (const [name, sub] of Object.entries(schema.dependentSchemas))
        parts.push([sub, `${pointer}/dependentSchemas/${escapeToken(name)}`]);
    for (const [part, partPointer] of parts) {
      if (!isObj(part)) continue;
      const ref = local(part.$ref);
      const resolved = ref ? { schema: at(root, ref), pointer: ref.slice(1) } : { schema: part, pointer: partPointer };
      if (isObj(resolved.schema) && !refs.includes(`#${resolved.pointer}`))
        object({ ...resolved.schema, properties: resolved.schema.properties ?? {} }, resolved.pointer, refs);
    }
  };

  object(root, '', []);
  return found;
}
