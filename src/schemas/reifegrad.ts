/**
 * OZG Reifegrad (maturity, model 1.1) of a definition as configured. Level 2: an online form, but
 * Nachweise, payment or the Bescheid still take paper; level 3 ("OZG-konform"): the application with
 * all Nachweise online, a Nutzerkonto at the trust level the service asks, ePayment where fees apply,
 * and a digital return channel for the Bescheid. The weakest criterion decides. Level 4 (once-only:
 * evidence fetched from registers) cannot be configured in a definition, so the estimate stops at 3.
 * Pure function, no I/O: used by ozg-form-check and the playground.
 */
import { LEIKA } from './check/service.js';
import { isObj, questions, type Obj } from './check/walk.js';

export type Text = { de: string; en: string };

export interface ReifegradCriterion {
  id: 'submission' | 'account' | 'evidence' | 'payment' | 'reply';
  met: boolean;
  /** What the definition does, in a sentence. */
  reason: Text;
  /** What to configure to meet the criterion (only when not met). */
  todo?: Text;
}

export interface ReifegradEstimate {
  level: 2 | 3;
  criteria: ReifegradCriterion[];
  /** The next level and what it takes. */
  next: { level: 3 | 4; missing: Text[] };
}

export interface ReifegradOptions {
  /** Whether the page embeds the form with a `gateway` attribute (default: assumed). */
  gateway?: boolean;
}

/** Texts that send applicants to paper: "reichen Sie … nach", "per Post", "vorlegen", … Whole words only:
 * "per Postfach" is a mailbox, not paper. */
const PAPER =
  /(\bnachreich|\breichen\s+sie\b[^.]*\bnach\b|\bper\s+post\b|\bpostalisch|\bpersönlich\s+vor(bei|zu)|\bvor(zu)?legen\b|\bim\s+original\b|\bin\s+papierform\b|\bausgedruckt|\beinsenden\b|\bby\s+post\b|\bin\s+paper\s+form\b|\bhand\s+(it\s+|them\s+)?in\s+later\b)/i;
const LEVEL_NAMES: Record<string, Text> = {
  basisregistriert: { de: 'basisregistriert', en: 'basic registration' },
  substantiell: { de: 'substantiell', en: 'substantial' },
  hoch: { de: 'hoch', en: 'high' },
};

const ACCOUNT_VALUES = {
  login: ['optional', 'required', 'offered'],
  trustLevel: ['basisregistriert', 'substantiell', 'hoch'],
} as const;

/** The texts of one node, German and (from `i18n.en`) English, each with its pointer below `at`:
 * title, description, help (`xAt`: where the node keeps `help` and `i18n`). */
function textsOf(node: Obj, x: Obj, at: string, xAt: string): Array<[string, string]> {
  const en = isObj(x.i18n) && isObj(x.i18n.en) ? x.i18n.en : {};
  const found: Array<[unknown, string]> = [
    [node.title, `${at}/title`],
    [node.description, `${at}/description`],
    [x.help, `${xAt}/help`],
    ...['title', 'description', 'help'].map((k): [unknown, string] => [en[k], `${xAt}/i18n/en/${k}`]),
  ];
  return found.filter((t): t is [string, string] => typeof t[0] === 'string');
}

const texts = (schema: Obj): string[] =>
  textsOf(schema, isObj(schema['x-ozg']) ? schema['x-ozg'] : {}, '', '').map(([t]) => t);

/** The first text of the definition that sends the applicant to paper: root, steps, questions. */
function paperText(root: Obj, all: ReturnType<typeof questions>): { label: Text; pointer: string } | undefined {
  const x = isObj(root['x-ozg']) ? root['x-ozg'] : {};
  const atRoot = textsOf(root, x, '', '/x-ozg').find(([t]) => PAPER.test(t));
  if (atRoot) return { label: { de: 'der Definition', en: 'of the definition' }, pointer: atRoot[1] };
  const steps = Array.isArray(x.steps) ? x.steps : [];
  for (const [i, step] of steps.entries()) {
    if (!isObj(step)) continue;
    const hit = textsOf(step, step, `/x-ozg/steps/${i}`, `/x-ozg/steps/${i}`).find(([t]) => PAPER.test(t));
    if (!hit) continue;
    const title = String(step.title ?? step.id ?? i + 1);
    return { label: { de: `des Schritts „${title}“`, en: `of the step "${title}"` }, pointer: hit[1] };
  }
  const q = all.find((q) => texts(q.schema).some((t) => PAPER.test(t)) || texts(q.declared).some((t) => PAPER.test(t)));
  if (!q) return undefined;
  const title = String(q.declared.title ?? q.schema.title ?? q.name);
  return { label: { de: `bei „${title}“`, en: `of "${title}"` }, pointer: q.pointer };
}

/** The `x-ozg.account` settings the estimate does not know ("login": "never"), in words. */
function invalidAccount(account: Obj): Text[] {
  return (Object.keys(ACCOUNT_VALUES) as Array<keyof typeof ACCOUNT_VALUES>)
    .filter((key) => key in account && !(ACCOUNT_VALUES[key] as readonly unknown[]).includes(account[key]))
    .map((key) => {
      const allowed = ACCOUNT_VALUES[key].map((v) => `"${v}"`).join(', ');
      const value = JSON.stringify(account[key]) ?? String(account[key]);
      return { de: `${key} ${value} (möglich: ${allowed})`, en: `${key} ${value} (allowed: ${allowed})` };
    });
}

export function estimateReifegrad(definition: unknown, options: ReifegradOptions = {}): ReifegradEstimate {
  const root = isObj(definition) ? definition : {};
  const x = isObj(root['x-ozg']) ? root['x-ozg'] : {};
  let all: ReturnType<typeof questions> = [];
  try {
    all = questions(root);
  } catch {
    all = [];
  }
  const criteria: ReifegradCriterion[] = [];

  // Submission: FIT-Connect needs the LeiKa key and the gateway.
  const leika = typeof x.leika === 'string' && LEIKA.test(x.leika);
  const online = leika && options.gateway !== false;
  criteria.push(
    online
      ? {
          id: 'submission',
          met: true,
          reason: {
            de: `Der Antrag wird Ende-zu-Ende-verschlüsselt über FIT-Connect gesendet (LeiKa ${String(x.leika)}, Attribut gateway).`,
            en: `The application is sent end-to-end encrypted through FIT-Connect (LeiKa ${String(x.leika)}, gateway attribute).`,
          },
        }
      : {
          id: 'submission',
          met: false,
          reason: leika
            ? {
                de: 'Die Seite bindet das Formular ohne gateway ein: Der Antrag wird nicht gesendet.',
                en: 'The page embeds the form without gateway: the application is not sent.',
              }
            : {
                de: 'Ohne gültigen LeiKa-Schlüssel kann der Antrag nicht über FIT-Connect gesendet werden.',
                en: 'Without a valid LeiKa key the application cannot be sent through FIT-Connect.',
              },
          // only what is missing: with a LeiKa key, the embedding
          todo: leika
            ? {
                de: 'Das Formular mit gateway="/gateway/v1" einbinden.',
                en: 'Embed the form with gateway="/gateway/v1".',
              }
            : {
                de: 'x-ozg.leika (14 Ziffern, beginnend mit 99) angeben und das Formular mit gateway="/gateway/v1" einbinden.',
                en: 'Set x-ozg.leika (14 digits starting with 99) and embed the form with gateway="/gateway/v1".',
              },
        },
  );

  // Nutzerkonto at the level the service asks.
  const configured = isObj(x.account) ? x.account : undefined;
  const invalid = configured ? invalidAccount(configured) : [];
  const account = invalid.length ? undefined : configured;
  if (configured && invalid.length) {
    criteria.push({
      id: 'account',
      met: false,
      reason: {
        de: `x-ozg.account hat unbekannte Werte: ${invalid.map((i) => i.de).join('; ')}. Ob und wie eine Anmeldung angeboten wird, ist so nicht bestimmt.`,
        en: `x-ozg.account has unknown values: ${invalid.map((i) => i.en).join('; ')}. Whether and how a login is offered is not settled that way.`,
      },
      todo: {
        de: 'In x-ozg.account nur bekannte Werte angeben: login "optional", "required" oder "offered"; trustLevel "basisregistriert", "substantiell" oder "hoch".',
        en: 'Use only known values in x-ozg.account: login "optional", "required" or "offered"; trustLevel "basisregistriert", "substantiell" or "hoch".',
      },
    });
  } else if (account) {
    const login = typeof account.login === 'string' ? account.login : 'optional';
    const level =
      LEVEL_NAMES[typeof account.trustLevel === 'string' ? account.trustLevel : 'basisregistriert'] ??
      LEVEL_NAMES.basisregistriert!;
    const how: Text =
      login === 'offered'
        ? { de: 'jedes Vertrauensniveau willkommen', en: 'any trust level welcome' }
        : {
            de: `Vertrauensniveau mindestens ${level.de}, Anmeldung ${login === 'required' ? 'verlangt' : 'freiwillig'}`,
            en: `trust level at least ${level.en}, login ${login === 'required' ? 'required' : 'optional'}`,
          };
    criteria.push({
      id: 'account',
      met: true,
      reason: {
        de: `Anmeldung mit Nutzerkonto angeboten (${how.de}).`,
        en: `Login with a user account offered (${how.en}).`,
      },
    });
  } else {
    criteria.push({
      id: 'account',
      met: false,
      reason: {
        de: 'Kein Nutzerkonto: Die Person kann sich nicht anmelden, nichts wird vorausgefüllt.',
        en: 'No user account: the person cannot log in, nothing is prefilled.',
      },
      todo: {
        de: 'x-ozg.account mit login und dem nötigen trustLevel angeben, z. B. { "login": "optional", "trustLevel": "substantiell" }.',
        en: 'Add x-ozg.account with login and the trust level needed, e.g. { "login": "optional", "trustLevel": "substantiell" }.',
      },
    });
  }

  // Nachweise: uploadable, and no text sends the applicant to paper.
  const files = all.filter((q) => q.kind === 'file');
  const paper = paperText(root, all);
  const fileNames = [...new Set(files.map((q) => String(q.schema.title ?? q.declared.title ?? q.name)))].join(', ');
  if (paper) {
    criteria.push({
      id: 'evidence',
      met: false,
      reason: {
        de: `Ein Nachweis geht nicht online: Der Text ${paper.label.de} (${paper.pointer}) verlangt, ihn nachzureichen oder vorzulegen.`,
        en: `A Nachweis is not online: the text ${paper.label.en} (${paper.pointer}) asks to hand it in later or show it.`,
      },
      todo: {
        de: 'Den Nachweis als Dateifrage (type array mit x-ozg.file) hochladen lassen und den Hinweis auf Papier entfernen.',
        en: 'Let the Nachweis be uploaded as a file question (type array with x-ozg.file) and remove the reference to paper.',
      },
    });
  } else {
    criteria.push({
      id: 'evidence',
      met: true,
      reason: files.length
        ? { de: `Nachweise werden hochgeladen (${fileNames}).`, en: `Nachweise are uploaded (${fileNames}).` }
        : { de: 'Der Antrag verlangt keine Nachweise.', en: 'The application asks for no Nachweise.' },
    });
  }

  // ePayment where fees apply.
  const fees = isObj(x.fees) ? x.fees : undefined;
  if (!fees) {
    criteria.push({ id: 'payment', met: true, reason: { de: 'Keine Gebühren.', en: 'No fees.' } });
  } else if (fees.policy === 'before-submission' || fees.policy === 'optional') {
    criteria.push({
      id: 'payment',
      met: true,
      reason:
        fees.policy === 'optional'
          ? {
              de: 'Gebühren können online bezahlt werden (ePayment, XBezahldienste; wahlweise Rechnung).',
              en: 'Fees can be paid online (ePayment, XBezahldienste; or by invoice).',
            }
          : {
              de: 'Gebühren werden vor dem Absenden online bezahlt (ePayment, XBezahldienste).',
              en: 'Fees are paid online before sending (ePayment, XBezahldienste).',
            },
    });
  } else {
    criteria.push({
      id: 'payment',
      met: false,
      reason: {
        de: 'Gebühren werden nicht online bezahlt, sondern mit dem Bescheid in Rechnung gestellt (policy deferred).',
        en: 'Fees are not paid online but invoiced with the decision (policy deferred).',
      },
      todo: {
        de: 'fees.policy "optional" oder "before-submission" wählen, damit online bezahlt werden kann.',
        en: 'Choose fees.policy "optional" or "before-submission" so the fee can be paid online.',
      },
    });
  }

  // Return channel for the Bescheid: the BundID Postfach after a login, or e-mail from an answer.
  const email = all.some((q) => !q.inRepeat && q.kind === 'leaf' && q.schema.format === 'email');
  const channels: Text[] = [];
  if (account)
    channels.push({ de: 'Postfach des Nutzerkontos nach Anmeldung', en: "the user account's mailbox after login" });
  if (email) channels.push({ de: 'E-Mail an die angegebene Adresse', en: 'e-mail to the address given' });
  if (online && channels.length) {
    criteria.push({
      id: 'reply',
      met: true,
      reason: {
        de: `Rückkanal für den Bescheid: ${channels.map((c) => c.de).join(' oder ')} (wenn die Empfangsstelle ihn anbietet); Status im Postfach (<ozg-mailbox>).`,
        en: `Return channel for the decision: ${channels.map((c) => c.en).join(' or ')} (when the destination offers it); status in the mailbox (<ozg-mailbox>).`,
      },
    });
  } else {
    criteria.push({
      id: 'reply',
      met: false,
      reason: online
        ? {
            de: 'Kein digitaler Rückkanal: weder Nutzerkonto noch eine E-Mail-Frage; der Bescheid käme per Post.',
            en: 'No digital return channel: neither a user account nor an e-mail question; the decision would come by post.',
          }
        : {
            de: 'Ohne Übermittlung über FIT-Connect gibt es keinen Rückkanal für den Bescheid.',
            en: 'Without submission through FIT-Connect there is no return channel for the decision.',
          },
      // only what is missing: with a return channel configured, the submission (its own todo says how)
      todo: channels.length
        ? { de: 'Über FIT-Connect senden (siehe oben).', en: 'Send through FIT-Connect (see above).' }
        : {
            de: 'Ein Nutzerkonto anbieten oder nach der E-Mail-Adresse fragen ("format": "email"), und über FIT-Connect senden.',
            en: 'Offer a user account or ask for the e-mail address ("format": "email"), and send through FIT-Connect.',
          },
    });
  }

  const unmet = criteria.filter((c) => !c.met);
  if (unmet.length) return { level: 2, criteria, next: { level: 3, missing: unmet.map((c) => c.todo!) } };
  const prefills = all.some((q) => isObj(q.schema['x-ozg']) && typeof q.schema['x-ozg'].prefill === 'string');
  return {
    level: 3,
    criteria,
    next: {
      level: 4,
      missing: [
        {
          de: 'Once-only: Nachweise direkt aus den Registern abrufen (NOOTS) statt hochladen lassen – das lässt sich nicht in der Definition einstellen.',
          en: 'Once-only: fetch Nachweise directly from the registers (NOOTS) instead of uploads – this cannot be set in the definition.',
        },
        ...(prefills
          ? []
          : [
              {
                de: 'Daten aus dem Nutzerkonto übernehmen (x-ozg.prefill), damit niemand sie erneut eintippt.',
                en: 'Take data over from the user account (x-ozg.prefill) so nobody types it again.',
              },
            ]),
      ],
    },
  };
}

/** A few lines for the command line: the level, each criterion, what the next level needs. */
export function formatReifegrad(estimate: ReifegradEstimate, lang: 'de' | 'en'): string {
  const head =
    lang === 'de'
      ? `OZG-Reifegrad (Modell 1.1, geschätzt): ${estimate.level}${estimate.level >= 3 ? ' – OZG-konform' : ''}`
      : `OZG Reifegrad (model 1.1, estimated): ${estimate.level}${estimate.level >= 3 ? ' – OZG-compliant' : ''}`;
  const lines = estimate.criteria.map((c) => `  ${c.met ? '✓' : '✗'} ${c.reason[lang]}`);
  const next = lang === 'de' ? `  Für Stufe ${estimate.next.level}:` : `  For level ${estimate.next.level}:`;
  return [head, ...lines, next, ...estimate.next.missing.map((m) => `    - ${m[lang]}`)].join('\n');
}
