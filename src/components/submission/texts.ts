import { translator } from '../../modules/i18n/ui-texts.js';

/** Interface texts of sending and the receipt; loaded with them (the submission chunk), not with every form. */
const texts = {
  de: {
    sending: 'Ihr Antrag wird gesendet …',
    sendingHint:
      'Ihre Angaben werden verschlüsselt übermittelt. Sie bleiben in diesem Browser gespeichert, bis der Antrag angekommen ist.',
    sendRetrying: 'Der Server ist nicht erreichbar – wird erneut versucht.',
    sendRetryNow: 'Jetzt erneut versuchen',
    sendFailed: 'Ihr Antrag konnte nicht gesendet werden.',
    sendFailedHint:
      'Ihre Angaben sind weiter in diesem Browser gespeichert. Bitte versuchen Sie es später noch einmal oder wenden Sie sich an die zuständige Stelle. Grund: {reason}',
    sendNoLeika:
      'Die Formulardefinition hat keinen LeiKa-Schlüssel (x-ozg.leika): Ohne ihn kann der Antrag nicht über FIT-Connect gesendet werden. Tragen Sie den Schlüssel der Leistung ein (14 Ziffern, beginnend mit 99).',
    sendNotSetUp:
      'Das Formular ist nicht richtig eingerichtet und kann Ihren Antrag nicht senden. Ihre Angaben bleiben in diesem Browser gespeichert. Bitte wenden Sie sich an die zuständige Stelle.',
    backToReview: 'Zurück zu „Ihre Angaben prüfen“',
    receiptTitle: 'Ihr Antrag ist eingegangen',
    receiptIntro:
      'Vielen Dank. Ihr Antrag wurde verschlüsselt an die zuständige Stelle übermittelt. Laden Sie die Eingangsbestätigung herunter: Darin stehen die Vorgangsnummer und der Link zu Ihrem Postfach.',
    receiptCaseId: 'Vorgangsnummer',
    receiptReceivedAt: 'Eingegangen am',
    receiptDownload: 'Eingangsbestätigung herunterladen (PDF)',
    receiptDownloadFailed: 'Die Eingangsbestätigung konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal.',
    receiptMailbox: 'Status und Antworten der Behörde',
    receiptMailboxText:
      'Unter diesem Link sehen Sie den Stand Ihres Antrags, Nachrichten der Behörde und den Bescheid. Geben Sie den Link nicht weiter: Wer ihn kennt, kann Ihren Vorgang einsehen.',
    receiptMailboxLink: 'Zum Postfach Ihres Antrags',
    receiptAnswers: 'Ihre Angaben',
    receiptNoAnswers:
      'Ihre Angaben werden nach dem Absenden nicht in diesem Browser aufbewahrt. Die Eingangsbestätigung mit Ihren Angaben gab es deshalb nur direkt nach dem Absenden; Vorgangsnummer und Postfach-Link bleiben hier erhalten.',
    newApplication: 'Neuen Antrag stellen',
  },
  en: {
    sending: 'Sending your application …',
    sendingHint: 'Your answers are sent encrypted. They stay saved in this browser until the application has arrived.',
    sendRetrying: 'The server cannot be reached – trying again.',
    sendRetryNow: 'Try again now',
    sendFailed: 'Your application could not be sent.',
    sendFailedHint:
      'Your answers are still saved in this browser. Please try again later or contact the authority. Reason: {reason}',
    sendNoLeika:
      'The form definition has no LeiKa key (x-ozg.leika): without it the application cannot be sent through FIT-Connect. Add the key of the service (14 digits starting with 99).',
    sendNotSetUp:
      'This form is not set up correctly and cannot send your application. Your answers are kept in this browser. Please contact the authority responsible.',
    backToReview: 'Back to “Check your answers”',
    receiptTitle: 'Your application has been received',
    receiptIntro:
      'Thank you. Your application was sent encrypted to the authority. Download the acknowledgement of receipt: it contains the case reference and the link to your mailbox.',
    receiptCaseId: 'Case reference',
    receiptReceivedAt: 'Received on',
    receiptDownload: 'Download the acknowledgement of receipt (PDF)',
    receiptDownloadFailed: 'The acknowledgement of receipt could not be created. Please try again.',
    receiptMailbox: 'Status and replies from the authority',
    receiptMailboxText:
      'Follow this link to see the status of your application, messages from the authority and the decision. Do not share it: anyone who has it can see your case.',
    receiptMailboxLink: 'Go to the mailbox of your application',
    receiptAnswers: 'Your answers',
    receiptNoAnswers:
      'Your answers are not kept in this browser after sending. The acknowledgement with your answers was therefore only available right after sending; the case reference and the mailbox link stay here.',
    newApplication: 'Start a new application',
  },
};

export const st = translator(texts);
