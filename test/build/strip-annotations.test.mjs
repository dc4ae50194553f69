// The script-tag bundle carries x-ozg.meta.json without its annotations (scripts/strip-annotations.mjs).
// Stripped and full meta-schema must judge every x-ozg annotation alike: the same errors at the same places.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { stripAnnotations } from '../../scripts/strip-annotations.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const meta = JSON.parse(readFileSync(join(root, 'src/schemas/x-ozg.meta.json'), 'utf8'));

function validators(schema) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  return {
    root: ajv.compile({ $ref: `${schema.$id}#/$defs/root` }),
    field: ajv.compile({ $ref: `${schema.$id}#/$defs/field` }),
  };
}

/** Every x-ozg of the definitions in demo/forms and test/fixtures: at the root, and at any property. */
function annotations() {
  const found = { root: [], field: [] };
  const files = ['demo/forms', 'test/fixtures', 'test/fixtures/forms', 'test/fixtures/check'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(root, dir, name)),
  );
  const visit = (schema, where) => {
    if (!schema || typeof schema !== 'object') return;
    if (Array.isArray(schema)) return schema.forEach((item) => visit(item, 'field'));
    if (schema['x-ozg'] && typeof schema['x-ozg'] === 'object') found[where].push(schema['x-ozg']);
    for (const [key, value] of Object.entries(schema)) if (key !== 'x-ozg') visit(value, 'field');
  };
  for (const file of files) {
    try {
      visit(JSON.parse(readFileSync(file, 'utf8')), 'root');
    } catch {
      // not JSON a definition could be read from: nothing to collect
    }
  }
  return found;
}

const errorsOf = (validate, value) =>
  validate(value)
    ? []
    : validate.errors.map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`).sort();

test('the stripped meta-schema has no descriptions, but keeps keys named "title" or "description"', () => {
  const stripped = stripAnnotations(meta);
  const text = JSON.stringify(stripped);
  assert.ok(JSON.stringify(meta).includes('"description":"'), 'the full meta-schema has descriptions');
  assert.ok(!text.includes('"description":"'), 'no description text is left');
  assert.ok(text.length < JSON.stringify(meta).length * 0.8, `${text.length} of ${JSON.stringify(meta).length} bytes`);
  // Property definitions named like annotations stay: texts may set a title and a description.
  const named = [];
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (node.properties)
      named.push(...Object.keys(node.properties).filter((k) => k === 'title' || k === 'description'));
    Object.values(node).forEach(visit);
  };
  visit(meta);
  const kept = [];
  const visitStripped = (node) => {
    if (!node || typeof node !== 'object') return;
    if (node.properties) kept.push(...Object.keys(node.properties).filter((k) => k === 'title' || k === 'description'));
    Object.values(node).forEach(visitStripped);
  };
  visitStripped(stripped);
  assert.ok(named.length > 0, 'the meta-schema defines keys named title or description');
  assert.deepEqual(kept, named);
});

test('stripped and full meta-schema report the same errors for every annotation in the repository, and for broken ones', () => {
  const full = validators(meta);
  const stripped = validators(stripAnnotations(meta));
  const found = annotations();
  assert.ok(
    found.root.length >= 5 && found.field.length >= 20,
    `${found.root.length} root, ${found.field.length} field`,
  );
  let broken = 0;
  for (const where of ['root', 'field']) {
    for (const value of found[where]) {
      const variants = [
        value,
        { ...value, unknownKey: 1 },
        ...Object.keys(value).map((key) => ({ ...value, [key]: 42 })),
        ...Object.keys(value).map((key) => ({ ...value, [key]: { wrong: [true] } })),
      ];
      for (const variant of variants) {
        const expected = errorsOf(full[where], variant);
        if (expected.length) broken++;
        assert.deepEqual(errorsOf(stripped[where], variant), expected, JSON.stringify(variant).slice(0, 200));
      }
    }
  }
  assert.ok(broken > 50, `${broken} broken variants were compared`);
});
