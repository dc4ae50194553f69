import { translator } from '../i18n/ui-texts.js';
export type ReceiptLang = 'de' | 'en';

export const RECEIPT_TEXTS = {
  de: {
    title: 'Eingangsbestätigung',
    intro: 'Ihr Antrag ist bei uns eingegangen. Bitte bewahren Sie diese Bestätigung auf.',
    caseId: 'Vorgangsnummer',
    receivedAt: 'Eingegangen am',
    at: 'um',
    clock: 'Uhr',
    payment: 'Zahlung',
    paymentReference: 'Kassenzeichen',
    amount: 'Betrag',
    extraPayment: 'Weitere Zahlung',
    extraPaymentText: '{amount}, Kassenzeichen {reference}: zu viel Gezahltes erstattet die Behörde',
    answers: 'Ihre Angaben',
    question: 'Frage',
    answer: 'Antwort',
    attachments: 'Nachweise',
    noAttachments: 'Keine Nachweise beigefügt.',
    attachmentsUnknown: 'Welche Dateien beigefügt waren, liegt nach dem Neuladen der Seite nicht mehr vor.',
    mailbox: 'Status und Antworten der Behörde',
    mailboxText: 'Unter diesem Link sehen Sie den Stand Ihres Antrags, Nachrichten der Behörde und den Bescheid:',
    mailboxWarning: 'Geben Sie diesen Link nicht weiter: Wer ihn kennt, kann Ihren Vorgang einsehen.',
    page: 'Seite {n} von {of}',
    continued: '(Fortsetzung)',
    subject: 'Eingangsbestätigung {form}, Vorgang {caseId}',
    empty: '–',
  },
  en: {
    title: 'Acknowledgement of receipt',
    intro: 'We have received your application. Please keep this acknowledgement.',
    caseId: 'Case reference',
    receivedAt: 'Received on',
    at: 'at',
    clock: '',
    payment: 'Payment',
    paymentReference: 'Payment reference (Kassenzeichen)',
    amount: 'Amount',
    extraPayment: 'Another payment',
    extraPaymentText: '{amount}, payment reference {reference}: the authority will refund the overpayment',
    answers: 'Your answers',
    question: 'Question',
    answer: 'Answer',
    attachments: 'Evidence',
    noAttachments: 'No evidence attached.',
    attachmentsUnknown: 'Which files were attached is no longer known after the page was reloaded.',
    mailbox: 'Status and replies from the authority',
    mailboxText:
      'Follow this link to see the status of your application, messages from the authority and the decision:',
    mailboxWarning: 'Do not share this link: anyone who has it can see your case.',
    page: 'Page {n} of {of}',
    continued: '(continued)',
    subject: 'Acknowledgement of receipt {form}, case {caseId}',
    empty: '–',
  },
} as const;

export type ReceiptTextKey = keyof (typeof RECEIPT_TEXTS)['de'];

/** A text of the receipt PDF in the person's language. */
export const rt = translator(RECEIPT_TEXTS);
