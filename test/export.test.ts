import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDocModel } from '../server/src/export/build.js';
import { writeDocx } from '../server/src/export/docx.js';
import type { Block, DocModel } from '../server/src/export/model.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { check, expectGolden, ROOT } from './helpers.js';
import { ooxmlValidator, validateDocx } from './ooxml.js';

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
    expect(doc.footnotes.map((footnote) => footnote.id)).toEqual([1, 2]);
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

  it('sets the document properties: title, author (every submitter) and subject', async () => {
    const zip = await JSZip.loadAsync(await writeDocx(model('test/fixtures/export-alles.md')));
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:title>Alles, was der Export können muss</dc:title>');
    expect(core).toContain('<dc:creator>Freibeuter-Fraktion, SPD-Fraktion</dc:creator>');
    expect(core).toContain('<dc:subject>Antrag VIII-A-01234</dc:subject>');
  });

  it('writes tabs as tab elements and keeps cited numbers as written', async () => {
    const zip = await JSZip.loadAsync(await writeDocx(model('test/fixtures/export-alles.md')));
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toMatch(/Nach der Tabelle\.<\/w:t><\/w:r>|Nach der Tabelle\.<\/w:t><w:tab\/>/);
    expect(document).not.toContain('\t');
    expect(document).toContain('VIII-DS-01234');
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

  it.each(SOURCES)('LibreOffice renders %s to PDF with its header, sections and page numbers', async (file) => {
    const doc = model(file);
    writeFileSync(docx(file), await writeDocx(doc));
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, docx(file)], { stdio: 'pipe', timeout: 120_000 });
    const pdf = docx(file).replace(/\.docx$/, '.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(doc.header.kind);
    expect(text).toContain(doc.header.betreff.replace(/\s+/g, ' ').slice(0, 30));
    for (const row of doc.header.rows) expect(text).toContain(row.value.split('\n')[0]!);
    for (const section of doc.sections) expect(text).toContain(section.title);
    expect(text).toMatch(/Seite 1 von \d+/);
  });

  it('shows list items in order, the footnote text and the table', async () => {
    const file = 'test/fixtures/export-alles.md';
    const pdf = docx(file).replace(/\.docx$/, '.pdf');
    if (!existsSync(pdf)) {
      writeFileSync(docx(file), await writeDocx(model(file)));
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, docx(file)], { stdio: 'pipe', timeout: 120_000 });
    }
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
    expect(all.match(/"t":"Note"/g)?.length).toBe(2);
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
    const footer = await zip.file(/word\/footer\d*\.xml/)[0]!.async('string');
    expect(footer).toContain('Page ');
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
