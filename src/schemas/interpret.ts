/**
 * JSON Schema validation that generates no code: @cfworker/json-schema walks the schema for every
 * value (an interpreter), so it runs under a Content-Security-Policy without 'unsafe-eval'. Ajv
 * compiles schemas into functions with `new Function`, which such a policy forbids; the browser never
 * loads it (docs/validation.md says why this path was chosen).
 *
 * Errors come out in Ajv's shape (`{keyword, instancePath, schemaPath, params}`) so that errors.ts
 * and messages.ts, and the gateway that keeps Ajv, speak about the same errors: the params Ajv would
 * report are read from the schema at the failing keyword, and the wrapper errors Ajv does not report
 * (properties, $ref, allOf, …) are left out.
 */
import {
  dereference,
  format as cfworkerFormats,
  validate,
  type OutputUnit,
  type Schema,
  type SchemaDraft,
} from '@cfworker/json-schema';
import localizeEn from 'ajv-i18n/localize/en/index.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { germanFormats } from './formats.js';
import type { JsonSchema } from './types.js';

/** The shape errors.ts and messages.ts consume: Ajv's ErrorObject (structurally). */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  /** With `verbose`: the failing value and the schema that holds the keyword (as Ajv's verbose mode). */
  data?: unknown;
  parentSchema?: Record<string, unknown>;
}

const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

/** True when the definition declares JSON Schema draft-07 in `$schema`. */
export function isDraft07(definition: unknown): boolean {
  if (definition === null || typeof definition !== 'object') return false;
  const declared = (definition as { $schema?: unknown }).$schema;
  return typeof declared === 'string' && DRAFT_07.test(declared);
}

/** The formats of the definition language: the same functions the server's Ajv uses (ajv-formats'
 * full mode for the standard ones, formats.ts for the German ones). */
export const FORMAT_NAMES = ['email', 'uri', 'date', 'date-time', 'time', ...Object.keys(germanFormats)];

type FormatTest = (value: string) => boolean;
function asTest(definition: unknown): FormatTest {
  const d = (definition as { validate?: unknown }).validate ?? definition;
  if (d instanceof RegExp) return (value) => d.test(value);
  return d as FormatTest;
}

let formatsInstalled = false;
/** @cfworker keeps one table of formats for all validators: replace it with ours. */
function installFormats(): void {
  if (formatsInstalled) return;
  formatsInstalled = true;
  const table = cfworkerFormats as Record<string, FormatTest>;
  for (const name of Object.keys(table)) delete table[name];
  // All of ajv-formats (the FIT-Connect metadata uses more than a definition may: check.ts allows
  // FORMAT_NAMES only), then the German ones.
  for (const [name, definition] of Object.entries(fullFormats)) {
    // Number formats (int32, …) are for numbers; the interpreter checks formats of strings only.
    if (
      typeof definition === 'object' &&
      !(definition instanceof RegExp) &&
      (definition as { type?: string }).type === 'number'
    )
      continue;
    table[name] = asTest(definition);
  }
  for (const [name, test] of Object.entries(germanFormats)) table[name] = test;
}

/** Wrapper errors the interpreter reports and Ajv does not (Ajv reports the inner errors only). */
const NOT_REPORTED_BY_AJV = new Set([
  'properties',
  'patternProperties',
  'prefixItems',
  'items',
  'additionalItems',
  '$ref',
  '$recursiveRef',
  'allOf',
  'dependentSchemas',
  'dependencies',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'contains',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const unescape = (token: string): string => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
/** '#/a%20b/c~1d' (the interpreter's URI fragment) -> '/a b/c~1d' (Ajv's JSON Pointer). */
const toPointer = (location: string): string =>
  location
    .replace(/^#/, '')
    .split('/')
    .map((t) => (t === '' ? t : decodeURIComponent(t)))
    .join('/');

/** Follows a keyword location ('#/properties/x/$ref/minLength') from `start`, through $refs. */
function schemaAt(start: unknown, location: string, lookup: Record<string, unknown>): unknown {
  let node: unknown = start;
  for (const raw of location.replace(/^#\/?/, '').split('/')) {
    if (raw === '') continue;
    const token = unescape(raw);
    if (!isObj(node) && !Array.isArray(node)) return undefined;
    if (token === '$ref' && isObj(node) && typeof node.__absolute_ref__ === 'string') {
      node = lookup[node.__absolute_ref__];
      continue;
    }
    node = (node as Obj)[token];
  }
  return node;
}

function valueAt(instance: unknown, pointer: string): unknown {
  let node = instance;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObj(node) || Array.isArray(node) ? (node as Obj)[token] : undefined;
  }
  return node;
}

/** Whether a schema document uses $ref (or $recursiveRef / $dynamicRef) anywhere. */
function hasReferences(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasReferences);
  if (!isObj(node)) return false;
  for (const key in node) {
    if (key === '$ref' || key === '$recursiveRef' || key === '$dynamicRef' || hasReferences(node[key])) return true;
  }
  return false;
}

/** Keywords whose value maps names (not keywords) to schemas: an `x-` key there is a name. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * The schema without its annotations (`x-ozg` …). @cfworker's dereference walks every object it meets
 * as if it were a schema, so an annotation with an `id` (a step, a fee line) is taken for a schema id:
 * against a `urn:` $id such a relative id cannot be resolved ("Invalid URL"), and against an https
 * $id it silently re-bases what follows. Validation never reads annotations.
 */
function withoutAnnotations(node: unknown, names = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutAnnotations(item));
  if (!isObj(node)) return node;
  const copy: Obj = {};
  for (const key in node) {
    if (!names && key.startsWith('x-')) continue;
    copy[key] = withoutAnnotations(node[key], !names && NAME_MAPS.has(key));
  }
  return copy;
}

const quoted = (text: string): string | undefined => /"([^"]*)"/.exec(text)?.[1];

/** Ajv's params for one failing keyword, from the schema that holds it and the failing value. */
function paramsOf(keyword: string, parent: Obj, unit: OutputUnit): Record<string, unknown> {
  const value = parent[keyword];
  switch (keyword) {
    case 'required':
      return { missingProperty: quoted(unit.error) };
    case 'dependentRequired': {
      const [property, missingProperty] = [...unit.error.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
      const deps = isObj(value) && property !== undefined ? (value[property] as string[]) : [];
      return { property, missingProperty, deps: deps.join(', '), depsCount: deps.length };
    }
    case 'type':
      return { type: Array.isArray(value) ? value.join(',') : value };
    case 'const':
      return { allowedValue: value };
    case 'enum':
      return { allowedValues: value };
    case 'format':
      return { format: value };
    case 'pattern':
      return { pattern: value };
    case 'multipleOf':
      return { multipleOf: value };
    case 'minimum':
    case 'exclusiveMinimum':
      return { comparison: keyword === 'minimum' ? '>=' : '>', limit: value };
    case 'maximum':
    case 'exclusiveMaximum':
      return { comparison: keyword === 'maximum' ? '<=' : '<', limit: value };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return { limit: value };
    case 'uniqueItems': {
      // Ajv names the later item i and the earlier one j.
      const [j, i] = (/indexes (\d+) and (\d+)/.exec(unit.error) ?? []).slice(1).map(Number);
      return { i, j };
    }
    case 'if':
      return { failingKeyword: unit.error.includes('"then"') ? 'then' : 'else' };
    case 'oneOf':
      return { passingSchema: null };
    default:
      return {};
  }
}

export interface InterpreterOptions {
  /** Add `data` and `parentSchema` to every error, as Ajv's `verbose`. */
  verbose?: boolean;
}

/**
 * One schema document (a definition, a meta-schema) ready to validate values against itself or any
 * schema inside it, addressed by JSON Pointer.
 */
export class SchemaInterpreter {
  private readonly root: Schema;
  private readonly draft: SchemaDraft;
  private readonly lookup: Record<string, unknown>;

  constructor(
    document: JsonSchema,
    private readonly options: InterpreterOptions = {},
  ) {
    installFormats();
    // The interpreter annotates the schema objects it dereferences with non-enumerable properties
    // (their absolute URIs), which JSON.stringify and Object.keys do not see.
    this.draft = isDraft07(document) ? '7' : '2020-12';
    // The lookup (every subschema by absolute URI) only serves $ref; a form without references (most
    // of them, and the large generated ones) does without it, without a copy and without the memory
    // they take. With references, the interpreter works on a copy without the annotations.
    if (hasReferences(document)) {
      this.root = withoutAnnotations(document) as Schema;
      this.lookup = dereference(this.root) as Record<string, unknown>;
    } else {
      this.root = document as Schema;
      this.lookup = Object.create(null);
    }
  }

  /** The subschema at `pointer` ('' = the whole document). */
  schemaAt(pointer: string): unknown {
    return schemaAt(this.root, pointer, this.lookup);
  }

  /** Ajv-shaped errors of `value` against the schema at `pointer`; [] when it is valid. */
  errorsAt(pointer: string, value: unknown): SchemaError[] {
    const schema = this.schemaAt(pointer);
    if (schema === undefined) throw new Error(`No schema at ${pointer}`);
    if (value === undefined) return [];
    // The document's lookup: $refs inside the subschema point into the whole document.
    const result = validate(value, schema as Schema, this.draft, this.lookup as Record<string, Schema>, false);
    return result.valid ? [] : this.toAjv(result.errors, schema, value);
  }

  matches(pointer: string, value: unknown): boolean {
    const schema = this.schemaAt(pointer);
    if (schema === undefined) throw new Error(`No schema at ${pointer}`);
    if (value === undefined) return true;
    return validate(value, schema as Schema, this.draft, this.lookup as Record<string, Schema>, true).valid;
  }

  private toAjv(units: OutputUnit[], start: unknown, instance: unknown): SchemaError[] {
    const errors: SchemaError[] = [];
    const ifErrors: SchemaError[] = [];
    // The interpreter reports an anyOf/oneOf before the errors of its branches, Ajv after them: hold
    // each alternative back until the errors beneath it are out.
    const alternatives: { path: string; error: SchemaError }[] = [];
    const release = (path?: string): void => {
      while (alternatives.length && (path === undefined || !path.startsWith(`${alternatives.at(-1)!.path}/`))) {
        errors.push(alternatives.pop()!.error);
      }
    };
    for (let n = 0; n < units.length; n++) {
      const unit = units[n]!;
      const instancePath = toPointer(unit.instanceLocation);
      const keywordPath = unit.keywordLocation;
      release(keywordPath);
      if (unit.keyword === 'false') continue; // reported by its keyword (additionalProperties: false …)
      const parentPath = keywordPath.replace(/\/[^/]*$/, '');
      const parent = schemaAt(start, parentPath, this.lookup);
      if (unit.keyword === 'additionalProperties') {
        if (!isObj(parent) || parent.additionalProperties !== false) continue;
        const error: SchemaError = {
          keyword: 'additionalProperties',
          instancePath,
          schemaPath: keywordPath,
          params: { additionalProperty: quoted(unit.error) },
        };
        localizeEn([error] as never);
        errors.push(this.decorate(error, parent, instance));
        continue;
      }
      if (NOT_REPORTED_BY_AJV.has(unit.keyword)) continue;
      const error: SchemaError = {
        keyword: unit.keyword,
        instancePath,
        schemaPath: keywordPath,
        params: paramsOf(unit.keyword, isObj(parent) ? parent : {}, unit),
      };
      localizeEn([error] as never); // Ajv's English message
      // Ajv reports `if` after the errors of the branch that failed.
      if (unit.keyword === 'if') ifErrors.push(this.decorate(error, parent, instance));
      else if (unit.keyword === 'anyOf' || unit.keyword === 'oneOf')
        alternatives.push({ path: keywordPath, error: this.decorate(error, parent, instance) });
      else errors.push(this.decorate(error, parent, instance));
    }
    release();
    return [...errors, ...ifErrors];
  }

  private decorate(error: SchemaError, parent: unknown, instance: unknown): SchemaError {
    if (this.options.verbose) {
      error.parentSchema = isObj(parent) ? parent : undefined;
      error.data = valueAt(instance, error.instancePath);
    }
    return error;
  }
}
