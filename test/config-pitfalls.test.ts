import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DidOpenTextDocumentNotification, DocumentDiagnosticRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ROOT } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';

/*
 * A ratsfeder.yaml is judged by what it says: aliases in any number, a profile name that is
 * a property of every JavaScript object, a profile path that is a pipe, a device or a file
 * that is no profile at all. Each gets a clear problem at its place, the defaults apply, and
 * nothing of a foreign file is quoted.
 */
const BIN = path.join(ROOT, 'bin', 'ratsfeder.js');
const DRAFT = '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\nText VIII-F-913.\n\n## Begründung\n\nText.\n';

function project(config: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-config-'));
  writeFileSync(path.join(dir, 'antrag.md'), DRAFT);
  writeFileSync(path.join(dir, 'ratsfeder.yaml'), config);
  return dir;
}

function check(dir: string, input = '') {
  const result = spawnSync(process.execPath, [BIN, 'check', 'antrag.md'], { cwd: dir, encoding: 'utf8', input, timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

/** Anchors nested `depth` deep, each list naming the one before ten times: 10^depth values. */
const aliasBomb = (depth: number) =>
  ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: depth }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n') + '\n';

describe('ratsfeder.yaml, judged by its content', () => {
  it('applies a file with more than a hundred aliases', () => {
    const dir = project(`regeln:\n  nummer-form: &schwer fehler\n  abschnitt-leer: *schwer\nregister:\n  dateien: [&f a.register.csv, ${Array(150).fill('*f').join(', ')}]\n`);
    writeFileSync(path.join(dir, 'a.register.csv'), 'nummer;titel\nVIII-A-00001;Ein Antrag\n');
    const result = check(dir);
    expect(result.stdout).toContain('fehler  nummer-form');
    expect(result.code).toBe(1);
  });

  it('refuses a file whose aliases stand for too many values, quickly and at its place', () => {
    const result = check(project(aliasBomb(7)));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ratsfeder.yaml:1:1: die Datei steht mit ihren Ankern und Aliasen (&name, *name) für mehr als 200000 Werte');
    expect(result.output).not.toContain('interner Fehler');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('says that "profil: %s" names no profile', (name) => {
    const dir = project(`# Profil der Fraktion\nprofil: ${name}\n`);
    const result = check(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`ratsfeder.yaml:2:1: Profil „${name}“ nicht gefunden: weder eingebaut (leipzig, karlsruhe, augsburg, huertgenwald) noch als Datei ${path.join(dir, name)}`);
    expect(result.output).not.toContain('interner Fehler');
  });

  it('reads a profile only from a regular file: not a FIFO, a device or its own standard input', () => {
    const dir = project('profil: pipe.yaml\n');
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]).status).toBe(0);
    symlinkSync('/dev/zero', path.join(dir, 'null.yaml'));
    for (const [name, shown] of [
      ['pipe.yaml', path.join(dir, 'pipe.yaml')],
      ['null.yaml', path.join(dir, 'null.yaml')],
      ['/dev/stdin', '/dev/stdin'],
      ['.', dir],
    ]) {
      writeFileSync(path.join(dir, 'ratsfeder.yaml'), `profil: ${name}\n`);
      const result = check(dir, 'types: [x]\n');
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toContain(`ratsfeder.yaml:1:1: ${shown}: keine gewöhnliche Datei (ein Ordner, eine Pipe oder ein Gerät); nur gewöhnliche Dateien werden gelesen`);
    }
  });

  it('says that a readable file is no profile without quoting a line of it', () => {
    const dir = project('profil: schatten\n');
    writeFileSync(path.join(dir, 'schatten'), 'root:$6$geheim$abc:19000:0:99999:7:::\nPASSWORT: hunter2\nname: x\n');
    const result = check(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`ratsfeder.yaml:1:1: ${path.join(dir, 'schatten')} ist kein Ratsprofil`);
    expect(result.output).not.toMatch(/geheim|hunter2|PASSWORT|root/);
  });
});

describe('a bad ratsfeder.yaml in the editor', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  async function diagnostics(config: string): Promise<Diagnostic[]> {
    const dir = project(config);
    client = new TestClient();
    await client.initialize(PULL_CLIENT, { locale: 'de' });
    const uri = pathToFileURL(path.join(dir, 'antrag.md')).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const first = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    // Asked again, it answers again: the problem is no exception on every request.
    const second = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    expect(second).toEqual(first);
    expect(client.alive).toBe(true);
    return first.kind === 'full' ? first.items : [];
  }

  it.each([
    ['profil: /dev/stdin', 'keine gewöhnliche Datei'],
    ['profil: constructor', 'Profil „constructor“ nicht gefunden'],
    [aliasBomb(7), 'mehr als 200000 Werte'],
  ])('warns about "%s" and checks with the defaults', async (config, message) => {
    const found = await diagnostics(config);
    expect(found[0]).toMatchObject({ code: 'konfiguration', severity: 2, message: expect.stringContaining(message) });
    expect(found.find((d) => d.code === 'nummer-form')?.severity).toBe(2);
  });
});
