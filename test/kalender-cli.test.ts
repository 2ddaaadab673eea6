import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncOparl } from '../server/src/node/oparl.js';
import { cacheFileFor } from '../server/src/node/cache-store.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { ROOT } from './helpers.js';
import { startOparlServer, type OparlServer } from './oparl-server.js';

/*
 * The meeting calendar end to end: bodies and meetings synced from a real OParl server on
 * 127.0.0.1, then the rules through the built CLI. The calendar itself is in kalender.test.ts.
 */

describe('meetings from a real OParl server', () => {
  let server: OparlServer;
  let system: string;
  const project = mkdtempSync(path.join(tmpdir(), 'ratsfeder-kalender-'));
  const cache = mkdtempSync(path.join(tmpdir(), 'ratsfeder-kalender-cache-'));
  const run = promisify(execFile);
  const ratsfeder = async (args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), ...args], { cwd: project, encoding: 'utf8' });
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout + failed.stderr };
    }
  };
  const oparlMeeting = (id: number, start: string, org: number, extra: Record<string, unknown> = {}) => ({
    id: `${server.base}/oparl/meeting/${id}`,
    type: 'https://schema.oparl.org/1.1/Meeting',
    start,
    organization: [`${server.base}/oparl/org/${org}`],
    ...extra,
  });

  beforeAll(async () => {
    server = await startOparlServer();
    system = `${server.base}/oparl/system`;
    // The project's System URL: its cache is what `check` reads.
    writeFileSync(path.join(project, 'ratsfeder.yaml'), `register:\n  oparl: ${system}\n`);
    server.json('/oparl/system', { id: system, type: 'https://schema.oparl.org/1.1/System', body: `${server.base}/oparl/bodies` });
    server.list('/oparl/bodies', [
      [{ id: `${server.base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${server.base}/oparl/papers`, organization: `${server.base}/oparl/orgs`, meeting: `${server.base}/oparl/meetings` }],
    ]);
    server.list('/oparl/papers', [[]]);
    server.list('/oparl/orgs', [
      [
        { id: `${server.base}/oparl/org/1`, type: 'https://schema.oparl.org/1.1/Organization', name: 'Ratsversammlung' },
        { id: `${server.base}/oparl/org/2`, type: 'https://schema.oparl.org/1.1/Organization', name: 'Fachausschuss Stadtentwicklung und Bau', shortName: 'FA SB' },
        { id: 'kein-url', name: 'Ohne gültige Kennung' },
      ],
    ]);
    server.list('/oparl/meetings', [
      [
        oparlMeeting(1, '2025-06-18T14:00:00+02:00', 1),
        // Across the month end: a meeting on 2 July, deadline 21 days before is 11 June.
        oparlMeeting(2, '2025-07-02T14:00:00+02:00', 1),
      ],
      [
        // Across the start of summer time: 23:30 UTC on 30 March is 31 March in Leipzig.
        oparlMeeting(3, '2025-03-30T23:30:00Z', 2),
        oparlMeeting(4, '2025-06-25T16:00:00+02:00', 2, { cancelled: true }),
        { id: `${server.base}/oparl/meeting/5`, start: 'nicht-ein-datum', organization: [`${server.base}/oparl/org/2`] },
      ],
    ]);
  });
  afterAll(() => server.close());

  it('syncs bodies and meetings into the cache with the papers', async () => {
    const result = await syncOparl({ system, scanner: compileProfile(DEFAULT_PROFILE).scanner });
    expect([...result.cache.organizations!.values()].map((o) => o.name)).toEqual(['Ratsversammlung', 'Fachausschuss Stadtentwicklung und Bau']);
    expect([...result.cache.meetings!.keys()].map((id) => id.replace(/.*\//, ''))).toEqual(['1', '2', '3', '4']);
    expect(result.cache.meetings!.get(`${server.base}/oparl/meeting/4`)?.cancelled).toBe(true);
  });

  it('checks the Beratungsfolge against the calendar and the deadlines', async () => {
    const synced = await ratsfeder(['register', 'sync', '--oparl', system, '--cache', cache]);
    expect(synced.code).toBe(0);
    const draft = (datum: string, folge: string) =>
      `---\nart: Antrag\ntitel: Schattenplätze\neinreicher: Freibeuter-Fraktion\ndatum: ${datum}\nberatungsfolge:\n${folge}---\n\n## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt, Schatten zu schaffen.\n\n## Begründung\n\nHitze.\n`;
    const entry = (gremium: string, sitzung: string) => `  - gremium: ${gremium}\n    sitzung: ${sitzung}\n    rolle: Beschlussfassung\n`;
    const cases: [string, string, string[]][] = [
      // Met: 21 days before 2 July is 11 June, across the month end.
      ['rechtzeitig.md', draft('2025-06-11', entry('Ratsversammlung', '2025-07-02')), []],
      ['verpasst.md', draft('2025-06-12', entry('Ratsversammlung', '2025-07-02')), ['frist-verpasst 8:14']],
      ['kein-sitzungstag.md', draft('2025-05-01', entry('Ratsversammlung', '2025-06-17')), ['sitzung-unbekannt 8:14']],
      ['abgesagt.md', draft('2025-05-01', entry('FA SB', '2025-06-25')), ['sitzung-unbekannt 8:14']],
      // The summer-time night: the meeting is on 31 March, its deadline 21 days before is 10 March.
      ['sommerzeit.md', draft('2025-03-10', entry('FA SB', '2025-03-31')), []],
      ['sommerzeit-verpasst.md', draft('2025-03-11', entry('FA SB', '2025-03-31')), ['frist-verpasst 8:14']],
      ['tippfehler.md', draft('2025-05-01', entry('Ratsversamlung', '2025-06-18')), ['gremium-unbekannt 7:14']],
    ];
    for (const [name, text] of cases) writeFileSync(path.join(project, name), text);
    const checked = await ratsfeder(['check', ...cases.map(([name]) => name), '--cache', cache, '--format', 'json', '--heute', '2025-05-01']);
    const files = JSON.parse(checked.stdout).files as { file: string; findings: { ruleId: string; line: number; column: number }[] }[];
    for (const [name, , expected] of cases) {
      const found = files.find((file) => file.file === name)!.findings.filter((finding) => ['gremium-unbekannt', 'sitzung-unbekannt', 'frist-verpasst'].includes(finding.ruleId));
      expect(found.map((finding) => `${finding.ruleId} ${finding.line}:${finding.column}`), name).toEqual(expected);
    }
    const late = files.find((file) => file.file === 'verpasst.md')!.findings[0] as unknown as { message: string };
    expect(late.message).toContain('endete am 11.06.2025 (21 Tage vorher); das Datum des Dokuments ist der 12.06.2025');
  });

  it('takes the deadlines of ratsfeder.yaml over the profile’s, and rejects bad ones', async () => {
    const own = mkdtempSync(path.join(project, 'fraktion-'));
    writeFileSync(path.join(own, 'verpasst.md'), readFileSync(path.join(project, 'verpasst.md')));
    writeFileSync(path.join(own, 'ratsfeder.yaml'), `register:\n  oparl: ${system}\nfristen:\n  antrag: { tage: 10 }\n`);
    const relaxed = await ratsfeder(['check', path.join(own, 'verpasst.md'), '--cache', cache, '--format', 'json', '--heute', '2025-05-01']);
    expect(JSON.parse(relaxed.stdout).files[0].findings.map((finding: { ruleId: string }) => finding.ruleId)).not.toContain('frist-verpasst');
    writeFileSync(path.join(own, 'ratsfeder.yaml'), 'fristen:\n  Antrag: { tage: 3, zaehlung: wochen }\n');
    const rejected = await ratsfeder(['check', path.join(own, 'verpasst.md'), '--cache', cache]);
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toMatch(/ratsfeder\.yaml:2:/);
    // A type name with a typo would silently keep the profile's deadline: rejected with its line.
    writeFileSync(path.join(own, 'ratsfeder.yaml'), 'fristen:\n  Aenderungsantrag: { tage: 3 }\n  Antraag: { tage: 10 }\n');
    const typo = await ratsfeder(['check', path.join(own, 'verpasst.md'), '--cache', cache]);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toContain('ratsfeder.yaml:3:3');
    expect(typo.stdout).toContain('„fristen“ nennt die Dokumentart „Antraag“, die das Ratsprofil nicht kennt');
    expect(typo.stdout).not.toContain('Aenderungsantrag“, die');
  });

  it('asks only for changed meetings the second time, and applies a deletion', async () => {
    const before = server.requests.length;
    server.list('/oparl/meetings', [[{ id: `${server.base}/oparl/meeting/1`, deleted: true }]]);
    const first = JSON.parse(readFileSync(cacheFileFor(cache, system)!, 'utf8'));
    const synced = await ratsfeder(['register', 'sync', '--oparl', system, '--cache', cache]);
    expect(synced.code).toBe(0);
    expect(server.requests.slice(before).filter((request) => request.startsWith('/oparl/meetings'))[0]).toMatch(/modified_since=/);
    const second = JSON.parse(readFileSync(cacheFileFor(cache, system)!, 'utf8'));
    expect(first.meetings.length - second.meetings.length).toBe(1);
    expect(second.meetings.map((row: string[]) => row[0])).not.toContain(`${server.base}/oparl/meeting/1`);
  });
});
