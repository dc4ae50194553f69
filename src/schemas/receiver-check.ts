/**
 * What the receiver of an application checks after decrypting it, because only it can: the gateway
 * relays ciphertext and never sees the answers. An applicant's browser could send the answers of one
 * form under the LeiKa key of another (whose fee is not due before sending), or pay for cheap answers
 * and send expensive ones. This re-reads the answers against the published definition they name: the
 * service, the form's rules, and the fee recomputed from exactly these answers against the payment.
 *
 * Pure code for servers (the demo's inbox and a municipality's case system): no DOM, no I/O. It is
 * exported by `ozg-form/rules` as `checkApplication`.
 */
import { ajvEngine } from './ajv.js';
import { computeFees, formatAmount as euro } from './fees.js';
import { describeError } from './messages.js';
import { validatorAsOf } from './date-tolerance.js';
import { buildModel } from './model.js';
import { FormStore } from './store.js';
import type { JsonSchema, Lang } from './types.js';
import { FormValidator } from './validator.js';

export type ApplicationCheckCode = 'service-mismatch' | 'answers-invalid' | 'fee-unpaid' | 'fee-mismatch';

/** Something the case worker must know before deciding, in German and English. */
export interface ApplicationCheck {
  code: ApplicationCheckCode;
  text: Record<Lang, string>;
}

/** A decrypted application as the receiver has it. */
export interface ReceivedApplication {
  /** The LeiKa key the application was sent under (FIT-Connect `serviceType.identifier` without the
   * `urn:de:fim:leika:leistung:` prefix, which is accepted as well). */
  leika: string;
  /** The answers (`data` of the decrypted FIT-Connect data). */
  data: unknown;
  /** Integer cents of the payment bound to the application (XBezahldienste `grossAmount` × 100), or
   * undefined when there is none. */
  paidCents?: number | undefined;
  /** When it was sent: relative date rules ("today") are read as of then (default: now). A date that
   * was to be "not in the past" when sent is not wrong because the case is opened a week later. */
  sentAt?: Date | undefined;
}

const LEIKA_URN = 'urn:de:fim:leika:leistung:';

/** Answers up to this size (JSON characters) get their errors in the form's words. */
const MAX_WORDED_ANSWERS = 64 * 1024;

/**
 * The findings for one decrypted application against the definition of its form (with its `x-ozg`,
 * as published); an empty list means the application fits its form and its payment.
 * `compiled`: the `FormValidator` of this definition (`new FormValidator(definition,
 * ajvEngine(definition, { allErrors: false }))`: the first error decides, and collecting all is slow on
 * hostile answers); a server compiles it once per published version and passes it in. Without it, one
 * is compiled for this call.
 */
export function checkApplication(
  definition: JsonSchema,
  application: ReceivedApplication,
  compiled: FormValidator = new FormValidator(definition, ajvEngine(definition, { allErrors: false })),
): ApplicationCheck[] {
  const findings: ApplicationCheck[] = [];
  const validator = validatorAsOf(compiled, application.sentAt);
  const sentAs = application.leika.startsWith(LEIKA_URN)
    ? application.leika.slice(LEIKA_URN.length)
    : application.leika;
  const leika = ((definition['x-ozg'] ?? {}) as { leika?: unknown }).leika;
  if (typeof leika === 'string' && leika !== sentAs) {
    findings.push({
      code: 'service-mismatch',
      text: {
        de: `Eingereicht für die Leistung ${sentAs}, aber mit dem Formular der Leistung ${leika}.`,
        en: `Sent for the service ${sentAs}, but with the form of the service ${leika}.`,
      },
    });
  }
  const errors = validator.validateAll(application.data);
  if (errors.length) {
    const data = application.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      findings.push({
        code: 'answers-invalid',
        text: {
          de: 'Die Angaben sind kein JSON-Objekt mit den Antworten des Formulars.',
          en: "The answers are not a JSON object with the form's answers.",
        },
      });
      return findings;
    }
    // Anyone can send an application of up to 2 MiB. Wording the errors builds the form's store over
    // the answers, which for a list of 80,000 entries took 9 s: only answers of a size a person fills
    // in (the gateway's own limit for answers in plain text) are worded, others are listed as they are.
    const places =
      JSON.stringify(data).length <= MAX_WORDED_ANSWERS
        ? placesAsTheFormSaysThem(definition, data, validator)
        : undefined;
    const raw = errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    const text = (lang: Lang, lead: string) => {
      const said = places?.[lang] ?? [];
      const listed = said.length ? said.slice(0, 5) : raw;
      const count = said.length || errors.length;
      return `${lead} (${count}): ${listed.join(' ')}`;
    };
    findings.push({
      code: 'answers-invalid',
      text: {
        de: text('de', 'Die Angaben passen nicht zum Formular'),
        en: text('en', 'The answers do not fit the form'),
      },
    });
    // Fees of answers that break the form's rules are not worth computing.
    return findings;
  }
  let fees;
  try {
    fees = computeFees(definition, application.data, 'de');
  } catch {
    fees = undefined;
  }
  if (!fees || fees.policy === 'deferred' || fees.total === 0) return findings;
  const due = fees.total;
  const paid = application.paidCents;
  if (paid === undefined) {
    if (fees.policy === 'before-submission') {
      findings.push({
        code: 'fee-unpaid',
        text: {
          de: `Die Gebühr von ${euro(due, 'de')} ist vor dem Absenden zu bezahlen; für diesen Antrag liegt keine Zahlung vor.`,
          en: `The fee of ${euro(due, 'en')} is paid before sending; there is no payment for this application.`,
        },
      });
    }
  } else if (paid !== due) {
    findings.push({
      code: 'fee-mismatch',
      text: {
        de: `Bezahlt wurden ${euro(paid, 'de')}; nach diesen Angaben fällig sind ${euro(due, 'de')}.`,
        en: `${euro(paid, 'en')} was paid; these answers make ${euro(due, 'en')} due.`,
      },
    });
  }
  return findings;
}

/**
 * The errors of the answers as the form itself words them for the applicant, one sentence per question
 * with its place ("Bitte wählen Sie bei „Laufzeit“ eine Antwort aus. (/parkausweis/laufzeit)"), in both
 * languages; undefined when the definition cannot be read as a form (the validator's own words are
 * used then).
 */
function placesAsTheFormSaysThem(
  definition: JsonSchema,
  data: object,
  validator: FormValidator,
): Record<Lang, string[]> | undefined {
  try {
    const model = buildModel(definition, typeof definition.$id === 'string' ? definition.$id : 'form');
    const store = new FormStore(model, data as Record<string, unknown>);
    store.attachValidation({ validator, describe: describeError });
    const keys = model.root.children.map((child) => child.key);
    const found = store.validateFields(keys, true);
    const said = (lang: Lang) => {
      store.lang = lang;
      return store.reword(found).map((e) => `${e.message} (${e.pointer})`);
    };
    return { de: said('de'), en: said('en') };
  } catch {
    return undefined;
  }
}
