import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateGremien, withMeetings } from '../server/src/drafts/new-draft.js';
import { nextOpenMeeting } from '../server/src/service/sitzung.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { parseCache, serializeCache } from '../server/src/register/cache.js';
import { Calendar, deadline, type Meeting, type Organization } from '../server/src/register/calendar.js';
import { toMeeting } from '../server/src/register/oparl.js';
import { yamlScalar } from '../server/src/rules/util.js';
import { applyEdits, ROOT } from './helpers.js';
import { checkText } from '../server/src/service/check.js';
import { createService } from '../server/src/service/service.js';

/*
 * The meeting calendar: bodies and meetings from OParl, calendar days in the council's time
 * zone, submission deadlines counted in days. The rules through the CLI against a real OParl
 * server on 127.0.0.1 are in kalender-cli.test.ts.
 */
const ORG = (n: number) => `https://oparl.example/org/${n}`;
const organizations: Organization[] = [
  { id: ORG(1), name: 'Ratsversammlung' },
  { id: ORG(2), name: 'Fachausschuss Stadtentwicklung und Bau', shortName: 'FA SB' },
];
const meeting = (id: number, start: string, org: number, extra: Partial<Meeting> = {}): Meeting => ({ id: `https://oparl.example/meeting/${id}`, start, organizations: [ORG(org)], ...extra });

describe('deadlines', () => {
  it('count calendar days back across a month end and a leap day', () => {
    expect(deadline('2025-06-18', { tage: 21, zaehlung: 'kalendertage' })).toBe('2025-05-28');
    expect(deadline('2025-03-05', { tage: 7, zaehlung: 'kalendertage' })).toBe('2025-02-26');
    expect(deadline('2024-03-05', { tage: 7, zaehlung: 'kalendertage' })).toBe('2024-02-27');
    expect(deadline('2026-01-02', { tage: 3, zaehlung: 'kalendertage' })).toBe('2025-12-30');
  });

  it('count working days back over weekends', () => {
    // Wednesday 18 June 2025: two working days before is Monday 16 June.
    expect(deadline('2025-06-18', { tage: 2, zaehlung: 'werktage' })).toBe('2025-06-16');
    // Monday 3 March 2025: one working day before is Friday 28 February (month end).
    expect(deadline('2025-03-03', { tage: 1, zaehlung: 'werktage' })).toBe('2025-02-28');
    expect(deadline('2025-03-03', { tage: 0, zaehlung: 'werktage' })).toBe('2025-03-03');
  });

  it('do not move when summer time begins or ends between deadline and meeting', () => {
    // Summer time began on 30 March 2025 and ended on 26 October 2025 in Germany.
    expect(deadline('2025-04-02', { tage: 7, zaehlung: 'kalendertage' })).toBe('2025-03-26');
    expect(deadline('2025-10-29', { tage: 7, zaehlung: 'kalendertage' })).toBe('2025-10-22');
  });
});

describe('the calendar', () => {
  const calendar = new Calendar(
    organizations,
    [
      meeting(1, '2025-06-18T14:00:00+02:00', 1),
      // 23:30 UTC on 30 March is 01:30 on 31 March in Leipzig (summer time since that night).
      meeting(2, '2025-03-30T23:30:00Z', 2),
      // 22:30 UTC on 31 October is still 31 October in Leipzig (winter time again).
      meeting(3, '2025-10-31T22:30:00Z', 2),
      meeting(4, '2025-06-25T16:00:00+02:00', 2, { cancelled: true }),
      meeting(5, '2025-07-09T14:00:00+02:00', 1),
    ],
    'Europe/Berlin',
  );

  it('finds bodies by name or short name, without case or umlauts mattering', () => {
    expect(calendar.organization('ratsversammlung')).toBe('Ratsversammlung');
    expect(calendar.organization('  FA  SB ')).toBe('Fachausschuss Stadtentwicklung und Bau');
    expect(calendar.organization('Stadtrat')).toBeUndefined();
    expect(calendar.nearestOrganizations('Ratsversamlung', 1)).toEqual(['Ratsversammlung']);
  });

  it('never offers a faction, an office or a party as a body of the Beratungsfolge', () => {
    const mixed = new Calendar(
      [
        ...organizations,
        { id: 'https://oparl.example/org/f', name: 'Fraktion Bündnis 90/Die Grünen', kind: 'fraktion' },
        { id: 'https://oparl.example/org/a', name: 'Amt für Umweltschutz', kind: 'verwaltung' },
        { id: 'https://oparl.example/org/r', name: 'Ratsversammlung Jugend', kind: 'gremium' },
      ],
      [meeting(9, '2025-06-18T14:00:00+02:00', 1, { organizations: ['https://oparl.example/org/f'] })],
      'Europe/Berlin',
    );
    expect(mixed.organization('Fraktion Bündnis 90/Die Grünen')).toBeUndefined();
    expect(mixed.organization('Ratsversammlung Jugend')).toBe('Ratsversammlung Jugend');
    expect(mixed.nearestOrganizations('Fraktion Grüne', 10)).not.toContain('Fraktion Bündnis 90/Die Grünen');
    expect(mixed.nearestOrganizations('Amt für Umwelt', 10)).not.toContain('Amt für Umweltschutz');
    expect(mixed.upcoming('Fraktion Bündnis 90/Die Grünen', '2025-01-01', 5)).toEqual([]);
  });

  it('puts a meeting on its calendar day in the council’s time zone', () => {
    expect(calendar.meetingOn('Fachausschuss Stadtentwicklung und Bau', '2025-03-31')?.start).toBe('2025-03-30T23:30:00Z');
    expect(calendar.meetingOn('Fachausschuss Stadtentwicklung und Bau', '2025-03-30')).toBeUndefined();
    expect(calendar.meetingOn('Fachausschuss Stadtentwicklung und Bau', '2025-10-31')).toBeDefined();
    expect(calendar.meetingOn('Fachausschuss Stadtentwicklung und Bau', '2025-06-25')).toBeUndefined(); // cancelled
  });

  it('lists the nearest and the next meetings', () => {
    expect(calendar.nearestMeetings('Ratsversammlung', '2025-06-17', 2).map((day) => day.datum)).toEqual(['2025-06-18', '2025-07-09']);
    expect(calendar.upcoming('Ratsversammlung', '2025-06-19', 5).map((day) => day.datum)).toEqual(['2025-07-09']);
  });

  it('survives the cache file, and an older cache without a calendar still loads', () => {
    const cache = { version: 1 as const, system: 'https://oparl.example/system', syncedAt: '2025-05-01T00:00:00.000Z', papers: new Map(), organizations: new Map(organizations.map((o) => [o.id, o])), meetings: new Map([[meeting(1, '2025-06-18T14:00:00+02:00', 1).id, meeting(1, '2025-06-18T14:00:00+02:00', 1, { name: 'RV', url: 'https://oparl.example/web/1' })]]) };
    const back = parseCache(serializeCache(cache))!;
    expect([...back.organizations!.values()]).toEqual(organizations);
    expect([...back.meetings!.values()]).toEqual([...cache.meetings.values()]);
    // An id with a blank in it (a URL may carry one) keeps its meeting's body after a restart.
    const spaced = { ...cache, organizations: new Map([['https://oparl.example/org/ a', { id: 'https://oparl.example/org/ a', name: 'Beirat' }]]), meetings: new Map([['https://oparl.example/meeting/7', meeting(7, '2025-06-18', 1, { organizations: ['https://oparl.example/org/ a'] })]]) };
    expect([...parseCache(serializeCache(spaced))!.meetings!.values()][0]!.organizations).toEqual(['https://oparl.example/org/ a']);
    const old = parseCache(JSON.stringify({ version: 1, system: cache.system, syncedAt: cache.syncedAt, papers: [] }))!;
    expect(old.meetings).toBeUndefined();
    expect(parseCache(JSON.stringify({ version: 1, system: cache.system, syncedAt: cache.syncedAt, papers: [], organizations: 'kaputt', meetings: [] }))).toBeUndefined();
  });
});

describe('completion of sitzung', () => {
  const calendar = new Calendar(
    organizations,
    [meeting(1, '2025-06-18T14:00:00+02:00', 1), meeting(2, '2025-07-09T14:00:00+02:00', 1), meeting(3, '2025-05-21T14:00:00+02:00', 1), meeting(4, '2025-06-10T16:30:00+02:00', 2)],
    'Europe/Berlin',
  );
  const text = '---\nart: Antrag\ntitel: T\neinreicher: F\nberatungsfolge:\n  - gremium: FA SB\n    sitzung: 2025-06-10\n  - gremium: Ratsversammlung\n    sitzung: 2025-0\n---\n\n## Beschlussvorschlag\n\nText.\n';

  it('offers the body’s next meetings with their deadlines, replacing what was typed', () => {
    const service = createService();
    const items = service.completions({ uri: 'file:///antrag.md', version: 1, text }, { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: '2025-05-25', host: { calendar }, configProblems: [] }, { line: 8, character: 19 });
    // The past meeting of 21 May is not offered; the deadline of 18 June (28 May) is still ahead,
    // so is that of 9 July; the FA SB meeting belongs to the other entry.
    expect(items.map((item) => [item.label, item.labelDetails?.description])).toEqual([
      ['2025-06-18', 'Mi. 18.06.2025 · Frist 28.05.2025'],
      ['2025-07-09', 'Mi. 09.07.2025 · Frist 18.06.2025'],
    ]);
    expect(items[0]!.textEdit).toEqual({ range: { start: { line: 8, character: 13 }, end: { line: 8, character: 19 } }, newText: '2025-06-18' });
  });

  it('marks a deadline as missed by the draft’s date, as the rule does', () => {
    const service = createService();
    const dated = text.replace('einreicher: F\n', 'einreicher: F\ndatum: 2025-06-10\n');
    const items = service.completions({ uri: 'file:///datiert.md', version: 1, text: dated }, { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: '2025-05-25', host: { calendar }, configProblems: [] }, { line: 9, character: 19 });
    expect(items.map((item) => item.labelDetails?.description)).toEqual(['Mi. 18.06.2025 · Frist 28.05.2025 (verpasst)', 'Mi. 09.07.2025 · Frist 18.06.2025']);
  });

  it('offers nothing for a top-level sitzung key', () => {
    const service = createService();
    const stray = '---\nart: Antrag\ntitel: T\nberatungsfolge:\n  - gremium: Ratsversammlung\n    sitzung: 2025-06-18\nsitzung: 2025-0\n---\n';
    expect(service.completions({ uri: 'file:///stray.md', version: 1, text: stray }, { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: '2025-05-25', host: { calendar }, configProblems: [] }, { line: 6, character: 15 }).map((item) => item.label)).not.toContain('2025-06-18');
  });

  it('marks a meeting whose deadline has passed', () => {
    const service = createService();
    const items = service.completions({ uri: 'file:///antrag.md', version: 1, text }, { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: '2025-06-01', host: { calendar }, configProblems: [] }, { line: 8, character: 19 });
    expect(items.map((item) => item.labelDetails?.description)).toEqual(['Mi. 18.06.2025 · Frist 28.05.2025 (verpasst)', 'Mi. 09.07.2025 · Frist 18.06.2025']);
  });
});

describe('hostile calendar data', () => {
  it('keeps only real days and instants with an offset', () => {
    const start = (value: unknown) => toMeeting({ id: 'https://oparl.example/meeting/9', start: value, organization: [ORG(1)] })?.start;
    expect(start('2025-06-18')).toBe('2025-06-18');
    expect(start('2025-06-18T14:00:00+02:00')).toBe('2025-06-18T14:00:00+02:00');
    expect(start('2025-06-18T12:00:00Z')).toBe('2025-06-18T12:00:00Z');
    for (const bad of ['2025-02-30', '2025-06-18T14:00:00', '2025-02-29', 'morgen', 20250618, '2025-13-01T10:00:00Z']) expect(start(bad), String(bad)).toBeUndefined();
  });

  it('never crashes a rule or completion on an odd day, and quotes a body name for YAML', () => {
    const odd = { id: ORG(3), name: 'Fachausschuss Finanzen: Haushalt # Steuern' };
    const calendar = new Calendar([...organizations, odd], [meeting(1, '2025-06-18T14:00:00+02:00', 3), { id: 'https://oparl.example/meeting/2', start: '2025-02-30', organizations: [ORG(3)] }], 'Europe/Berlin');
    const text = '---\nart: Antrag\ntitel: T\neinreicher: F\nberatungsfolge:\n  - gremium: Fachausschuss Finanzen Haushalt Steuern\n    sitzung: 0000-02-29\n---\n\n## Beschlussvorschlag\n\nText.\n\n## Begründung\n\nText.\n';
    const checked = checkText(text, { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: '2025-05-01', host: { calendar } });
    expect(checked.failures).toEqual([]);
    const unknown = checked.findings.find((finding) => finding.ruleId === 'gremium-unbekannt')!;
    expect(unknown.fixes[0]!.edits[0]!.text).toBe(JSON.stringify(odd.name));
    const fixed = checkText(applyEdits(text, unknown.fixes[0]!.edits), { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: '2025-05-01', host: { calendar } });
    expect(fixed.failures).toEqual([]);
    expect(fixed.findings.map((finding) => finding.ruleId)).not.toContain('frontmatter-syntax');
    expect(fixed.findings.map((finding) => finding.ruleId)).not.toContain('gremium-unbekannt');
    expect(yamlScalar('Ratsversammlung')).toBe('Ratsversammlung');
    expect(yamlScalar('* Stern')).toBe('"* Stern"');
  });
});

describe('a new draft’s Beratungsfolge', () => {
  const calendar = new Calendar(
    organizations,
    [meeting(1, '2025-06-18T14:00:00+02:00', 1), meeting(2, '2025-07-09T14:00:00+02:00', 1), meeting(3, '2025-06-25T16:00:00+02:00', 2, { cancelled: true })],
    'Europe/Berlin',
  );
  const frist = { tage: 21, zaehlung: 'kalendertage' } as const;

  it('gets the next meeting whose submission deadline has not passed', () => {
    // 18 June's deadline is 28 May: on 27 May it is still open, on 29 May the next one is.
    expect(nextOpenMeeting(calendar, 'Ratsversammlung', '2025-05-27', frist)).toBe('2025-06-18');
    expect(nextOpenMeeting(calendar, 'Ratsversammlung', '2025-05-28', frist)).toBe('2025-06-18');
    expect(nextOpenMeeting(calendar, 'Ratsversammlung', '2025-05-29', frist)).toBe('2025-07-09');
    // Without a deadline for the type, the next meeting from today on.
    expect(nextOpenMeeting(calendar, 'ratsversammlung', '2025-06-18', undefined)).toBe('2025-06-18');
    // No meeting left, a cancelled one only, an unknown body, no calendar: none.
    expect(nextOpenMeeting(calendar, 'Ratsversammlung', '2025-06-19', frist)).toBeUndefined();
    expect(nextOpenMeeting(calendar, 'FA SB', '2025-06-01', undefined)).toBeUndefined();
    expect(nextOpenMeeting(calendar, 'Stadtbezirksbeirat Mitte', '2025-06-01', frist)).toBeUndefined();
    expect(nextOpenMeeting(undefined, 'Ratsversammlung', '2025-06-01', frist)).toBeUndefined();
  });

  it('takes that date into the template, or leaves the line out', () => {
    const template = readFileSync(path.join(ROOT, 'templates', 'antrag.md'), 'utf8');
    expect(templateGremien(template)).toEqual(['Ratsversammlung']);
    const dated = withMeetings(template, (gremium) => nextOpenMeeting(calendar, gremium, '2025-05-20', frist));
    expect(dated).toMatch(/^ {2}- gremium: Ratsversammlung\n {4}sitzung: 2025-06-18\n {4}rolle: Beschlussfassung$/m);
    const undated = withMeetings(template, () => undefined);
    expect(undated).not.toMatch(/sitzung:/);
    expect(undated).toMatch(/^ {2}- gremium: Ratsversammlung\n {4}rolle: Beschlussfassung$/m);
    // Nothing else changes.
    expect(undated.split('\n').length).toBe(template.split('\n').length - 1);
  });
});
