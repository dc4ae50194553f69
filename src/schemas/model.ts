import { escapeToken, resolveRef } from './resolve.js';
import { RECURSION_DEPTH, refusals, type Refusal } from './support.js';
import { ALTERNATIVE_KEY } from './types.js';
import type {
  ArrayNode,
  ChoiceNode,
  ChoiceOption,
  ConditionalBlock,
  FieldNode,
  FormModel,
  JsonSchema,
  LeafNode,
  ObjectNode,
  StepModel,
} from './types.js';

/** Up to this many options a single choice is shown as radio buttons, beyond as a select list. */
const MAX_RADIO_OPTIONS = 6;

export class DefinitionError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
    /** The constructs support.ts refused, when that is why (the checker words them). */
    readonly refusals: Refusal[] = [],
  ) {
    super(`${pointer || '/'}: ${message}`);
    this.name = 'DefinitionError';
  }
}

function firstType(schema: JsonSchema): string | undefined {
  const { type } = schema;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? (type.length ? 'null' : undefined);
  return type;
}

function choiceOptions(definition: JsonSchema, schema: JsonSchema, pointer: string): ChoiceOption[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => ({ value }));
  const variants = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(variants) || variants.length === 0) return undefined;
  const options: ChoiceOption[] = [];
  for (let i = 0; i < variants.length; i++) {
    const { schema: option } = resolveRef(definition, variants[i], `${pointer}/oneOf/${i}`);
    if (!('const' in option)) return undefined;
    options.push({ value: option.const, schema: option });
  }
  return options;
}

/** A list whose entries are of a definition it is itself part of (an Organisationseinheit with its
 * Untereinheiten): the entry's questions are built when first needed, and at RECURSION_DEPTH
 * levels no more entries can be added. */
function recursiveList(
  definition: JsonSchema,
  key: string,
  schema: JsonSchema,
  pointer: string,
  ref: string,
  items: { schema: JsonSchema; pointer: string },
): ArrayNode {
  const depth = trail.filter((r) => r === ref).length;
  const refs = [...trail, ref];
  let item: ObjectNode | undefined;
  const node = {
    kind: 'array',
    key,
    schema,
    schemaPointer: pointer,
    recursive: true,
    minItems: depth >= RECURSION_DEPTH ? 0 : (schema.minItems ?? 0),
    maxItems: depth >= RECURSION_DEPTH ? 0 : (schema.maxItems ?? Number.POSITIVE_INFINITY),
    get item(): ObjectNode {
      return (item ??= within(refs, () =>
        buildObject(definition, '', items.schema, items.pointer, `${pointer}/items`),
      ));
    },
  } satisfies ArrayNode;
  return node;
}

function buildLeaf(definition: JsonSchema, key: string, schema: JsonSchema, pointer: string): FieldNode {
  const widget = schema['x-ozg']?.widget;
  const type = firstType(schema);
  // A file question (Nachweis): its answer is a list of chosen files, see modules/uploads.
  if (schema['x-ozg']?.file) return { kind: 'file', key, schema, schemaPointer: pointer };
  // A custom element (a name with a hyphen) renders a question with one answer of any JSON type.
  if (typeof widget === 'string' && widget.includes('-')) {
    const kind = type === 'number' || type === 'integer' || type === 'boolean' ? type : 'text';
    return { kind, key, schema, schemaPointer: pointer, element: widget };
  }

  if (type === 'array') {
    if (!schema.items) throw new DefinitionError('An array question needs "items".', pointer);
    const items = resolveRef(definition, schema.items, `${pointer}/items`);
    const options = choiceOptions(definition, items.schema, items.pointer);
    if (options) {
      const node: ChoiceNode = { kind: 'multi', key, schema, schemaPointer: pointer, options, widget: 'checkboxes' };
      return node;
    }
    const ref = schema.items.$ref;
    if (ref && trail.includes(ref)) return recursiveList(definition, key, schema, pointer, ref, items);
    const itemType = firstType(items.schema);
    if (itemType === 'string' || itemType === 'number' || itemType === 'integer' || itemType === 'boolean') {
      // A list of simple values ("Weitere Vornamen"): one question per entry, added and removed.
      const item = buildLeaf(definition, key, items.schema, `${pointer}/items`) as LeafNode;
      const node: ArrayNode = {
        kind: 'array',
        key,
        schema,
        schemaPointer: pointer,
        item,
        minItems: schema.minItems ?? 0,
        maxItems: schema.maxItems ?? Number.POSITIVE_INFINITY,
      };
      return node;
    }
    if (itemType === 'object' || items.schema.properties) {
      const item = within(ref ? [...trail, ref] : trail, () =>
        buildObject(definition, '', items.schema, items.pointer, `${pointer}/items`),
      );
      const node: ArrayNode = {
        kind: 'array',
        key,
        schema,
        schemaPointer: pointer,
        item,
        minItems: schema.minItems ?? 0,
        maxItems: schema.maxItems ?? Number.POSITIVE_INFINITY,
      };
      return node;
    }
    throw new DefinitionError('Arrays must hold objects, choices or simple values.', pointer);
  }

  const options = choiceOptions(definition, schema, pointer);
  if (options && type !== 'boolean') {
    const node: ChoiceNode = {
      kind: 'choice',
      key,
      schema,
      schemaPointer: pointer,
      options,
      widget:
        widget === 'radio' || widget === 'select'
          ? (widget as 'radio' | 'select')
          : options.length <= MAX_RADIO_OPTIONS
            ? 'radio'
            : 'select',
    };
    return node;
  }

  let kind: LeafNode['kind'];
  switch (type) {
    case 'boolean':
      kind = 'boolean';
      break;
    case 'integer':
      kind = 'integer';
      break;
    case 'number':
      kind = 'number';
      break;
    case 'null':
      // Nothing to answer: a text between the questions (a legal note), never a control.
      kind = 'info';
      break;
    case 'string':
    case undefined:
      kind =
        schema.format === 'email'
          ? 'email'
          : schema.format === 'uri' || schema.format === 'url'
            ? 'url'
            : schema.format === 'date'
              ? 'date'
              : schema.format === 'de-phone'
                ? 'tel'
                : widget === 'textarea' || (widget !== 'text' && (schema.maxLength ?? 0) > 200)
                  ? 'textarea'
                  : 'text';
      break;
    default:
      throw new DefinitionError(`Unsupported type "${String(type)}".`, pointer);
  }
  const node: LeafNode = { kind, key, schema, schemaPointer: pointer };
  return node;
}

/** The `$ref`s being expanded, outermost first: a recursive one (a tree of nodes of the same
 * definition) is expanded one level at a time, when an entry is added, up to RECURSION_DEPTH. */
let trail: string[] = [];

function within<T>(refs: string[], build: () => T): T {
  const saved = trail;
  trail = refs;
  try {
    return build();
  } finally {
    trail = saved;
  }
}

function buildNode(definition: JsonSchema, key: string, raw: JsonSchema, pointer: string): FieldNode {
  if (typeof raw.$ref === 'string')
    return within([...trail, raw.$ref], () => buildResolved(definition, key, raw, pointer));
  return buildResolved(definition, key, raw, pointer);
}

function buildResolved(definition: JsonSchema, key: string, raw: JsonSchema, pointer: string): FieldNode {
  const { schema, pointer: contentPointer } = resolveRef(definition, raw, pointer);
  if (firstType(schema) === 'object' || (schema.properties && !schema.type)) {
    return buildObject(definition, key, schema, contentPointer, pointer);
  }
  // Leaves are validated through the pointer of the `$ref` node, so its sibling keywords count.
  const node = buildLeaf(definition, key, schema, pointer);
  return node;
}

interface Collected {
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
function collect(definition: JsonSchema, schema: JsonSchema, pointer: string, into: Collected): void {
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
function defaultOrder(collected: Collected): string[] {
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

export function buildObject(
  definition: JsonSchema,
  key: string,
  schema: JsonSchema,
  contentPointer: string,
  validationPointer = contentPointer,
): ObjectNode {
  const collected: Collected = {
    properties: new Map(),
    atLeastOne: [],
    base: [],
    baseRequired: new Set(),
    blocks: [],
    placements: [],
  };
  collect(definition, schema, contentPointer, collected);

  const declared = schema['x-ozg']?.order;
  const order = declared ? declared.filter((name) => collected.properties.has(name)) : defaultOrder(collected);
  for (const name of collected.properties.keys()) if (!order.includes(name)) order.push(name);

  const alternatives = collected.alternatives;
  if (alternatives && !collected.properties.has(alternatives.key)) {
    collected.properties.set(alternatives.key, { schema: alternatives.schema, pointer: alternatives.pointer });
    if (!order.includes(alternatives.key)) order.unshift(alternatives.key);
  }
  const children = order.map((name) => {
    if (alternatives?.key === name) {
      const node = buildLeaf(definition, name, alternatives.schema, alternatives.pointer) as ChoiceNode;
      node.alternatives = alternatives.kind;
      return node;
    }
    const prop = collected.properties.get(name)!;
    return buildNode(definition, name, prop.schema, prop.pointer);
  });
  return {
    kind: 'object',
    key,
    schema,
    schemaPointer: validationPointer,
    children,
    baseFields: new Set(collected.base),
    baseRequired: collected.baseRequired,
    blocks: collected.blocks,
    ...(alternatives ? { alternatives: alternatives.key } : {}),
    ...(collected.atLeastOne.length ? { atLeastOne: collected.atLeastOne } : {}),
  };
}

/** Derives the form model (steps -> questions) from a definition. Throws DefinitionError. */
export function buildModel(definition: JsonSchema, id: string): FormModel {
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new DefinitionError('A definition must be a JSON object.', '', refusals(definition));
  }
  const refused = refusals(definition);
  if (refused.length) {
    const first = refused[0];
    throw new DefinitionError(`Not supported: ${first.construct}.`, first.pointer, refused);
  }
  const root = buildObject(definition, '', definition, '');
  const stepDefs = definition['x-ozg']?.steps;
  let steps: StepModel[];
  if (Array.isArray(stepDefs) && stepDefs.length > 0) {
    steps = stepDefs.map((step, i) => {
      for (const field of step.fields ?? []) {
        if (!root.children.some((child) => child.key === field)) {
          throw new DefinitionError(`Step "${step.id}" names an unknown field "${field}".`, `/x-ozg/steps/${i}/fields`);
        }
      }
      return {
        id: step.id,
        texts: { title: step.title, description: step.description, 'x-ozg': { i18n: step.i18n } },
        fields: [...(step.fields ?? [])],
      };
    });
  } else {
    steps = [{ id: 'form', texts: {}, fields: root.children.map((child) => child.key) }];
  }
  // A choice between alternatives the form made up is asked on the first step that asks their questions.
  if (root.alternatives && !steps.some((step) => step.fields.includes(root.alternatives!))) {
    const block = new Set(root.blocks.flatMap((b) => b.fields));
    const step = steps.find((s) => s.fields.some((f) => block.has(f))) ?? steps[0];
    step.fields.unshift(root.alternatives);
  }
  return { definition, root, steps, id };
}

const childIndex = new WeakMap<ObjectNode, Map<string, FieldNode>>();

/** The question `key` of an object, looked up in an index built on first use (a section of a long
 * form is asked for each of its questions on every render). */
function childByKey(node: ObjectNode, key: string): FieldNode | undefined {
  let index = childIndex.get(node);
  if (!index) childIndex.set(node, (index = new Map(node.children.map((c) => [c.key, c]))));
  return index.get(key);
}

/** The question at an answer pointer ('/hunde/0/name'), or undefined. Array indexes are skipped. */
export function nodeAt(root: ObjectNode, pointer: string): FieldNode | undefined {
  if (pointer === '') return root;
  let node: FieldNode = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node.kind === 'array') {
      if (!/^\d+$/.test(token)) return undefined;
      node = node.item;
      continue;
    }
    if (node.kind !== 'object') return undefined;
    const child: FieldNode | undefined = childByKey(node, token);
    if (!child) return undefined;
    node = child;
  }
  return node;
}

/** Whether a question or any question below it is a file question (then modules/uploads is needed). */
export function hasFileQuestion(node: FieldNode): boolean {
  return (
    node.kind === 'file' ||
    (node.kind === 'object'
      ? node.children.some(hasFileQuestion)
      : node.kind === 'array' && !node.recursive && hasFileQuestion(node.item))
  );
}
