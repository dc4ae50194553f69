import type { Lang } from '../../schemas/types.js';
import { translator, type Text } from '../i18n/ui-texts.js';

/**
 * Interface texts of file questions. They live here, not in i18n/ui-texts.ts, so a form without file
 * questions does not download them.
 */
const texts = {
  de: {
    choose: 'Dateien auswählen',
    drop: 'oder Dateien hierher ziehen',
    rules: 'Erlaubt: {types}. Höchstens {size} je Datei.',
    count: { by: 'max', one: 'Bis zu {max} Datei.', other: 'Bis zu {max} Dateien.' },
    countRange: '{min} bis {max} Dateien.',
    chosen: 'Ausgewählte Dateien',
    none: 'Noch keine Datei ausgewählt.',
    remove: 'Entfernen',
    removeNamed: '{name} entfernen',
    added: 'Hinzugefügt: {names}.',
    removed: '{name} wurde entfernt.',
    checking: 'Dateien werden geprüft …',
    refusedType: 'Die Datei {name} ist keine {types}-Datei. Bitte wählen Sie eine Datei in einem dieser Formate.',
    refusedEmpty: 'Die Datei {name} ist leer (0 Byte). Bitte wählen Sie eine Datei mit Inhalt.',
    refusedSize:
      'Die Datei {name} ist {size} groß; erlaubt sind höchstens {max} je Datei. Bitte verkleinern Sie sie, zum Beispiel als PDF mit geringerer Auflösung.',
    refusedCount: {
      by: 'max',
      one: 'Die Datei {name} wurde nicht hinzugefügt: Sie können höchstens {max} Datei anhängen.',
      other: 'Die Datei {name} wurde nicht hinzugefügt: Sie können höchstens {max} Dateien anhängen.',
    },
    refusedTotal:
      'Die Datei {name} wurde nicht hinzugefügt: alle Dateien des Antrags zusammen dürfen höchstens {max} groß sein.',
    refusedTwice: 'Die Datei {name} ist bereits ausgewählt.',
    refusedUnreadable: 'Die Datei {name} konnte nicht gelesen werden. Bitte wählen Sie sie erneut aus.',
    refusedStorage:
      'Die Datei {name} konnte in diesem Browser nicht gespeichert werden; sie bleibt nur bis zum Neuladen der Seite erhalten.',
    missing: 'Die Datei {name} ist in diesem Browser nicht mehr vorhanden. Bitte wählen Sie sie erneut aus.',
    or: 'oder',
    uploading: 'Nachweise werden verschlüsselt und übertragen',
    uploadFile: '{name}: {percent} %',
    uploadTotal: 'Insgesamt: {percent} % ({done} von {total})',
    encrypting: 'wird verschlüsselt',
    uploaded: 'übertragen',
    waiting: 'wartet',
  },
  en: {
    choose: 'Choose files',
    drop: 'or drag files here',
    rules: 'Allowed: {types}. At most {size} per file.',
    count: { by: 'max', one: 'Up to {max} file.', other: 'Up to {max} files.' },
    countRange: '{min} to {max} files.',
    chosen: 'Chosen files',
    none: 'No file chosen yet.',
    remove: 'Remove',
    removeNamed: 'Remove {name}',
    added: 'Added: {names}.',
    removed: '{name} was removed.',
    checking: 'Checking files …',
    refusedType: 'The file {name} is not a {types} file. Choose a file in one of these formats.',
    refusedEmpty: 'The file {name} is empty (0 bytes). Please choose a file with content.',
    refusedSize:
      'The file {name} is {size}; at most {max} per file is allowed. Make it smaller, for example as a PDF with a lower resolution.',
    refusedCount: {
      by: 'max',
      one: 'The file {name} was not added: you can attach at most {max} file.',
      other: 'The file {name} was not added: you can attach at most {max} files.',
    },
    refusedTotal: 'The file {name} was not added: all files of the application together may be at most {max}.',
    refusedTwice: 'The file {name} is already chosen.',
    refusedUnreadable: 'The file {name} could not be read. Please choose it again.',
    refusedStorage: 'The file {name} could not be stored in this browser; it is kept only until the page is reloaded.',
    missing: 'The file {name} is no longer stored in this browser. Please choose it again.',
    or: 'or',
    uploading: 'Evidence is being encrypted and sent',
    uploadFile: '{name}: {percent} %',
    uploadTotal: 'Overall: {percent} % ({done} of {total})',
    encrypting: 'encrypting',
    uploaded: 'sent',
    waiting: 'waiting',
  },
} satisfies Record<Lang, Record<string, Text>>;

export type UploadTextKey = keyof (typeof texts)['de'];

/** A text of file questions in the person's language. */
export const ut = translator(texts);

const UNITS = { de: ['Byte', 'KB', 'MB', 'GB'], en: ['bytes', 'KB', 'MB', 'GB'] };

/** 1536 -> "1,5 KB" (de) / "1.5 KB" (en); binary units as file managers show them. When `other` is
 * given and both would read the same ("10 MB" vs "10 MB" for a file one byte too large), exact bytes. */
export function formatSize(lang: Lang, bytes: number, other?: number): string {
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const round = (n: number) => {
    let unit = 0;
    while (n >= 1024 && unit < UNITS[lang].length - 1) {
      n /= 1024;
      unit++;
    }
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(n)} ${UNITS[lang][unit]}`;
  };
  const rounded = round(bytes);
  if (other !== undefined && other !== bytes && round(other) === rounded) {
    return `${new Intl.NumberFormat(locale).format(bytes)} ${lang === 'de' ? 'Byte' : 'bytes'}`;
  }
  return rounded;
}

/** ["PDF", "JPEG", "PNG"] -> "PDF-, JPEG- oder PNG" (followed by "-Datei") / "PDF, JPEG or PNG". */
export function typeList(lang: Lang, labels: string[], joinWord = lang === 'de' ? 'oder' : 'or'): string {
  if (labels.length <= 1) return labels.join('');
  const head = labels.slice(0, -1);
  const last = labels[labels.length - 1];
  return lang === 'de' ? `${head.join('-, ')}- ${joinWord} ${last}` : `${head.join(', ')} ${joinWord} ${last}`;
}
