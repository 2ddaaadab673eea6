import type { FootnoteDefinition, Nodes, PhrasingContent, RootContent } from 'mdast';
import { germanDate, parseIsoDate } from '../analysis/dates.js';
import { amendments, isAmendmentBlock, wordDiff, type Amendment, type DiffPart } from '../analysis/aenderungen.js';
import type { Draft, Section } from '../analysis/model.js';
import type { Profile } from '../profile/types.js';
import type { Locale } from '../base/locale.js';
import type { AmendmentLayout, Block, DocModel, Footnote, Inline, LinkStyle, List, Revision, Table } from './model.js';

const DEFAULT_LABELS: Readonly<Record<string, string>> = {
  einreicher: 'Einreicher',
  datum: 'Datum',
  status: 'Status',
  betreff: 'Betreff',
  beratungsfolge: 'Beratungsfolge',
  gremium: 'Gremium',
  sitzung: 'Sitzung',
  zustaendigkeit: 'Zuständigkeit',
  nummer: 'Nummer',
  bezug: 'zu',
  seite: 'Seite {seite} von {seiten}',
  bisherigeFassung: 'Bisherige Fassung',
  neueFassung: 'Neue Fassung',
};

const ENGLISH_LABELS: Readonly<Record<string, string>> = {
  einreicher: 'Submitted by',
  datum: 'Date',
  status: 'Status',
  betreff: 'Subject',
  beratungsfolge: 'Course of deliberation',
  gremium: 'Committee',
  sitzung: 'Meeting',
  zustaendigkeit: 'Role',
  nummer: 'Number',
  bezug: 'to',
  seite: 'Page {seite} of {seiten}',
  bisherigeFassung: 'Current wording',
  neueFassung: 'New wording',
};

/**
 * The council's words that an English document prints in English: document types, section
 * headings, the status and the roles in the Beratungsfolge. The draft's own text stays as
 * written.
 */
const ENGLISH_TERMS: Readonly<Record<string, string>> = {
  Antrag: 'Motion',
  Anfrage: 'Question',
  Änderungsantrag: 'Amendment',
  Beschlussvorschlag: 'Proposed resolution',
  Begründung: 'Reasoning',
  Sachverhalt: 'Background',
  Fragen: 'Questions',
  Vorbemerkung: 'Preliminary remarks',
  'Finanzielle Auswirkungen': 'Financial implications',
  Anlagen: 'Attachments',
  Änderungen: 'Amendments',
  öffentlich: 'public',
  nichtöffentlich: 'not public',
  'nicht öffentlich': 'not public',
  Vorberatung: 'Preliminary consultation',
  Beschlussfassung: 'Decision',
  Entscheidung: 'Decision',
  Kenntnisnahme: 'For information',
  Beantwortung: 'Answer',
  Bestätigung: 'Confirmation',
  Anhörung: 'Hearing',
};

/** A council term in the document's language. */
function term(value: string, locale: Locale): string {
  return locale === 'en' && Object.hasOwn(ENGLISH_TERMS, value) ? ENGLISH_TERMS[value]! : value;
}

/** The document's labels: the profile's over the defaults, English where asked. */
export function docLabels(profile: Profile, locale: Locale): Readonly<Record<string, string>> {
  return locale === 'en' ? { ...ENGLISH_LABELS, ...profile.docx.labelsEn } : { ...DEFAULT_LABELS, ...profile.docx.labels };
}

/**
 * Draft → document model: the header block from the front matter, the Beratungsfolge as a
 * table, then the sections in the profile's order with their canonical headings. Pure.
 */
export function buildDocModel(draft: Draft, profile: Profile, locale: Locale = 'de', layout: AmendmentLayout = 'synopse', links: LinkStyle = 'fussnote'): DocModel {
  // Documents go to a German council in German; English labels are there for those who ask.
  const labels = docLabels(profile, locale);
  const fields = draft.frontMatter?.fields;
  const text = (key: string) => {
    const value = fields?.get(key)?.value;
    return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  };
  const texts = (key: string) => {
    const value = fields?.get(key)?.value;
    return (Array.isArray(value) ? value : [value]).filter((item) => typeof item === 'string' || typeof item === 'number').map((item) => String(item).trim()).filter(Boolean);
  };
  const date = (value: string) => {
    const parsed = parseIsoDate(value);
    return parsed ? (locale === 'en' ? englishDate(value) : germanDate(parsed)) : value;
  };

  const typeName = term(draft.type?.name ?? draft.art ?? '', locale);
  // Cited numbers stay as written: the front matter's own spelling, not a canonical rewrite.
  const bezug = texts('bezug');
  const kind = bezug.length > 0 ? `${typeName} ${labels.bezug} ${bezug.join(', ')}` : typeName;
  const nummer = text('nummer') || undefined;
  const einreicher = texts('einreicher');
  const status = term(text('status') || (profile.fields.find((field) => field.key === 'status')?.values?.[0] ?? ''), locale);
  const rows = [
    { label: labels.einreicher!, value: einreicher.join('\n') },
    ...(text('datum') ? [{ label: labels.datum!, value: date(text('datum')) }] : []),
    ...(status ? [{ label: labels.status!, value: status }] : []),
  ];

  const folge = fields?.get('beratungsfolge')?.value;
  const entries = Array.isArray(folge) ? folge.filter((entry): entry is Record<string, unknown> => entry !== null && typeof entry === 'object' && !Array.isArray(entry)) : [];
  const cell = (value: unknown): Inline[] => [{ type: 'text', text: typeof value === 'string' || typeof value === 'number' ? String(value) : '' }];
  const folgeHeader = [labels.gremium!, labels.sitzung!, labels.zustaendigkeit!].map((label) => [{ type: 'text', text: label }] as Inline[]);
  const folgeRows = entries.map((entry) => [cell(entry.gremium), cell(typeof entry.sitzung === 'string' ? date(entry.sitzung) : entry.sitzung), cell(typeof entry.rolle === 'string' ? term(entry.rolle.trim(), locale) : entry.rolle)]);
  const beratungsfolge: Table | undefined =
    entries.length > 0 ? { type: 'table', header: folgeHeader, rows: folgeRows, align: [null, null, null], widths: fittedWidths(folgeHeader, folgeRows), keepRows: true } : undefined;

  // Tracked changes are the factions' own, dated as the draft is (or, without a date, today).
  const revisions = layout === 'tracked' ? { author: einreicher.join(', ') || labels.einreicher!, date: `${parseIsoDate(text('datum')) ? text('datum') : new Date().toISOString().slice(0, 10)}T00:00:00Z` } : undefined;
  const converter = new Converter(draft, [labels.bisherigeFassung!, labels.neueFassung!], revisions, links);
  const sections = ordered(draft).map((section) => ({
    title: section.spec ? term(section.spec.title, locale) : section.heading.trim(),
    blocks: converter.blocks(section.body),
  }));

  return {
    properties: { title: text('titel'), author: einreicher.join(', '), subject: nummer ? `${kind} ${nummer}` : kind, language: locale === 'en' ? 'en-GB' : 'de-DE' },
    header: {
      kind,
      art: typeName,
      nummer,
      bezug: bezug.length > 0 ? bezug.join(', ') : undefined,
      einreicher,
      datum: text('datum') ? date(text('datum')) : undefined,
      status,
      rows,
      betreffLabel: labels.betreff!,
      betreff: text('titel'),
    },
    beratungsfolge,
    sections,
    footnotes: converter.footnotes,
    pageLabel: labels.seite!,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "5 March 2025", as British documents write a date. */
function englishDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}

/** Whether a link's text is its address already ("https://www.leipzig.de" for "https://www.leipzig.de/"). */
function sameAddress(text: string, address: string): boolean {
  const bare = (value: string) => value.trim().replace(/^(https?:\/\/)?(www\.)?/i, '').replace(/\/+$/, '').toLowerCase();
  return bare(text) === bare(address);
}

/** Known sections in the profile's order, then unknown ones as they come. */
function ordered(draft: Draft): Section[] {
  const specs = draft.type?.sections ?? [];
  const rank = (section: Section) => (section.spec ? specs.indexOf(section.spec) : specs.length);
  return draft.sections.map((section, index) => ({ section, index })).sort((a, b) => rank(a.section) - rank(b.section) || a.index - b.index).map((item) => item.section);
}

/** mdast → blocks and inlines. Keeps footnotes and list instances as it goes. */
class Converter {
  readonly footnotes: Footnote[] = [];
  private readonly definitions = new Map<string, FootnoteDefinition>();
  private lists = 0;
  private depth = 0;
  /** Inside a footnote's text. */
  private inFootnote = 0;

  private readonly amendments = new Map<number, Amendment>();

  constructor(
    draft: Draft,
    private readonly synopseLabels: readonly [string, string],
    /** Amendments as tracked changes by this author at this date, else side by side. */
    private readonly revisions?: { readonly author: string; readonly date: string },
    /** How a link's address is printed. */
    private readonly links: LinkStyle = 'fussnote',
  ) {
    for (const node of draft.tree.children) if (node.type === 'footnoteDefinition') this.definitions.set(node.identifier, node);
    for (const amendment of amendments(draft)) this.amendments.set(amendment.from, amendment);
  }

  blocks(nodes: readonly RootContent[]): Block[] {
    // Deep structures are flattened beyond a sane depth rather than recursed into forever.
    if (this.depth > 40) return [];
    this.depth++;
    const blocks: Block[] = [];
    for (const node of nodes) blocks.push(...this.block(node));
    this.depth--;
    return blocks;
  }

  private block(node: RootContent): Block[] {
    switch (node.type) {
      case 'paragraph':
        return [{ type: 'paragraph', inlines: this.inlines(node.children) }];
      case 'heading':
        return [{ type: 'heading', level: node.depth, inlines: this.inlines(node.children) }];
      case 'list': {
        const list: List = {
          type: 'list',
          ordered: Boolean(node.ordered),
          start: node.start ?? 1,
          instance: ++this.lists,
          items: node.children.map((item) => this.blocks(item.children)),
        };
        return [list];
      }
      case 'blockquote':
        return [{ type: 'quote', blocks: this.blocks(node.children) }];
      case 'table': {
        const [head, ...body] = node.children;
        const header = (head?.children ?? []).map((cell) => this.inlines(cell.children));
        const rows = body.map((row) => row.children.map((cell) => this.inlines(cell.children)));
        return [{ type: 'table', header, rows, align: node.align ?? [], widths: fittedWidths(header, rows) }];
      }
      case 'code': {
        // A readable amendment block is printed as a synopsis; a broken one stays as written.
        const amendment = isAmendmentBlock(node) ? this.amendments.get(node.position?.start.offset ?? -1) : undefined;
        if (amendment && amendment.problems.length === 0) return this.synopse(amendment);
        return [{ type: 'code', text: node.value }];
      }
      case 'thematicBreak':
        return [{ type: 'rule' }];
      case 'html':
        // Comments are notes to the authors; other raw HTML is kept as its text.
        return node.value.trim().startsWith('<!--') ? [] : [{ type: 'paragraph', inlines: [{ type: 'text', text: node.value }] }];
      default:
        // Definitions and footnote definitions are used where they are referenced.
        return [];
    }
  }

  /**
   * An amendment as councils print it: "Bisherige Fassung" beside "Neue Fassung", deleted
   * words struck through on the left, inserted words underlined on the right, and where it
   * applies above the table.
   */
  private synopse(amendment: Amendment): Block[] {
    const stelle: Block[] = amendment.stelle ? [{ type: 'paragraph', inlines: [{ type: 'text', text: amendment.stelle.text.replace(/\n/g, ' '), bold: true }] }] : [];
    if (this.revisions) {
      const parts = revisionParts(wordDiff(amendment.alt?.text.trimEnd() ?? '', amendment.neu?.text.trimEnd() ?? ''));
      return [...stelle, { type: 'revision', parts, ...this.revisions }];
    }
    const left: Inline[] = [];
    const right: Inline[] = [];
    for (const part of wordDiff(amendment.alt?.text ?? '', amendment.neu?.text ?? '')) {
      if (part.kind !== 'added') wording(left, part.text, part.kind === 'removed' ? { strike: true } : {});
      if (part.kind !== 'removed') wording(right, part.text, part.kind === 'added' ? { underline: true } : {});
    }
    tidy(left);
    tidy(right);
    const [before, after] = this.synopseLabels;
    // Both wordings side by side, alike wide, as councils print them; a row never splits, so a
    // page break never leaves a repeated heading over an empty row.
    const table: Table = { type: 'table', header: [[{ type: 'text', text: before }], [{ type: 'text', text: after }]], rows: [[left, right]], align: [null, null], widths: [1, 1], keepRows: true };
    return [...stelle, table];
  }

  inlines(nodes: readonly PhrasingContent[], marks: Marks = {}): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) out.push(...this.inline(node, marks));
    return out;
  }

  private inline(node: PhrasingContent | Nodes, marks: Marks): Inline[] {
    switch (node.type) {
      case 'text':
        return [{ type: 'text', text: node.value, ...marks }];
      case 'strong':
        return this.inlines(node.children, { ...marks, bold: true });
      case 'emphasis':
        return this.inlines(node.children, { ...marks, italic: true });
      case 'delete':
        return this.inlines(node.children, { ...marks, strike: true });
      case 'inlineCode':
        return [{ type: 'text', text: node.value, ...marks, code: true }];
      case 'break':
        return [{ type: 'break' }];
      case 'link': {
        if (!/^(https?:|mailto:)/i.test(node.url)) return this.inlines(node.children, marks);
        const children = this.inlines(node.children, marks);
        const link: Inline = { type: 'link', url: node.url, children };
        // On paper a link is its address: printed where the text does not say it already.
        const address = node.url.replace(/^mailto:/i, '');
        if (this.links === 'aus' || sameAddress(children.map(plainText).join(''), address)) return [link];
        const printed: Inline = { type: 'link', url: node.url, children: [{ type: 'text', text: address }] };
        // A footnote cannot hold one of its own: there the address goes in parentheses.
        if (this.links === 'klammer' || this.inFootnote > 0) return [link, { type: 'text', text: ' (', ...marks }, printed, { type: 'text', text: ')', ...marks }];
        const id = this.footnotes.length + 1;
        this.footnotes.push({ id, blocks: [{ type: 'paragraph', inlines: [printed] }] });
        return [link, { type: 'footnote', id }];
      }
      case 'image':
        return node.alt ? [{ type: 'text', text: `[${node.alt}]`, ...marks }] : [];
      case 'footnoteReference': {
        const definition = this.definitions.get(node.identifier);
        if (!definition) return [{ type: 'text', text: `[^${node.label ?? node.identifier}]`, ...marks }];
        // Each reference gets a footnote of its own: Word and LibreOffice expect one reference per footnote.
        const id = this.footnotes.length + 1;
        this.footnotes.push({ id, blocks: [] });
        this.inFootnote++;
        const blocks = this.blocks(definition.children);
        this.inFootnote--;
        this.footnotes[id - 1] = { id, blocks };
        return [{ type: 'footnote', id }];
      }
      case 'html':
        return node.value.startsWith('<!--') ? [] : [{ type: 'text', text: node.value, ...marks }];
      default:
        return 'children' in node ? this.inlines(node.children as PhrasingContent[], marks) : [];
    }
  }
}

type Marks = { bold?: true; italic?: true; strike?: true; code?: true };

/**
 * Appends wording to a synopsis cell: paragraph breaks (`\n`) become line breaks, and a mark
 * covers the words only, never the spaces around them, so that exactly the changed words are
 * struck or underlined. Neighbouring texts with the same mark are merged.
 */
/**
 * Column widths that fit what the columns hold: each column's share follows its longest line
 * (a committee's name, a date) and the cell's margins, at least a short word's and at most three
 * fifths of the table, so that no column squeezes another into one word per line.
 */
function fittedWidths(header: readonly (readonly Inline[])[], rows: readonly (readonly (readonly Inline[])[])[]): number[] {
  const columns = Math.max(header.length, ...rows.map((row) => row.length), 1);
  const longest = (cell: readonly Inline[] | undefined) => {
    let line = 0;
    let most = 0;
    for (const inline of cell ?? []) {
      if (inline.type === 'break') line = 0;
      else line += plainText(inline).length;
      most = Math.max(most, line);
    }
    return most;
  };
  // A cell's margins take about four characters' room beside its text.
  const needs = Array.from({ length: columns }, (_, index) => 4 + Math.max(6, longest(header[index]), ...rows.map((row) => longest(row[index]))));
  if (columns < 2) return needs.map(() => 1);
  const total = needs.reduce((sum, need) => sum + need, 0);
  const capped = needs.map((need) => Math.min(need, 1.5 * (total - need)));
  return capped;
}

function plainText(inline: Inline): string {
  if (inline.type === 'text') return inline.text;
  if (inline.type === 'link') return inline.children.map(plainText).join('');
  return '';
}

/**
 * A column of the Synopse reads as text does where the other column's words were left out: a
 * blank that stood before them goes where punctuation follows ("fortzuschreiben ." → "…ben.")
 * or another blank does, and a line starts and ends without one.
 */
function tidy(column: Inline[]): void {
  let previous = -1;
  column.forEach((inline, index) => {
    if (inline.type !== 'text') {
      previous = -1;
      return;
    }
    let text = inline.text.replace(/[ \t]{2,}/g, ' ').replace(BLANK_BEFORE_PUNCTUATION, '');
    const before = previous >= 0 ? (column[previous] as Extract<Inline, { type: 'text' }>) : undefined;
    if (before === undefined || /\s$/.test(before.text)) text = text.replace(/^\s+/, '');
    if (before && /\s$/.test(before.text) && PUNCTUATION.test(text)) column[previous] = { ...before, text: before.text.replace(/\s+$/, '') };
    column[index] = { ...inline, text };
    previous = index;
  });
  // Trailing blanks of a line (before a break or at the end) and pieces left empty go.
  for (let index = column.length - 1; index >= 0; index--) {
    const inline = column[index]!;
    const next = column[index + 1];
    const text = inline.type === 'text' && (next === undefined || next.type === 'break') ? inline.text.replace(/\s+$/, '') : undefined;
    if (text === '') column.splice(index, 1);
    else if (text !== undefined && inline.type === 'text') column[index] = { ...inline, text };
  }
}

/**
 * The parts of a word diff as tracked changes that read right both ways: where the text after a
 * change starts with punctuation, the blank before the change moves into it, so that neither
 * accepting ("fortzuschreiben und zu veröffentlichen.") nor rejecting it ("fortzuschreiben.")
 * leaves a blank before the full stop. Line ends of the YAML wording are blanks.
 */
function revisionParts(parts: readonly DiffPart[]): Revision['parts'] {
  const out = parts.map((part) => ({ kind: part.kind, text: part.text.replace(/\s*\n\s*/g, ' ') }));
  for (let start = 0; start < out.length; start++) {
    if (out[start]!.kind === 'same') continue;
    let end = start;
    while (end + 1 < out.length && out[end + 1]!.kind !== 'same') end++;
    const before = out[start - 1];
    const after = out[end + 1];
    if (before && /\s$/.test(before.text) && (after === undefined || PUNCTUATION.test(after.text)) && out.slice(start, end + 1).every((part) => !/^\s/.test(part.text))) {
      const blank = /\s+$/.exec(before.text)![0];
      before.text = before.text.slice(0, -blank.length);
      for (let index = start; index <= end; index++) out[index]!.text = blank + out[index]!.text;
    }
    start = end;
  }
  return out.filter((part) => part.text !== '');
}

/** What never follows a blank in German text (not "…", which may). */
const PUNCTUATION = /^[.,;:!?)\]]/u;
const BLANK_BEFORE_PUNCTUATION = /[ \t]+(?=[.,;:!?)\]])/gu;

function wording(out: Inline[], text: string, mark: { strike?: true; underline?: true }): void {
  const marked = mark.strike || mark.underline;
  const push = (piece: string, withMark: boolean) => {
    if (!piece) return;
    const last = out[out.length - 1];
    const same = last?.type === 'text' && Boolean(last.strike) === Boolean(withMark && mark.strike) && Boolean(last.underline) === Boolean(withMark && mark.underline);
    if (same && last.type === 'text') out[out.length - 1] = { ...last, text: last.text + piece };
    else out.push({ type: 'text', text: piece, ...(withMark ? mark : {}) });
  };
  text.split('\n').forEach((line, index) => {
    if (index > 0) out.push({ type: 'break' });
    const [, lead = '', words = '', trail = ''] = /^(\s*)(.*?)(\s*)$/s.exec(line) ?? [];
    push(lead, false);
    push(words, Boolean(marked));
    push(trail, false);
  });
}
