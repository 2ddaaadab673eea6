import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetPieces, keptPieces, parseMarkdown, parseWhole } from '../server/src/analysis/parse.js';
import { ROOT } from './helpers.js';

/*
 * The parser cuts a text into pieces and parses them one by one (see parse.ts). Whatever the
 * text, the tree must be exactly remark's tree of the whole text: the same nodes, values and
 * positions. Random texts are built from the constructs that could reach across a cut (fences,
 * HTML, front matter, lists, quotes, tables, definitions, setext headings, line endings).
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

describe('parsing piece by piece', () => {
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
      fc.property(document, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.constantFrom('x', ' ', '\n', '\n\n', '## ', '```', '<!--', '-->', 'Ä', '')), { maxLength: 6 }), (start, edits) => {
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

  it('gives the tree of the whole text for every draft the project ships', () => {
    const folders = ['examples', 'templates', path.join('test', 'fixtures', 'shared')];
    const files = folders.flatMap((folder) => readdirSync(path.join(ROOT, folder)).filter((name) => name.endsWith('.md')).map((name) => path.join(ROOT, folder, name)));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      parseMarkdown(text);
      expect(parseMarkdown(text), file).toEqual(parseWhole(text));
    }
  });

  it('cuts a draft at its sections and paragraphs, and not inside a fence or a comment', () => {
    const text = [
      '---',
      'art: Antrag',
      '## kein Abschnitt',
      '---',
      '',
      '## Beschlussvorschlag',
      '',
      'Erster Absatz.',
      '',
      '```',
      '## im Code',
      '',
      'auch im Code',
      '```',
      '<!--',
      '',
      'im Kommentar',
      '-->',
      '',
      'Letzter Absatz.',
    ].join('\n');
    parseMarkdown(text);
    const tree = parseMarkdown(text);
    expect(tree).toEqual(parseWhole(text));
    expect(tree.children.map((node) => node.type)).toEqual(['yaml', 'heading', 'paragraph', 'code', 'html', 'paragraph']);
  });

  it('parses a text seen for the first time whole, and keeps nothing of a text without pieces', () => {
    const text = '## Begründung\n\nWeil.\n\nUnd weil [a]: es so ist.\n';
    // A definition-like "]:" anywhere: parsed whole every time, never piece by piece.
    parseMarkdown(text);
    expect(parseMarkdown(text).children[0]).not.toBe(parseMarkdown(text).children[0]);
    forgetPieces();
    const plain = '## Begründung\n\nWeil.\n\nUnd darum.\n';
    const first = parseMarkdown(plain);
    const second = parseMarkdown(plain);
    const third = parseMarkdown(plain);
    expect(second).toEqual(first);
    expect(second.children[0]).not.toBe(first.children[0]);
    expect(third.children[0]).toBe(second.children[0]);
    // A keystroke in the last paragraph: the pieces before it are taken as they were.
    const typed = parseMarkdown(`${plain}x`);
    expect(typed).toEqual(parseWhole(`${plain}x`));
    expect(typed.children.slice(0, 2)).toEqual(third.children.slice(0, 2));
    expect(typed.children[0]).toBe(third.children[0]);
    expect(typed.children[2]).not.toBe(third.children[2]);
  });

  it('keeps a bounded number of pieces and characters, whatever is typed', () => {
    forgetPieces();
    // Front matter still open while its header is typed: every version is parsed in one from
    // the first piece on, and that rest is not kept. (Were it kept, 24 versions of the rest would
    // hold twelve times the bound below, and still less than the cap of 256 KiB.)
    const open = `---\nart: Antrag\n${Array.from({ length: 150 }, (_, i) => `## Abschnitt ${i}\n\nText ${i} mit einigen Wörtern darin.\n`).join('\n')}`;
    let text = open;
    for (let key = 0; key < 24; key++) {
      text = `${text.slice(0, 20)}x${text.slice(20)}`;
      parseMarkdown(text);
    }
    expect(keptPieces().chars).toBeLessThan(open.length * 2);
    // Many different texts: the oldest pieces go.
    for (let n = 0; n < 3000; n++) parseMarkdown(`## Teil ${n}\n\nAbsatz ${n}.\n\n## Weiter ${n}\n\nNoch ${n}.\n`);
    expect(keptPieces().pieces).toBeLessThanOrEqual(512);
    expect(keptPieces().chars).toBeLessThanOrEqual(256 * 1024);
  });
});
