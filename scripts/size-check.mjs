#!/usr/bin/env node
// Bundle-size check (`npm run size`, after the build). Reads size-budget.json and measures the built
// files, raw and gzip (zlib level 9, each file on its own, as a browser downloads them):
//   plainForm        the entry plus every chunk it imports statically (transitively):
//                    the JavaScript needed to show a plain form;
//   fillAndValidate  the entry plus every chunk reachable by static or dynamic import, except chunks
//                    whose names contain a word of `excludeChunks` (login, upload, payment, …) and
//                    what is reachable only through them;
//   "dist/…"         any key naming a file is a budget for that file alone.
// Prints a table and exits 1 when a budget is exceeded, when dist/ is missing, or when a built file
// imports a file that does not exist.
//
// Usage: node scripts/size-check.mjs [--root <dir>]   (root defaults to the repository)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?<![.\w$])(?:import|export)\s*(?!\()(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /(?<![.\w$])import\s*\(\s*["'`](\.{1,2}\/[^"'`$]+)["'`]\s*\)/g;
const NON_LITERAL_IMPORT = /(?<![.\w$])import\s*\(\s*(?!["'`][^"'`$]*["'`]\s*\))/g;

export const DEFAULT_EXCLUDE = ['login', 'upload', 'payment', 'submission', 'audit', 'pdf'];

export function gzipSize(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

/** Size of one file relative to root (posix path). */
export function fileSize(root, rel) {
  const buffer = readFileSync(join(root, rel));
  return { raw: buffer.length, gzip: gzipSize(buffer) };
}

/** Relative import specifiers of a built ES module, split into static and dynamic ones. */
export function findImports(code) {
  const found = { static: new Set(), dynamic: new Set(), nonLiteralDynamic: 0 };
  for (const m of code.matchAll(STATIC_IMPORT)) found.static.add(m[1]);
  for (const m of code.matchAll(DYNAMIC_IMPORT)) found.dynamic.add(m[1]);
  found.nonLiteralDynamic = [...code.matchAll(NON_LITERAL_IMPORT)].length;
  return found;
}

/** The chunk's name: its path without the build hash and extension ("chunks/payment-AbC12_x-.js" -> "chunks/payment"). */
export function chunkName(rel) {
  return rel.replace(/\.m?js$/, '').replace(/-[A-Za-z0-9_-]{8}$/, '');
}

export function isExcluded(rel, words) {
  const name = chunkName(rel).toLowerCase();
  return words.find((w) => name.includes(String(w).toLowerCase())) ?? null;
}

/**
 * Walks the import graph from `entry` (posix path relative to root).
 * @returns {{ plain: string[], fill: string[], excluded: Map<string,string>, missing: string[], nonLiteral: string[] }}
 */
export function importGraph(root, entry, excludeWords) {
  const edges = new Map(); // file -> { static: string[], dynamic: string[] }
  const missing = [];
  const nonLiteral = [];
  const read = (rel) => {
    if (edges.has(rel)) return edges.get(rel);
    const code = readFileSync(join(root, rel), 'utf8');
    const found = findImports(code);
    if (found.nonLiteralDynamic > 0) nonLiteral.push(rel);
    const resolveAll = (specs) => {
      const out = [];
      for (const spec of specs) {
        const target = posix.normalize(posix.join(posix.dirname(rel), spec));
        if (existsSync(join(root, target))) out.push(target);
        else missing.push(`${rel} imports ${spec}`);
      }
      return out;
    };
    const node = { static: resolveAll(found.static), dynamic: resolveAll(found.dynamic) };
    edges.set(rel, node);
    return node;
  };
  const walk = (kinds, exclude) => {
    const seen = new Set([entry]);
    const skipped = new Map();
    const queue = [entry];
    while (queue.length) {
      const node = read(queue.shift());
      for (const kind of kinds) {
        for (const next of node[kind]) {
          if (seen.has(next)) continue;
          const word = exclude ? isExcluded(next, excludeWords) : null;
          if (word) {
            skipped.set(next, word);
            continue;
          }
          seen.add(next);
          queue.push(next);
        }
      }
    }
    for (const file of seen) skipped.delete(file);
    return { files: [...seen], skipped };
  };
  const plain = walk(['static'], false).files;
  const fill = walk(['static', 'dynamic'], true);
  // Files reachable only through excluded chunks are excluded too; name the reason.
  for (const file of walk(['static', 'dynamic'], false).files) {
    if (!fill.files.includes(file) && !fill.skipped.has(file)) fill.skipped.set(file, 'only via excluded chunks');
  }
  return { plain, fill: fill.files, excluded: fill.skipped, missing: [...new Set(missing)], nonLiteral };
}

function listJs(root, dir) {
  const out = [];
  const visit = (abs) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.m?js$/.test(entry.name)) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  visit(join(root, dir));
  return out;
}

export function loadBudget(root) {
  const file = join(root, 'size-budget.json');
  if (!existsSync(file)) throw new Error(`size-budget.json not found in ${root}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Measures everything the budget names.
 * @returns {{ rows: object[], groups: object[], failures: string[], warnings: string[] }}
 */
export function checkSizes(root, budget) {
  const entry = budget.entry ?? 'dist/ozg-form.js';
  const distDir = entry.split('/')[0];
  if (!existsSync(join(root, entry))) {
    return { rows: [], groups: [], warnings: [], failures: [`${entry} not found: run npm run build first`] };
  }
  const exclude = budget.fillAndValidate?.excludeChunks ?? DEFAULT_EXCLUDE;
  const graph = importGraph(root, entry, exclude);
  const failures = graph.missing.map((m) => `broken import: ${m}`);
  const warnings = graph.nonLiteral.map(
    (f) => `${f} has a dynamic import with a computed path; chunks it loads are not followed`,
  );
  const sizes = new Map();
  const size = (rel) => {
    if (!sizes.has(rel)) sizes.set(rel, fileSize(root, rel));
    return sizes.get(rel);
  };
  const plain = new Set(graph.plain);
  const fill = new Set(graph.fill);
  const all = listJs(root, distDir)
    .filter((f) => !f.startsWith(`${distDir}/npm/`))
    .sort((a, b) => (a === entry ? -1 : b === entry ? 1 : a.localeCompare(b)));
  const rows = all.map((rel) => {
    const where = [plain.has(rel) && 'plain form', fill.has(rel) && 'fill+validate'].filter(Boolean);
    const word = graph.excluded.get(rel);
    const status = where.length ? where.join(', ') : word ? `excluded (${word})` : 'not reached';
    const fileBudget = budget[rel];
    const row = { file: rel, ...size(rel), status, budget: fileBudget ?? null, ok: true };
    if (fileBudget) row.ok = withinBudget(row, fileBudget, rel, failures);
    return row;
  });
  for (const [key, fileBudget] of Object.entries(budget)) {
    if (key.includes('/') && !all.includes(key)) {
      if (existsSync(join(root, key))) {
        const row = { file: key, ...size(key), status: 'budgeted file', budget: fileBudget, ok: true };
        row.ok = withinBudget(row, fileBudget, key, failures);
        rows.push(row);
      } else failures.push(`${key} has a budget but does not exist`);
    }
  }
  const total = (files) =>
    files.reduce((sum, f) => ({ raw: sum.raw + size(f).raw, gzip: sum.gzip + size(f).gzip }), { raw: 0, gzip: 0 });
  const groups = [];
  const groupDefs = [
    ['plainForm', 'plain form: entry + static imports', graph.plain],
    ['fillAndValidate', `fill and validate: + dynamic imports, without ${exclude.join('/')}`, graph.fill],
  ];
  for (const [key, label, files] of groupDefs) {
    const group = { key, label, files, ...total(files), budget: budget[key] ?? null, ok: true };
    if (group.budget) group.ok = withinBudget(group, group.budget, key, failures);
    groups.push(group);
  }
  return { rows, groups, failures, warnings };
}

function withinBudget(measured, limit, name, failures) {
  let ok = true;
  for (const kind of ['raw', 'gzip']) {
    if (typeof limit[kind] === 'number' && measured[kind] > limit[kind]) {
      ok = false;
      failures.push(
        `${name}: ${fmt(measured[kind])} B ${kind} > budget ${fmt(limit[kind])} B ` +
          `(over by ${fmt(measured[kind] - limit[kind])} B)`,
      );
    }
  }
  return ok;
}

const fmt = (n) => n.toLocaleString('en-US');
const fmtBudget = (b) =>
  b
    ? ['raw', 'gzip']
        .filter((k) => typeof b[k] === 'number')
        .map((k) => `${fmt(b[k])} ${k}`)
        .join(', ')
    : '—';

export function formatTable({ rows, groups }) {
  const lines = ['| file | raw (B) | gzip -9 (B) | counted in | budget | |', '| --- | ---: | ---: | --- | --- | --- |'];
  for (const r of rows) {
    lines.push(
      `| ${r.file} | ${fmt(r.raw)} | ${fmt(r.gzip)} | ${r.status} | ${fmtBudget(r.budget)} | ${r.budget ? (r.ok ? 'ok' : '**over**') : ''} |`,
    );
  }
  for (const g of groups) {
    lines.push(
      `| **${g.label}** (${g.files.length} files) | ${fmt(g.raw)} | ${fmt(g.gzip)} | | ${fmtBudget(g.budget)} | ${g.budget ? (g.ok ? 'ok' : '**over**') : ''} |`,
    );
  }
  return lines.join('\n');
}

function main(argv) {
  const at = argv.indexOf('--root');
  const root = resolve(at >= 0 ? argv[at + 1] : join(dirname(fileURLToPath(import.meta.url)), '..'));
  let budget;
  try {
    budget = loadBudget(root);
  } catch (error) {
    console.error(`size check: ${error.message}`);
    return 1;
  }
  const result = checkSizes(root, budget);
  if (result.rows.length) console.log(formatTable(result));
  for (const w of result.warnings) console.warn(`warning: ${w}`);
  if (result.failures.length) {
    console.error(`\nsize check FAILED:\n${result.failures.map((f) => `  - ${f}`).join('\n')}`);
    return 1;
  }
  console.log('\nsize check passed: every bundle is within its budget.');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
