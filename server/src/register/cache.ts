import type { MessageData } from '../base/locale.js';
import type { Meeting, Organization, OrganizationKind } from './calendar.js';
import type { OparlCache, PaperConsultation, PaperDetails, PaperFile, RegisterEntry, RelatedPaper } from './types.js';

const HTTP = /^https?:\/\/[^\s]/i;

/**
 * The OParl cache as text. Papers are arrays `[id, nummer, titel, art, datum, url]`, not
 * objects, and ids and URLs are stored without the prefix they all share (`idPrefix`,
 * `urlPrefix`): a 100,000-paper cache is then less than half the size and loads in about half
 * the time, which is what the editor waits for at start-up.
 *
 * Version 2 adds to a row, where needed, `flags` (1: the number is the reference as written).
 * The papers' details are one JSON text in a string (`details`): an array with one flat array
 * of numbers and strings per row (`Flat`), 0 for a paper without details. A string costs
 * JSON.parse almost nothing, so loading the cache at start-up stays as fast as without
 * details; the text is parsed when the first entry's details are asked for. Details name
 * organizations, meetings, roles and repeated file names by their index in one table each
 * (`refs`; a council has a few hundred bodies and roles for 100,000 papers), files and related
 * papers by their URL without the prefix all of them share. Version 1 caches (six strings per
 * row, no details) are still read.
 */
type Row = [id: string, nummer: string, titel: string, art: string, datum: string, url: string, flags?: number];
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
export function cacheChunks(cache: OparlCache): Generator<string> {
  return jsonChunks(cacheToJson(cache));
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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  return cacheFromJson(data);
}

/** The cache as the JSON value the file holds (always version 2). */
function cacheToJson(cache: OparlCache): Record<string, unknown> {
  const entries = [...cache.papers];
  // Stored in number order, the register's index is built without real sorting on load.
  const key = (entry: RegisterEntry) => entry.nummer.toUpperCase();
  entries.sort(([, a], [, b]) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const idPrefix = commonPrefix(entries.map(([id]) => id));
  const urlPrefix = commonPrefix(entries.map(([, entry]) => entry.url ?? '').filter(Boolean));
  const refs = buildRefs(entries.map(([, entry]) => entry.details));
  const tables = refs && { org: index(refs.orgs), meeting: index(refs.meetings), role: index(refs.roles), name: index(refs.names) };
  const flats: (Flat | 0)[] = [];
  const rows: Row[] = entries.map(([id, entry]) => {
    const row: Row = [id.slice(idPrefix.length), entry.nummer, entry.titel, entry.art ?? '', entry.datum ?? '', entry.url ? entry.url.slice(urlPrefix.length) : ''];
    if (entry.asWritten) row.push(1);
    flats.push((entry.details && refs && tables ? flatDetails(entry.details, refs, tables) : undefined) ?? 0);
    return row;
  });
  // The calendar is small next to the papers: plain arrays, no prefix compression.
  const organizations = [...(cache.organizations?.values() ?? [])].map((o): OrganizationRow => (o.kind ? [o.id, o.name, o.shortName ?? '', KINDS[o.kind]] : [o.id, o.name, o.shortName ?? '']));
  const meetings = [...(cache.meetings?.values() ?? [])].map((m): MeetingRow => [m.id, m.start, [...m.organizations], m.name ?? '', m.cancelled ? 1 : 0, m.url ?? '']);
  return {
    version: 2,
    system: cache.system,
    syncedAt: cache.syncedAt,
    ...(cache.fullSyncAt ? { fullSyncAt: cache.fullSyncAt } : {}),
    ...(cache.calendarSyncedAt ? { calendarSyncedAt: cache.calendarSyncedAt } : {}),
    ...(cache.modifiedUnreliable ? { modifiedUnreliable: true } : {}),
    idPrefix,
    urlPrefix,
    ...(refs ? { refs: { ...refs, orgs: refs.orgs.map((id) => id.slice(refs.orgPrefix.length)), meetings: refs.meetings.map((id) => id.slice(refs.meetingPrefix.length)) } } : {}),
    papers: rows,
    ...(refs ? { details: JSON.stringify(flats) } : {}),
    ...(cache.organizations || cache.meetings ? { organizations, meetings } : {}),
  };
}

function cacheFromJson(data: unknown): OparlCache | undefined {
  if (!isRecord(data)) return undefined;
  const { version, system, syncedAt, papers, idPrefix = '', urlPrefix = '', fullSyncAt, calendarSyncedAt, modifiedUnreliable } = data;
  if ((version !== 1 && version !== 2) || typeof system !== 'string' || typeof syncedAt !== 'string' || !Array.isArray(papers)) return undefined;
  if (typeof idPrefix !== 'string' || typeof urlPrefix !== 'string') return undefined;
  if ((fullSyncAt !== undefined && typeof fullSyncAt !== 'string') || (calendarSyncedAt !== undefined && typeof calendarSyncedAt !== 'string')) return undefined;
  let block: DetailsBlock | undefined;
  if (version === 2 && (data.refs !== undefined || data.details !== undefined)) {
    const refs = readRefs(data.refs);
    if (!refs || typeof data.details !== 'string') return undefined;
    block = new DetailsBlock(data.details, refs);
  }
  const map = new Map<string, RegisterEntry>();
  let index = 0;
  for (const row of papers as unknown[]) {
    if (!Array.isArray(row)) return undefined;
    if (version === 1 ? row.length !== 6 : row.length < 6 || row.length > 7) return undefined;
    for (let i = 0; i < 6; i++) if (typeof row[i] !== 'string') return undefined;
    const [idSuffix, nummer, titel, art, datum, urlSuffix, flags = 0] = row as Row;
    if (flags !== 0 && flags !== 1) return undefined;
    const id = idPrefix + idSuffix;
    const url = urlSuffix ? urlPrefix + urlSuffix : '';
    // A cheap check on load; links are parsed and checked in full where they are made (`safeLink`).
    const link = HTTP.test(url) ? url : undefined;
    map.set(id, block ? new LazyEntry(id, nummer, titel, art, datum, link, flags, block, index) : plainEntry(id, nummer, titel, art, datum, link, flags));
    index++;
  }
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

/** An entry as loaded. Every entry gets the same fields in the same order: one object shape for 100,000 entries. */
function plainEntry(id: string, nummer: string, titel: string, art: string, datum: string, url: string | undefined, flags: number): RegisterEntry {
  return { nummer, titel, art: art || undefined, datum: datum || undefined, url, source: 'oparl', origin: id, asWritten: flags === 1 ? true : undefined, details: undefined };
}

/** The details of all papers, parsed from their text when the first entry asks for its own. */
class DetailsBlock {
  private rows: unknown[] | null | undefined;

  constructor(
    private readonly text: string,
    private readonly refs: Refs,
  ) {}

  get(index: number): PaperDetails | undefined {
    if (this.rows === undefined) {
      try {
        const rows: unknown = JSON.parse(this.text);
        this.rows = Array.isArray(rows) ? rows : null;
      } catch {
        this.rows = null;
      }
    }
    const flat = this.rows?.[index];
    return Array.isArray(flat) ? readFlat(flat as Flat, this.refs) : undefined;
  }
}

/**
 * An entry whose `details` are decoded when first read: most entries of a large register are
 * never shown in full, and their details then cost nothing. The getter sits on the prototype,
 * so that 100,000 entries share one shape; `toJSON` writes the details out like a field.
 */
class LazyEntry implements RegisterEntry {
  readonly art: string | undefined;
  readonly datum: string | undefined;
  readonly source = 'oparl' as const;
  readonly asWritten: true | undefined;
  #block: DetailsBlock;
  #index: number;
  #decoded: PaperDetails | undefined | null = null;

  constructor(
    readonly origin: string,
    readonly nummer: string,
    readonly titel: string,
    art: string,
    datum: string,
    readonly url: string | undefined,
    flags: number,
    block: DetailsBlock,
    index: number,
  ) {
    this.art = art || undefined;
    this.datum = datum || undefined;
    this.asWritten = flags === 1 ? true : undefined;
    this.#block = block;
    this.#index = index;
  }

  get details(): PaperDetails | undefined {
    // Read through the prototype (as some deep-equality checks do), there are no details.
    if (!(#block in this)) return undefined;
    if (this.#decoded === null) this.#decoded = this.#block.get(this.#index);
    return this.#decoded;
  }

  toJSON(): RegisterEntry {
    return { nummer: this.nummer, titel: this.titel, art: this.art, datum: this.datum, url: this.url, source: this.source, origin: this.origin, asWritten: this.asWritten, details: this.details };
  }
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
  return jsonChunks({ checkpoint: CHECKPOINT_VERSION, ...state, cache: cacheToJson(cache) });
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
