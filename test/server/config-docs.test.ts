import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('every variable the server reads is in the one table of docs/server.md', () => {
  const code = ['server/config-env.ts', 'server/production.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
  const read = [...new Set([...code.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!))];
  assert.ok(read.includes('GATEWAY_ALLOWED_ORIGINS'));
  const docs = readFileSync('docs/server.md', 'utf8');
  const table = docs.slice(docs.indexOf('## Configuration'), docs.indexOf('### Pointing the gateway'));
  const rows = table.split('\n').filter((l) => l.startsWith('| `'));
  const missing = read.filter((v) => !rows.some((row) => row.split('|')[1]!.includes(`\`${v}\``)));
  assert.deepEqual(missing, []);
});
