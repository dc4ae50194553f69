/**
 * A configuration mistake that retrying cannot fix (the gateway or the definition refused by CORS, a
 * wrong address, a refusal without reason, a part of ozg-form that cannot be loaded): what the person
 * should do, in plain words, and for the editor what is wrong and how to fix it, in the "Für die
 * Redaktion" box and once in the console. In the entry bundle: a chunk that failed cannot explain itself.
 */
import { html } from 'lit';
import { translator } from '../modules/i18n/ui-texts.js';
import type { Failure } from '../modules/retry.js';
import type { Lang } from '../schemas/types.js';

/** Where the guide for putting a form on a website lives (in the ozg-form package). */
export const EMBEDDING_GUIDE = 'docs/embedding.md';

const texts = {
  de: {
    editor: 'Für die Redaktion:',
    guide: 'Anleitung: {guide} im Paket ozg-form.',
    load: 'Bitte versuchen Sie es später noch einmal oder wenden Sie sich telefonisch an die zuständige Stelle.',
    send: 'Ihr Antrag kann über diese Seite gerade nicht gesendet werden, weil die Verbindung zur Behörde nicht richtig eingerichtet ist. Ihre Angaben bleiben in diesem Browser gespeichert. Bitte rufen Sie die zuständige Stelle an oder versuchen Sie es in einigen Tagen noch einmal.',
    pay: 'Die Gebühr kann über diese Seite gerade nicht online bezahlt werden, weil die Verbindung zum Bezahldienst nicht richtig eingerichtet ist. Ihre Angaben bleiben in diesem Browser gespeichert. Bitte rufen Sie die zuständige Stelle an oder versuchen Sie es in einigen Tagen noch einmal.',
    payOptional:
      'Die Gebühr kann über diese Seite gerade nicht online bezahlt werden. Sie können den Antrag ohne Zahlung senden, dann erhalten Sie eine Rechnung.',
    part: 'Ein Teil des Formulars konnte nicht geladen werden. Ihre Angaben bleiben in diesem Browser gespeichert. Bitte laden Sie die Seite später neu oder rufen Sie die zuständige Stelle an.',
    cors: 'Das Gateway unter {url} erlaubt dieser Seite ({origin}) keinen Zugriff: Seine Antwort enthält kein Access-Control-Allow-Origin für {origin} (CORS). Tragen Sie {origin} beim Gateway in GATEWAY_ALLOWED_ORIGINS ein oder stellen Sie das Gateway über einen Reverse-Proxy unter den Ursprung der Seite (Attribut „gateway“ dann z. B. „/gateway/v1“).',
    csp: 'Die Content-Security-Policy dieser Seite verbietet die Verbindung zu {url}. Ergänzen Sie in ihrer Direktive connect-src den Ursprung {target}.',
    notFound:
      'Unter {url} antwortet kein Gateway (HTTP {status}). Prüfen Sie das Attribut „gateway“ von <ozg-form> (die Adresse der Gateway-API, z. B. „/gateway/v1“) und ob das Gateway dort läuft.',
    unauthorized:
      'Das Gateway unter {url} weist diese Seite ({origin}) ab (HTTP {status}). Prüfen Sie, ob die Seite beim Gateway zugelassen ist.',
    badResponse:
      'Unter {url} antwortet kein ozg-form-Gateway (die Antwort ist kein JSON). Prüfen Sie das Attribut „gateway“ von <ozg-form>.',
    definitionCors:
      'Die Formulardefinition {url} darf von dieser Seite ({origin}) nicht geladen werden: Der Server sendet kein Access-Control-Allow-Origin für {origin} (CORS). Legen Sie die Definition unter den Ursprung der Seite, laden Sie sie vom Gateway oder lassen Sie ihren Server „Access-Control-Allow-Origin: {origin}“ senden.',
    chunk:
      'Ein Programmteil von ozg-form ({url}) konnte nicht geladen werden. Der Server, der ozg-form ausliefert, muss Access-Control-Allow-Origin senden (Skripte mit type="module" und ihre nachgeladenen Teile werden mit CORS geladen), und alle Dateien aus dist/ müssen dort liegen.',
  },
  en: {
    editor: 'For the editors:',
    guide: 'Guide: {guide} in the ozg-form package.',
    load: 'Please try again later or call the authority responsible.',
    send: 'Your application cannot be sent from this page at the moment because its connection to the authority is not set up correctly. Your answers are kept in this browser. Please call the authority responsible or try again in a few days.',
    pay: 'The fee cannot be paid online from this page at the moment because its connection to the payment service is not set up correctly. Your answers are kept in this browser. Please call the authority responsible or try again in a few days.',
    payOptional:
      'The fee cannot be paid online from this page at the moment. You can send the application without paying; you will then receive an invoice.',
    part: 'A part of the form could not be loaded. Your answers are kept in this browser. Please reload the page later or call the authority responsible.',
    cors: 'The gateway at {url} does not allow this page ({origin}): its answer has no Access-Control-Allow-Origin for {origin} (CORS). Add {origin} to GATEWAY_ALLOWED_ORIGINS of the gateway, or put the gateway behind a reverse proxy on the page’s origin (then e.g. gateway="/gateway/v1").',
    csp: 'The Content-Security-Policy of this page forbids connecting to {url}. Add the origin {target} to its connect-src directive.',
    notFound:
      'No gateway answers at {url} (HTTP {status}). Check the gateway attribute of <ozg-form> (the address of the gateway API, e.g. "/gateway/v1") and that the gateway runs there.',
    unauthorized:
      'The gateway at {url} refuses this page ({origin}) (HTTP {status}). Check that the page is allowed at the gateway.',
    badResponse:
      'No ozg-form gateway answers at {url} (the answer is not JSON). Check the gateway attribute of <ozg-form>.',
    definitionCors:
      'The form definition {url} may not be loaded by this page ({origin}): its server sends no Access-Control-Allow-Origin for {origin} (CORS). Put the definition on the page’s origin, load it from the gateway, or let its server send "Access-Control-Allow-Origin: {origin}".',
    chunk:
      'A part of ozg-form ({url}) could not be loaded. The server that delivers ozg-form must send Access-Control-Allow-Origin (scripts with type="module" and the parts they load later are fetched with CORS), and every file of dist/ must be there.',
  },
};

const words = translator(texts);

/** What the person is doing when it happens: it decides what they are told to do. */
export type Situation = 'load' | 'send' | 'pay' | 'pay-optional';

/** A failure retrying cannot fix, with what it concerns. */
export interface Diagnosis {
  failure: Failure;
  /** What was asked: the gateway, the definition (`src`) or a part of ozg-form's own code. */
  subject: 'gateway' | 'definition' | 'chunk';
}

/**
 * The diagnosis of a failure that is a configuration mistake, or undefined (then the caller words it
 * as before: a gateway refusal with a code, a network failure that is still retried, …).
 */
export function diagnose(failure: Failure, subject: Diagnosis['subject'], code?: unknown): Diagnosis | undefined {
  if (failure.cause === 'chunk') return { failure, subject: 'chunk' };
  if (failure.transient || code !== undefined) return undefined;
  if (subject === 'definition') return ['cors', 'csp'].includes(failure.cause) ? { failure, subject } : undefined;
  const mistakes = ['cors', 'csp', 'not-found', 'unauthorized', 'bad-response'];
  return mistakes.includes(failure.cause) ? { failure, subject } : undefined;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** What is wrong and how to fix it, for the editor. */
export function editorText(lang: Lang, d: Diagnosis): string {
  const { failure } = d;
  const url = failure.url ?? '?';
  const params = { url, origin: typeof location === 'undefined' ? '?' : location.origin, status: failure.status ?? 0 };
  if (d.subject === 'chunk') return words(lang, 'chunk', params);
  if (failure.cause === 'csp') return words(lang, 'csp', { ...params, target: originOf(url) });
  if (d.subject === 'definition') return words(lang, 'definitionCors', params);
  const key = (
    { cors: 'cors', 'not-found': 'notFound', unauthorized: 'unauthorized', 'bad-response': 'badResponse' } as const
  )[failure.cause as 'cors'];
  return words(lang, key ?? 'notFound', params);
}

/** What the person can do, in plain words. */
export function citizenText(lang: Lang, d: Diagnosis, situation: Situation): string {
  if (d.subject === 'chunk' && situation !== 'load') return words(lang, 'part');
  if (situation === 'pay-optional' && ['cors', 'csp'].includes(d.failure.cause)) return words(lang, 'pay');
  return words(lang, situation === 'pay-optional' ? 'payOptional' : situation);
}

const reported = new Set<string>();

/** Tells the editor in the console (in English, once per mistake and page), with the guide. */
export function reportToEditor(d: Diagnosis): void {
  const message = editorText('en', d);
  if (reported.has(message)) return;
  reported.add(message);
  console.error(`ozg-form: ${message} See ${EMBEDDING_GUIDE}.`);
}

/** The "Für die Redaktion" box: what is misconfigured and how to fix it. */
export function renderEditorNote(lang: Lang, text: string) {
  return html`<div class="editor-note" part="editor-note">
    <p><strong>${words(lang, 'editor')}</strong> ${text}</p>
    <p>${words(lang, 'guide', { guide: EMBEDDING_GUIDE })}</p>
  </div>`;
}
