/**
 * German custom formats of the definition language (docs/definition.md, "German formats") as pure
 * functions. They know nothing about Ajv; `createAjv` registers them.
 */

export type GermanFormat = 'de-postal-code' | 'iban' | 'de-phone' | 'de-tax-id';

/** Five digits; no German postcode starts with 00. */
function isPostalCode(value: string): boolean {
  return /^\d{5}$/.test(value) && !value.startsWith('00');
}

/**
 * IBAN lengths (ISO 13616 registry) of the SEPA countries and a few neighbours. Other country codes
 * are accepted with any length from 15 to 34 as long as the check digits are right.
 */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
  TR: 26,
};

/** ISO 13616 / ISO 7064 MOD 97-10: the rearranged IBAN, letters as 10..35, modulo 97 must be 1. */
function ibanChecksumOk(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char; // 'A' (65) -> 10
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function isIban(value: string): boolean {
  const iban = value.replace(/ /g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  if (iban.startsWith('DE') && !/^\d+$/.test(iban.slice(2))) return false;
  return ibanChecksumOk(iban);
}

/**
 * German telephone numbers: national (030 1234567) or international (+49 30 1234567, 0049 30 …,
 * or another country code), separators space, '/', '-', '(', ')'. The "(0)" often written after the
 * country code ("+49 (0)30 …") is allowed. 6 to 15 digits, not counting the 00 or + prefix.
 */
function isPhone(value: string): boolean {
  const trimmed = value.trim();
  if (!/^\+?[\d ()/-]+$/.test(trimmed)) return false;
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  const withoutTrunkZero = international ? trimmed.replace(/\(0\)/, '') : trimmed;
  const digits = withoutTrunkZero.replace(/[^\d]/g, '');
  let significant: string;
  if (trimmed.startsWith('+')) significant = digits;
  else if (digits.startsWith('00')) significant = digits.slice(2);
  else if (digits.startsWith('0')) significant = digits.slice(1);
  else return false;
  if (significant.startsWith('0')) return false;
  const total = international ? significant.length : significant.length + 1;
  return total >= 6 && total <= 15;
}

/** ISO/IEC 7064 MOD 11,10 check digit over the given digits, as the BZSt computes it. */
export function taxIdCheckDigit(first10: string): number {
  let product = 10;
  for (const char of first10) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/**
 * Steuerliche Identifikationsnummer (tax identification number): 11 digits, the first not 0. In the
 * first ten digits exactly one digit occurs twice or three times (the others at most once); a digit
 * occurring three times must not stand three times in a row. The 11th digit is the check digit.
 */
function isTaxId(value: string): boolean {
  const id = value.replace(/ /g, '');
  if (!/^[1-9]\d{10}$/.test(id)) return false;
  const first10 = id.slice(0, 10);
  const counts = new Map<string, number>();
  for (const char of first10) counts.set(char, (counts.get(char) ?? 0) + 1);
  const repeated = [...counts.entries()].filter(([, n]) => n > 1);
  if (repeated.length !== 1) return false;
  const [digit, times] = repeated[0]!;
  if (times > 3) return false;
  if (times === 3 && first10.includes(digit.repeat(3))) return false;
  return taxIdCheckDigit(first10) === Number(id[10]);
}

export const germanFormats: Record<GermanFormat, (value: string) => boolean> = {
  'de-postal-code': isPostalCode,
  iban: isIban,
  'de-phone': isPhone,
  'de-tax-id': isTaxId,
};

/** What a person reads when a value does not match its format. */
export const formatMessages: { de: Record<string, string>; en: Record<string, string> } = {
  de: {
    // GOV.UK says what is wanted: "Enter a postcode with 5 digits" (an audit's finding)
    'de-postal-code': 'Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein.',
    iban: 'Bitte geben Sie eine gültige IBAN in Großbuchstaben ein, zum Beispiel DE89 3704 0044 0532 0130 00.',
    'de-phone': 'Bitte geben Sie eine Telefonnummer ein, zum Beispiel 030 1234567 oder +49 30 1234567.',
    // also for 11 digits whose check digit is wrong: "check it", not "enter 11 digits"
    'de-tax-id':
      'Bitte prüfen Sie Ihre Steuer-ID: Sie hat 11 Ziffern und steht zum Beispiel auf Ihrem Einkommensteuerbescheid.',
    email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.',
    uri: 'Bitte geben Sie eine vollständige Internetadresse ein, zum Beispiel https://www.beispiel.de.',
    date: 'Bitte geben Sie ein gültiges Datum ein.',
    'date-time': 'Bitte geben Sie Datum und Uhrzeit mit Zeitzone ein, zum Beispiel 2026-12-24T14:30:00+01:00.',
    time: 'Bitte geben Sie eine Uhrzeit mit Sekunden und Zeitzone ein, zum Beispiel 14:30:00+01:00.',
  },
  en: {
    'de-postal-code': 'Enter a postcode with 5 digits.',
    iban: 'Enter a valid IBAN in capital letters, for example DE89 3704 0044 0532 0130 00.',
    'de-phone': 'Enter a telephone number, for example 030 1234567 or +49 30 1234567.',
    'de-tax-id':
      'Check your tax identification number (Steuer-ID): it has 11 digits and is shown on your income tax assessment, for example.',
    email: 'Enter a valid email address, for example name@example.com.',
    uri: 'Enter a complete web address, for example https://www.example.com.',
    date: 'Enter a real date.',
    'date-time': 'Enter a date and time with a time zone, for example 2026-12-24T14:30:00+01:00.',
    time: 'Enter a time with seconds and a time zone, for example 14:30:00+01:00.',
  },
};
