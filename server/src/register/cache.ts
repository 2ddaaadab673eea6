import type { Meeting, Organization } from './calendar.js';
import type { OparlCache, RegisterEntry } from './types.js';

const HTTP = /^https?:\/\/[^\s]/i;

/**
 * The OParl cache as text. Papers are arrays `[id, nummer, titel, art, datum, url]`, not
 * objects, and ids and URLs are stored without the prefix they all share (`idPrefix`,
 * `urlPrefix`): a 100,000-paper cache is then less than half the size and loads in about half
 * the time, which is what the editor waits for at start-up.
 */
type Row = [id: string, nummer: string, titel: string, art: string, datum: string, url: string];
type OrganizationRow = [id: string, name: string, shortName: string];
type MeetingRow = [id: string, start: string, organizations: string[], name: string, cancelled: 0 | 1, url: string];

export function serializeCache(cache: OparlCache): string {
  const rows: Row[] = [];
  for (const [id, entry] of cache.papers) rows.push([id, entry.nummer, entry.titel, entry.art ?? '', entry.datum ?? '', entry.url ?? '']);
  // Stored in number order, the register's index is built without real sorting on load.
  const key = (row: Row) => row[1].toUpperCase();
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const idPrefix = commonPrefix(rows.map((row) => row[0]));
  const urlPrefix = commonPrefix(rows.map((row) => row[5]).filter(Boolean));
  for (const row of rows) {
    row[0] = row[0].slice(idPrefix.length);
    if (row[5]) row[5] = row[5].slice(urlPrefix.length);
  }
  // The calendar is small next to the papers: plain arrays, no prefix compression.
  const organizations = [...(cache.organizations?.values() ?? [])].map((o): OrganizationRow => [o.id, o.name, o.shortName ?? '']);
  const meetings = [...(cache.meetings?.values() ?? [])].map((m): MeetingRow => [m.id, m.start, [...m.organizations], m.name ?? '', m.cancelled ? 1 : 0, m.url ?? '']);
  return `${JSON.stringify({ version: cache.version, system: cache.system, syncedAt: cache.syncedAt, idPrefix, urlPrefix, papers: rows, organizations, meetings })}\n`;
}

/** Reads a cache file's text; `undefined` if it is not a cache this version wrote. */
export function parseCache(text: string): OparlCache | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object') return undefined;
  const { version, system, syncedAt, papers, idPrefix = '', urlPrefix = '' } = data as Record<string, unknown>;
  if (version !== 1 || typeof system !== 'string' || typeof syncedAt !== 'string' || !Array.isArray(papers)) return undefined;
  if (typeof idPrefix !== 'string' || typeof urlPrefix !== 'string') return undefined;
  const map = new Map<string, RegisterEntry>();
  for (const row of papers as unknown[]) {
    if (!Array.isArray(row) || row.length !== 6 || !row.every((cell) => typeof cell === 'string')) return undefined;
    const [idSuffix, nummer, titel, art, datum, urlSuffix] = row as Row;
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
    });
  }
  const calendar = parseCalendar((data as Record<string, unknown>).organizations, (data as Record<string, unknown>).meetings);
  if (!calendar) return undefined;
  return { version: 1, system, syncedAt, papers: map, ...calendar };
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
    if (!Array.isArray(row) || row.length !== 3 || !row.every((cell) => typeof cell === 'string')) return undefined;
    const [id, name, shortName] = row as OrganizationRow;
    result.organizations.set(id, { id, name, ...(shortName ? { shortName } : {}) });
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
