import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExecuteCommandRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { WORD_COMMAND, type WordAnswer } from '../server/src/protocol/index.js';
import { ROOT } from './helpers.js';
import { PUSH_CLIENT, TestClient } from './lsp-client.js';

/*
 * Spelling in the editor, through the built server: the words are answered by its spelling
 * thread after the analysis that asked, so the first diagnostics come without them and the
 * findings follow; the quick fixes, and the word added to ratsfeder.yaml.
 */

const CONFIG = '# Einstellungen der Fraktion\nprofil: leipzig\n\nregeln:\n  nummer-unbekannt: aus # noch kein Register\n';

const DRAFT = `---
art: Antrag
titel: Sichere Schulwege in Connewitz
einreicher: Freibeuter-Fraktion
datum: 2026-11-02
---

## Beschlussvorschlag

Der Oberbürgermeister wird beauftragt, die Strasse vor der Schule bis 2027 umzubauen.

## Begründung

Herr Plaggemeyer hat die Gefahrenstelle gemeldet.
`;

const spelling = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.code === 'rechtschreibung').map((diagnostic) => String(diagnostic.message));

describe('spelling over the protocol', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-spelling-lsp-'));
  writeFileSync(path.join(dir, 'ratsfeder.yaml'), CONFIG);
  const uri = pathToFileURL(path.join(dir, 'schulwege.antrag.md')).href;
  let client: TestClient;

  beforeAll(async () => {
    client = new TestClient();
    await client.initialize(PUSH_CLIENT, { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'schulwege' }] });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  });
  afterAll(() => client.close());

  it('answers first without the words, then reports the slips with the word meant', async () => {
    const first = await client.diagnostics(uri);
    // The analysis does not wait for the dictionary: its words are still being asked.
    expect(spelling(first.diagnostics)).toEqual([]);
    const later = await client.diagnostics(uri, (params) => spelling(params.diagnostics).some((message) => message.includes('Gemeint')));
    expect(spelling(later.diagnostics)).toEqual(expect.arrayContaining(['„Strasse“ steht nicht im Wörterbuch. Gemeint: „Straße“?']));
    // Connewitz is one of Leipzig's districts: the profile's words.
    expect(spelling(later.diagnostics).join('\n')).not.toContain('Connewitz');
  });

  // Linux keeps a priority per thread; elsewhere the spelling thread has the process's.
  it.runIf(process.platform === 'linux')('asks a thread of the lowest priority, and the server\'s own thread keeps its priority', () => {
    const pid = client.pid!;
    /** A thread's nice value: field 19 of /proc/…/stat, counted after the command's closing parenthesis. */
    const nice = (thread: string) => Number(readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const threads = readdirSync(`/proc/${pid}/task`);
    // The server inherits this process's priority.
    expect(nice(String(pid))).toBe(getPriority());
    expect(threads.filter((thread) => nice(thread) === 19).length).toBeGreaterThanOrEqual(1);
    expect(threads.filter((thread) => nice(thread) !== 19).length).toBeGreaterThan(1);
  });

  it('offers the suggestions, adding the word and silencing the rule; fix-all changes no spelling', async () => {
    const ready = (messages: string[]) => messages.some((message) => message.startsWith('„Strasse“') && message.includes('Gemeint')) && messages.some((message) => message.startsWith('„Plaggemeyer“'));
    const diagnostics = (await client.diagnostics(uri, (params) => ready(spelling(params.diagnostics)))).diagnostics;
    const strasse = diagnostics.find((diagnostic) => String(diagnostic.message).startsWith('„Strasse“'))!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: strasse.range, context: { diagnostics: [strasse] } })) as CodeAction[];
    const titles = actions.map((action) => action.title);
    expect(titles[0]).toBe('Ändern in „Straße“');
    expect(titles).toContain('„Strasse“ zu den Wörtern des Projekts hinzufügen (ratsfeder.yaml)');
    expect(titles).toContain('Rechtschreibung an dieser Stelle nicht prüfen');
    const all = actions.find((action) => action.kind === 'source.fixAll');
    expect(all?.diagnostics?.some((diagnostic) => diagnostic.code === 'rechtschreibung') ?? false).toBe(false);
    const silence = actions.find((action) => action.title === 'Rechtschreibung an dieser Stelle nicht prüfen')!;
    expect(silence.edit?.changes?.[uri]?.map((edit) => edit.newText)).toEqual(['<!-- ratsfeder-disable rechtschreibung -->', '<!-- ratsfeder-enable rechtschreibung -->']);
  });

  it('adds a name to woerter: in ratsfeder.yaml, keeping its comments, and the finding goes', async () => {
    // Only what the server publishes after the word is added counts.
    client.clearPublished();
    const answer = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: WORD_COMMAND, arguments: [{ uri, wort: 'Plaggemeyer' }] })) as WordAnswer;
    expect(answer).toEqual({ ok: true, message: '„Plaggemeyer“ steht jetzt in den Wörtern des Projekts (ratsfeder.yaml).' });
    expect(readFileSync(path.join(dir, 'ratsfeder.yaml'), 'utf8')).toBe(`${CONFIG}woerter:\n  - Plaggemeyer\n`);
    const after = await client.diagnostics(uri, (params) => !spelling(params.diagnostics).some((message) => message.includes('Plaggemeyer')) && spelling(params.diagnostics).length > 0);
    expect(spelling(after.diagnostics)).toEqual(['„Strasse“ steht nicht im Wörterbuch. Gemeint: „Straße“?']);

    const again = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: WORD_COMMAND, arguments: [{ uri, wort: 'Plaggemeyer' }] })) as WordAnswer;
    expect(again.message).toBe('„Plaggemeyer“ steht schon in den Wörtern des Projekts (ratsfeder.yaml).');
  });

  it('checks a word typed later, in the background', async () => {
    client.clearPublished();
    const text = DRAFT.replace('Gefahrenstelle', 'Gefahrenstele');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const found = await client.diagnostics(uri, (params) => params.version === 2 && spelling(params.diagnostics).some((message) => message.startsWith('„Gefahrenstele“') && message.includes('Gemeint')));
    expect(spelling(found.diagnostics)).toContain('„Gefahrenstele“ steht nicht im Wörterbuch. Gemeint: „Gefahrenstelle“?');
    expect(client.alive).toBe(true);
  });
});

describe('the register\'s names over the protocol', () => {
  it('takes a name of one register title, and still reports a slip that stands in one title', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-spelling-names-'));
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), 'profil: leipzig\n');
    writeFileSync(
      path.join(dir, 'leipzig.register.csv'),
      'nummer;titel;art;datum\nVIII-A-00001;Radweg nach Kleinpösnitz;Antrag;2025-01-02\nVIII-A-00002;Sanierng der Turnhalle;Antrag;2025-01-03\n',
    );
    const draftUri = pathToFileURL(path.join(dir, 'radweg.antrag.md')).href;
    const text = DRAFT.replace('Sichere Schulwege in Connewitz', 'Radweg nach Kleinpösnitz').replace('Gefahrenstelle gemeldet', 'Sanierng gemeldet');
    const names = new TestClient();
    try {
      await names.initialize(PUSH_CLIENT, { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'radweg' }] });
      await names.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text } });
      const done = (messages: string[]) => messages.some((message) => message.startsWith('„Sanierng“') && message.includes('Gemeint')) && messages.some((message) => message.startsWith('„Plaggemeyer“'));
      const found = spelling((await names.diagnostics(draftUri, (params) => done(spelling(params.diagnostics)))).diagnostics);
      expect(found).toContain('„Sanierng“ steht nicht im Wörterbuch. Gemeint: „Sanierung“?');
      expect(found.join('\n')).not.toContain('Kleinpösnitz');
    } finally {
      await names.close();
    }
    // The command line, which answers every word at once, judges the same.
    writeFileSync(path.join(dir, 'radweg.antrag.md'), text);
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', 'radweg.antrag.md'], { cwd: dir, encoding: 'utf8' });
    const lines = cli.stdout.split('\n').filter((line) => line.includes('rechtschreibung'));
    expect(lines.join('\n')).toContain('„Sanierng“ steht nicht im Wörterbuch. Gemeint: „Sanierung“?');
    expect(lines.join('\n')).toContain('„Plaggemeyer“ steht nicht im Wörterbuch.');
    expect(lines.join('\n')).not.toContain('Kleinpösnitz');
  });
});
