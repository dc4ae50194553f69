/**
 * Where JSON.parse stopped, from the browser's message: Chromium says "… at position 99 (line 5
 * column 44)", Firefox "… at line 5 column 44 of the JSON data", both end-of-input messages mean the
 * end of the text. Messages without a place ("Unexpected token 'x', … is not valid JSON", Safari's)
 * give undefined; the caller then looks for the place itself.
 */

export interface JsonErrorPlace {
  /** Offset in the text (0-based). */
  from: number;
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

/** The line and column (1-based) of an offset in the text; offsets past the end count as the end. */
export function placeAt(text: string, offset: number): JsonErrorPlace {
  const from = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, from);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { from, line: before.split('\n').length, column: from - lineStart + 1 };
}

/** The offset of a 1-based line and column, clamped to the text (and to the line). */
function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  const index = Math.max(0, Math.min(line, lines.length) - 1);
  let offset = 0;
  for (let i = 0; i < index; i++) offset += lines[i]!.length + 1;
  return offset + Math.max(0, Math.min(column - 1, lines[index]!.length));
}

/** The place JSON.parse's message names in the text, or undefined when it names none. */
export function jsonErrorPlace(message: string, text: string): JsonErrorPlace | undefined {
  // the position is an offset into the text JSON.parse got, exactly; line and column are derived from it
  const position = /\bposition (\d+)/i.exec(message);
  if (position) return placeAt(text, Number(position[1]));
  const lineColumn = /\bline (\d+),? column (\d+)/i.exec(message);
  if (lineColumn) return placeAt(text, offsetOf(text, Number(lineColumn[1]), Number(lineColumn[2])));
  if (/end of (JSON )?(input|data)/i.test(message)) return placeAt(text, text.length);
  return undefined;
}
