import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import { amendments } from '../analysis/aenderungen.js';
import type { Draft } from '../analysis/model.js';
import { defineCatalogue, render, type Locale } from '../base/locale.js';
import { WORD_COMMAND, type WordArguments } from '../protocol/index.js';
import type { Finding } from '../rules/types.js';
import { toDiagnostic, toTextEdit } from './convert.js';

const RULE = 'rechtschreibung';

const ACTIONS = defineCatalogue({
  de: {
    add: (d) => `„${d.wort}“ zu den Wörtern des Projekts hinzufügen (ratsfeder.yaml)`,
    ignore: () => 'Rechtschreibung an dieser Stelle nicht prüfen',
  },
  en: {
    add: (d) => `Add “${d.wort}” to the project’s words (ratsfeder.yaml)`,
    ignore: () => 'Do not check spelling here',
  },
});

/**
 * Beside a spelling finding's suggestions: adding the word to the project's words (a command:
 * it writes ratsfeder.yaml), and silencing the rule around the word with the usual comments
 * where comments can stand (not in the front matter or an amendment block).
 */
export function spellingActions(uri: string, draft: Draft, findings: readonly Finding[], range: Range, locale: Locale): CodeAction[] {
  const from = draft.lines.offsetAt(range.start.line, range.start.character);
  const to = draft.lines.offsetAt(range.end.line, range.end.character);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (finding.ruleId !== RULE || finding.to < from || finding.from > to) continue;
    const wort = draft.text.slice(finding.from, finding.to);
    const diagnostics = [toDiagnostic(finding)];
    const title = render(ACTIONS, locale, 'add', { wort });
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, command: { title, command: WORD_COMMAND, arguments: [{ uri, wort } satisfies WordArguments] } });
    const inFrontMatter = draft.frontMatter !== undefined && finding.from < draft.frontMatter.to;
    const inBlock = amendments(draft).some((block) => block.from <= finding.from && finding.to <= block.to);
    if (inFrontMatter || inBlock) continue;
    actions.push({
      title: render(ACTIONS, locale, 'ignore'),
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: {
        changes: {
          [uri]: [
            toTextEdit(draft.lines, { from: finding.from, to: finding.from, text: `<!-- ratsfeder-disable ${RULE} -->` }),
            toTextEdit(draft.lines, { from: finding.to, to: finding.to, text: `<!-- ratsfeder-enable ${RULE} -->` }),
          ],
        },
      },
    });
  }
  return actions;
}
