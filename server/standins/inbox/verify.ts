/**
 * What the receiver checks in an application it decrypted, because only it can: the gateway relays
 * ciphertext and never sees the answers. An applicant's browser could send answers of one form under
 * the LeiKa key of another (whose fee is not due before sending), or pay for cheap answers and send
 * expensive ones. The inbox therefore re-reads the answers against the published form they name:
 * the service, the form's rules, and the fee recomputed from exactly these answers against the payment
 * the gateway bound. A real case-management system does the same before it decides, with the same
 * exported function (`checkApplication` of `ozg-form/rules`); what the inbox adds is finding the form.
 */
import { checkApplication, type ApplicationCheckCode, type Lang } from 'ozg-form/rules';
import type { Db } from '../../db.js';
import { PublishedForms } from '../../gateway/published-forms.js';
import { formOf } from './answers.js';

export type FindingCode = 'form-unknown' | 'payment-extra' | ApplicationCheckCode;

/** Something the case worker must know before deciding, in German and English. */
export interface Finding {
  code: FindingCode;
  text: Record<Lang, string>;
}

/**
 * The findings for one decrypted application; an empty list means it fits its form and its payment.
 * `boundCents`: the amount of the payment the gateway bound to it, undefined without one.
 */
export function verifyApplication(
  db: Db,
  submissionId: string,
  application: {
    schemaUri: unknown;
    leika: string;
    data: unknown;
    boundCents: number | undefined;
    sentAt: Date | undefined;
  },
): Finding[] {
  const forms = new PublishedForms(db);
  const form = formOf(forms, db, submissionId, application.schemaUri);
  if (!form) {
    return [
      {
        code: 'form-unknown',
        text: {
          de: 'Das Formular dieses Antrags ist hier nicht veröffentlicht: Angaben und Gebühr wurden nicht geprüft.',
          en: 'The form of this application is not published here: its answers and fee were not checked.',
        },
      },
    ];
  }
  return checkApplication(
    forms.definition(form),
    { leika: application.leika, data: application.data, paidCents: application.boundCents, sentAt: application.sentAt },
    forms.validator(form),
  );
}
