/**
 * Checks of the service on the root: the LeiKa key, and the fees with their payment policy, purpose,
 * amounts and conditions. Messages say what to write ("14 Ziffern, beginnend mit 99"), not a regex.
 */
import type { DefinitionProblem } from '../check.js';
import { deref as derefFee, resolve } from '../check-fees.js';
import { choiceValues, isObj, list, problem, warning, type Obj } from './walk.js';

export const LEIKA = /^99\d{12}$/;

export function checkLeika(root: Obj): DefinitionProblem[] {
  const x = isObj(root['x-ozg']) ? root['x-ozg'] : {};
  if (!('leika' in x)) {
    return [
      warning(
        '/x-ozg',
        'Ohne x-ozg.leika (der LeiKa-Schlüssel der Leistung: 14 Ziffern, beginnend mit 99) kann der Antrag nicht über FIT-Connect gesendet werden.',
        'Without x-ozg.leika (the LeiKa key of the service: 14 digits starting with 99) the application cannot be sent through FIT-Connect.',
      ),
    ];
  }
  if (typeof x.leika === 'string' && LEIKA.test(x.leika)) return [];
  const digits = String(x.leika).replace(/\D/g, '');
  return [
    problem(
      '/x-ozg/leika',
      `Der LeiKa-Schlüssel „${String(x.leika)}“ ist ungültig: Er hat 14 Ziffern, beginnend mit 99 (z. B. "99108004001000"), als Text in Anführungszeichen${digits.length !== 14 ? `; hier sind es ${digits.length} Ziffern` : ''}.`,
      `The LeiKa key "${String(x.leika)}" is invalid: it has 14 digits starting with 99 (e.g. "99108004001000"), as a string in quotes${digits.length !== 14 ? `; this one has ${digits.length} digits` : ''}.`,
    ),
  ];
}

const transliterate = (text: string): string =>
  text
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9 -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 27);

const euro = (cents: number): string =>
  (cents / 100).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Values of a fee condition that the question it looks at can never have. */
function conditionValues(root: Obj, cond: Obj, at: string, from: Obj): DefinitionProblem[] {
  if (typeof cond.pointer !== 'string') return [];
  const question = resolve(root, from, cond.pointer);
  const values = question ? choiceValues(root, question) : undefined;
  if (!values) return [];
  const known = values.map((v) => JSON.stringify(v));
  const found: DefinitionProblem[] = [];
  const test = (value: unknown, where: string) => {
    if (known.includes(JSON.stringify(value))) return;
    found.push(
      problem(
        where,
        `Die Bedingung vergleicht „${cond.pointer}“ mit ${JSON.stringify(value)}, aber diese Frage kann nur ${list(known)} haben – die Gebühr würde nie (oder immer) berechnet. Schreiben Sie einen dieser Werte, mit demselben Typ (12 ist nicht "12").`,
        `The condition compares "${cond.pointer}" with ${JSON.stringify(value)}, but that question can only be ${list(known)} – the fee would never (or always) be charged. Write one of these values, of the same type (12 is not "12").`,
      ),
    );
  };
  if ('equals' in cond) test(cond.equals, `${at}/equals`);
  for (const key of ['in', 'contains'])
    if (Array.isArray(cond[key])) (cond[key] as unknown[]).forEach((v, i) => test(v, `${at}/${key}/${i}`));
  return found;
}

export function checkFeeRules(root: Obj): DefinitionProblem[] {
  const x = isObj(root['x-ozg']) ? root['x-ozg'] : {};
  const fees = x.fees;
  if (!isObj(fees)) return [];
  const problems: DefinitionProblem[] = [];
  if (!('policy' in fees)) {
    problems.push(
      problem(
        '/x-ozg/fees',
        'Die Gebühren haben keine Zahlungsregel. Ergänzen Sie "policy": "before-submission" (vor dem Absenden online bezahlen), "optional" (jetzt bezahlen oder Rechnung) oder "deferred" (Rechnung mit dem Bescheid).',
        'The fees have no payment policy. Add "policy": "before-submission" (pay online before sending), "optional" (pay now or by invoice) or "deferred" (invoice with the decision).',
      ),
    );
  }
  if (typeof fees.purpose === 'string' && (!/^[A-Za-z0-9 -]+$/.test(fees.purpose) || fees.purpose.length > 27)) {
    problems.push(
      problem(
        '/x-ozg/fees/purpose',
        `Der Verwendungszweck „${fees.purpose}“ erscheint auf dem Kontoauszug und darf höchstens 27 Zeichen haben: Buchstaben, Ziffern, Leerzeichen und Bindestrich, ohne Umlaute (ae, oe, ue, ss). Zum Beispiel: "${transliterate(fees.purpose)}".`,
        `The payment purpose "${fees.purpose}" appears on the bank statement and may have at most 27 characters: letters, digits, space and hyphen, without umlauts (ae, oe, ue, ss). For example: "${transliterate(fees.purpose)}".`,
      ),
    );
  }
  if (!Array.isArray(fees.items)) return problems;
  fees.items.forEach((item, i) => {
    if (!isObj(item)) return;
    const at = `/x-ozg/fees/items/${i}`;
    const amount = item.amount;
    const asNumber = typeof amount === 'string' ? Number(amount.replace(',', '.')) : amount;
    if (
      typeof asNumber === 'number' &&
      Number.isFinite(asNumber) &&
      (typeof amount !== 'number' || !Number.isInteger(amount))
    ) {
      const cents = Math.round(asNumber * 100);
      problems.push(
        problem(
          `${at}/amount`,
          `Beträge stehen in Cent (1050 für 10,50 €), als ganze Zahl ohne Anführungszeichen. Meinen Sie ${cents} (${euro(cents)} €)?`,
          `Amounts are in cents (1050 for 10.50 €), as a whole number without quotes. Did you mean ${cents} (${euro(cents)} €)?`,
        ),
      );
    } else if (typeof amount === 'number' && amount > 0 && amount < 100 && item.quantity === undefined) {
      problems.push(
        warning(
          `${at}/amount`,
          `${amount} bedeutet ${euro(amount)} €: Beträge stehen in Cent (1050 für 10,50 €). Meinen Sie ${amount * 100} (${euro(amount * 100)} €)?`,
          `${amount} means ${euro(amount)} €: amounts are in cents (1050 for 10.50 €). Did you mean ${amount * 100} (${euro(amount * 100)} €)?`,
        ),
      );
    }
    const whens = Array.isArray(item.when) ? item.when : item.when ? [item.when] : [];
    whens.forEach((cond, j) => {
      if (isObj(cond))
        problems.push(
          ...conditionValues(root, cond, Array.isArray(item.when) ? `${at}/when/${j}` : `${at}/when`, root),
        );
    });
    const quantities = Array.isArray(item.quantity) ? item.quantity : item.quantity ? [item.quantity] : [];
    quantities.forEach((q, j) => {
      if (!isObj(q) || typeof q.count !== 'string' || !isObj(q.where)) return;
      const group = resolve(root, root, q.count);
      const entry = group ? derefFee(root, group.items) : undefined;
      if (entry)
        problems.push(
          ...conditionValues(
            root,
            q.where,
            `${at}/quantity${Array.isArray(item.quantity) ? `/${j}` : ''}/where`,
            entry,
          ),
        );
    });
  });
  return problems;
}
