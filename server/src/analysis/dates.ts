/** A calendar date without time or zone: what `datum:` and `sitzung:` mean. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOOSE_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const GERMAN = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/;

/** Reads `2025-05-14`; `undefined` for anything else, including impossible dates. */
export function parseIsoDate(value: string): CalendarDate | undefined {
  const match = ISO.exec(value.trim());
  if (!match) return undefined;
  return valid(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Reads `2025-5-4`, the ISO order with missing zeros. */
export function parseLooseIsoDate(value: string): CalendarDate | undefined {
  const match = LOOSE_ISO.exec(value.trim());
  if (!match) return undefined;
  return valid(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Reads `14.05.2025` (how people write dates in German text). */
export function parseGermanDate(value: string): CalendarDate | undefined {
  const match = GERMAN.exec(value.trim());
  if (!match) return undefined;
  return valid(Number(match[3]), Number(match[2]), Number(match[1]));
}

export function valid(year: number, month: number, day: number): CalendarDate | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  // Days in the month, by the Gregorian rule (Date.UTC would read years 0–99 as 1900–1999).
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days ? { year, month, day } : undefined;
}

export function isoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function germanDate(date: CalendarDate): string {
  return `${String(date.day).padStart(2, '0')}.${String(date.month).padStart(2, '0')}.${date.year}`;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export const MONTHS_DE = [
  'januar', 'februar', 'märz', 'april', 'mai', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'dezember',
] as const;

/** A `YYYY-MM-DD` string as German text (`18.06.2025`), or the string itself if it is no date. */
export function germanIso(iso: string): string {
  const date = parseIsoDate(iso);
  return date ? germanDate(date) : iso;
}
