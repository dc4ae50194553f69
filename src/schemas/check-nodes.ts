/**
 * What the parts of the definition checker share: the problem type, walking every schema of a
 * definition, following local references, and the engine (Ajv or the interpreter) the checks run with.
 */
import type { ErrorObject } from 'ajv';
import type { Refusal } from './support.js';
import localizeDe from 'ajv-i18n/localize/de/index.js';

export interface DefinitionProblem {
  /** JSON Pointer into the definition ('' = the whole definition). */
  pointer: string;
  message: { de: string; en: string };
  /** 'warning': worth fixing, but the form works (only the full check of src/schemas/check/ reports warnings). */
  severity?: 'warning';
  /** The judge's refusal (support.ts) behind this problem; its sentences may be added later (wordRefusals). */
  refusal?: Refusal;
}

export type Obj = Record<string, unknown>;
export const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
export const isSchema = (value: unknown): boolean => isObj(value) || typeof value === 'boolean';
export const esc = (token: string | number): string => String(token).replace(/~/g, '~0').replace(/\//g, '~1');
export const list = (values: unknown[]): string => values.map((v) => String(v)).join(', ');

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
/** A schema's regular expressions with their pointers: its `pattern` and the keys of its
 * `patternProperties` (the browser's checker and, for RE2, check.ts). */
export function patternsOf({ schema, pointer }: SchemaNode): Array<[string, unknown]> {
  const patterns: Array<[string, unknown]> = [[`${pointer}/pattern`, schema.pattern]];
  if (isObj(schema.patternProperties))
    for (const key of Object.keys(schema.patternProperties))
      patterns.push([`${pointer}/patternProperties/${esc(key)}`, key]);
  return patterns;
}

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

export function problem(pointer: string, de: string, en: string): DefinitionProblem {
  return { pointer, message: { de, en } };
}

/** German text of an Ajv message via ajv-i18n. */
export function german(error: ErrorObject): string {
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
  /** The sentences of a refusal (refusal-texts.ts). Left out in the browser, which loads them only
   * for a definition it refuses (check-browser.ts): a form that works never needs them. */
  wordRefusal?(refusal: Refusal): DefinitionProblem;
}

export function resolveLocal(root: Obj, ref: string, anchors: Set<string>): unknown {
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

export const anchorsOf = (nodes: SchemaNode[]): Set<string> =>
  new Set(nodes.map((n) => n.schema.$anchor).filter((a): a is string => typeof a === 'string'));
