import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../server/db.js';
import { PublishedForms } from '../../server/gateway/published-forms.js';
import { publishDefinition } from '../../server/publish.js';
import { answersView } from '../../server/standins/inbox/answers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ozg-answers-'));
const db = openDb(dataDir);
after(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const data = {
  kind: { vorname: 'Mia', nachname: 'Muster', geburtsdatum: '2024-03-14' },
  betreuung: { beginn: '2026-08-01', umfang: '35' },
  wunschKitas: [{ name: 'Kita Sonnenschein' }, { name: 'Kita Regenbogen' }],
  eltern: { vorname: 'Erika', nachname: 'Muster', email: 'e@example.org', postleitzahl: '12345', berufstaetig: true },
  nachweise: [{ attachmentId: '6f1c0c9e-0a4b-4c1e-9d1e-1a2b3c4d5e6f', filename: 'impfpass.pdf' }],
};

test('the inbox shows the answers with the question titles, option labels, German dates and one row per group entry', () => {
  const forms = new PublishedForms(db);
  const { form } = publishDefinition(forms, readFileSync('test/fixtures/kita-platz.json', 'utf8'));
  const view = answersView(db, 'not-in-the-gateway', `/gateway/v1/forms/kita-platz/${form.version}/schema.json`, data);
  assert.ok(view);
  const de = Object.fromEntries(view.rows.de.map((r) => [`${r.section} | ${r.label}`, r.value]));
  assert.equal(de['Ihr Kind | Angaben zum Kind – Geburtsdatum des Kindes'], '14.03.2024');
  assert.equal(de['Betreuung | Gewünschte Betreuung – Betreuungsumfang pro Woche'], '35 Stunden');
  assert.equal(de['Betreuung | Wunsch 1 – Name der Kita'], 'Kita Sonnenschein');
  assert.equal(de['Betreuung | Wunsch 2 – Name der Kita'], 'Kita Regenbogen');
  assert.equal(de['Erziehungsberechtigte | Antragstellende Person – Ich bin berufstätig oder in Ausbildung'], 'Ja');
  assert.equal(de['Erziehungsberechtigte | Antragstellende Person – Telefonnummer'], 'Nicht beantwortet');
  assert.equal(de['Erziehungsberechtigte | Nachweis über die Masernimpfung'], 'impfpass.pdf');
  assert.ok(!JSON.stringify(view.rows.de).includes('"umfang"'), 'no technical keys');
  const en = Object.fromEntries(view.rows.en.map((r) => [r.label, r.value]));
  assert.equal(en['Care wanted – Hours of care per week'], '35 hours');
  assert.equal(en['Preference 2 – Name of the centre'], 'Kita Regenbogen');
});

test('an application of a form that was never published gets no answer rows (the raw data stays)', () => {
  assert.equal(answersView(db, 'x', 'https://example.org/unbekannt.json', data), undefined);
});
