/**
 * Findings whose cause is the host page's configuration rather than the form: colours set through
 * `--ozg-*` custom properties that do not reach the contrast WCAG asks for, and headings around the
 * form that make its title skip or fall out of the page's outline. Pure: the caller reads the page.
 */
import { contrastRatio, formatRatio, toHex, type Rgb } from './contrast.js';
import type { AuditLang } from './wcag.js';

export type Texts = Record<AuditLang, string>;

/** The defaults of ozg-form's theme (see the JSDoc of <ozg-form>). */
export const THEME_DEFAULTS: Record<string, string> = {
  '--ozg-color-primary': '#0b4f8a',
  '--ozg-color-primary-contrast': '#ffffff',
  '--ozg-color-text': '#1b1b1b',
  '--ozg-color-muted': '#4a4a4a',
  '--ozg-color-border': '#6f6f6f',
  '--ozg-color-error': '#b3001b',
  '--ozg-color-focus': '#0f5fc2',
  '--ozg-color-surface': '#f3f5f8',
};

export interface ThemeColor {
  /** Resolved colour; undefined when the value is not a colour the browser understood. */
  rgb?: Rgb;
  /** The value as the host wrote it (empty when the default applies). */
  value: string;
}

export interface HostSnapshot {
  /** Every --ozg-color-* property, resolved on the form element. */
  colors: Record<string, ThemeColor>;
  /** The opaque background behind the form (the nearest ancestor's, else white). */
  background: Rgb;
  /** Level of the last heading of the page before the form (undefined when there is none). */
  headingBefore?: number;
  /** Level of the form's own title. */
  formHeading: number;
  /** Whether the page has an <h1> anywhere. */
  pageHasH1: boolean;
}

export interface HostHint {
  kind: 'contrast' | 'heading';
  /** The WCAG criterion it concerns ("1.4.3"). */
  criterion: string;
  /** The custom property to change (contrast). */
  property?: string;
  ratio?: number;
  required?: number;
  problem: Texts;
  fix: Texts;
}

/** Which colour is drawn on which, what it is used for, and the ratio it needs. */
const PAIRS: Array<{ fg: string; bg: string | 'page'; required: number; criterion: string; use: Texts }> = [
  {
    fg: '--ozg-color-primary-contrast',
    bg: '--ozg-color-primary',
    required: 4.5,
    criterion: '1.4.3',
    use: { de: 'Schrift auf Schaltflächen', en: 'text on buttons' },
  },
  {
    fg: '--ozg-color-primary',
    bg: 'page',
    required: 4.5,
    criterion: '1.4.3',
    use: { de: 'Links und Schaltflächen „Zurück“', en: 'links and “Back” buttons' },
  },
  { fg: '--ozg-color-text', bg: 'page', required: 4.5, criterion: '1.4.3', use: { de: 'Text', en: 'text' } },
  { fg: '--ozg-color-muted', bg: 'page', required: 4.5, criterion: '1.4.3', use: { de: 'Hinweistexte', en: 'hints' } },
  {
    fg: '--ozg-color-error',
    bg: 'page',
    required: 4.5,
    criterion: '1.4.3',
    use: { de: 'Fehlermeldungen', en: 'error messages' },
  },
  {
    fg: '--ozg-color-text',
    bg: '--ozg-color-surface',
    required: 4.5,
    criterion: '1.4.3',
    use: { de: 'Text in Kästen', en: 'text in panels' },
  },
  {
    fg: '--ozg-color-border',
    bg: 'page',
    required: 3,
    criterion: '1.4.11',
    use: { de: 'Rahmen der Eingabefelder', en: 'borders of input fields' },
  },
  {
    fg: '--ozg-color-focus',
    bg: 'page',
    required: 3,
    criterion: '1.4.11',
    use: { de: 'Fokusrahmen', en: 'focus ring' },
  },
];

function colorOf(snapshot: HostSnapshot, name: string): { rgb: Rgb; label: string } | undefined {
  const c = snapshot.colors[name];
  if (c?.rgb) return { rgb: c.rgb, label: `${name} (${c.value || toHex(c.rgb)})` };
  return undefined;
}

/** The contrast problems of the theme as the host page configured it. */
export function contrastHints(snapshot: HostSnapshot): HostHint[] {
  const hints: HostHint[] = [];
  const pageBg = { rgb: snapshot.background, label: toHex(snapshot.background) };
  for (const pair of PAIRS) {
    const fg = colorOf(snapshot, pair.fg);
    const bg = pair.bg === 'page' ? pageBg : colorOf(snapshot, pair.bg);
    if (!fg || !bg) continue;
    const ratio = contrastRatio(fg.rgb, bg.rgb);
    if (ratio >= pair.required) continue;
    const onPage = pair.bg === 'page';
    hints.push({
      kind: 'contrast',
      criterion: pair.criterion,
      property: pair.fg,
      ratio,
      required: pair.required,
      problem: {
        de: `${fg.label} auf ${onPage ? `dem Seitenhintergrund ${bg.label}` : bg.label} (${pair.use.de}) hat nur ${formatRatio(ratio, 'de')} Kontrast; nötig sind ${formatRatio(pair.required, 'de')}.`,
        en: `${fg.label} on ${onPage ? `the page background ${bg.label}` : bg.label} (${pair.use.en}) has a contrast of only ${formatRatio(ratio, 'en')}; ${formatRatio(pair.required, 'en')} is needed.`,
      },
      fix: {
        de: `Ursache ist die Einbettung: Wählen Sie für ${onPage ? pair.fg : `${pair.fg} oder ${pair.bg}`} eine Farbe mit mindestens ${formatRatio(pair.required, 'de')} Kontrast (im CSS der Seite, z. B. ozg-form { ${pair.fg}: … }), oder entfernen Sie die Angabe, dann gilt die geprüfte Voreinstellung.`,
        en: `The cause is the embedding: choose a colour for ${onPage ? pair.fg : `${pair.fg} or ${pair.bg}`} with a contrast of at least ${formatRatio(pair.required, 'en')} (in the page's CSS, e.g. ozg-form { ${pair.fg}: … }), or remove the setting to use the tested default.`,
      },
    });
  }
  return hints;
}

/** Problems of the form's title in the page's heading outline. */
export function headingHints(snapshot: HostSnapshot): HostHint[] {
  const level = snapshot.formHeading;
  const before = snapshot.headingBefore;
  if (before === undefined || !snapshot.pageHasH1) {
    return level > 1
      ? [
          {
            kind: 'heading',
            criterion: '1.3.1',
            problem: {
              de: `Vor dem Formular steht keine Überschrift der Ebene 1; die Formularüberschrift (Ebene ${level}) überspringt Ebenen.`,
              en: `No level-1 heading comes before the form; the form's title (level ${level}) skips levels.`,
            },
            fix: {
              de: 'Ursache ist die Seite: Geben Sie der Seite eine Hauptüberschrift (<h1>) vor dem Formular, etwa den Namen der Leistung.',
              en: 'The cause is the page: give the page a main heading (<h1>) before the form, such as the name of the service.',
            },
          },
        ]
      : [];
  }
  if (level > before + 1) {
    return [
      {
        kind: 'heading',
        criterion: '1.3.1',
        problem: {
          de: `Die Formularüberschrift (Ebene ${level}) folgt auf eine Überschrift der Ebene ${before} und überspringt Ebenen.`,
          en: `The form's title (level ${level}) follows a level-${before} heading and skips levels.`,
        },
        fix: {
          de: `Ursache ist die Seite: Setzen Sie das Formular unter eine Überschrift der Ebene ${level - 1}.`,
          en: `The cause is the page: place the form below a level-${level - 1} heading.`,
        },
      },
    ];
  }
  if (level <= before - 1) {
    return [
      {
        kind: 'heading',
        criterion: '1.3.1',
        problem: {
          de: `Das Formular steht unter einer Überschrift der Ebene ${before}, seine Überschrift hat aber Ebene ${level}: In der Gliederung der Seite erscheint es nicht als Teil dieses Abschnitts.`,
          en: `The form sits below a level-${before} heading but its title is level ${level}: in the page's outline it does not appear as part of that section.`,
        },
        fix: {
          de: `Ursache ist die Seite: Das Formular beginnt mit einer Überschrift der Ebene ${level}. Binden Sie es direkt unter ${level === 2 ? 'der Hauptüberschrift der Seite (Ebene 1)' : `einer Überschrift der Ebene ${level - 1}`} ein, nicht unter einer Überschrift der Ebene ${before}.`,
          en: `The cause is the page: the form starts with a level-${level} heading. Embed it directly below ${level === 2 ? "the page's main heading (level 1)" : `a level-${level - 1} heading`}, not below a level-${before} heading.`,
        },
      },
    ];
  }
  return [];
}

export function hostHints(snapshot: HostSnapshot): HostHint[] {
  return [...contrastHints(snapshot), ...headingHints(snapshot)];
}

/** The host hints that explain a violation of the axe rule `rule`. */
export function hintsForRule(rule: string, hints: HostHint[]): HostHint[] {
  if (rule === 'color-contrast') return hints.filter((h) => h.kind === 'contrast' && h.criterion === '1.4.3');
  if (rule === 'heading-order' || rule === 'page-has-heading-one') return hints.filter((h) => h.kind === 'heading');
  return [];
}
