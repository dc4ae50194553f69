/**
 * What one object schema asks: its properties, those of its conditions (if/then/else,
 * dependentSchemas, dependentRequired, allOf), of its alternatives (oneOf/anyOf of objects) and its
 * groups of "at least one of these" (anyOf of required), and the default order of its questions.
 * model.ts builds the questions from it.
 */
import { escapeToken, resolveRef } from './resolve.js';
import { ALTERNATIVE_KEY, type ConditionalBlock, type JsonSchema } from './types.js';

export function firstType(schema: JsonSchema): string | undefined {
  const { type } = schema;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? (type.length ? 'null' : undefined);
  return type;
}

export interface Collected {
  properties: Map<string, { schema: JsonSchema; pointer: string }>;
  atLeastOne: string[][][];
  /** The choice between alternatives: its key, how it is kept, and its schema (made up here). */
  alternatives?: { key: string; kind: 'discriminator' | 'synthetic'; schema: JsonSchema; pointer: string };
  base: string[];
  baseRequired: Set<string>;
  blocks: ConditionalBlock[];
  /** For the default order: the questions a condition shows and the questions it looks at. */
  placements: { fields: string[]; dependsOn: string[] }[];
}

/** The properties an `if` schema looks at. */
function conditionKeys(definition: JsonSchema, schema: JsonSchema, pointer: string): string[] {
  const { schema: resolved } = resolveRef(definition, schema, pointer);
  return [...Object.keys(resolved.properties ?? {}), ...(resolved.required ?? [])];
}

/** Collects properties and conditions of one object schema, following `allOf`. */
export function collect(definition: JsonSchema, schema: JsonSchema, pointer: string, into: Collected): void {
  const addProps = (part: JsonSchema, partPointer: string): string[] => {
    const added: string[] = [];
    for (const [name, propSchema] of Object.entries(part.properties ?? {})) {
      if (!into.properties.has(name)) {
        into.properties.set(name, { schema: propSchema, pointer: `${partPointer}/properties/${escapeToken(name)}` });
      }
      added.push(name);
    }
    return added;
  };

  for (const name of addProps(schema, pointer)) if (!into.base.includes(name)) into.base.push(name);
  for (const name of schema.required ?? []) into.baseRequired.add(name);

  const conditional = (
    part: JsonSchema | undefined,
    partPointer: string,
    when: ConditionalBlock['when'],
    dependsOn: string[],
  ) => {
    if (!part) return;
    const resolved = resolveRef(definition, part, partPointer);
    const fields = addProps(resolved.schema, resolved.pointer).filter((name) => !into.base.includes(name));
    into.blocks.push({ when, fields, required: [...(resolved.schema.required ?? [])] });
    into.placements.push({ fields, dependsOn });
  };

  if (schema.if) {
    const ifPointer = `${pointer}/if`;
    const keys = conditionKeys(definition, schema.if, ifPointer);
    conditional(schema.then, `${pointer}/then`, { type: 'if', schemaPointer: ifPointer, negate: false }, keys);
    conditional(schema.else, `${pointer}/else`, { type: 'if', schemaPointer: ifPointer, negate: true }, keys);
  }
  for (const [key, part] of Object.entries(schema.dependentSchemas ?? {})) {
    conditional(part, `${pointer}/dependentSchemas/${escapeToken(key)}`, { type: 'present', key }, [key]);
  }
  for (const [key, required] of Object.entries(schema.dependentRequired ?? {})) {
    into.blocks.push({ when: { type: 'present', key }, fields: [], required: [...required] });
  }
  (schema.allOf ?? []).forEach((part, i) => {
    const resolved = resolveRef(definition, part, `${pointer}/allOf/${i}`);
    collect(definition, resolved.schema, resolved.pointer, into);
  });
  collectAlternatives(definition, schema, pointer, into, conditional);
  // "At least one of these": anyOf whose entries only require questions (telephone or e-mail).
  const options = schema.anyOf?.map((part) => resolveRef(definition, part, pointer).schema);
  if (options?.length && options.every((o) => Array.isArray(o.required) && !o.properties && !o.type))
    into.atLeastOne.push(options.map((o) => [...o.required!]));
}

const isObjectSchema = (s: JsonSchema): boolean => firstType(s) === 'object' || (!s.type && !!s.properties);

/** `oneOf`/`anyOf` of objects: a choice between the alternatives, and each alternative's questions
 * as a block shown while it is chosen. The choice is a `const` property all alternatives have
 * (labelled by the alternatives' titles), or one the form makes up. */
function collectAlternatives(
  definition: JsonSchema,
  schema: JsonSchema,
  pointer: string,
  into: Collected,
  conditional: (part: JsonSchema, at: string, when: ConditionalBlock['when'], dependsOn: string[]) => void,
): void {
  const keyword = Array.isArray(schema.oneOf) ? 'oneOf' : Array.isArray(schema.anyOf) ? 'anyOf' : undefined;
  if (!keyword || into.alternatives) return;
  const parts = schema[keyword]!.map((part, i) => ({
    raw: part,
    at: `${pointer}/${keyword}/${i}`,
    ...resolveRef(definition, part, `${pointer}/${keyword}/${i}`),
  }));
  if (!parts.every((p) => isObjectSchema(p.schema))) return;
  const constOf = (p: (typeof parts)[number], name: string) => p.schema.properties?.[name]?.const;
  const discriminator = Object.keys(parts[0].schema.properties ?? {}).find((name) => {
    const values = parts.map((p) => constOf(p, name));
    return values.every((v) => v !== undefined) && new Set(values.map((v) => JSON.stringify(v))).size === parts.length;
  });
  const key = discriminator ?? ALTERNATIVE_KEY;
  const own = discriminator ? parts[0].schema.properties![discriminator] : undefined;
  const nested = pointer !== '';
  const texts = own ?? (nested ? schema : undefined);
  const choice: JsonSchema = {
    title: texts?.title ?? (nested ? undefined : 'Art des Antrags'),
    description: texts?.description,
    oneOf: parts.map((p, i) => ({
      const: discriminator ? constOf(p, discriminator) : i,
      title: p.schema.title ?? (discriminator ? String(constOf(p, discriminator)) : `${i + 1}`),
      'x-ozg': { i18n: p.schema['x-ozg']?.i18n },
    })),
    'x-ozg': { i18n: texts?.['x-ozg']?.i18n ?? (nested ? undefined : { en: { title: 'Type of application' } }) },
  };
  into.alternatives = {
    key,
    kind: discriminator ? 'discriminator' : 'synthetic',
    schema: choice,
    pointer: `${pointer}/${keyword}`,
  };
  if (!into.base.includes(key)) into.base.push(key);
  if (discriminator) into.baseRequired.add(key);
  parts.forEach((p, i) => conditional(p.raw, p.at, { type: 'equals', key, value: choice.oneOf![i].const }, [key]));
}

/** Without `x-ozg.order`: the questions in the order of `properties`, and a question that a condition
 * shows right after the last question the condition looks at ("Listenhund: ja" -> its test date). */
export function defaultOrder(collected: Collected): string[] {
  const order = [...collected.base];
  const placed = new Set<string>();
  for (const { fields, dependsOn } of collected.placements) {
    const fresh = fields.filter((name) => !order.includes(name));
    const anchor = Math.max(-1, ...dependsOn.map((name) => order.indexOf(name)));
    if (anchor < 0) {
      order.push(...fresh);
    } else {
      // After the anchor and after what earlier conditions on it placed there (then before else).
      let at = anchor + 1;
      while (at < order.length && placed.has(order[at])) at++;
      order.splice(at, 0, ...fresh);
    }
    fresh.forEach((name) => placed.add(name));
  }
  return order;
}
