import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDocModel } from '../server/src/export/build.js';
import { docxParts, noBreaks, writeDocx } from '../server/src/export/docx.js';
import { stampDocx, stampParts, stampState } from '../server/src/export/stamp.js';
import { strFromU8, unzipSync } from 'fflate';
import { xmlInvalid, xmlSafe } from '../server/src/export/xml-safe.js';
import type { Block, DocModel } from '../server/src/export/model.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { check, expectGolden, ROOT } from './helpers.js';
import { docxXmlProblems, ooxmlValidator, validateDocx } from './ooxml.js';

/*
 * The export in three tiers: the document model as golden files (every layout decision is
 * there), the DOCX read back by independent programs (LibreOffice renders it to PDF, pandoc
 * reads its structure), and the CLI's safety rules.
 */
const SOURCES = [
  ...['templates', 'examples'].flatMap((dir) => readdirSync(path.join(ROOT, dir)).filter((name) => name.endsWith('.md')).map((name) => path.join(dir, name))),
  // The shared fixtures not already among the examples (two of them are copied there).
  ...readdirSync(path.join(ROOT, 'test', 'fixtures', 'shared'))
    .filter((name) => name.endsWith('.md') && !name.includes('fehlerhaft') && name !== 'README.md' && !existsSync(path.join(ROOT, 'examples', name)))
    .map((name) => path.join('test', 'fixtures', 'shared', name)),
  path.join('test', 'fixtures', 'export-alles.md'),
];

function model(file: string): DocModel {
  return buildDocModel(check(readFileSync(path.join(ROOT, file), 'utf8')).draft, DEFAULT_PROFILE);
}

const has = (command: string, args: string[] = ['--version']) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;
// CI installs LibreOffice, poppler and pandoc (.ci/run); on a machine without them these
// tests are skipped rather than failing the suite.
const renderers = Boolean(process.env.CI) || (has('soffice') && has('pdftotext', ['-v']) && has('pandoc'));
// The validator binary exists for linux-x64 only (see test/ooxml.ts); CI runs there.
const validator = ooxmlValidator();
const validates = Boolean(process.env.CI) || validator !== undefined;

describe('the document model', () => {
  it.each(SOURCES)('%s', (file) => {
    expectGolden(path.join(ROOT, 'test', 'export', `${path.basename(file, '.md')}.model.json`), `${JSON.stringify(model(file), null, 2)}\n`);
  });

  it('gives every footnote reference its own footnote, and every list its own numbering', () => {
    const doc = model('test/fixtures/export-alles.md');
    // Two references to one footnote of the draft, and the address of its link.
    expect(doc.footnotes.map((footnote) => footnote.id)).toEqual([1, 2, 3]);
    const lists: number[] = [];
    const walk = (blocks: readonly Block[]) => {
      for (const block of blocks) {
        if (block.type === 'list') {
          lists.push(block.instance);
          block.items.forEach(walk);
        } else if (block.type === 'quote') walk(block.blocks);
      }
    };
    doc.sections.forEach((section) => walk(section.blocks));
    expect(new Set(lists).size).toBe(lists.length);
    expect(lists.length).toBe(7);
  });

  it('stamps the parts before zipping them, as it would stamp the zipped document', async () => {
    const doc = model('test/fixtures/export-alles.md');
    const direct = stampParts(await docxParts(doc));
    const rezipped = stampDocx(await writeDocx(doc));
    expect(stampState(direct)).toBe('unchanged');
    const a = unzipSync(direct);
    const b = unzipSync(rezipped);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a)[0]).toBe('[Content_Types].xml');
    // Two documents made apart: core.xml's times may differ, and docx names hyperlinks' relationships at random.
    const text = (parts: Record<string, Uint8Array>, name: string) =>
      strFromU8(parts[name]!)
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T')
        .replace(/rId[\w-]{12,}/g, 'rId')
        .replace(/sha256:[0-9a-f]+/, 'sha256');
    for (const name of Object.keys(a)) expect(text(a, name), name).toBe(text(b, name));
  });

  it('sets the document properties: title, author (every submitter) and subject', async () => {
    const zip = await JSZip.loadAsync(await writeDocx(model('test/fixtures/export-alles.md')));
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:title>Alles, was der Export können muss</dc:title>');
    expect(core).toContain('<dc:creator>Freibeuter-Fraktion, SPD-Fraktion</dc:creator>');
    expect(core).toContain('<dc:subject>Antrag VIII-A-01234</dc:subject>');
  });

  it('names the submitters as the last to edit it, and German as its language (English with --lang en)', async () => {
    const zip = await JSZip.loadAsync(await writeDocx(model('test/fixtures/export-alles.md')));
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('<cp:lastModifiedBy>Freibeuter-Fraktion, SPD-Fraktion</cp:lastModifiedBy>');
    expect(await zip.file('word/styles.xml')!.async('string')).toMatch(/<w:docDefaults>.*<w:lang w:val="de-DE"\/>/s);
    const english = buildDocModel(check(readFileSync(path.join(ROOT, 'test/fixtures/export-alles.md'), 'utf8')).draft, DEFAULT_PROFILE, 'en');
    const styles = await (await JSZip.loadAsync(await writeDocx(english))).file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/<w:docDefaults>.*<w:lang w:val="en-GB"\/>/s);
  });

  it('keeps abbreviations, section and number signs with what follows, as typesetting does', () => {
    expect(noBreaks('z. B. Nr. 5, § 12 Abs. 2 und §§ 3 bis 5, S. 7, d. h. i. d. R. 300 € oder 20 % oder 2 Mio. Euro')).toBe(
      'z.\u00a0B. Nr.\u00a05, §\u00a012 Abs.\u00a02 und §§\u00a03 bis 5, S.\u00a07, d.\u00a0h.\u00a0i.\u00a0d.\u00a0R. 300\u00a0€ oder 20\u00a0% oder 2\u00a0Mio. Euro',
    );
    // Sentence ends, ordinary words and numbers in running text are left alone.
    expect(noBreaks('Das ist gut. Wir bitten um 3 Berichte, etwa im Jahr 2025. A. Müller')).toBe('Das ist gut. Wir bitten um 3 Berichte, etwa im Jahr 2025. A. Müller');
  });

  it('sets the footnote text one space after its number', async () => {
    const zip = await JSZip.loadAsync(await writeDocx(model('test/fixtures/export-alles.md')));
    const footnotes = await zip.file('word/footnotes.xml')!.async('string');
    expect(footnotes).toMatch(/<w:footnoteRef\/><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t xml:space="preserve"> <\/w:t>/);
  });

  it('prints the address of a link in a footnote, in parentheses, or not at all, and never twice', () => {
    const draft = check(
      [
        '---\nart: Antrag\ntitel: Links\neinreicher: Freibeuter-Fraktion\n---\n\n## Beschlussvorschlag\n',
        'Siehe [das Portal](https://www.leipzig.de/buergerservice), <https://www.leipzig.de/> und [mailto](mailto:rat@leipzig.de), dazu die Fußnote[^q].\n',
        '## Begründung\n\nText.\n\n[^q]: Nach [der Satzung](https://www.leipzig.de/satzung).\n',
      ].join('\n'),
    ).draft;
    const inlines = (links: 'fussnote' | 'klammer' | 'aus') => {
      const doc = buildDocModel(draft, DEFAULT_PROFILE, 'de', 'synopse', links);
      const paragraph = doc.sections[0]!.blocks[0] as Extract<Block, { type: 'paragraph' }>;
      return { doc, text: paragraph.inlines.map((inline) => (inline.type === 'text' ? inline.text : inline.type === 'link' ? `[${inline.children.map((child) => (child.type === 'text' ? child.text : '')).join('')}]` : inline.type === 'footnote' ? `^${inline.id}` : '')).join('') };
    };
    const footnoteText = (doc: DocModel, id: number) =>
      JSON.stringify(doc.footnotes.find((footnote) => footnote.id === id)!.blocks).match(/"text":"([^"]*)"/g)!.map((match) => match.slice(8, -1)).join('');

    const fussnote = inlines('fussnote');
    // The address once: in a footnote where the text does not say it, not at all where it does.
    expect(fussnote.text).toBe('Siehe [das Portal]^1, [https://www.leipzig.de/] und [mailto]^2, dazu die Fußnote^3.');
    expect(footnoteText(fussnote.doc, 1)).toBe('https://www.leipzig.de/buergerservice');
    expect(footnoteText(fussnote.doc, 2)).toBe('rat@leipzig.de');
    // A footnote holds no footnote of its own: there the address follows in parentheses.
    expect(footnoteText(fussnote.doc, 3)).toBe('Nach der Satzung (https://www.leipzig.de/satzung).');

    expect(inlines('klammer').text).toBe('Siehe [das Portal] ([https://www.leipzig.de/buergerservice]), [https://www.leipzig.de/] und [mailto] ([rat@leipzig.de]), dazu die Fußnote^1.');
    expect(inlines('aus').text).toBe('Siehe [das Portal], [https://www.leipzig.de/] und [mailto], dazu die Fußnote^1.');
  });

  it('writes tabs as tab elements and keeps cited numbers as written', async () => {
    const zip = await JSZip.loadAsync(await writeDocx(model('test/fixtures/export-alles.md')));
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toMatch(/Nach der Tabelle\.<\/w:t><\/w:r>|Nach der Tabelle\.<\/w:t><w:tab\/>/);
    expect(document).not.toContain('\t');
    expect(document).toContain('VIII-DS-01234');
  });

  it('leaves out of every text what XML forbids, lone surrogates too (an editor buffer can hold them)', async () => {
    const text = readFileSync(path.join(ROOT, 'examples', 'verwaltungsdigitalisierung.antrag.md'), 'utf8').replace('## Begründung', '## Begründung\n\nHalb \uD800 und \uDC00 halb, \uFFFF, \u001F und ganz 😀.\n\n| a\u0002 | b |\n|---|---|\n| \uFFFE | 1 |');
    const built = buildDocModel(check(text).draft, DEFAULT_PROFILE);
    expect(await docxXmlProblems(await writeDocx(built))).not.toEqual({});
    const safe = xmlSafe(built);
    expect(safe.removed).toBe(6);
    expect(await docxXmlProblems(await writeDocx(safe.model))).toEqual({});
    expect(JSON.stringify(safe.model)).toContain('Halb  und  halb, ,  und ganz 😀.');
    expect(xmlInvalid(text)).toEqual({ offset: text.indexOf('\uD800'), code: 'U+D800', count: 6 });
    expect(xmlSafe(model('examples/verwaltungsdigitalisierung.antrag.md')).removed).toBe(0);
  });

  it('puts the sections in the profile order, whatever the draft order', () => {
    const text = readFileSync(path.join(ROOT, 'examples', 'verwaltungsdigitalisierung.antrag.md'), 'utf8');
    const [front, beschluss, begruendung] = text.split(/(?=^## )/m);
    const swapped = `${front}${begruendung}\n${beschluss}`;
    expect(buildDocModel(check(swapped).draft, DEFAULT_PROFILE).sections.map((section) => section.title)).toEqual(['Beschlussvorschlag', 'Begründung']);
  });
});

describe.runIf(renderers)('the DOCX, read by other programs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-docx-'));
  const docx = (file: string) => path.join(dir, `${path.basename(file, '.md')}.docx`);
  /** LibreOffice's PDF of a DOCX, written beside it (or into `outdir`). */
  const toPdf = (file: string, outdir = dir) =>
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', outdir, file], { stdio: 'pipe', timeout: 120_000 });
  /** The PDF of a draft's export, rendered once for the tests that read it. */
  const rendered = async (file: string) => {
    const pdf = docx(file).replace(/\.docx$/, '.pdf');
    if (!existsSync(pdf)) {
      writeFileSync(docx(file), await writeDocx(model(file)));
      toPdf(docx(file));
    }
    return pdf;
  };

  it.each(SOURCES)('LibreOffice renders %s to PDF with its header, sections and page numbers', async (file) => {
    const doc = model(file);
    writeFileSync(docx(file), await writeDocx(doc));
    toPdf(docx(file));
    const pdf = docx(file).replace(/\.docx$/, '.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(doc.header.kind);
    expect(text).toContain(doc.header.betreff.replace(/\s+/g, ' ').slice(0, 30));
    for (const row of doc.header.rows) expect(text).toContain(row.value.split('\n')[0]!);
    for (const section of doc.sections) expect(text).toContain(section.title);
    expect(text).toMatch(/Seite 1 von \d+/);
  });

  it('lines the header block up with the page text, not inside it', async () => {
    const file = 'examples/verwaltungsdigitalisierung.antrag.md';
    const pdf = await rendered(file);
    const boxes = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const left = (word: string) => Number(new RegExp(`<word xMin="([\\d.]+)"[^>]*>${word}</word>`).exec(boxes)?.[1]);
    expect(left('Antrag')).toBeGreaterThan(0);
    // Word's default cell margin would put the labels 1.9 mm (5.4 pt) to the right.
    for (const label of ['Einreicher:', 'Datum:', 'Status:', 'Betreff:']) expect(Math.abs(left(label) - left('Antrag')), label).toBeLessThan(1);
  });

  it('puts the letterhead from ratsfeder.yaml on the first page only: name, address, contact and logo', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ratsfeder-briefkopf-'));
    writeFileSync(path.join(folder, 'logo.png'), readFileSync(path.join(ROOT, 'examples', 'logo.png')));
    writeFileSync(
      path.join(folder, 'ratsfeder.yaml'),
      'export:\n  absender:\n    name: Freibeuter-Fraktion im Stadtrat Leipzig\n    anschrift:\n      - Martin-Luther-Ring 4–6\n      - 04109 Leipzig\n    kontakt: rat@example.org\n    logo: logo.png\n',
    );
    // Long enough for a second page.
    const long = Array.from({ length: 40 }, (_, index) => `Absatz ${index + 1} der Begründung, lang genug, um eine Zeile zu füllen und noch ein Stück weiter zu gehen.`).join('\n\n');
    writeFileSync(path.join(folder, 'lang.antrag.md'), `---\nart: Antrag\ntitel: Ein langer Antrag\neinreicher: Freibeuter-Fraktion\n---\n\n## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt, zu berichten.\n\n## Begründung\n\n${long}\n`);
    const exported = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'export', 'lang.antrag.md'], { cwd: folder, encoding: 'utf8' });
    expect(exported.stderr).toBe('');
    toPdf(path.join(folder, 'lang.antrag.docx'), folder);
    const pdf = path.join(folder, 'lang.antrag.pdf');
    const page = (n: number) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
    expect(page(1)).toMatch(/^\s*Freibeuter-Fraktion im Stadtrat Leipzig/);
    expect(page(1)).toContain('04109 Leipzig');
    expect(page(1)).toContain('rat@example.org');
    expect(page(1)).toMatch(/Seite 1 von \d/);
    expect(page(2)).not.toContain('Stadtrat Leipzig');
    expect(page(2)).toMatch(/Seite 2 von \d/);
    // The logo, on page 1 only.
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.map((line) => line.trim().split(/\s+/)[0])).toEqual(['1']);
  });

  it('never breaks a line inside "z. B.", after "Nr." or "§", or between a number and "€"', async () => {
    // Forty times each: without no-break spaces, some line would end inside one of them.
    const text = Array.from({ length: 40 }, (_, index) => `z. B. Nr. ${index + 1} § ${index + 2} Abs. 3 und 40 € oder`).join(' ');
    const doc = buildDocModel(check(`---\nart: Antrag\ntitel: Umbrüche\neinreicher: Freibeuter-Fraktion\n---\n\n## Beschlussvorschlag\n\n${text}\n\n## Begründung\n\nText.\n`).draft, DEFAULT_PROFILE);
    const file = path.join(dir, 'umbrueche.docx');
    writeFileSync(file, await writeDocx(doc));
    toPdf(file);
    const lines = execFileSync('pdftotext', ['-layout', path.join(dir, 'umbrueche.pdf'), '-'], { encoding: 'utf8' }).split('\n').map((line) => line.trim());
    const paragraph = lines.filter((line) => /z\.|Nr\.|§|€/.test(line));
    expect(paragraph.length).toBeGreaterThan(10);
    for (const line of paragraph) {
      expect(line, line).not.toMatch(/(?:^|\s)(?:z\.|Nr\.|§|Abs\.)$/);
      expect(line, line).not.toMatch(/^(?:B\.|€)/);
    }
  });

  it('shows list items in order, the footnote text and the table', async () => {
    const file = 'test/fixtures/export-alles.md';
    const pdf = await rendered(file);
    // -layout turns the tab after a list number into spaces whose count depends on the fonts installed.
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    const order = ['1. erster Punkt', '2. zweiter Punkt', 'Unterpunkt A', 'Unterpunkt B', 'tief', 'am tiefsten', '3. dritter Punkt', '1. Anfang der zweiten Liste', '2. Ende der zweiten Liste'].map((item) => text.indexOf(item));
    expect(order.every((at) => at >= 0), `all items found: ${JSON.stringify(order)}`).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Haushaltsplan 2025/2026, S. 12.');
    expect(text).toMatch(/2026\s+2.000 €/);
    expect(text).toContain('Fachausschuss Finanzen');
  });

  it.runIf(validates).each(SOURCES)('%s validates against the Office Open XML schemas', async (file) => {
    const target = path.join(dir, `${path.basename(file, '.md')}.valid.docx`);
    writeFileSync(target, await writeDocx(model(file)));
    const result = validateDocx(validator!, target);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.runIf(validates)('the validator does reject a broken document (a control for the test above)', async () => {
    const zip = await JSZip.loadAsync(await writeDocx(model('templates/antrag.md')));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace('<w:body>', '<w:body><w:bogus/>'));
    const target = path.join(dir, 'kaputt.docx');
    writeFileSync(target, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((validateDocx(validator!, target)).ok).toBe(false);
  });

  it('pandoc finds the numbered lists, the footnotes and the hyperlink', async () => {
    const file = 'test/fixtures/export-alles.md';
    writeFileSync(docx(file), await writeDocx(model(file)));
    const json = JSON.parse(execFileSync('pandoc', ['-f', 'docx', '-t', 'json', docx(file)], { encoding: 'utf8' })) as { blocks: unknown[] };
    const all = JSON.stringify(json.blocks);
    expect(all.match(/"t":"OrderedList"/g)?.length).toBeGreaterThanOrEqual(2);
    // Two footnotes of the draft, one with the address of its link.
    expect(all.match(/"t":"Note"/g)?.length).toBe(3);
    expect(all).toContain('"https://www.leipzig.de/"');
    expect(all).toContain('"t":"Table"');
  });
});

/** Rewrites word/document.xml of the DOCX named as the argument, as a word processor saving it would, keeping every other part. */
const EDIT_IN_ZIP = `
import sys, zipfile, shutil
src = sys.argv[1]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(src + '.neu', 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'word/document.xml':
            data = data.replace(b'</w:body>', b'<w:p><w:r><w:t>Nachtrag</w:t></w:r></w:p></w:body>')
        zout.writestr(item, data)
shutil.move(src + '.neu', src)
print('edited')
`;

describe('ratsfeder export', () => {
  const bin = path.join(ROOT, 'bin', 'ratsfeder.js');
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, 'export', ...args], { cwd, encoding: 'utf8' });
  const draft = readFileSync(path.join(ROOT, 'examples', 'verwaltungsdigitalisierung.antrag.md'), 'utf8');

  it('writes beside the draft, atomically, and says where', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    const result = run(['antrag.md', '--heute', '2025-03-01'], dir);
    expect(result.stdout).toBe('Exportiert: antrag.docx\n');
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dir, 'antrag.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir).sort()).toEqual(['antrag.docx', 'antrag.md']);
  });

  it('labels the document in English with --lang en', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    const result = run(['antrag.md', '--lang', 'en', '--heute', '2025-03-01'], dir);
    expect(result.stdout).toBe('Exported: antrag.docx\n');
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'antrag.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Submitted by:');
    expect(xml).toContain('Subject: ');
    // The council's words too: type, sections, status, roles and dates.
    for (const english of ['Motion', 'Proposed resolution', 'Reasoning', 'public', 'Preliminary consultation', 'Decision', '5 March 2025', '1 April 2025']) expect(xml).toContain(english);
    for (const german of ['>Antrag<', 'Beschlussvorschlag', 'Begründung', 'öffentlich', 'Vorberatung', '05.03.2025']) expect(xml).not.toContain(german);
    const footer = await zip.file(/word\/footer\d*\.xml/)[0]!.async('string');
    expect(footer).toContain('Page ');
  });

  it('leaves out characters XML forbids, says where the first one stood, and writes XML that parses', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    const hostile = draft.replace('## Begründung', '## Begründung\n\nEin\uFFFEWort,\uFFFF ein\u0001 Steuerzeichen, ein 😀 ganzes Zeichen.');
    writeFileSync(path.join(dir, 'antrag.md'), hostile.replace('titel: ', 'titel: Mit\u000B '));
    const result = run(['antrag.md', '--heute', '2025-03-01'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Exportiert: antrag.docx\n');
    const line = hostile.slice(0, hostile.indexOf('titel: ')).split('\n').length;
    expect(result.stderr).toBe(`antrag.md:${line}:11: 4 Zeichen (das erste: U+000B) dürfen in einer DOCX-Datei nicht stehen und wurden im Export weggelassen. Steuerzeichen dieser Art kommen meist durch Kopieren aus anderen Programmen in den Text; im Entwurf löschen.\n`);
    const bytes = readFileSync(path.join(dir, 'antrag.docx'));
    expect(await docxXmlProblems(bytes)).toEqual({});
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('EinWort, ein Steuerzeichen, ein 😀 ganzes Zeichen.');
    expect(xml).toContain('Mit ');
  });

  it.runIf(renderers)('writes a PDF/A beside the DOCX with --pdf, through LibreOffice', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    const result = run(['antrag.md', '--pdf', '--heute', '2025-03-01'], dir);
    expect(result.stdout).toBe('Exportiert: antrag.docx\nAls PDF/A: antrag.pdf\n');
    expect(result.status).toBe(0);
    const pdf = readFileSync(path.join(dir, 'antrag.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // PDF/A-2 says so in its metadata.
    expect(pdf.toString('latin1')).toMatch(/pdfaid:part(>|=")2/);
    expect(execFileSync('pdftotext', [path.join(dir, 'antrag.pdf'), '-'], { encoding: 'utf8' })).toContain('Ist-Zustand der Verwaltungsdigitalisierung');
    expect(readdirSync(dir).sort()).toEqual(['antrag.docx', 'antrag.md', 'antrag.pdf']);
  });

  it('says that --pdf needs LibreOffice where there is none, and keeps the DOCX', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: path.join(dir, 'leer') };
    delete env.RATSFEDER_SOFFICE;
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'export', 'antrag.md', '--pdf', '--heute', '2025-03-01'], { cwd: dir, encoding: 'utf8', env });
    expect(result.stdout).toBe('Exportiert: antrag.docx\n');
    expect(result.stderr).toContain('Für --pdf wird LibreOffice gebraucht (soffice), und es ist nicht installiert');
    expect(result.status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['antrag.docx', 'antrag.md']);
  });

  it('names a logo it cannot use and writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), 'export:\n  absender:\n    name: Freibeuter-Fraktion\n    logo: bilder/logo.png\n');
    const missing = run(['antrag.md', '--heute', '2025-03-01'], dir);
    expect(missing.stderr).toContain(`Das Logo ${path.join(dir, 'bilder', 'logo.png')} aus „export: absender: logo:“ ist nicht da.`);
    expect(missing.status).toBe(1);
    mkdirSync(path.join(dir, 'bilder'));
    writeFileSync(path.join(dir, 'bilder', 'logo.png'), 'kein Bild');
    expect(run(['antrag.md', '--heute', '2025-03-01'], dir).stderr).toContain('ist kein PNG- oder JPEG-Bild');
    expect(existsSync(path.join(dir, 'antrag.docx'))).toBe(false);
  });

  it('says why a draft it does not read is not exported: too large, nested too deeply, too costly to parse (construct and line)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    const front = '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n';
    writeFileSync(path.join(dir, 'klammern.md'), `${front}## Beschlussvorschlag\n\n${']('.repeat(65_536)}\n`);
    writeFileSync(path.join(dir, 'gross.md'), `${front}${'x'.repeat(2_100_000)}`);
    writeFileSync(path.join(dir, 'tief.md'), `${front}## Beschlussvorschlag\n\n${'- '.repeat(5000)}x\n`);
    writeFileSync(path.join(dir, 'README.md'), '# Notizen\n');
    const costly = run(['klammern.md'], dir);
    expect(costly.stderr).toBe(
      'ratsfeder: klammern.md:9: enthält 65.536-mal „](“; so viele Link-Klammern hat kein Antrag, und das Einlesen würde zu lange dauern. Der Entwurf wird nicht exportiert. Steht hier versehentlich eingefügter Text? Bitte entfernen oder den Absatz mit Leerzeilen teilen.\n',
    );
    expect(costly.status).toBe(2);
    expect(run(['klammern.md', '--lang', 'en'], dir).stderr).toBe(
      'ratsfeder: klammern.md:9: contains “](” 65,536 times; no motion has that many link brackets, and reading it would take too long. The draft is not exported. Was text pasted here by mistake? Please remove it or split the paragraph with blank lines.\n',
    );
    const large = run(['gross.md'], dir);
    expect(large.stderr).toBe('ratsfeder: gross.md ist zu groß für einen Entwurf (Grenze 1 MB) und wird nicht exportiert; bitte die Datei aufteilen.\n');
    expect(large.status).toBe(2);
    expect(run(['tief.md'], dir).stderr).toBe('ratsfeder: tief.md ist zu tief verschachtelt (mehr als 50 Ebenen Listen oder Zitate) und wird nicht exportiert.\n');
    // A Markdown file without front matter is still no draft.
    expect(run(['README.md'], dir).stderr).toBe('ratsfeder: README.md ist kein Entwurf (kein „art:“ im Front Matter) und wird nicht exportiert.\n');
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'gross.md', 'klammern.md', 'tief.md']);
  });

  it('refuses a draft with errors, listing them, unless forced', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'kaputt.md'), draft.replace('datum: 2025-03-05', 'datum: 2025-13-05'));
    const refused = run(['kaputt.md'], dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('kaputt.md:6:8  fehler  datum-ungueltig');
    expect(refused.stderr).toContain('wird nicht exportiert; erst beheben oder mit --force trotzdem exportieren');
    expect(existsSync(path.join(dir, 'kaputt.docx'))).toBe(false);
    expect(run(['kaputt.md', '--force'], dir).status).toBe(0);
    expect(existsSync(path.join(dir, 'kaputt.docx'))).toBe(true);
  });

  it('never overwrites a draft and explains a target it cannot write', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    writeFileSync(path.join(dir, 'datei'), 'kein Ordner');
    const before = statSync(path.join(dir, 'antrag.md')).mtimeMs;
    const self = run(['antrag.md', '-o', 'antrag.md'], dir);
    expect(self.status).toBe(1);
    expect(self.stderr).toContain('der Export überschreibt nie einen Entwurf');
    expect(statSync(path.join(dir, 'antrag.md')).mtimeMs).toBe(before);
    expect(run(['antrag.md', '-o', 'fehlt/antrag.docx'], dir).stderr).toMatch(/Den Zielordner .*fehlt gibt es nicht/);
    expect(run(['antrag.md', '-o', 'datei/antrag.docx'], dir).stderr).toMatch(/ist kein Ordner/);
    expect(run(['antrag.md', '-o', '.'], dir).stderr).toMatch(/ist ein Ordner; bitte einen Dateinamen angeben/);
    expect(readdirSync(dir).sort()).toEqual(['antrag.md', 'datei']);
  });

  it('replaces its own unchanged export, but never a DOCX changed since or not its own, unless told to', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    const target = path.join(dir, 'antrag.docx');
    expect(run(['antrag.md', '--heute', '2025-03-01'], dir).status).toBe(0);
    // Exported again after an edit of the draft: the earlier export is replaced.
    writeFileSync(path.join(dir, 'antrag.md'), draft.replace('## Begründung', '## Begründung\n\nNeu.'));
    expect(run(['antrag.md', '--heute', '2025-03-01'], dir).stdout).toBe('Exportiert: antrag.docx\n');
    // Changed as Word saves it: the parts rewritten, the custom properties kept.
    const edited = execFileSync('python3', ['-c', EDIT_IN_ZIP, target], { encoding: 'utf8' });
    expect(edited.trim()).toBe('edited');
    const before = readFileSync(target);
    const refused = run(['antrag.md', '--heute', '2025-03-01'], dir);
    expect(refused.stderr).toBe(
      'ratsfeder: antrag.docx wurde nach dem letzten Export geändert (in Word, LibreOffice oder von Hand); der Export überschreibt sie nicht. Mit --ueberschreiben ersetzen oder ein anderes Ziel wählen (-o). Es wurde nichts geschrieben.\n',
    );
    expect(refused.status).toBe(1);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(run(['antrag.md', '--heute', '2025-03-01', '--force'], dir).status).toBe(1);
    expect(run(['antrag.md', '--heute', '2025-03-01', '--ueberschreiben'], dir).status).toBe(0);
    expect(readFileSync(target).equals(before)).toBe(false);
    // A DOCX Ratsfeder did not write (or anything else under that name).
    writeFileSync(path.join(dir, 'fremd.docx'), 'Briefentwurf der Geschäftsstelle');
    const foreign = run(['antrag.md', '-o', 'fremd.docx', '--lang', 'en'], dir);
    expect(foreign.stderr).toContain('fremd.docx exists already and was not written by Ratsfeder; the export does not overwrite it. Replace it with --ueberschreiben');
    expect(foreign.status).toBe(1);
    expect(readFileSync(path.join(dir, 'fremd.docx'), 'utf8')).toBe('Briefentwurf der Geschäftsstelle');
    expect(run(['--help'], dir).stdout).toContain('--ueberschreiben     eine vorhandene DOCX-Datei ersetzen');
  });

  it.runIf(renderers)('takes a DOCX that LibreOffice saved again for a changed one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    expect(run(['antrag.md', '--heute', '2025-03-01'], dir).status).toBe(0);
    const out = path.join(dir, 'lo');
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'docx:MS Word 2007 XML', '--outdir', out, path.join(dir, 'antrag.docx')], { stdio: 'pipe', timeout: 120_000 });
    const saved = run(['antrag.md', '-o', 'lo/antrag.docx', '--heute', '2025-03-01'], dir);
    expect(saved.stderr).toMatch(/lo\/antrag\.docx (wurde nach dem letzten Export geändert|gibt es schon)/);
    expect(saved.status).toBe(1);
  });

  it('lists and counts the warnings it exported despite', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft.replace('## Begründung\n', '## Begründung\n\nSiehe VIII-F-1 und VIII-F-2.\n'));
    const result = run(['antrag.md', '--heute', '2025-03-01'], dir);
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, 2).map((line) => line.replace(/:\d+:\d+ .*/, ''))).toEqual(['antrag.md', 'antrag.md']);
    expect(lines[0]).toMatch(/^antrag\.md:\d+:\d+  warnung  nummer-form  „VIII-F-1“/);
    expect(lines.at(-1)).toBe('Exportiert: antrag.docx (2 Warnungen)');
    expect(result.status).toBe(0);
    writeFileSync(path.join(dir, 'kaputt.md'), draft.replace('datum: 2025-03-05', 'datum: 2025-13-05'));
    expect(run(['kaputt.md', '--force', '--lang', 'en', '--heute', '2025-03-01'], dir).stdout).toMatch(/kaputt\.md:6:8  error  datum-ungueltig .*\nExported: kaputt\.docx \(1 error\)\n$/);
  });

  it('says that a draft named does not exist, exit 2 as the help promises', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    const missing = run(['antrag.md'], dir);
    expect(missing.stderr).toBe('ratsfeder: Den Entwurf antrag.md gibt es nicht; bitte den Pfad prüfen.\n');
    expect(missing.status).toBe(2);
    expect(run(['fehlt/antrag.md', '--lang', 'en'], dir).stderr).toBe('ratsfeder: The draft fehlt/antrag.md does not exist; please check the path.\n');
    expect(run(['--help'], dir).stdout).toContain('2 Aufruffehler,\nEntwurf nicht vorhanden oder nicht lesbar');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves no half-written file when the folder refuses the write', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-export-'));
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    const target = path.join(dir, 'ziel');
    // A directory where the rename's target would be: the temporary file is written, the rename fails.
    const blocked = path.join(target, 'antrag.docx');
    execFileSync('mkdir', ['-p', path.join(blocked, 'inhalt')]);
    chmodSync(dir, 0o755);
    const result = run(['antrag.md', '-o', blocked], dir);
    expect(result.status).toBe(1);
    expect(readdirSync(target)).toEqual(['antrag.docx']);
  });
});
