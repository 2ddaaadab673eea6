import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, Header, Packer, Paragraph, TextRun } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { ooxmlValidator, validateDocx } from './ooxml.js';

/*
 * A faction's letterhead, made here as a faction would make it in Word: placeholders in the
 * header, in the body, and one split across two runs (as Word does when you edit a word).
 */
async function letterhead(body: string[] = ['{{einreicher}}', 'Leipzig, {{datum}}', '{{inhalt}}']): Promise<Buffer> {
  const document = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: 'Freibeuter-Fraktion im Stadtrat Leipzig · {{art}} {{nummer}}', color: '8B0000' })] })] }) },
        children: [
          new Paragraph({ children: [new TextRun({ text: 'Freibeuter-Fraktion', bold: true, size: 28 })] }),
          new Paragraph({ children: [new TextRun('Betreff: {{ti'), new TextRun({ text: 'tel}}', bold: true })] }),
          ...body.map((line) => new Paragraph({ children: [new TextRun(line)] })),
          new Paragraph({ children: [new TextRun('Mit freundlichen Grüßen')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

const renderers = Boolean(process.env.CI) || spawnSync('soffice', ['--version']).status === 0;
const validator = ooxmlValidator();
const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-briefkopf-'));
const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'export', ...args], { cwd: dir, encoding: 'utf8' });

beforeAll(async () => {
  writeFileSync(path.join(dir, 'briefkopf.docx'), await letterhead());
  writeFileSync(path.join(dir, 'antrag.md'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'export-alles.md'), 'utf8'));
});

describe('letterhead templates', () => {
  it('fills every placeholder, the split one and the one in the header too', async () => {
    const result = run(['antrag.md', '--template', 'briefkopf.docx', '-o', 'brief.docx', '--heute', '2025-05-01']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.runIf(Boolean(process.env.CI) || validator !== undefined)('the filled letter validates against the Office Open XML schemas', () => {
    const result = validateDocx(validator!, path.join(dir, 'brief.docx'));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.runIf(renderers)('pandoc reads the filled placeholders, none left over', () => {
    const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', path.join(dir, 'brief.docx')], { encoding: 'utf8' });
    expect(plain).toContain('Betreff: Alles, was der Export können muss');
    expect(plain).toContain('Leipzig, 14.05.2025');
    expect(plain).not.toContain('{{');
  });

  it.runIf(renderers)('renders in LibreOffice with the letterhead, the text, lists and footnotes', () => {
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'brief.docx')], { stdio: 'pipe', timeout: 120_000 });
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'brief.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Freibeuter-Fraktion im Stadtrat Leipzig · Antrag VIII-A-01234');
    expect(text).toMatch(/Freibeuter-Fraktion\s+SPD-Fraktion/);
    expect(text).toContain('Beschlussvorschlag');
    expect(text).toMatch(/1\.\s+erster Punkt/);
    expect(text).toContain('Haushaltsplan 2025/2026, S. 12.');
    expect(text).toContain('Mit freundlichen Grüßen');
    expect(text.indexOf('Begründung')).toBeLessThan(text.indexOf('Mit freundlichen Grüßen'));
  });

  it('says which placeholder is unknown or missing, and writes nothing', async () => {
    writeFileSync(path.join(dir, 'falsch.docx'), await letterhead(['{{einreicher}}', '{{unterschrift}}']));
    const result = run(['antrag.md', '--template', 'falsch.docx', '-o', 'falsch-brief.docx']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unbekannter Platzhalter {{unterschrift}}');
    expect(result.stderr).toContain('der Platzhalter {{inhalt}} fehlt');
    expect(result.stderr).toContain('Erlaubt sind {{titel}}, {{art}}');
    expect(existsSync(path.join(dir, 'falsch-brief.docx'))).toBe(false);
  });

  it('reports a template that is no .docx', () => {
    writeFileSync(path.join(dir, 'kaputt.docx'), 'kein zip');
    const result = run(['antrag.md', '--template', 'kaputt.docx', '-o', 'x.docx']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('keine lesbare .docx-Datei');
    expect(run(['antrag.md', '--template', 'fehlt.docx', '-o', 'x.docx']).stderr).toContain('ist nicht lesbar');
    expect(readdirSync(dir).filter((name) => name.startsWith('x'))).toEqual([]);
  });

  it('takes the letterhead from ratsfeder.yaml', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'ratsfeder-briefkopf-projekt-'));
    writeFileSync(path.join(project, 'ratsfeder.yaml'), 'export:\n  vorlage: vorlagen/briefkopf.docx\n');
    execFileSync('mkdir', ['-p', path.join(project, 'vorlagen')]);
    writeFileSync(path.join(project, 'vorlagen', 'briefkopf.docx'), readFileSync(path.join(dir, 'briefkopf.docx')));
    writeFileSync(path.join(project, 'antrag.md'), readFileSync(path.join(dir, 'antrag.md')));
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'export', 'antrag.md', '--heute', '2025-05-01'], { cwd: project, encoding: 'utf8' });
    expect(result.status).toBe(0);
    // The letterhead's own text is in the result: the template was used.
    expect(readFileSync(path.join(project, 'antrag.docx')).includes(Buffer.from('word/header'))).toBe(true);
  });
});
