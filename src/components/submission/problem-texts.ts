import { html } from 'lit';
import { translator } from '../../modules/i18n/ui-texts.js';
import { formatAmount } from '../../schemas/fees.js';
import type { Lang } from '../../schemas/types.js';
import type { Failure } from '../../modules/retry.js';
import { diagnose, type Diagnosis } from '../diagnosis.js';

/**
 * A refusal of the gateway (problem+json, RFC 9457) in the person's words. The gateway's `detail` is
 * English and written for developers; it never appears in the form, the `code` chooses the sentence.
 */
// What is paid is named neutrally ("der Betrag"): a form may ask for a fee or a tax (x-ozg.fees.kind).
const texts = {
  de: {
    PAYMENT_REQUIRED: 'Der Betrag für diesen Antrag muss vor dem Absenden bezahlt werden.',
    PAYMENT_ALREADY_USED:
      'Diese Zahlung gehört bereits zu einem anderen Antrag. Bitte bezahlen Sie den Betrag für diesen Antrag.',
    AMOUNT_MISMATCH:
      'Der Betrag hat sich geändert: Zu zahlen sind jetzt {total}. Bitte prüfen Sie den Betrag und fahren Sie fort.',
    UNKNOWN_FORM: 'Dieses Formular wird derzeit nicht angenommen. Bitte wenden Sie sich an die zuständige Stelle.',
    DEFINITION_OUTDATED:
      'Dieses Formular wurde inzwischen geändert. Bitte laden Sie die Seite neu – Ihre Angaben bleiben erhalten – und prüfen Sie sie noch einmal.',
    INVALID_ANSWERS:
      'Ihre Angaben konnten nicht angenommen werden. Bitte prüfen Sie sie auf der Seite „Ihre Angaben prüfen“.',
    REDIRECT_NOT_ALLOWED:
      'Die Zahlung kann von dieser Seite aus nicht begonnen werden. Bitte wenden Sie sich an die zuständige Stelle.',
    CALCULATION_ERROR:
      'Der Betrag für Ihre Angaben kann gerade nicht berechnet werden. Bitte wenden Sie sich an die zuständige Stelle.',
    NO_FEE:
      'Der Betrag für diesen Antrag kann nicht online bezahlt werden. Bitte wenden Sie sich an die zuständige Stelle.',
    PROVIDER_UNAVAILABLE:
      'Der Bezahldienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten noch einmal.',
    TOO_MANY_ATTEMPTS:
      'Für diesen Antrag wurden zu viele Zahlungen begonnen. Bitte wenden Sie sich an die zuständige Stelle.',
    IDEMPOTENCY_CONFLICT:
      'Dieser Antrag wurde schon mit anderen Angaben gesendet. Bitte prüfen Sie Ihre Angaben auf der Seite „Ihre Angaben prüfen“ und senden Sie sie erneut.',
    RATE_LIMITED: {
      by: 'seconds',
      one: 'Gerade gehen sehr viele Anträge ein. Bitte versuchen Sie es in {seconds} Sekunde noch einmal.',
      other: 'Gerade gehen sehr viele Anträge ein. Bitte versuchen Sie es in {seconds} Sekunden noch einmal.',
    },
    RATE_LIMITED_LATER: 'Gerade gehen sehr viele Anträge ein. Bitte versuchen Sie es in einigen Minuten noch einmal.',
    UNEXPECTED: 'Beim Vorbereiten Ihres Antrags ist ein unerwarteter Fehler aufgetreten.',
    GENERIC: 'Die Anfrage wurde nicht angenommen (Fehler {status}).',
    NETWORK: 'Der Server ist nicht erreichbar.',
  },
  en: {
    PAYMENT_REQUIRED: 'The amount for this application must be paid before it is sent.',
    PAYMENT_ALREADY_USED:
      'This payment already belongs to another application. Please pay the amount for this application.',
    AMOUNT_MISMATCH: 'The amount has changed: the amount due is now {total}. Please check the amount and continue.',
    UNKNOWN_FORM: 'This form is not accepted at the moment. Please contact the authority.',
    DEFINITION_OUTDATED:
      'This form has been changed in the meantime. Please reload the page – your answers are kept – and check them again.',
    INVALID_ANSWERS: 'Your answers could not be accepted. Please check them on the “Check your answers” page.',
    REDIRECT_NOT_ALLOWED: 'The payment cannot be started from this page. Please contact the authority.',
    CALCULATION_ERROR: 'The amount for your answers cannot be calculated at the moment. Please contact the authority.',
    NO_FEE: 'The amount for this application cannot be paid online. Please contact the authority.',
    PROVIDER_UNAVAILABLE: 'The payment service cannot be reached at the moment. Please try again in a few minutes.',
    TOO_MANY_ATTEMPTS: 'Too many payments were started for this application. Please contact the authority.',
    IDEMPOTENCY_CONFLICT:
      'This application was already sent with other answers. Please check them on the “Check your answers” page and send them again.',
    RATE_LIMITED: {
      by: 'seconds',
      one: 'Very many applications are arriving right now. Please try again in {seconds} second.',
      other: 'Very many applications are arriving right now. Please try again in {seconds} seconds.',
    },
    RATE_LIMITED_LATER: 'Very many applications are arriving right now. Please try again in a few minutes.',
    UNEXPECTED: 'An unexpected error occurred while preparing your application.',
    GENERIC: 'The request was not accepted (error {status}).',
    NETWORK: 'The server cannot be reached.',
  },
};

const words = translator(texts);

/** Codes with a sentence of their own; the gateway's older names map onto them. */
const ALIASES: Record<string, keyof typeof texts.de> = {
  ALREADY_PAYED: 'PAYMENT_ALREADY_USED',
  PAYMENT_USED: 'PAYMENT_ALREADY_USED',
  // The gateway has no payment provider: for the person, the same as a fee that cannot be paid online.
  PAYMENT_NOT_CONFIGURED: 'NO_FEE',
};

export interface GatewayProblem {
  /** HTTP status; 0 for a network failure. */
  status: number;
  code?: unknown;
  /** Cents, with AMOUNT_MISMATCH: what the gateway computed. */
  total?: unknown;
  /** From `Retry-After`, with 429. */
  retryAfter?: number;
}

export function problemText(lang: Lang, problem: GatewayProblem): string {
  if (problem.status === 0) return words(lang, 'NETWORK');
  if (problem.status === 429) {
    // A wait of minutes or more is not counted out in seconds.
    return problem.retryAfter !== undefined && problem.retryAfter <= 120
      ? words(lang, 'RATE_LIMITED', { seconds: problem.retryAfter })
      : words(lang, 'RATE_LIMITED_LATER');
  }
  const code = typeof problem.code === 'string' ? (ALIASES[problem.code] ?? problem.code) : '';
  if (code === 'AMOUNT_MISMATCH') {
    return words(lang, 'AMOUNT_MISMATCH', {
      total: typeof problem.total === 'number' ? formatAmount(problem.total, lang) : '–',
    });
  }
  if (code in texts.de && code !== 'GENERIC' && code !== 'NETWORK' && !code.startsWith('RATE_'))
    return words(lang, code as keyof typeof texts.de);
  return words(lang, 'GENERIC', { status: problem.status });
}

/** A refusal that only a reload mends: the form changed since the page loaded it (the draft keeps the
 * answers across the reload), so retrying the same request cannot help. */
export function needsReload(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as GatewayProblem).code === 'DEFINITION_OUTDATED';
}

const RELOAD: Record<Lang, string> = { de: 'Seite neu laden', en: 'Reload the page' };

/** The button that reloads the page, in place of "try again" for a refusal that needs it. */
export function reloadButton(lang: Lang) {
  return html`<button type="button" class="primary" part="button button-primary" @click=${() => location.reload()}>
    ${RELOAD[lang]}
  </button>`;
}

/** Why a request to the gateway stopped: a configuration mistake retrying cannot fix (for the editor
 * to fix), the gateway's refusal (worded in the view, in the language of the moment), or a sentence
 * already in the person's words. */
export type StopReason = GatewayProblem | { diagnosis: Diagnosis } | string;

/** `gaveUp`: how the retry loop classified the failure; `url`: the gateway API, for an answer that
 * turned out not to be JSON only after the loop (then no ozg-form gateway is at that address). */
export function stopReason(error: unknown, gaveUp: Failure | undefined, url: string): StopReason {
  const failure: Failure | undefined =
    gaveUp ?? (error instanceof SyntaxError ? { transient: false, cause: 'bad-response', url } : undefined);
  const e = error as { status?: unknown; problem?: Record<string, unknown>; retryAfter?: number };
  const diagnosis = failure && diagnose(failure, 'gateway', e.problem?.code);
  if (diagnosis) return { diagnosis };
  if (error instanceof Error && typeof e.status === 'number' && e.problem)
    return { status: e.status, code: e.problem.code, total: e.problem.total, retryAfter: e.retryAfter };
  if (error instanceof TypeError) return { status: 0 }; // fetch: network failure
  // Anything else (a key the browser cannot use, a file no longer there …): its message is English and
  // for developers (it is in the console); the person reads a sentence in their language.
  return { status: -1, code: 'UNEXPECTED' };
}
