/** Trust levels, claim mapping and prefill. Pure functions, no DOM, no I/O. */

export type TrustLevel = 'basisregistriert' | 'substantiell' | 'hoch';

export const TRUST_LEVELS: readonly TrustLevel[] = ['basisregistriert', 'substantiell', 'hoch'];

export const LEVEL_LABELS: Record<'de' | 'en', Record<TrustLevel, string>> = {
  de: { basisregistriert: 'basisregistriert', substantiell: 'substantiell', hoch: 'hoch' },
  en: { basisregistriert: 'basic registration', substantiell: 'substantial', hoch: 'high' },
};

/** BundID's acr values (STORK QAA levels); Level 2 does not occur at BundID. */
export const DEFAULT_ACR_VALUES: Record<TrustLevel, string> = {
  basisregistriert: 'STORK-QAA-Level-1',
  substantiell: 'STORK-QAA-Level-3',
  hoch: 'STORK-QAA-Level-4',
};

/** A citizen's account (BundID, state accounts) or a business account (Mein Unternehmenskonto). */
export type AccountKind = 'citizen' | 'business';

/** A business account carries the company (Firmenname); a citizen's account does not. Expects
 * canonical claims (see mapClaims). */
export function accountKind(claims: Record<string, unknown>): AccountKind {
  return typeof claims.company_name === 'string' && claims.company_name.trim() !== '' ? 'business' : 'citizen';
}

/**
 * FIT-Connect metadata `authenticationInformation` for a submission made while logged in: the
 * provider's signed ID token as the identification report, so the receiving authority can verify
 * who applied and at which trust level (signature against the provider's keys, issuer, audience).
 */
export function authenticationInformation(
  idToken: string,
): { type: 'identificationReport'; version: string; content: string }[] {
  return [{ type: 'identificationReport', version: '1.0.0', content: idToken }];
}

export function levelRank(level: TrustLevel | null | undefined): number {
  return level ? TRUST_LEVELS.indexOf(level) : -1;
}

/** True for "substantiell" and "hoch": the identity was checked (ELSTER, eID), not just self-declared. */
export function isVerified(level: TrustLevel | null | undefined): boolean {
  return levelRank(level) >= levelRank('substantiell');
}

export function levelFromAcr(
  acr: unknown,
  acrValues: Record<TrustLevel, string> = DEFAULT_ACR_VALUES,
): TrustLevel | null {
  if (typeof acr !== 'string') return null;
  return TRUST_LEVELS.find((l) => acrValues[l] === acr) ?? null;
}

/** Namespace of the built-in provider's custom claims (see docs/server.md for the BundID attributes). */
export const CLAIM_NS = 'https://ozg-form.example/claims/';

/**
 * Canonical claim names (what `x-ozg.prefill` refers to) -> claim name at the provider. A value is
 * looked up as a top-level claim first; if there is none and it contains dots, as a path
 * ("address.locality"). An array is always a path.
 */
export type ClaimMap = Record<string, string | readonly string[]>;

const STANDARD = [
  'given_name',
  'family_name',
  'birthdate',
  'gender',
  'email',
  'email_verified',
  'phone_number',
  'address',
];
const CUSTOM = [
  'title',
  'birth_name',
  'place_of_birth',
  'nationality',
  'mailbox_handle',
  'company_name',
  'legal_form',
  'register_type',
  'register_number',
  'register_court',
  'company_address',
  'acting_person',
];

export const DEFAULT_CLAIM_MAP: ClaimMap = Object.freeze(
  Object.fromEntries([...STANDARD.map((c) => [c, c]), ...CUSTOM.map((c) => [c, CLAIM_NS + c])]),
);

/** Reads a dotted path ("address.postal_code") or a segment array. */
export function getPath(obj: unknown, path: string | readonly string[]): unknown {
  const segments = typeof path === 'string' ? path.split('.') : path;
  let cur: unknown = obj;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, s)) return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

function lookup(raw: Record<string, unknown>, source: string | readonly string[]): unknown {
  if (typeof source === 'string' && Object.prototype.hasOwnProperty.call(raw, source)) return raw[source];
  return typeof source === 'string' && !source.includes('.') ? undefined : getPath(raw, source);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let cur = obj;
  for (const s of segments.slice(0, -1)) {
    if (cur[s] === null || typeof cur[s] !== 'object') cur[s] = {};
    cur = cur[s] as Record<string, unknown>;
  }
  cur[segments[segments.length - 1]] = value;
}

/**
 * The person's claims under canonical names. Claims the provider did not send are absent. A dotted
 * canonical name ("address.postal_code") builds a nested value from a flat provider claim.
 */
export function mapClaims(raw: Record<string, unknown>, map: ClaimMap = DEFAULT_CLAIM_MAP): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries = Object.entries(map).sort(([a], [b]) => a.split('.').length - b.split('.').length);
  for (const [name, source] of entries) {
    const v = lookup(raw, source);
    if (v === undefined || v === null || v === '') continue;
    const prev = out[name.split('.')[0]];
    // Copy a nested object before adding to it, so the raw claims are never changed.
    if (name.includes('.') && prev && typeof prev === 'object') out[name.split('.')[0]] = structuredClone(prev);
    setPath(out, name, v);
  }
  return out;
}

/**
 * Prefill values for the form: mapping is { JSON pointer of the field -> canonical claim path },
 * e.g. { "/antragsteller/plz": "address.postal_code" }. Fields whose claim is missing are left out
 * (their value stays undefined); only strings, numbers and booleans are used.
 */
export function prefillFromClaims(
  claims: Record<string, unknown>,
  mapping: Record<string, string>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [pointer, claimPath] of Object.entries(mapping)) {
    const v = getPath(claims, claimPath);
    if ((typeof v === 'string' && v !== '') || typeof v === 'number' || typeof v === 'boolean') out[pointer] = v;
  }
  return out;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Collects `"x-ozg": {"prefill": "<claim path>"}` annotations of a JSON Schema into a prefill mapping
 * ({ pointer -> claim path }). Follows `properties` (not array items: a list has no single value to prefill).
 */
export function prefillMappingFromSchema(schema: unknown, pointer = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as { properties?: Record<string, unknown>; 'x-ozg'?: { prefill?: unknown } };
  if (pointer && typeof s['x-ozg']?.prefill === 'string') out[pointer] = s['x-ozg'].prefill;
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    Object.assign(out, prefillMappingFromSchema(sub, `${pointer}/${escapePointer(key)}`));
  }
  return out;
}
