import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetPieces, keptPieces, parseMarkdown, parseWhole } from '../server/src/analysis/parse.js';
import { ROOT } from './helpers.js';

/*
 * The parser cuts a text into pieces and parses them one by one (see parse.ts). Whatever the
 * text, the tree must be exactly remark's tree of the whole text: the same nodes, values and
 * positions. Here on the drafts the project ships and on cases made for it; on thousands of
 * random texts and edits in parse-fuzz.test.ts (the integration tier: it takes half a minute).
 */
describe('parsing piece by piece', () => {
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
    // Many different texts, each of at least two new pieces, 600 or more in all: the oldest
    // pieces go, and exactly the bound of 512 is kept.
    for (let n = 0; n < 300; n++) parseMarkdown(`## Teil ${n}\n\nAbsatz ${n}.\n\n## Weiter ${n}\n\nNoch ${n}.\n`);
    expect(keptPieces().pieces).toBe(512);
    expect(keptPieces().chars).toBeLessThanOrEqual(256 * 1024);
  });
});
