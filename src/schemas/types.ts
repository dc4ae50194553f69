/**
 * Types of the form language: a JSON Schema with `x-ozg` annotations (see docs/definition.md), and the
 * form model derived from it.
 */

export type Lang = 'de' | 'en';

/** A JSON Schema node as ozg-form reads it. Unknown keywords are kept but not typed. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  readOnly?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  dependentRequired?: Record<string, string[]>;
  dependentSchemas?: Record<string, JsonSchema>;
  'x-ozg'?: XOzgField & XOzgRoot;
  [keyword: string]: unknown;
}

/** Texts that a translation may replace (`x-ozg.i18n.en`). */
export interface TextOverrides {
  title?: string;
  description?: string;
  help?: string;
  placeholder?: string;
  enumLabels?: Record<string, string>;
  itemTitle?: string;
  addLabel?: string;
  errors?: Record<string, string>;
}

export type Widget = 'text' | 'textarea' | 'radio' | 'select' | 'checkbox' | 'checkboxes';

/** A FIM element (S…, G…, F…) by id and version. */
export interface FimIdentifier {
  id: string;
  version?: string;
}

/** `x-ozg` on a question. */
export interface XOzgField {
  /** A built-in widget, or the name of a registered custom element (`my-address-lookup`). */
  widget?: Widget | (string & {});
  /** FIM identifier and version of the element this question was imported from (docs/fim-import.md). */
  fim?: FimIdentifier;
  /** Claim of the Nutzerkonto that fills this question (`given_name`, `address.postal_code`, …). */
  prefill?: string;
  help?: string;
  placeholder?: string;
  autocomplete?: string;
  order?: string[];
  enumLabels?: Record<string, string>;
  itemTitle?: string;
  addLabel?: string;
  errors?: Record<string, string>;
  /** A file question (Nachweis): accepted types (MIME), largest file in bytes. See docs/definition.md. */
  file?: { accept?: string[]; maxFileSize?: number };
  /** On a date question: bounds relative to today or to another answer (docs/definition.md). */
  date?: { min?: string; max?: string; after?: string; before?: string };
  i18n?: Partial<Record<Lang, TextOverrides>>;
}

export interface StepDefinition {
  id: string;
  title: string;
  description?: string;
  fields: string[];
  i18n?: Partial<Record<Lang, { title?: string; description?: string }>>;
}

/** `x-ozg` on the root of a definition. */
export type TrustLevel = 'basisregistriert' | 'substantiell' | 'hoch';

export interface XOzgRoot {
  leika?: string;
  /** FIM Stammdatenschema this definition was imported from. */
  fim?: FimIdentifier;
  /** Login with a Nutzerkonto: whether, at which minimum trust level, for whom. */
  account?: {
    login?: 'optional' | 'required' | 'offered';
    trustLevel?: TrustLevel;
    audience?: 'citizen' | 'business' | 'both';
  };
  steps?: StepDefinition[];
  /** Limits over all file questions of the form. */
  files?: { maxTotalSize?: number };
  i18n?: Partial<Record<Lang, TextOverrides>>;
  /** Fees (Verwaltungsgebühren) and when they are paid; see schemas/fees.ts. */
  fees?: import('./fees.js').FeeRules;
}

/** What a question looks like to the person. */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'email'
  | 'tel'
  | 'url'
  | 'date'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'choice'
  | 'multi'
  | 'object'
  | 'array'
  | 'file'
  /** `"type": "null"` with a title or description: a text between the questions, nothing to answer. */
  | 'info';

/** A value a choice offers, with its texts. */
export interface ChoiceOption {
  value: unknown;
  /** The schema that carries the option's texts (the `oneOf` entry), or undefined for a plain `enum`. */
  schema?: JsonSchema;
}

interface NodeBase {
  kind: FieldKind;
  /** Property name in the parent object ('' for the root). */
  key: string;
  /** The resolved schema of the question. */
  schema: JsonSchema;
  /** JSON Pointer of `schema` inside the definition (after following `$ref`). */
  schemaPointer: string;
}

export interface LeafNode extends NodeBase {
  kind: Exclude<FieldKind, 'object' | 'array' | 'choice' | 'multi'>;
  /** A custom element renders the question (`x-ozg.widget: "my-address-lookup"`); see fields/custom.ts. */
  element?: string;
}

export interface ChoiceNode extends NodeBase {
  kind: 'choice' | 'multi';
  options: ChoiceOption[];
  widget: 'radio' | 'select' | 'checkboxes';
  /** The choice between the alternatives (`oneOf`/`anyOf` of objects) of its object: a `const`
   * property they all have ('discriminator', part of the answers), or made up by the form
   * ('synthetic', under ALTERNATIVE_KEY, kept in drafts but never submitted). */
  alternatives?: 'discriminator' | 'synthetic';
}

/** Where the form keeps the choice between alternatives that have no `const` property to tell them apart. */
export const ALTERNATIVE_KEY = '@alternative';

/** A condition of an object: while `active` holds for the object's answers, `fields` are shown and
 * `required` are required. */
export interface ConditionalBlock {
  /** How the block is switched on. */
  when:
    | { type: 'if'; schemaPointer: string; negate: boolean }
    | { type: 'present'; key: string }
    /** An alternative of `oneOf`/`anyOf`: while the choice `key` has `value`. */
    | { type: 'equals'; key: string; value: unknown };
  fields: string[];
  required: string[];
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  /** Every question the object may ask, in display order (conditional ones included). */
  children: FieldNode[];
  /** Questions always shown. */
  baseFields: Set<string>;
  baseRequired: Set<string>;
  blocks: ConditionalBlock[];
  /** "At least one of these" (`anyOf` of `required`): per group its options, each the keys that
   * together satisfy it (usually one key each: telephone, or e-mail). */
  atLeastOne?: string[][][];
  /** With alternatives (`oneOf`/`anyOf` of objects): the key of the choice between them. */
  alternatives?: string;
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  /** A repeatable group's entry (an object), or one value of a list of simple values. */
  item: ObjectNode | LeafNode;
  /** Its entries are of a definition it is itself part of: `item` is built on first use (model.ts). */
  recursive?: boolean;
  minItems: number;
  maxItems: number;
}

export type FieldNode = LeafNode | ChoiceNode | ObjectNode | ArrayNode;

export interface StepModel {
  id: string;
  /** Texts of the step (title, description, i18n). */
  texts: { title?: string; description?: string; 'x-ozg'?: { i18n?: StepDefinition['i18n'] } };
  /** Top-level property names of the step, in order. */
  fields: string[];
}

export interface FormModel {
  definition: JsonSchema;
  root: ObjectNode;
  steps: StepModel[];
  /** Identifies the form for drafts and for FIT-Connect (`$id` or the URL it was loaded from). */
  id: string;
  /** Set when the definition came from a gateway's published forms (src="…/gateway/v1/forms/…"). */
  published?: PublishedVersion;
}

/** What the gateway says about a published definition (response headers of GET /gateway/v1/forms/…). */
export interface PublishedVersion {
  /** SHA-256 of the bytes (the ETag); sent back with payments and submissions. */
  hash: string;
  version: number;
  /** Absolute URL of the receiver schema: the submission's schemaUri. */
  receiverSchema?: string;
}
