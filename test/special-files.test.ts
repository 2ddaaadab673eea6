import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType, DocumentDiagnosticRequest, WorkspaceSymbolRequest, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { replaceable } from '../server/src/node/atomic.js';
import { readRegularFile } from '../server/src/node/read-file.js';
import { cacheFileName } from '../server/src/node/cache-store.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { ROOT } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';

/*
 * Only regular files are read (drafts, register files, profiles, letterheads), bounded in size
 * before reading starts; only regular files or new names are written. A FIFO or a symlink to
 * /dev/zero gets a clear message, never a hang or a full memory. The machine's own devices are
 * never written: a FIFO and symlinks made here stand in for them.
 */
const BIN = path.join(ROOT, 'bin', 'ratsfeder.js');
const DRAFT = '---\nart: Antrag\ntitel: Radwege\neinreicher: F\nnummer: VIII-A-00001\n---\n\n## Beschlussvorschlag\n\nText VIII-F-913.\n\n## Begründung\n\nText.\n';

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-special-'));
  writeFileSync(path.join(dir, 'antrag.md'), DRAFT);
  return dir;
}
const fifo = (file: string) => expect(spawnSync('mkfifo', [file]).status).toBe(0);

function ratsfeder(args: string[], cwd: string) {
  // A hang fails the test (killed after 20 s) rather than blocking it.
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, input: '' });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe('reading', () => {
  it('refuses a FIFO, a device and a folder before reading, and a file over the limit', () => {
    const dir = folder();
    fifo(path.join(dir, 'pipe.md'));
    symlinkSync('/dev/zero', path.join(dir, 'null.md'));
    expect(readRegularFile(path.join(dir, 'pipe.md'), 1000)).toEqual({ problem: 'not-a-file' });
    expect(readRegularFile(path.join(dir, 'null.md'), 1000)).toEqual({ problem: 'not-a-file' });
    expect(readRegularFile(dir, 1000)).toEqual({ problem: 'not-a-file' });
    expect(readRegularFile(path.join(dir, 'fehlt.md'), 1000)).toEqual({ problem: 'missing' });
    expect(readRegularFile(path.join(dir, 'antrag.md'), 10)).toEqual({ problem: 'too-large', size: Buffer.byteLength(DRAFT), limit: 10 });
    expect(readRegularFile(path.join(dir, 'antrag.md'), 10_000)).toEqual({ bytes: Buffer.from(DRAFT) });
  });

  it('check: skips a FIFO and a symlink to /dev/zero among the drafts, saying why, and checks the rest', () => {
    const dir = folder();
    fifo(path.join(dir, 'pipe.md'));
    symlinkSync('/dev/zero', path.join(dir, 'null.md'));
    symlinkSync('/dev/zero', path.join(dir, 'liste.register.csv'));
    const all = ratsfeder(['check', '.'], dir);
    expect(all.signal).toBeNull();
    expect(all.stdout).toContain('antrag.md:10:6  warnung  nummer-form');
    // The link to /dev/zero leads out of the folder, and a scan does not follow it there.
    expect(all.stderr).not.toMatch(/interner Fehler|bad_alloc|    at /);
    for (const name of ['pipe.md', 'null.md']) {
      const named = ratsfeder(['check', name], dir);
      expect(named.signal).toBeNull();
      expect(named.stderr).toContain(`${name}: übersprungen – keine gewöhnliche Datei (eine Pipe, ein Gerät oder ein Socket); gelesen werden nur gewöhnliche Dateien`);
    }
  });

  it('export: refuses a draft or a letterhead that is a FIFO or /dev/zero', () => {
    const dir = folder();
    fifo(path.join(dir, 'pipe.md'));
    symlinkSync('/dev/zero', path.join(dir, 'briefkopf.docx'));
    const draft = ratsfeder(['export', 'pipe.md'], dir);
    expect(draft.signal).toBeNull();
    expect(draft.code).toBe(1);
    expect(draft.stderr).toBe(`ratsfeder: ${path.join(dir, 'pipe.md')} ist keine gewöhnliche Datei (eine Pipe, ein Gerät oder ein Ordner) und wird nicht gelesen; gelesen werden nur gewöhnliche Dateien.\n`);
    const template = ratsfeder(['export', 'antrag.md', '--force', '--template', 'briefkopf.docx'], dir);
    expect(template.signal).toBeNull();
    expect(template.stderr).toContain(`Die Briefkopf-Vorlage ${path.join(dir, 'briefkopf.docx')} ist keine gewöhnliche Datei`);
    expect(readdirSync(dir).sort()).toEqual(['antrag.md', 'briefkopf.docx', 'pipe.md']);
  });
  it('register: a register file that is a FIFO or a link to /dev/zero is said to be no regular file, in German and in English', () => {
    const dir = folder();
    fifo(path.join(dir, 'pipe.register.csv'));
    symlinkSync('/dev/zero', path.join(dir, 'null.register.json'));
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), 'register:\n  dateien: [pipe.register.csv, null.register.json]\n');
    const cache = mkdtempSync(path.join(tmpdir(), 'ratsfeder-special-cache-'));
    const de = ratsfeder(['register', 'search', 'Radwege', '--cache', cache], dir);
    const en = ratsfeder(['register', 'search', 'Radwege', '--cache', cache, '--lang', 'en'], dir);
    for (const name of ['pipe.register.csv', 'null.register.json']) {
      expect(de.stderr).toContain(`ratsfeder: ${name}: keine gewöhnliche Datei (eine Pipe, ein Gerät oder ein Ordner); nicht gelesen`);
      expect(en.stderr).toContain(`ratsfeder: ${name}: not a regular file (a pipe, a device or a folder); not read`);
    }
    expect(en.stderr).not.toMatch(/gewöhnlich|nicht gelesen/);
    expect(en.signal).toBeNull();
  });

  it('register: an OParl cache that is a FIFO or /dev/zero is said to be unreadable, and the rest answers', () => {
    for (const make of [(file: string) => fifo(file), (file: string) => symlinkSync('/dev/zero', file)]) {
      const dir = folder();
      const cache = mkdtempSync(path.join(tmpdir(), 'ratsfeder-special-cache-'));
      // The cache of the System URL of the default council's profile, which the project syncs from.
      const file = path.join(cache, cacheFileName(DEFAULT_PROFILE.oparl!.system)!);
      make(file);
      const result = ratsfeder(['register', 'search', 'Radwege', '--cache', cache], dir);
      expect(result.signal).toBeNull();
      expect(result.stderr).toContain(`ratsfeder: Der OParl-Cache ${file} kann nicht gelesen werden (keine gewöhnliche Datei, sondern eine Pipe, ein Gerät oder ein Ordner).`);
      expect(result.stdout).toContain('Radwege');
    }
  });
});

describe('writing', () => {
  it('takes a new name, a regular file or a link to one as the export target; nothing else', () => {
    const dir = folder();
    fifo(path.join(dir, 'pipe.docx'));
    writeFileSync(path.join(dir, 'alt.docx'), 'alt');
    symlinkSync(path.join(dir, 'pipe.docx'), path.join(dir, 'stdout.docx'));
    symlinkSync('/dev/null', path.join(dir, 'null.docx'));
    symlinkSync(path.join(dir, 'alt.docx'), path.join(dir, 'link.docx'));
    symlinkSync(path.join(dir, 'fehlt.docx'), path.join(dir, 'ins-leere.docx'));
    // Only looked at (lstat and stat), never written: a stand-in for `-o /dev/null` and `/dev/stdout`.
    expect(replaceable(path.join(dir, 'null.docx'))).toBe(false);
    expect(replaceable(path.join(dir, 'pipe.docx'))).toBe(false);
    expect(replaceable(path.join(dir, 'stdout.docx'))).toBe(false);
    expect(replaceable(dir)).toBe(false);
    expect(replaceable(path.join(dir, 'neu.docx'))).toBe(true);
    expect(replaceable(path.join(dir, 'alt.docx'))).toBe(true);
    expect(replaceable(path.join(dir, 'link.docx'))).toBe(true);
    expect(replaceable(path.join(dir, 'ins-leere.docx'))).toBe(true);
  });

  it('export -o refuses a FIFO and a link to one, and leaves them as they were', () => {
    const dir = folder();
    fifo(path.join(dir, 'pipe.docx'));
    symlinkSync(path.join(dir, 'pipe.docx'), path.join(dir, 'stdout.docx'));
    for (const target of ['pipe.docx', 'stdout.docx']) {
      const result = ratsfeder(['export', 'antrag.md', '--force', '-o', target], dir);
      expect(result.signal, target).toBeNull();
      expect(result.code, target).toBe(1);
      expect(result.stderr, target).toBe(`ratsfeder: Das Ziel ${path.join(dir, target)} ist keine gewöhnliche Datei (ein Gerät wie /dev/null, eine Pipe oder ein Verweis darauf); der Export schreibt nur gewöhnliche Dateien. Mit -o ein Ziel mit der Endung .docx wählen.\n`);
    }
    expect(lstatSync(path.join(dir, 'pipe.docx')).isFIFO()).toBe(true);
    expect(lstatSync(path.join(dir, 'stdout.docx')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['antrag.md', 'pipe.docx', 'stdout.docx']);
  });
});

describe('the language server', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it('passes over a FIFO draft and a register file linked to /dev/zero that appear in the workspace', async () => {
    const dir = folder();
    client = new TestClient();
    const indexed = client.nextRefresh();
    await client.initialize(PULL_CLIENT, { locale: 'de', workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'sonder' }] });
    await indexed;
    fifo(path.join(dir, 'pipe.md'));
    symlinkSync('/dev/zero', path.join(dir, 'null.register.csv'));
    symlinkSync('/dev/zero', path.join(dir, 'null.md'));
    writeFileSync(path.join(dir, 'neu.md'), DRAFT.replace('Radwege', 'Parkhaus').replace('VIII-A-00001', 'VIII-A-00002'));
    const refreshed = client.nextRefresh();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: ['pipe.md', 'null.register.csv', 'null.md', 'neu.md'].map((name) => ({ uri: pathToFileURL(path.join(dir, name)).href, type: FileChangeType.Created as FileChangeType })),
    });
    await refreshed;
    // The server still answers, and the regular file among them was read.
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Parkhaus' })) as SymbolInformation[];
    expect(symbols.map((symbol) => symbol.location.uri)).toEqual([pathToFileURL(path.join(dir, 'neu.md')).href]);
    const uri = pathToFileURL(path.join(dir, 'antrag.md')).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    expect(report.kind === 'full' ? report.items.map((d) => d.code) : []).toContain('nummer-form');
    expect(client.alive).toBe(true);
  });
});

describe('scanning a folder', () => {
  /** A workspace with a link to a folder outside it, a link back to itself, a link to a folder inside and a second name of a draft. */
  function tangled(): { dir: string; outside: string } {
    const dir = folder();
    const outside = mkdtempSync(path.join(tmpdir(), 'ratsfeder-outside-'));
    writeFileSync(path.join(outside, 'fremd.md'), DRAFT.replace('Radwege', 'Fremdes Vorhaben').replace('VIII-A-00001', 'VIII-A-00009'));
    mkdirSync(path.join(dir, 'unter'));
    writeFileSync(path.join(dir, 'unter', 'zwei.md'), DRAFT.replace('Radwege', 'Zweiter Radweg').replace('VIII-A-00001', 'VIII-A-00002'));
    symlinkSync(outside, path.join(dir, 'draussen'));
    symlinkSync('..', path.join(dir, 'unter', 'schleife'));
    symlinkSync(path.join(dir, 'unter'), path.join(dir, 'auch-unter'));
    symlinkSync(path.join(dir, 'antrag.md'), path.join(dir, 'zweitname.md'));
    symlinkSync(path.join(outside, 'fremd.md'), path.join(dir, 'fremd.md'));
    return { dir, outside };
  }

  it('check: stays inside the folder and checks each draft once', () => {
    const { dir } = tangled();
    const result = ratsfeder(['check', '.', '--format', 'json'], dir);
    expect(result.signal).toBeNull();
    const files = (JSON.parse(result.stdout) as { files: { file: string }[] }).files.map((entry) => entry.file);
    expect(files.sort()).toEqual(['antrag.md', 'unter/zwei.md']);
  });

  it('workspace symbols: only the drafts inside the workspace, each once', async () => {
    const { dir } = tangled();
    const client = new TestClient();
    try {
      const indexed = client.nextRefresh();
      await client.initialize(PULL_CLIENT, { locale: 'de', workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'verschlungen' }] });
      await indexed;
      const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'VIII-A' })) as SymbolInformation[];
      expect(symbols.map((symbol) => symbol.name).sort()).toEqual(['VIII-A-00001 Radwege', 'VIII-A-00002 Zweiter Radweg']);
      expect(new Set(symbols.map((symbol) => symbol.location.uri)).size).toBe(2);
    } finally {
      await client.close();
    }
  });
});
