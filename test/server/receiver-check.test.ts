/**
 * The receiver's check as a case system uses it: `checkApplication` imported from the widget package's
 * `ozg-form/rules`, run on decrypted answers against the published definition and the bound payment.
 * (The running inbox's use of it is tested in payment-binding.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ajvEngine, checkApplication, FormValidator, validatorAsOf, type JsonSchema } from 'ozg-form/rules';
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

test('"Gültig ab: not before today" is read as of the day the application was sent, not the day it is opened', () => {
  const sentInJune = twelveMonths();
  sentInJune.parkausweis.beginn = '2026-06-15';
  const sentAt = new Date('2026-06-15T09:00:00Z');
  // Sent on 15 June for 15 June: fine then, and still fine when the case is opened months later.
  assert.deepEqual(checkApplication(anwohnerparken, { leika: LEIKA, data: sentInJune, paidCents: 6000, sentAt }), []);
  // Read as of today instead, the same answers would be "in the past".
  const asOfNow = checkApplication(anwohnerparken, { leika: LEIKA, data: sentInJune, paidCents: 6000 });
  assert.deepEqual(codes(asOfNow), ['answers-invalid']);
  assert.match(asOfNow[0].text.de, /\(\/parkausweis\/beginn\)$/);
});

test("relative dates on a server: what any applicant's calendar accepted at that moment is accepted", () => {
  const definition: JsonSchema = {
    type: 'object',
    properties: {
      geboren: { type: 'string', format: 'date', title: 'Geboren', 'x-ozg': { date: { max: 'today' } } },
      ab: { type: 'string', format: 'date', title: 'Ab', 'x-ozg': { date: { min: 'today' } } },
    },
  };
  const compiled = new FormValidator(definition, ajvEngine(definition));
  const at = (iso: string) => validatorAsOf(compiled, new Date(iso));
  const paths = (errors: { instancePath: string }[]) => errors.map((e) => e.instancePath);
  // 22:30 UTC on 14 June is 00:30 on 15 June in Berlin: a birth on 15 June is no birth in the future there.
  assert.deepEqual(paths(at('2026-06-14T22:30:00Z').validateAll({ geboren: '2026-06-15' })), []);
  // 16 June is in the future on every calendar of the world at that moment.
  assert.deepEqual(paths(at('2026-06-14T22:30:00Z').validateAll({ geboren: '2026-06-16' })), ['/geboren']);
  // 10:00 UTC on 14 June is still 13 June west of UTC−10: "from 13 June" is not in the past there …
  assert.deepEqual(paths(at('2026-06-14T10:00:00Z').validateAll({ ab: '2026-06-13' })), []);
  // … at 13:00 UTC it is 14 June everywhere, and 13 June is in the past on every calendar.
  assert.deepEqual(paths(at('2026-06-14T13:00:00Z').validateAll({ ab: '2026-06-13' })), ['/ab']);
  // Rules that are no date rules are not loosened: a date that is no date stays wrong.
  assert.deepEqual(paths(at('2026-06-14T13:00:00Z').validateAll({ ab: '14.06.2026' })), ['/ab']);
});
