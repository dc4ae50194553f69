// custom-elements.json lists the public API of the elements only: the attributes and properties of
// their JSDoc and README, not Lit's internal reactive state (`{ state: true }` in `static properties`).
// The manifest is made here from the sources with the project's analyzer config (npm run analyze),
// without writing it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let elements; // tag name -> { declaration, module path }

before(async () => {
  const manifest = await cli({ argv: ['analyze', '--quiet'], cwd: root, noWrite: true });
  elements = new Map();
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.tagName) elements.set(declaration.tagName, { declaration, path: mod.path });
    }
  }
});

/** Module path -> the names its classes declare with `state: true`. */
function stateNames() {
  const out = new Map();
  for (const entry of readdirSync(join(root, 'src/components'), { recursive: true })) {
    if (!entry.endsWith('.ts')) continue;
    const source = readFileSync(join(root, 'src/components', entry), 'utf8');
    const names = [...source.matchAll(/(\w+): \{ state: true \}/g)].map((m) => m[1]);
    if (names.length) out.set(`src/components/${entry}`, new Set(names));
  }
  return out;
}

test('<ozg-form> has exactly the attributes of its JSDoc and of the README', () => {
  const { declaration } = elements.get('ozg-form');
  const listed = declaration.attributes.map((a) => a.name).sort();
  const jsdoc = readFileSync(join(root, 'src/components/form/ozg-form.ts'), 'utf8');
  const documented = [...jsdoc.matchAll(/^ \* @attr ([\w-]+) - /gm)].map((m) => m[1]).sort();
  assert.ok(documented.includes('draft-days'), documented.join());
  assert.deepEqual(listed, documented);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const inReadme = [...readme.matchAll(/^ {2}\| `([\w-]+)` \(attribute\) \|/gm)].map((m) => m[1]).sort();
  assert.deepEqual(listed, inReadme);
});

test('no element lists its internal reactive state as an attribute or a property', () => {
  const state = stateNames();
  assert.ok(state.get('src/components/form/form-base.ts')?.has('askingForget'), 'the state of <ozg-form> is found');
  assert.ok(state.get('src/components/mailbox/ozg-mailbox.ts')?.has('replyText'), 'the state of <ozg-mailbox> too');
  const leaks = [];
  for (const [tag, { declaration, path }] of elements) {
    // Its own module's state and, for inherited members, the state of the class they come from.
    const internal = (name, from) => state.get(from?.module ?? path)?.has(name);
    for (const m of declaration.members ?? []) if (internal(m.name, m.inheritedFrom)) leaks.push(`${tag} .${m.name}`);
    for (const a of declaration.attributes ?? []) {
      if (internal(a.fieldName ?? a.name, a.inheritedFrom)) leaks.push(`${tag} [${a.name}]`);
    }
  }
  assert.deepEqual(leaks, []);
  // The public properties stay.
  const form = elements.get('ozg-form').declaration.members.map((m) => m.name);
  for (const name of ['src', 'schema', 'data', 'gateway', 'draftDays']) assert.ok(form.includes(name), name);
  const mailbox = elements.get('ozg-mailbox').declaration.attributes.map((a) => a.name);
  assert.deepEqual(mailbox.sort(), ['case', 'gateway', 'lang', 'secret']);
});
