import {
  AlignmentType,
  DeletedTextRun,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeightRule,
  ImageRun,
  LineRuleType,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type INumberingOptions,
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { Absender, Block, DocModel, Inline, Revision, Table } from './model.js';
import { strToU8, unzipSync, type Unzipped } from 'fflate';

/*
 * The look of the export: document model → DOCX with the `docx` library. What the document
 * says and in which order is the model's (build.ts); how it looks is decided here: page,
 * margins, fonts, the header block, list numbering, the footer, and the paragraph roles as
 * styles or direct formatting.
 */

const FONT = 'Arial';
/** Twips (1/1440 inch) and half-points, as Word counts. */
const INDENT_STEP = 425; // 0.75 cm per list level
const QUOTE_INDENT = 567; // 1 cm
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1417, bottom: 1134, left: 1417, right: 1134 };
/** The width between the margins, which percentages of table widths refer to. */
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const LEVELS = 9;

/** What a paragraph is, for its look. */
export type Role = 'title' | 'nummer' | 'betreff' | 'heading1' | 'heading2' | 'heading3' | 'quote' | 'code' | 'afterTable' | 'footnote';

type ParagraphLook = Pick<IParagraphOptions, 'style' | 'heading' | 'spacing' | 'keepNext'>;
type RunLook = Pick<IRunOptions, 'bold' | 'italics' | 'size' | 'font' | 'color' | 'underline' | 'style'>;

/**
 * How roles look. Our own documents name styles defined in `STYLES`; a faction's letterhead
 * template cannot be given new styles, so there every role is spelled out as direct formatting.
 */
export interface Look {
  paragraph(role: Role | undefined): ParagraphLook;
  run(role: Role | 'hyperlink' | undefined): RunLook;
}

const DIRECT: Record<Role, { paragraph: ParagraphLook; run: RunLook }> = {
  title: { paragraph: { spacing: { after: 60 } }, run: { bold: true, size: 32 } },
  nummer: { paragraph: { spacing: { after: 240 } }, run: { bold: true, size: 24 } },
  betreff: { paragraph: { spacing: { before: 240, after: 240 } }, run: { size: 24 } },
  heading1: { paragraph: { spacing: { before: 300, after: 120 }, keepNext: true }, run: { bold: true, size: 26 } },
  heading2: { paragraph: { spacing: { before: 200, after: 80 }, keepNext: true }, run: { bold: true, size: 23 } },
  heading3: { paragraph: { spacing: { before: 160, after: 60 }, keepNext: true }, run: { bold: true, italics: true } },
  quote: { paragraph: {}, run: { italics: true } },
  code: { paragraph: { spacing: { after: 0 } }, run: { font: 'Courier New', size: 19 } },
  afterTable: { paragraph: { spacing: { after: 0, line: 240 } }, run: { size: 8 } },
  footnote: { paragraph: { spacing: { after: 0, line: 240 } }, run: { size: 18 } },
};

export const DIRECT_LOOK: Look = {
  paragraph: (role) => (role ? DIRECT[role].paragraph : {}),
  run: (role) => (role === 'hyperlink' ? { color: '0563C1', underline: {} } : role ? DIRECT[role].run : {}),
};

const STYLE_IDS: Record<Role, ParagraphLook> = {
  title: { heading: HeadingLevel.TITLE },
  nummer: { style: 'Nummer' },
  betreff: { style: 'Betreff' },
  heading1: { heading: HeadingLevel.HEADING_1 },
  heading2: { heading: HeadingLevel.HEADING_2 },
  heading3: { heading: HeadingLevel.HEADING_3 },
  quote: { style: 'Zitat' },
  code: { style: 'Code' },
  afterTable: { style: 'NachTabelle' },
  // The footnote style must be named on each paragraph, or footnotes come out at body size.
  footnote: { style: 'FootnoteText' },
};

const STYLED_LOOK: Look = {
  paragraph: (role) => (role ? STYLE_IDS[role] : {}),
  run: (role) => (role === 'hyperlink' ? { style: 'Hyperlink' } : {}),
};

/** One numbering definition per start value: Word restarts a list at its level's `start`. */
export function numberingConfig(starts: ReadonlySet<number>): INumberingOptions['config'] {
  const level = (index: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string, start = 1) => ({
    level: index,
    format,
    text,
    start: index === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT_STEP * (index + 1), hanging: INDENT_STEP } } },
  });
  const bullets = ['•', '◦', '▪'];
  return [
    { reference: 'bullet', levels: Array.from({ length: LEVELS }, (_, i) => level(i, LevelFormat.BULLET, bullets[i % 3]!)) },
    ...[...starts].map((start) => ({
      reference: `ordered-${start}`,
      // Council documents number 1., then a) one level down, then 1. again further down.
      levels: Array.from({ length: LEVELS }, (_, i) => (i === 1 ? level(i, LevelFormat.LOWER_LETTER, '%2)', start) : level(i, LevelFormat.DECIMAL, `%${i + 1}.`, start))),
    })),
  ];
}

/** The header block: type and number, submitters, date, status, subject. */
export function headerBlock(model: DocModel, writer: Writer): (Paragraph | DocxTable)[] {
  const look = writer.look;
  return [
    new Paragraph({ ...look.paragraph('title'), children: [new TextRun({ text: model.header.kind, ...look.run('title') })] }),
    ...(model.header.nummer ? [new Paragraph({ ...look.paragraph('nummer'), children: [new TextRun({ text: model.header.nummer, ...look.run('nummer') })] })] : []),
    labelTable(model.header.rows),
    new Paragraph({
      ...look.paragraph('betreff'),
      children: [new TextRun({ text: `${model.header.betreffLabel}: `, ...look.run('betreff'), bold: true }), new TextRun({ text: model.header.betreff, ...look.run('betreff'), bold: true })],
    }),
  ];
}

/** The body: the Beratungsfolge (unless placed elsewhere) and the sections with their headings. */
export function bodyBlocks(model: DocModel, writer: Writer, withBeratungsfolge: boolean): (Paragraph | DocxTable)[] {
  const children: (Paragraph | DocxTable)[] = [];
  if (withBeratungsfolge && model.beratungsfolge) children.push(...writer.table(model.beratungsfolge, 0));
  for (const section of model.sections) {
    children.push(new Paragraph({ ...writer.look.paragraph('heading1'), children: [new TextRun({ text: section.title, ...writer.look.run('heading1') })] }));
    children.push(...writer.blocks(section.blocks, { indent: 0, level: -1 }));
  }
  return children;
}

export function footnoteParagraphs(model: DocModel, writer: Writer): Record<string, { children: Paragraph[] }> {
  return Object.fromEntries(
    model.footnotes.map((footnote) => {
      // The footnote's number goes in front of its first paragraph; a space keeps it off the text.
      const [first, ...rest] = footnote.blocks;
      const blocks: Block[] = first?.type === 'paragraph' ? [{ ...first, inlines: [{ type: 'text', text: ' ' }, ...first.inlines] }, ...rest] : [...footnote.blocks];
      return [footnote.id, { children: writer.blocks(blocks, { indent: 0, level: -1 }, 'footnote').filter((block): block is Paragraph => block instanceof Paragraph) }];
    }),
  );
}

/** The first page's letterhead from data: the faction's name, address and contact, and its logo. */
export interface Letterhead {
  readonly absender: Absender;
  readonly logo?: { readonly data: Uint8Array; readonly type: 'png' | 'jpg'; readonly width: number; readonly height: number };
}

/** The logo's height on the page, in pixels at 96 dpi (2.5 cm), and its widest (6 cm). */
const LOGO_HEIGHT = 94;
const LOGO_MAX_WIDTH = 227;

/**
 * The letterhead as a header of the first page: name, address and contact on the left, the
 * logo on the right, a rule below. Later pages carry none.
 */
function letterheadHeader(letterhead: Letterhead): Header {
  const { absender, logo } = letterhead;
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const small = (text: string) => new Paragraph({ spacing: { after: 0, line: 240 }, children: [new TextRun({ text: noBreaks(text), size: 17, color: '444444' })] });
  const text = [
    new Paragraph({ spacing: { after: 60, line: 240 }, children: [new TextRun({ text: absender.name, bold: true, size: 26 })] }),
    ...(absender.anschrift ?? []).map(small),
    ...(absender.kontakt ? [small(absender.kontakt)] : []),
  ];
  const scale = logo ? Math.min(LOGO_HEIGHT / logo.height, LOGO_MAX_WIDTH / logo.width) : 0;
  const image = logo
    ? [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, children: [new ImageRun({ type: logo.type, data: logo.data, transformation: { width: Math.round(logo.width * scale), height: Math.round(logo.height * scale) }, altText: { name: 'Logo', description: absender.name, title: absender.name } })] })]
    : [new Paragraph({ children: [] })];
  const left = Math.round(TEXT_WIDTH * 0.65);
  return new Header({
    children: [
      new DocxTable({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: [left, TEXT_WIDTH - left],
        layout: TableLayoutType.FIXED,
        borders,
        margins: { left: 0, right: 0, top: 0, bottom: 0 },
        rows: [
          new TableRow({
            // At least as tall as the logo (2.5 cm), which LibreOffice would otherwise cut at the row's top.
            height: { value: 1417, rule: HeightRule.ATLEAST },
            children: [
              new TableCell({ borders, width: { size: left, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.TOP, children: text }),
              new TableCell({ borders, width: { size: TEXT_WIDTH - left, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.TOP, children: image }),
            ],
          }),
        ],
      }),
      new Paragraph({ spacing: { after: 360 }, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 4 } }, children: [] }),
    ],
  });
}

/** The DOCX of `model`, zipped. */
export async function writeDocx(model: DocModel, options: { readonly letterhead?: Letterhead } = {}): Promise<Buffer> {
  return Packer.toBuffer(buildDocument(model, options));
}

/** What docx's packer compiles a document into before zipping it: each part's path and content, in zip order. */
interface PartsCompiler {
  compile(file: Document): Map<string, string | Uint8Array>;
}

/**
 * The parts of the DOCX of `model` by their paths, in the order they go into the zip file,
 * unzipped: the export stamps them (`stampParts`) and zips them once, instead of zipping,
 * unzipping and zipping again. Where the docx library does not have the compiler this reads
 * (another version), the zipped document is unzipped.
 */
export async function docxParts(model: DocModel, options: { readonly letterhead?: Letterhead } = {}): Promise<Unzipped> {
  const file = buildDocument(model, options);
  const compiler = (Packer as unknown as { compiler?: PartsCompiler }).compiler;
  if (typeof compiler?.compile !== 'function') return unzipSync(await Packer.toBuffer(file));
  const parts: Unzipped = {};
  for (const [name, data] of compiler.compile(file)) parts[name] = typeof data === 'string' ? strToU8(data) : new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  return parts;
}

function buildDocument(model: DocModel, options: { readonly letterhead?: Letterhead }): Document {
  const writer = new Writer(STYLED_LOOK);
  const children = [...headerBlock(model, writer), ...bodyBlocks(model, writer, true)];
  const footnotes = footnoteParagraphs(model, writer);
  const [before, after] = model.pageLabel.split('{seite}');
  const [middle, end] = (after ?? '').split('{seiten}');
  const pageFooter = () =>
    new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [before ?? '', PageNumber.CURRENT, middle ?? '', PageNumber.TOTAL_PAGES, end ?? ''], size: 18 })],
        }),
      ],
    });

  return new Document({
    title: model.properties.title,
    subject: model.properties.subject,
    creator: model.properties.author,
    lastModifiedBy: model.properties.author,
    description: model.properties.subject,
    styles: styles(model.properties.language),
    numbering: { config: numberingConfig(writer.starts) },
    footnotes,
    sections: [
      {
        properties: { page: { size: A4, margin: { ...MARGIN, ...(options.letterhead ? { header: 567 } : {}) } }, ...(options.letterhead ? { titlePage: true } : {}) },
        ...(options.letterhead ? { headers: { first: letterheadHeader(options.letterhead), default: new Header({ children: [new Paragraph({ children: [] })] }) } } : {}),
        // With a letterhead the first page has headers and footers of its own: the same page number.
        footers: { default: pageFooter(), ...(options.letterhead ? { first: pageFooter() } : {}) },
        children,
      },
    ],
  });
}

interface Place {
  /** Left indent in twips for paragraphs that are not list items. */
  readonly indent: number;
  /** List level of the enclosing list item, -1 outside lists. */
  readonly level: number;
}

export class Writer {
  readonly starts = new Set<number>([1]);

  constructor(readonly look: Look) {}

  blocks(blocks: readonly Block[], place: Place, role?: Role): (Paragraph | DocxTable)[] {
    return blocks.flatMap((block) => this.block(block, place, role));
  }

  private paragraph(role: Role | undefined, place: Place, children: ParagraphChild[], extra: IParagraphOptions = {}): Paragraph {
    const indent = place.indent > 0 ? { indent: { left: place.indent } } : {};
    return new Paragraph({ ...this.look.paragraph(role), ...indent, ...extra, children });
  }

  private block(block: Block, place: Place, role: Role | undefined): (Paragraph | DocxTable)[] {
    switch (block.type) {
      case 'paragraph':
        return [this.paragraph(role, place, this.inlines(block.inlines, this.look.run(role)))];
      case 'heading': {
        const heading: Role = block.level <= 3 ? 'heading2' : 'heading3';
        return [this.paragraph(heading, place, this.inlines(block.inlines, this.look.run(heading)))];
      }
      case 'code':
        return block.text.split('\n').map((line) => this.paragraph('code', place, textRuns(line, this.look.run('code'))));
      case 'rule':
        return [this.paragraph(role, place, [], { border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } })];
      case 'quote':
        // A quote inside a list item keeps the item's indent and adds its own.
        return this.blocks(block.blocks, { indent: place.indent + (place.level >= 0 ? INDENT_STEP * (place.level + 1) : 0) + QUOTE_INDENT, level: -1 }, role ?? 'quote');
      case 'table':
        return this.table(block, place.indent);
      case 'revision':
        return [this.paragraph(role, place, this.revision(block, this.look.run(role)))];
      case 'list': {
        const level = Math.min(place.level + 1, LEVELS - 1);
        const reference = block.ordered ? `ordered-${block.start}` : 'bullet';
        if (block.ordered) this.starts.add(block.start);
        const out: (Paragraph | DocxTable)[] = [];
        for (const item of block.items) {
          const [first, ...rest] = item;
          const lead = first?.type === 'paragraph' ? first : undefined;
          // The item's number stands on its first paragraph, or on an empty one when it starts otherwise.
          out.push(new Paragraph({ ...this.look.paragraph(role), numbering: { reference, level, instance: block.instance }, children: lead ? this.inlines(lead.inlines, this.look.run(role)) : [] }));
          // Further blocks of an item line up with its text; nested lists go one level down.
          for (const child of lead ? rest : item) out.push(...this.block(child, { indent: INDENT_STEP * (level + 1), level }, role));
        }
        return out;
      }
    }
  }

  /** Tracked changes have ids unique in the document. */
  private revisions = 0;

  /** The Vorlage's wording with the insertions and deletions as Word's tracked changes (w:ins, w:del). */
  private revision(block: Revision, run: RunLook): ParagraphChild[] {
    return block.parts.map((part) => {
      if (part.kind === 'same') return new TextRun({ text: noBreaks(part.text), ...run });
      const change = { text: noBreaks(part.text), ...run, id: ++this.revisions, author: block.author, date: block.date };
      return part.kind === 'added' ? new InsertedTextRun(change) : new DeletedTextRun(change);
    });
  }

  table(table: Table, indent: number): (Paragraph | DocxTable)[] {
    const columns = Math.max(table.header.length, ...table.rows.map((row) => row.length), 1);
    // The columns as the model shares them out, in twips of the width between the margins (an
    // indented table, in a list item, is narrower by its indent).
    const width = indent > 0 ? Math.max(Math.round(TEXT_WIDTH / 2), TEXT_WIDTH - indent) : TEXT_WIDTH;
    const shares = Array.from({ length: columns }, (_, index) => Math.max(table.widths[index] ?? 1, 0.01));
    const sum = shares.reduce((total, share) => total + share, 0);
    const columnWidths = shares.map((share) => Math.round((width * share) / sum));
    const row = (cells: readonly (readonly Inline[])[], header: boolean) =>
      new TableRow({
        tableHeader: header,
        ...(table.keepRows ? { cantSplit: true } : {}),
        children: Array.from({ length: columns }, (_, index) => {
          const align = table.align[index];
          return new TableCell({
            width: { size: columnWidths[index]!, type: WidthType.DXA },
            children: [
              new Paragraph({
                alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: this.inlines(cells[index] ?? [], header ? { bold: true } : {}),
              }),
            ],
          });
        }),
      });
    return [
      new DocxTable({
        // An indented table (in a list item) is narrower by its indent, or it runs past the right margin.
        width: { size: width, type: WidthType.DXA },
        columnWidths,
        layout: TableLayoutType.FIXED,
        ...(indent > 0 ? { indent: { size: indent, type: WidthType.DXA } } : {}),
        rows: [row(table.header, true), ...table.rows.map((cells) => row(cells, false))],
      }),
      // Word puts the next paragraph flush under a table; a small empty paragraph gives it air.
      new Paragraph({ ...this.look.paragraph('afterTable'), children: [new TextRun({ text: '', ...this.look.run('afterTable') })] }),
    ];
  }

  inlines(inlines: readonly Inline[], base: RunLook = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const inline of inlines) {
      switch (inline.type) {
        case 'text':
          out.push(...textRuns(inline.text, { ...base, ...marks(inline) }));
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
              children: inline.children.flatMap((child) => (child.type === 'text' ? textRuns(child.text, { ...base, ...marks(child), ...this.look.run('hyperlink') }) : [])),
            }),
          );
          break;
      }
    }
    return out;
  }
}

function marks(inline: Extract<Inline, { type: 'text' }>): RunLook & { strike?: boolean } {
  return {
    ...(inline.bold ? { bold: true } : {}),
    ...(inline.italic ? { italics: true } : {}),
    ...(inline.strike ? { strike: true } : {}),
    ...(inline.underline ? { underline: {} } : {}),
    ...(inline.code ? { font: 'Courier New' } : {}),
  };
}

/**
 * Where a line must not break, as typesetting has it: inside abbreviations ("z. B.", "d. h.",
 * "i. d. R."), between "Nr.", "Abs.", "§" and their number, between a number and its unit.
 */
export function noBreaks(text: string): string {
  return text
    .replace(/(?<![\p{L}\p{N}])(\p{L})\. (?=\p{L}\.)/gu, '$1.\u00a0')
    .replace(/(?<![\p{L}\p{N}])(Nr|Nrn|Abs|Art|Ziff|Kap|Anl|Bd|Rn|S)\. (?=\d)/gu, '$1.\u00a0')
    .replace(/(§§?) (?=\d)/g, '$1\u00a0')
    .replace(/(\d) (?=(?:€|%|EUR\b|Euro\b|Prozent\b|Mio\.|Mrd\.))/gu, '$1\u00a0');
}

/** Runs for a text; a tab becomes Word's tab element, not a literal character. */
function textRuns(text: string, run: RunLook & { strike?: boolean }): TextRun[] {
  const children: (string | Tab)[] = [];
  noBreaks(text).split('\t').forEach((part, index) => {
    if (index > 0) children.push(new Tab());
    if (part) children.push(part);
  });
  return [new TextRun({ children, ...run })];
}

function labelTable(rows: readonly { label: string; value: string }[]): DocxTable {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  return new DocxTable({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    // No cell margin on the left: the labels line up with the page's text, not 2 mm inside it.
    margins: { left: 0, right: 113, top: 0, bottom: 0 },
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

/** The document's styles; `language` is what Word checks spelling and hyphenates in. */
const styles = (language: string) => ({
  default: {
    document: { run: { font: FONT, size: 22, language: { value: language } }, paragraph: { spacing: { after: 120, line: 276 } } },
    title: { run: { font: FONT, ...DIRECT.title.run }, paragraph: DIRECT.title.paragraph },
    heading1: { run: { font: FONT, ...DIRECT.heading1.run }, paragraph: DIRECT.heading1.paragraph },
    heading2: { run: { font: FONT, ...DIRECT.heading2.run }, paragraph: DIRECT.heading2.paragraph },
    heading3: { run: { font: FONT, ...DIRECT.heading3.run }, paragraph: DIRECT.heading3.paragraph },
  },
  paragraphStyles: [
    { id: 'Nummer', name: 'Nummer', basedOn: 'Normal', run: DIRECT.nummer.run, paragraph: DIRECT.nummer.paragraph },
    { id: 'Betreff', name: 'Betreff', basedOn: 'Normal', run: DIRECT.betreff.run, paragraph: DIRECT.betreff.paragraph },
    { id: 'Zitat', name: 'Zitat', basedOn: 'Normal', run: DIRECT.quote.run, paragraph: { indent: { left: QUOTE_INDENT } } },
    { id: 'Code', name: 'Code', basedOn: 'Normal', run: DIRECT.code.run, paragraph: DIRECT.code.paragraph },
    { id: 'NachTabelle', name: 'Nach Tabelle', basedOn: 'Normal', run: DIRECT.afterTable.run, paragraph: DIRECT.afterTable.paragraph },
    { id: 'FootnoteText', name: 'footnote text', basedOn: 'Normal', run: DIRECT.footnote.run, paragraph: DIRECT.footnote.paragraph },
  ],
  characterStyles: [{ id: 'Hyperlink', name: 'Hyperlink', run: { color: '0563C1', underline: {} } }],
});
