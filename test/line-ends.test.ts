import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../server/src/analysis/lines.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { createService, type ResolvedOptions } from '../server/src/service/service.js';
import { TODAY } from './helpers.js';

const options: ResolvedOptions = { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: TODAY, host: {}, configProblems: [] };

/** A draft with a wrongly written number in its Beschlussvorschlag and no Begründung. */
const DRAFT = '---\nart: Antrag\ntitel: Radwege\neinreicher: Freibeuter-Fraktion\n---\n\n## Beschlussvorschlag\n\nDer Rat beschließt VIII-F-913.\n';

function diagnostics(text: string): Diagnostic[] {
  return createService().diagnostics({ uri: 'file:///a.md', version: 1, text }, options);
}

/** The text each diagnostic's range covers, as an LSP client reads the document. */
function covered(text: string): string[] {
  const document = TextDocument.create('file:///a.md', 'markdown', 1, text);
  return diagnostics(text).map((d) => `${String(d.code)}: ${document.getText(d.range)}`);
}

describe('line ends', () => {
  it('counts LF, CR LF and a lone CR alike as a line end', () => {
    const text = 'a\nb\r\nc\rd\r\r\ne';
    const lines = new LineIndex(text);
    const document = TextDocument.create('file:///x', 'markdown', 1, text);
    expect(lines.lineCount).toBe(document.lineCount);
    for (let offset = 0; offset <= text.length; offset++) {
      // No position stands between the CR and the LF of a CR LF.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      const position = document.positionAt(offset);
      const point = lines.point(offset);
      expect({ line: point.line - 1, character: point.column - 1 }).toEqual(position);
    }
    for (let line = 0; line < document.lineCount; line++) {
      for (let character = 0; character < 4; character++) expect(lines.offsetAt(line, character)).toBe(document.offsetAt({ line, character }));
    }
  });

  const styles = { LF: '\n', 'CR LF': '\r\n', CR: '\r' };
  for (const [name, eol] of Object.entries(styles)) {
    it(`finds the same things at the same places in a draft with ${name} line ends`, () => {
      const expected = covered(DRAFT);
      expect(expected).toEqual(expect.arrayContaining([expect.stringMatching(/^nummer-form: VIII-F-913$/), expect.stringMatching(/^abschnitt-fehlt: /)]));
      expect(covered(DRAFT.replace(/\n/g, eol))).toEqual(expected);
    });
  }

  it('is not thrown off by a CR before a CR LF', () => {
    const text = DRAFT.replace('titel: Radwege\n', 'titel: Radwege\r\r\n');
    expect(covered(text)).toEqual(covered(DRAFT));
  });

  it('inserts a missing section after the text of the last one, whatever the line ends', () => {
    for (const text of [DRAFT.replace('titel: Radwege\n', 'titel: Radwege\r\r\n'), DRAFT.replace(/\n/g, '\r'), DRAFT.replace(/\n/g, '\r\n')]) {
      const service = createService();
      const document = { uri: 'file:///a.md', version: 1, text };
      const found = service.diagnostics(document, options).filter((d) => d.code === 'abschnitt-fehlt');
      expect(found).toHaveLength(1);
      const actions: CodeAction[] = service.codeActions(document, options, found[0]!.range);
      const edits = actions.find((action) => /Begründung/.test(action.title))?.edit?.changes?.['file:///a.md'];
      expect(edits).toBeDefined();
      const after = TextDocument.applyEdits(TextDocument.create('file:///a.md', 'markdown', 1, text), edits!);
      // The Beschlussvorschlag keeps its text; the new section comes after it.
      expect(after.indexOf('Der Rat beschließt VIII-F-913.')).toBeGreaterThan(after.indexOf('## Beschlussvorschlag'));
      expect(after.indexOf('## Begründung')).toBeGreaterThan(after.indexOf('Der Rat beschließt VIII-F-913.'));
    }
  });
});

describe('fixes, whatever the line ends', () => {
  const line = fc.constantFrom('## Beschlussvorschlag', '## Begründung', '## Begrundung', 'Der Rat beschließt VIII-F-913.', 'Text mit VIII-DS-1234 und mehr.', '', '', '- Punkt', '1. Punkt', '# Titel', 'datum: 2025-02-30', '```', '<!-- x -->');
  const eol = fc.constantFrom('\n', '\r\n', '\r', '\r\r\n');
  const draft = fc
    .tuple(fc.constantFrom('---\nart: Antrag\ntitel: T\neinreicher: F\n---\n', '---\nart: Antrag\ntitel: T\n', 'art: Antrag\ntitel: T\n', '---\nart: Anfrage\ntitel: T\n---\n'), fc.array(fc.tuple(line, eol), { maxLength: 14 }), eol)
    .map(([front, lines, first]) => front.replace(/\n/g, first) + lines.map(([text, end]) => text + end).join(''));

  it('say in LSP positions exactly the edits the rules made, and put sections at a heading or the end', () => {
    fc.assert(
      fc.property(draft, (text) => {
        const service = createService();
        const input = { uri: 'file:///a.md', version: 1, text };
        const document = TextDocument.create(input.uri, 'markdown', 1, text);
        const findings = service.check(input, options).findings;
        const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
        const actions = service.codeActions(input, options, whole).filter((action) => action.kind === 'quickfix');
        const fixes = findings.flatMap((finding) => finding.fixes);
        expect(actions).toHaveLength(fixes.length);
        fixes.forEach((fix, index) => {
          const edits = actions[index]!.edit!.changes![input.uri]!;
          let byOffset = text;
          for (const edit of [...fix.edits].sort((a, b) => b.from - a.from)) byOffset = byOffset.slice(0, edit.from) + edit.text + byOffset.slice(edit.to);
          expect(TextDocument.applyEdits(document, edits), fix.title).toBe(byOffset);
          for (const edit of fix.edits) {
            if (edit.from === edit.to && /^(?:\n\n)?## /.test(edit.text)) {
              const atHeading = document.positionAt(edit.from).character === 0 && /^#/.test(text.slice(edit.from));
              expect(atHeading || text.slice(edit.from).trim() === '', `${fix.title} at ${edit.from}`).toBe(true);
            }
          }
        });
      }),
      { seed: 20261205, numRuns: 400 },
    );
  });
});
