import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseWhole } from '../server/src/analysis/parse.js';

/*
 * The parser cuts a text into pieces and parses them one by one (see parse.ts). Whatever the
 * text, the tree must be exactly remark's tree of the whole text: the same nodes, values and
 * positions. Random texts are built from the constructs that could reach across a cut (fences,
 * HTML, front matter, lists, quotes, tables, definitions, setext headings, line endings). The
 * cases made by hand are in parse.test.ts.
 */
const word = fc.constantFrom('Antrag', 'Stadt', 'wird', 'beauftragt', 'VIII-A-00123', 'Ärger', 'groß', '**fett**', '_kursiv_', '`code`', '[Link](https://example.org)', '[ref][x]', '[^1]', '<span>', '</span>', '&amp;', '\\*', 'ü', '1.', '-', '#', '|', '~~x~~');
const words = fc.array(word, { minLength: 1, maxLength: 8 }).map((list) => list.join(' '));
const line = fc.oneof(
  { weight: 6, arbitrary: words },
  { weight: 2, arbitrary: words.map((text) => `## ${text}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('#', '###', '####', '#######'), words).map(([marks, text]) => `${marks} ${text}`) },
  { weight: 1, arbitrary: fc.constantFrom('##', '## ', '##\t', ' ## eingerückt', '#Kein', '# Titel #') },
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '  - ', '    ', '> ', '> > ', '   '), words).map(([marker, text]) => `${marker}${text}`) },
  { weight: 2, arbitrary: fc.constantFrom('```', '~~~', '````', '```js', '  ```', '   ~~~', '- ```', '> ```', '    ```') },
  { weight: 2, arbitrary: fc.constantFrom('<!-- ratsfeder-disable nummer-form -->', '<!--', '-->', '<!-- a --> b', '<div>', '</div>', '<pre>', '</pre>', '<script>', '<?php', '?>', '<![CDATA[', ']]>', '<!DOCTYPE html>', '<span>x</span>') },
  { weight: 1, arbitrary: fc.constantFrom('---', '***', '===', '- - -', '| a | b |', '| --- | --- |', '|---|', 'a | b', '[x]: https://example.org', '[^1]: Fußnote', '   [y]: /z "t"') },
);
const body = fc.array(line, { maxLength: 40 }).map((lines) => lines.join('\n'));
const frontMatter = fc.constantFrom('', '---\nart: Antrag\ntitel: T\n---\n', '---\nart: Antrag\n## kein Abschnitt\n---\n', '---\nart: Antrag\n\n## offen\n', '\ufeff---\nart: Anfrage\n---\n', '---\n---\n');
const document = fc.tuple(frontMatter, body, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([front, text, eol, mixed]) => {
  const joined = `${front}${text}`.replace(/\n/g, eol);
  return mixed ? joined.replace(/(\r?\n)/, '\r') : joined;
});

describe('parsing piece by piece, on random texts', () => {
  it('gives the tree of the whole text, for random texts', () => {
    fc.assert(
      fc.property(document, (text) => {
        // The first parse notes the pieces, the second parses them one by one.
        expect(parseMarkdown(text)).toEqual(parseWhole(text));
        expect(parseMarkdown(text)).toEqual(parseWhole(text));
      }),
      { seed: 20261201, numRuns: 3000 },
    );
  });

  it('gives the tree of the whole text after edits, when most pieces come from before', () => {
    fc.assert(
      fc.property(document, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.constantFrom('x', ' ', '\n', '\n\n', '\r', '\r\n', '\r\r\n', '## ', '```', '<!--', '-->', 'Ä', '')), { maxLength: 6 }), (start, edits) => {
        let text = start;
        parseMarkdown(text);
        for (const [at, removed, inserted] of edits) {
          const from = text.length === 0 ? 0 : at % text.length;
          text = text.slice(0, from) + inserted + text.slice(from + removed);
          expect(parseMarkdown(text)).toEqual(parseWhole(text));
        }
      }),
      { seed: 20261202, numRuns: 1500 },
    );
  });
});
