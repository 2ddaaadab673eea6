import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  CompletionRequest,
} from 'vscode-languageserver-protocol/node';
import { check, ROOT, SLOW_DRAFT } from './helpers.js';
import { PARSE_BUDGET_MS } from '../server/src/node/parse-thread.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';
import { WorkspaceIndex } from '../server/src/register/workspace.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';

/*
 * Bad input is normal input: every case below must end in a clear finding or a clear skip
 * message, never in an exception, a hang or a dead server.
 */
const FRONT = '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n';
const nested = (depth: number) => `${FRONT}## Beschlussvorschlag\n\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- Ebene ${i}`).join('\n')}\n`;

interface Case {
  readonly name: string;
  readonly text: string;
  /** Rule ids expected among the findings (`[]`: none at all). */
  readonly ids?: readonly string[];
  /** Drafts that are not analysed, with the reason. */
  readonly skip?: 'binary' | 'too-large' | 'too-deep' | 'pathological';
}

const CASES: Case[] = [
  { name: 'invalid YAML', text: '---\nart: Antrag\ntitel: "offen\n---\n', ids: ['frontmatter-syntax'] },
  { name: 'front matter that is a list', text: '---\n- art: Antrag\n- titel: X\n---\n', ids: ['frontmatter-syntax'] },
  { name: 'front matter that is a number', text: '---\n42\n---\nart: kein\n', ids: [] },
  { name: 'unclosed front matter', text: '---\nart: Antrag\ntitel: T\n\n## Beschlussvorschlag\n', ids: ['frontmatter-syntax'] },
  { name: 'fields without fences', text: 'art: Antrag\ntitel: T\n\n## Begründung\n\nText\n', ids: ['frontmatter-syntax'] },
  { name: 'binary data', text: `${FRONT}\u0000\u0001\u0002PNG\u0000`.repeat(3), skip: 'binary' },
  { name: '10 MB Markdown', text: `${FRONT}${'Ein Absatz mit Text und VIII-F-00913.\n\n'.repeat(260_000)}`, skip: 'too-large' },
  { name: '5,000 nested list levels', text: `${FRONT}## Beschlussvorschlag\n\n${'- '.repeat(5000)}x\n`, skip: 'too-deep' },
  { name: '5,000 nested block quotes', text: `${FRONT}## Beschlussvorschlag\n\n${'>'.repeat(5000)} x\n`, skip: 'too-deep' },
  { name: '5,000 indented list levels', text: nested(5000), skip: 'too-large' },
  { name: '128 KB of link brackets', text: `${FRONT}## Beschlussvorschlag\n\n${']('.repeat(65_536)}\n`, skip: 'pathological' },
  { name: '40 indented list levels', text: nested(40), ids: ['abschnitt-fehlt'] },
  { name: 'empty file', text: '', ids: [] },
  { name: 'CRLF line endings', text: `${FRONT}## Beschlussvorschlag\n\nVIII-F-913\n\n## Begründung\n\nText\n`.replace(/\n/g, '\r\n'), ids: ['nummer-form'] },
  { name: 'a byte order mark', text: `\uFEFF${FRONT}## Begründung\n\nText\n` },
  { name: 'alias bomb in YAML', text: `---\nart: Antrag\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n`, ids: ['feld-unbekannt'] },
];

function expectIds(actual: readonly string[], expected: readonly string[] | undefined): void {
  if (expected === undefined) return;
  if (expected.length === 0) expect(actual).toEqual([]);
  else expect(actual).toEqual(expect.arrayContaining([...expected]));
}

describe('bad input through the analysis', () => {
  it.each(CASES)('$name', ({ text, ids, skip }) => {
    const { draft, findings, failures } = check(text);
    expect(failures).toEqual([]);
    if (skip) expect(draft.skip).toBe(skip);
    expectIds(findings.map((f) => f.ruleId), ids);
  });

  it('positions findings correctly with CRLF line endings', () => {
    const text = `${FRONT}## Beschlussvorschlag\n\nVIII-F-913\n\n## Begründung\n\nText\n`.replace(/\n/g, '\r\n');
    const finding = check(text).findings[0]!;
    expect(finding.start).toMatchObject({ line: 9, column: 1 });
    expect(finding.end).toMatchObject({ line: 9, column: 11 });
  });
});

const NOTICE = { binary: /Binärdaten/, 'too-large': /bis 1 MB/, 'too-deep': /zu tief verschachtelt/, pathological: /enthält 65\.536-mal „\]\(“/ };

describe('bad input through the language server', () => {
  let client: TestClient;
  beforeAll(async () => {
    client = new TestClient();
    await client.initialize(PULL_CLIENT);
  });
  afterAll(() => client.close());

  it.each(CASES)('$name: answers, then answers the next request', async ({ name, text, ids, skip }) => {
    const uri = `file:///tmp/bad-${name.replace(/\W+/g, '-')}.md`;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const diagnostics = report.kind === 'full' ? report.items : [];
    if (skip) expect(diagnostics[0]?.message).toMatch(NOTICE[skip]);
    expectIds(diagnostics.map((d) => String(d.code ?? '')).filter(Boolean), ids);
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 0 } });
    expect(client.alive).toBe(true);
  });
});

describe('bad input through the CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-bad-'));
  const run = (file: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', file], { cwd: dir, encoding: 'utf8' });

  it.each(CASES)('$name: no stack trace, a defined exit code', ({ name, text }) => {
    const file = `${name.replace(/\W+/g, '-')}.md`;
    writeFileSync(path.join(dir, file), text);
    const result = run(file);
    expect([0, 1]).toContain(result.status);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout + result.stderr).toMatch(/Entw(urf|ürfe)|übersprungen/);
  });

  it('says "binary" and "too large" for such drafts', () => {
    writeFileSync(path.join(dir, 'gross.md'), `${FRONT}${'x'.repeat(2_100_000)}`);
    expect(run('gross.md').stderr).toContain('gross.md: übersprungen – zu groß für einen Entwurf');
    writeFileSync(path.join(dir, 'bin.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0x00]));
    expect(run('bin.md').stderr).toContain('bin.md: übersprungen – Binärdatei');
    writeFileSync(path.join(dir, 'tief.md'), `${FRONT}${'- '.repeat(5000)}x\n`);
    expect(run('tief.md').stderr).toContain('tief.md: übersprungen – zu tief verschachtelt');
  });

  it('refuses a draft of 128 KB of `](` within seconds, naming the construct and the line', () => {
    writeFileSync(path.join(dir, 'klammern.md'), `${FRONT}## Beschlussvorschlag\n\n${']('.repeat(65_536)}\n`);
    const started = performance.now();
    const result = run('klammern.md');
    // Parsed, it took 35 s.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('klammern.md:9: übersprungen – enthält 65.536-mal „](“; so viele Link-Klammern hat kein Antrag');
    const json = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', 'klammern.md', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(json.stdout)).toMatchObject({ files: [{ file: 'klammern.md', skipped: 'pathological' }] });
  });

  it('stops a draft whose parse the estimate lets through within seconds, and goes on with the next file', { timeout: 60_000 }, () => {
    writeFileSync(path.join(dir, 'langsam.md'), SLOW_DRAFT);
    writeFileSync(path.join(dir, 'gut.md'), `${FRONT}## Beschlussvorschlag\n\nText\n\n## Begründung\n\nText\n`);
    const started = performance.now();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', 'langsam.md', 'gut.md', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    // Parsed in one go, it takes minutes; the budget stops it.
    expect(performance.now() - started).toBeLessThan(PARSE_BUDGET_MS + 15_000);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^langsam\.md:10: übersprungen – das Einlesen wurde nach 5 Sekunden abgebrochen, weil es zu lange dauerte; vermutlich liegt es an Link-Klammern/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(result.stdout)).toMatchObject({ files: [{ file: 'langsam.md', skipped: 'too-slow', findings: [] }, { file: 'gut.md', findings: [] }] });
  });

  it('refuses to export such a draft within seconds, saying why and where, and writes nothing', { timeout: 60_000 }, () => {
    writeFileSync(path.join(dir, 'langsam.md'), SLOW_DRAFT);
    const started = performance.now();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'export', 'langsam.md'], { cwd: dir, encoding: 'utf8' });
    expect(performance.now() - started).toBeLessThan(PARSE_BUDGET_MS + 15_000);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ratsfeder: langsam\.md:10: Das Einlesen wurde nach 5 Sekunden abgebrochen, weil es zu lange dauerte; der Entwurf wird nicht exportiert\. Vermutlich liegt es an Link-Klammern/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'langsam.docx'))).toBe(false);
  });

  it('stops such a draft within seconds when it is the query of register similar', { timeout: 60_000 }, () => {
    writeFileSync(path.join(dir, 'langsam.md'), SLOW_DRAFT);
    const started = performance.now();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'register', 'similar', 'langsam.md'], { cwd: dir, encoding: 'utf8' });
    expect(performance.now() - started).toBeLessThan(PARSE_BUDGET_MS + 15_000);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('ratsfeder: langsam.md: das Einlesen wurde abgebrochen, weil es zu lange dauerte; „ratsfeder check langsam.md“ sagt, woran es liegt\n');
  });

  it('reads a BOM file like one without', () => {
    writeFileSync(path.join(dir, 'bom.md'), `\uFEFF${FRONT}## Beschlussvorschlag\n\nText\n\n## Begründung\n\nText\n`);
    const result = run('bom.md');
    expect(result.stdout).toContain('keine Befunde');
  });
});

describe('a hostile draft on disk', () => {
  it('is indexed in linear time, whatever its heading lines hold', { timeout: 20_000 }, () => {
    // A heading of a million blanks between two words: a backtracking pattern takes hours.
    const text = `---\nart: Antrag\ntitel: T\nnummer: VIII-A-00001\n---\n\n## a${' '.repeat(1_000_000)}b\n\n## Beschlussvorschlag\n\nText.\n`;
    const index = new WorkspaceIndex(compileProfile(DEFAULT_PROFILE));
    index.update('file:///boese.md', text);
    expect(index.asRegister().get('VIII-A-00001')?.text).toBe('Text.');
  });
});

describe('a front-matter value with a collection as a key', () => {
  it('is read without a warning from the YAML library on stderr', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-yaml-'));
    writeFileSync(path.join(dir, 'w.md'), '---\nart: Antrag\ntitel: {[a]: b}\n---\n');
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', 'w.md', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
  });
});
