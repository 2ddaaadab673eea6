import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { Draft } from '../analysis/model.js';
import data from '../../../snippets/markdown.json';

/*
 * The snippets (`snippets/markdown.json`), offered by the server where they belong rather than
 * by the editor in every Markdown file: a draft's skeleton only in an empty file (or where the
 * user asks, at the top of a file without front matter), sections and amendment blocks only in
 * a draft's body at the start of a line, a Beratungsfolge entry only in a draft's front matter.
 * Never on a trigger character (a plain `-`, `#` or space), and the text an item replaces is
 * only the word typed before the cursor.
 */

interface Snippet {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description: string;
}

type Place = 'empty-file' | 'body' | 'front-matter';

/** Where each snippet may be offered. */
const PLACES: Readonly<Record<string, Place>> = {
  Beschlussvorschlag: 'body',
  Fragen: 'body',
  'Beratungsfolge-Eintrag': 'front-matter',
  'Front Matter Antrag': 'empty-file',
  'Front Matter Anfrage': 'empty-file',
  'Front Matter Änderungsantrag': 'empty-file',
  Änderungsblock: 'body',
};

export const SNIPPETS = data as Readonly<Record<string, Snippet>>;

/** A word being typed at a line's start (letters, or a code fence with its info string). */
const TYPED = /^[ \t]*((?:`{3}|~{3})?[\p{L}-]*)$/u;

/**
 * The snippets that fit where the cursor is. `triggered`: the request came from a trigger
 * character, not from typing a word or asking (Ctrl+Space): then none.
 */
export function snippetCompletions(draft: Draft, position: Position, triggered: boolean, today: string): CompletionItem[] {
  if (triggered) return [];
  const lines = draft.lines;
  const lineStart = lines.lineStart(position.line);
  const offset = lines.offsetAt(position.line, position.character);
  const typed = TYPED.exec(draft.text.slice(lineStart, offset));
  if (!typed) return [];
  const word = typed[1]!;
  const fm = draft.frontMatter;
  let place: Place | undefined;
  if (draft.text.slice(0, offset - word.length).trim() === '' && draft.text.slice(offset).trim() === '') place = 'empty-file';
  else if (draft.skip === undefined && fm && offset >= fm.content.from && offset <= fm.content.to) place = 'front-matter';
  else if (draft.skip === undefined && (!fm || offset > fm.to)) place = 'body';
  if (!place) return [];
  const range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const items: CompletionItem[] = [];
  for (const [name, snippet] of Object.entries(SNIPPETS)) {
    if (PLACES[name] !== place) continue;
    const prefixes = typeof snippet.prefix === 'string' ? [snippet.prefix] : snippet.prefix;
    const body = typeof snippet.body === 'string' ? snippet.body : snippet.body.join('\n');
    items.push({
      label: prefixes[0]!,
      kind: CompletionItemKind.Snippet,
      detail: snippet.description,
      // The word typed is what is matched: a prefix starting as it does (```aenderung,
      // ---antrag, beschluss).
      filterText: prefixes.find((prefix) => word !== '' && prefix[0] === word[0]) ?? prefixes[0]!,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: withDate(body, today) },
      sortText: `~${prefixes[0]}`,
    });
  }
  return items;
}

/** VS Code's date variables as the server's today, so that every editor inserts the same. */
function withDate(body: string, today: string): string {
  const [year, month, day] = today.split('-');
  return body.replace(/\$CURRENT_YEAR/g, year!).replace(/\$CURRENT_MONTH/g, month!).replace(/\$CURRENT_DATE/g, day!);
}
