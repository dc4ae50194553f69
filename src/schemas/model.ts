import { collect, defaultOrder, firstType, type Collected } from './collect.js';
import { unescapeToken } from './data.js';
import { resolveRef } from './resolve.js';
import { RECURSION_DEPTH, refusals, type Refusal } from './support.js';
import type {
  ArrayNode,
  ChoiceNode,
  ChoiceOption,
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
    // As x-ozg.meta.json says: createElement would refuse it with a message for developers only.
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(widget))
      throw new DefinitionError(
        `x-ozg.widget "${widget}" is not a custom element name (lowercase letters and digits, parts joined by hyphens).`,
        `${pointer}/x-ozg/widget`,
      );
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
    let item: ArrayNode['item'];
    if (itemType === 'string' || itemType === 'number' || itemType === 'integer' || itemType === 'boolean') {
      // A list of simple values ("Weitere Vornamen"): one question per entry, added and removed.
      item = buildLeaf(definition, key, items.schema, `${pointer}/items`) as LeafNode;
    } else if (itemType === 'object' || items.schema.properties) {
      item = within(ref ? [...trail, ref] : trail, () =>
        buildObject(definition, '', items.schema, items.pointer, `${pointer}/items`),
      );
    } else {
      throw new DefinitionError('Arrays must hold objects, choices or simple values.', pointer);
    }
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

/** The answers of a yes/no question, with their texts. */
const YES_NO: ChoiceOption[] = [
  { value: true, schema: { const: true, title: 'Ja', 'x-ozg': { i18n: { en: { title: 'Yes' } } } } },
  { value: false, schema: { const: false, title: 'Nein', 'x-ozg': { i18n: { en: { title: 'No' } } } } },
];

/**
 * A boolean that must be answered, and is no confirmation (`const: true`): a question with the radio
 * buttons "Ja" and "Nein". A single checkbox cannot say "no" by being left alone when an answer is
 * required; `x-ozg.widget: "checkbox"` keeps the box.
 */
function yesOrNo(node: FieldNode): FieldNode {
  const { schema } = node;
  if (node.kind !== 'boolean' || 'element' in node || 'const' in schema || schema['x-ozg']?.widget === 'checkbox')
    return node;
  const choice: ChoiceNode = { ...node, kind: 'choice', options: YES_NO, widget: 'radio' };
  return choice;
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
    const node = buildNode(definition, name, prop.schema, prop.pointer);
    return collected.baseRequired.has(name) ? yesOrNo(node) : node;
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
export function childByKey(node: ObjectNode, key: string): FieldNode | undefined {
  let index = childIndex.get(node);
  if (!index) childIndex.set(node, (index = new Map(node.children.map((c) => [c.key, c]))));
  return index.get(key);
}

/** The question at an answer pointer ('/hunde/0/name'), or undefined. Array indexes are skipped. */
export function nodeAt(root: ObjectNode, pointer: string): FieldNode | undefined {
  if (pointer === '') return root;
  let node: FieldNode = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapeToken(raw);
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
