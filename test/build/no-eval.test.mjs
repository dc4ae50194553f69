// The script-tag bundle and every chunk it can load must run under a Content-Security-Policy without
// 'unsafe-eval': no eval, no new Function, no Function(…) (Ajv's compiler uses it). Needs a build.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
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
    for (const m of code.matchAll(global)) found.push(`${name}: …${code.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
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

test('dist/ozg-form.js and every chunk build no code from strings', () => {
  assert.ok(existsSync(join(root, 'dist/ozg-form.js')), 'dist/ozg-form.js missing: run npm run build first');
  const files = shippedFiles();
  assert.ok(files.length > 5, `expected the entry and its chunks, found ${files.length} files`);
  const offenders = files.flatMap((file) => findCodeFromStrings(readFileSync(file, 'utf8')).map((hit) => `${relative(root, file)}: ${hit}`));
  assert.deepEqual(offenders, []);
});
