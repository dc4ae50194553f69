#!/usr/bin/env node
// Subresource-Integrity hashes of the CDN bundle (docs/embedding.md, "SRI"): writes dist/sri.json
// ({ "ozg-form.js": "sha384-…", "chunks/…": "sha384-…" }) and prints the script tag and an import
// map that pins every lazy chunk too (browsers check "integrity" of import maps since 2024).
//   node scripts/sri.mjs [dist] [https://cdn.example/ozg-form/0.1.0/]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const base = process.argv[3] ?? 'https://cdn.example/ozg-form/';
const files = ['ozg-form.js', ...readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`)].filter((f) =>
  f.endsWith('.js'),
);
const sri = Object.fromEntries(
  files.map((f) => [
    f,
    `sha384-${createHash('sha384')
      .update(readFileSync(join(dist, f)))
      .digest('base64')}`,
  ]),
);
writeFileSync(join(dist, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
const integrity = Object.fromEntries(files.map((f) => [new URL(f, base).href, sri[f]]));
console.log(`${relative('.', join(dist, 'sri.json'))}: ${files.length} files`);
if (process.argv[3]) {
  const map = JSON.stringify({ integrity });
  // An import map is an inline script: a strict CSP allows it by this hash in script-src.
  console.log(`script-src hash of the import map: 'sha256-${createHash('sha256').update(map).digest('base64')}'`);
  console.log(`<script type="importmap">${map}</script>`);
  console.log(
    `<script type="module" src="${new URL('ozg-form.js', base).href}" integrity="${sri['ozg-form.js']}" crossorigin="anonymous"></script>`,
  );
}
