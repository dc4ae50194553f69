#!/usr/bin/env node
// ozg-form-check: checks ozg-form definitions before they are published.
//   ozg-form-check [--lang de|en] file.json [more.json ...]
// Exit code 0: no problems; 1: a definition has problems; 2: a file could not be read or is not JSON.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
let lang = /^de/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? 'de' : 'en';
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--lang') lang = args[++i] === 'de' ? 'de' : 'en';
  else if (args[i].startsWith('--lang=')) lang = args[i].slice(7) === 'de' ? 'de' : 'en';
  else files.push(args[i]);
}
const t = (de, en) => (lang === 'de' ? de : en);

if (files.length === 0 || args.includes('--help') || args.includes('-h')) {
  console.error(t(
    'Aufruf: ozg-form-check [--lang de|en] definition.json [weitere.json …]\nPrüft ozg-form-Definitionen (JSON Schema mit x-ozg). Exit-Code 1 bei Problemen, 2 bei unlesbaren Dateien.',
    'Usage: ozg-form-check [--lang de|en] definition.json [more.json …]\nChecks ozg-form definitions (JSON Schema with x-ozg). Exit code 1 on problems, 2 on unreadable files.',
  ));
  process.exit(2);
}

const checkModule = new URL('../dist/npm/check.js', import.meta.url);
if (!existsSync(checkModule)) {
  console.error(t(
    `ozg-form-check: ${fileURLToPath(checkModule)} fehlt. Bitte zuerst "npm run build" ausführen.`,
    `ozg-form-check: ${fileURLToPath(checkModule)} is missing. Run "npm run build" first.`,
  ));
  process.exit(2);
}
const { checkDefinition, checkFees, formatProblems } = await import(checkModule.href);

/** "line 5, column 3" for a JSON.parse error, from the position in its message. */
function whereInJson(text, error) {
  const message = String(error.message);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : message.includes('end of JSON') ? text.length : undefined;
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

let exitCode = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    console.error(t(`${file}: Datei kann nicht gelesen werden (${error.code ?? error.message}).`, `${file}: cannot read the file (${error.code ?? error.message}).`));
    exitCode = 2;
    continue;
  }
  let definition;
  try {
    definition = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const at = whereInJson(text, error);
    const place = at ? t(`Zeile ${at.line}, Spalte ${at.column}`, `line ${at.line}, column ${at.column}`) : '';
    console.error(`${file}${at ? `:${at.line}:${at.column}` : ''}: ${t('kein gültiges JSON', 'not valid JSON')}${place ? ` (${place})` : ''}: ${error.message}`);
    exitCode = 2;
    continue;
  }
  const problems = checkDefinition(definition);
  if (definition && typeof definition === 'object' && !Array.isArray(definition) && problems.length === 0) problems.push(...checkFees(definition));
  if (problems.length === 0) {
    console.log(t(`${file}: keine Probleme gefunden.`, `${file}: no problems found.`));
    continue;
  }
  console.log(t(
    `${file}: ${problems.length} ${problems.length === 1 ? 'Problem' : 'Probleme'}`,
    `${file}: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`,
  ));
  console.log(formatProblems(problems, lang).replace(/^/gm, '  '));
  if (exitCode === 0) exitCode = 1;
}
process.exitCode = exitCode; // lets stdout drain when piped
