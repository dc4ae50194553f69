/**
 * What the receiver checks in an application it decrypted, because only it can: the gateway relays
 * ciphertext and never sees the answers. An applicant's browser could send answers of one form under
 * the LeiKa key of another (whose fee is not due before sending), or pay for cheap answers and send
 * expensive ones. The inbox therefore re-reads the answers against the published form they name:
 * the service, the form's rules, and the fee recomputed from exactly these answers against the payment
 * the gateway bound. A real case-management system does the same before it decides.
 */
import { computeFees, type JsonSchema, type Lang } from 'ozg-form/rules';
import type { Db } from '../../db.js';
import { PublishedForms } from '../../gateway/published-forms.js';
import { formOf } from './answers.js';

export type FindingCode = 'form-unknown' | 'service-mismatch' | 'answers-invalid' | 'fee-unpaid' | 'fee-mismatch';

/** Something the case worker must know before deciding, in German and English. */
export interface Finding {
  code: FindingCode;
  text: Record<Lang, string>;
}

const euro = (cents: number, lang: Lang): string =>
  new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/**
 * The findings for one decrypted application; an empty list means it fits its form and its payment.
 * `boundCents`: the amount of the payment the gateway bound to it, undefined without one.
 */
export function verifyApplication(
  db: Db,
  submissionId: string,
  application: { schemaUri: unknown; leika: string; data: unknown; boundCents: number | undefined },
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
  const definition: JsonSchema = forms.definition(form);
  const findings: Finding[] = [];
  const leika = ((definition['x-ozg'] ?? {}) as { leika?: unknown }).leika;
  if (typeof leika === 'string' && leika !== application.leika) {
    findings.push({
      code: 'service-mismatch',
      text: {
        de: `Eingereicht für die Leistung ${application.leika}, aber mit dem Formular der Leistung ${leika}.`,
        en: `Sent for the service ${application.leika}, but with the form of the service ${leika}.`,
      },
    });
  }
  const errors = forms.validator(form).validateAll(application.data);
  if (errors.length) {
    const where = errors
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
      .join('; ');
    findings.push({
      code: 'answers-invalid',
      text: {
        de: `Die Angaben passen nicht zum Formular (${errors.length}): ${where}`,
        en: `The answers do not fit the form (${errors.length}): ${where}`,
      },
    });
    // Fees of answers that break the form's rules are not worth computing.
    return findings;
  }
  let fees;
  try {
    fees = computeFees(definition, application.data as object, 'de');
  } catch {
    fees = undefined;
  }
  if (!fees || fees.policy === 'deferred' || fees.total === 0) return findings;
  const due = fees.total;
  if (application.boundCents === undefined) {
    if (fees.policy === 'before-submission') {
      findings.push({
        code: 'fee-unpaid',
        text: {
          de: `Die Gebühr von ${euro(due, 'de')} ist vor dem Absenden zu bezahlen; für diesen Antrag liegt keine Zahlung vor.`,
          en: `The fee of ${euro(due, 'en')} is paid before sending; there is no payment for this application.`,
        },
      });
    }
  } else if (application.boundCents !== due) {
    findings.push({
      code: 'fee-mismatch',
      text: {
        de: `Bezahlt wurden ${euro(application.boundCents, 'de')}; nach diesen Angaben fällig sind ${euro(due, 'de')}.`,
        en: `${euro(application.boundCents, 'en')} was paid; these answers make ${euro(due, 'en')} due.`,
      },
    });
  }
  return findings;
}
