import type { MessageData } from '../base/locale.js';
import type { Meeting, Organization, OrganizationKind } from './calendar.js';
import type { OparlCache, PaperConsultation, PaperDetails, PaperFile, RegisterEntry, RelatedPaper } from './types.js';

const HTTP = /^https?:\/\/[^\s]/i;

/**
 * The OParl cache as text. Papers are arrays, not objects, and ids and URLs are stored without
 * the prefix they all share (`idPrefix`, `urlPrefix`): a 100,000-paper cache is then less than
 * half the size and loads in about half the time, which is what the editor waits for at start-up.
 *
 * Version 4 (written now) is made to be read fast and kept small, since every start reads it.
 * The papers are columns, not rows (`papers: { id, nummer, titel, art, datum, url, asWritten }`,
 * an array each, the row's value at its index): JSON.parse then makes a few long arrays of
 * numbers instead of an array per paper, which halves its time and leaves no garbage behind.
 * The cells are those of version 3 below; `asWritten` lists the indexes of the papers whose
 * flag is 1. The details (see below) follow on a line of their own, as JSON, and the first
 * line says how long that line is (`"details": 123456`, so that a file cut short in it is
 * refused as damaged): a start reads and parses the first line only, and keeps the second as
 * bytes until an entry's details are asked for (`parseCacheParts`). A checkpoint, one JSON
 * text, holds them as in version 3.
 *
 * In version 3 a row is `[id, nummer, titel, art, datum, url, flags?]` where `titel` and `art` are indexes
 * into the tables `titles` and `arts` (a title that several papers share, a follow-up's or an
 * answer's, is stored and kept in memory once), `datum` is a number `YYYYMMDD` (0: none) and an
 * id or URL suffix of digits only is a number: reading the file then makes few strings. The
 * text is ASCII, every other character escaped (`\u00e4`): decoding it is a copy, and the
 * strings read are one byte per character where the text allows.
 *
 * `flags` (1: the number is the reference as written) is left off where 0. The papers' details
 * are one JSON text in a string (`details`): an array with one flat array of numbers and strings
 * per row (`Flat`), 0 for a paper without details. A string costs JSON.parse almost nothing, so
 * loading the cache at start-up stays as fast as without details; the text is parsed when the
 * first entry's details are asked for. Details name organizations, meetings, roles and repeated
 * file names by their index in one table each (`refs`; a council has a few hundred bodies and
 * roles for 100,000 papers), files and related papers by their URL without the prefix all of
 * them share.
 *
 * Version 2 rows are `[id, nummer, titel, art, datum, url, flags?]` with strings throughout,
 * version 1 rows six strings and no details; they and version 3 are still read (the next sync
 * writes version 4).
 */
type Row = [id: string, nummer: string, titel: string, art: string, datum: string, url: string, flags?: number];
/** The papers of a version 4 file: see above. */
interface Columns {
  id: (string | number)[];
  nummer: string[];
  titel: number[];
  art: number[];
  datum: (number | string)[];
  url: (string | number)[];
  asWritten: number[];
}
type OrganizationRow = [id: string, name: string, shortName: string, kind?: string];
type MeetingRow = [id: string, start: string, organizations: string[], name: string, cancelled: 0 | 1, url: string];
/**
 * A paper's details, flat: the number of consultations, then per consultation the number of
 * its organizations, their indexes, the meeting's index (-1: none), the role's (-1: none) and
 * `authoritative` (0 unknown, 1 yes, 2 no); the number of files, then per file its name (a
 * string, or the index of a repeated name), its URL suffix and 1 for the main file, else 0;
 * the number of `underDirectionOf` organizations and their indexes; the number of related
 * papers, then per paper its id suffix and relation (0 related, 1 superordinated, 2
 * subordinated). Trailing zero counts are left off.
 */
type Flat = (number | string)[];

interface Refs {
  orgPrefix: string;
  orgs: string[];
  meetingPrefix: string;
  meetings: string[];
  roles: string[];
  names: string[];
  filePrefix: string;
  paperPrefix: string;
}

const RELATIONS = ['related', 'superordinated', 'subordinated'] as const;
const KINDS: Record<OrganizationKind, string> = { gremium: 'g', fraktion: 'f', verwaltung: 'v', sonstige: 's' };
const KIND_CODES = new Map<string, OrganizationKind>(Object.entries(KINDS).map(([kind, code]) => [code, kind as OrganizationKind]));

export function serializeCache(cache: OparlCache): string {
  return [...cacheChunks(cache)].join('');
}

/**
 * `serializeCache` in pieces of some 64 K characters: a large cache is written without ever
 * being one string (which would double the memory a sync holds, and more than that in bytes).
 */
export function* cacheChunks(cache: OparlCache): Generator<string> {
  const json = cacheToJson(cache);
  const details = json.details as string | undefined;
  if (details === undefined) {
    yield* asciiChunks(jsonChunks(json));
    return;
  }
  // The details on a line of their own after the rest (see version 4 above); the first line
  // says how long that line is, so that a file cut short in it is known as damaged.
  const piece = 1 << 16;
  const line: string[] = [];
  let length = 0;
  for (let at = 0; at < details.length; at += piece) {
    for (const chunk of asciiChunks([details.slice(at, at + piece)])) {
      line.push(chunk);
      length += chunk.length;
    }
  }
  yield* asciiChunks(jsonChunks({ ...json, details: length }));
  yield* line;
  yield '\n';
}

const NOT_ASCII = /[\u007f-\uffff]/g;

/**
 * JSON text with every character beyond ASCII escaped (`\u00e4`): the same value, and a file
 * that decodes as fast as it is copied (see version 3 above). Each UTF-16 unit is escaped on its
 * own, so a pair of surrogates cut between two pieces still reads back as the character.
 */
function* asciiChunks(chunks: Iterable<string>): Generator<string> {
  for (const chunk of chunks) yield chunk.replace(NOT_ASCII, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `JSON.stringify(value)` and a line end, in pieces: objects are walked key by key, arrays item
 * by item; an item that is not a plain object (a paper's row, a string) is stringified whole.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  const piece = 1 << 16;
  let buffer = '';
  function* walk(item: unknown): Generator<string> {
    const array = Array.isArray(item);
    if (!array && !isPlainObject(item)) {
      buffer += JSON.stringify(item) ?? 'null';
      return;
    }
    buffer += array ? '[' : '{';
    let first = true;
    for (const [key, field] of array ? item.entries() : Object.entries(item)) {
      if (!array && (field === undefined || typeof field === 'function' || typeof field === 'symbol')) continue;
      buffer += first ? '' : ',';
      first = false;
      if (!array) buffer += `${JSON.stringify(key)}:`;
      if (isPlainObject(field) || (!array && Array.isArray(field))) yield* walk(field);
      else buffer += JSON.stringify(field) ?? 'null';
      if (buffer.length >= piece) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += array ? ']' : '}';
  }
  yield* walk(value);
  yield `${buffer}\n`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Reads a cache file's text; `undefined` if it is not a cache this version can read. */
export function parseCache(text: string): OparlCache | undefined {
  const end = text.indexOf('\n');
  if (end >= 0 && end < text.length - 1) {
    const length = text.length - (end + 1) - (text.endsWith('\n') ? 1 : 0);
    const cache = parseCacheParts(text.slice(0, end), { length, text: () => text.slice(end + 1) });
    if (cache) return cache;
  }
  return parseCacheParts(text, undefined);
}

/** The text after a cache file's first line: its length (without the last line end), and the text itself when asked for. */
export interface CacheRest {
  readonly length: number;
  readonly text: () => string;
}

/**
 * A cache file's text as two parts: its first line, and a function that gives the rest (the
 * details of version 4, read only when an entry's details are asked for). `undefined` if they
 * are not a cache this version can read: then the text may still be one JSON text over several
 * lines (`parseCache`).
 */
export function parseCacheParts(head: string, rest: CacheRest | undefined): OparlCache | undefined {
  let data: unknown;
  try {
    data = JSON.parse(head);
  } catch {
    return undefined;
  }
  return cacheFromJson(data, rest);
}

/** The cache as the JSON value the file holds (always version 4). */
function cacheToJson(cache: OparlCache): Record<string, unknown> {
  const entries = [...cache.papers];
  // Stored in number order, the register's index is built without real sorting on load.
  const key = (entry: RegisterEntry) => entry.nummer.toUpperCase();
  entries.sort(([, a], [, b]) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const idPrefix = commonPrefix(entries.map(([id]) => id));
  const urlPrefix = commonPrefix(entries.map(([, entry]) => entry.url ?? '').filter(Boolean));
  const refs = buildRefs(entries.map(([, entry]) => entry.details));
  const tables = refs && { org: index(refs.orgs), meeting: index(refs.meetings), role: index(refs.roles), name: index(refs.names) };
  const titles = new Table();
  const arts = new Table();
  const flats: (Flat | 0)[] = [];
  const columns: Columns = { id: [], nummer: [], titel: [], art: [], datum: [], url: [], asWritten: [] };
  entries.forEach(([id, entry], index) => {
    columns.id.push(suffixCell(id.slice(idPrefix.length)));
    columns.nummer.push(entry.nummer);
    columns.titel.push(titles.add(entry.titel));
    columns.art.push(entry.art ? arts.add(entry.art) : -1);
    columns.datum.push(dateCell(entry.datum));
    columns.url.push(entry.url ? suffixCell(entry.url.slice(urlPrefix.length)) : '');
    if (entry.asWritten) columns.asWritten.push(index);
    flats.push((entry.details && refs && tables ? flatDetails(entry.details, refs, tables) : undefined) ?? 0);
  });
  // The calendar is small next to the papers: plain arrays, no prefix compression.
  const organizations = [...(cache.organizations?.values() ?? [])].map((o): OrganizationRow => (o.kind ? [o.id, o.name, o.shortName ?? '', KINDS[o.kind]] : [o.id, o.name, o.shortName ?? '']));
  const meetings = [...(cache.meetings?.values() ?? [])].map((m): MeetingRow => [m.id, m.start, [...m.organizations], m.name ?? '', m.cancelled ? 1 : 0, m.url ?? '']);
  return {
    version: 4,
    system: cache.system,
    syncedAt: cache.syncedAt,
    ...(cache.fullSyncAt ? { fullSyncAt: cache.fullSyncAt } : {}),
    ...(cache.calendarSyncedAt ? { calendarSyncedAt: cache.calendarSyncedAt } : {}),
    ...(cache.modifiedUnreliable ? { modifiedUnreliable: true } : {}),
    idPrefix,
    urlPrefix,
    ...(refs ? { refs: { ...refs, orgs: refs.orgs.map((id) => id.slice(refs.orgPrefix.length)), meetings: refs.meetings.map((id) => id.slice(refs.meetingPrefix.length)) } } : {}),
    titles: titles.values,
    arts: arts.values,
    papers: columns,
    ...(refs ? { details: JSON.stringify(flats) } : {}),
    ...(cache.organizations || cache.meetings ? { organizations, meetings } : {}),
  };
}

/** Strings stored once each, in the order of their first use, referred to by index. */
class Table {
  readonly values: string[] = [];
  private readonly indexes = new Map<string, number>();

  add(value: string): number {
    let at = this.indexes.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.indexes.set(value, at);
    }
    return at;
  }
}

/** Digits that read back as the same text (no leading zero, exact as a double) are stored as a number. */
const DIGITS_ONLY = /^(?:0|[1-9]\d{0,14})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function suffixCell(suffix: string): string | number {
  return DIGITS_ONLY.test(suffix) ? Number(suffix) : suffix;
}

/** `YYYY-MM-DD` as the number `YYYYMMDD`; none as 0; anything else as it is. */
function dateCell(datum: string | undefined): number | string {
  if (!datum) return 0;
  const day = DAY.exec(datum);
  return day && day[1]![0] !== '0' ? Number(`${day[1]}${day[2]}${day[3]}`) : datum;
}

function cacheFromJson(data: unknown, rest?: CacheRest): OparlCache | undefined {
  if (!isRecord(data)) return undefined;
  const { version, system, syncedAt, papers, idPrefix = '', urlPrefix = '', fullSyncAt, calendarSyncedAt, modifiedUnreliable } = data;
  if ((version !== 1 && version !== 2 && version !== 3 && version !== 4) || typeof system !== 'string' || typeof syncedAt !== 'string') return undefined;
  if (version === 4 ? !isRecord(papers) : !Array.isArray(papers)) return undefined;
  if (typeof idPrefix !== 'string' || typeof urlPrefix !== 'string') return undefined;
  if ((fullSyncAt !== undefined && typeof fullSyncAt !== 'string') || (calendarSyncedAt !== undefined && typeof calendarSyncedAt !== 'string')) return undefined;
  // The text after the first line is the details of version 4, and nothing else, as long as the first line says.
  const detailsLine = version === 4 && typeof data.details === 'number';
  if ((rest !== undefined) !== detailsLine || (rest && rest.length !== data.details)) return undefined;
  let block: DetailsBlock | undefined;
  if (version !== 1 && (data.refs !== undefined || data.details !== undefined)) {
    const refs = readRefs(data.refs);
    const details = detailsLine ? rest?.text : data.details;
    if (!refs || (typeof details !== 'string' && typeof details !== 'function')) return undefined;
    block = new DetailsBlock(details as string | (() => string), refs);
  }
  const map =
    version === 4
      ? readColumns(papers as Record<string, unknown>, data.titles, data.arts, idPrefix, urlPrefix, block)
      : version === 3
        ? readCompactRows(papers as unknown[], data.titles, data.arts, idPrefix, urlPrefix, block)
        : readRows(papers as unknown[], version === 1, idPrefix, urlPrefix, block);
  if (!map) return undefined;
  const calendar = parseCalendar(data.organizations, data.meetings);
  if (!calendar) return undefined;
  return {
    // A version 1 file read: the sync knows the cache lacks details and unfitting papers.
    version: version === 1 ? 1 : 2,
    system,
    syncedAt,
    ...(typeof fullSyncAt === 'string' ? { fullSyncAt } : {}),
    ...(typeof calendarSyncedAt === 'string' ? { calendarSyncedAt } : {}),
    ...(modifiedUnreliable === true ? { modifiedUnreliable: true } : {}),
    papers: map,
    ...calendar,
  };
}

/** The rows of a version 1 or 2 file (six strings, and in version 2 the flags). */
function readRows(rows: readonly unknown[], v1: boolean, idPrefix: string, urlPrefix: string, block: DetailsBlock | undefined): PaperMap | undefined {
  const papers = new PaperBuilder(rows.length, idPrefix, urlPrefix, block);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (!Array.isArray(row)) return undefined;
    if (v1 ? row.length !== 6 : row.length < 6 || row.length > 7) return undefined;
    for (let i = 0; i < 6; i++) if (typeof row[i] !== 'string') return undefined;
    const [idSuffix, nummer, titel, art, datum, urlSuffix, flags = 0] = row as Row;
    if (flags !== 0 && flags !== 1) return undefined;
    papers.add(index, idSuffix, nummer, titel, art, datum, urlSuffix, flags);
  }
  return papers.done();
}

/** The rows of a version 3 file (see above); `undefined` for anything our writer does not write. */
function readCompactRows(rows: readonly unknown[], titles: unknown, arts: unknown, idPrefix: string, urlPrefix: string, block: DetailsBlock | undefined): PaperMap | undefined {
  if (!isStrings(titles) || !isStrings(arts)) return undefined;
  const papers = new PaperBuilder(rows.length, idPrefix, urlPrefix, block);
  // Days repeat (a council meets on some thousand days in twenty years): one string per day.
  const days = new Map<number, string>();
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (!Array.isArray(row) || row.length < 6 || row.length > 7) return undefined;
    const idCell: unknown = row[0];
    const nummer: unknown = row[1];
    const titleAt: unknown = row[2];
    const artAt: unknown = row[3];
    const dateCell: unknown = row[4];
    const urlCell: unknown = row[5];
    const flags: unknown = row.length === 7 ? row[6] : 0;
    if (!isSuffix(idCell) || typeof nummer !== 'string' || typeof titleAt !== 'number' || typeof artAt !== 'number') return undefined;
    const titel = titles[titleAt];
    const art = artAt === -1 ? '' : arts[artAt];
    if (titel === undefined || art === undefined) return undefined;
    const datum = dayText(dateCell, days);
    if (datum === undefined || !isSuffix(urlCell) || (flags !== 0 && flags !== 1)) return undefined;
    // The same id as a number or as digits: one paper.
    papers.add(index, idCell, nummer, titel, art, datum, urlCell, flags);
  }
  return papers.done();
}

/** The papers of a version 4 file (see above); `undefined` for anything our writer does not write. */
function readColumns(columns: Record<string, unknown>, titles: unknown, arts: unknown, idPrefix: string, urlPrefix: string, block: DetailsBlock | undefined): PaperMap | undefined {
  if (!isStrings(titles) || !isStrings(arts)) return undefined;
  const { id, nummer, titel, art, datum, url, asWritten } = columns;
  if (!Array.isArray(id) || !Array.isArray(nummer) || !Array.isArray(titel) || !Array.isArray(art) || !Array.isArray(datum) || !Array.isArray(url) || !Array.isArray(asWritten)) return undefined;
  const count = id.length;
  if (nummer.length !== count || titel.length !== count || art.length !== count || datum.length !== count || url.length !== count) return undefined;
  const flags = new Uint8Array(count);
  let last = -1;
  for (const at of asWritten as unknown[]) {
    // Ascending indexes of papers, as written.
    if (typeof at !== 'number' || !Number.isInteger(at) || at <= last || at >= count) return undefined;
    flags[at] = 1;
    last = at;
  }
  // The id and URL columns are kept as they are: entries read theirs from there.
  const papers = new PaperBuilder(count, idPrefix, urlPrefix, block, id as (string | number)[], url as (string | number)[]);
  const days = new Map<number, string>();
  for (let index = 0; index < count; index++) {
    const idCell: unknown = id[index];
    const number: unknown = nummer[index];
    const titleAt: unknown = titel[index];
    const artAt: unknown = art[index];
    const urlCell: unknown = url[index];
    if (!isSuffix(idCell) || typeof number !== 'string' || typeof titleAt !== 'number' || typeof artAt !== 'number' || !isSuffix(urlCell)) return undefined;
    const title = titles[titleAt];
    const kind = artAt === -1 ? '' : arts[artAt];
    const day = dayText(datum[index], days);
    if (title === undefined || kind === undefined || day === undefined) return undefined;
    papers.add(index, idCell, number, title, kind, day, urlCell, flags[index]!);
  }
  return papers.done();
}

/** An id or URL suffix as stored: the text, or digits as a number. */
function isSuffix(cell: unknown): cell is string | number {
  return typeof cell === 'string' || (typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0);
}

/** An id suffix as papers are told apart by it: digits as a number (as version 3 stores them). */
function idKey(suffix: string): string | number {
  return DIGITS_ONLY.test(suffix) ? Number(suffix) : suffix;
}

/** A stored `datum` as text ('' for none), one string per day; `undefined` if malformed. */
function dayText(cell: unknown, days: Map<number, string>): string | undefined {
  if (typeof cell === 'string') return cell;
  if (cell === 0) return '';
  if (typeof cell !== 'number' || !Number.isInteger(cell) || cell < 10000101 || cell > 99991231) return undefined;
  let day = days.get(cell);
  if (day === undefined) {
    const digits = String(cell);
    day = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
    days.set(cell, day);
  }
  return day;
}

/**
 * Makes the entries of a file's rows. A row whose id an earlier row has replaces that row's
 * entry in its place, as a `Map` keyed by id would; ids are compared by their suffix (all share
 * the prefix), so that the full ids are not made, hashed or kept at load (see `CachedEntry`).
 */
class PaperBuilder {
  private readonly entries: CachedEntry[];
  private readonly file: CacheFile;
  private readonly own: boolean;

  /** For `count` rows; `ids` and `urls` are a version 4 file's columns, else they are filled here. */
  constructor(count: number, idPrefix: string, urlPrefix: string, block: DetailsBlock | undefined, ids?: (string | number)[], urls?: (string | number)[]) {
    // Made at their full length: arrays grown by pushing are copied on the way.
    this.entries = new Array<CachedEntry>(count);
    this.own = ids === undefined;
    // A cheap check on load; links are parsed and checked in full where they are made (`safeLink`).
    this.file = { idPrefix, urlPrefix, prefixLinks: HTTP.test(urlPrefix), block, ids: ids ?? new Array<string | number>(count), urls: urls ?? new Array<string | number>(count) };
  }

  /** Row `index`; the suffixes are as stored (digits may be a number, '' is no URL). */
  add(index: number, idSuffix: string | number, nummer: string, titel: string, art: string, datum: string, urlSuffix: string | number, flags: number): void {
    if (this.own) {
      this.file.ids[index] = idSuffix;
      this.file.urls[index] = urlSuffix;
    }
    this.entries[index] = new CachedEntry(this.file, index, nummer, titel, art, datum, flags);
  }

  done(): PaperMap {
    return new PaperMap(this.file.idPrefix, distinct(this.entries, this.file.ids));
  }
}

/**
 * The entries with distinct keys (`idKey` of their id suffixes): a later one with the key of an
 * earlier one takes its place. Our writer never writes an id twice, so this is a check that
 * usually finds nothing; numbers (the usual ids) are checked sorted in a typed array, which
 * makes no garbage a start would keep.
 */
function distinct(entries: CachedEntry[], ids: readonly (string | number)[]): CachedEntry[] {
  const numbers = new Float64Array(ids.length);
  let count = 0;
  let strings = false;
  for (const id of ids) {
    if (typeof id === 'number') numbers[count++] = id;
    else strings = true;
  }
  const sorted = numbers.subarray(0, count).sort();
  let repeated = strings;
  for (let i = 1; i < sorted.length && !repeated; i++) repeated = sorted[i] === sorted[i - 1];
  if (!repeated) return entries;
  const at = new Map<string | number, number>();
  const kept: CachedEntry[] = [];
  entries.forEach((entry) => {
    const key = entry.idKey();
    const earlier = at.get(key);
    if (earlier === undefined) {
      at.set(key, kept.length);
      kept.push(entry);
    } else kept[earlier] = entry;
  });
  return kept;
}

/**
 * The papers of a cache file by OParl id, in the file's order, as a read-only `Map`. The map
 * from id to paper is made when an id is first looked up (a hover on a related paper, a sync):
 * the register finds papers by number, and a start need not pay for it.
 */
class PaperMap implements ReadonlyMap<string, RegisterEntry> {
  private byKey: Map<string | number, RegisterEntry> | undefined;

  constructor(
    private readonly idPrefix: string,
    private readonly list: readonly CachedEntry[],
  ) {}

  get size(): number {
    return this.list.length;
  }

  get(id: string): RegisterEntry | undefined {
    if (!id.startsWith(this.idPrefix)) return undefined;
    const suffix = id.slice(this.idPrefix.length);
    if (!this.byKey) {
      this.byKey = new Map();
      for (const entry of this.list) this.byKey.set(entry.idKey(), entry);
    }
    return this.byKey.get(idKey(suffix));
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  forEach(callback: (value: RegisterEntry, key: string, map: ReadonlyMap<string, RegisterEntry>) => void, thisArg?: unknown): void {
    for (const entry of this.list) callback.call(thisArg, entry, entry.origin!, this);
  }

  *entries(): MapIterator<[string, RegisterEntry]> {
    for (const entry of this.list) yield [entry.origin!, entry];
  }

  *keys(): MapIterator<string> {
    for (const entry of this.list) yield entry.origin!;
  }

  values(): MapIterator<RegisterEntry> {
    return this.list.values();
  }

  [Symbol.iterator](): MapIterator<[string, RegisterEntry]> {
    return this.entries();
  }
}

/** The tables details refer to, or `undefined` when no paper has details. */
function buildRefs(all: readonly (PaperDetails | undefined)[]): Refs | undefined {
  const orgs = new Set<string>();
  const meetings = new Set<string>();
  const roles = new Set<string>();
  const names = new Map<string, number>();
  const files: string[] = [];
  const papers: string[] = [];
  let any = false;
  for (const details of all) {
    if (!details) continue;
    any = true;
    for (const consultation of details.consultations ?? []) {
      for (const id of consultation.organizations) orgs.add(id);
      if (consultation.meeting) meetings.add(consultation.meeting);
      if (consultation.role) roles.add(consultation.role);
    }
    for (const id of details.underDirectionOf ?? []) orgs.add(id);
    for (const file of details.files ?? []) {
      files.push(file.url);
      names.set(file.name, (names.get(file.name) ?? 0) + 1);
    }
    for (const related of details.related ?? []) papers.push(related.id);
  }
  if (!any) return undefined;
  const orgList = [...orgs];
  const meetingList = [...meetings];
  return {
    orgPrefix: commonPrefix(orgList),
    orgs: orgList,
    meetingPrefix: commonPrefix(meetingList),
    meetings: meetingList,
    roles: [...roles],
    // File names that repeat ("Vorlage", "Sammeldokument öffentlich") are stored once.
    names: [...names].filter(([, n]) => n > 1).map(([name]) => name),
    filePrefix: commonPrefix(files),
    paperPrefix: commonPrefix(papers),
  };
}

function index(values: readonly string[]): Map<string, number> {
  return new Map(values.map((value, i) => [value, i]));
}

function flatDetails(details: PaperDetails, refs: Refs, tables: Record<'org' | 'meeting' | 'role' | 'name', Map<string, number>>): Flat | undefined {
  const flat: Flat = [];
  const consultations = details.consultations ?? [];
  flat.push(consultations.length);
  for (const c of consultations) {
    flat.push(c.organizations.length, ...c.organizations.map((id) => tables.org.get(id) ?? -1));
    flat.push(c.meeting ? (tables.meeting.get(c.meeting) ?? -1) : -1, c.role ? (tables.role.get(c.role) ?? -1) : -1, c.authoritative === undefined ? 0 : c.authoritative ? 1 : 2);
  }
  const files = details.files ?? [];
  flat.push(files.length);
  for (const f of files) flat.push(tables.name.get(f.name) ?? f.name, f.url.slice(refs.filePrefix.length), f.main ? 1 : 0);
  const under = details.underDirectionOf ?? [];
  flat.push(under.length, ...under.map((id) => tables.org.get(id) ?? -1));
  const related = details.related ?? [];
  flat.push(related.length);
  for (const r of related) flat.push(r.id.slice(refs.paperPrefix.length), RELATIONS.indexOf(r.relation));
  while (flat.length > 0 && flat.at(-1) === 0) flat.pop();
  return flat.length > 0 ? flat : undefined;
}

function readRefs(value: unknown): Refs | undefined {
  if (!isRecord(value)) return undefined;
  const { orgPrefix, orgs, meetingPrefix, meetings, roles, names, filePrefix, paperPrefix } = value;
  if (typeof orgPrefix !== 'string' || typeof meetingPrefix !== 'string' || typeof filePrefix !== 'string' || typeof paperPrefix !== 'string') return undefined;
  if (!isStrings(orgs) || !isStrings(meetings) || !isStrings(roles) || !isStrings(names)) return undefined;
  return { orgPrefix, orgs: orgs.map((id) => orgPrefix + id), meetingPrefix, meetings: meetings.map((id) => meetingPrefix + id), roles, names, filePrefix, paperPrefix };
}

/** The details of all papers, parsed from their text when the first entry asks for its own. */
class DetailsBlock {
  private rows: unknown[] | null | undefined;
  /** Each row's details as decoded, so that an entry gives the same object each time. */
  private readonly decoded = new Map<number, PaperDetails | undefined>();

  constructor(
    private text: string | (() => string) | undefined,
    private readonly refs: Refs,
  ) {}

  get(index: number): PaperDetails | undefined {
    if (this.decoded.has(index)) return this.decoded.get(index);
    if (this.rows === undefined) {
      try {
        const text = this.text;
        // Parsed once: the text is not needed after that.
        this.text = undefined;
        const rows: unknown = JSON.parse(typeof text === 'function' ? text() : text!);
        this.rows = Array.isArray(rows) ? rows : null;
      } catch {
        this.rows = null;
      }
    }
    const flat = this.rows?.[index];
    const details = Array.isArray(flat) ? readFlat(flat as Flat, this.refs) : undefined;
    this.decoded.set(index, details);
    return details;
  }
}

/** What the entries of one cache file share. */
interface CacheFile {
  readonly idPrefix: string;
  readonly urlPrefix: string;
  /** Whether every URL with the prefix is a link (the prefix is an http(s) URL of a host). */
  readonly prefixLinks: boolean;
  readonly block: DetailsBlock | undefined;
  /** Each row's id suffix and URL suffix ('' for none) as stored, by the row's index. */
  readonly ids: (string | number)[];
  readonly urls: (string | number)[];
}

/**
 * An entry as loaded from the cache file, made to be small: a register of 100,000 papers holds
 * 100,000 of them. Its id and URL are kept as the suffix the file stores (digits as a number,
 * which costs no string), in the file's columns by the entry's row, and made when read; its
 * `details` are decoded when first read (most
 * entries of a large register are never shown in full, and their details then cost nothing).
 * These are getters on the prototype, so that all entries share one shape; `toJSON` writes
 * them out like fields.
 */
class CachedEntry implements RegisterEntry {
  readonly art: string | undefined;
  readonly datum: string | undefined;
  readonly asWritten: true | undefined;
  #file: CacheFile;
  #index: number;

  constructor(file: CacheFile, index: number, readonly nummer: string, readonly titel: string, art: string, datum: string, flags: number) {
    this.art = art || undefined;
    this.datum = datum || undefined;
    this.asWritten = flags === 1 ? true : undefined;
    this.#file = file;
    this.#index = index;
  }

  get source(): 'oparl' {
    return 'oparl';
  }

  /** What tells this paper from others of its file (see `idKey`). */
  idKey(): string | number {
    const id = this.#file.ids[this.#index]!;
    return typeof id === 'number' ? id : idKey(id);
  }

  get origin(): string | undefined {
    // Read through the prototype (as some deep-equality checks do), there is no entry.
    return #file in this ? `${this.#file.idPrefix}${this.#file.ids[this.#index]}` : undefined;
  }

  get url(): string | undefined {
    if (!(#file in this)) return undefined;
    const file = this.#file;
    const suffix = file.urls[this.#index];
    if (suffix === '' || suffix === undefined) return undefined;
    const url = `${file.urlPrefix}${suffix}`;
    return file.prefixLinks || HTTP.test(url) ? url : undefined;
  }

  get details(): PaperDetails | undefined {
    return #file in this ? this.#file.block?.get(this.#index) : undefined;
  }

  toJSON(): RegisterEntry {
    return { nummer: this.nummer, titel: this.titel, art: this.art, datum: this.datum, url: this.url, source: this.source, origin: this.origin, asWritten: this.asWritten, details: this.details };
  }
}

/**
 * An entry's fields as a plain object, as spreading an entry made of fields gives them: a
 * loaded entry makes its id and URL when they are read. Its details are not among them (they are
 * decoded on demand, and a spread of a loaded entry never held them).
 */
export function entryFields(entry: RegisterEntry): RegisterEntry {
  if (!(entry instanceof CachedEntry)) return entry;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { details, ...fields } = entry.toJSON();
  return fields;
}

/** The details a flat row holds; `undefined` for a malformed row (our own file, so not expected). */
function readFlat(flat: Flat, refs: Refs): PaperDetails | undefined {
  let at = 0;
  const count = (): number => {
    const value = at < flat.length ? flat[at++] : 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 10_000) throw new RangeError('count');
    return value;
  };
  const number = (): number => {
    const value = flat[at++];
    if (typeof value !== 'number') throw new RangeError('number');
    return value;
  };
  const string = (): string => {
    const value = flat[at++];
    if (typeof value !== 'string') throw new RangeError('string');
    return value;
  };
  try {
    const consultations: PaperConsultation[] = [];
    for (let c = count(); c > 0; c--) {
      const organizations: string[] = [];
      for (let o = count(); o > 0; o--) {
        const id = refs.orgs[number()];
        if (id !== undefined) organizations.push(id);
      }
      const meeting = refs.meetings[number()];
      const role = refs.roles[number()];
      const authoritative = number();
      const consultation: { organizations: string[]; meeting?: string; role?: string; authoritative?: boolean } = { organizations };
      if (meeting !== undefined) consultation.meeting = meeting;
      if (role !== undefined) consultation.role = role;
      if (authoritative !== 0) consultation.authoritative = authoritative === 1;
      consultations.push(consultation);
    }
    const files: PaperFile[] = [];
    for (let f = count(); f > 0; f--) {
      const nameCell = flat[at++];
      const name = typeof nameCell === 'number' ? refs.names[nameCell] : nameCell;
      const url = refs.filePrefix + string();
      const main = number();
      if (typeof name === 'string' && HTTP.test(url)) files.push(main === 1 ? { name, url, main: true } : { name, url });
    }
    const underDirectionOf: string[] = [];
    for (let u = count(); u > 0; u--) {
      const id = refs.orgs[number()];
      if (id !== undefined) underDirectionOf.push(id);
    }
    const related: RelatedPaper[] = [];
    for (let r = count(); r > 0; r--) {
      const id = refs.paperPrefix + string();
      const relation = RELATIONS[number()];
      if (relation) related.push({ id, relation });
    }
    const details: { consultations?: PaperConsultation[]; files?: PaperFile[]; underDirectionOf?: string[]; related?: RelatedPaper[] } = {};
    if (consultations.length > 0) details.consultations = consultations;
    if (files.length > 0) details.files = files;
    if (underDirectionOf.length > 0) details.underDirectionOf = underDirectionOf;
    if (related.length > 0) details.related = related;
    return details;
  } catch {
    return undefined;
  }
}

/** The longest prefix all strings share, cut back to a `/` or `=` so it ends at a boundary. */
function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0]!;
  for (const value of values) {
    let i = 0;
    while (i < prefix.length && i < value.length && prefix.charCodeAt(i) === value.charCodeAt(i)) i++;
    prefix = prefix.slice(0, i);
    if (prefix === '') return '';
  }
  const cut = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf('='));
  return cut >= 0 ? prefix.slice(0, cut + 1) : '';
}

/** The calendar part of a cache: absent in caches written before it, malformed → undefined (not a cache). */
function parseCalendar(organizations: unknown, meetings: unknown): { organizations?: Map<string, Organization>; meetings?: Map<string, Meeting> } | undefined {
  // A cache from before the calendar: the next sync reads the calendar in full.
  if (organizations === undefined && meetings === undefined) return {};
  if (!Array.isArray(organizations) || !Array.isArray(meetings)) return undefined;
  const result = { organizations: new Map<string, Organization>(), meetings: new Map<string, Meeting>() };
  for (const row of organizations as unknown[]) {
    if (!Array.isArray(row) || row.length < 3 || row.length > 4 || !row.every((cell) => typeof cell === 'string')) return undefined;
    const [id, name, shortName, code = ''] = row as OrganizationRow;
    const kind = KIND_CODES.get(code);
    result.organizations.set(id, { id, name, ...(shortName ? { shortName } : {}), ...(kind ? { kind } : {}) });
  }
  for (const row of meetings as unknown[]) {
    if (!Array.isArray(row) || row.length !== 6) return undefined;
    const [id, start, ids, name, cancelled, url] = row as MeetingRow;
    if (typeof id !== 'string' || typeof start !== 'string' || !Array.isArray(ids) || !ids.every((value) => typeof value === 'string') || typeof name !== 'string' || typeof url !== 'string') return undefined;
    result.meetings.set(id, {
      id,
      start,
      organizations: ids,
      ...(name ? { name } : {}),
      ...(cancelled === 1 ? { cancelled: true } : {}),
      ...(HTTP.test(url) ? { url } : {}),
    });
  }
  return result;
}

/**
 * Where an interrupted sync stood, for resuming it (`SyncOptions.checkpoint`). The caller keeps
 * it beside the cache (`node/cache-store.ts`); only the sync reads its lists.
 */
export interface SyncCheckpoint {
  readonly system: string;
  /** When the interrupted sync started: the resumed one keeps it as the cache's `syncedAt`. */
  readonly startedAt: string;
  /** When the checkpoint was taken; old ones are not resumed. */
  readonly savedAt: string;
  readonly mode: 'full' | 'incremental';
  /** `syncedAt` of the cache an incremental sync started from; it resumes only from the same cache. */
  readonly basedOn?: string;
  readonly lists: readonly ListCheckpoint[];
  /** The register as far as it got: papers, and the calendar read so far. */
  readonly papers: ReadonlyMap<string, RegisterEntry>;
  readonly organizations: ReadonlyMap<string, Organization>;
  readonly meetings: ReadonlyMap<string, Meeting>;
  readonly counts: Readonly<Record<string, number>>;
  readonly unfittingExamples: readonly string[];
  /** What the sync skipped so far, as data (a message kind and its values); the sync words it. */
  readonly warnings: readonly { readonly url: string; readonly kind: string; readonly data: MessageData }[];
  /** What the papers' `modified` stamps looked like so far (see `modifiedUnreliable`). */
  readonly modified: ModifiedStats;
}

/** One list of one body: how far it was read. */
export interface ListCheckpoint {
  readonly kind: 'paper' | 'organization' | 'meeting';
  /** The list's URL as the body names it. */
  readonly list: string;
  readonly done: boolean;
  /** Pages of it read so far. */
  readonly pages: number;
  /** Read along `links.next`: the page to read next. */
  readonly next?: string;
  /** Read by page number: the URL of any page (`page=` set per page), the number of pages, the pages read as ranges. */
  readonly numbered?: { readonly template: string; readonly total: number; readonly done: readonly (readonly [number, number])[] };
}

export interface ModifiedStats {
  /** Papers with a `modified` stamp. */
  readonly count: number;
  /** The first stamp seen, and whether every later one was the same. */
  readonly first?: string;
  readonly allSame: boolean;
  /** Papers stamped before the System's `created`. */
  readonly beforeSystem: number;
}

/** 2: warnings are stored as data (kind and values) instead of as texts. */
const CHECKPOINT_VERSION = 2;

export function serializeCheckpoint(checkpoint: SyncCheckpoint): string {
  return [...checkpointChunks(checkpoint)].join('');
}

/** `serializeCheckpoint` in pieces, as `cacheChunks`. */
export function checkpointChunks(checkpoint: SyncCheckpoint): Generator<string> {
  const cache: OparlCache = { version: 2, system: checkpoint.system, syncedAt: checkpoint.startedAt, papers: checkpoint.papers, organizations: checkpoint.organizations, meetings: checkpoint.meetings };
  const { startedAt, savedAt, mode, basedOn, lists, counts, unfittingExamples, warnings, modified } = checkpoint;
  const state = { system: checkpoint.system, startedAt, savedAt, mode, ...(basedOn === undefined ? {} : { basedOn }), lists, counts, unfittingExamples, warnings, modified };
  return asciiChunks(jsonChunks({ checkpoint: CHECKPOINT_VERSION, ...state, cache: cacheToJson(cache) }));
}

/** A checkpoint file's text; `undefined` if it is not one this version wrote (it is then ignored). */
export function parseCheckpoint(text: string): SyncCheckpoint | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.checkpoint !== CHECKPOINT_VERSION) return undefined;
  const { system, startedAt, savedAt, mode, basedOn, lists, counts, unfittingExamples, warnings, modified } = data;
  if (typeof system !== 'string' || typeof startedAt !== 'string' || typeof savedAt !== 'string' || (mode !== 'full' && mode !== 'incremental')) return undefined;
  if (basedOn !== undefined && typeof basedOn !== 'string') return undefined;
  if (!Array.isArray(lists) || !lists.every(isListCheckpoint)) return undefined;
  if (!isRecord(counts) || !Object.values(counts).every((n) => typeof n === 'number')) return undefined;
  if (!isStrings(unfittingExamples) || !Array.isArray(warnings) || !warnings.every(isStoredWarning)) return undefined;
  if (!isRecord(modified) || typeof modified.count !== 'number' || typeof modified.allSame !== 'boolean' || typeof modified.beforeSystem !== 'number' || (modified.first !== undefined && typeof modified.first !== 'string')) return undefined;
  const cache = cacheFromJson(data.cache);
  if (!cache) return undefined;
  return {
    system,
    startedAt,
    savedAt,
    mode,
    ...(basedOn === undefined ? {} : { basedOn }),
    lists,
    papers: cache.papers,
    organizations: cache.organizations ?? new Map(),
    meetings: cache.meetings ?? new Map(),
    counts: counts as Record<string, number>,
    unfittingExamples,
    warnings: warnings as SyncCheckpoint['warnings'],
    modified: modified as unknown as ModifiedStats,
  };
}

function isListCheckpoint(value: unknown): value is ListCheckpoint {
  if (!isRecord(value)) return false;
  const { kind, list, done, pages, next, numbered } = value;
  if ((kind !== 'paper' && kind !== 'organization' && kind !== 'meeting') || typeof list !== 'string' || typeof done !== 'boolean' || typeof pages !== 'number') return false;
  if (next !== undefined && typeof next !== 'string') return false;
  if (numbered === undefined) return true;
  if (!isRecord(numbered) || typeof numbered.template !== 'string' || typeof numbered.total !== 'number' || !Array.isArray(numbered.done)) return false;
  return (numbered.done as unknown[]).every((range) => Array.isArray(range) && range.length === 2 && range.every((n) => typeof n === 'number'));
}

function isStoredWarning(value: unknown): value is SyncCheckpoint['warnings'][number] {
  if (!isRecord(value) || typeof value.url !== 'string' || typeof value.kind !== 'string' || !isRecord(value.data)) return false;
  return Object.values(value.data).every((item) => typeof item === 'string' || typeof item === 'number');
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
