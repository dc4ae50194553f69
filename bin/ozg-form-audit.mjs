#!/usr/bin/env node
// ozg-form-audit: accessibility audit (axe-core, WCAG 2.1 A/AA) of an ozg-form embedded in a page.
//   ozg-form-audit [--format text|json|statement|statement-html] [--output <format>=<file>]... [--progress]
//                  [--lang de|en] <url>
// Walks the form through every step with a valid answer set derived from its definition and with an
// invalid one (each step's error state), at 1280 and 320 CSS px, up to the review page.
// Exit code 0: nothing found; 1: violations, failing host checks ("Hinweise zur Einbettung") or
// questions without a label; 2: usage error, or the page or the form could not be loaded.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { localeLang, parseArgs, translator, usage, UsageError } from './audit-args.mjs';
import { FORM, TIMEOUT, labels, pressNext, runAxe, setAnswers, shown, waitForForm } from './audit-walk.mjs';
import { CHROMIUM_ARGS } from './chromium-args.mjs';

const require = createRequire(import.meta.url);
let lang = localeLang();
let t = translator(lang);
/** What is being audited, on stderr: by default only on a terminal (there as one line, rewritten). */
let progress = Boolean(process.stderr.isTTY);
const widths = [1280, 320];

/** Clears the progress line of a terminal, before anything else is written to stderr. */
function clearProgress() {
  if (progress && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

function fail(message, code = 2) {
  clearProgress();
  console.error(`ozg-form-audit: ${message}`);
  process.exit(code);
}

let options;
try {
  options = parseArgs(process.argv.slice(2), { lang, progress });
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  fail(error.message);
}
if (options.help) {
  console.log(usage(options.lang));
  process.exit(0);
}
const { format, outputs, url } = options;
({ lang, progress } = options);
t = translator(lang);

const auditModule = new URL('../dist/npm/audit.js', import.meta.url);
const pageModule = new URL('../dist/npm/audit-page.js', import.meta.url);
if (!existsSync(auditModule) || !existsSync(pageModule)) {
  fail(
    t(
      `${fileURLToPath(auditModule)} fehlt. Bitte zuerst "npm run build" ausführen.`,
      `${fileURLToPath(auditModule)} is missing. Run "npm run build" first.`,
    ),
  );
}
const checkModule = new URL('../dist/npm/check.js', import.meta.url);
const audit = await import(auditModule.href);
const { readHostSnapshot } = await import(pageModule.href);
// The definition checker's label check (as ozg-form-check); it needs ajv, present where ozg-form is.
const checker = await import(checkModule.href).catch(() => undefined);

let chromium;
let axeSource;
let axeGerman;
try {
  ({ chromium } = await import('playwright'));
  axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  axeGerman = JSON.parse(readFileSync(require.resolve('axe-core/locales/de.json'), 'utf8'));
} catch (error) {
  fail(
    t(
      `playwright und axe-core werden gebraucht (npm install --save-dev playwright axe-core): ${error.message}`,
      `playwright and axe-core are needed (npm install --save-dev playwright axe-core): ${error.message}`,
    ),
  );
}

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const launchOptions = {
  executablePath: existsSync(executablePath) ? executablePath : undefined,
  args: CHROMIUM_ARGS,
};

let audited = 0;
/** Says what is audited now: on a terminal one line, rewritten; else a line each (`--progress`). */
function showProgress(label, width) {
  if (!progress) return;
  audited++;
  const line = t(
    `[${audited}] Prüfe ${label.de} (${width} px breit) …`,
    `[${audited}] Auditing ${label.en} (${width} px wide) …`,
  );
  // On a terminal cut to its width: a line that wraps could not be rewritten.
  const columns = (process.stderr.columns || 80) - 1;
  process.stderr.write(
    process.stderr.isTTY
      ? `\r\x1b[K${line.length > columns ? `${line.slice(0, columns - 1)}…` : line}`
      : `ozg-form-audit: ${line}\n`,
  );
}

/** Audits what the page shows at every width; returns the states. */
async function auditHere(page, key, label, report) {
  for (const width of widths) {
    showProgress(label, width);
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const results = await runAxe(page, axeSource, [...audit.AUDIT_TAGS]);
    report.axeVersion = results.testEngine?.version ?? report.axeVersion;
    const suffix = width === widths[0] ? '' : `@${width}`;
    report.states.push(
      audit.stateFromAxe(results, key + suffix, label, axeGerman, width === widths[0] ? undefined : width),
    );
  }
  await page.setViewportSize({ width: widths[0], height: 900 });
}

const browser = await chromium
  .launch(launchOptions)
  .catch((error) =>
    fail(
      /sandbox/i.test(error.message)
        ? t(
            `Chromium startet ohne seine Sandbox nicht (in einem Container ohne User-Namespaces setzen Sie OZG_CHROMIUM_NO_SANDBOX=1): ${error.message}`,
            `Chromium cannot start its sandbox (in a container without user namespaces set OZG_CHROMIUM_NO_SANDBOX=1): ${error.message}`,
          )
        : `Chromium: ${error.message}`,
    ),
  );
const report = {
  date: new Date().toISOString(),
  url,
  form: { de: '', en: '' },
  axeVersion: '',
  tool: 'ozg-form-audit',
  states: [],
  hostHints: [],
  definition: [],
};
const warnings = [];
try {
  const open = async () => {
    // A fresh context per walk: no draft of the previous walk is restored.
    const context = await browser.newContext({
      viewport: { width: widths[0], height: 900 },
      locale: lang === 'de' ? 'de-DE' : 'en-GB',
    });
    const page = await context.newPage();
    const response = await page.goto(url, { timeout: TIMEOUT }).catch((error) => fail(`${url}: ${error.message}`));
    if (response && !response.ok()) fail(`${url}: HTTP ${response.status()}`);
    if (!(await page.$(FORM))) fail(t(`Auf ${url} steht kein <ozg-form>.`, `No <ozg-form> on ${url}.`));
    await waitForForm(page).catch((error) =>
      fail(t(`Das Formular wurde nicht angezeigt: ${error.message}`, `The form was not shown: ${error.message}`)),
    );
    return { context, page };
  };

  // Walk 1: valid answers, every step and the review page.
  const first = await open();
  const definition = await first.page
    .$eval(FORM, async (form) => form.schema ?? (await (await fetch(form.src)).json()))
    .catch((error) =>
      fail(
        t(
          `Die Formulardefinition ist nicht lesbar: ${error.message}`,
          `The form definition cannot be read: ${error.message}`,
        ),
      ),
    );
  if (checker?.checkLabels) report.definition = audit.definitionFindings(checker.checkLabels(definition));
  else
    warnings.push(
      t(
        'Die Formulardefinition wurde nicht geprüft (dist/npm/check.js fehlt).',
        'The form definition was not checked (dist/npm/check.js is missing).',
      ),
    );
  const valid = audit.answerSet(definition, 'valid');
  const invalid = audit.answerSet(definition, 'invalid');
  const title = (await shown(first.page)).formTitle;
  report.form = { de: title, en: title };
  report.hostHints = audit.hostHints(
    await first.page.evaluate(
      `(${readHostSnapshot.toString()})(document.querySelector('ozg-form'), ${JSON.stringify(audit.THEME_DEFAULTS)})`,
    ),
  );
  await setAnswers(first.page, valid);
  for (let n = 1; n <= 30; n++) {
    const now = await shown(first.page);
    if (now.review) {
      await auditHere(first.page, 'review', labels.review(), report);
      break;
    }
    await auditHere(first.page, `step:${n}`, labels.step(n, now.title), report);
    const outcome = await pressNext(first.page);
    if (outcome !== 'step') {
      warnings.push(
        t(
          `Mit den abgeleiteten gültigen Angaben ging es nach Schritt ${n} („${now.title}“) nicht weiter (${outcome === 'error' ? 'Fehlermeldung' : 'keine Reaktion'}); die folgenden Schritte wurden nicht geprüft.`,
          `The derived valid answers did not get past step ${n} (“${now.title}”) (${outcome === 'error' ? 'error message' : 'no reaction'}); the following steps were not audited.`,
        ),
      );
      if (outcome === 'error') await auditHere(first.page, `error:${n}`, labels.error(n, now.title), report);
      break;
    }
  }
  await first.context.close();

  // Walk 2: invalid answers on every step (its error state), then valid ones to move on.
  const second = await open();
  for (let n = 1; n <= 30; n++) {
    const now = await shown(second.page);
    if (now.review) break;
    await setAnswers(second.page, invalid);
    if ((await pressNext(second.page)) === 'error')
      await auditHere(second.page, `error:${n}`, labels.error(n, now.title), report);
    else break;
    await setAnswers(second.page, valid);
    if ((await pressNext(second.page)) !== 'step') break;
  }
  await second.context.close();
} finally {
  await browser.close();
}

clearProgress();
for (const warning of warnings) console.error(`ozg-form-audit: ${warning}`);
const failed = audit.auditFailed(report);

/** The report in one of FORMATS. */
function formatted(kind) {
  if (kind === 'json')
    return `${JSON.stringify(
      {
        ...report,
        violations: audit.violationCount(report),
        passed: !failed,
        summary: audit.resultText(report, lang),
        warnings,
      },
      null,
      2,
    )}\n`;
  if (kind === 'statement') return audit.statementMarkdown(report, lang);
  if (kind === 'statement-html') return audit.statementHtml(report, lang);
  return `${audit.formatText(report, lang)}\n`;
}

process.stdout.write(formatted(format));
for (const [kind, file] of outputs) {
  try {
    writeFileSync(file, formatted(kind));
  } catch (error) {
    fail(t(`${file} konnte nicht geschrieben werden: ${error.message}`, `could not write ${file}: ${error.message}`));
  }
}
// Host-configuration failures and unlabelled questions count as much as axe's violations.
process.exit(failed ? 1 : 0);
