import type { Meeting, Organization, OrganizationKind } from './calendar.js';
import type { OparlCache, PaperConsultation, PaperDetails, PaperFile, RegisterEntry, RelatedPaper } from './types.js';

const HTTP = /^https?:\/\/[^\s]/i;

/**
 * The OParl cache as text. Papers are arrays `[id, nummer, titel, art, datum, url]`, not
 * objects, and ids and URLs are stored without the prefix they all share (`idPrefix`,
 * `urlPrefix`): a 100,000-paper cache is then less than half the size and loads in about half
 * the time, which is what the editor waits for at start-up.
 *
 * Version 2 adds to a row, only where needed, `flags` (1: the number is the reference as
 * written) and the paper's details. Details name organizations, meetings and roles by their
 * index in one table each (`refs`; a council has a few hundred bodies and roles for 100,000
 * papers), files and related papers by their URL without the prefix all of them share.
 * Version 1 caches (six strings per row, no details) are still read.
 */
type Row = [id: string, nummer: string, titel: string, art: string, datum: string, url: string, flags?: number, details?: DetailsRow];
type OrganizationRow = [id: string, name: string, shortName: string, kind?: string];
type MeetingRow = [id: string, start: string, organizations: string[], name: string, cancelled: 0 | 1, url: string];
/** `[consultations, files, underDirectionOf, related]`, each 0 when empty, trailing zeros left off. */
type DetailsRow = (0 | ConsultationRow[] | FileRow[] | number[] | RelatedRow[])[];
/** `[organization indexes, meeting index or -1, role index or -1, authoritative: 0 unknown, 1 yes, 2 no]`. */
type ConsultationRow = [organizations: number[], meeting: number, role: number, authoritative: number];
/** `[name, url suffix]`, `[name, url suffix, 1]` for the main file. */
type FileRow = [name: string, url: string, main?: 1];
type RelatedRow = [id: string, relation: number];

interface Refs {
  orgPrefix: string;
  orgs: string[];
  meetingPrefix: string;
  meetings: string[];
  roles: string[];
  filePrefix: string;
  paperPrefix: string;
}

const RELATIONS = ['related', 'superordinated', 'subordinated'] as const;
const KINDS: Record<OrganizationKind, string> = { gremium: 'g', fraktion: 'f', verwaltung: 'v', sonstige: 's' };
const KIND_CODES = new Map<string, OrganizationKind>(Object.entries(KINDS).map(([kind, code]) => [code, kind as OrganizationKind]));

export function serializeCache(cache: OparlCache): string {
  return `${JSON.stringify(cacheToJson(cache))}\n`;
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
  const tables = refs && { org: index(refs.orgs), meeting: index(refs.meetings), role: index(refs.roles) };
  const rows: Row[] = entries.map(([id, entry]) => {
    const row: Row = [id.slice(idPrefix.length), entry.nummer, entry.titel, entry.art ?? '', entry.datum ?? '', entry.url ? entry.url.slice(urlPrefix.length) : ''];
    const details = entry.details && refs && tables ? detailsRow(entry.details, refs, tables) : undefined;
    if (entry.asWritten || details) row.push(entry.asWritten ? 1 : 0);
    if (details) row.push(details);
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
    ...(cache.organizations || cache.meetings ? { organizations, meetings } : {}),
  };
}

function cacheFromJson(data: unknown): OparlCache | undefined {
  if (!isRecord(data)) return undefined;
  const { version, system, syncedAt, papers, idPrefix = '', urlPrefix = '', fullSyncAt, calendarSyncedAt, modifiedUnreliable } = data;
  if ((version !== 1 && version !== 2) || typeof system !== 'string' || typeof syncedAt !== 'string' || !Array.isArray(papers)) return undefined;
  if (typeof idPrefix !== 'string' || typeof urlPrefix !== 'string') return undefined;
  if ((fullSyncAt !== undefined && typeof fullSyncAt !== 'string') || (calendarSyncedAt !== undefined && typeof calendarSyncedAt !== 'string')) return undefined;
  const refs = version === 2 && data.refs !== undefined ? readRefs(data.refs) : undefined;
  if (version === 2 && data.refs !== undefined && !refs) return undefined;
  const map = new Map<string, RegisterEntry>();
  for (const row of papers as unknown[]) {
    if (!Array.isArray(row)) return undefined;
    if (version === 1 ? row.length !== 6 : row.length < 6 || row.length > 8) return undefined;
    for (let i = 0; i < 6; i++) if (typeof row[i] !== 'string') return undefined;
    const [idSuffix, nummer, titel, art, datum, urlSuffix, flags = 0, detailsRow] = row as Row;
    if (flags !== 0 && flags !== 1) return undefined;
    let details: PaperDetails | undefined;
    if (detailsRow !== undefined) {
      details = refs ? readDetails(detailsRow, refs) : undefined;
      if (!details) return undefined;
    }
    const id = idPrefix + idSuffix;
    const url = urlSuffix ? urlPrefix + urlSuffix : '';
    // Every entry gets the same fields in the same order: one object shape for 100,000 entries.
    map.set(id, {
      nummer,
      titel,
      art: art || undefined,
      datum: datum || undefined,
      // A cheap check on load; links are parsed and checked in full where they are made (`safeLink`).
      url: HTTP.test(url) ? url : undefined,
      source: 'oparl',
      origin: id,
      asWritten: flags === 1 ? true : undefined,
      details,
    });
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
    for (const file of details.files ?? []) files.push(file.url);
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
    filePrefix: commonPrefix(files),
    paperPrefix: commonPrefix(papers),
  };
}

function index(values: readonly string[]): Map<string, number> {
  return new Map(values.map((value, i) => [value, i]));
}

function detailsRow(details: PaperDetails, refs: Refs, tables: { org: Map<string, number>; meeting: Map<string, number>; role: Map<string, number> }): DetailsRow | undefined {
  const row: DetailsRow = [
    details.consultations?.length
      ? details.consultations.map((c): ConsultationRow => [
          c.organizations.map((id) => tables.org.get(id) ?? -1),
          c.meeting ? (tables.meeting.get(c.meeting) ?? -1) : -1,
          c.role ? (tables.role.get(c.role) ?? -1) : -1,
          c.authoritative === undefined ? 0 : c.authoritative ? 1 : 2,
        ])
      : 0,
    details.files?.length ? details.files.map((f): FileRow => (f.main ? [f.name, f.url.slice(refs.filePrefix.length), 1] : [f.name, f.url.slice(refs.filePrefix.length)])) : 0,
    details.underDirectionOf?.length ? details.underDirectionOf.map((id) => tables.org.get(id) ?? -1) : 0,
    details.related?.length ? details.related.map((r): RelatedRow => [r.id.slice(refs.paperPrefix.length), RELATIONS.indexOf(r.relation)]) : 0,
  ];
  while (row.length > 0 && row.at(-1) === 0) row.pop();
  return row.length > 0 ? row : undefined;
}

function readRefs(value: unknown): Refs | undefined {
  if (!isRecord(value)) return undefined;
  const { orgPrefix, orgs, meetingPrefix, meetings, roles, filePrefix, paperPrefix } = value;
  if (typeof orgPrefix !== 'string' || typeof meetingPrefix !== 'string' || typeof filePrefix !== 'string' || typeof paperPrefix !== 'string') return undefined;
  if (!isStrings(orgs) || !isStrings(meetings) || !isStrings(roles)) return undefined;
  return { orgPrefix, orgs: orgs.map((id) => orgPrefix + id), meetingPrefix, meetings: meetings.map((id) => meetingPrefix + id), roles, filePrefix, paperPrefix };
}

/** The details a row holds; `undefined` if the row is malformed (the whole cache is then refused). */
function readDetails(row: unknown, refs: Refs): PaperDetails | undefined {
  if (!Array.isArray(row) || row.length > 4) return undefined;
  const [consultationRows = 0, fileRows = 0, underRows = 0, relatedRows = 0] = row as unknown[];
  const consultations: PaperConsultation[] = [];
  if (consultationRows !== 0) {
    if (!Array.isArray(consultationRows)) return undefined;
    for (const c of consultationRows as unknown[]) {
      if (!Array.isArray(c) || c.length !== 4) return undefined;
      const [orgs, meeting, role, authoritative] = c as unknown[];
      const organizations = lookups(orgs, refs.orgs);
      if (!organizations || typeof meeting !== 'number' || typeof role !== 'number' || (authoritative !== 0 && authoritative !== 1 && authoritative !== 2)) return undefined;
      const meetingId = refs.meetings[meeting];
      const roleName = refs.roles[role];
      consultations.push({
        organizations,
        ...(meetingId !== undefined ? { meeting: meetingId } : {}),
        ...(roleName !== undefined ? { role: roleName } : {}),
        ...(authoritative === 0 ? {} : { authoritative: authoritative === 1 }),
      });
    }
  }
  const files: PaperFile[] = [];
  if (fileRows !== 0) {
    if (!Array.isArray(fileRows)) return undefined;
    for (const f of fileRows as unknown[]) {
      if (!Array.isArray(f) || f.length < 2 || f.length > 3 || typeof f[0] !== 'string' || typeof f[1] !== 'string') return undefined;
      const url = refs.filePrefix + (f[1] as string);
      if (HTTP.test(url)) files.push({ name: f[0] as string, url, ...(f[2] === 1 ? { main: true as const } : {}) });
    }
  }
  let underDirectionOf: string[] = [];
  if (underRows !== 0) {
    const found = lookups(underRows, refs.orgs);
    if (!found) return undefined;
    underDirectionOf = found;
  }
  const related: RelatedPaper[] = [];
  if (relatedRows !== 0) {
    if (!Array.isArray(relatedRows)) return undefined;
    for (const r of relatedRows as unknown[]) {
      if (!Array.isArray(r) || r.length !== 2 || typeof r[0] !== 'string' || typeof r[1] !== 'number') return undefined;
      const relation = RELATIONS[r[1] as number];
      if (!relation) return undefined;
      related.push({ id: refs.paperPrefix + (r[0] as string), relation });
    }
  }
  return {
    ...(consultations.length > 0 ? { consultations } : {}),
    ...(files.length > 0 ? { files } : {}),
    ...(underDirectionOf.length > 0 ? { underDirectionOf } : {}),
    ...(related.length > 0 ? { related } : {}),
  };
}

/** Table entries by index; an index outside the table is left out, a non-number refuses the row. */
function lookups(value: unknown, table: readonly string[]): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const found: string[] = [];
  for (const i of value as unknown[]) {
    if (typeof i !== 'number') return undefined;
    const id = table[i];
    if (id !== undefined) found.push(id);
  }
  return found;
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
  readonly warnings: readonly { readonly url: string; readonly message: string; readonly messageEn: string }[];
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

export function serializeCheckpoint(checkpoint: SyncCheckpoint): string {
  const cache: OparlCache = { version: 2, system: checkpoint.system, syncedAt: checkpoint.startedAt, papers: checkpoint.papers, organizations: checkpoint.organizations, meetings: checkpoint.meetings };
  const { startedAt, savedAt, mode, basedOn, lists, counts, unfittingExamples, warnings, modified } = checkpoint;
  const state = { system: checkpoint.system, startedAt, savedAt, mode, ...(basedOn === undefined ? {} : { basedOn }), lists, counts, unfittingExamples, warnings, modified };
  return `${JSON.stringify({ checkpoint: 1, ...state, cache: cacheToJson(cache) })}\n`;
}

/** A checkpoint file's text; `undefined` if it is not one this version wrote (it is then ignored). */
export function parseCheckpoint(text: string): SyncCheckpoint | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.checkpoint !== 1) return undefined;
  const { system, startedAt, savedAt, mode, basedOn, lists, counts, unfittingExamples, warnings, modified } = data;
  if (typeof system !== 'string' || typeof startedAt !== 'string' || typeof savedAt !== 'string' || (mode !== 'full' && mode !== 'incremental')) return undefined;
  if (basedOn !== undefined && typeof basedOn !== 'string') return undefined;
  if (!Array.isArray(lists) || !lists.every(isListCheckpoint)) return undefined;
  if (!isRecord(counts) || !Object.values(counts).every((n) => typeof n === 'number')) return undefined;
  if (!isStrings(unfittingExamples) || !Array.isArray(warnings) || !warnings.every((w) => isRecord(w) && typeof w.url === 'string' && typeof w.message === 'string' && typeof w.messageEn === 'string')) return undefined;
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

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
