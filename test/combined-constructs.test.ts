import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { combineExtensions as libraryCombine } from 'micromark-util-combine-extensions';
import { gfm } from 'micromark-extension-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combineExtensions } from '../server/src/analysis/combined-constructs.js';
import { parseWhole } from '../server/src/analysis/parse.js';
import { combinedConstructs } from '../scripts/combined-constructs.mjs';
import { ROOT } from './helpers.js';

/*
 * The bundles' micromark keeps the combination of its constructs with the same extensions
 * (`server/src/analysis/combined-constructs.ts`, put in by `scripts/combined-constructs.mjs`).
 * The trees must stay those of the library, also where a parse leaves state behind
 * (definitions, lazy lines, footnotes) that the next text must not see.
 */
describe('the kept combination of micromark constructs', () => {
  it('returns the same combination for the same extensions, and the library’s for others', () => {
    const a = gfm();
    const b = frontmatter(['yaml']);
    const first = combineExtensions([a, b]);
    expect(combineExtensions([a, b])).toBe(first);
    expect(first).toEqual(libraryCombine([a, b]));
    const other = combineExtensions([b]);
    expect(other).not.toBe(first);
    expect(other).toEqual(libraryCombine([b]));
    // Another list of the same length with another object is not taken for the first, nor is
    // a list that begins like it.
    expect(combineExtensions([a, frontmatter(['yaml'])])).not.toBe(first);
    expect(combineExtensions([a, b])).toEqual(libraryCombine([a, b]));
    expect(combineExtensions([a])).toEqual(libraryCombine([a]));
  });

  describe('in a bundle', () => {
    let dir: string;
    let bundled: { parseWhole: typeof parseWhole; combinationsMade: () => number };
    let inputs: string[];

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-constructs-'));
      const outfile = path.join(dir, 'parse.cjs');
      const result = await esbuild.build({
        stdin: {
          contents: ["export { parseWhole } from './server/src/analysis/parse.ts';", "export { combinationsMade } from './server/src/analysis/combined-constructs.ts';"].join('\n'),
          resolveDir: ROOT,
          loader: 'ts',
        },
        absWorkingDir: ROOT,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile,
        metafile: true,
        logLevel: 'silent',
        plugins: [combinedConstructs],
      });
      inputs = Object.keys(result.metafile.inputs);
      bundled = createRequire(import.meta.url)(outfile) as typeof bundled;
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('has micromark’s parser take its combination from the kept one', () => {
      expect(inputs).toContain('server/src/analysis/combined-constructs.ts');
      // The kept combination itself combines with the library.
      expect(inputs.some((input) => /micromark-util-combine-extensions[\\/]index\.js$/.test(input))).toBe(true);
    });

    it('parses each text as the library does, whatever the text before it defined', () => {
      const texts = [
        'Ein [Verweis][x] und [x].\n\n[x]: https://example.org\n',
        // The same reference without its definition: no link.
        'Ein [Verweis][x] und [x].\n',
        'Text mit Fußnote[^1].\n\n[^1]: Die Fußnote.\n',
        'Text mit Fußnote[^1], die es hier nicht gibt.\n',
        '> Zitat\nfaul fortgesetzt\n\n- Liste\n  weiter\n\n      Code?\n',
        '---\ntitel: Front Matter\n---\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n~~durch~~ www.example.org\n',
        '## Beschlussvorschlag\n\n1. Erstens\n2. Zweitens\n\n## Begründung\n\nText.\n',
      ];
      // Forwards and backwards: each text once after the one before it, once after the one after it.
      for (const text of [...texts, ...[...texts].reverse()]) {
        expect(bundled.parseWhole(text), text).toEqual(parseWhole(text));
      }
      // All of them with one combination.
      expect(bundled.combinationsMade()).toBe(1);
    });
  });
});
