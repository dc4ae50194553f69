/** An `if` that looks at answers without requiring them matches an empty answer: the `then`
 * questions appear before the person chose anything (JSON Schema checks `properties` only of
 * answers that are there). Warn, and say what to add. */
import type { DefinitionProblem } from '../check.js';
import type { SchemaNode } from '../check-rules.js';
import { deref, isObj, list, warning, type Obj } from './walk.js';

export function checkIfWithoutRequired(root: Obj, nodes: SchemaNode[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { schema, pointer } of nodes) {
    if (!isObj(schema.if) || (!isObj(schema.then) && !isObj(schema.else))) continue;
    const condition = deref(root, schema.if, `${pointer}/if`).schema;
    if (!isObj(condition.properties)) continue;
    const required = Array.isArray(condition.required) ? condition.required : [];
    const loose = Object.keys(condition.properties).filter((name) => !required.includes(name));
    if (loose.length === 0) continue;
    const names = list(loose.map((n) => `"${n}"`));
    problems.push(
      warning(
        `${pointer}/if`,
        `Die Bedingung prüft ${names}, verlangt ${loose.length > 1 ? 'die Antworten' : 'die Antwort'} aber nicht: Ohne Antwort gilt sie als erfüllt, und die Fragen aus then erscheinen, bevor die Person etwas gewählt hat. Ergänzen Sie im if "required": [${names}].`,
        `The condition looks at ${names} but does not require ${loose.length > 1 ? 'them' : 'it'}: with no answer it counts as met, and the questions of then appear before the person chose anything. Add "required": [${names}] to the if.`,
      ),
    );
  }
  return problems;
}
