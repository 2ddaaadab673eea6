import { closest, distance } from 'fastest-levenshtein';
import { parseIsoDate } from '../analysis/dates.js';
import { fold } from '../base/fold.js';

/**
 * The council's meeting calendar from OParl: bodies (`Organization`) and their meetings
 * (`Meeting`), for checking a draft's `beratungsfolge` and its submission deadlines. Pure:
 * `register/oparl.ts` reads the objects, `node/oparl.ts` fetches them.
 */

export interface Organization {
  /** The OParl id (an http(s) URL). */
  readonly id: string;
  readonly name: string;
  readonly shortName?: string;
  /**
   * What kind of organization it is, from OParl's `organizationType` and `classification`:
   * only a `gremium` is offered as the `gremium` of a Beratungsfolge; a faction, an office or
   * a party never is. Missing in caches from before it: then treated as a `gremium`.
   */
  readonly kind?: OrganizationKind;
}

export type OrganizationKind = 'gremium' | 'fraktion' | 'verwaltung' | 'sonstige';

export interface Meeting {
  readonly id: string;
  /** ISO 8601 date-time with offset, as OParl gives `start`. */
  readonly start: string;
  /** Ids of the organizations that meet. */
  readonly organizations: readonly string[];
  readonly name?: string;
  readonly cancelled?: boolean;
  /** The meeting's web page (http(s) only). */
  readonly url?: string;
}

/** A meeting as a draft refers to it: a body and a calendar day in the council's time zone. */
export interface MeetingDay {
  readonly gremium: string;
  /** `YYYY-MM-DD` in the council's time zone. */
  readonly datum: string;
  readonly start: string;
  readonly name?: string;
  readonly url?: string;
}

/** How a type's submission deadline is counted (profile data, overridable in ratsfeder.yaml). */
export interface DeadlineRule {
  /** Days before the meeting by which the draft must be submitted. */
  readonly tage: number;
  /** `kalendertage` (the default): every day counts; `werktage`: Monday to Friday only. */
  readonly zaehlung?: 'kalendertage' | 'werktage';
}

/** What rules and editor features ask of the calendar. */
export interface CalendarLookup {
  /** How many bodies the calendar knows; 0 before a sync brought any. */
  readonly size: number;
  /** The body's canonical name if the calendar knows it (by name or short name, case and umlauts folded). */
  organization(name: string): string | undefined;
  /** The known body names closest to `name`, best first. */
  nearestOrganizations(name: string, limit: number): string[];
  /** The body's meeting on that day (not cancelled), if any. */
  meetingOn(gremium: string, datum: string): MeetingDay | undefined;
  /** The body's meetings closest in time to `datum`, nearest first. */
  nearestMeetings(gremium: string, datum: string, limit: number): MeetingDay[];
  /** The body's meetings on or after `datum`, earliest first. */
  upcoming(gremium: string, datum: string, limit: number): MeetingDay[];
}

export class Calendar implements CalendarLookup {
  private readonly names = new Map<string, string>();
  private readonly days = new Map<string, MeetingDay[]>();

  constructor(organizations: Iterable<Organization>, meetings: Iterable<Meeting>, timeZone: string) {
    const byId = new Map<string, string>();
    for (const organization of organizations) {
      // Factions, offices and parties do not deliberate papers: never a Beratungsfolge's gremium.
      if (organization.kind !== undefined && organization.kind !== 'gremium') continue;
      byId.set(organization.id, organization.name);
      this.names.set(key(organization.name), organization.name);
      if (organization.shortName) this.names.set(key(organization.shortName), organization.name);
    }
    // Made for the first meeting with a time: a time zone's format loads ICU's zone data, which
    // a project without a synced calendar (most exports and checks) need not wait for.
    let format: Intl.DateTimeFormat | undefined;
    const formatOf = () => (format ??= dayFormat(timeZone));
    for (const meeting of meetings) {
      if (meeting.cancelled) continue;
      const datum = localDay(meeting.start, formatOf);
      if (!datum) continue;
      for (const id of meeting.organizations) {
        const gremium = byId.get(id);
        if (!gremium) continue;
        const list = this.days.get(gremium) ?? [];
        list.push({ gremium, datum, start: meeting.start, ...(meeting.name ? { name: meeting.name } : {}), ...(meeting.url ? { url: meeting.url } : {}) });
        this.days.set(gremium, list);
      }
    }
    // By day, then by the instant: start strings with different offsets do not sort as text.
    for (const list of this.days.values()) list.sort((a, b) => (a.datum < b.datum ? -1 : a.datum > b.datum ? 1 : Date.parse(a.start) - Date.parse(b.start)));
  }

  get size(): number {
    return this.names.size;
  }

  organization(name: string): string | undefined {
    return this.names.get(key(name));
  }

  nearestOrganizations(name: string, limit: number): string[] {
    const wanted = key(name);
    const scored: { candidate: string; score: number }[] = [];
    for (const [candidate, keys] of this.aliases()) {
      let score = Infinity;
      for (const alias of keys) score = Math.min(score, distance(wanted, alias));
      scored.push({ candidate, score });
    }
    return scored
      .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate, 'de'))
      .slice(0, limit)
      .map(({ candidate }) => candidate);
  }

  meetingOn(gremium: string, datum: string): MeetingDay | undefined {
    return this.days.get(gremium)?.find((day) => day.datum === datum);
  }

  nearestMeetings(gremium: string, datum: string, limit: number): MeetingDay[] {
    const target = dayNumber(datum);
    return [...(this.days.get(gremium) ?? [])].sort((a, b) => Math.abs(dayNumber(a.datum) - target) - Math.abs(dayNumber(b.datum) - target) || (a.datum < b.datum ? -1 : 1)).slice(0, limit);
  }

  upcoming(gremium: string, datum: string, limit: number): MeetingDay[] {
    return (this.days.get(gremium) ?? []).filter((day) => day.datum >= datum).slice(0, limit);
  }

  private byName: Map<string, string[]> | undefined;

  /** Each body's name with the folded names it goes by (name and short name), built once. */
  private aliases(): Map<string, string[]> {
    if (!this.byName) {
      this.byName = new Map();
      for (const [folded, name] of this.names) {
        const list = this.byName.get(name) ?? [];
        list.push(folded);
        this.byName.set(name, list);
      }
    }
    return this.byName;
  }
}

/** Names compare folded: case, umlauts and spacing do not matter. */
function key(name: string): string {
  return fold(name).trim().replace(/\s+/g, ' ');
}

/** The closest string to `value` among `candidates`, for a single suggestion. */
export function closestName(value: string, candidates: readonly string[]): string | undefined {
  return candidates.length > 0 ? closest(value, [...candidates]) : undefined;
}

/**
 * The last day a draft may be submitted for a meeting on `meeting` (`YYYY-MM-DD`): `tage`
 * calendar days before it, or `tage` working days (Monday to Friday) before it. Pure date
 * arithmetic on calendar days, so month ends and daylight-saving changes cannot shift it.
 */
export function deadline(meeting: string, rule: DeadlineRule): string {
  let day = dayNumber(meeting);
  if (rule.zaehlung !== 'werktage') return dayString(day - rule.tage);
  let left = rule.tage;
  while (left > 0) {
    day--;
    const weekday = new Date(day * 86_400_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return dayString(day);
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date (UTC arithmetic: no time zone involved). */
export function dayNumber(datum: string): number {
  const [year, month, day] = datum.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    // An unknown zone name in a profile: the date as written in `start`.
    return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  }
}

/** A start as OParl gives it: a date, or a date-time with its offset (without one, the hour would depend on this machine). */
const START = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** Whether `start` is a real day, or a real instant with an offset. */
export function validStart(start: string): boolean {
  const match = START.exec(start);
  return match !== null && parseIsoDate(match[1]!) !== undefined && !Number.isNaN(Date.parse(start));
}

/** The calendar day of an instant in the council's time zone: 23:30 UTC may already be tomorrow in Leipzig. */
function localDay(start: string, format: () => Intl.DateTimeFormat): string | undefined {
  if (!validStart(start)) return undefined;
  // A date without a time is a day as it stands.
  if (start.length === 10) return start;
  const parts = Object.fromEntries(format().formatToParts(Date.parse(start)).map((part) => [part.type, part.value]));
  const day = `${String(parts.year).padStart(4, '0')}-${parts.month}-${parts.day}`;
  return parseIsoDate(day) ? day : undefined;
}
