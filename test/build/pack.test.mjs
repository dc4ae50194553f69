// `npm pack` of the widget: the bundle, the ESM build, the types and custom-elements.json, nothing of
// the server; then the tarball is unpacked into a fresh folder as npm would install it, with only
// its declared dependencies beside it (linked from this repository's node_modules: no network), and
// imported. Needs a build (npm run build).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_ONLY = ['fastify', '@fastify/static', 'better-sqlite3', 'oidc-provider'];
let temp;
let packed; // npm pack --json result
let app; // the fresh folder

const run = (command, args, cwd) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

before(() => {
  for (const built of ['dist/ozg-form.js', 'dist/npm/index.js', 'dist/npm/index.d.ts', 'custom-elements.json']) {
    assert.ok(existsSync(join(root, built)), `${built} missing: run npm run build first`);
  }
  temp = mkdtempSync(join(tmpdir(), 'ozg-pack-'));
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', temp], root));
  app = join(temp, 'app');
  const installed = join(app, 'node_modules', 'ozg-form');
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run('tar', ['-xzf', join(temp, packed.filename), '-C', installed, '--strip-components=1'], temp);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    const link = join(app, 'node_modules', dep);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', dep), link, 'dir');
  }
});

after(() => rmSync(temp, { recursive: true, force: true }));

test('the tarball holds the bundle, the ESM build, the types and the manifest, and nothing of the server', () => {
  const files = packed.files.map((f) => f.path);
  for (const expected of [
    'package.json',
    'README.md',
    'dist/ozg-form.js',
    'dist/npm/index.js',
    'dist/npm/index.d.ts',
    'dist/npm/check.js',
    'custom-elements.json',
    'bin/ozg-form-check.mjs',
  ]) {
    assert.ok(files.includes(expected), `${expected} in the tarball`);
  }
  assert.ok(
    files.some((f) => /^dist\/chunks\/validation-.*\.js$/.test(f)),
    'the lazy chunks of the bundle',
  );
  assert.ok(files.includes('LICENSES/DejaVu.txt'), 'the licence of the fonts embedded in the PDFs');
  const foreign = files.filter((f) => /^(server|test|demo|src|scripts|data)\//.test(f) || f.endsWith('.map'));
  assert.deepEqual(foreign, []);
});

test('every relative link of the packed README and docs, and every docs path named in src, is in the tarball', () => {
  const files = new Set(packed.files.map((f) => f.path));
  const installed = join(app, 'node_modules/ozg-form');
  const broken = [];
  // The README is read as npm shows it, from the unpacked tarball; the docs it ships link on.
  for (const doc of [...files].filter((f) => f === 'README.md' || /^docs\/.*\.md$/.test(f))) {
    const text = readFileSync(join(installed, doc), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^([a-z]+:|#)/i.test(target)) continue;
      const path = posix.normalize(posix.join(posix.dirname(doc), target.replace(/#.*$/, '')));
      // The screenshots stay in the repository (0.8 MB of PNG): a missing image shows its alt text.
      if (doc !== 'README.md' && path.startsWith('docs/images/')) continue;
      if (!files.has(path)) broken.push(`${doc} -> ${target}`);
    }
  }
  // What the element tells editors and developers to read ("Anleitung: docs/embedding.md im Paket ozg-form").
  const named = new Set();
  for (const entry of readdirSync(join(root, 'src'), { recursive: true })) {
    if (!/\.(ts|json)$/.test(entry)) continue;
    for (const [path] of readFileSync(join(root, 'src', entry), 'utf8').matchAll(/docs\/[\w./-]*\w/g)) named.add(path);
  }
  assert.ok(named.has('docs/embedding.md'), [...named].join());
  for (const path of named) if (!files.has(path)) broken.push(`src -> ${path}`);
  assert.deepEqual(broken, []);
});

test('the widget depends only on what the browser (and the definition checker) needs, with ^ ranges', () => {
  const manifest = JSON.parse(readFileSync(join(app, 'node_modules/ozg-form/package.json'), 'utf8'));
  const deps = manifest.dependencies;
  for (const name of SERVER_ONLY) assert.equal(deps[name], undefined, `${name} is the server's`);
  for (const [name, range] of Object.entries(deps)) assert.match(range, /^\^\d/, `${name}: ${range}`);
  assert.ok(deps.lit && deps['@lit/context'], 'lit and @lit/context are declared');
});

test('imports from the unpacked folder: the element classes, the checker, the manifest', () => {
  const script = `
    const widget = await import('ozg-form');
    const { checkDefinition } = await import('ozg-form/check');
    const rules = await import('ozg-form/rules');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const manifest = require('ozg-form/custom-elements.json');
    const form = require(${JSON.stringify(join(root, 'demo/forms/hundesteuer.json'))});
    console.log(JSON.stringify({
      resolved: import.meta.resolve('ozg-form'),
      exports: Object.keys(widget).sort(),
      version: widget.VERSION,
      problems: checkDefinition(form),
      rules: Object.keys(rules).sort(),
      fee: rules.computeFees(form, { hunde: [{ listenhund: 'nein' }, { listenhund: 'nein' }] }),
      broken: checkDefinition({ type: 'object', properties: { a: { type: 'string', format: 'plz' } } }).length,
      tags: manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.tagName)).filter(Boolean).sort(),
    }));`;
  const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], app));
  assert.ok(out.resolved.startsWith(`file://${app}/node_modules/ozg-form/dist/npm/`), out.resolved);
  // <ozg-mailbox> is defined by the entry but its class loads only on a page that has one: a type export.
  assert.ok(out.exports.includes('OzgForm'), out.exports.join());
  assert.equal(out.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  assert.deepEqual(out.problems, []);
  assert.ok(out.broken > 0, 'the checker reports an unknown format');
  // The gateway's shared rules: fees and validation, computed as the form does.
  assert.deepEqual(out.rules, [
    'DEFAULT_CLAIM_MAP',
    'FormValidator',
    'ajvEngine',
    'answerRowsAsShown',
    'checkApplication',
    'computeFees',
    'formatAmount',
    'levelFromAcr',
    'mapClaims',
    'receiverSchema',
    'validatorAsOf',
  ]);
  assert.equal(out.fee.lines[0].id, 'erster-hund', JSON.stringify(out.fee));
  assert.ok(out.fee.total > 9600, JSON.stringify(out.fee));
  assert.deepEqual(out.tags, [
    'ozg-account',
    'ozg-audit-panel',
    'ozg-file-upload',
    'ozg-form',
    'ozg-mailbox',
    'ozg-payment',
    'ozg-submission',
  ]);
});
