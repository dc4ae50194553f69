// The command line of ozg-form-audit: its options, checked before the browser starts (a mistake is
// named at once, not after a walk of several minutes), and its usage text in German and English.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The report's formats, for --format and --output. */
export const FORMATS = ['text', 'json', 'statement', 'statement-html'];

/** A mistake on the command line (exit code 2); the message is meant for the person who typed it. */
export class UsageError extends Error {}

/** The language of the messages until --lang says otherwise: the locale's. */
export function localeLang(env = process.env) {
  return /^de/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'de' : 'en';
}

/** `t(de, en)` for one language. */
export const translator = (lang) => (de, en) => (lang === 'de' ? de : en);

export function usage(lang) {
  return translator(lang)(
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

/**
 * Reads the arguments. Returns `{ help: true, lang }` for --help, else `{ lang, format, outputs, progress,
 * url }`; `outputs` lists more formats of the same run as [format, file]. `progress` starts as given
 * (on a terminal: true). Throws a UsageError in the language chosen so far.
 */
export function parseArgs(args, { lang = localeLang(), progress = false } = {}) {
  const t = (de, en) => translator(lang)(de, en);
  const fail = (message) => {
    throw new UsageError(message);
  };
  let format = 'text';
  let url;
  const outputs = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      return { help: true, lang };
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
      fail(`${t('unbekannte Option', 'unknown option')} ${arg}\n\n${usage(lang)}`);
    } else if (url) {
      fail(t('Bitte genau eine URL angeben.', 'Please give exactly one URL.'));
    } else {
      url = arg;
    }
  }
  if (!url) fail(usage(lang));
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) throw new Error();
  } catch {
    fail(`${t('keine gültige URL', 'not a valid URL')}: ${url}`);
  }
  return { lang, format, outputs, progress, url };
}
