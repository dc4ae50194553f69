/**
 * Notes for the editors of a page that is set up wrongly: a custom widget it never registers (shown in
 * its question), a definition that the page's Content-Security-Policy or the definition's server (CORS)
 * keeps from the page or that is not at its address (shown instead of the form, and in the console).
 * Only such a page loads them (a chunk of its own), so a form on a page set up right does without
 * their words. Plain text; the question or the form escapes it.
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
    missing:
      'Unter {url} liegt keine Formulardefinition (HTTP {status}). Prüfen Sie die Adresse im Attribut src: Eine relative Adresse gilt von der Adresse dieser Seite aus.',
    unpublished:
      'Das Gateway unter {target} hat kein veröffentlichtes Formular unter {url} (HTTP {status}). Prüfen Sie den Namen im Attribut src, und veröffentlichen Sie die Definition mit ozg-form-publish (docs/server.md, „Publishing forms“).',
  },
  en: {
    csp: 'The Content-Security-Policy of this page forbids connecting to {url}. Add the origin {target} to its connect-src directive.',
    definition:
      'The form definition {url} may not be loaded by this page ({origin}): its server sends no Access-Control-Allow-Origin for {origin} (CORS). Put the definition on the page’s origin, load it from the gateway, or let its server send "Access-Control-Allow-Origin: {origin}".',
    gateway:
      'The gateway at {target} does not allow this page ({origin}) to load the form definition {url} (CORS). Add {origin} to GATEWAY_ALLOWED_ORIGINS of the gateway, or put the gateway behind a reverse proxy on the page’s origin.',
    missing:
      'There is no form definition at {url} (HTTP {status}). Check the address in the src attribute: a relative address starts from this page’s address.',
    unpublished:
      'The gateway at {target} has no published form at {url} (HTTP {status}). Check the name in the src attribute, and publish the definition with ozg-form-publish (docs/server.md, "Publishing forms").',
  },
};

const words = translator(texts);

/** Why the page cannot load its definition, and the fix: its own policy (`csp`), the server's CORS
 * (`cors`) or nothing at the address (`not-found`). A definition the gateway publishes
 * (…/gateway/v1/forms/<name>) is already "from the gateway": there the fix for CORS is the gateway's
 * list of allowed origins, and for a 404 to publish it. */
export function definitionNote(lang: Lang, cause: string, params: Params): string {
  const gateway = /\/gateway\/v1\/forms\//.test(String(params.url));
  if (cause === 'csp') return words(lang, 'csp', params);
  if (cause === 'not-found') return words(lang, gateway ? 'unpublished' : 'missing', params);
  return words(lang, gateway ? 'gateway' : 'definition', params);
}

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
