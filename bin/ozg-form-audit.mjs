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
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from './chromium-args.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
let lang = /^de/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? 'de' : 'en';
let format = 'text';
/** More formats of the same run, each written to a file: [format, file]. */
const outputs = [];
/** What is being audited, on stderr: by default only on a terminal (there as one line, rewritten). */
let progress = Boolean(process.stderr.isTTY);
const widths = [1280, 320];
let url;
const t = (de, en) => (lang === 'de' ? de : en);
const FORMATS = ['text', 'json', 'statement', 'statement-html'];

function usage() {
  return t(
    `Aufruf: ozg-form-audit [--format text|json|statement|statement-html] [--output <Format>=<Datei>]… [--progress]
                      [--lang de|en] <URL einer Seite mit <ozg-form>>
Prüft das eingebettete Formular mit axe-core gegen WCAG 2.1 A und AA: jeden Schritt mit gültigen und mit
ungültigen Angaben (Fehlerzustand), die Prüfseite, jeweils 1280 und 320 px breit. Die Angaben werden aus
der Formulardefinition abgeleitet (erste Auswahlmöglichkeit, gültige Beispiele der Formate).
  --format text            Bericht als Text (Voreinstellung)
  --format json            Bericht als JSON
  --format statement       technischer Teil der Erklärung zur Barrierefreiheit (Markdown)
  --format statement-html  dasselbe als HTML-Dokument
  --output <Format>=<Datei>
                           denselben Bericht zusätzlich in diesem Format in die Datei schreiben
                           (mehrmals möglich), z. B. --output json=bericht.json --output statement=erklaerung.md
  --progress               auf stderr zeigen, was gerade geprüft wird, auch ohne Terminal (z. B. im CI-Log)
Browser: Chromium unter $CHROME_PATH, sonst /usr/bin/chromium.
Außerdem: Farben und Überschriften der Seite um das Formular (Hinweise zur Einbettung) und Fragen ohne
Beschriftung in der Formulardefinition (wie ozg-form-check).
Exit-Code 0: nichts gefunden; 1: Verstöße, Hinweise zur Einbettung (z. B. zu wenig Kontrast des
Fokusrahmens, Überschriftenfolge) oder Fragen ohne Beschriftung; 2: Aufruf falsch oder Seite/Formular
nicht ladbar.`,
    `Usage: ozg-form-audit [--format text|json|statement|statement-html] [--output <format>=<file>]… [--progress]
                      [--lang de|en] <url of a page with <ozg-form>>
Audits the embedded form with axe-core against WCAG 2.1 A and AA: every step with valid and with invalid
answers (error state), the review page, each at 1280 and 320 px. The answers are derived from the form's
definition (first option, the formats' valid examples).
  --format text            report as text (default)
  --format json            report as JSON
  --format statement       technical part of the accessibility statement (Markdown)
  --format statement-html  the same as an HTML document
  --output <format>=<file>
                           also write the same report in that format to the file (repeatable),
                           e.g. --output json=report.json --output statement=statement.md
  --progress               show on stderr what is being audited, also without a terminal (e.g. in a CI log)
Browser: Chromium at $CHROME_PATH, else /usr/bin/chromium.
Also: the page's colours and headings around the form (notes on the embedding) and questions without
a label in the form definition (as ozg-form-check).
Exit code 0: nothing found; 1: violations, notes on the embedding (e.g. too little contrast of the
focus ring, heading outline) or questions without a label; 2: usage error or page/form could not be
loaded.`,
  );
}

/** Clears the progress line of a terminal, before anything else is written to stderr. */
function clearProgress() {
  if (progress && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

function fail(message, code = 2) {
  clearProgress();
  console.error(`ozg-form-audit: ${message}`);
  process.exit(code);
}

for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--help' || arg === '-h') {
    console.log(usage());
    process.exit(0);
  } else if (arg === '--lang' || arg.startsWith('--lang=')) {
    const value = arg.includes('=') ? arg.slice(7) : args[++i];
    if (value !== 'de' && value !== 'en') fail(t('--lang erwartet de oder en.', '--lang expects de or en.'));
    lang = value;
  } else if (arg === '--format' || arg.startsWith('--format=')) {
    format = arg.includes('=') ? arg.slice(9) : args[++i];
    if (!FORMATS.includes(format))
      fail(t(`--format erwartet ${FORMATS.join(', ')}.`, `--format expects ${FORMATS.join(', ')}.`));
  } else if (arg === '--progress') {
    progress = true;
  } else if (arg === '--output' || arg.startsWith('--output=')) {
    const value = arg.startsWith('--output=') ? arg.slice(9) : args[++i];
    const at = value?.indexOf('=') ?? -1;
    const [kind, file] = at > 0 ? [value.slice(0, at), value.slice(at + 1)] : [value, ''];
    if (!FORMATS.includes(kind) || !file)
      fail(
        t(
          `--output erwartet <Format>=<Datei> mit einem Format aus ${FORMATS.join(', ')}, z. B. json=bericht.json.`,
          `--output expects <format>=<file> with a format of ${FORMATS.join(', ')}, e.g. json=report.json.`,
        ),
      );
    // Checked now, not after a walk of several minutes.
    if (!existsSync(dirname(resolve(file))))
      fail(t(`Der Ordner von ${file} existiert nicht.`, `The folder of ${file} does not exist.`));
    outputs.push([kind, file]);
  } else if (arg.startsWith('-')) {
    fail(`${t('unbekannte Option', 'unknown option')} ${arg}\n\n${usage()}`);
  } else if (url) {
    fail(t('Bitte genau eine URL angeben.', 'Please give exactly one URL.'));
  } else {
    url = arg;
  }
}
if (!url) fail(usage());
try {
  const parsed = new URL(url);
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) throw new Error();
} catch {
  fail(`${t('keine gültige URL', 'not a valid URL')}: ${url}`);
}

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

const FORM = 'ozg-form';
const TIMEOUT = 30_000;

/** Waits until the form shows a step, or reports why it cannot. */
async function waitForForm(page) {
  const state = await page
    .waitForFunction(
      () => {
        const form = document.querySelector('ozg-form');
        if (!form) return null;
        const root = form.shadowRoot;
        if (root?.querySelector('[part~="button-primary"]')) return 'ready';
        if (root?.querySelector('[part~="load-error"]')) return `error:${root.textContent.trim().slice(0, 300)}`;
        return null;
      },
      undefined,
      { timeout: TIMEOUT },
    )
    .then((h) => h.jsonValue());
  if (String(state).startsWith('error:')) throw new Error(String(state).slice(6));
}

async function shown(page) {
  return page.evaluate(() => {
    const root = document.querySelector('ozg-form').shadowRoot;
    return {
      review: !!root.querySelector('[part~="review"]'),
      error: !!root.querySelector('[part~="error-summary"]'),
      title: root.querySelector('.step-title')?.textContent?.trim() ?? '',
      formTitle: root.querySelector('[part~="title"]')?.textContent?.trim() ?? '',
    };
  });
}

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) await page.evaluate(axeSource);
  return page.evaluate(
    async (tags) => {
      const result = await window.axe.run(document.querySelector('ozg-form'), {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      });
      return {
        testEngine: result.testEngine,
        violations: result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          tags: v.tags,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
        })),
        passes: result.passes.map(() => 0),
        incomplete: result.incomplete.map((v) => ({ id: v.id })),
      };
    },
    [...audit.AUDIT_TAGS],
  );
}

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
    const results = await runAxe(page);
    report.axeVersion = results.testEngine?.version ?? report.axeVersion;
    const suffix = width === widths[0] ? '' : `@${width}`;
    report.states.push(
      audit.stateFromAxe(results, key + suffix, label, axeGerman, width === widths[0] ? undefined : width),
    );
  }
  await page.setViewportSize({ width: widths[0], height: 900 });
}

async function setAnswers(page, data) {
  await page.$eval(
    FORM,
    async (form, d) => {
      form.data = d;
      await form.updateComplete;
    },
    data,
  );
}

/** Presses the primary button; resolves with 'step' (another step shows), 'error' or 'stuck'. */
async function pressNext(page) {
  const before = await shown(page);
  await page.locator(`${FORM} [part~="button-primary"]`).first().click();
  try {
    await page.waitForFunction(
      (title) => {
        const root = document.querySelector('ozg-form').shadowRoot;
        return (
          !!root.querySelector('[part~="error-summary"]') ||
          (root.querySelector('.step-title')?.textContent?.trim() ?? '') !== title
        );
      },
      before.title,
      { timeout: 15_000 },
    );
  } catch {
    return 'stuck';
  }
  return (await shown(page)).error ? 'error' : 'step';
}

const labels = {
  step: (n, title) => ({ de: `Schritt ${n}: ${title}`, en: `Step ${n}: ${title}` }),
  error: (n, title) => ({
    de: `Fehlerzustand (ungültige Angaben), Schritt ${n}: ${title}`,
    en: `Error state (invalid answers), step ${n}: ${title}`,
  }),
  review: () => ({ de: 'Prüfseite (gültige Angaben)', en: 'Review page (valid answers)' }),
};

const browser = await chromium.launch(launchOptions).catch((error) => fail(`Chromium: ${error.message}`));
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
