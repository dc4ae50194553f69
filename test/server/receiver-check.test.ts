/**
 * The receiver's check as a case system uses it: `checkApplication` imported from the widget package's
 * `ozg-form/rules`, run on decrypted answers against the published definition and the bound payment.
 * (The running inbox's use of it is tested in payment-binding.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ajvEngine, checkApplication, FormValidator, type JsonSchema } from 'ozg-form/rules';
import { ANSWERS } from '../e2e/answers.js';

const form = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../demo/forms/${name}.json`, import.meta.url), 'utf8')) as JsonSchema;
const anwohnerparken = form('anwohnerparken'); // fee before sending, 99990000000001
const validator = new FormValidator(anwohnerparken, ajvEngine(anwohnerparken));
const LEIKA = '99990000000001';
/** Amounts are formatted with a no-break space before the euro sign. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');
const codes = (checks: { code: string }[]) => checks.map((c) => c.code);

/** The demo's answers are 12 months for one car: 60 €. */
const twelveMonths = () => structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;

test('an application that fits its form and its payment has no findings', () => {
  assert.deepEqual(
    checkApplication(anwohnerparken, { leika: LEIKA, data: twelveMonths(), paidCents: 6000 }, validator),
    [],
  );
  // The FIT-Connect service identifier is accepted with its URN prefix.
  const urn = `urn:de:fim:leika:leistung:${LEIKA}`;
  assert.deepEqual(
    checkApplication(anwohnerparken, { leika: urn, data: twelveMonths(), paidCents: 6000 }, validator),
    [],
  );
});

test('paid for six months, sent 24 months and two cars: the fee is recomputed from the answers sent', () => {
  const dearer = twelveMonths();
  dearer.parkausweis.laufzeit = 24;
  dearer.fahrzeuge = [dearer.fahrzeuge[0], { ...dearer.fahrzeuge[0], kennzeichen: 'M-CD 1' }];
  const checks = checkApplication(anwohnerparken, { leika: LEIKA, data: dearer, paidCents: 3000 }, validator);
  assert.deepEqual(codes(checks), ['fee-mismatch']);
  assert.equal(plain(checks[0].text.de), 'Bezahlt wurden 30,00 €; nach diesen Angaben fällig sind 165,00 €.');
  assert.equal(plain(checks[0].text.en), '€30.00 was paid; these answers make €165.00 due.');
});

test('a form that charges before sending, sent without a payment under another service: both are found', () => {
  const checks = checkApplication(anwohnerparken, { leika: '99990000000002', data: twelveMonths() }, validator);
  assert.deepEqual(codes(checks), ['service-mismatch', 'fee-unpaid']);
  assert.equal(
    checks[0].text.de,
    'Eingereicht für die Leistung 99990000000002, aber mit dem Formular der Leistung 99990000000001.',
  );
  assert.equal(
    plain(checks[1].text.en),
    'The fee of €60.00 is paid before sending; there is no payment for this application.',
  );
});

test('answers that break the form name the places, and no fee is computed from them', () => {
  const broken = twelveMonths();
  broken.parkausweis.laufzeit = 7;
  const checks = checkApplication(anwohnerparken, { leika: LEIKA, data: broken, paidCents: 100 }, validator);
  delete broken.antragsteller.vorname;
  assert.deepEqual(codes(checks), ['answers-invalid']);
  // In the words the form showed the applicant, with the places, in both languages.
  assert.equal(
    checks[0].text.de,
    'Die Angaben passen nicht zum Formular (1): Bitte wählen Sie bei „Laufzeit“ eine der angebotenen Möglichkeiten aus. (/parkausweis/laufzeit)',
  );
  const two = checkApplication(anwohnerparken, { leika: LEIKA, data: broken, paidCents: 100 }, validator);
  assert.equal(
    two[0].text.en,
    'The answers do not fit the form (2): Enter an answer for “First name”. (/antragsteller/vorname) Select one of the options offered for “Duration”. (/parkausweis/laufzeit)',
  );
  // Not even an object: still a finding, not an exception.
  const notAnObject = checkApplication(anwohnerparken, { leika: LEIKA, data: 'x', paidCents: 6000 }, validator);
  assert.deepEqual(codes(notAnObject), ['answers-invalid']);
  assert.equal(notAnObject[0].text.de, 'Die Angaben sind kein JSON-Objekt mit den Antworten des Formulars.');
});

test('a fee paid after the decision is not missing when the application arrives unpaid', () => {
  const hundesteuer = form('hundesteuer'); // fees.policy: deferred
  const leika = (hundesteuer['x-ozg'] as { leika: string }).leika;
  assert.deepEqual(checkApplication(hundesteuer, { leika, data: ANSWERS.hundesteuer }), []);
});

test('without a validator passed in, one is compiled for the call, with the same findings', () => {
  const dearer = twelveMonths();
  dearer.parkausweis.laufzeit = 24;
  assert.deepEqual(codes(checkApplication(anwohnerparken, { leika: LEIKA, data: dearer, paidCents: 6000 })), [
    'fee-mismatch',
  ]);
});
