#!/usr/bin/env node
// ozg-form-import-fim: turns a FIM Stammdatenschema (XDatenfelder 2.0 or 3.0) into an ozg-form definition.
//   ozg-form-import-fim <schema.xml> [--codelists <folder>] [-o form.json] [--format text|json] [--lang de|en]
// Exit code 0: converted; 1: converted with warnings (see the report); 2: failed.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
let lang = /^de/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? 'de' : 'en';
let format = 'text';
let output;
const codelistDirs = [];
const files = [];
const usageDe = `Aufruf: ozg-form-import-fim <schema.xml> [--codelists <Ordner>] [-o formular.json] [--format text|json] [--lang de|en]
Wandelt ein FIM-Stammdatenschema (XDatenfelder 2.0 oder 3.0) in eine ozg-form-Definition um.
  --codelists <Ordner>  genericode-Codelisten (*.xml), gefunden über URN und Version
  -o, --output <Datei>  die Definition in diese Datei schreiben (sonst auf die Standardausgabe)
  --format json         den Bericht als JSON ausgeben
  --lang de|en          Sprache des Berichts (Standard: aus LANG)
Exit-Code 0: umgewandelt; 1: umgewandelt mit Warnungen; 2: fehlgeschlagen. Siehe docs/fim-import.md.`;
const usageEn = `Usage: ozg-form-import-fim <schema.xml> [--codelists <folder>] [-o form.json] [--format text|json] [--lang de|en]
Turns a FIM Stammdatenschema (XDatenfelder 2.0 or 3.0) into an ozg-form definition.
  --codelists <folder>  genericode code lists (*.xml), matched by URN and version
  -o, --output <file>   write the definition to this file (otherwise to standard output)
  --format json         print the report as JSON
  --lang de|en          language of the report (default: from LANG)
Exit code 0: converted; 1: converted with warnings; 2: failed. See docs/fim-import.md.`;
let bad;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const value = () => (i + 1 < args.length ? args[++i] : (bad = `${arg} ?`));
  if (arg === '--help' || arg === '-h') {
    const chosen = args.indexOf('--lang');
    if (chosen >= 0) lang = args[chosen + 1] === 'de' ? 'de' : 'en';
    console.log(lang === 'de' ? usageDe : usageEn);
    process.exit(0);
  } else if (arg === '--lang') {
    const chosen = value();
    if (chosen === 'de' || chosen === 'en') lang = chosen;
    else bad ??= `--lang ${chosen} (de, en)`;
  } else if (arg === '--codelists') codelistDirs.push(value());
  else if (arg === '-o' || arg === '--output') output = value();
  else if (arg === '--format') format = value();
  else if (arg.startsWith('-')) bad = arg;
  else files.push(arg);
}
const t = (de, en) => (lang === 'de' ? de : en);
if (bad || files.length !== 1 || !['text', 'json'].includes(format)) {
  if (bad) console.error(t(`Unbekannte oder unvollständige Option: ${bad}`, `Unknown or incomplete option: ${bad}`));
  console.error(lang === 'de' ? usageDe : usageEn);
  process.exit(2);
}
const [file] = files;
/** The importer's escaping of control characters in text from the input, once it is loaded. */
let escapeControls = (text) => text;
// Whatever fails from here on is a failure (exit 2), said in one line, also with --format json.
process.on('uncaughtException', unexpected);

const moduleUrl = new URL('../dist/npm/import-fim.js', import.meta.url);
if (!existsSync(moduleUrl)) {
  console.error(
    t(
      `ozg-form-import-fim: ${fileURLToPath(moduleUrl)} fehlt. Bitte zuerst "npm run build" ausführen.`,
      `ozg-form-import-fim: ${fileURLToPath(moduleUrl)} is missing. Run "npm run build" first.`,
    ),
  );
  process.exit(2);
}
const fim = await import(moduleUrl.href);
const { importFim, formatReport, warningsOf, FimImportError, decodeXml } = fim;
escapeControls = fim.escapeControls;

/** Prints a failure and ends with exit code 2. Names and paths come from the file: their control
 * characters are shown escaped, so that they cannot rewrite the terminal. */
function fail(path, message) {
  if (format === 'json') console.log(toJson({ ok: false, file, error: { path, message } }));
  else {
    const where = path ? `${escapeControls(path)}: ` : '';
    console.error(
      `${escapeControls(file)}: ${t('Umwandlung fehlgeschlagen', 'conversion failed')}\n  ${where}${escapeControls(message)}`,
    );
  }
  process.exit(2);
}

/** JSON with C1 control characters escaped as well (JSON.stringify escapes C0 only): the same value. */
function toJson(value) {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An error the importer did not foresee, in one line: exit code 1 would claim a definition was written. */
function unexpected(error) {
  const what = String(error?.message ?? error).split('\n')[0];
  fail('', t(`Unerwarteter Fehler: ${what}`, `unexpected error: ${what}`));
}

let xml;
try {
  xml = decodeXml(await readFile(file)); // UTF-8, or UTF-16 with a byte order mark
} catch (error) {
  fail(
    '',
    t(
      `Datei kann nicht gelesen werden (${error.code ?? error.message}).`,
      `cannot read the file (${error.code ?? error.message}).`,
    ),
  );
}
const codelists = [];
for (const dir of codelistDirs) {
  let names;
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.xml')).sort();
  } catch (error) {
    fail(
      '',
      t(
        `Codelisten-Ordner ${dir} kann nicht gelesen werden (${error.code ?? error.message}).`,
        `cannot read the code list folder ${dir} (${error.code ?? error.message}).`,
      ),
    );
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      codelists.push({ name: path, text: decodeXml(await readFile(path)) });
    } catch (error) {
      fail(
        '',
        t(
          `Codeliste ${path} kann nicht gelesen werden (${error.code ?? error.message}).`,
          `cannot read the code list ${path} (${error.code ?? error.message}).`,
        ),
      );
    }
  }
}

let result;
try {
  result = importFim(xml, codelists);
} catch (error) {
  if (error instanceof FimImportError) fail(error.path, error.texts[lang]);
  unexpected(error);
}
const json = `${toJson(result.definition)}\n`;
if (output) {
  try {
    await writeFile(output, json);
  } catch (error) {
    fail(
      '',
      t(
        `${output} kann nicht geschrieben werden (${error.code ?? error.message}).`,
        `cannot write ${output} (${error.code ?? error.message}).`,
      ),
    );
  }
} else {
  process.stdout.write(json);
}
const warnings = warningsOf(result.report).length;
// With -o the report is the command's output; without, the definition is, and the report goes to stderr.
const print = output ? console.log : console.error;
if (format === 'json') print(toJson({ ok: true, file, output: output ?? null, warnings, report: result.report }));
else print(formatReport(result.report, lang));
process.exitCode = warnings > 0 ? 1 : 0; // lets stdout drain when piped
