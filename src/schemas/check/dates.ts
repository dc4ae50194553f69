/** Date rules (`x-ozg.date`, see schemas/date-rules.ts): only on date questions, and a bound "/name"
 * names another question of the same object. */
import type { DefinitionProblem } from '../check.js';
import type { SchemaNode } from '../check-rules.js';
import { deref, esc, isObj, list, problem, propertyNames, warning, type Obj } from './walk.js';

export function checkDateRules(root: Obj, nodes: SchemaNode[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { schema, pointer } of nodes) {
    if (!isObj(schema.properties)) continue;
    const names = propertyNames(root, schema, pointer);
    for (const [name, declared] of Object.entries(schema.properties)) {
      if (!isObj(declared)) continue;
      const at = `${pointer}/properties/${esc(name)}`;
      const question = deref(root, declared, at).schema;
      const x = isObj(declared['x-ozg']) ? declared['x-ozg'] : isObj(question['x-ozg']) ? question['x-ozg'] : {};
      if (question.format === 'time' || question.format === 'date-time')
        problems.push(timeFormat(at, name, question.format));
      if (!isObj(x.date)) continue;
      if (question.format !== 'date') {
        problems.push(
          problem(
            `${at}/x-ozg/date`,
            `x-ozg.date steht an „${name}“, einer Frage ohne "format": "date"; die Regel bliebe wirkungslos. Ergänzen Sie "format": "date" oder entfernen Sie x-ozg.date.`,
            `x-ozg.date is on "${name}", a question without "format": "date"; the rule would have no effect. Add "format": "date" or remove x-ozg.date.`,
          ),
        );
      }
      for (const [comparison, bound] of Object.entries(x.date)) {
        if (typeof bound !== 'string' || !bound.startsWith('/')) continue;
        const other = bound.slice(1);
        if (names.has(other) && other !== name) continue;
        problems.push(
          problem(
            `${at}/x-ozg/date/${comparison}`,
            `„${bound}“ nennt keine andere Frage desselben Objekts. Möglich sind: ${list([...names].filter((n) => n !== name).map((n) => `/${n}`))}.`,
            `"${bound}" names no other question of the same object. Possible are: ${list([...names].filter((n) => n !== name).map((n) => `/${n}`))}.`,
          ),
        );
      }
    }
  }
  return problems;
}

/** JSON Schema's `time` and `date-time` are RFC 3339 with seconds and a time zone (14:30:00+01:00),
 * which almost nobody types; the message can only say so. */
function timeFormat(at: string, name: string, format: 'time' | 'date-time'): DefinitionProblem {
  return format === 'time'
    ? warning(
        `${at}/format`,
        `„${name}“ hat "format": "time": gültig ist nur eine Uhrzeit nach RFC 3339 mit Sekunden und Zeitzone (14:30:00+01:00), die kaum jemand so eintippt. Für eine Uhrzeit wie 14:30 schreiben Sie statt format "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$" (wie im Demo-Formular Sondernutzung).`,
        `"${name}" has "format": "time": only an RFC 3339 time with seconds and a time zone (14:30:00+01:00) is valid, which almost nobody types. For a time like 14:30 write "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$" instead of format (as in the Sondernutzung demo form).`,
      )
    : warning(
        `${at}/format`,
        `„${name}“ hat "format": "date-time": gültig ist nur ein Zeitpunkt nach RFC 3339 mit Zeitzone (2026-12-24T14:30:00+01:00), den kaum jemand so eintippt. Fragen Sie Datum ("format": "date") und Uhrzeit (ein "pattern" wie ^([01][0-9]|2[0-3]):[0-5][0-9]$) getrennt.`,
        `"${name}" has "format": "date-time": only an RFC 3339 timestamp with a time zone (2026-12-24T14:30:00+01:00) is valid, which almost nobody types. Ask for the date ("format": "date") and the time (a "pattern" such as ^([01][0-9]|2[0-3]):[0-5][0-9]$) separately.`,
      );
}
