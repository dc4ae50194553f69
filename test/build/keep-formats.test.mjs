// The script-tag bundle keeps only the formats of ajv-formats' table a definition or the FIT-Connect
// metadata can use (scripts/keep-formats.mjs, applied in vite.config.ts). These tests make sure that
// list follows the form's own (FORMAT_NAMES) and the metadata schema, that the cut stops the build
// instead of dropping a format silently, and that the built chunk is without the others.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'vite';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { BROWSER_FORMATS, keepFormats } from '../../scripts/keep-formats.mjs';
import { FORMAT_NAMES } from '../../src/schemas/interpret.ts';
import { germanFormats } from '../../src/schemas/formats.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every "format" value in a JSON document. */
function formatsIn(value, found = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => formatsIn(v, found));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'format' && typeof v === 'string') found.add(v);
      formatsIn(v, found);
    }
  return found;
}

test('the kept formats are every standard format a definition may use, and those of the FIT-Connect metadata', () => {
  const standard = FORMAT_NAMES.filter((name) => !(name in germanFormats));
  assert.deepEqual(
    standard.filter((name) => !BROWSER_FORMATS.includes(name)),
    [],
  );
  const metadata = JSON.parse(readFileSync(join(root, 'src/modules/submission/metadata.schema.json'), 'utf8'));
  assert.deepEqual(
    [...formatsIn(metadata)].filter((name) => !BROWSER_FORMATS.includes(name)),
    [],
  );
  for (const name of BROWSER_FORMATS) assert.ok(name in fullFormats, `ajv-formats has ${name}`);
});

test('the cut keeps exactly the named entries, and stops when the table or an entry is missing', () => {
  const code = [
    'const ipv6 = /x/;',
    'export const fullFormats = {',
    '  date: fmtDef(date, compareDate),',
    '  "date-time": dt,',
    '  ipv6,',
    '  uuid: /^u$/i,',
    '};',
  ].join('\n');
  const cut = keepFormats(code, parseAst(code), ['date', 'date-time', 'uuid']);
  assert.match(cut, /date: fmtDef\(date, compareDate\)/);
  assert.match(cut, /"date-time": dt/);
  assert.match(cut, /uuid: \/\^u\$\/i/);
  assert.doesNotMatch(cut.slice(cut.indexOf('fullFormats')), /ipv6/);
  assert.throws(() => keepFormats(code, parseAst(code), ['date', 'email']), /fullFormats has no email/);
  const other = 'export const formats = {};';
  assert.throws(() => keepFormats(other, parseAst(other), ['date']), /no "export const fullFormats/);
});

test('the built validators chunk has none of the formats left out', () => {
  const dir = join(root, 'dist/chunks');
  const chunk = readdirSync(dir)
    .filter((f) => /^validation-.*\.js$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .find((text) => text.includes('uuid'));
  assert.ok(chunk, 'the validators chunk (npm run build first)');
  for (const gone of ['uri-template', 'ipv6', 'json-pointer-uri-fragment', 'relative-json-pointer'])
    assert.ok(!chunk.includes(gone), `${gone} is not in the chunk`);
});
