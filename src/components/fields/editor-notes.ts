/**
 * Notes for the editors of a page that is set up wrongly: a custom widget it never registers (shown in
 * its question), a definition that the page's Content-Security-Policy or the definition's server (CORS)
 * keeps from the page (shown instead of the form, and in the console). Only such a page loads them (a
 * chunk of its own), so a form on a page set up right does without their words. Plain text; the
 * question or the form escapes it.
 */
import { translator, type Params } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';

const texts = {
  de: {
    csp: 'Die Content-Security-Policy dieser Seite verbietet die Verbindung zu {url}. Ergänzen Sie in ihrer Direktive connect-src den Ursprung {target}.',
    definition:
      'Die Formulardefinition {url} darf von dieser Seite ({origin}) nicht geladen werden: Der Server sendet kein Access-Control-Allow-Origin für {origin} (CORS). Legen Sie die Definition unter den Ursprung der Seite, laden Sie sie vom Gateway oder lassen Sie ihren Server „Access-Control-Allow-Origin: {origin}“ senden.',
    gateway:
      'Das Gateway unter {target} erlaubt dieser Seite ({origin}) nicht, die Formulardefinition {url} zu laden (CORS). Tragen Sie {origin} beim Gateway in GATEWAY_ALLOWED_ORIGINS ein, oder stellen Sie das Gateway über einen Reverse-Proxy unter den Ursprung der Seite.',
  },
  en: {
    csp: 'The Content-Security-Policy of this page forbids connecting to {url}. Add the origin {target} to its connect-src directive.',
    definition:
      'The form definition {url} may not be loaded by this page ({origin}): its server sends no Access-Control-Allow-Origin for {origin} (CORS). Put the definition on the page’s origin, load it from the gateway, or let its server send "Access-Control-Allow-Origin: {origin}".',
    gateway:
      'The gateway at {target} does not allow this page ({origin}) to load the form definition {url} (CORS). Add {origin} to GATEWAY_ALLOWED_ORIGINS of the gateway, or put the gateway behind a reverse proxy on the page’s origin.',
  },
};

const words = translator(texts);

/** Why the page may not load its definition (`csp`: its own policy, else the server's CORS), and the fix.
 * A definition the gateway publishes (…/gateway/v1/forms/<name>) is already "from the gateway": there the
 * fix is the gateway's list of allowed origins. */
export const definitionNote = (lang: Lang, csp: boolean, params: Params): string =>
  words(lang, csp ? 'csp' : /\/gateway\/v1\/forms\//.test(String(params.url)) ? 'gateway' : 'definition', params);

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
