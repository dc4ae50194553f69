/** Date rules (`x-ozg.date`, see schemas/date-rules.ts): only on date questions, and a bound "/name"
 * names another question of the same object. */
import type { DefinitionProblem } from '../check.js';
import type { SchemaNode } from '../check-rules.js';
import { deref, esc, isObj, list, problem, propertyNames, type Obj } from './walk.js';

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
