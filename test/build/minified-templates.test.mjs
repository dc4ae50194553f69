// The script-tag bundle's Lit templates are minified at build time (vite.config.ts,
// @lit-labs/rollup-plugin-minify-html-literals): the entry every page loads carries no indentation
// of HTML or CSS, which was about 0.9 KB gzip of it. Needs a build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../../dist/ozg-form.js', import.meta.url));

test('the entry carries no indented template text (line breaks followed by spaces)', () => {
  const code = readFileSync(entry, 'utf8');
  const runs = [...code.matchAll(/\n[ \t]+/g)];
  assert.deepEqual(
    runs.slice(0, 5).map((m) => code.slice(Math.max(0, m.index - 60), m.index + 30)),
    [],
    `${runs.length} indented lines in dist/ozg-form.js`,
  );
});
