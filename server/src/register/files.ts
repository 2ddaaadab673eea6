import { parse as parseCsv } from 'csv-parse/sync';
import { isoDate, parseGermanDate, parseLooseIsoDate } from '../analysis/dates.js';
import type { ReferenceScanner } from '../analysis/references.js';
import type { Reference } from '../analysis/model.js';
import { fold } from '../base/fold.js';
import { MAX_REGISTER_FILE_ENTRIES } from '../base/limits.js';
import { defineCatalogue, render, type Locale } from '../base/locale.js';
import { isPublicHttpUrl, type RegisterEntry } from './types.js';

/** What a register file holds that Ratsfeder does not understand; worded by `REGISTER_FILE_MESSAGES`. */
export interface RegisterFileProblem {
  /** 1-based line in the file (for CSV), or 0 when the format has none to give. */
  readonly line: number;
  /** 1-based column (character) in that line, or 0. */
  readonly column: number;
  readonly kind: RegisterFileProblemKind;
  readonly data: Readonly<Record<string, string | number>>;
}

export interface ParsedRegisterFile {
  readonly entries: RegisterEntry[];
  readonly problems: RegisterFileProblem[];
}

type Column = 'nummer' | 'titel' | 'art' | 'datum' | 'url' | 'text';

/**
 * The names a column goes by, folded and without blanks, dots, dashes or underscores: Ratsfeder's
 * own, English ones and those of council systems' and spreadsheets' exports (ALLRIS, Excel:
 * `Nummer;Betreff;Art;Datum`).
 */
const ALIASES: Record<Column, readonly string[]> = {
  nummer: ['nummer', 'nr', 'number', 'reference', 'drucksache', 'drucksachennummer', 'drucksachennr', 'dsnr', 'vorlagennummer', 'vorlagennr', 'aktenzeichen'],
  titel: ['titel', 'title', 'betreff', 'name', 'bezeichnung'],
  art: ['art', 'typ', 'type', 'dokumentart', 'drucksachenart', 'vorlagenart', 'papertype'],
  datum: ['datum', 'date', 'erstellt', 'vom'],
  url: ['url', 'link', 'adresse', 'web', 'weblink'],
  text: ['text', 'volltext', 'inhalt'],
};
const COLUMN_OF = new Map<string, Column>(Object.entries(ALIASES).flatMap(([column, names]) => names.map((name) => [name, column as Column] as const)));

/** A header's or key's name as `ALIASES` holds it. */
function columnOf(name: string): Column | undefined {
  return COLUMN_OF.get(fold(name).replace(/[\s._\-/#:]+/g, ''));
}

const DE = new Intl.NumberFormat('de-DE');
const EN = new Intl.NumberFormat('en-GB');

/** The texts of `RegisterFileProblem`s; `where` is „Zeile 3“/„Eintrag 2“ only for JSON. */
export const REGISTER_FILE_MESSAGES = defineCatalogue({
  de: {
    'csv-unreadable': (d) => `CSV nicht lesbar: ${d.detail}`,
    'json-unreadable': (d) => `JSON nicht lesbar: ${d.detail}`,
    'json-not-a-list': () => 'erwartet wird eine Liste von Dokumenten ([{"nummer": …, "titel": …}, …])',
    'not-an-object': (d) => `${where(d, 'de')}kein Objekt`,
    'no-number-column': (d) => `die Kopfzeile nennt keine Spalte für die Nummer (${d.names}); erkannt werden ${KNOWN_DE}`,
    'unknown-column': (d) => `unbekannte Spalte „${d.name}“ wird nicht gelesen; erkannt werden ${KNOWN_DE}`,
    'no-number': (d) => `${where(d, 'de')}keine Nummer; die Zeile wird übergangen`,
    'bad-number': (d) => `${where(d, 'de')}„${d.value}“ ist keine Drucksachennummer des Ratsprofils; die Zeile wird übergangen`,
    'bad-date': (d) => `${where(d, 'de')}„${d.value}“ ist kein Datum (erwartet 2025-05-14 oder 14.05.2025); das Dokument steht ohne Datum im Register`,
    'bad-url': (d) => `${where(d, 'de')}„${d.value}“ ist keine http(s)-Adresse; das Dokument steht ohne Adresse im Register`,
    'not-a-file': () => 'keine gewöhnliche Datei (eine Pipe, ein Gerät oder ein Ordner); nicht gelesen',
    'too-large': (d) => `größer als ${d.limit} Bytes; nicht gelesen`,
    'too-many-entries': (d) =>
      `mehr als ${DE.format(Number(d.limit))} Dokumente (Zeilen); nicht gelesen. So viele Drucksachen hat kein Rat (Leipzig rund 100.000): die Datei auf die Dokumente des Rats beschränken oder in mehrere Registerdateien teilen`,
  },
  en: {
    'csv-unreadable': (d) => `CSV cannot be read: ${d.detail}`,
    'json-unreadable': (d) => `JSON cannot be read: ${d.detail}`,
    'json-not-a-list': () => 'expected a list of documents ([{"nummer": …, "titel": …}, …])',
    'not-an-object': (d) => `${where(d, 'en')}not an object`,
    'no-number-column': (d) => `the header names no column for the number (${d.names}); known are ${KNOWN_EN}`,
    'unknown-column': (d) => `unknown column “${d.name}” is not read; known are ${KNOWN_EN}`,
    'no-number': (d) => `${where(d, 'en')}no number; the row is passed over`,
    'bad-number': (d) => `${where(d, 'en')}“${d.value}” is not a document number of the council profile; the row is passed over`,
    'bad-date': (d) => `${where(d, 'en')}“${d.value}” is not a date (expected 2025-05-14 or 14.05.2025); the document is registered without a date`,
    'bad-url': (d) => `${where(d, 'en')}“${d.value}” is not an http(s) address; the document is registered without one`,
    'not-a-file': () => 'not a regular file (a pipe, a device or a folder); not read',
    'too-large': (d) => `larger than ${d.limit} bytes; not read`,
    'too-many-entries': (d) =>
      `more than ${EN.format(Number(d.limit))} documents (rows); not read. No council has that many papers (Leipzig some 100,000): keep the file to the council's documents or split it into several register files`,
  },
});

export type RegisterFileProblemKind = keyof typeof REGISTER_FILE_MESSAGES.de;

const KNOWN_DE = 'Nummer (Drucksache), Titel (Betreff), Art (Typ), Datum, URL (Link), Text';
const KNOWN_EN = 'nummer (number, Drucksache), titel (title, Betreff), art (type), datum (date), url (link), text';

/** A JSON entry has no line to point at: its problems name the entry. */
function where(data: Readonly<Record<string, string | number>>, locale: Locale): string {
  if (data.entry === undefined) return '';
  return locale === 'de' ? `Eintrag ${data.entry}: ` : `entry ${data.entry}: `;
}

/** A problem in words. */
export function registerFileProblemText(problem: Pick<RegisterFileProblem, 'kind' | 'data'>, locale: Locale): string {
  return render(REGISTER_FILE_MESSAGES, locale, problem.kind, problem.data);
}

/**
 * Reads a register file: CSV (a header row naming the columns, separated by `;`, `,` or tabs,
 * as the header row shows, with or without a byte order mark) or JSON (a list of objects). The
 * columns are `nummer, titel, art, datum, url` and optionally `text` (the document's text or a
 * summary), by these names or those of `ALIASES`; dates as `2025-05-14` or `14.05.2025`. What
 * is not understood is a problem with its line and column: an unknown column (not read), a row
 * without a usable number (passed over), a bad date or address (the document is kept without
 * it). A file that cannot be read at all gives one problem.
 */
export function parseRegisterFile(text: string, format: 'csv' | 'json', origin: string, scanner: ReferenceScanner): ParsedRegisterFile {
  return format === 'csv' ? parseCsvFile(text, origin, scanner) : parseJsonFile(text, origin, scanner);
}

function parseCsvFile(text: string, origin: string, scanner: ReferenceScanner): ParsedRegisterFile {
  const entries: RegisterEntry[] = [];
  const problems: RegisterFileProblem[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = /^[^\r\n]*/.exec(body)![0];
  const delimiter = delimiterOf(firstLine);
  let columns: (Column | undefined)[] | undefined;
  let rows = 0;
  /** Stops the parse: the header names no number column, or there are too many rows. */
  const stop = new Error('stop');
  let stopped: RegisterFileProblem | undefined;
  // Each record is taken as the parser reads it and then dropped: nothing of the parse is kept
  // but the entries and problems, so that memory and time grow with the rows, not faster.
  const onRecord = ({ record, raw }: { record: string[]; raw: string }, context: { lines: number }): null => {
    if (!columns) {
      const headerPlaces = cellPlaces(raw, delimiter);
      columns = record.map((name) => columnOf(name));
      record.forEach((name, index) => {
        if (columns![index] === undefined && name.trim() !== '') problems.push({ line: 1, column: headerPlaces[index]?.column ?? 0, kind: 'unknown-column', data: { name: name.trim() } });
      });
      if (!columns.includes('nummer')) {
        stopped = { line: 1, column: 1, kind: 'no-number-column', data: { names: record.map((name) => name.trim()).filter(Boolean).join(', ') } };
        throw stop;
      }
      return null;
    }
    if (++rows > MAX_REGISTER_FILE_ENTRIES) {
      stopped = { line: 0, column: 0, kind: 'too-many-entries', data: { limit: MAX_REGISTER_FILE_ENTRIES } };
      throw stop;
    }
    // csv-parse counts the lines up to the end of the record: a quoted line break moves its start up.
    const line = context.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    const at = cellPlaces(raw, delimiter);
    const row: Partial<Record<Column, Cell>> = {};
    record.forEach((cell, cellIndex) => {
      const column = columns![cellIndex];
      if (column && row[column] === undefined) row[column] = { value: cell.trim(), column: at[cellIndex]?.column ?? 0, line: line + (at[cellIndex]?.line ?? 0) };
    });
    const entry = toEntry(row, origin, scanner, (kind, cell, data) => problems.push({ line: cell?.line ?? line, column: cell?.column ?? 1, kind, data }));
    if (entry) entries.push(entry);
    return null;
  };
  try {
    parseCsv(body, { delimiter, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, raw: true, on_record: onRecord as never });
  } catch (error) {
    // A file refused whole says only why: the rows before are not half taken.
    if (stopped) return { entries: [], problems: [stopped] };
    const line = (error as { lines?: number }).lines ?? 0;
    return { entries: [], problems: [{ line, column: 0, kind: 'csv-unreadable', data: { detail: error instanceof Error ? error.message : String(error) } }] };
  }
  return { entries, problems };
}

function parseJsonFile(text: string, origin: string, scanner: ReferenceScanner): ParsedRegisterFile {
  const entries: RegisterEntry[] = [];
  const problems: RegisterFileProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { entries, problems: [{ line: 0, column: 0, kind: 'json-unreadable', data: { detail: error instanceof Error ? error.message : String(error) } }] };
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? ((data as Record<string, unknown>).dokumente ?? (data as Record<string, unknown>).documents) : undefined;
  if (!Array.isArray(list)) return { entries, problems: [{ line: 0, column: 0, kind: 'json-not-a-list', data: {} }] };
  if (list.length > MAX_REGISTER_FILE_ENTRIES) return { entries, problems: [{ line: 0, column: 0, kind: 'too-many-entries', data: { limit: MAX_REGISTER_FILE_ENTRIES } }] };
  list.forEach((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ line: 0, column: 0, kind: 'not-an-object', data: { entry: index + 1 } });
      return;
    }
    const row: Partial<Record<Column, Cell>> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      const column = columnOf(key);
      const textValue = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
      if (column && textValue !== undefined && row[column] === undefined) row[column] = { value: textValue, column: 0, line: 0 };
    }
    const entry = toEntry(row, origin, scanner, (kind, _cell, problemData) => problems.push({ line: 0, column: 0, kind, data: { ...problemData, entry: index + 1 } }));
    if (entry) entries.push(entry);
  });
  return { entries, problems };
}

/** The field separator a header line uses: the most frequent of `;`, tab and `,` outside quotes (`,` when none). */
function delimiterOf(line: string): string {
  const counts = new Map<string, number>([[';', 0], ['\t', 0], [',', 0]]);
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [char, count] of counts) if (count > (counts.get(best) ?? 0)) best = char;
  return best;
}

/**
 * Where each cell of a raw CSV record starts (quotes respected): its line, counted from the
 * record's first, and its 1-based column in that line.
 */
function cellPlaces(raw: string, delimiter: string): { line: number; column: number }[] {
  const places = [{ line: 0, column: 1 }];
  let quoted = false;
  let line = 0;
  let column = 1;
  for (const char of raw) {
    if (char === '\n') {
      line++;
      column = 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === delimiter) places.push({ line, column: column + 1 });
    column++;
  }
  return places;
}

/** A cell's text and where it starts (CSV; 0 for JSON). */
interface Cell {
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

type Report = (kind: RegisterFileProblemKind, cell: Cell | undefined, data: Record<string, string | number>) => void;

function toEntry(row: Partial<Record<Column, Cell>>, origin: string, scanner: ReferenceScanner, report: Report): RegisterEntry | undefined {
  const value = (column: Column) => row[column]?.value ?? '';
  const raw = value('nummer');
  if (raw === '') {
    // A row of empty cells (a spreadsheet's trailing `;;;`) is no document at all.
    if (Object.values(row).some((cell) => cell.value !== '')) report('no-number', row.nummer, {});
    return undefined;
  }
  const nummer = canonicalNumber(raw, scanner);
  if (!nummer) {
    report('bad-number', row.nummer, { value: raw });
    return undefined;
  }
  const datumText = value('datum');
  const datum = datumText === '' ? undefined : dateOf(datumText);
  if (datumText !== '' && !datum) report('bad-date', row.datum, { value: datumText });
  const url = value('url');
  // Parsing an address is the dearest step of a row: an empty cell is none.
  const safeUrl = url !== '' && isPublicHttpUrl(url);
  if (url !== '' && !safeUrl) report('bad-url', row.url, { value: url });
  return {
    nummer,
    titel: value('titel'),
    source: 'file',
    origin,
    ...(value('art') ? { art: value('art') } : {}),
    ...(datum ? { datum } : {}),
    ...(safeUrl ? { url } : {}),
    ...(value('text') ? { text: value('text') } : {}),
  };
}

/** `2025-05-14` (also with a time after it), `14.05.2025` or `14.5.2025` (also with a time), as ISO. */
function dateOf(text: string): string | undefined {
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})(?:[T ]\S*)?$/.exec(text);
  if (iso) {
    const date = parseLooseIsoDate(iso[1]!);
    return date ? isoDate(date) : undefined;
  }
  const german = /^(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*Uhr)?)?$/.exec(text);
  if (german) {
    const date = parseGermanDate(german[1]!);
    return date ? isoDate(date) : undefined;
  }
  return undefined;
}

/** The canonical form of a number written alone, if it is one the profile knows. */
export function canonicalNumber(text: string, scanner: ReferenceScanner): string | undefined {
  const found: Reference[] = [];
  scanner.scan(text, 0, text.length, undefined, found);
  const only = found[0];
  return found.length === 1 && only && only.from === 0 && only.to === text.length ? only.canonical : undefined;
}
