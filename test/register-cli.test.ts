import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { checkpointFile, cacheFileFor } from '../server/src/node/cache-store.js';
import { ratsfederAsync, ROOT } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';
import { startOparlServer, type OparlServer } from './oparl-server.js';

/*
 * The register's surfaces end to end against a real OParl server on 127.0.0.1: the CLI's
 * `register sync|show|search`, `check` reading the synced cache, and the editor's sync command.
 * Children run asynchronously: the server lives in this process and must keep answering.
 */

const ratsfeder = ratsfederAsync;

const paper = (id: number, reference: string, name: string, modified = '2025-01-01T00:00:00+01:00') => ({
  id: `${server.base}/oparl/paper/${id}`,
  type: 'https://schema.oparl.org/1.1/Paper',
  reference,
  name,
  paperType: 'Vorlage',
  date: '2025-03-01',
  web: `https://ratsinformation.example/vo/${id}`,
  modified,
});

let server: OparlServer;
let system: string;
const cache = mkdtempSync(path.join(tmpdir(), 'ratsfeder-cache-'));
const project = mkdtempSync(path.join(tmpdir(), 'ratsfeder-projekt-'));

beforeAll(async () => {
  server = await startOparlServer();
  system = `${server.base}/oparl/system`;
  server.json('/oparl/system', { id: system, type: 'https://schema.oparl.org/1.1/System', body: `${server.base}/oparl/bodies` });
  server.list('/oparl/bodies', [
    [{ id: `${server.base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${server.base}/oparl/papers`, organization: `${server.base}/oparl/organizations`, meeting: `${server.base}/oparl/meetings` }],
  ]);
  server.list('/oparl/papers', [
    [paper(1, 'VIII-DS-01234', 'Radverkehrsentwicklungsplan 2030'), paper(2, 'VIII-DS-00815', 'Haushaltsplan 2025/2026')],
    [
      paper(3, 'VIII-F-00913', 'Open Data in städtischen Berichten'),
      // A reference of another council's scheme, with its Beratungsfolge and file.
      {
        ...paper(4, '2019/1010', 'Sanierung der Turnhalle'),
        consultation: [{ organization: [`${server.base}/oparl/org/1`], meeting: `${server.base}/oparl/meeting/1`, role: 'Beschlussfassung', authoritative: true }],
        mainFile: { name: 'Vorlage', accessUrl: 'https://ratsinformation.example/files/4.pdf' },
      },
      { ...paper(5, '', 'Ohne Aktenzeichen') },
    ],
  ]);
  server.list('/oparl/organizations', [[{ id: `${server.base}/oparl/org/1`, type: 'https://schema.oparl.org/1.1/Organization', name: 'Ratsversammlung', organizationType: 'Gremium' }]]);
  server.list('/oparl/meetings', [[{ id: `${server.base}/oparl/meeting/1`, type: 'https://schema.oparl.org/1.1/Meeting', start: '2025-04-09T14:00:00+02:00', organization: [`${server.base}/oparl/org/1`] }]]);
  // The project names its System URL: `check` and the editor read the cache of that address.
  writeFileSync(path.join(project, 'ratsfeder.yaml'), `register:\n  oparl: ${system}\n`);
  writeFileSync(path.join(project, 'antrag.md'), '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\nDen Plan VIII-DS-01234 und VIII-DS-09999 umsetzen.\n\n## Begründung\n\nText.\n');
});
afterAll(() => server.close());

describe('ratsfeder register', () => {
  it('syncs from OParl into the cache, then shows and searches it', async () => {
    const synced = await ratsfeder(['register', 'sync', '--oparl', system, '--cache', cache], project);
    expect(synced.stderr).toBe('');
    expect(synced.stdout).toMatch(
      /^Dokumentregister aktualisiert \(vollständig\): 4 Dokumente \(4 neu oder geändert, 0 gelöscht\), 1 Sitzungen, 1 Gremien und andere Organisationen → .*oparl-127\.0\.0\.1-\d+-[0-9a-f]{12}\.json\n1 Aktenzeichen passt nicht zum Nummernschema des Profils und steht so im Register, wie der Rat es schreibt \(z\. B\. „2019\/1010“\)\.\n1 Dokument ohne Aktenzeichen übersprungen\.\n$/,
    );
    expect(existsSync(cacheFileFor(cache, system)!)).toBe(true);
    expect(existsSync(checkpointFile(cacheFileFor(cache, system)!))).toBe(false);
    expect(readdirSync(cache)).toEqual([path.basename(cacheFileFor(cache, system)!)]);

    const unfitting = await ratsfeder(['register', 'show', '2019/1010', '--cache', cache], project);
    expect(unfitting.code).toBe(0);
    expect(unfitting.stdout).toContain('Nummer   2019/1010 (wie geschrieben; passt nicht zum Nummernschema)');
    expect(unfitting.stdout).toContain('Beratung Ratsversammlung · Beschlussfassung · entscheidend · 2025-04-09');
    expect(unfitting.stdout).toContain('Datei    Vorlage (Hauptdokument) https://ratsinformation.example/files/4.pdf');
    const json = JSON.parse((await ratsfeder(['register', 'show', '2019/1010', '--cache', cache, '--format', 'json'], project)).stdout);
    expect(json).toMatchObject({ nummer: '2019/1010', asWritten: true, details: { files: [{ name: 'Vorlage', main: true }] } });

    const shown = await ratsfeder(['register', 'show', 'viii-ds-1234', '--cache', cache], project);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Titel    Radverkehrsentwicklungsplan 2030');
    expect(shown.stdout).toContain('Quelle   OParl-Cache');

    const found = await ratsfeder(['register', 'search', 'städtisch', '--cache', cache, '--format', 'json'], project);
    expect(JSON.parse(found.stdout).map((entry: { nummer: string }) => entry.nummer)).toEqual(['VIII-F-00913']);
    expect((await ratsfeder(['register', 'show', 'VIII-A-00001', '--cache', cache], project)).code).toBe(1);
  });

  it('asks only for changes the second time', async () => {
    const requestsBefore = server.requests.length;
    const again = await ratsfeder(['register', 'sync', '--oparl', system, '--cache', cache], project);
    expect(again.stdout).toContain('(nur Änderungen)');
    expect(server.requests.slice(requestsBefore).some((request) => request.startsWith('/oparl/papers?modified_since='))).toBe(true);
    // The calendar stays, though nothing in it changed.
    expect(again.stdout).toContain('1 Sitzungen, 1 Gremien');
    const fresh = await ratsfeder(['register', 'sync', '--oparl', system, '--cache', cache, '--full', '--lang', 'en'], project);
    expect(fresh.stdout).toMatch(/^Document register updated \(in full\): 4 documents/);
  });

  it('goes on where an interrupted sync stopped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-cache-fortsetzen-'));
    const long = `${server.base}/lang`;
    server.json('/lang/system', { id: `${long}/system`, type: 'https://schema.oparl.org/1.1/System', body: `${long}/bodies` });
    server.json('/lang/bodies', { data: [{ id: `${long}/body/1`, paper: `${long}/papers` }] });
    let failAt = 8;
    server.paged('/lang/papers', () => Array.from({ length: 30 }, (_, i) => paper(100 + i, `VIII-A-${String(100 + i).padStart(5, '0')}`, `Antrag ${i}`)), {
      size: 2,
      style: 'next',
      intercept: (url, response) => {
        if (Number(url.searchParams.get('page') ?? '1') !== failAt) return false;
        response.writeHead(404, { 'content-type': 'text/plain' }).end('weg');
        return true;
      },
    });
    const failed = await ratsfeder(['register', 'sync', '--oparl', `${long}/system`, '--cache', dir], project);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`Der OParl-Server antwortete auf ${long}/papers?page=8 mit HTTP 404; Antwort: „weg“.`);
    expect(failed.stderr).toContain('Der Zwischenstand ist in');
    expect(existsSync(checkpointFile(cacheFileFor(dir, `${long}/system`)!))).toBe(true);
    failAt = 0;
    const before = server.requests.length;
    const resumed = await ratsfeder(['register', 'sync', '--oparl', `${long}/system`, '--cache', dir], project);
    expect(resumed.stdout).toMatch(/^Dokumentregister aktualisiert \(fortgesetzt\): 30 Dokumente/);
    const pages = server.requests.slice(before).filter((request) => request.startsWith('/lang/papers'));
    expect(pages[0]).toBe('/lang/papers?page=8');
    expect(existsSync(checkpointFile(cacheFileFor(dir, `${long}/system`)!))).toBe(false);
  });

  it('lets check use the synced register', async () => {
    const checked = await ratsfeder(['check', '.', '--cache', cache], project);
    expect(checked.stdout).toContain('hinweis  nummer-unbekannt  „VIII-DS-09999“ steht nicht im Dokumentregister');
    expect(checked.stdout).not.toContain('„VIII-DS-01234“ steht nicht');
  });

  it('keeps the previous cache when the server fails, and says why', async () => {
    const before = readFileSync(cacheFileFor(cache, system)!);
    server.handle('/oparl/broken', (_request, response) => response.writeHead(500).end('kaputt'));
    const failed = await ratsfeder(['register', 'sync', '--oparl', `${server.base}/oparl/broken`, '--cache', cache], project);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/HTTP 500/);
    expect(failed.stderr).toMatch(/Cache/);
    expect(readFileSync(cacheFileFor(cache, system)!)).toEqual(before);
    expect(existsSync(cacheFileFor(cache, `${server.base}/oparl/broken`)!)).toBe(false);
  });

  it('syncs from the profile’s OParl System when neither the command line nor ratsfeder.yaml names one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-profil-oparl-'));
    const profile = readFileSync(path.join(ROOT, 'server', 'profiles', 'huertgenwald.profile.yaml'), 'utf8').replace(/system: https:\/\/\S+/, `system: ${system}`);
    writeFileSync(path.join(dir, 'gemeinde.profile.yaml'), profile);
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), 'profil: ./gemeinde.profile.yaml\n');
    const synced = await ratsfeder(['register', 'sync', '--cache', path.join(dir, 'cache')], dir);
    expect(synced.code).toBe(0);
    expect(synced.stdout).toMatch(/^Dokumentregister aktualisiert \(vollständig\): 4 Dokumente/);
  });

  it('explains a missing system URL with exit code 2', async () => {
    // A profile without an OParl System, and no address anywhere else.
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-ohne-oparl-'));
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), `profil: ${path.join(ROOT, 'test', 'fixtures', 'profil', 'musterstadt.profile.yaml')}\n`);
    const missing = await ratsfeder(['register', 'sync', '--cache', cache], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('keine OParl-Schnittstelle angegeben');
    expect((await ratsfeder(['register', 'sync', '--oparl', 'file:///etc/passwd', '--cache', cache], project)).code).toBe(2);
  });
});

describe('one cache per council information system', () => {
  /** A loopback OParl server whose council has `papers` (number, title). */
  async function council(papers: readonly (readonly [string, string])[]): Promise<OparlServer> {
    const oparl = await startOparlServer();
    const { base } = oparl;
    oparl.json('/oparl/system', { id: `${base}/oparl/system`, type: 'https://schema.oparl.org/1.1/System', body: `${base}/oparl/bodies` });
    oparl.list('/oparl/bodies', [[{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt', paper: `${base}/oparl/papers` }]]);
    oparl.list('/oparl/papers', [papers.map(([reference, name], i) => ({ id: `${base}/oparl/paper/${i}`, type: 'https://schema.oparl.org/1.1/Paper', reference, name, modified: '2025-01-01T00:00:00+01:00' }))]);
    return oparl;
  }
  /** A project naming `system` in its ratsfeder.yaml, with a draft that cites both councils' numbers. */
  function projectOf(system: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-rat-'));
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), `register:\n  oparl: ${system}\n`);
    writeFileSync(path.join(dir, 'antrag.md'), '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\nWie VIII-DS-03001 und VIII-DS-04001.\n\n## Begründung\n\nText.\n');
    return dir;
  }
  const unknown = (stdout: string): string[] => [...stdout.matchAll(/nummer-unbekannt {2}„(VIII-DS-\d+)“/g)].map((match) => match[1]!);

  let east: OparlServer;
  let west: OparlServer;
  beforeAll(async () => {
    east = await council([['VIII-DS-03001', 'Radwege im Osten']]);
    west = await council([['VIII-DS-04001', 'Bäder im Westen']]);
  });
  afterAll(async () => {
    await east.close();
    await west.close();
  });

  it('keeps the registers of two projects with different System URLs apart', async () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'ratsfeder-caches-'));
    const eastProject = projectOf(`${east.base}/oparl/system`);
    const westProject = projectOf(`${west.base}/oparl/system`);
    expect((await ratsfeder(['register', 'sync', '--cache', shared], eastProject)).code).toBe(0);
    expect((await ratsfeder(['register', 'sync', '--cache', shared], westProject)).code).toBe(0);
    // Each project sees its own council's papers, and not the other's, though the second sync came last.
    expect((await ratsfeder(['register', 'show', 'VIII-DS-03001', '--cache', shared], eastProject)).stdout).toContain('Radwege im Osten');
    expect((await ratsfeder(['register', 'show', 'VIII-DS-04001', '--cache', shared], eastProject)).code).toBe(1);
    expect((await ratsfeder(['register', 'show', 'VIII-DS-04001', '--cache', shared], westProject)).stdout).toContain('Bäder im Westen');
    expect((await ratsfeder(['register', 'show', 'VIII-DS-03001', '--cache', shared], westProject)).code).toBe(1);
    expect(unknown((await ratsfeder(['check', 'antrag.md', '--cache', shared], eastProject)).stdout)).toEqual(['VIII-DS-04001']);
    expect(unknown((await ratsfeder(['check', 'antrag.md', '--cache', shared], westProject)).stdout)).toEqual(['VIII-DS-03001']);
    // Two files, each named after its host, port and a hash of its URL.
    expect(readdirSync(shared).sort()).toEqual([path.basename(cacheFileFor(shared, `${east.base}/oparl/system`)!), path.basename(cacheFileFor(shared, `${west.base}/oparl/system`)!)].sort());
    for (const name of readdirSync(shared)) expect(name).toMatch(/^oparl-127\.0\.0\.1-\d+-[0-9a-f]{12}\.json$/);

    // A second project with the same System URL shares the cache: no sync needed.
    const again = projectOf(`${east.base}/oparl/system/`.replace(/\/$/, ''));
    expect(unknown((await ratsfeder(['check', 'antrag.md', '--cache', shared], again)).stdout)).toEqual(['VIII-DS-04001']);
  });

  it('tells that a sync from another address than the project’s fills a cache that check does not read', async () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'ratsfeder-caches-'));
    const eastProject = projectOf(`${east.base}/oparl/system`);
    const synced = await ratsfeder(['register', 'sync', '--oparl', `${west.base}/oparl/system`, '--cache', shared], eastProject);
    expect(synced.code).toBe(0);
    expect(synced.stderr).toContain(`„ratsfeder check“ und der Editor lesen in diesem Projekt den Cache von ${east.base}/oparl/system`);
    expect(synced.stderr).toContain(`„register: oparl: ${west.base}/oparl/system“ in ratsfeder.yaml eintragen`);
    // `register` reads it with the same --oparl; `check` reads the project's own (none yet).
    expect((await ratsfeder(['register', 'show', 'VIII-DS-04001', '--oparl', `${west.base}/oparl/system`, '--cache', shared], eastProject)).code).toBe(0);
    expect(unknown((await ratsfeder(['check', 'antrag.md', '--cache', shared], eastProject)).stdout)).toEqual([]);
  });

  it('takes over the one cache of former versions for the System URL it was synced from', async () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'ratsfeder-caches-'));
    const eastProject = projectOf(`${east.base}/oparl/system`);
    const westProject = projectOf(`${west.base}/oparl/system`);
    expect((await ratsfeder(['register', 'sync', '--cache', shared], eastProject)).code).toBe(0);
    const synced = cacheFileFor(shared, `${east.base}/oparl/system`)!;
    // As a former version left it: one file for every project, the East's sync in it.
    const legacy = path.join(shared, 'oparl-register.json');
    writeFileSync(legacy, readFileSync(synced));
    rmSync(synced);
    // The West's project does not see it, and leaves it alone.
    expect(unknown((await ratsfeder(['check', 'antrag.md', '--cache', shared], westProject)).stdout)).toEqual([]);
    expect(existsSync(legacy)).toBe(true);
    // The East's project uses it without a sync; from then on it is the East's cache.
    const requests = east.requests.length;
    expect(unknown((await ratsfeder(['check', 'antrag.md', '--cache', shared], eastProject)).stdout)).toEqual(['VIII-DS-04001']);
    expect(east.requests.length).toBe(requests);
    expect(readdirSync(shared)).toEqual([path.basename(synced)]);
    expect((await ratsfeder(['register', 'sync', '--cache', shared], eastProject)).stdout).toContain('(nur Änderungen)');
  });

  it('never names a cache file after a user or password in the System URL, nor keeps them in a cache', async () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'ratsfeder-caches-'));
    const credentialed = `${east.base}/oparl/system`.replace('http://', 'http://anna:geheim@');
    const project = projectOf(credentialed);
    const refused = await ratsfeder(['register', 'sync', '--cache', shared], project);
    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toContain('geheim');
    // A cache of that system, synced with the address without them, is what the project reads.
    expect((await ratsfeder(['register', 'sync', '--oparl', `${east.base}/oparl/system`, '--cache', shared], project)).code).toBe(0);
    expect(unknown((await ratsfeder(['check', 'antrag.md', '--cache', shared], project)).stdout)).toEqual(['VIII-DS-04001']);
    expect(cacheFileFor(shared, credentialed)).toBe(cacheFileFor(shared, `${east.base}/oparl/system`));
    const files = readdirSync(shared, { recursive: true, encoding: 'utf8' });
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      expect(name).not.toMatch(/anna|geheim/);
      const file = path.join(shared, name);
      if (statSync(file).isFile()) expect(readFileSync(file, 'utf8')).not.toMatch(/anna|geheim/);
    }
  });
});

describe('register files named in ratsfeder.yaml', () => {
  it('are read as registers whatever their names end in', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-dateien-'));
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), 'register:\n  dateien: [vorlagen.csv]\n');
    writeFileSync(path.join(dir, 'vorlagen.csv'), 'nummer;titel;art;datum;url\nVIII-DS-04711;Parkraumkonzept Südvorstadt;Vorlage;2025-02-01;\n');
    writeFileSync(path.join(dir, 'antrag.md'), '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\nDas Konzept VIII-DS-04711 umsetzen, nicht VIII-DS-04712.\n\n## Begründung\n\nText.\n');
    const shown = await ratsfeder(['register', 'show', 'VIII-DS-04711', '--cache', cache], dir);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Parkraumkonzept Südvorstadt');
    const checked = await ratsfeder(['check', 'antrag.md', '--cache', cache, '--format', 'json'], dir);
    const findings = JSON.parse(checked.stdout).files[0].findings as { ruleId: string; message: string }[];
    expect(findings.map((finding) => `${finding.ruleId} ${/VIII-DS-\d+/.exec(finding.message)?.[0]}`)).toEqual(['nummer-unbekannt VIII-DS-04712']);
  });
});

describe('register files as ALLRIS and Excel give them', () => {
  it('keeps titles and dates, and says with file, line and column what is not understood', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-allris-'));
    // Excel on Windows: Windows-1252, CRLF, „;“; a column Ratsfeder does not read, a date that is none.
    const csv = 'Nummer;Betreff;Art;Datum;Federführung\r\nVIII-DS-01234;Radverkehr, Fußverkehr;Vorlage;14.05.2025;Amt 66\r\nVIII-DS-01235;Grünau;Vorlage;31.02.2025;\r\n';
    writeFileSync(path.join(dir, 'allris.register.csv'), Buffer.from(csv, 'latin1'));
    writeFileSync(path.join(dir, 'antrag.md'), '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\nWie VIII-DS-01234.\n\n## Begründung\n\nText.\n');
    const shown = await ratsfeder(['register', 'show', 'VIII-DS-01234', '--cache', cache], dir);
    expect(shown.stdout).toMatch(/Titel +Radverkehr, Fußverkehr/);
    expect(shown.stdout).toMatch(/Datum +2025-05-14/);
    expect(shown.code).toBe(0);
    const problems = [
      'ratsfeder: allris.register.csv:1:26: unbekannte Spalte „Federführung“ wird nicht gelesen',
      'ratsfeder: allris.register.csv:3:30: „31.02.2025“ ist kein Datum (erwartet 2025-05-14 oder 14.05.2025)',
    ];
    for (const problem of problems) expect(shown.stderr).toContain(problem);
    // `check` says it too, once, before its findings.
    const checked = await ratsfeder(['check', '.', '--cache', cache], dir);
    for (const problem of problems) expect(checked.stderr.split(problem).length).toBe(2);
    expect((await ratsfeder(['register', 'show', 'VIII-DS-01234', '--cache', cache, '--lang', 'en'], dir)).stderr).toContain('allris.register.csv:1:26: unknown column “Federführung”');
  });

  it('explains how to fill an empty register instead of finding nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-leer-'));
    const empty = mkdtempSync(path.join(tmpdir(), 'ratsfeder-leer-cache-'));
    for (const args of [['show', 'VIII-DS-01234'], ['search', 'Radverkehr'], ['similar', 'Radwege', 'sanieren']]) {
      const result = await ratsfeder(['register', ...args, '--cache', empty], dir);
      expect(result.stderr).toContain('Das Dokumentregister ist leer. So füllt es sich:');
      expect(result.stderr).toContain(`eine Registerdatei im Projektordner ${dir}`);
      expect(result.stderr).toContain('„ratsfeder register sync“ holt die Dokumente von https://');
      expect(result.stdout).not.toContain('Nichts gefunden');
      expect(result.code).toBe(1);
    }
    const json = await ratsfeder(['register', 'search', 'Radverkehr', '--format', 'json', '--cache', empty], dir);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).toContain('Das Dokumentregister ist leer.');
    const missing = await ratsfeder(['register', 'similar', 'fehlt.md', '--cache', empty], dir);
    expect(missing.stderr).toBe('ratsfeder: den Entwurf fehlt.md gibt es nicht; bitte den Pfad prüfen\n');
    expect(missing.code).toBe(2);
    const none = await ratsfeder(['register', 'show', '--cache', empty], dir);
    expect(none.stderr).toContain('show braucht eine Drucksachennummer');
    expect(none.code).toBe(2);
  });
});

describe('the editor command "Dokumentregister aktualisieren"', () => {
  it('syncs with progress and the register answers from OParl', async () => {
    const editorCache = mkdtempSync(path.join(tmpdir(), 'ratsfeder-editor-cache-'));
    const client = new TestClient();
    try {
      const indexed = client.nextRefresh();
      await client.initialize({ ...PULL_CLIENT, window: { workDoneProgress: true } }, { initializationOptions: { cacheDir: editorCache }, workspaceFolders: [{ uri: `file://${project}`, name: 'p' }] });
      await indexed;
      const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{ oparl: system }] });
      expect(result).toMatchObject({ ok: true, papers: 4, meetings: 1, organizations: 1, unfitting: 1, unfittingExamples: ['2019/1010'], skipped: 1, warnings: [] });
      // The summary `ratsfeder register sync` prints, without the cache file.
      expect((result as { message: string }).message).toBe(
        'Dokumentregister aktualisiert (vollständig): 4 Dokumente (4 neu oder geändert, 0 gelöscht), 1 Sitzungen, 1 Gremien und andere Organisationen. 1 Aktenzeichen passt nicht zum Nummernschema des Profils und steht so im Register, wie der Rat es schreibt (z. B. „2019/1010“). 1 Dokument ohne Aktenzeichen übersprungen.',
      );
      expect(client.progress.map((p) => p.title).filter(Boolean)).toContain('Dokumentregister aktualisieren');
      expect(existsSync(cacheFileFor(editorCache, system)!)).toBe(true);

      const uri = `file://${path.join(project, 'antrag.md')}`;
      const text = readFileSync(path.join(project, 'antrag.md'), 'utf8');
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const line = text.split('\n').findIndex((l) => l.includes('VIII-DS-01234'));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: text.split('\n')[line]!.indexOf('VIII-DS-01234') + 2 } });
      expect((hover!.contents as MarkupContent).value).toContain('Quelle: OParl');
      expect((hover!.contents as MarkupContent).value).toContain('(https://ratsinformation.example/vo/1)');

      server.handle('/oparl/kaputt', (_request, response) => response.writeHead(500).end('kaputt'));
      const failed = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{ oparl: `${server.base}/oparl/kaputt` }] });
      expect(failed).toMatchObject({ ok: false });
      expect(client.messages.some((message) => message.includes('HTTP 500'))).toBe(true);
    } finally {
      await client.close();
    }
  });
});
