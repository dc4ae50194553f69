// The script-tag bundle and every chunk it can load must run under a Content-Security-Policy without
// 'unsafe-eval': no eval, no new Function, no Function(…) (Ajv's compiler uses it). Needs a build.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CODE_FROM_STRINGS = [
  ['eval(', /(?<![\w$.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['Function(', /(?<![\w$.])Function\s*\(/],
];

/** Each way the code builds functions from strings, with some context. */
export function findCodeFromStrings(code) {
  const found = [];
  for (const [name, pattern] of CODE_FROM_STRINGS) {
    const global = new RegExp(pattern.source, 'g');
    for (const m of code.matchAll(global))
      found.push(`${name}: …${code.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
  }
  return found;
}

function shippedFiles() {
  const files = [join(root, 'dist/ozg-form.js')];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.m?js$/.test(entry.name)) files.push(path);
    }
  };
  visit(join(root, 'dist/chunks'));
  return files;
}

test('the detector finds what Ajv compiles with (so this test can fail)', () => {
  const ajvCompiler = readFileSync(join(root, 'node_modules/ajv/dist/compile/index.js'), 'utf8');
  assert.ok(findCodeFromStrings(ajvCompiler).length > 0);
  assert.equal(findCodeFromStrings('const evaluate = () => x.eval(1); myFunction(2);').length, 0);
});

/** Audit mode (`<ozg-form audit>`, `?ozg-audit`) is an editors' tool: its chunk carries axe-core,
 * whose source holds Function() fallbacks (global lookup, doT templates). Audit mode runs on the demo's
 * strict policy (test/e2e/audit.spec.ts); a citizen's page never loads it. */
const EDITOR_ONLY = /^audit-/;

test("dist/ozg-form.js and every chunk a citizen's page can load build no code from strings", () => {
  assert.ok(existsSync(join(root, 'dist/ozg-form.js')), 'dist/ozg-form.js missing: run npm run build first');
  const files = shippedFiles();
  assert.ok(files.length > 5, `expected the entry and its chunks, found ${files.length} files`);
  const citizens = files.filter((file) => !EDITOR_ONLY.test(basename(file)));
  assert.equal(
    files.length - citizens.length,
    2,
    'the two chunks of audit mode: the panel (audit-mount) and axe-core (audit)',
  );
  const offenders = citizens.flatMap((file) =>
    findCodeFromStrings(readFileSync(file, 'utf8')).map((hit) => `${relative(root, file)}: ${hit}`),
  );
  assert.deepEqual(offenders, []);
});

test('the entry loads the audit chunk only through a dynamic import (audit mode)', () => {
  const entry = readFileSync(join(root, 'dist/ozg-form.js'), 'utf8');
  assert.match(entry, /import\(["'`]\.\/chunks\/audit-mount-[\w-]+\.js["'`]\)/);
  assert.doesNotMatch(
    entry,
    /(?:^|[;}])\s*import\s*[^(\s][^;]*["'`]\.\/chunks\/audit/m,
    'no static import of an audit chunk',
  );
});
