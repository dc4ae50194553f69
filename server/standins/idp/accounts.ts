/**
 * Test accounts of the built-in OpenID provider. They look like BundID users (and one like a
 * "Mein Unternehmenskonto" business account); nobody real. No passwords: the tester picks one.
 *
 * Claim names: standard OIDC names where they exist, the rest under CLAIM_NS (a URI, as OIDC Core
 * 5.1.2 recommends for collision-resistant names). docs/server.md maps them to the BundID urn:oid attributes.
 */

export const CLAIM_NS = 'https://ozg-form.example/claims/';

export type TrustLevel = 'basisregistriert' | 'substantiell' | 'hoch';

/** BundID trust levels as acr values (STORK QAA, Comparison=minimum). */
export const ACR: Record<TrustLevel, string> = {
  basisregistriert: 'STORK-QAA-Level-1',
  substantiell: 'STORK-QAA-Level-3',
  hoch: 'STORK-QAA-Level-4',
};
export const ACR_ORDER = [ACR.basisregistriert, ACR.substantiell, ACR.hoch];

export interface Address {
  street_address?: string;
  postal_code?: string;
  locality?: string;
  country?: string;
}

export interface TestAccount {
  id: string;
  /** Shown on the login page. */
  label: { de: string; en: string };
  /** How the person logged in at BundID (shown on the login page). */
  method: { de: string; en: string };
  level: TrustLevel;
  /** Authentication methods (RFC 8176): pwd, swk (ELSTER certificate file), hwk + pin (eID card). */
  amr: string[];
  /** Claims released by scope; sub is the account id. */
  claims: Record<string, unknown>;
}

const ns = (name: string): string => CLAIM_NS + name;

export const TEST_ACCOUNTS: readonly TestAccount[] = [
  {
    id: 'erika-basis',
    label: { de: 'Erika Mustermann (Bürgerin)', en: 'Erika Mustermann (citizen)' },
    method: { de: 'Benutzername und Passwort (Basisregistrierung)', en: 'user name and password (basic registration)' },
    level: 'basisregistriert',
    amr: ['pwd'],
    claims: {
      given_name: 'Erika',
      family_name: 'Mustermann',
      email: 'erika.mustermann@example.org',
      email_verified: true,
      [ns('mailbox_handle')]: '5f0e2b9c-3d6a-4c1e-9b8f-0a7d2c4e6f81',
    },
  },
  {
    id: 'max-elster',
    label: { de: 'Max Mustermann (Bürger)', en: 'Max Mustermann (citizen)' },
    method: { de: 'ELSTER-Zertifikat', en: 'ELSTER certificate' },
    level: 'substantiell',
    amr: ['swk'],
    claims: {
      given_name: 'Max',
      family_name: 'Mustermann',
      birthdate: '1984-03-12',
      gender: 'male',
      email: 'max.mustermann@example.org',
      email_verified: true,
      phone_number: '+49 30 1234567',
      address: { street_address: 'Hauptstraße 5', postal_code: '12345', locality: 'Musterstadt', country: 'DE' },
      [ns('mailbox_handle')]: '9a4c7e21-6b3f-4d8a-8c2e-1f5b7d9e0a32',
    },
  },
  {
    id: 'anna-eid',
    label: { de: 'Dr. Anna Schmidt (Bürgerin)', en: 'Dr Anna Schmidt (citizen)' },
    method: { de: 'Online-Ausweis (eID)', en: 'online ID card (eID)' },
    level: 'hoch',
    amr: ['hwk', 'pin'],
    claims: {
      given_name: 'Anna',
      family_name: 'Schmidt',
      birthdate: '1979-11-02',
      gender: 'female',
      email: 'anna.schmidt@example.org',
      email_verified: true,
      phone_number: '+49 170 9876543',
      address: { street_address: 'Lindenallee 12 a', postal_code: '12347', locality: 'Musterstadt', country: 'DE' },
      [ns('title')]: 'Dr.',
      [ns('birth_name')]: 'Weber',
      [ns('place_of_birth')]: 'Leipzig',
      [ns('nationality')]: 'DE',
      [ns('mailbox_handle')]: 'c2d8e4f6-1a3b-4c5d-8e9f-7a6b5c4d3e21',
    },
  },
  {
    id: 'lukas-unvollstaendig',
    label: { de: 'Lukas Beispiel (unvollständige Angaben)', en: 'Lukas Beispiel (incomplete data)' },
    method: { de: 'Temporäre Anmeldung mit Online-Ausweis', en: 'temporary login with online ID card' },
    level: 'hoch',
    amr: ['hwk', 'pin'],
    // Temporary login: no mailbox handle; address and birth data were not released.
    claims: {
      given_name: 'Lukas',
      family_name: 'Beispiel',
    },
  },
  {
    id: 'musterbau-gmbh',
    label: { de: 'Musterbau GmbH (Unternehmenskonto)', en: 'Musterbau GmbH (business account)' },
    method: {
      de: 'Mein Unternehmenskonto (ELSTER-Organisationszertifikat)',
      en: 'Mein Unternehmenskonto (ELSTER organisation certificate)',
    },
    level: 'substantiell',
    amr: ['swk'],
    claims: {
      email: 'info@musterbau.example',
      email_verified: true,
      phone_number: '+49 30 7654321',
      [ns('company_name')]: 'Musterbau GmbH',
      [ns('legal_form')]: 'Gesellschaft mit beschränkter Haftung',
      [ns('register_type')]: 'HRB',
      [ns('register_number')]: '123456',
      [ns('register_court')]: 'Amtsgericht Musterstadt',
      [ns('company_address')]: {
        street_address: 'Industriestraße 7',
        postal_code: '12349',
        locality: 'Musterstadt',
        country: 'DE',
      },
      [ns('acting_person')]: { given_name: 'Jana', family_name: 'Bauer', email: 'jana.bauer@musterbau.example' },
    },
  },
];

/** Which claims each scope releases (oidc-provider `claims` configuration). */
export const SCOPE_CLAIMS: Record<string, string[]> = {
  profile: [
    'given_name',
    'family_name',
    'birthdate',
    'gender',
    ns('title'),
    ns('birth_name'),
    ns('place_of_birth'),
    ns('nationality'),
  ],
  email: ['email', 'email_verified'],
  phone: ['phone_number'],
  address: ['address'],
  postfach: [ns('mailbox_handle')],
  unternehmen: [
    ns('company_name'),
    ns('legal_form'),
    ns('register_type'),
    ns('register_number'),
    ns('register_court'),
    ns('company_address'),
    ns('acting_person'),
  ],
};

export function findTestAccount(id: string): TestAccount | undefined {
  return TEST_ACCOUNTS.find((a) => a.id === id);
}

/** Rank of an acr value (-1 = unknown). */
export function acrRank(acr: string | undefined): number {
  return acr === undefined ? -1 : ACR_ORDER.indexOf(acr);
}
