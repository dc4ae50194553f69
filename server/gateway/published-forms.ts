import { createHash } from 'node:crypto';
import type { Db } from '../db.js';
import { ajvEngine, FormValidator, type JsonSchema } from 'ozg-form/rules';
import { HttpProblem } from '../problem.js';

/** One published version of a form: the exact bytes the page loads and the gateway computes fees from. */
export interface PublishedForm {
  /** The definition's `$id`. */
  formId: string;
  /** The URL segment: /gateway/v1/forms/<name>. */
  name: string;
  /** 1, 2, … per `$id`; a new version only when the bytes change. */
  version: number;
  /** SHA-256 (hex) of `body`, served as the ETag. */
  hash: string;
  /** The canonical bytes: the definition's JSON without insignificant white space (key order kept). */
  body: string;
  /** The receiver schema (src/schemas/receiver-schema.ts) for the submission's schemaUri. */
  receiverSchema: string;
  publishedAt: number;
}

interface Row {
  form_id: string;
  name: string;
  version: number;
  hash: string;
  body: string;
  receiver_schema: string;
  published_at: number;
}

const toForm = (r: Row): PublishedForm => ({
  formId: r.form_id,
  name: r.name,
  version: r.version,
  hash: r.hash,
  body: r.body,
  receiverSchema: r.receiver_schema,
  publishedAt: r.published_at,
});

/** Canonical bytes of a definition: parsed and written again, so white space and line ends do not count. */
export function canonicalBytes(definition: unknown): string {
  return JSON.stringify(definition);
}
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** What /gateway/v1/forms/<name> calls a form with this `$id`: the last path segment without .json. */
export function formName(id: string): string | undefined {
  let last: string;
  try {
    last = new URL(id).pathname.split('/').pop() ?? '';
  } catch {
    last = id.split(/[/:]/).pop() ?? '';
  }
  const name = last.replace(/(\.schema)?\.json$/i, '');
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) ? name : undefined;
}

/**
 * The forms a municipality has published (table gw_forms of the gateway's SQLite file; written by
 * `ozg-form-publish`, server/publish.ts). The gateway serves them to the pages and computes fees and
 * validates answers only from these, never from a definition the browser sends.
 */
/** Parsed once per hash for the whole process (a published version never changes), so the gateway and
 * the inbox, each with a PublishedForms of its own, share the definition and its compiled validator. */
const parsed = new Map<string, JsonSchema>();
const validators = new Map<string, FormValidator>();

export class PublishedForms {
  constructor(private readonly db: Db) {}

  private definitionOf(form: PublishedForm): JsonSchema {
    let d = parsed.get(form.hash);
    if (!d) {
      d = JSON.parse(form.body) as JsonSchema;
      parsed.set(form.hash, d);
    }
    return d;
  }

  /** The validator of a published version, with the same rules as the form (Ajv), compiled once. */
  validator(form: PublishedForm): FormValidator {
    let v = validators.get(form.hash);
    if (!v) {
      const definition = this.definitionOf(form);
      // The first error is enough to refuse, and collecting all of them is what a hostile list makes
      // expensive (ajv.ts, AjvOptions).
      v = new FormValidator(definition, ajvEngine(definition, { allErrors: false }));
      validators.set(form.hash, v);
    }
    return v;
  }

  latest(formId: string): PublishedForm | undefined {
    const row = this.db
      .prepare<Row>('SELECT * FROM gw_forms WHERE form_id = ? ORDER BY version DESC LIMIT 1')
      .get(formId);
    return row ? toForm(row) : undefined;
  }

  byName(name: string, version?: number): PublishedForm | undefined {
    const row =
      version === undefined
        ? this.db.prepare<Row>('SELECT * FROM gw_forms WHERE name = ? ORDER BY version DESC LIMIT 1').get(name)
        : this.db.prepare<Row>('SELECT * FROM gw_forms WHERE name = ? AND version = ?').get(name, version);
    return row ? toForm(row) : undefined;
  }

  version(formId: string, version: number): PublishedForm | undefined {
    const row = this.db.prepare<Row>('SELECT * FROM gw_forms WHERE form_id = ? AND version = ?').get(formId, version);
    return row ? toForm(row) : undefined;
  }

  byHash(formId: string, hash: string): PublishedForm | undefined {
    const row = this.db.prepare<Row>('SELECT * FROM gw_forms WHERE form_id = ? AND hash = ?').get(formId, hash);
    return row ? toForm(row) : undefined;
  }

  /** Every form's latest version. */
  list(): PublishedForm[] {
    return this.db
      .prepare<Row>(
        'SELECT f.* FROM gw_forms f WHERE version = (SELECT MAX(version) FROM gw_forms g WHERE g.form_id = f.form_id) ORDER BY name',
      )
      .all()
      .map(toForm);
  }

  /** Stores a new version unless the latest one has these bytes already. */
  store(input: { formId: string; name: string; body: string; receiverSchema: string }): {
    form: PublishedForm;
    created: boolean;
  } {
    return this.db.transaction(() => {
      const other = this.db
        .prepare<{ form_id: string }>('SELECT form_id FROM gw_forms WHERE name = ? AND form_id <> ? LIMIT 1')
        .get(input.name, input.formId);
      if (other) throw new Error(`the name "${input.name}" is taken by the form ${other.form_id}`);
      const hash = sha256Hex(input.body);
      const last = this.latest(input.formId);
      if (last && last.hash === hash) return { form: last, created: false };
      const version = (last?.version ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO gw_forms (form_id, name, version, hash, body, receiver_schema, published_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.formId, input.name, version, hash, input.body, input.receiverSchema, Date.now());
      return { form: this.latest(input.formId)!, created: true };
    })();
  }

  /**
   * The published form the browser filled in: `formId` must be published (else 404 UNKNOWN_FORM) and
   * `hash` (what the page loaded) must be its latest version (else 409 DEFINITION_OUTDATED: the page
   * shows an older or a locally changed copy, whose fees and rules are not the ones the gateway applies).
   */
  current(formId: string, hash: string | undefined): PublishedForm {
    const form = this.latest(formId);
    if (!form) {
      throw new HttpProblem(404, 'Not Found', 'this form is not published at the gateway (ozg-form-publish)', {
        code: 'UNKNOWN_FORM',
      });
    }
    if (hash !== undefined && hash !== form.hash) {
      throw new HttpProblem(409, 'Conflict', 'the page shows another version of this form than the published one', {
        code: 'DEFINITION_OUTDATED',
        version: form.version,
      });
    }
    return form;
  }

  /** The latest published definition with this `$id`, parsed. */
  find(formId: string): JsonSchema | undefined {
    const form = this.latest(formId);
    return form ? this.definitionOf(form) : undefined;
  }

  /** A published version's definition, parsed. */
  definition(form: PublishedForm): JsonSchema {
    return this.definitionOf(form);
  }

  /** Whether a published form of this LeiKa key wants its fee paid before it is sent. */
  paymentBeforeSubmission(leika: string): boolean {
    return this.list().some((f) => {
      const ozg = (this.definitionOf(f)['x-ozg'] ?? {}) as { leika?: unknown; fees?: { policy?: unknown } };
      return ozg.leika === leika && ozg.fees?.policy === 'before-submission';
    });
  }

  /** The LeiKa key of a published form. */
  leikaOf(formId: string): string | undefined {
    const leika = ((this.find(formId)?.['x-ozg'] ?? {}) as { leika?: unknown }).leika;
    return typeof leika === 'string' ? leika : undefined;
  }
}
