import type Ajv from 'ajv/dist/core.js';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import type {
  ErrorObject,
  FuncKeywordDefinition,
  KeywordDefinition,
  SchemaValidateFunction,
  ValidateFunction,
} from 'ajv';
import AjvDraft07 from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { germanFormats } from './formats.js';
import { linearRegExp } from './linear-regexp.js';
import { isDraft07 } from './interpret.js';
import type { JsonSchema } from './types.js';
import type { ValidationEngine } from './validator.js';

/*
 * Ajv, for Node only: the definition checker (bin/ozg-form-check.mjs) and the gateway. Ajv compiles
 * schemas into functions (`new Function`), which a strict Content-Security-Policy forbids, so the
 * browser bundle never imports this file (test/unit/bundle-no-eval.test.mjs checks the build).
 */
export { isDraft07 };

export interface AjvOptions {
  /**
   * Collect every error (default), for the checker and the tests that compare Ajv's sentences with the
   * browser's. `false` stops at the first: the same verdict, and what the gateway must use for answers
   * anyone sends. With all errors Ajv goes on through a list after maxItems failed and copies the
   * errors so far at every `$ref`: 21,500 empty entries in a list of 5 held the gateway 7.8 s.
   */
  allErrors?: boolean;
}

/**
 * An Ajv instance for one definition: draft-07 when the definition says so, 2020-12 otherwise.
 * Collects all errors unless told otherwise; `x-ozg` is an annotation without any effect on validation. Unknown keywords
 * and formats do not throw here (`strict: false`); `checkDefinition` reports them to the author.
 */
export function createAjv(definition: unknown, { allErrors = true }: AjvOptions = {}): Ajv {
  const options = { allErrors, strict: false, messages: true, code: { regExp: linearPatterns } };
  const draft07 = isDraft07(definition);
  const ajv: Ajv = draft07 ? new AjvDraft07(options) : new Ajv2020(options);
  // The browser's interpreter enforces dependentRequired and dependentSchemas in draft-07
  // definitions too (docs/definition.md offers them for both drafts); Ajv's draft-07 vocabulary
  // lacks them, so the gateway would accept what the form refused. Its 2020-12 definitions of the
  // two keywords make both decide alike.
  if (draft07) for (const keyword of ['dependentRequired', 'dependentSchemas']) ajv.addKeyword(keyword2020(keyword));
  ajv.addKeyword({ keyword: 'x-ozg' }); // annotation only; checkDefinition validates its content
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword(decimalMultipleOf);
  addFormats(ajv, ['email', 'uri', 'date', 'date-time', 'time']);
  for (const [name, test] of Object.entries(germanFormats)) {
    ajv.addFormat(name, { type: 'string', validate: test });
  }
  return ajv;
}

/** `pattern` and `patternProperties` in linear time (linear-regexp.ts): answers come from anyone. */
const linearPatterns: RegExpEngine = Object.assign((pattern: string) => linearRegExp(pattern), {
  code: 'linearRegExp',
});

let ajv2020: Ajv | undefined;

/** Ajv's own definition of a 2019-09/2020-12 keyword (taken from an instance: the files under
 * ajv/dist/vocabularies are CommonJS whose default export Node's ESM import does not unwrap). */
function keyword2020(name: string): KeywordDefinition {
  const definition = (ajv2020 ??= new Ajv2020({ strict: false })).getKeyword(name);
  if (typeof definition !== 'object') throw new Error(`Ajv has no keyword ${name}`);
  return definition as KeywordDefinition;
}

/** A finite number as coefficient × 10^exponent, read from its shortest decimal notation (as typed). */
function decimal(value: number): [bigint, number] {
  const [digits = '0', exponent = '0'] = Math.abs(value).toString().split('e');
  const point = digits.indexOf('.');
  const places = point === -1 ? 0 : digits.length - point - 1;
  return [BigInt(digits.replace('.', '')), Number(exponent) - places];
}

/**
 * `multipleOf` in decimal arithmetic, as the browser's validator (@cfworker/json-schema) decides it.
 * Ajv divides in binary floating point, where 19.99 / 0.01 is 1998.9999999999998: it refused amounts
 * the form had accepted. Its `multipleOfPrecision` only tolerates a rounding error, which still refuses
 * large amounts (607823.71 at 1e-9) and accepts 0.010000000001, so both would still disagree.
 */
function isMultipleOf(value: number, divisor: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(divisor) || divisor <= 0) return false;
  const [coefficient, exponent] = decimal(value);
  const [divisorCoefficient, divisorExponent] = decimal(divisor);
  const shift = exponent - divisorExponent;
  return shift >= 0
    ? (coefficient * 10n ** BigInt(shift)) % divisorCoefficient === 0n
    : coefficient % (divisorCoefficient * 10n ** BigInt(-shift)) === 0n;
}

/** Ajv's `multipleOf` keyword with the decimal test above; the same error (keyword, params, message). */
const decimalMultipleOf: FuncKeywordDefinition = {
  keyword: 'multipleOf',
  type: 'number',
  schemaType: 'number',
  validate: function multipleOf(divisor: number, value: number) {
    const ok = isMultipleOf(value, divisor);
    (multipleOf as SchemaValidateFunction).errors = ok
      ? undefined
      : [{ keyword: 'multipleOf', params: { multipleOf: divisor }, message: `must be multiple of ${divisor}` }];
    return ok;
  },
};

const FALLBACK_ID = 'urn:ozg-form:definition';

/** A FormValidator engine that compiles with Ajv, each schema once, on first use (server side). */
export function ajvEngine(definition: JsonSchema, options: AjvOptions = {}): ValidationEngine {
  const ajv = createAjv(definition, options);
  const base = typeof definition.$id === 'string' && definition.$id ? definition.$id.replace(/#$/, '') : FALLBACK_ID;
  // The definition was checked against the meta-schema before; do not do it twice.
  ajv.addSchema({ ...definition, $id: base }, undefined, undefined, false);
  const cache = new Map<string, ValidateFunction>();
  const at = (pointer: string): ValidateFunction => {
    let validate = cache.get(pointer);
    if (!validate) {
      const fragment = pointer
        .split('/')
        .map((t) => encodeURIComponent(t))
        .join('/');
      validate = ajv.getSchema(`${base}#${fragment}`);
      if (!validate) throw new Error(`No schema at ${pointer}`);
      cache.set(pointer, validate);
    }
    return validate;
  };
  return {
    errorsAt: (pointer, value): ErrorObject[] => {
      const validate = at(pointer);
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
    matches: (pointer, value) => at(pointer)(value) === true,
  };
}
