#!/usr/bin/env node
// ozg-form-check: checks ozg-form definitions before they are published.
//   ozg-form-check [--lang de|en] file.json [more.json ...]
// Exit code 0: no problems; 1: a definition has problems; 2: a file could not be read or is not JSON, or the call is wrong.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
let lang = /^de/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? 'de' : 'en';
let format = 'text';
let gateway = true;
const files = [];
/** Problems with the call itself, said once the language is known: [de, en]. */
const usageErrors = [];
/** The value of `--name value` or `--name=value` at `args[i]` if it is one of `allowed` (else a usage
 * error that names the choices), and the index of the last argument it used. */
const choice = (i, name, allowed, [unknownDe, unknownEn]) => {
  const chosen = args[i].startsWith(`${name}=`) ? args[i].slice(name.length + 1) : args[i + 1];
  const ok = allowed.includes(chosen);
  if (!ok)
    usageErrors.push([
      `${unknownDe} „${chosen ?? ''}“ für ${name}; möglich sind: ${allowed.join(', ')}.`,
      `${unknownEn} "${chosen ?? ''}" for ${name}; possible are: ${allowed.join(', ')}.`,
    ]);
  return { value: ok ? chosen : undefined, last: args[i] === name ? i + 1 : i };
};
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--') {
    files.push(...args.slice(i + 1));
    break;
  } else if (arg === '--lang' || arg.startsWith('--lang=')) {
    const { value, last } = choice(i, '--lang', ['de', 'en'], ['Unbekannte Sprache', 'unknown language']);
    lang = value ?? lang;
    i = last;
  } else if (arg === '--format' || arg.startsWith('--format=')) {
    const { value, last } = choice(i, '--format', ['text', 'json'], ['Unbekanntes Format', 'unknown format']);
    format = value ?? format;
    i = last;
  } else if (arg === '--no-gateway') gateway = false;
  else if (arg === '--help' || arg === '-h') continue;
  else if (arg.startsWith('-') && arg !== '-') usageErrors.push([`Unbekannte Option ${arg}`, `unknown option ${arg}`]);
  else files.push(arg);
}
const t = (de, en) => (lang === 'de' ? de : en);
const help = t(
  `Aufruf: ozg-form-check [--lang de|en] [--format text|json] [--no-gateway] definition.json [weitere.json …]
Prüft ozg-form-Definitionen (JSON Schema mit x-ozg) und schätzt den OZG-Reifegrad.
  --lang de|en      Sprache der Meldungen (Standard: aus LANG); eine andere wird abgelehnt
  --format json     maschinenlesbar für CI: [{ file, ok, problems: [{ pointer, line, column, severity, message }], reifegrad }]
  --no-gateway      Reifegrad für eine Einbindung ohne gateway-Attribut (nichts wird gesendet)
Exit-Code 0: keine Fehler (Warnungen erlaubt); 1: mindestens ein Fehler; 2: Datei unlesbar oder kein JSON, oder unbekannte Option.`,
  `Usage: ozg-form-check [--lang de|en] [--format text|json] [--no-gateway] definition.json [more.json …]
Checks ozg-form definitions (JSON Schema with x-ozg) and estimates the OZG Reifegrad.
  --lang de|en      language of the messages (default: from LANG); any other is refused
  --format json     machine-readable for CI: [{ file, ok, problems: [{ pointer, line, column, severity, message }], reifegrad }]
  --no-gateway      Reifegrad for an embedding without the gateway attribute (nothing is sent)
Exit code 0: no errors (warnings allowed); 1: at least one error; 2: a file is unreadable or not JSON, or an unknown option.`,
);
if (args.includes('--help') || args.includes('-h')) {
  console.log(help);
  process.exit(0);
}
if (usageErrors.length || files.length === 0) {
  for (const [de, en] of usageErrors) console.error(`ozg-form-check: ${t(de, en)}`);
  console.error(help);
  process.exit(2);
}

const checkModule = new URL('../dist/npm/check.js', import.meta.url);
if (!existsSync(checkModule)) {
  console.error(
    t(
      `ozg-form-check: ${fileURLToPath(checkModule)} fehlt. Bitte zuerst "npm run build" ausführen.`,
      `ozg-form-check: ${fileURLToPath(checkModule)} is missing. Run "npm run build" first.`,
    ),
  );
  process.exit(2);
}
const { checkAll, estimateReifegrad, formatReifegrad, formatReport } = await import(checkModule.href);
const { findNodeAtLocation, parseTree } = await import('jsonc-parser');

/** Line and column (from 1, as editors count) of an offset in `text`. */
function lineColumn(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Where a problem's JSON Pointer is in the file, for the editor to jump to: the property's name when the
 * pointer names a property, the entry of a list, or (for a place the definition does not have, such as a
 * missing `title`) the nearest place above it that it has.
 */
/** `run()`, or undefined when it throws. */
function attempt(run) {
  try {
    return run();
  } catch {
    return undefined;
  }
}

function placeIn(text, tree, pointer) {
  if (!tree) return undefined;
  let found = tree;
  if (pointer) {
    const path = [];
    for (const raw of pointer.slice(1).split('/')) {
      const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const parent = findNodeAtLocation(tree, path);
      path.push(parent?.type === 'array' && /^\d+$/.test(token) ? Number(token) : token);
      const node = findNodeAtLocation(tree, path);
      if (!node) break;
      found = node;
    }
  }
  const named = found.parent?.type === 'property' ? found.parent.children[0] : found;
  return lineColumn(text, named.offset);
}

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
const report = [];
for (const file of files) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const message = t(
      `Datei kann nicht gelesen werden (${error.code ?? error.message}).`,
      `cannot read the file (${error.code ?? error.message}).`,
    );
    if (format === 'json') report.push({ file, ok: false, unreadable: message });
    else console.error(`${file}: ${message}`);
    exitCode = 2;
    continue;
  }
  text = text.replace(/^\uFEFF/, ''); // editors do not count the byte order mark as a column
  let definition;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    const at = whereInJson(text, error);
    const place = at ? t(`Zeile ${at.line}, Spalte ${at.column}`, `line ${at.line}, column ${at.column}`) : '';
    const message = `${t('kein gültiges JSON', 'not valid JSON')}${place ? ` (${place})` : ''}: ${error.message}`;
    if (format === 'json') report.push({ file, ok: false, unreadable: message, ...(at ?? {}) });
    else console.error(`${file}${at ? `:${at.line}:${at.column}` : ''}: ${message}`);
    exitCode = 2;
    continue;
  }
  const problems = checkAll(definition); // never throws: a definition it cannot read is one problem
  // Line and column, and the Reifegrad, are extras: a definition too deep for them still gets its problems.
  const tree = attempt(() => parseTree(text));
  const places = problems.map((p) => attempt(() => placeIn(text, tree, p.pointer)));
  const errors = problems.filter((p) => !p.severity);
  // a definition that is no JSON object is no form at all: its error, and no Reifegrad to estimate
  const isForm = definition !== null && typeof definition === 'object' && !Array.isArray(definition);
  const estimate = isForm ? attempt(() => estimateReifegrad(definition, { gateway })) : undefined;
  if (errors.length && exitCode === 0) exitCode = 1;
  if (format === 'json') {
    report.push({
      file,
      ok: errors.length === 0,
      problems: problems.map((p, i) => ({
        pointer: p.pointer,
        ...places[i],
        severity: p.severity ?? 'error',
        message: p.message[lang],
        messages: p.message,
      })),
      reifegrad: estimate
        ? {
            level: estimate.level,
            criteria: estimate.criteria.map((c) => ({
              id: c.id,
              met: c.met,
              reason: c.reason[lang],
              ...(c.todo ? { todo: c.todo[lang] } : {}),
            })),
            next: { level: estimate.next.level, missing: estimate.next.missing.map((m) => m[lang]) },
          }
        : null,
    });
    continue;
  }
  const warnings = problems.length - errors.length;
  if (problems.length === 0) console.log(t(`${file}: keine Probleme gefunden.`, `${file}: no problems found.`));
  else {
    console.log(
      t(
        `${file}: ${errors.length} ${errors.length === 1 ? 'Fehler' : 'Fehler'}, ${warnings} ${warnings === 1 ? 'Warnung' : 'Warnungen'}`,
        `${file}: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`,
      ),
    );
    // "line:column pointer: message", one problem after another (editors and CI logs link line:column)
    problems.forEach((p, i) => {
      const at = places[i] ? `${places[i].line}:${places[i].column}` : '';
      console.log(`  ${at.padEnd(7)} ${formatReport([p], lang)}`); // one line: formatReport escapes breaks
    });
  }
  if (estimate) console.log(formatReifegrad(estimate, lang).replace(/^/gm, '  '));
}
if (format === 'json') console.log(JSON.stringify(report, null, 2));
process.exitCode = exitCode; // lets stdout drain when piped
