import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table as DocxTable,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type INumberingOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, DocModel, Inline, Table } from './model.js';

/*
 * The mechanical half of the export: document model → DOCX with the `docx` library. No
 * layout decisions here beyond how Word spells them (styles, numbering, footnotes, fields).
 */

const FONT = 'Arial';
/** Twips (1/1440 inch) and half-points, as Word counts. */
const INDENT_STEP = 425; // 0.75 cm per list level
const QUOTE_INDENT = 567; // 1 cm
const A4 = { width: 11906, height: 16838 };
const LEVELS = 9;

/** One numbering definition per start value: Word restarts a list at its level's `start`. */
function numberingConfig(starts: ReadonlySet<number>): INumberingOptions['config'] {
  const level = (index: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string, start = 1) => ({
    level: index,
    format,
    text,
    start: index === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT_STEP * (index + 1), hanging: INDENT_STEP } } },
  });
  const bullets = ['•', '◦', '▪'];
  const decimals = (index: number) => `%${index + 1}.`;
  return [
    { reference: 'bullet', levels: Array.from({ length: LEVELS }, (_, i) => level(i, LevelFormat.BULLET, bullets[i % 3]!)) },
    ...[...starts].map((start) => ({
      reference: `ordered-${start}`,
      // Council documents number 1., then a) one level down, then 1. again further down.
      levels: Array.from({ length: LEVELS }, (_, i) => (i === 1 ? level(i, LevelFormat.LOWER_LETTER, '%2)', start) : level(i, LevelFormat.DECIMAL, decimals(i), start))),
    })),
  ];
}

export async function writeDocx(model: DocModel): Promise<Buffer> {
  const writer = new Writer();
  const children: (Paragraph | DocxTable)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.header.kind)] }),
    ...(model.header.nummer ? [new Paragraph({ style: 'Nummer', children: [new TextRun(model.header.nummer)] })] : []),
    labelTable(model.header.rows),
    new Paragraph({ style: 'Betreff', children: [new TextRun({ text: `${model.header.betreffLabel}: `, bold: true }), new TextRun({ text: model.header.betreff, bold: true })] }),
  ];
  if (model.beratungsfolge) children.push(...writer.table(model.beratungsfolge, 0));
  for (const section of model.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.title)] }));
    children.push(...writer.blocks(section.blocks, { indent: 0, level: -1 }));
  }
  const footnotes = Object.fromEntries(
    model.footnotes.map((footnote) => [
      footnote.id,
      // The footnote style must be named on each paragraph, or footnotes come out at body size.
      { children: writer.blocks(footnote.blocks, { indent: 0, level: -1 }, 'FootnoteText').filter((block): block is Paragraph => block instanceof Paragraph) },
    ]),
  );
  const [before, after] = model.pageLabel.split('{seite}');
  const [middle, end] = (after ?? '').split('{seiten}');

  const document = new Document({
    title: model.properties.title,
    subject: model.properties.subject,
    creator: model.properties.author,
    description: model.properties.subject,
    styles: STYLES,
    numbering: { config: numberingConfig(writer.starts) },
    footnotes,
    sections: [
      {
        properties: { page: { size: A4, margin: { top: 1417, bottom: 1134, left: 1417, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [before ?? '', PageNumber.CURRENT, middle ?? '', PageNumber.TOTAL_PAGES, end ?? ''], size: 18 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

interface Place {
  /** Left indent in twips for paragraphs that are not list items. */
  readonly indent: number;
  /** List level of the enclosing list item, -1 outside lists. */
  readonly level: number;
}

class Writer {
  readonly starts = new Set<number>([1]);

  blocks(blocks: readonly Block[], place: Place, style?: string): (Paragraph | DocxTable)[] {
    return blocks.flatMap((block) => this.block(block, place, style));
  }

  private block(block: Block, place: Place, style: string | undefined): (Paragraph | DocxTable)[] {
    const indent = place.indent > 0 ? { indent: { left: place.indent } } : {};
    switch (block.type) {
      case 'paragraph':
        return [new Paragraph({ ...indent, ...(style ? { style } : {}), children: this.inlines(block.inlines) })];
      case 'heading':
        return [new Paragraph({ ...indent, heading: block.level <= 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: this.inlines(block.inlines) })];
      case 'code':
        return block.text.split('\n').map((line) => new Paragraph({ ...indent, style: 'Code', children: textRuns(line, {}) }));
      case 'rule':
        return [new Paragraph({ ...indent, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } }, children: [] })];
      case 'quote':
        // A quote inside a list item keeps the item's indent and adds its own.
        return this.blocks(block.blocks, { indent: place.indent + (place.level >= 0 ? INDENT_STEP * (place.level + 1) : 0) + QUOTE_INDENT, level: -1 }, style ?? 'Zitat');
      case 'table':
        return this.table(block, place.indent);
      case 'list': {
        const level = Math.min(place.level + 1, LEVELS - 1);
        const reference = block.ordered ? `ordered-${block.start}` : 'bullet';
        if (block.ordered) this.starts.add(block.start);
        const out: (Paragraph | DocxTable)[] = [];
        for (const item of block.items) {
          const [first, ...rest] = item;
          const lead = first?.type === 'paragraph' ? first : undefined;
          // The item's number stands on its first paragraph, or on an empty one when it starts otherwise.
          out.push(new Paragraph({ ...(style ? { style } : {}), numbering: { reference, level, instance: block.instance }, children: lead ? this.inlines(lead.inlines) : [] }));
          // Further blocks of an item line up with its text; nested lists go one level down.
          for (const child of lead ? rest : item) out.push(...this.block(child, { indent: INDENT_STEP * (level + 1), level }, style));
        }
        return out;
      }
    }
  }

  table(table: Table, indent: number): (Paragraph | DocxTable)[] {
    const columns = Math.max(table.header.length, ...table.rows.map((row) => row.length), 1);
    const row = (cells: readonly (readonly Inline[])[], header: boolean) =>
      new TableRow({
        tableHeader: header,
        children: Array.from({ length: columns }, (_, index) => {
          const align = table.align[index];
          return new TableCell({
            children: [
              new Paragraph({
                alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: this.inlines(cells[index] ?? [], header),
              }),
            ],
          });
        }),
      });
    return [
      new DocxTable({
        width: { size: 100, type: WidthType.PERCENTAGE },
        ...(indent > 0 ? { indent: { size: indent, type: WidthType.DXA } } : {}),
        rows: [row(table.header, true), ...table.rows.map((cells) => row(cells, false))],
      }),
      // Word puts the next paragraph flush under a table; a small empty paragraph gives it air.
      new Paragraph({ style: 'NachTabelle', children: [] }),
    ];
  }

  inlines(inlines: readonly Inline[], bold = false): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const inline of inlines) {
      switch (inline.type) {
        case 'text':
          out.push(...textRuns(inline.text, { bold: bold || inline.bold, italic: inline.italic, strike: inline.strike, code: inline.code }));
          break;
        case 'break':
          out.push(new TextRun({ break: 1 }));
          break;
        case 'footnote':
          out.push(new FootnoteReferenceRun(inline.id));
          break;
        case 'link':
          out.push(
            new ExternalHyperlink({
              link: inline.url,
              children: inline.children.flatMap((child) => (child.type === 'text' ? textRuns(child.text, { bold: bold || child.bold, italic: child.italic, code: child.code, style: 'Hyperlink' }) : [])),
            }),
          );
          break;
      }
    }
    return out;
  }
}

/** Runs for a text; a tab becomes Word's tab element, not a literal character. */
function textRuns(text: string, marks: { bold?: boolean | undefined; italic?: boolean | undefined; strike?: boolean | undefined; code?: boolean | undefined; style?: string }): TextRun[] {
  const parts = text.split('\t');
  const children: (string | Tab)[] = [];
  parts.forEach((part, index) => {
    if (index > 0) children.push(new Tab());
    if (part) children.push(part);
  });
  return [
    new TextRun({
      children,
      ...(marks.bold ? { bold: true } : {}),
      ...(marks.italic ? { italics: true } : {}),
      ...(marks.strike ? { strike: true } : {}),
      ...(marks.code ? { font: 'Courier New' } : {}),
      ...(marks.style ? { style: marks.style } : {}),
    }),
  ];
}

function labelTable(rows: readonly { label: string; value: string }[]): DocxTable {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  return new DocxTable({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    columnWidths: [2200, 7100],
    rows: rows.map(
      (row) =>
        new TableRow({
          children: [
            new TableCell({ borders, width: { size: 2200, type: WidthType.DXA }, children: [new Paragraph({ children: [new TextRun({ text: `${row.label}:`, bold: true })] })] }),
            new TableCell({
              borders,
              width: { size: 7100, type: WidthType.DXA },
              children: row.value.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })),
            }),
          ],
        }),
    ),
  });
}

const STYLES = {
  default: {
    document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } },
    title: { run: { font: FONT, size: 32, bold: true }, paragraph: { spacing: { after: 60 } } },
    heading1: { run: { font: FONT, size: 26, bold: true }, paragraph: { spacing: { before: 300, after: 120 }, keepNext: true } },
    heading2: { run: { font: FONT, size: 23, bold: true }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
    heading3: { run: { font: FONT, size: 22, bold: true, italics: true }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
  },
  paragraphStyles: [
    { id: 'Nummer', name: 'Nummer', basedOn: 'Normal', run: { size: 24, bold: true }, paragraph: { spacing: { after: 240 } } },
    { id: 'Betreff', name: 'Betreff', basedOn: 'Normal', run: { size: 24 }, paragraph: { spacing: { before: 240, after: 240 } } },
    { id: 'Zitat', name: 'Zitat', basedOn: 'Normal', run: { italics: true }, paragraph: { indent: { left: QUOTE_INDENT } } },
    { id: 'Code', name: 'Code', basedOn: 'Normal', run: { font: 'Courier New', size: 19 }, paragraph: { spacing: { after: 0 } } },
    { id: 'NachTabelle', name: 'Nach Tabelle', basedOn: 'Normal', run: { size: 8 }, paragraph: { spacing: { after: 120 } } },
    { id: 'FootnoteText', name: 'footnote text', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { after: 0, line: 240 } } },
  ],
  characterStyles: [{ id: 'Hyperlink', name: 'Hyperlink', run: { color: '0563C1', underline: {} } }],
};
