/**
 * The text with each lone CR (an old Mac line end) turned into LF. The length and every offset
 * stay as they were, and LF, CR LF and CR end the same lines as before (as LSP, Markdown and
 * YAML count them), so the code that reads drafts and YAML needs to know only LF and CR LF:
 * `\r\r\n` becomes `\n\r\n`, two line ends either way.
 */
export function normaliseLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
