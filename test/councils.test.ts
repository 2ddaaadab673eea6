import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncOparl, type SyncResult } from '../server/src/node/oparl.js';
import { syncText } from '../server/src/node/sync-messages.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { BUILTIN_PROFILES } from '../server/src/profile/load.js';
import { RegisterIndex } from '../server/src/register/index.js';
import { ratsfederAsync } from './helpers.js';
import { loadFixture, startCouncil, type CouncilOptions, type CouncilServer, type Fixture } from './councils/server.js';

/*
 * The register on what real councils send: each council of shared/data/oparl-real served from
 * its real responses (test/councils/*.json.br) by a loopback server with its vendor's
 * behaviour switched on, synced by the real sync and the real CLI.
 */


interface Council {
  readonly id: 'karlsruhe' | 'huertgenwald' | 'leipzig' | 'augsburg';
  readonly options: CouncilOptions;
}

const COUNCILS: readonly Council[] = [
  // Karlsruhe's 14,004 papers in pages of 100: the same vendor behaviour in fewer requests.
  { id: 'karlsruhe', options: { pageSize: 100 } },
  { id: 'huertgenwald', options: { pageSize: 25 } },
  { id: 'leipzig', options: { pageSize: 15, flakyEvery: 4 } },
  { id: 'augsburg', options: { pageSize: 20, flakyEvery: 2 } },
];

const profileOf = (id: string) => BUILTIN_PROFILES[id]!;
const scannerOf = (id: string) => compileProfile(profileOf(id)).scanner;

/** The papers a register must hold: every paper with a reference, deleted ones left out. */
function expectedPapers(papers: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return papers.filter((paper) => paper.deleted !== true && typeof paper.reference === 'string' && paper.reference.trim() !== '');
}

const sync = (server: CouncilServer, id: string, previous?: SyncResult, now?: Date) =>
  syncOparl({ system: server.system, scanner: scannerOf(id), retryDelayMs: 1, ...(previous ? { previous: previous.cache } : {}), ...(now ? { now: () => now } : {}) });

describe.each(COUNCILS)('$id, from its real OParl responses', ({ id, options }) => {
  let fixture: Fixture;
  let server: CouncilServer;
  let first: SyncResult;

  beforeAll(async () => {
    fixture = loadFixture(id);
    server = await startCouncil(fixture, options);
    first = await sync(server, id);
  });
  afterAll(() => server?.close());

  it('registers every paper that has a reference, each under a number of its profile', () => {
    const papers = expectedPapers(server.papers());
    expect(first.mode).toBe('full');
    expect(first.cache.papers.size).toBe(papers.length);
    // Every real reference fits the council's number scheme: none had to be kept as written.
    expect(first.unfitting).toBe(0);
    expect(first.unfittingExamples).toEqual([]);
    for (const paper of papers) expect(first.cache.papers.get(String(paper.id))?.nummer, String(paper.reference)).toBe(String(paper.reference).trim());
  });

  it('finds real papers by their number and by words of their title', () => {
    const register = new RegisterIndex(first.cache.papers.values(), true);
    const papers = expectedPapers(server.papers());
    const sample = papers.filter((_, index) => index % Math.max(1, Math.floor(papers.length / 25)) === 0);
    for (const paper of sample) {
      const nummer = String(paper.reference).trim();
      expect(register.get(nummer)?.titel).toBe(String(paper.name).replace(/\s+/g, ' ').trim());
      const words = String(paper.name).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 5).slice(0, 2);
      if (words.length === 0) continue;
      const found = register.search(words.join(' '), 500).map((entry) => entry.nummer);
      expect(found, `${words.join(' ')} → ${nummer}`).toContain(register.get(nummer)?.nummer);
    }
  });

  it('keeps the calendar its server sends', () => {
    const lists = Object.entries(fixture.lists);
    const meetings = lists.find(([url]) => /meeting/i.test(url))?.[1] ?? [];
    const organizations = lists.find(([url]) => /organization/i.test(url))?.[1] ?? [];
    expect(first.calendarProblems).toEqual([]);
    expect(first.cache.organizations?.size).toBe(organizations.filter((o) => o.deleted !== true && typeof o.name === 'string' && o.name !== '').length);
    expect(first.cache.meetings?.size ?? 0).toBeLessThanOrEqual(meetings.length);
    if (meetings.some((meeting) => typeof meeting.start === 'string')) expect(first.cache.meetings?.size).toBeGreaterThan(0);
  });

  it('has every change after a second sync: a rename, a deletion, a new paper stamped two minutes before the client’s clock', async () => {
    const papers = expectedPapers(server.papers());
    const renamed = papers[0]!;
    // Augsburg's data holds one paper: it is renamed, and the new one is deleted in a third sync.
    const deleted = papers.length > 1 ? papers[papers.length - 1]! : undefined;
    const clock = new Date(Date.parse(first.cache.syncedAt) + 60 * 60_000);
    // The server's clock is behind: its stamps lie two minutes before the client's last sync.
    const stamp = new Date(Date.parse(first.cache.syncedAt) - 120_000);
    const reference = id === 'karlsruhe' ? '2026/9999' : id === 'huertgenwald' ? '999/2026' : id === 'augsburg' ? 'ANT/26/99999' : 'VIII-A-09999';
    const newId = `${fixture.origin}/papers/neu-${id}`;
    server.rename(String(renamed.id), 'Umbenannt: Sanierung der Stadtbibliothek', stamp);
    if (deleted) server.remove(String(deleted.id), stamp);
    server.add({ id: newId, type: 'https://schema.oparl.org/1.1/Paper', name: 'Neue Drucksache zum Radverkehr', reference, date: '2026-12-01' }, stamp);

    const second = await sync(server, id, first, clock);
    expect(second.mode).toBe('incremental');
    expect(second.cache.papers.get(String(renamed.id))?.titel).toBe('Umbenannt: Sanierung der Stadtbibliothek');
    if (deleted) expect(second.cache.papers.has(String(deleted.id))).toBe(false);
    expect(second.cache.papers.get(newId.split(fixture.origin).join(server.base))?.nummer).toBe(reference);
    expect(second.cache.papers.size).toBe(expectedPapers(server.papers()).length);
    // The calendar is kept though its lists had no changes.
    expect(second.cache.organizations?.size).toBe(first.cache.organizations?.size);
    expect(second.cache.meetings?.size).toBe(first.cache.meetings?.size);

    const movedId = newId.split(fixture.origin).join(server.base);
    server.remove(movedId, stamp);
    const third = await sync(server, id, second, new Date(clock.getTime() + 60_000));
    expect(third.cache.papers.has(movedId)).toBe(false);
    expect(third.cache.papers.size).toBe(expectedPapers(server.papers()).length);
  });

  it('asks as its vendor needs', () => {
    const filtered = server.requests.filter((request) => request.includes('modified_since='));
    // Where every stamp is the same (Leipzig's host), `modified_since` would find nothing: the
    // update pages from the end instead.
    if (first.cache.modifiedUnreliable) expect(filtered).toEqual([]);
    else expect(filtered.length).toBeGreaterThan(0);
    // Unencoded, whole seconds with an offset: SessionNet answers an encoded one with 404.
    for (const request of filtered) expect(request).toMatch(/modified_since=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d(&|$)/);
    if (fixture.vendor === 'allris') expect(server.requests.filter((request) => request.includes('papers')).every((request) => request.includes('omit_internal=true'))).toBe(true);
  });
});

describe('vendor behaviours on real data', () => {
  it('SD.NET: a body list that is one Body object (Krefeld) still gives its papers', async () => {
    const server = await startCouncil(loadFixture('huertgenwald'), { pageSize: 100, singleBody: true });
    try {
      const result = await sync(server, 'huertgenwald');
      expect(result.cache.papers.size).toBe(expectedPapers(server.papers()).length);
    } finally {
      await server.close();
    }
  });

  it('pages without links.next are read to their pagination’s last page', async () => {
    const server = await startCouncil(loadFixture('huertgenwald'), { pageSize: 50, noNext: true });
    try {
      const result = await sync(server, 'huertgenwald');
      expect(result.cache.papers.size).toBe(expectedPapers(server.papers()).length);
    } finally {
      await server.close();
    }
  });

  it('a paper with raw control characters (Braunschweig) is repaired or skipped, the rest of its page kept, and the sync says so', async () => {
    const quirks = loadFixture('quirks') as unknown as { braunschweigPaper: string };
    const server = await startCouncil(loadFixture('leipzig'), { pageSize: 15, vendor: 'none', brokenFirstPaper: quirks.braunschweigPaper });
    try {
      const result = await sync(server, 'leipzig');
      const papers = expectedPapers(server.papers());
      // The broken object stands in for the page's first paper: all others are there.
      const registered = [...result.cache.papers.values()];
      expect(registered.length).toBeGreaterThanOrEqual(papers.length - 1);
      const braunschweig = registered.find((entry) => entry.nummer === '1664/99');
      if (braunschweig) expect(braunschweig.titel).toMatch(/^Volkshochschule Braunschweig/);
      else expect(result.warnings.map((warning) => syncText(warning, 'de')).join('\n')).toMatch(/übersprungen|ausgelassen|repariert/);
      expect(result.warnings.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('Leipzig’s old interface (ALLRIS 1.0): its DS-00029/14 is a number of the Leipzig profile, its "N/A…" web address is not a link', async () => {
    const server = await startCouncil(loadFixture('leipzig-1.0'));
    try {
      const result = await sync(server, 'leipzig');
      const [entry] = [...result.cache.papers.values()];
      expect(entry).toMatchObject({ nummer: 'DS-00029/14', art: 'Informationsvorlage', datum: '2014-09-09' });
      expect(entry?.asWritten).toBeUndefined();
      expect(entry?.titel).toBe('Konzept der Stadt Leipzig zur fairen und nachhaltigen Beschaffung (eRis: DS V/3966)');
      // "N/Avo020.asp?…" is no address; the paper's link is its file.
      expect(entry?.url ?? '').not.toContain('N/A');
      expect(entry?.details?.files?.[0]).toMatchObject({ name: 'Vorlage-Sammeldokument', main: true });
    } finally {
      await server.close();
    }
  });

  it('Leipzig’s host stamps every paper 2000-01-01: an update pages from the end and finds the new paper', async () => {
    const fixture = loadFixture('leipzig');
    const server = await startCouncil(fixture, { pageSize: 15 });
    try {
      const first = await sync(server, 'leipzig');
      expect(first.cache.modifiedUnreliable).toBe(true);
      server.add({ id: `${fixture.origin}/papers?id=9999999`, type: 'https://schema.oparl.org/1.1/Paper', name: 'Neue Anfrage zur Straßenbahn', reference: 'VII-F-09999', date: '2023-05-10' }, new Date('2000-01-01T00:00:00+01:00'));
      const second = await sync(server, 'leipzig', first, new Date(Date.parse(first.cache.syncedAt) + 3_600_000));
      expect(second.update).toBe('from-end');
      expect([...second.cache.papers.values()].some((entry) => entry.nummer === 'VII-F-09999')).toBe(true);
      expect(second.cache.papers.size).toBe(first.cache.papers.size + 1);
    } finally {
      await server.close();
    }
  });
});

describe('the CLI on each real council', () => {
  const servers: CouncilServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  const ratsfeder = ratsfederAsync;

  it.each(COUNCILS)('$id: register sync, then show, search and similar find its real papers', async ({ id, options }) => {
    const fixture = loadFixture(id);
    const server = await startCouncil(fixture, options);
    servers.push(server);
    const project = mkdtempSync(path.join(tmpdir(), `ratsfeder-${id}-`));
    const cache = path.join(project, '.cache');
    writeFileSync(path.join(project, 'ratsfeder.yaml'), `profil: ${id}\nregister:\n  oparl: ${server.system}\n`);

    const synced = await ratsfeder(['register', 'sync', '--cache', cache], project);
    // Standard error carries the progress, and nothing else.
    expect(synced.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('Dokumentregister: Seite '))).toEqual([]);
    expect(synced.code).toBe(0);
    const count = expectedPapers(server.papers()).length;
    expect(synced.stdout).toContain(`${count.toLocaleString('de-DE')} Dokumente`.replace(/\./g, '.'));

    const paper = expectedPapers(server.papers()).find((candidate) => String(candidate.name).split(/\s+/).length >= 4)!;
    const nummer = String(paper.reference).trim();
    const shown = await ratsfeder(['register', 'show', nummer, '--cache', cache], project);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(String(paper.name).replace(/\s+/g, ' ').trim());

    const word = String(paper.name).split(/[^\p{L}]+/u).filter((w) => w.length >= 6)[0] ?? String(paper.name).split(/\s+/)[0]!;
    const found = await ratsfeder(['register', 'search', word, '--cache', cache, '--format', 'json', '--limit', '500'], project);
    expect(JSON.parse(found.stdout).map((entry: { nummer: string }) => entry.nummer)).toContain(nummer);

    const similar = await ratsfeder(['register', 'similar', String(paper.name), '--cache', cache, '--format', 'json'], project);
    expect(similar.code).toBe(0);
    expect(JSON.parse(similar.stdout)[0]).toMatchObject({ nummer });
  });
});
