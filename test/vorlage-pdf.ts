import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, Footer, Header, HeadingLevel, LevelFormat, Packer, PageNumber, Paragraph, TextRun } from 'docx';

/*
 * Vorlage PDFs as councils publish them, for the tests of fetched texts: a DOCX laid out like a
 * Leipzig Vorlage (letterhead in the page header, a page footer "Seite n von m", the
 * Beschlussvorschlag with Word-numbered points, a Begründung over pages), turned into a PDF by
 * LibreOffice; and a PDF written by hand whose text layer has words hyphenated at line ends
 * and ligature glyphs, as typesetting programs leave them.
 */

export interface VorlageSpec {
  readonly nummer: string;
  readonly betreff: string;
  readonly punkte: readonly string[];
  /** Paragraphs of the Begründung; enough of them run over several pages. */
  readonly begruendung: readonly string[];
}

export const RADVERKEHR: VorlageSpec = {
  nummer: 'VIII-DS-01234',
  betreff: 'Fortschreibung des Radverkehrsentwicklungsplans',
  punkte: [
    'Die Ratsversammlung beschließt die Fortschreibung des Radverkehrsentwicklungsplans 2030 (Anlage 1).',
    'Der Oberbürgermeister wird beauftragt, jährlich über den Stand der Umsetzung zu berichten, erstmals im vierten Quartal 2027.',
    'Die finanziellen Auswirkungen werden im Doppelhaushalt 2027/2028 berücksichtigt.',
  ],
  begruendung: Array.from(
    { length: 14 },
    (_, index) =>
      `Abschnitt ${index + 1}: Die Stadt Leipzig hat im Jahr 2012 einen Radverkehrsentwicklungsplan beschlossen. Seitdem ist der Anteil des Radverkehrs deutlich gestiegen, und die Anforderungen an Radwege, Abstellanlagen und Kreuzungen sind gewachsen. Zählungen an den Dauerzählstellen belegen den Zuwachs in allen Stadtbezirken; die Verwaltung schlägt deshalb vor, die Maßnahmen bis 2030 fortzuschreiben und jährlich zu berichten.`,
  ),
};

/** The DOCX of a Vorlage, laid out as a council's. */
export async function vorlageDocx(spec: VorlageSpec): Promise<Buffer> {
  const document = new Document({
    creator: 'Stadt Leipzig',
    numbering: {
      config: [{ reference: 'beschluss', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }] }],
    },
    sections: [
      {
        headers: {
          default: new Header({
            children: [new Paragraph({ children: [new TextRun({ text: 'Stadt Leipzig · Der Oberbürgermeister', bold: true })] }), new Paragraph({ children: [new TextRun(`Vorlage ${spec.nummer}`)] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Seite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children: [
          new Paragraph({ children: [new TextRun({ text: 'Beschlussvorlage', bold: true, size: 32 })] }),
          new Paragraph({ children: [new TextRun({ text: 'Betreff: ', bold: true }), new TextRun(spec.betreff)] }),
          new Paragraph({ children: [new TextRun('Beratungsfolge: Ratsversammlung, Beschlussfassung')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun('Beschlussvorschlag:')] }),
          ...spec.punkte.map((punkt) => new Paragraph({ numbering: { reference: 'beschluss', level: 0 }, spacing: { after: 120 }, children: [new TextRun(punkt)] })),
          new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun('Begründung:')] }),
          ...spec.begruendung.map((text) => new Paragraph({ spacing: { after: 160 }, children: [new TextRun(text)] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The Vorlage as LibreOffice prints it to PDF (kept in `dir` once made). */
export async function vorlagePdf(spec: VorlageSpec, dir: string): Promise<Buffer> {
  mkdirSync(dir, { recursive: true });
  const name = `${spec.nummer}-${spec.begruendung.length}`;
  const docx = path.join(dir, `${name}.docx`);
  writeFileSync(docx, await vorlageDocx(spec));
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 180_000 });
  return readFileSync(path.join(dir, `${name}.pdf`));
}

/**
 * A PDF written by hand, one page per list of lines, in Helvetica (Windows encoding, whose
 * codes 174 and 175 are made the ligature glyphs fi and fl): in a line, `{fi}` and `{fl}` are
 * those glyphs, as a typesetter's text layer has them.
 */
export function handPdf(pages: readonly (readonly string[])[]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [174 /fi /fl] >> >>');
  const kids: number[] = [];
  for (const lines of pages) {
    const stream = ['BT', '/F1 11 Tf', '14 TL', '72 770 Td', ...lines.map((line) => `(${pdfString(line)}) '`), 'ET'].join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${content + 1} 0 R >>`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((kid) => `${kid + 1} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A line in the font's encoding (Latin-1 characters as they are). */
function pdfString(line: string): string {
  return line
    .replace(/[\\()]/g, (char) => `\\${char}`)
    .replace(/\{fi\}/g, '\\256')
    .replace(/\{fl\}/g, '\\257');
}
