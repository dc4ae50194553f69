/** The checker's part for `x-ozg`: every annotation against x-ozg.meta.json, one sentence per error. */
import type { ErrorObject } from 'ajv';
import {
  esc,
  german,
  list,
  problem,
  type CheckEngine,
  type DefinitionProblem,
  type Obj,
  type SchemaNode,
} from './check-nodes.js';

// ---- x-ozg meta-schema -------------------------------------------------------------------------

/** One sentence per x-ozg error; pointer points at the offending key. */
function xOzgProblem(error: ErrorObject, base: string): DefinitionProblem | undefined {
  const params = error.params as Obj;
  const pointer = base + error.instancePath;
  const last = error.instancePath.split('/').pop() ?? '';
  // the key's name, or its path when it is an array entry ('x-ozg/steps/1')
  const key = last === '' ? 'x-ozg' : /^\d+$/.test(last) ? `x-ozg${error.instancePath}` : last;
  if (error.keyword === 'propertyNames') return undefined; // the inner error names the key
  if (error.keyword === 'additionalProperties' || error.propertyName !== undefined) {
    const bad = String(error.propertyName ?? params.additionalProperty);
    const parent = error.parentSchema as Obj | undefined;
    const allowed =
      error.propertyName !== undefined
        ? ((params.allowedValues as unknown[]) ?? [])
        : Object.keys(parent?.properties ?? {});
    return problem(
      `${pointer}/${esc(bad)}`,
      `Unbekannter Schlüssel „${bad}“ in ${key}. Erlaubt sind: ${list(allowed)}. Bitte prüfen Sie die Schreibweise.`,
      `Unknown key "${bad}" in ${key}. Allowed are: ${list(allowed)}. Check the spelling.`,
    );
  }
  switch (error.keyword) {
    case 'enum': {
      // x-ozg.widget may also name a custom element, which needs a hyphen: say so, or nobody finds out
      const element = key === 'widget';
      return problem(
        pointer,
        `„${String(error.data)}“ ist kein gültiger Wert für ${key}. Erlaubt sind: ${list(params.allowedValues as unknown[])}${element ? ' oder der Name eines Custom Elements mit Bindestrich (mein-widget)' : ''}.`,
        `"${String(error.data)}" is not a valid value for ${key}. Allowed are: ${list(params.allowedValues as unknown[])}${element ? ', or the name of a custom element with a hyphen (my-widget)' : ''}.`,
      );
    }
    case 'required':
      return problem(
        pointer,
        `In ${key} fehlt der Schlüssel „${String(params.missingProperty)}“. Bitte ergänzen Sie ihn.`,
        `${key} lacks the key "${String(params.missingProperty)}". Add it.`,
      );
    case 'type':
      return problem(
        pointer,
        `${key} muss vom Typ ${String(params.type)} sein.`,
        `${key} must be of type ${String(params.type)}.`,
      );
    case 'pattern':
      return problem(
        pointer,
        `Der Wert „${String(error.data)}“ von ${key} hat nicht das erwartete Format (${String(params.pattern)}).`,
        `The value "${String(error.data)}" of ${key} does not have the expected format (${String(params.pattern)}).`,
      );
    default:
      return problem(pointer, `${key} ${german(error)}.`, `${key} ${error.message}.`);
  }
}

export function checkXOzg(nodes: SchemaNode[], engine: CheckEngine): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { schema, pointer } of nodes) {
    if (!('x-ozg' in schema)) continue;
    for (const error of engine.xOzgErrors(pointer === '' ? 'root' : 'field', schema['x-ozg'])) {
      const found = xOzgProblem(error, `${pointer}/x-ozg`);
      if (found && !problems.some((p) => p.pointer === found.pointer)) problems.push(found);
    }
  }
  return problems;
}
