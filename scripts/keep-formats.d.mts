/** The formats of ajv-formats' table the browser bundle keeps (keep-formats.mjs). */
export declare const BROWSER_FORMATS: string[];
/** `code` with `export const fullFormats = {…}` reduced to the entries named in `keep` (`program`: its ESTree). */
export declare function keepFormats(code: string, program: unknown, keep: string[]): string;
