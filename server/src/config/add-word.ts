import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

/*
 * Adds a word to `woerter:` in a ratsfeder.yaml, as a person would: one line more under the
 * last word (or a new `woerter:` list at the end), and not a character of the rest changed,
 * comments and layout included. Pure: text in, text out.
 */

export type AddedWord = { readonly text: string; readonly changed: boolean } | { readonly problem: 'invalid' | 'not-a-list' };

/** A word YAML reads as written: letters, marks, inner hyphens, apostrophes, dots and blanks. */
const PLAIN = /^\p{L}[\p{L}\p{M}\-'’. ]*$/u;

function item(word: string): string {
  return PLAIN.test(word) && !word.endsWith(' ') && !word.includes(' #') ? word : JSON.stringify(word);
}

/** `text` with `word` in its `woerter:` list; `text` undefined: a new file. */
export function addWord(text: string | undefined, word: string): AddedWord {
  if (text === undefined || text.trim() === '') return { text: `${text ?? ''}${text && !text.endsWith('\n') ? '\n' : ''}woerter:\n  - ${item(word)}\n`, changed: true };
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) return { problem: 'invalid' };
  const contents = doc.contents as YamlNode | null;
  if (contents !== null && !isMap(contents)) return { problem: 'invalid' };
  const list = contents ? (contents.get('woerter', true) as YamlNode | undefined) : undefined;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (list === undefined || (isScalar(list) && list.value === null)) {
    if (list && contents) {
      // `woerter:` with nothing after it: the list goes below the key.
      const pair = contents.items.find((entry) => isScalar(entry.key) && entry.key.value === 'woerter');
      const keyEnd = (pair?.key as YamlNode | undefined)?.range?.[1];
      if (keyEnd !== undefined) {
        const lineEnd = endOfLine(text, keyEnd);
        return { text: `${text.slice(0, lineEnd)}${newline}  - ${item(word)}${text.slice(lineEnd)}`, changed: true };
      }
    }
    const separator = text.endsWith('\n') ? '' : newline;
    return { text: `${text}${separator}woerter:${newline}  - ${item(word)}${newline}`, changed: true };
  }
  if (!isSeq(list)) return { problem: 'not-a-list' };
  if (list.items.some((entry) => isScalar(entry) && entry.value === word)) return { text, changed: false };
  const last = list.items[list.items.length - 1] as YamlNode | undefined;
  if (list.flow || !last?.range) {
    // `woerter: [a, b]` or `woerter: []`: the word goes into the brackets.
    const end = list.range?.[1];
    if (end === undefined) return { problem: 'not-a-list' };
    const close = text.lastIndexOf(']', end);
    if (close < 0) return { problem: 'not-a-list' };
    const before = text.slice(0, close).trimEnd();
    const comma = before.endsWith('[') ? '' : ', ';
    return { text: `${before}${comma}${JSON.stringify(word)}${text.slice(close)}`, changed: true };
  }
  // Under the last item, indented as it is.
  const lineStart = text.lastIndexOf('\n', last.range[0]) + 1;
  const indent = /^[ \t]*-[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '  - ';
  const lineEnd = endOfLine(text, last.range[1] > last.range[0] ? last.range[1] - 1 : last.range[0]);
  return { text: `${text.slice(0, lineEnd)}${newline}${indent}${item(word)}${text.slice(lineEnd)}`, changed: true };
}

/** The offset of the line end (before `\r\n` or `\n`) of the line holding `offset`. */
function endOfLine(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  if (at < 0) return text.length;
  return text[at - 1] === '\r' ? at - 1 : at;
}
