/**
 * A case worker's plain text split into paragraphs at blank lines; single line breaks stay inside a
 * paragraph. Used for the Bescheid's PDF and for showing it as text in the mailbox (never as HTML).
 */
export function paragraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
