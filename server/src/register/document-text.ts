import { fold } from '../base/fold.js';
import type { DocumentTextState, RegisterEntry } from './types.js';

/*
 * A council document's text as its files give it (a PDF's text layer, line by line, or the
 * `text` of an OParl File), read for what an amendment needs: the running text without the
 * page furniture, words broken at line ends joined again, ligatures spelled out, and the
 * Beschlussvorschlag with its numbered points.
 */

/** How a council's Vorlagen head their Beschlussvorschlag, and the headings that end it. */
export interface VorlageHeadings {
  readonly beschlussvorschlag: readonly string[];
  readonly ende: readonly string[];
}

/** What most councils write (profiles may say otherwise, `vorlage:`). */
export const DEFAULT_VORLAGE_HEADINGS: VorlageHeadings = {
  beschlussvorschlag: ['Beschlussvorschlag', 'Beschlussvorschläge', 'Beschlussantrag', 'Beschlusstext', 'Antrag', 'Beschluss'],
  ende: [
    'Begründung',
    'Sachverhalt',
    'Sachdarstellung',
    'Problembeschreibung',
    'Problemstellung',
    'Zusammenfassung',
    'Erläuterung',
    'Erläuterungen',
    'Finanzielle Auswirkungen',
    'Auswirkungen',
    'Anlagen',
    'Anlage',
    'Beratungsfolge',
    'Abstimmungsergebnis',
  ],
};

export interface Beschlussvorschlag {
  /** The whole Beschlussvorschlag, its points one per line. */
  readonly text: string;
  /** Its numbered points, in order; none where it is one paragraph. */
  readonly punkte: readonly Punkt[];
}

export interface Punkt {
  /** The point's number as printed ("1", "2"). */
  readonly nummer: string;
  /** Its wording, without the number, sub-points (a), b) …) included. */
  readonly text: string;
}

export interface ReadDocument {
  /** The running text: one paragraph (or numbered point) per line. */
  readonly text: string;
  readonly beschluss?: Beschlussvorschlag;
}

/** A numbered point: "1.", "2)", "(3)" at a line's start. */
const POINT = /^(?:\(\s*)?(\d{1,2})(?:\.(?!\d)|\))\s*(?=\S)/u;
/**
 * A lettered or bulleted sub-point: "a)", "–", "•". Not "a.": a line may start with "z. B."
 * or "d. h." where a sentence wraps.
 */
const SUB_POINT = /^(?:[a-z]\)|[-–•▪◦·]\s)/u;
/** A page number line as printed by itself: "3", "- 3 -", "Seite 3", "Seite 3 von 12", "3/12". */
const PAGE_NUMBER = /^[-–\s]*(?:seite\s*)?\d{1,4}(?:\s*(?:von|\/)\s*\d{1,4})?[-–\s]*$/iu;
/** Words that follow a hyphen without closing a compound: "Kinder- und Jugendhilfe". */
const CONJUNCTION = /^(?:und|oder|bzw\.?|sowie|als auch|noch)\b/u;
/** How many lines at a page's top and bottom may be running heads or feet. */
const FURNITURE_LINES = 3;

/**
 * Reads a document from its pages' lines (an empty line where the layout leaves a gap between
 * paragraphs). A single page is read as it is; across pages, lines repeated at the top or
 * bottom of several pages (digits aside: "Seite 2 von 5") and lone page numbers are page
 * furniture and left out.
 */
export function readDocument(pages: readonly (readonly string[])[], headings: VorlageHeadings = DEFAULT_VORLAGE_HEADINGS): ReadDocument {
  const lines = withoutFurniture(pages.map((page) => page.map(clean)));
  const blocks = paragraphs(lines, headings);
  const text = blocks.map((block) => block.text).join('\n');
  const beschluss = beschlussvorschlag(blocks);
  return beschluss ? { text, beschluss } : { text };
}

/** A text (an OParl File's `text`) read as one page. */
export function readDocumentText(text: string, headings: VorlageHeadings = DEFAULT_VORLAGE_HEADINGS): ReadDocument {
  return readDocument([text.split(/\r\n|\r|\n/u)], headings);
}

/**
 * Compatibility characters spelled out (ligatures "ﬁ" → "fi", full-width forms), soft hyphens
 * and zero-width characters dropped, spaces collapsed. A soft hyphen ending the line is where
 * the word was broken ("Rad\u00ad" + "wege"): a hyphen, so that the lines are joined into one word.
 */
function clean(line: string): string {
  return line
    .normalize('NFKC')
    .replace(/(?<=\p{L})\u00ad\s*$/u, '-')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function withoutFurniture(pages: string[][]): string[] {
  const shape = (line: string) => fold(line).replace(/\d+/gu, '#');
  const seen = new Map<string, number>();
  if (pages.length > 1) {
    for (const page of pages) {
      const content = page.filter((line) => line !== '');
      const edges = new Set([...content.slice(0, FURNITURE_LINES), ...content.slice(-FURNITURE_LINES)].map(shape));
      for (const edge of edges) seen.set(edge, (seen.get(edge) ?? 0) + 1);
    }
  }
  const repeated = (line: string) => (seen.get(shape(line)) ?? 0) >= 2;
  const lines: string[] = [];
  for (const page of pages) {
    const content = page.filter((line) => line !== '');
    const top = new Set(content.slice(0, FURNITURE_LINES));
    const bottom = new Set(content.slice(-FURNITURE_LINES));
    for (const line of page) {
      if (line !== '' && (top.has(line) || bottom.has(line)) && (PAGE_NUMBER.test(line) || repeated(line))) continue;
      lines.push(line);
    }
    // A page break ends a line, never a paragraph: the text runs on.
  }
  return lines;
}

interface Block {
  readonly text: string;
  readonly kind: 'heading' | 'point' | 'sub' | 'text';
  readonly heading?: 'beschluss' | 'ende';
  readonly nummer?: string;
}

/** Lines joined into paragraphs; a heading, a numbered point or a gap starts a new one. */
function paragraphs(lines: readonly string[], headings: VorlageHeadings): Block[] {
  const beschluss = new Set(headings.beschlussvorschlag.map(fold));
  const ende = new Set(headings.ende.map(fold));
  const headingOf = (line: string): Block['heading'] => {
    const name = fold(line.replace(/^\d{1,2}(?:\.\d{1,2})*\.?\s+/u, '').replace(/\s*:$/u, ''));
    return beschluss.has(name) ? 'beschluss' : ende.has(name) ? 'ende' : undefined;
  };
  const blocks: Block[] = [];
  let open: { text: string; kind: Block['kind']; nummer?: string } | undefined;
  /** The last point's number since the last heading: points count up from 1. */
  let last = 0;
  const close = () => {
    if (open && open.text !== '') blocks.push(open.nummer ? { text: open.text, kind: open.kind, nummer: open.nummer } : { text: open.text, kind: open.kind });
    open = undefined;
  };
  for (const line of lines) {
    if (line === '') {
      close();
      continue;
    }
    const heading = headingOf(line);
    if (heading) {
      close();
      blocks.push({ text: line, kind: 'heading', heading });
      last = 0;
      continue;
    }
    // "Beschlussvorschlag: Die Ratsversammlung beschließt …" on one line.
    const inline = /^([^:]{3,40}):\s+(\S.*)$/u.exec(line);
    if (inline && headingOf(inline[1]!) === 'beschluss') {
      close();
      blocks.push({ text: `${inline[1]}:`, kind: 'heading', heading: 'beschluss' });
      open = { text: inline[2]!, kind: 'text' };
      last = 0;
      continue;
    }
    // A number at a line's start is the next point only if it counts on from the last one: a
    // sentence may wrap before "15. Mai 2027" or "1. Quartal".
    const point = POINT.exec(line);
    if (point && Number(point[1]) === last + 1) {
      close();
      open = { text: line, kind: 'point', nummer: point[1]! };
      last += 1;
      continue;
    }
    if (SUB_POINT.test(line)) {
      close();
      open = { text: line, kind: 'sub' };
      continue;
    }
    if (!open) {
      open = { text: line, kind: 'text' };
      continue;
    }
    open.text = joinLine(open.text, line);
  }
  close();
  return blocks;
}

/** The next line of a paragraph, with a word broken at the line end made whole again. */
function joinLine(before: string, line: string): string {
  const broken = /(\p{L})-$/u.exec(before);
  if (!broken) return `${before} ${line}`;
  // "Beschluss-" + "vorschlag": one word; "Rad-" + "Verkehr", "E-" + "Scooter": the hyphen
  // belongs to the word; "Kinder-" + "und Jugendhilfe": a hyphen before a conjunction stays.
  if (CONJUNCTION.test(line)) return `${before} ${line}`;
  if (/^\p{Ll}/u.test(line) && /\p{Ll}$/u.test(broken[1]!)) return `${before.slice(0, -1)}${line}`;
  return `${before}${line}`;
}

/** The blocks from the Beschlussvorschlag's heading to the heading that ends it. */
function beschlussvorschlag(blocks: readonly Block[]): Beschlussvorschlag | undefined {
  const start = blocks.findIndex((block) => block.heading === 'beschluss');
  if (start < 0) return undefined;
  let end = blocks.findIndex((block, index) => index > start && block.heading !== undefined);
  if (end < 0) end = blocks.length;
  const body = blocks.slice(start + 1, end);
  if (body.length === 0) return undefined;
  const punkte: { nummer: string; text: string }[] = [];
  const lines: string[] = [];
  for (const block of body) {
    lines.push(block.text);
    if (block.kind === 'point') punkte.push({ nummer: block.nummer!, text: block.text.replace(POINT, '') });
    else if (punkte.length > 0 && block.kind === 'sub') punkte[punkte.length - 1]!.text += `\n${block.text}`;
    else if (punkte.length > 0 && block.kind === 'text') punkte[punkte.length - 1]!.text += `\n${block.text}`;
  }
  return { text: lines.join('\n'), punkte };
}

const entryTexts = new WeakMap<RegisterEntry, DocumentTextState | null>();

/** An entry's own text (a register file's `text` column, a draft's Beschlussvorschlag) as a document. */
export function entryText(entry: RegisterEntry | undefined): DocumentTextState | undefined {
  if (!entry?.text?.trim()) return undefined;
  let state = entryTexts.get(entry);
  if (state === undefined) {
    state = { status: 'da', document: readDocumentText(entry.text) };
    entryTexts.set(entry, state);
  }
  return state ?? undefined;
}

/** The headings of a profile's `vorlage:`, each list defaulting to the common ones. */
export function vorlageHeadings(vorlage: { readonly beschlussvorschlag?: readonly string[]; readonly ende?: readonly string[] } | undefined): VorlageHeadings {
  return {
    beschlussvorschlag: vorlage?.beschlussvorschlag ?? DEFAULT_VORLAGE_HEADINGS.beschlussvorschlag,
    ende: vorlage?.ende ?? DEFAULT_VORLAGE_HEADINGS.ende,
  };
}
