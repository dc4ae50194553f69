/**
 * The command line `ozg-form-import-fim` (bin/ozg-form-import-fim.mjs), spawned as a user runs it after
 * `npm run build`: exit codes 0 / 1 / 2, the report, -o, --format json, bad input; the written
 * definition passes `ozg-form-check`.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/ozg-form-import-fim.mjs');
const fixtures = join(root, 'test/fixtures/fim');
const out = mkdtempSync(join(tmpdir(), 'ozg-fim-'));
after(() => rmSync(out, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'de_DE.UTF-8' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the build is there (npm run build)', () => {
  assert.ok(existsSync(join(root, 'dist/npm/import-fim.js')), 'dist/npm/import-fim.js: run npm run build first');
});

test('--help explains the call and ends with 0', () => {
  const { code, stdout } = run('--help');
  assert.equal(code, 0);
  assert.match(stdout, /ozg-form-import-fim <schema\.xml> \[--codelists <Ordner>\] \[-o formular\.json\]/);
  assert.match(run('--help', '--lang', 'en').stdout, /Turns a FIM Stammdatenschema/);
});

test('a schema without warnings: exit 0, the definition in -o, the report on stdout, accepted by ozg-form-check', () => {
  const file = join(out, 'adresse.json');
  const { code, stdout } = run(join(fixtures, 'adresse-v2.xml'), '-o', file);
  assert.equal(code, 0);
  assert.match(
    stdout,
    /^XDatenfelder 2\.0, Stammdatenschema S60000011 Version 1\.2 „Meldung einer Anschrift“: 2 Gruppen, 9 Felder, 1 von 1 Regeln umgesetzt, 0 von 0 Codelisten eingelesen; 0 Warnungen\./,
  );
  assert.match(stdout, /Hinweis R60000030: Regel „Einwilligung bei E-Mail“ als dependentRequired umgesetzt\./);
  const definition = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(definition.$id, 'https://schema.fitko.de/fim/s60000011_1.2.schema.json');
  assert.deepEqual(Object.keys(definition.properties.G60000086.properties), [
    'F60000243',
    'F60000244',
    'F60000246',
    'F60000247',
  ]);
  const check = spawnSync(process.execPath, [join(root, 'bin/ozg-form-check.mjs'), '--lang', 'en', file], {
    encoding: 'utf8',
  });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  // The author check warns about FIM's missing English texts; what matters is that nothing is an error.
  assert.match(check.stdout, /: 0 errors, \d+ warnings/);
  assert.doesNotMatch(check.stdout, /: error:/);
});

test('warnings (a missing code list, a rule kept as comment): exit 1, each named in the report', () => {
  const file = join(out, 'hund.json');
  const { code, stdout } = run(join(fixtures, 'hund-v3.xml'), '--codelists', join(fixtures, 'codelisten'), '-o', file);
  assert.equal(code, 1);
  assert.match(stdout, /2 von 3 Regeln umgesetzt, 1 von 2 Codelisten eingelesen; 2 Warnungen\./);
  assert.match(
    stdout,
    /Warnung F00000000204: Codeliste urn:xoev-de:bund:destatis:bevoelkerungsstatistik:codeliste:staatsangehoerigkeit Version 2024-02-01/,
  );
  assert.match(
    stdout,
    /Warnung R00000000303: Regel „Geburtsdatum nicht in der Zukunft“ ist in JSON Schema nicht ausdrückbar/,
  );
  const definition = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(definition.properties.G00000000101.properties.F00000000201.enum, ['01', '02', '03']);
  const check = spawnSync(process.execPath, [join(root, 'bin/ozg-form-check.mjs'), file], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

test('without -o the definition goes to stdout and the report to stderr; --format json gives the report as JSON', () => {
  const plain = run(join(fixtures, 'hund-v3.xml'), '--lang', 'en');
  assert.equal(plain.code, 1);
  assert.equal(JSON.parse(plain.stdout).title, 'Anmeldung zur Hundesteuer');
  assert.match(plain.stderr, /0 of 2 code lists read; 3 warnings\./);
  const json = run(join(fixtures, 'hund-v3.xml'), '--format', 'json', '-o', join(out, 'x.json'));
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout);
  assert.equal(report.ok, true);
  assert.equal(report.warnings, 3);
  assert.deepEqual(report.report.schema, { id: 'S00000000099', version: '1.0.0', name: 'Anmeldung zur Hundesteuer' });
});

test('bad input ends with 2 and one clear error naming the place', () => {
  const notXml = run(join(fixtures, 'fehlerhaft/kein-xml.xml'));
  assert.equal(notXml.code, 2);
  assert.match(
    notXml.stderr,
    /Umwandlung fehlgeschlagen\n {2}Die Datei ist kein wohlgeformtes XML \(Zeile 1, Spalte 1\)/,
  );
  assert.equal(notXml.stdout, '');

  const version = run(join(fixtures, 'fehlerhaft/unbekannte-version.xml'));
  assert.equal(version.code, 2);
  assert.match(
    version.stderr,
    /\/xdatenfelder\.stammdatenschema\.0102\/@xmlns: Die XDatenfelder-Version „9\.0\.0“ wird nicht unterstützt/,
  );

  const missing = run(join(fixtures, 'fehlerhaft/fehlendes-element.xml'), '--format', 'json');
  assert.equal(missing.code, 2);
  const error = JSON.parse(missing.stdout);
  assert.equal(error.ok, false);
  assert.equal(
    error.error.path,
    '/xdatenfelder.stammdatenschema.0102/stammdatenschema/struktur[1]/enthaelt/datenfeldgruppe[G60000100]/regel[1][R60000101]/script',
  );
  assert.match(error.error.message, /F60000999/);

  const absent = run(join(fixtures, 'gibt-es-nicht.xml'));
  assert.equal(absent.code, 2);
  assert.match(absent.stderr, /Datei kann nicht gelesen werden \(ENOENT\)/);
  const noFolder = run(join(fixtures, 'adresse-v2.xml'), '--codelists', join(fixtures, 'kein-ordner'));
  assert.equal(noFolder.code, 2);
  assert.match(noFolder.stderr, /Codelisten-Ordner .*kein-ordner kann nicht gelesen werden/);
  const usage = run('--unbekannt');
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /Unbekannte oder unvollständige Option: --unbekannt/);
});

test('--help lists --lang, in both languages', () => {
  assert.match(run('--help').stdout, /--lang de\|en +Sprache des Berichts/);
  assert.match(run('--help', '--lang', 'en').stdout, /--lang de\|en +language of the report/);
  const french = run(join(fixtures, 'adresse-v2.xml'), '--lang', 'fr');
  assert.equal(french.code, 2);
  assert.match(french.stderr, /--lang fr \(de, en\)/);
});

test('a file cut off names the element left open; a UTF-16 file is read', () => {
  const xml = readFileSync(join(fixtures, 'adresse-v2.xml'), 'utf8');
  const cut = join(out, 'abgeschnitten.xml');
  writeFileSync(cut, xml.slice(0, 3000));
  const truncated = run(cut, '--lang', 'en');
  assert.equal(truncated.code, 2);
  assert.match(
    truncated.stderr,
    /The file ends before the element xdf:datenfeld \(opened at line 51\) is closed\. Was it saved incompletely or cut off\?/,
  );
  assert.doesNotMatch(truncated.stderr, /Invalid '\[/);
  const utf16 = join(out, 'utf16.xml');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
  const read = run(utf16, '-o', join(out, 'utf16.json'));
  assert.equal(read.code, 0, read.stderr);
  assert.match(read.stdout, /„Meldung einer Anschrift“/);
});

test('invalid or contradictory input is converted with warnings (exit 1), and the output passes the check', () => {
  const xml = readFileSync(join(fixtures, 'adresse-v2.xml'), 'utf8');
  const cases: Array<[string, string, string, RegExp]> = [
    [
      '{"minLength":"1","maxLength":"55"}',
      '{"minLength":"abc","maxLength":"-5"}',
      'praez',
      /minLength "abc", maxLength "-5" of "Straße" is not valid/,
    ],
    [
      '{"minLength":"1","maxLength":"55"}',
      '{"minLength":"60","maxLength":"5"}',
      'minmax',
      /minLength 60 is greater than maxLength 5/,
    ],
    [
      '<xdf:anzahl>1:1</xdf:anzahl>',
      '<xdf:anzahl>3:1</xdf:anzahl>',
      'anzahl',
      /The anzahl 3:1 of "Anschrift" is contradictory/,
    ],
    ['<code>input</code>', '<code>slider</code>', 'feldart', /Unknown feldart "slider" for "Straße"/],
    [
      '<xdf:anzahl>1:1</xdf:anzahl>',
      '<xdf:anzahl>1000000000:*</xdf:anzahl>',
      'viele',
      /The anzahl 1000000000:\* of "Anschrift" asks for more than 1000 entries: taken as 1000:\*/,
    ],
  ];
  for (const [from, to, name, warning] of cases) {
    assert.ok(xml.includes(from), from);
    const source = join(out, `${name}.xml`);
    const file = join(out, `${name}.json`);
    writeFileSync(source, xml.replace(from, to));
    const { code, stdout } = run(source, '--lang', 'en', '-o', file);
    assert.equal(code, 1, `${name}: ${stdout}`);
    assert.match(stdout, warning);
    const check = spawnSync(process.execPath, [join(root, 'bin/ozg-form-check.mjs'), '--lang', 'en', file], {
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  }
});

test('what the XML parser refuses (a reserved name, deep nesting) ends with 2 and one line, also as JSON', () => {
  const xml = readFileSync(join(fixtures, 'adresse-v2.xml'), 'utf8');
  assert.ok(xml.includes('<xdf:name>Straße</xdf:name>'));
  const cases: Array<[string, string, RegExp]> = [
    ['proto', '<xdf:__proto__>x</xdf:__proto__>', /Die Datei enthält den Element- oder Attributnamen „__proto__“/],
    ['tief', `${'<x>'.repeat(120)}${'</x>'.repeat(120)}`, /Die Datei verschachtelt Elemente mehr als 100 Ebenen tief/],
  ];
  for (const [name, inserted, message] of cases) {
    const source = join(out, `${name}.xml`);
    writeFileSync(source, xml.replace('<xdf:name>Straße</xdf:name>', `<xdf:name>Straße</xdf:name>${inserted}`));
    const text = run(source);
    assert.equal(text.code, 2, `${name}: ${text.stderr}`);
    assert.equal(text.stdout, '');
    const lines = text.stderr.trimEnd().split('\n');
    assert.deepEqual(lines.length, 2, text.stderr); // "<file>: Umwandlung fehlgeschlagen" and the reason
    assert.match(lines[1]!, message);
    assert.doesNotMatch(text.stderr, /\n\s+at /); // no stack trace
    const json = run(source, '--format', 'json');
    assert.equal(json.code, 2, `${name}: ${json.stderr}`);
    const error = JSON.parse(json.stdout);
    assert.equal(error.ok, false);
    assert.match(error.error.message, message);
  }
});

test('a code list that cannot be read, and any error the importer did not foresee, end with 2 and one line', () => {
  const folder = join(out, 'codelisten-mit-ordner');
  mkdirSync(join(folder, 'ordner.xml'), { recursive: true });
  const dir = run(join(fixtures, 'adresse-v2.xml'), '--codelists', folder);
  assert.equal(dir.code, 2, dir.stderr);
  assert.match(
    dir.stderr,
    /Umwandlung fehlgeschlagen\n {2}Codeliste .*ordner\.xml kann nicht gelesen werden \(EISDIR\)\.\n$/,
  );

  // The command line beside an importer that fails with a plain TypeError, as a bug in it would.
  const copy = join(out, 'kopie');
  mkdirSync(join(copy, 'bin'), { recursive: true });
  mkdirSync(join(copy, 'dist/npm'), { recursive: true });
  writeFileSync(join(copy, 'bin/ozg-form-import-fim.mjs'), readFileSync(bin));
  writeFileSync(
    join(copy, 'dist/npm/import-fim.js'),
    `export class FimImportError extends Error {}
export const decodeXml = (bytes) => new TextDecoder().decode(bytes);
export const escapeControls = (text) => text;
export const formatReport = () => '';
export const warningsOf = () => [];
export function importFim() { null.properties; }`,
  );
  const spawn = (...args: string[]) =>
    spawnSync(process.execPath, [join(copy, 'bin/ozg-form-import-fim.mjs'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_GB.UTF-8' },
    });
  const text = spawn(join(fixtures, 'adresse-v2.xml'));
  assert.equal(text.status, 2, text.stderr);
  assert.match(
    text.stderr,
    /: conversion failed\n {2}unexpected error: Cannot read properties of null \(reading 'properties'\)\n$/,
  );
  const json = spawn(join(fixtures, 'adresse-v2.xml'), '--format', 'json');
  assert.equal(json.status, 2, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).error, {
    path: '',
    message: "unexpected error: Cannot read properties of null (reading 'properties')",
  });
});

test('control characters from the file are shown escaped in the report and in a failure, and in JSON', () => {
  const xml = readFileSync(join(fixtures, 'adresse-v2.xml'), 'utf8');
  // ESC [2K clears the terminal line, ESC [1A moves up, CSI (U+009B) is the same in one character.
  const evil = 'Straße\u001b[2K\u001b[1A\u009b2K';
  const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex
  const source = join(out, 'steuerzeichen.xml');
  writeFileSync(
    source,
    xml
      .replace(
        '<xdf:bezeichnungEingabe>Straße</xdf:bezeichnungEingabe>',
        `<xdf:bezeichnungEingabe>${evil}</xdf:bezeichnungEingabe>`,
      )
      .replace('<code>input</code>', '<code>slider</code>'),
  );
  const text = run(source, '--lang', 'en', '-o', join(out, 'steuerzeichen.json'));
  assert.equal(text.code, 1, text.stdout);
  assert.doesNotMatch(text.stdout, controls);
  assert.match(text.stdout, /Unknown feldart "slider" for "Straße\\u001b\[2K\\u001b\[1A\\u009b2K"/);
  const json = run(source, '--format', 'json', '-o', join(out, 'steuerzeichen.json'));
  assert.doesNotMatch(json.stdout, controls);
  // JSON escapes them; read back, the report has the name as it was.
  const warning = JSON.parse(json.stdout).report.lines.find((l: { level: string }) => l.level === 'warning');
  assert.ok(warning.message.en.includes(`"${evil}"`), warning.message.en);

  const failing = join(out, 'steuerzeichen-fehler.xml');
  writeFileSync(failing, xml.replace('xdatenfelder_2"', 'xdatenfelder_9\u001b[2K\u009b1A"'));
  const failed = run(failing, '--lang', 'en');
  assert.equal(failed.code, 2, failed.stderr);
  assert.doesNotMatch(failed.stderr, controls);
  assert.match(failed.stderr, /The XDatenfelder version "9\\u001b\[2K\\u009b1A" is not supported/);
});
