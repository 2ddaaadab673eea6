/**
 * Characters that a terminal acts on instead of showing: C0 controls (ESC starts colour, cursor
 * and OSC sequences such as window titles and hyperlinks; CR and LF start lines), DEL, C1
 * controls (U+009B is a one-character CSI) and the bidirectional overrides and isolates, which
 * make text read in another order than it is stored (U+202A–U+202E, U+2066–U+2069, and the marks
 * U+200E, U+200F, U+061C).
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from files and the network (file names, titles, messages quoting them) as the terminal
 * should show it: every such character written out as an escape (`\x1b`, `\u202e`), visible
 * and inert. One field gives one line, so a name with a line break cannot forge a finding;
 * with `lines`, line breaks stay (a document's text, shown as lines). JSON and SARIF output
 * keep the data exact and never go through here.
 */
export function visible(text: string, options: { readonly lines?: boolean } = {}): string {
  return text.replace(INVISIBLE, (character) => {
    if (options.lines && character === '\n') return character;
    const code = character.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** What `JSON.stringify` leaves as it is but a terminal acts on: DEL, C1 controls, bidirectional controls. */
const INVISIBLE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for the CLI's output: the data exact (a parser reads back every character), but every
 * character a terminal would act on written as a `\u` escape, also those `JSON.stringify`
 * writes as they are, so that JSON shown on a terminal is as inert as text output.
 */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(INVISIBLE_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
