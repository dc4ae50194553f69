/**
 * Configuration mistakes about the gateway (diagnosis.ts has the rest): what the person sending or
 * paying can do, and what the editor must fix. Loaded with the sending and payment code only.
 */
import { translator } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';
import { editorText as loadEditorText, textParams, type Diagnosis, type Situation } from '../diagnosis.js';

const texts = {
  de: {
    send: 'Ihr Antrag kann über diese Seite gerade nicht gesendet werden, weil die Verbindung zur Behörde nicht richtig eingerichtet ist. Ihre Angaben bleiben in diesem Browser gespeichert. Bitte rufen Sie die zuständige Stelle an oder versuchen Sie es in einigen Tagen noch einmal.',
    pay: 'Über diese Seite kann gerade nicht online bezahlt werden, weil die Verbindung zum Bezahldienst nicht richtig eingerichtet ist. Ihre Angaben bleiben in diesem Browser gespeichert. Bitte rufen Sie die zuständige Stelle an oder versuchen Sie es in einigen Tagen noch einmal.',
    payOptional:
      'Über diese Seite kann gerade nicht online bezahlt werden. Sie können den Antrag ohne Zahlung senden und später bezahlen.',
    csp: 'Die Content-Security-Policy dieser Seite verbietet die Verbindung zum Gateway unter {url}. Ergänzen Sie in ihrer Direktive connect-src den Ursprung {target}.',
    cors: 'Das Gateway unter {url} erlaubt dieser Seite ({origin}) keinen Zugriff: Seine Antwort enthält kein Access-Control-Allow-Origin für {origin} (CORS). Tragen Sie {origin} beim Gateway in GATEWAY_ALLOWED_ORIGINS ein oder stellen Sie das Gateway über einen Reverse-Proxy unter den Ursprung der Seite (Attribut „gateway“ dann z. B. „/gateway/v1“).',
    'not-found':
      'Unter {url} antwortet kein Gateway (HTTP {status}). Prüfen Sie das Attribut „gateway“ von <ozg-form> (die Adresse der Gateway-API, z. B. „/gateway/v1“) und ob das Gateway dort läuft.',
    unauthorized:
      'Das Gateway unter {url} weist diese Seite ({origin}) ab (HTTP {status}). Prüfen Sie, ob die Seite beim Gateway zugelassen ist.',
    'bad-response':
      'Unter {url} antwortet kein ozg-form-Gateway (die Antwort ist kein JSON). Prüfen Sie das Attribut „gateway“ von <ozg-form>.',
  },
  en: {
    send: 'Your application cannot be sent from this page at the moment because its connection to the authority is not set up correctly. Your answers are kept in this browser. Please call the authority responsible or try again in a few days.',
    pay: 'Online payment is not possible from this page at the moment because its connection to the payment service is not set up correctly. Your answers are kept in this browser. Please call the authority responsible or try again in a few days.',
    payOptional:
      'Online payment is not possible from this page at the moment. You can send the application without paying and pay later.',
    csp: 'The Content-Security-Policy of this page forbids connecting to the gateway at {url}. Add the origin {target} to its connect-src directive.',
    cors: 'The gateway at {url} does not allow this page ({origin}): its answer has no Access-Control-Allow-Origin for {origin} (CORS). Add {origin} to GATEWAY_ALLOWED_ORIGINS of the gateway, or put the gateway behind a reverse proxy on the page’s origin (then e.g. gateway="/gateway/v1").',
    'not-found':
      'No gateway answers at {url} (HTTP {status}). Check the gateway attribute of <ozg-form> (the address of the gateway API, e.g. "/gateway/v1") and that the gateway runs there.',
    unauthorized:
      'The gateway at {url} refuses this page ({origin}) (HTTP {status}). Check that the page is allowed at the gateway.',
    'bad-response':
      'No ozg-form gateway answers at {url} (the answer is not JSON). Check the gateway attribute of <ozg-form>.',
  },
};

const words = translator(texts);
type GatewayCause = 'csp' | 'cors' | 'not-found' | 'unauthorized' | 'bad-response';

/** What is wrong with the gateway and how to fix it, for the editor. */
export function gatewayEditorText(lang: Lang, d: Diagnosis): string {
  const cause = d.failure.cause;
  if (d.subject !== 'gateway' || !(cause in texts.de)) return loadEditorText(lang, d);
  return words(lang, cause as GatewayCause, textParams(d.failure));
}

/** What the person sending or paying can do. Without paying only when sending can still work. */
export function gatewayCitizenText(lang: Lang, d: Diagnosis, situation: Exclude<Situation, 'load'>): string {
  const blocked = d.failure.cause === 'cors' || d.failure.cause === 'csp';
  return words(lang, situation === 'pay-optional' ? (blocked ? 'pay' : 'payOptional') : situation);
}
