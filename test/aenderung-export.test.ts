import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocModel } from '../server/src/export/build.js';
import { writeDocx } from '../server/src/export/docx.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { check, ROOT } from './helpers.js';
import { ooxmlValidator, validateDocx } from './ooxml.js';

/*
 * The synopsis of amendment blocks (```aenderung) in the DOCX, as LibreOffice and pandoc read it;
 * the document model itself is in aenderung.test.ts.
 */

const fixture = readFileSync(path.join(ROOT, 'test', 'fixtures', 'aenderung-synopse.md'), 'utf8');
const model = () => buildDocModel(check(fixture).draft, DEFAULT_PROFILE);

const has = (command: string, args: string[] = ['--version']) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;

/** A Python with python-docx: Debian's (python3-docx), which a Python of its own on PATH may lack. */
const PYTHON = ['/usr/bin/python3', 'python3'].find((python) => has(python, ['-c', 'import docx']));

/** The tracked changes of a DOCX as python-docx reads them (test/export/revisions.py). */
interface Revisions {
  readonly accepted: string;
  readonly rejected: string;
  readonly inserted: readonly string[];
  readonly deleted: readonly string[];
  readonly authors: readonly string[];
}

function revisions(file: string): Revisions[] {
  if (!PYTHON) throw new Error('python-docx is not installed (Debian: python3-docx)');
  return JSON.parse(execFileSync(PYTHON, [path.join(ROOT, 'test', 'export', 'revisions.py'), file], { encoding: 'utf8' })) as Revisions[];
}
// As in export.test.ts: CI has LibreOffice, poppler, pandoc and python-docx; elsewhere these are skipped.
const renderers = Boolean(process.env.CI) || (has('soffice') && has('pdftotext', ['-v']) && has('pandoc') && PYTHON !== undefined);
describe.runIf(renderers)('the synopsis in the export, read by other programs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-synopse-'));
  const docx = path.join(dir, 'aenderung-synopse.docx');
  beforeAll(async () => {
    writeFileSync(docx, await writeDocx(model()));
  });

  it('LibreOffice renders both columns with their headings and wording', () => {
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 120_000 });
    const text = execFileSync('pdftotext', [path.join(dir, 'aenderung-synopse.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text.match(/Bisherige Fassung Neue Fassung/g)?.length).toBe(3);
    for (const words of ['Die Stadt pflanzt bis 2030', 'Die Stadt pflanzt bis 2028', 'großkronige', 'Die Fußgängerzone wird geprüft.', 'Die Bürgerinnen und Bürger werden über', 'Punkt 1', 'neuer Punkt 4']) {
      expect(text).toContain(words);
    }
    // Side by side: in the page's layout, the old wording starts on the same line as the
    // new one, to its left, under the heading of its column.
    const lines = execFileSync('pdftotext', ['-layout', path.join(dir, 'aenderung-synopse.pdf'), '-'], { encoding: 'utf8' }).split('\n');
    const heading = lines.find((line) => /Bisherige Fassung\s{2,}Neue Fassung/.test(line));
    expect(heading, 'a line with both column headings').toBeDefined();
    const row = lines.find((line) => line.includes('Die Stadt pflanzt bis') && line.indexOf('Die Stadt pflanzt bis') !== line.lastIndexOf('Die Stadt pflanzt bis'));
    expect(row, 'a line with the old and the new wording side by side').toBeDefined();
    const [left, right] = [row!.indexOf('Die Stadt pflanzt bis'), row!.lastIndexOf('Die Stadt pflanzt bis')];
    expect(Math.abs(left - heading!.indexOf('Bisherige Fassung'))).toBeLessThan(4);
    expect(Math.abs(right - heading!.indexOf('Neue Fassung'))).toBeLessThan(4);
  });

  it('keeps each row on one page, with the two columns alike wide over the text width', async () => {
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    const synopses = [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((match) => match[0]).filter((table) => table.includes('Bisherige Fassung'));
    expect(synopses).toHaveLength(3);
    for (const table of synopses) {
      const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((match) => match[0]);
      for (const row of rows) expect(row).toMatch(/<w:trPr>.*<w:cantSplit\/>.*<\/w:trPr>/s);
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
      expect(grid).toHaveLength(2);
      expect(Math.abs(grid[0]! - grid[1]!)).toBeLessThanOrEqual(1);
    }
  });

  describe('as tracked changes (--nachverfolgt)', () => {
    const tracked = path.join(dir, 'nachverfolgt.docx');
    const expected = [
      {
        accepted: 'Die Stadt pflanzt bis 2028 jährlich 800 großkronige Straßenbäume in der Südvorstadt.',
        rejected: 'Die Stadt pflanzt bis 2030 jährlich 500 Straßenbäume in der Südvorstadt.',
        inserted: ['2028', '800 großkronige'],
        deleted: ['2030', '500'],
        authors: ['Freibeuter-Fraktion'],
      },
      { accepted: '', rejected: 'Die Fußgängerzone wird geprüft.', inserted: [], deleted: ['Die Fußgängerzone wird geprüft.'], authors: ['Freibeuter-Fraktion'] },
      { accepted: 'Die Bürgerinnen und Bürger werden über die Pflanzorte informiert.', rejected: '', inserted: ['Die Bürgerinnen und Bürger werden über die Pflanzorte informiert.'], deleted: [], authors: ['Freibeuter-Fraktion'] },
    ];
    beforeAll(async () => {
      writeFileSync(tracked, await writeDocx(buildDocModel(check(fixture).draft, DEFAULT_PROFILE, 'de', 'tracked')));
    });

    it('python-docx reads the faction\'s insertions and deletions: accepted, the new wording; rejected, the old', () => {
      expect(revisions(tracked)).toEqual(expected);
    });

    it('LibreOffice opens them as tracked changes, prints them and keeps them when it saves the file', () => {
      const profile = `-env:UserInstallation=file://${dir}/lo-profile`;
      execFileSync('soffice', ['--headless', '--norestore', profile, '--convert-to', 'pdf', '--outdir', dir, tracked], { stdio: 'pipe', timeout: 120_000 });
      const text = execFileSync('pdftotext', [path.join(dir, 'nachverfolgt.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      // Both wordings are printed, the deleted words beside the inserted ones.
      expect(text).toContain('Die Stadt pflanzt bis 20302028 jährlich 500800 großkronige Straßenbäume');
      expect(text).toContain('Die Fußgängerzone wird geprüft.');
      // Saved again by LibreOffice, the changes are still changes, by the same author.
      const again = path.join(dir, 'again');
      execFileSync('soffice', ['--headless', '--norestore', profile, '--convert-to', 'docx:MS Word 2007 XML', '--outdir', again, tracked], { stdio: 'pipe', timeout: 120_000 });
      expect(revisions(path.join(again, 'nachverfolgt.docx')).map(({ accepted, rejected, authors }) => ({ accepted, rejected, authors }))).toEqual(expected.map(({ accepted, rejected, authors }) => ({ accepted, rejected, authors })));
    });

    it.runIf(Boolean(process.env.CI) || ooxmlValidator() !== undefined)('validates against the Office Open XML schemas', () => {
      const result = validateDocx(ooxmlValidator()!, tracked);
      expect(result.errors).toEqual([]);
    });
  });

  const validator = ooxmlValidator();
  it.runIf(Boolean(process.env.CI) || validator !== undefined)('validates against the Office Open XML schemas', () => {
    const result = validateDocx(validator!, docx);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('pandoc sees strikeout exactly on the deleted words and underline exactly on the inserted ones', () => {
    const markdown = execFileSync('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', docx], { encoding: 'utf8' });
    const struck = [...markdown.matchAll(/~~(.+?)~~/g)].map((match) => match[1]);
    const underlined = [...markdown.matchAll(/\[([^\]]+)\]\{\.underline\}/g)].map((match) => match[1]);
    expect(struck).toEqual(['2030', '500', 'Die Fußgängerzone wird geprüft.']);
    expect(underlined).toEqual(['2028', '800 großkronige', 'Die Bürgerinnen und Bürger werden über die Pflanzorte informiert.']);
  });
});
