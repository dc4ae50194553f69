import type { AuditLang } from '../../modules/audit/wcag.js';

const texts = {
  de: {
    title: 'Barrierefreiheitsprüfung (Redaktion)',
    intro:
      'Diese Prüfung sehen nur Sie, weil das Formular mit „audit“ oder „?ozg-audit“ aufgerufen wurde. „Prüfung starten“ prüft den angezeigten Schritt, drückt dann ohne Angaben „Weiter“ und prüft den Fehlerzustand. Danach wird jeder Schritt geprüft, den Sie aufrufen – füllen Sie das Formular aus, um alle Schritte und die Prüfseite einzubeziehen.',
    start: 'Prüfung starten',
    restart: 'Erneut prüfen',
    waiting: 'Das Formular wird geladen …',
    loading: 'Die Prüfregeln werden geladen …',
    running: 'Prüfe: {state} …',
    result: '{states} geprüft: {result}.',
    definition: 'Mängel der Formulardefinition',
    place: 'Stelle in der Definition',
    failed: 'Die Prüfung ist fehlgeschlagen: {message}',
    states: 'Geprüfte Zustände',
    findings: 'Verstöße',
    noFindings:
      'Keine Verstöße gefunden. Automatische Prüfungen finden nicht alle Barrieren; prüfen Sie zusätzlich mit Tastatur und Screenreader.',
    noElementFindings:
      'Keine Verstöße an den Elementen des Formulars; beachten Sie aber die Punkte unten. Automatische Prüfungen finden nicht alle Barrieren; prüfen Sie zusätzlich mit Tastatur und Screenreader.',
    criterion: 'WCAG-Kriterium',
    where: 'Zustände',
    elements: 'Elemente',
    host: 'Ursache in der Einbettung',
    fix: 'Abhilfe',
    more: 'Mehr zur Regel „{rule}“ (englisch)',
    hints: 'Hinweise zur Einbettung',
    statementMd: 'Erklärung zur Barrierefreiheit herunterladen (Markdown)',
    statementHtml: 'Erklärung zur Barrierefreiheit herunterladen (HTML)',
    step: 'Schritt {n}: {title}',
    error: 'Fehlerzustand, Schritt {n}: {title}',
    review: 'Prüfseite',
    loadError: 'Fehlermeldung (Formular nicht geladen)',
    ok: 'ohne Verstöße',
  },
  en: {
    title: 'Accessibility audit (editors)',
    intro:
      'Only you see this audit, because the form was opened with “audit” or “?ozg-audit”. “Start audit” tests the step shown, then presses “Continue” without answers and tests the error state. After that every step you open is tested — fill in the form to include all steps and the review page.',
    start: 'Start audit',
    restart: 'Audit again',
    waiting: 'The form is loading …',
    loading: 'Loading the audit rules …',
    running: 'Testing: {state} …',
    result: '{states} tested: {result}.',
    definition: 'Problems in the form definition',
    place: 'Place in the definition',
    failed: 'The audit failed: {message}',
    states: 'States tested',
    findings: 'Violations',
    noFindings:
      'No violations found. Automated tests do not find every barrier; also test with a keyboard and a screen reader.',
    noElementFindings:
      'No violations on the elements of the form; but mind the points below. Automated tests do not find every barrier; also test with a keyboard and a screen reader.',
    criterion: 'WCAG criterion',
    where: 'States',
    elements: 'Elements',
    host: 'Cause in the embedding',
    fix: 'Fix',
    more: 'More about the rule “{rule}”',
    hints: 'Notes on the embedding',
    statementMd: 'Download accessibility statement (Markdown)',
    statementHtml: 'Download accessibility statement (HTML)',
    step: 'Step {n}: {title}',
    error: 'Error state, step {n}: {title}',
    review: 'Review page',
    loadError: 'Error message (form not loaded)',
    ok: 'no violations',
  },
};

export type AuditTextKey = keyof (typeof texts)['de'];

export function at(lang: AuditLang, key: AuditTextKey, values: Record<string, string | number> = {}): string {
  return texts[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
