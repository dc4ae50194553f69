/**
 * Notes for the editors of a page that is set up wrongly, shown in the question they concern. Only such
 * a page loads them (a chunk of its own), so a form on a page set up right does without their words.
 * Plain text; the question escapes it.
 */
import type { Lang } from '../../schemas/types.js';

/** A custom widget (x-ozg.widget) the page has not registered: [label, sentence]. */
export function missingWidgetNote(name: string, lang: Lang): [string, string] {
  return lang === 'de'
    ? [
        'Für die Redaktion:',
        `Das Element <${name}> für diese Frage ist auf der Seite nicht registriert. Binden Sie das Skript ein, das es mit customElements.define registriert, oder korrigieren Sie x-ozg.widget.`,
      ]
    : [
        'For the editors:',
        `The element <${name}> for this question is not registered on the page. Include the script that registers it with customElements.define, or correct x-ozg.widget.`,
      ];
}
