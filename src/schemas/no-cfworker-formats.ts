// Stands in for @cfworker/json-schema's format.js in the script-tag bundle (vite.config.ts resolves it
// here). interpret.ts empties cfworker's table of formats and fills it with ajv-formats' and the German
// formats, the same functions the server's Ajv uses, so cfworker's own format tests (about 6 KB) were
// shipped and never called.
export const format: Record<string, (value: string) => boolean> = {};
