import type { Reference } from '../analysis/model.js';
import { validStart, type Meeting, type Organization } from './calendar.js';
import { isHttpUrl, type RegisterEntry } from './types.js';

/**
 * Turning OParl `Paper` objects into register entries. Pure: the network code in
 * `node/oparl.ts` fetches the pages, this file only reads them. Everything here treats its input
 * as untrusted JSON from a foreign server: wrong types are skipped, nothing throws.
 */

/** What this file needs of the profile's reference scanner (`compileProfile(profile).scanner`). */
export interface NumberScanner {
  scan(text: string, from: number, to: number, field: string | undefined, into: Reference[]): void;
}

/** What one page did to the register. */
export interface PageCounts {
  /** Items in the page's `data` array. */
  readonly papers: number;
  /** Papers added or replaced. */
  readonly changed: number;
  /** Entries removed: deleted papers, and papers whose reference is no longer usable. */
  readonly deleted: number;
  /** Items that are not papers with an id and a usable reference. */
  readonly skipped: number;
}

/**
 * A real reference is short; the limit keeps a hostile server from making the scanner's
 * regular expression work through megabytes per paper.
 */
const MAX_REFERENCE_LENGTH = 100;

/**
 * The register entry for an OParl `Paper`, or `undefined` if it has no http(s) id, is
 * deleted, or its `reference` is not exactly one document number the profile knows.
 */
export function paperToEntry(paper: unknown, scanner: NumberScanner): RegisterEntry | undefined {
  if (!isRecord(paper) || paper.deleted === true) return undefined;
  const { id, reference, name, paperType, date, web } = paper;
  // OParl ids are URLs by definition, and `origin` promises one; anything else means the
  // object is not what it claims to be.
  if (!isHttpUrl(id)) return undefined;
  const nummer = canonicalNumber(reference, scanner);
  if (nummer === undefined) return undefined;
  const art = typeof paperType === 'string' ? collapse(paperType) : '';
  const datum = calendarDate(date);
  return {
    nummer,
    titel: typeof name === 'string' ? collapse(name) : '',
    source: 'oparl',
    origin: id,
    ...(art ? { art } : {}),
    ...(datum ? { datum } : {}),
    ...(isHttpUrl(web) ? { url: web } : {}),
  };
}

/**
 * Applies one list page to `papers` (keyed by OParl id): changed papers replace their entry,
 * deleted ones (`deleted: true`) are removed. A paper whose reference became unusable is
 * removed too, because its old entry would name a number the server no longer gives it.
 */
export function applyPage(papers: Map<string, RegisterEntry>, data: unknown[], scanner: NumberScanner): PageCounts {
  let changed = 0;
  let deleted = 0;
  let skipped = 0;
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
    const entry = paperToEntry(item, scanner);
    if (entry) {
      papers.set(id, entry);
      changed++;
    } else {
      skipped++;
      if (papers.delete(id)) deleted++;
    }
  }
  return { papers: data.length, changed, deleted, skipped };
}

/**
 * The canonical number for a paper's `reference`. The whole (trimmed) reference must be one
 * number: taking a number out of a longer text ("Ergänzung zu VIII-A-01234") would file this
 * paper under another paper's number.
 */
function canonicalNumber(reference: unknown, scanner: NumberScanner): string | undefined {
  if (typeof reference !== 'string') return undefined;
  const text = reference.trim();
  if (text === '' || text.length > MAX_REFERENCE_LENGTH) return undefined;
  const found: Reference[] = [];
  scanner.scan(text, 0, text.length, undefined, found);
  const [only] = found;
  if (found.length !== 1 || !only || only.from !== 0 || only.to !== text.length) return undefined;
  return only.canonical;
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

/** Register titles are one line: servers often keep the line breaks of their input forms. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body (`Organization`) an OParl object describes, or `undefined` if it is not usable. */
export function toOrganization(item: unknown): Organization | undefined {
  if (!isRecord(item) || item.deleted === true || !isHttpUrl(item.id)) return undefined;
  const name = typeof item.name === 'string' ? collapse(item.name) : '';
  if (name === '') return undefined;
  const shortName = typeof item.shortName === 'string' ? collapse(item.shortName) : '';
  return { id: item.id, name, ...(shortName && shortName !== name ? { shortName } : {}) };
}

/** The meeting an OParl `Meeting` describes, or `undefined` without an id, a start or a body. */
export function toMeeting(item: unknown): Meeting | undefined {
  if (!isRecord(item) || item.deleted === true || !isHttpUrl(item.id)) return undefined;
  const { start, organization, name, cancelled, web } = item;
  if (typeof start !== 'string' || start.length > 40 || !validStart(start)) return undefined;
  const organizations = Array.isArray(organization) ? organization.filter(isHttpUrl).slice(0, 20) : [];
  if (organizations.length === 0) return undefined;
  return {
    id: item.id,
    start,
    organizations,
    ...(typeof name === 'string' && name.trim() ? { name: collapse(name) } : {}),
    ...(cancelled === true ? { cancelled: true } : {}),
    ...(isHttpUrl(web) ? { url: web } : {}),
  };
}

/**
 * Applies one list page of organizations or meetings to `into` (keyed by OParl id), as
 * `applyPage` does for papers: changed objects replace, deleted or unusable ones are removed.
 */
export function applyObjects<T>(into: Map<string, T>, data: unknown[], read: (item: unknown) => T | undefined): void {
  for (const item of data) {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id === '') continue;
    const value = item.deleted === true ? undefined : read(item);
    if (value === undefined) into.delete(item.id);
    else into.set(item.id, value);
  }
}
