import type { Reference } from '../analysis/model.js';
import { validStart, type Meeting, type Organization, type OrganizationKind } from './calendar.js';
import { isPublicHttpUrl, type PaperConsultation, type PaperDetails, type PaperFile, type RegisterEntry, type RelatedPaper } from './types.js';

/**
 * Turning OParl `Paper`, `Organization` and `Meeting` objects into register entries and
 * calendar data. Pure: the network code in `node/oparl.ts` fetches the pages, this file only
 * reads them. Everything here treats its input as untrusted JSON from a foreign server: wrong
 * types are skipped, nothing throws. Servers write `"N/A"` or `""` for a missing value
 * (CC e-gov ALLRIS); both count as missing everywhere.
 */

/** What this file needs of the profile's reference scanner (`compileProfile(profile).scanner`). */
export interface NumberScanner {
  scan(text: string, from: number, to: number, field: string | undefined, into: Reference[]): void;
}

/** What the mapping needs to know about the system the objects come from. */
export interface OparlContext {
  /**
   * Where a relative web address is resolved: ALLRIS 1.0 writes `"web": "N/Avo020.asp?…"`,
   * the path of the web page relative to the RIS (see `webBase`).
   */
  readonly webBase?: string;
}

/** What one page did to the register. */
export interface PageCounts {
  /** Items in the page's `data` array. */
  readonly papers: number;
  /** Papers added or replaced. */
  readonly changed: number;
  /** Entries removed: deleted papers, and papers that no longer have a reference. */
  readonly deleted: number;
  /** Items that are not papers with an id and a reference. */
  readonly skipped: number;
  /** Papers registered under their reference as written (`asWritten`): not one number of the profile's scheme. */
  readonly unfitting: number;
  /** Up to five such references, as written. */
  readonly unfittingExamples: readonly string[];
  /** Ids of the papers on the page that became entries (changed or not). */
  readonly ids: readonly string[];
}

/**
 * A real reference is short; the limit keeps a hostile server from making the scanner's
 * regular expression work through megabytes per paper, and bounds a reference kept as written.
 */
export const MAX_REFERENCE_LENGTH = 100;
const MAX_TITLE_LENGTH = 1_000;
const MAX_NAME_LENGTH = 300;
/** Per paper: more is a server listing every agenda item of a decade, not a Beratungsfolge. */
const MAX_DETAILS = 50;
const EXAMPLES = 5;

/**
 * The register entry for an OParl `Paper`, or `undefined` if it has no http(s) id, is
 * deleted, or has no reference. A reference that is exactly one document number the profile
 * knows gives the canonical number; any other reference is kept as written (trimmed, spaces
 * collapsed, at most 100 characters) with `asWritten: true`, so that the paper is still found.
 */
export function paperToEntry(paper: unknown, scanner: NumberScanner, context: OparlContext = {}): RegisterEntry | undefined {
  if (!isRecord(paper) || paper.deleted === true) return undefined;
  const { id, reference, name, paperType, date } = paper;
  // OParl ids are URLs by definition, and `origin` promises one; anything else means the
  // object is not what it claims to be.
  if (!isPublicHttpUrl(id)) return undefined;
  const written = referenceText(reference);
  if (written === undefined) return undefined;
  const nummer = canonicalNumber(written, scanner);
  const art = text(paperType, MAX_NAME_LENGTH);
  const datum = calendarDate(date);
  const url = paperUrl(paper, context);
  const details = paperDetails(paper);
  return {
    nummer: nummer ?? written,
    titel: text(name, MAX_TITLE_LENGTH) ?? '',
    source: 'oparl',
    origin: id,
    ...(art ? { art } : {}),
    ...(datum ? { datum } : {}),
    ...(url ? { url } : {}),
    ...(nummer === undefined ? { asWritten: true as const } : {}),
    ...(details ? { details } : {}),
  };
}

/**
 * Applies one list page to `papers` (keyed by OParl id): changed papers replace their entry,
 * deleted ones (`deleted: true`) are removed. A paper that lost its reference is removed too,
 * because its old entry would name a number the server no longer gives it.
 */
export function applyPage(papers: Map<string, RegisterEntry>, data: readonly unknown[], scanner: NumberScanner, context: OparlContext = {}): PageCounts {
  let changed = 0;
  let deleted = 0;
  let skipped = 0;
  let unfitting = 0;
  const unfittingExamples: string[] = [];
  const ids: string[] = [];
  for (const item of data) {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id === '') {
      skipped++;
      continue;
    }
    const id = item.id;
    if (item.deleted === true) {
      if (papers.delete(id)) deleted++;
      continue;
    }
    const entry = paperToEntry(item, scanner, context);
    if (entry) {
      papers.set(id, entry);
      ids.push(id);
      changed++;
      if (entry.asWritten) {
        unfitting++;
        if (unfittingExamples.length < EXAMPLES && !unfittingExamples.includes(entry.nummer)) unfittingExamples.push(entry.nummer);
      }
    } else {
      skipped++;
      if (papers.delete(id)) deleted++;
    }
  }
  return { papers: data.length, changed, deleted, skipped, unfitting, unfittingExamples, ids };
}

/** The reference as written: trimmed, spaces collapsed, control characters gone, bounded. */
function referenceText(reference: unknown): string | undefined {
  const value = typeof reference === 'number' && Number.isFinite(reference) ? String(reference) : reference;
  const written = text(value, MAX_REFERENCE_LENGTH);
  return written === undefined || written === '' ? undefined : written;
}

/**
 * The canonical number for a reference. The whole reference must be one number: taking a
 * number out of a longer text ("Ergänzung zu VIII-A-01234") would file this paper under
 * another paper's number.
 */
function canonicalNumber(text: string, scanner: NumberScanner): string | undefined {
  const found: Reference[] = [];
  scanner.scan(text, 0, text.length, undefined, found);
  const [only] = found;
  if (found.length !== 1 || !only || only.from !== 0 || only.to !== text.length) return undefined;
  return only.canonical;
}

/**
 * The paper's link: its `web` page; without one (Karlsruhe has none) the main file, else the
 * first attachment, so that a hover still leads somewhere.
 */
function paperUrl(paper: Record<string, unknown>, context: OparlContext): string | undefined {
  const web = webUrl(paper.web, context);
  if (web) return web;
  const main = fileObjects(paper.mainFile)[0];
  const mainUrl = main ? fileUrl(main) : undefined;
  if (mainUrl) return mainUrl;
  for (const file of fileObjects(paper.auxiliaryFile)) {
    const url = fileUrl(file);
    if (url) return url;
  }
  return undefined;
}

/**
 * An object's `web` address: an http(s) URL as given; `N/A` followed by a relative address
 * (ALLRIS 1.0) resolved against the system's web base if that gives http(s); else nothing.
 */
export function webUrl(web: unknown, context: OparlContext = {}): string | undefined {
  if (typeof web !== 'string') return undefined;
  const value = web.trim();
  if (isPublicHttpUrl(value as unknown)) return value;
  if (!value.startsWith('N/A') || !context.webBase) return undefined;
  const rest = value.slice(3).trim();
  if (rest === '' || /^[a-z][a-z0-9+.-]*:/i.test(rest)) return isPublicHttpUrl(rest) ? rest : undefined;
  try {
    const url = new URL(rest, context.webBase);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The base a relative `web` address is resolved against: the part of the System URL before
 * its `/oparl/` segment (ALLRIS 1.0 serves `…/bi/oparl/1.0/system.asp` and its pages at
 * `…/bi/vo020.asp`), else the System's host.
 */
export function webBase(system: string): string | undefined {
  let url: URL;
  try {
    url = new URL(system);
  } catch {
    return undefined;
  }
  const cut = url.pathname.toLowerCase().indexOf('/oparl/');
  const path = cut >= 0 ? url.pathname.slice(0, cut + 1) : '/';
  return `${url.origin}${path}`;
}

/** A paper's Beratungsfolge, files, federführendes Amt and related papers; `undefined` when it has none. */
function paperDetails(paper: Record<string, unknown>): PaperDetails | undefined {
  const consultations: PaperConsultation[] = [];
  for (const item of list(paper.consultation)) {
    if (consultations.length >= MAX_DETAILS) break;
    // A consultation given as a URL only names itself; there is nothing to show of it.
    if (!isRecord(item) || item.deleted === true) continue;
    const organizations = urls(item.organization);
    const meeting = isPublicHttpUrl(item.meeting) ? item.meeting : undefined;
    const role = text(item.role, MAX_NAME_LENGTH);
    const authoritative = typeof item.authoritative === 'boolean' ? item.authoritative : undefined;
    if (organizations.length === 0 && !meeting && !role) continue;
    consultations.push({
      organizations,
      ...(meeting ? { meeting } : {}),
      ...(role ? { role } : {}),
      ...(authoritative === undefined ? {} : { authoritative }),
    });
  }
  const files: PaperFile[] = [];
  const seen = new Set<string>();
  for (const [main, value] of [
    [true, paper.mainFile],
    [false, paper.auxiliaryFile],
  ] as const) {
    for (const file of fileObjects(value)) {
      if (files.length >= MAX_DETAILS) break;
      const url = fileUrl(file);
      if (!url || seen.has(url)) continue;
      seen.add(url);
      const name = text(file.name, MAX_NAME_LENGTH) ?? text(file.fileName, MAX_NAME_LENGTH) ?? '';
      files.push({ name, url, ...(main ? { main: true as const } : {}) });
    }
  }
  const underDirectionOf = urls(paper.underDirectionOf);
  const related: RelatedPaper[] = [];
  for (const [relation, value] of [
    ['related', paper.relatedPaper],
    ['superordinated', paper.superordinatedPaper],
    ['subordinated', paper.subordinatedPaper],
  ] as const) {
    for (const id of urls(value)) if (related.length < MAX_DETAILS) related.push({ id, relation });
  }
  if (consultations.length === 0 && files.length === 0 && underDirectionOf.length === 0 && related.length === 0) return undefined;
  return {
    ...(consultations.length > 0 ? { consultations } : {}),
    ...(files.length > 0 ? { files } : {}),
    ...(underDirectionOf.length > 0 ? { underDirectionOf } : {}),
    ...(related.length > 0 ? { related } : {}),
  };
}

/** File objects of `mainFile` / `auxiliaryFile`: an array, or (CC e-gov) a single object. */
function fileObjects(value: unknown): Record<string, unknown>[] {
  return list(value).filter((file): file is Record<string, unknown> => isRecord(file) && file.deleted !== true);
}

function fileUrl(file: Record<string, unknown>): string | undefined {
  for (const url of [file.accessUrl, file.downloadUrl]) if (isPublicHttpUrl(url)) return url.trim();
  return undefined;
}

/** http(s) ids from a list of ids or embedded objects (or one of them), at most `MAX_DETAILS`. */
function urls(value: unknown): string[] {
  const found: string[] = [];
  for (const item of list(value)) {
    const id = isRecord(item) ? item.id : item;
    if (isPublicHttpUrl(id) && !found.includes(id)) found.push(id);
    if (found.length >= MAX_DETAILS) break;
  }
  return found;
}

/** An array as it is; a single value as a list of one; nothing (`null`, absent) as none. */
function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** A text value: one line, control characters gone, bounded; `undefined` for missing, `"N/A"` or blank. */
function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const line = collapse(value);
  if (line === '' || line === 'N/A') return undefined;
  return line.length > max ? line.slice(0, max).trimEnd() : line;
}

/**
 * `YYYY-MM-DD` from an OParl `date`, which servers send as a date or as a date-time. The
 * date part of a date-time is the date in the server's own time zone, which is the one the
 * council means, so it is taken as written rather than converted.
 */
function calendarDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value.trim());
  if (!match) return undefined;
  const [, year = '', month = '', day = ''] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return `${year}-${month}-${day}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Control characters (C0 without the spaces \s covers, DEL, C1) that servers leave in texts.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/** Register titles are one line: servers often keep the line breaks of their input forms. */
function collapse(value: string): string {
  return value.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What kind of organization an OParl `Organization` is. `organizationType` says it first,
 * `classification` second (SD.NET: type "Gremium", classification "Gremien" or
 * "Ortsvorsteher"; ALLRIS: "Hauptorgan" / "Stadtrat"; SessionNet: only a classification such
 * as "Beschließender Ausschuss", often nothing). Without either, the id tells where the
 * vendor files it: SessionNet `…/organizations/gr/…` and `…/at/…`, ALLRIS `…?typ=gr&…`.
 * `undefined` when nothing says; the calendar then treats it as a gremium.
 */
export function organizationKind(item: Record<string, unknown>): OrganizationKind | undefined {
  for (const value of [item.organizationType, item.classification]) {
    const kind = typeof value === 'string' ? kindOfWord(value) : undefined;
    if (kind) return kind;
  }
  const id = typeof item.id === 'string' ? item.id : '';
  const code = /\/organizations?\/([a-z]{2})\/|[?&]typ=([a-z]{2})(?:&|$)/i.exec(id);
  switch ((code?.[1] ?? code?.[2] ?? '').toLowerCase()) {
    case 'gr':
      return 'gremium';
    case 'at':
      return 'verwaltung';
    case 'fr':
      return 'fraktion';
    default:
      return undefined;
  }
}

const FRAKTION = /fraktion|ratsgruppe|gruppe im rat/;
/** Words only a council body carries, even beside an administrative one ("Verwaltungsausschuss"). */
const GREMIUM = /ausschu|gremi|kommission|beirat|versammlung|vertretung|kreistag|bürgerschaft|kuratorium/;
const VERWALTUNG = /verwaltung|(^|[^a-zäöüß])(amt|ämter|dezernat|referat|dienststelle|abteilung|fachbereich|stabsstelle|geschäftsbereich|eigenbetrieb|magistrat)|amt$/;
/** "…rat" as a word's end (Stadtrat, Ortschaftsrat, Beirat) and the OParl examples' organs. */
const RAT = /rat($|[^a-zäöüß])|rat(e?s)?$|organ|ortsvorste|konferenz|präsidium/;
const SONSTIGE = /partei|sonstig|verein|stiftung|gesellschaft|unternehmen|extern/;

function kindOfWord(value: string): OrganizationKind | undefined {
  const word = collapse(value).toLowerCase();
  if (word === '' || word === 'n/a') return undefined;
  // In this order: "Verwaltungsausschuss" is a gremium, "Referat" an office although it ends
  // in "rat", "Stadtrat" a gremium.
  if (FRAKTION.test(word)) return 'fraktion';
  if (GREMIUM.test(word)) return 'gremium';
  if (VERWALTUNG.test(word)) return 'verwaltung';
  if (RAT.test(word)) return 'gremium';
  if (SONSTIGE.test(word)) return 'sonstige';
  return undefined;
}

/** The body (`Organization`) an OParl object describes, or `undefined` if it is not usable. */
export function toOrganization(item: unknown): Organization | undefined {
  if (!isRecord(item) || item.deleted === true || !isPublicHttpUrl(item.id)) return undefined;
  const name = text(item.name, MAX_NAME_LENGTH) ?? '';
  if (name === '') return undefined;
  const shortName = text(item.shortName, MAX_NAME_LENGTH) ?? '';
  const kind = organizationKind(item);
  return { id: item.id, name, ...(shortName && shortName !== name ? { shortName } : {}), ...(kind ? { kind } : {}) };
}

/** The meeting an OParl `Meeting` describes, or `undefined` without an id, a start or a body. */
export function toMeeting(item: unknown, context: OparlContext = {}): Meeting | undefined {
  if (!isRecord(item) || item.deleted === true || !isPublicHttpUrl(item.id)) return undefined;
  const { start, organization, name, cancelled, web } = item;
  if (typeof start !== 'string' || start.length > 40 || !validStart(start)) return undefined;
  const organizations = urls(organization).slice(0, 20);
  if (organizations.length === 0) return undefined;
  const title = text(name, MAX_NAME_LENGTH);
  const url = webUrl(web, context);
  return {
    id: item.id,
    start,
    organizations,
    ...(title ? { name: title } : {}),
    ...(cancelled === true ? { cancelled: true } : {}),
    ...(url ? { url } : {}),
  };
}

/**
 * Applies one list page of organizations or meetings to `into` (keyed by OParl id), as
 * `applyPage` does for papers: changed objects replace, deleted or unusable ones are removed.
 * Returns the ids of the objects it kept.
 */
export function applyObjects<T>(into: Map<string, T>, data: readonly unknown[], read: (item: unknown) => T | undefined): string[] {
  const ids: string[] = [];
  for (const item of data) {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id === '') continue;
    const value = item.deleted === true ? undefined : read(item);
    if (value === undefined) into.delete(item.id);
    else {
      into.set(item.id, value);
      ids.push(item.id);
    }
  }
  return ids;
}

/**
 * About what an entry, meeting or organization costs to keep: the characters of its texts and
 * addresses, and 16 for each value and object. An upper bound of what it adds to the cache file,
 * which leaves out the prefixes its addresses share; the sync adds it up against its limit.
 */
export function keptSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 16;
  if (Array.isArray(value)) {
    let size = 16;
    for (const item of value) size += keptSize(item);
    return size;
  }
  if (isRecord(value)) {
    let size = 16;
    for (const key in value) size += 16 + keptSize(value[key]);
    return size;
  }
  return 16;
}
