import { translator, type Params } from '../../modules/i18n/ui-texts.js';
import type { FeeKind } from '../../schemas/fees.js';
import type { Lang } from '../../schemas/types.js';

/** Interface texts of the fee summary and the payment step; loaded with them, not with every form. */
const texts = {
  de: {
    feesTitle: 'Gebühren',
    feesDeferred: 'Sie zahlen nicht jetzt: Die Gebühr wird Ihnen mit dem Bescheid in Rechnung gestellt.',
    feesBefore: 'Im nächsten Schritt bezahlen Sie die Gebühr online. Erst danach wird Ihr Antrag gesendet.',
    feesOptional:
      'Im nächsten Schritt können Sie die Gebühr gleich online bezahlen oder sich eine Rechnung schicken lassen.',
    feesNone: 'Für Ihre Angaben fällt keine Gebühr an.',
    feeItem: 'Position',
    feeQuantity: 'Menge × Preis',
    feeAmount: 'Betrag',
    feeTotal: 'Gesamt',
    payTitle: 'Gebühr bezahlen',
    payIntro:
      'Sie werden zum Bezahldienst weitergeleitet. Ihre Angaben bleiben in diesem Browser gespeichert; nach der Zahlung kommen Sie hierher zurück und Ihr Antrag wird gesendet.',
    payOptionalIntro:
      'Sie können die Gebühr jetzt online bezahlen oder Ihren Antrag ohne Zahlung senden; dann erhalten Sie eine Rechnung.',
    payNow: 'Jetzt {amount} bezahlen',
    payLater: 'Ohne Zahlung senden (Rechnung)',
    payRedirecting: 'Sie werden zum Bezahldienst weitergeleitet …',
    payChecking: 'Der Stand Ihrer Zahlung wird abgefragt …',
    payOpen: 'Ihre Zahlung ist noch nicht abgeschlossen.',
    payOpenHint:
      'Der Bezahldienst meldet die Zahlung als noch offen. Setzen Sie die Zahlung fort oder fragen Sie den Stand in einem Moment erneut ab.',
    payContinue: 'Zahlung fortsetzen',
    payCheckAgain: 'Stand erneut abfragen',
    payCanceled: 'Sie haben die Zahlung abgebrochen.',
    payFailed: 'Die Zahlung ist fehlgeschlagen.',
    payRetryHint:
      'Es wurde nichts abgebucht. Ihre Angaben sind gespeichert. Sie können es noch einmal versuchen oder später wiederkommen.',
    payRetry: 'Zahlung neu starten',
    payBack: 'Zurück zu „Ihre Angaben prüfen“',
    toPayment: 'Weiter zur Bezahlung',
    payUnavailable: 'Der Bezahldienst ist gerade nicht erreichbar.',
    payOffline: 'Ihr Gerät ist gerade nicht mit dem Internet verbunden.',
    payOfflineHint:
      'Ihre Angaben sind in diesem Browser gespeichert. Bitte versuchen Sie es erneut, sobald die Verbindung wieder besteht.',
    payUnavailableHint:
      'Ihre Angaben sind in diesem Browser gespeichert. Bitte versuchen Sie es in einigen Minuten noch einmal.',
    payRejected: 'Die Zahlung konnte nicht begonnen werden.',
    payAmountChanged: 'Der Betrag hat sich geändert. Bitte prüfen Sie den neuen Betrag.',
    payPaid: 'Bezahlt: {amount}, Kassenzeichen {reference}. Ihr Antrag wird gesendet.',
    receiptPayment: 'Bezahlter Betrag',
    receiptReference: 'Kassenzeichen',
    receiptExtraPayment:
      'Für diesen Antrag wurde ein weiteres Mal bezahlt: {amount}, Kassenzeichen {reference}. Die Behörde sieht diese Zahlung bei Ihrem Antrag und erstattet, was zu viel gezahlt wurde.',
  },
  en: {
    feesTitle: 'Fees',
    feesDeferred: 'You do not pay now: the fee will be invoiced with the decision.',
    feesBefore: 'In the next step you pay the fee online. Only then is your application sent.',
    feesOptional: 'In the next step you can pay the fee online right away or have an invoice sent to you.',
    feesNone: 'No fee is due for your answers.',
    feeItem: 'Item',
    feeQuantity: 'Quantity × price',
    feeAmount: 'Amount',
    feeTotal: 'Total',
    payTitle: 'Pay the fee',
    payIntro:
      'You will be taken to the payment service. Your answers stay saved in this browser; after paying you come back here and your application is sent.',
    payOptionalIntro: 'You can pay the fee online now, or send your application without paying and receive an invoice.',
    payNow: 'Pay {amount} now',
    payLater: 'Send without paying (invoice)',
    payRedirecting: 'Taking you to the payment service …',
    payChecking: 'Checking the status of your payment …',
    payOpen: 'Your payment is not finished yet.',
    payOpenHint:
      'The payment service reports the payment as still open. Continue the payment, or check the status again in a moment.',
    payContinue: 'Continue the payment',
    payCheckAgain: 'Check the status again',
    payCanceled: 'You cancelled the payment.',
    payFailed: 'The payment failed.',
    payRetryHint: 'Nothing was charged. Your answers are saved. You can try again or come back later.',
    payRetry: 'Start the payment again',
    payBack: 'Back to “Check your answers”',
    toPayment: 'Continue to payment',
    payUnavailable: 'The payment service cannot be reached at the moment.',
    payOffline: 'Your device is not connected to the internet at the moment.',
    payOfflineHint: 'Your answers are saved in this browser. Please try again once you are back online.',
    payUnavailableHint: 'Your answers are saved in this browser. Please try again in a few minutes.',
    payRejected: 'The payment could not be started.',
    payAmountChanged: 'The amount has changed. Please check the new amount.',
    payPaid: 'Paid: {amount}, payment reference {reference}. Your application is being sent.',
    receiptPayment: 'Amount paid',
    receiptReference: 'Payment reference (Kassenzeichen)',
    receiptExtraPayment:
      'This application was paid for once more: {amount}, payment reference {reference}. The authority sees this payment with your application and refunds what was paid too much.',
  },
} as const;

export type PaymentTextKey = keyof (typeof texts)['de'];

/** A text of the fee summary and the payment step in the person's language. */
export const pt = translator(texts);

/** The texts that name what is paid, for a tax (`x-ozg.fees.kind: "tax"`, e.g. Hundesteuer): a tax is
 * not a Gebühr, and it is assessed by a Steuerbescheid rather than invoiced. */
const taxTexts = {
  de: {
    feesTitle: 'Steuer',
    feesNone: 'Für Ihre Angaben fällt keine Steuer an.',
    feesDeferred:
      'Sie zahlen nicht jetzt: Die Steuer wird mit dem Steuerbescheid festgesetzt. Er nennt den Betrag und wann er fällig ist.',
    feesBefore: 'Im nächsten Schritt bezahlen Sie die Steuer online. Erst danach wird Ihr Antrag gesendet.',
    feesOptional:
      'Im nächsten Schritt können Sie die Steuer gleich online bezahlen oder sie nach dem Steuerbescheid überweisen.',
    payTitle: 'Steuer bezahlen',
    payOptionalIntro:
      'Sie können die Steuer jetzt online bezahlen oder Ihren Antrag ohne Zahlung senden; dann zahlen Sie nach dem Steuerbescheid.',
    payLater: 'Ohne Zahlung senden (Zahlung nach dem Bescheid)',
  },
  en: {
    feesTitle: 'Tax',
    feesNone: 'No tax is due for your answers.',
    feesDeferred:
      'You do not pay now: the tax is assessed in a tax notice, which states the amount and when it is due.',
    feesBefore: 'In the next step you pay the tax online. Only then is your application sent.',
    feesOptional: 'In the next step you can pay the tax online right away or transfer it after the tax notice.',
    payTitle: 'Pay the tax',
    payOptionalIntro:
      'You can pay the tax online now, or send your application without paying and pay after the tax notice.',
    payLater: 'Send without paying (pay after the notice)',
  },
} satisfies { de: Partial<Record<PaymentTextKey, string>>; en: Partial<Record<PaymentTextKey, string>> };

const tt = translator(taxTexts);

/** `pt`, in the words of what `fees` asks for: a tax's own text where it has one. */
export function feeText(
  fees: { kind?: FeeKind } | undefined,
  lang: Lang,
  key: PaymentTextKey,
  params?: Params,
): string {
  return fees?.kind === 'tax' && key in taxTexts.de
    ? tt(lang, key as keyof typeof taxTexts.de, params)
    : pt(lang, key, params);
}
