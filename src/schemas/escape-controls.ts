/**
 * Text from a definition or a FIM file, for a terminal: its control characters (C0, DEL, C1, the line
 * break too) written as `\u001b`. Printed unchanged, an escape sequence in a name could move the cursor,
 * clear lines and hide the errors above it, or a line break could fake a line of the report.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
