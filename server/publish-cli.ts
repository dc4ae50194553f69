import { resolve } from 'node:path';
import { ConfigError, configFromEnv, invocationDir, resolveConfig, type ServerConfig } from './config.js';
import { openDb } from './db.js';
import { PublishedForms } from './gateway/published-forms.js';
import { publishFile, PublishRefused } from './publish.js';

/**
 * ozg-form-publish [--data-dir DIR] [--lang de|en] definition.json [more.json …]
 * Writes into the gateway's store (the SQLite file in DATA_DIR) on the machine the gateway runs on;
 * the running gateway serves the new version with its next request. A relative data folder is
 * resolved as the server does (invocationDir: where `npm` was invoked) and printed absolute. Exit 0:
 * all published (or unchanged), or --help; 1: a definition was refused (the checker's messages on
 * stderr); 2: usage or I/O error.
 */
export function main(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  let lang: 'de' | 'en' = /^de/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'de' : 'en';
  let dataDir: string | undefined;
  let help = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') lang = argv[++i] === 'de' ? 'de' : 'en';
    else if (a === '--data-dir') dataDir = argv[++i];
    else if (a.startsWith('--data-dir=')) dataDir = a.slice(11);
    else if (a === '--help' || a === '-h') help = true;
    else files.push(a);
  }
  const t = (de: string, en: string) => (lang === 'de' ? de : en);
  if (help || !files.length) {
    // Asked for: on stdout, exit 0, nothing published. Missing definitions: a usage error.
    (help ? console.log : console.error)(
      t(
        'Aufruf: ozg-form-publish [--data-dir ORDNER] [--lang de|en] definition.json [weitere.json …]\nPrüft jede Definition (wie ozg-form-check) und veröffentlicht sie am Gateway (DATA_DIR oder --data-dir; ein relativer Ordner gilt ab dem Ordner, in dem npm aufgerufen wurde).',
        'Usage: ozg-form-publish [--data-dir DIR] [--lang de|en] definition.json [more.json …]\nChecks each definition (like ozg-form-check) and publishes it at the gateway (DATA_DIR or --data-dir; a relative folder counts from the folder npm was invoked in).',
      ),
    );
    return help ? 0 : 2;
  }
  const base = invocationDir(env);
  let config: ServerConfig;
  try {
    config = resolveConfig({ ...configFromEnv(env), ...(dataDir ? { dataDir: resolve(base, dataDir) } : {}) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`ozg-form-publish: ${error.message}`);
    return 2;
  }
  console.log(`${t('Datenordner des Gateways', "Gateway's data folder")}: ${config.dataDir}`);
  const db = openDb(config.dataDir);
  const forms = new PublishedForms(db);
  let code = 0;
  try {
    for (const file of files) {
      try {
        const { form, created, warnings } = publishFile(forms, resolve(base, file));
        for (const w of warnings)
          console.error(`${file}: ${t('Warnung', 'warning')} ${w.pointer || '/'}: ${w.message[lang]}`);
        console.log(
          `${file}: ${created ? t('veröffentlicht', 'published') : t('unverändert', 'unchanged')} ` +
            `${form.formId} ${t('Version', 'version')} ${form.version} sha256 ${form.hash}\n` +
            `  /gateway/v1/forms/${form.name}  /gateway/v1/forms/${form.name}/${form.version}  ` +
            `/gateway/v1/forms/${form.name}/${form.version}/schema.json`,
        );
      } catch (error) {
        if (error instanceof PublishRefused) {
          console.error(error.text(lang));
          code = Math.max(code, 1);
        } else {
          console.error(`${file}: ${(error as Error).message}`);
          code = 2;
        }
      }
    }
  } finally {
    db.close();
  }
  return code;
}
