// The formats the browser bundle keeps of ajv-formats' `fullFormats` (vite.config.ts,
// ozg-browser-formats-only): those a definition may use (FORMAT_NAMES in src/schemas/interpret.ts,
// German ones aside) and uuid, which the FIT-Connect metadata uses.
export const BROWSER_FORMATS = ['date', 'time', 'date-time', 'uri', 'email', 'uuid'];

/**
 * `code` (ajv-formats' formats module as JavaScript) with the object literal of `export const
 * fullFormats = {…}` reduced to the entries named in `keep`, found through the module's syntax tree
 * (`program`, ESTree). Throws when the table or one of the kept entries is not there, so a new version
 * of ajv-formats that moves them stops the build instead of leaving a format out.
 * @param {string} code
 * @param {any} program
 * @param {string[]} keep
 * @returns {string}
 */
export function keepFormats(code, program, keep) {
  const declaration = program.body
    .filter((node) => node.type === 'ExportNamedDeclaration' && node.declaration?.type === 'VariableDeclaration')
    .flatMap((node) => node.declaration.declarations)
    .find((d) => d.id.type === 'Identifier' && d.id.name === 'fullFormats');
  const table = declaration?.init;
  if (table?.type !== 'ObjectExpression') throw new Error('keep-formats: no "export const fullFormats = {…}" found');
  const nameOf = (property) =>
    property.type !== 'Property' || property.computed
      ? undefined
      : property.key.type === 'Identifier'
        ? property.key.name
        : property.key.value;
  const kept = table.properties.filter((property) => keep.includes(nameOf(property)));
  const missing = keep.filter((name) => !kept.some((property) => nameOf(property) === name));
  if (missing.length) throw new Error(`keep-formats: fullFormats has no ${missing.join(', ')}`);
  const body = kept.map((property) => code.slice(property.start, property.end)).join(',\n');
  return `${code.slice(0, table.start)}{\n${body}\n}${code.slice(table.end)}`;
}
