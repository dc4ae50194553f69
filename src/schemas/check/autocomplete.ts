/**
 * `autocomplete` tokens (WCAG 1.3.5): the HTML autofill grammar ("[section-x] [shipping|billing]
 * [home|work|mobile|fax|pager] field [webauthn]", or "on"/"off"), and which token a personal-data
 * question should carry. Source: HTML Living Standard, "Autofill".
 */
import { isObj, type Obj } from './walk.js';

const FIELDS = [
  'name',
  'honorific-prefix',
  'given-name',
  'additional-name',
  'family-name',
  'honorific-suffix',
  'nickname',
  'username',
  'new-password',
  'current-password',
  'one-time-code',
  'organization-title',
  'organization',
  'street-address',
  'address-line1',
  'address-line2',
  'address-line3',
  'address-level4',
  'address-level3',
  'address-level2',
  'address-level1',
  'country',
  'country-name',
  'postal-code',
  'cc-name',
  'cc-given-name',
  'cc-additional-name',
  'cc-family-name',
  'cc-number',
  'cc-exp',
  'cc-exp-month',
  'cc-exp-year',
  'cc-csc',
  'cc-type',
  'transaction-currency',
  'transaction-amount',
  'language',
  'bday',
  'bday-day',
  'bday-month',
  'bday-year',
  'sex',
  'url',
  'photo',
];
const CONTACT_FIELDS = [
  'tel',
  'tel-country-code',
  'tel-national',
  'tel-area-code',
  'tel-local',
  'tel-local-prefix',
  'tel-local-suffix',
  'tel-extension',
  'email',
  'impp',
];
const CONTACT = ['home', 'work', 'mobile', 'fax', 'pager'];
export const AUTOFILL_FIELDS: readonly string[] = [...FIELDS, ...CONTACT_FIELDS];

/** Edits between two words (optimal string alignment: a swap of two neighbours is one edit). */
function edits(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The token meant by a wrong one: a German or English name of the datum ("telefon", "plz"), else a
 * valid token a typo away ("emial"), else none — no suggestion is better than a wrong one. */
export function suggestAutocomplete(token: string): string | undefined {
  const named = BY_NAME.find(([pattern]) => pattern.test(token))?.[1];
  if (named) return named;
  // one edit per four characters, at least one: "given-nmae" -> "given-name", never "plz" -> "sex"
  const allowed = Math.max(1, Math.floor(token.length / 4));
  let best: { field: string; distance: number } | undefined;
  for (const field of AUTOFILL_FIELDS) {
    const distance = edits(token, field);
    if (distance <= allowed && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** Undefined when the token list is valid; otherwise the token that is wrong and, when one is
 * recognisable, the valid field name meant. */
export function invalidAutocomplete(value: string): { token: string; suggestion?: string } | undefined {
  const tokens = value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 1 && (tokens[0] === 'on' || tokens[0] === 'off')) return undefined;
  if (tokens[tokens.length - 1] === 'webauthn') tokens.pop();
  const field = tokens.pop();
  if (!field) return { token: value, suggestion: 'name' };
  if (!AUTOFILL_FIELDS.includes(field)) {
    const suggestion = suggestAutocomplete(field);
    return suggestion ? { token: field, suggestion } : { token: field };
  }
  if (CONTACT.includes(tokens[tokens.length - 1] ?? '')) {
    if (!CONTACT_FIELDS.includes(field)) return { token: tokens[tokens.length - 1]!, suggestion: field };
    tokens.pop();
  }
  if (tokens[tokens.length - 1] === 'shipping' || tokens[tokens.length - 1] === 'billing') tokens.pop();
  if (tokens.length && tokens[tokens.length - 1]!.startsWith('section-')) tokens.pop();
  if (tokens.length) return { token: tokens[0]!, suggestion: field };
  return undefined;
}

/** Claim names of the user account -> the autocomplete token of the same datum. */
const BY_CLAIM: Record<string, string> = {
  given_name: 'given-name',
  family_name: 'family-name',
  birthdate: 'bday',
  email: 'email',
  phone_number: 'tel',
  'address.street_address': 'street-address',
  'address.postal_code': 'postal-code',
  'address.locality': 'address-level2',
  'address.country': 'country-name',
  company_name: 'organization',
  title: 'honorific-prefix',
  gender: 'sex',
};
const BY_FORMAT: Record<string, string> = { email: 'email', 'de-phone': 'tel', 'de-postal-code': 'postal-code' };
/** German and English property names of personal data, tested against the property name. */
const BY_NAME: Array<[RegExp, string]> = [
  [/^(vorname|givenname|given_name|firstname|first_name)$/i, 'given-name'],
  [/^(nachname|familienname|familyname|family_name|lastname|last_name|surname)$/i, 'family-name'],
  [/^(geburtsdatum|birthdate|dateofbirth|date_of_birth|birthday)$/i, 'bday'],
  [/^(strasse|straße|strasseundhausnummer|street|street_address|streetaddress|anschrift)$/i, 'street-address'],
  [/^(ort|wohnort|stadt|city|locality|town)$/i, 'address-level2'],
  [/^(plz|postleitzahl|postal_code|postalcode|postcode|zip|zipcode|zip_code)$/i, 'postal-code'],
  [/^(e-?mail|e-?mail_?adresse|mail)$/i, 'email'],
  [/^(telefon|telefonnummer|phone|phone_number|telephone|tel|mobil|mobile|mobilnummer|handy)$/i, 'tel'],
  [/^(firma|firmenname|unternehmen|company|company_name|organisation|organization)$/i, 'organization'],
];

/** The token a question on personal data should have, when it is recognisably one; undefined otherwise. */
export function expectedAutocomplete(name: string, schema: Obj): string | undefined {
  const x = isObj(schema['x-ozg']) ? schema['x-ozg'] : {};
  if (typeof x.prefill === 'string' && BY_CLAIM[x.prefill]) return BY_CLAIM[x.prefill];
  if (typeof schema.format === 'string' && BY_FORMAT[schema.format]) return BY_FORMAT[schema.format];
  return BY_NAME.find(([pattern]) => pattern.test(name))?.[1];
}
