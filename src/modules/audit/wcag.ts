/**
 * WCAG 2.1 success criteria of levels A and AA (what BITV 2.0 via EN 301 549 requires), with their
 * names in the official German translation and in English, and the mapping from axe-core's tags.
 */
export type AuditLang = 'de' | 'en';

export interface Criterion {
  /** "1.4.3" */
  id: string;
  level: 'A' | 'AA';
  de: string;
  en: string;
}

const LIST: Array<[string, 'A' | 'AA', string, string]> = [
  ['1.1.1', 'A', 'Nicht-Text-Inhalt', 'Non-text Content'],
  ['1.2.1', 'A', 'Reine Audio- und reine Videoinhalte (aufgezeichnet)', 'Audio-only and Video-only (Prerecorded)'],
  ['1.2.2', 'A', 'Untertitel (aufgezeichnet)', 'Captions (Prerecorded)'],
  [
    '1.2.3',
    'A',
    'Audiodeskription oder Medienalternative (aufgezeichnet)',
    'Audio Description or Media Alternative (Prerecorded)',
  ],
  ['1.2.4', 'AA', 'Untertitel (live)', 'Captions (Live)'],
  ['1.2.5', 'AA', 'Audiodeskription (aufgezeichnet)', 'Audio Description (Prerecorded)'],
  ['1.3.1', 'A', 'Info und Beziehungen', 'Info and Relationships'],
  ['1.3.2', 'A', 'Bedeutungstragende Reihenfolge', 'Meaningful Sequence'],
  ['1.3.3', 'A', 'Sensorische Eigenschaften', 'Sensory Characteristics'],
  ['1.3.4', 'AA', 'Ausrichtung', 'Orientation'],
  ['1.3.5', 'AA', 'Bestimmung des Zwecks der Eingabe', 'Identify Input Purpose'],
  ['1.4.1', 'A', 'Benutzung von Farbe', 'Use of Color'],
  ['1.4.2', 'A', 'Audio-Steuerelement', 'Audio Control'],
  ['1.4.3', 'AA', 'Kontrast (Minimum)', 'Contrast (Minimum)'],
  ['1.4.4', 'AA', 'Textgröße ändern', 'Resize Text'],
  ['1.4.5', 'AA', 'Bilder von Text', 'Images of Text'],
  ['1.4.10', 'AA', 'Umfließen', 'Reflow'],
  ['1.4.11', 'AA', 'Nicht-Text-Kontrast', 'Non-text Contrast'],
  ['1.4.12', 'AA', 'Textabstand', 'Text Spacing'],
  ['1.4.13', 'AA', 'Eingeblendeter Inhalt bei Hover oder Fokus', 'Content on Hover or Focus'],
  ['2.1.1', 'A', 'Tastatur', 'Keyboard'],
  ['2.1.2', 'A', 'Keine Tastaturfalle', 'No Keyboard Trap'],
  ['2.1.4', 'A', 'Tastaturkurzbefehle', 'Character Key Shortcuts'],
  ['2.2.1', 'A', 'Zeiteinteilung anpassbar', 'Timing Adjustable'],
  ['2.2.2', 'A', 'Pausieren, beenden, ausblenden', 'Pause, Stop, Hide'],
  ['2.3.1', 'A', 'Grenzwert von dreimaligem Blitzen oder weniger', 'Three Flashes or Below Threshold'],
  ['2.4.1', 'A', 'Blöcke umgehen', 'Bypass Blocks'],
  ['2.4.2', 'A', 'Seite mit Titel', 'Page Titled'],
  ['2.4.3', 'A', 'Fokus-Reihenfolge', 'Focus Order'],
  ['2.4.4', 'A', 'Linkzweck (im Kontext)', 'Link Purpose (In Context)'],
  ['2.4.5', 'AA', 'Verschiedene Methoden', 'Multiple Ways'],
  ['2.4.6', 'AA', 'Überschriften und Beschriftungen', 'Headings and Labels'],
  ['2.4.7', 'AA', 'Fokus sichtbar', 'Focus Visible'],
  ['2.5.1', 'A', 'Zeigergesten', 'Pointer Gestures'],
  ['2.5.2', 'A', 'Zeigerabbruch', 'Pointer Cancellation'],
  ['2.5.3', 'A', 'Beschriftung im Namen', 'Label in Name'],
  ['2.5.4', 'A', 'Bewegungsaktivierung', 'Motion Actuation'],
  ['3.1.1', 'A', 'Sprache der Seite', 'Language of Page'],
  ['3.1.2', 'AA', 'Sprache von Teilen', 'Language of Parts'],
  ['3.2.1', 'A', 'Bei Fokus', 'On Focus'],
  ['3.2.2', 'A', 'Bei Eingabe', 'On Input'],
  ['3.2.3', 'AA', 'Konsistente Navigation', 'Consistent Navigation'],
  ['3.2.4', 'AA', 'Konsistente Erkennung', 'Consistent Identification'],
  ['3.3.1', 'A', 'Fehlererkennung', 'Error Identification'],
  ['3.3.2', 'A', 'Beschriftungen oder Anweisungen', 'Labels or Instructions'],
  ['3.3.3', 'AA', 'Fehlerempfehlung', 'Error Suggestion'],
  ['3.3.4', 'AA', 'Fehlervermeidung (rechtlich, finanziell, Daten)', 'Error Prevention (Legal, Financial, Data)'],
  ['4.1.1', 'A', 'Syntaxanalyse', 'Parsing'],
  ['4.1.2', 'A', 'Name, Rolle, Wert', 'Name, Role, Value'],
  ['4.1.3', 'AA', 'Statusmeldungen', 'Status Messages'],
];

export const CRITERIA: ReadonlyMap<string, Criterion> = new Map(
  LIST.map(([id, level, de, en]) => [id, { id, level, de, en }]),
);

/** The axe-core rule tags an audit runs: WCAG 2.0 and 2.1, levels A and AA. */
export const AUDIT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** "wcag143" -> "1.4.3", "wcag1410" -> "1.4.10"; undefined for level tags ("wcag2aa") and others. */
export function criterionId(tag: string): string | undefined {
  const m = /^wcag(\d)(\d)(\d{1,2})$/.exec(tag);
  if (!m) return undefined;
  const id = `${m[1]}.${m[2]}.${m[3]}`;
  return CRITERIA.has(id) ? id : undefined;
}

/** The criteria named by a rule's tags, in order, each once. */
export function criteriaOf(tags: readonly string[]): Criterion[] {
  const ids = [...new Set(tags.map(criterionId).filter((id): id is string => !!id))];
  return ids.map((id) => CRITERIA.get(id)!);
}

/** "1.4.3 Kontrast (Minimum)" */
export function criterionLabel(criterion: Criterion, lang: AuditLang): string {
  return `${criterion.id} ${criterion[lang]}`;
}
