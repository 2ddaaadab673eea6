import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../server/src/analysis/analyse.js';
import { MAX_PARSE_COST, parseCost } from '../server/src/analysis/parse-cost.js';
import { render } from '../server/src/base/locale.js';
import { texts } from '../server/src/cli/messages.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { NOTICES } from '../server/src/service/messages.js';
import { ROOT } from './helpers.js';

/*
 * micromark parses some inline constructs in time that grows with the square of a paragraph's
 * length (128 KB of `](` took 35 s). Such texts are refused before the parse, after a linear
 * estimate of its cost (`parse-cost.ts`); real drafts stay far below the limit.
 */
const FRONT = '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\n';
const draft = (body: string) => `${FRONT}${body}\n`;
const run = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

/** Every Markdown file of the examples, templates, rule pages and test fixtures. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}
const REAL = ['examples', 'templates', 'docs', path.join('test', 'fixtures'), path.join('test', 'regeln')].flatMap((dir) => markdownFiles(path.join(ROOT, dir)));

describe('the parse-cost guard', () => {
  it('refuses a draft of 128 KB of `](` at once, naming the construct, its count and its line', () => {
    const text = draft(run('](', 128 * 1024));
    const started = performance.now();
    const result = analyse(text, DEFAULT_PROFILE);
    // The parse took 35 s; refused, it is a linear scan.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.skip).toBe('pathological');
    expect(result.tree.children).toEqual([]);
    expect(result.costly).toEqual({ construct: 'link-end', written: '](', count: 65_536, line: 8 });
    expect(render(NOTICES, 'de', 'pathological', { ...result.costly! })).toMatch(/enthält 65\.536-mal „\]\(“; so viele Link-Klammern hat kein Antrag/);
    expect(render(NOTICES, 'en', 'pathological', { ...result.costly! })).toMatch(/contains “\]\(” 65,536 times; no motion has that many link brackets/);
    expect(texts('de').costly(result.costly!)).toMatch(/^übersprungen – enthält 65\.536-mal „\]\(“.*Leerzeilen/);
  });

  it.each([
    ['emphasis marks', run('*a', 16_000), 'emphasis', '*'],
    ['unclosed HTML comments', run('a <!--\n', 12_000), 'html', '<!--'],
    ['backticks', run('`a', 16_000), 'code', '`'],
    ['lone `]`', run(']', 8_000), 'link-end', ']'],
    ['`[a](`', run('[a](', 16_000), 'link-end', ']('],
  ])('refuses a paragraph dense with %s', (_, body, construct, written) => {
    const result = analyse(draft(body), DEFAULT_PROFILE);
    expect(result.skip).toBe('pathological');
    expect(result.costly).toMatchObject({ construct, written });
  });

  it('says nothing about a text that is no draft', () => {
    expect(analyse(run('](', 128 * 1024), DEFAULT_PROFILE).skip).toBe('no-front-matter');
  });

  it('counts per paragraph: the same constructs spread over paragraphs, list items and headings are parsed', () => {
    const links = Array.from({ length: 2_000 }, (_, i) => `Siehe [Vorlage ${i}](https://example.org/${i}) und **fett** mit \`code\` und <br>.`);
    for (const body of [links.join('\n\n'), links.map((line) => `- ${line}`).join('\n'), links.map((line) => `### ${line}`).join('\n')]) {
      const text = draft(body);
      expect(parseCost(text).cost).toBeLessThan(MAX_PARSE_COST / 5);
      const result = analyse(text, DEFAULT_PROFILE);
      expect(result.skip).toBeUndefined();
      expect(result.links.length).toBe(2_000);
    }
  });

  it('counts escaped characters as text', () => {
    expect(parseCost(run('\\]\\(', 64 * 1024)).cost).toBe(0);
  });

  it('refuses none of the examples, templates, rule pages and fixtures, which stay far below the limit', () => {
    expect(REAL.length).toBeGreaterThan(100);
    for (const file of REAL) {
      const text = readFileSync(file, 'utf8');
      expect(parseCost(text).cost, file).toBeLessThan(MAX_PARSE_COST / 50);
      expect(analyse(text, DEFAULT_PROFILE).skip, file).not.toBe('pathological');
    }
  });
});

describe('the parse-cost guard, on random texts', () => {
  const unit = fc.constantFrom('](', ']', '[', '*a', '_a_', '~~', '`a', '``', 'a <!--', '<a', '<?', '\\]', 'Text ', '\n', '\n\n', '\n- ', '\n1. ', '\n## ', '\n> ');
  const body = fc.array(fc.tuple(unit, fc.integer({ min: 1, max: 3_000 })), { maxLength: 12 }).map((runs) => runs.map(([text, times]) => text.repeat(times)).join(''));

  it('refuses exactly the texts whose estimate is over the limit, naming a construct the text holds at a line it has', () => {
    fc.assert(
      fc.property(body, (text) => {
        const full = draft(text);
        const estimate = parseCost(full);
        const result = analyse(full, DEFAULT_PROFILE);
        expect(result.skip === 'pathological').toBe(estimate.cost > MAX_PARSE_COST);
        if (result.costly) {
          expect(result.costly.count).toBeGreaterThan(0);
          expect(full.split(result.costly.written).length - 1).toBeGreaterThanOrEqual(result.costly.count);
          expect(result.costly.line).toBeLessThan(full.split('\n').length);
        }
      }),
      { seed: 20261205, numRuns: 200 },
    );
  });

  it('never estimates a text lower for lines added before or after it', () => {
    fc.assert(
      fc.property(body, body, (a, b) => {
        expect(parseCost(`${a}\n${b}`).cost).toBeGreaterThanOrEqual(Math.max(parseCost(a).cost, parseCost(b).cost));
      }),
      { seed: 20261206, numRuns: 200 },
    );
  });
});
