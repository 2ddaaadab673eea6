import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Document, Header, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { PULL_CLIENT, TestClient } from './lsp-client.js';
import { startOparlServer, type OparlServer } from './oparl-server.js';

/*
 * Workspace trust over the real protocol. A workspace's ratsfeder.yaml may name an OParl
 * address to fetch from and a letterhead to open; in a workspace the editor does not trust
 * (`initializationOptions.trusted: false`) the server uses neither, and says so.
 */

const LETTERHEAD_MARK = 'Briefkopf der Testfraktion';

const DRAFT = `---
art: Antrag
titel: Sitzbänke am Markt
einreicher: Freibeuter-Fraktion
datum: 2025-05-14
---

## Beschlussvorschlag

Der Oberbürgermeister wird beauftragt, am Markt zehn Sitzbänke aufzustellen.

## Begründung

Wer einkauft, möchte sich setzen.
`;

function paper(base: string, n: number): Record<string, unknown> {
  return {
    id: `${base}/paper/${n}`,
    type: 'https://schema.oparl.org/1.1/Paper',
    reference: `VIII-A-${String(n).padStart(5, '0')}`,
    name: `Antrag Nummer ${n}`,
    date: '2025-05-14',
    modified: '2025-05-20T10:00:00+02:00',
  };
}

/** One body with `count` papers on one page. */
function publish(server: OparlServer, count: number): void {
  const { base } = server;
  server.json('/oparl/system', { id: `${base}/oparl/system`, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', body: `${base}/oparl/bodies` });
  server.list('/oparl/bodies', [[{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${base}/oparl/body/1/papers` }]]);
  server.list('/oparl/body/1/papers', [Array.from({ length: count }, (_, index) => paper(base, index + 1))]);
}

/** A workspace folder with `files` (relative path → content). */
function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-trust-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/** A VS Code-like client on `dir`; `trusted` is left out of the options when undefined. */
async function start(dir: string, trusted: boolean | undefined, settings: Record<string, unknown> = {}): Promise<TestClient> {
  const client = new TestClient();
  clients.push(client);
  client.settings = settings;
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-trust-cache-'));
  await client.initialize(PULL_CLIENT, {
    locale: 'de',
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'arbeitsbereich' }],
    initializationOptions: { cacheDir, ...(trusted === undefined ? {} : { trusted }) },
  });
  return client;
}

type SyncAnswer = { ok: boolean; message: string; papers?: number; cancelled?: boolean };

function sync(client: TestClient): Promise<SyncAnswer> {
  return client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{}] }) as Promise<SyncAnswer>;
}

describe('register sync and workspace trust', () => {
  let council: OparlServer;
  let other: OparlServer;
  let dir: string;
  beforeAll(async () => {
    council = await startOparlServer();
    other = await startOparlServer();
    publish(council, 3);
    publish(other, 2);
    dir = workspace({ 'ratsfeder.yaml': `register:\n  oparl: ${council.base}/oparl/system\n`, 'antrag.md': DRAFT });
  });
  afterAll(async () => {
    await council.close();
    await other.close();
  });

  it.each([
    ['trusted', true],
    ['trust goes unmentioned', undefined],
  ])('syncs from the address in ratsfeder.yaml when %s', async (_name, trusted) => {
    const before = council.requests.length;
    const answer = await sync(await start(dir, trusted));
    expect(answer).toMatchObject({ ok: true, papers: 3 });
    expect(council.requests.slice(before)).toContain('/oparl/system');
  });

  it('does not fetch from the address in ratsfeder.yaml when untrusted', async () => {
    const before = council.requests.length;
    const client = await start(dir, false);
    const answer = await sync(client);
    expect(answer.ok).toBe(false);
    expect(answer.cancelled).toBeUndefined();
    // The user learns why the configured address is not used, and what to do.
    expect(answer.message).toMatch(/^Der Arbeitsbereich ist nicht als vertrauenswürdig eingestuft: die OParl-Adresse http:\/\/127\.0\.0\.1:\d+\/oparl\/system aus ratsfeder\.yaml wird nicht verwendet\./);
    expect(council.requests.slice(before)).toEqual([]);
    expect(client.messages).toContain(answer.message);
  });

  it.each([
    ['ratsinformationssystem', 'its name'],
    ['oparl', 'its former name'],
  ])('still syncs from the address in the editor settings when untrusted (%s, %s)', async (key) => {
    const before = { council: council.requests.length, other: other.requests.length };
    const answer = await sync(await start(dir, false, { register: { [key]: `${other.base}/oparl/system` } }));
    expect(answer).toMatchObject({ ok: true, papers: 2 });
    expect(other.requests.length).toBeGreaterThan(before.other);
    expect(council.requests.length).toBe(before.council);
  });
});

/** A letterhead with every placeholder the export needs and a header of its own. */
async function letterhead(): Promise<Buffer> {
  const document = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun(`${LETTERHEAD_MARK} · {{art}}`)] })] }) },
        children: [new Paragraph({ children: [new TextRun('Unser Zeichen: {{titel}}')] }), new Paragraph({ children: [new TextRun('{{inhalt}}')] })],
      },
    ],
  });
  return Packer.toBuffer(document);
}

type ExportAnswer = { ok: boolean; file?: string; notice?: string; kind?: string; message?: string };

function exportDraft(client: TestClient, draft: string, out: string): Promise<ExportAnswer> {
  return client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri: pathToFileURL(draft).href, out }] }) as Promise<ExportAnswer>;
}

/** The plain text of every part of a DOCX whose name matches `part`, one line per paragraph. */
async function partsText(file: string, part: RegExp): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files).filter((name) => part.test(name));
  const xml = await Promise.all(names.map((name) => zip.file(name)!.async('string')));
  return xml.map((text) => text.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '')).join('\n');
}

describe('export and workspace trust', () => {
  it('fills the letterhead from ratsfeder.yaml only when trusted', async () => {
    const dir = workspace({ 'ratsfeder.yaml': 'export:\n  vorlage: vorlagen/briefkopf.docx\n', 'vorlagen/briefkopf.docx': await letterhead(), 'antrag.md': DRAFT });
    const draft = path.join(dir, 'antrag.md');
    const template = path.join(dir, 'vorlagen', 'briefkopf.docx');

    const trusted = await exportDraft(await start(dir, true), draft, 'vertraut.docx');
    expect(trusted).toEqual({ ok: true, file: path.join(dir, 'vertraut.docx'), uri: pathToFileURL(path.join(dir, 'vertraut.docx')).href });
    expect(await partsText(trusted.file!, /^word\/header\d*\.xml$/)).toContain(`${LETTERHEAD_MARK} · Antrag`);
    expect(await partsText(trusted.file!, /^word\/document\.xml$/)).toContain('Unser Zeichen: Sitzbänke am Markt');

    const untrusted = await exportDraft(await start(dir, false), draft, 'fremd.docx');
    expect(untrusted).toMatchObject({ ok: true, file: path.join(dir, 'fremd.docx') });
    expect(untrusted.notice).toContain(template);
    expect(untrusted.notice).toMatch(/nicht als vertrauenswürdig/);
    // Our own layout: nothing of the letterhead, the draft's title in the body.
    expect(await partsText(untrusted.file!, /^word\/(header\d*|document)\.xml$/)).not.toContain(LETTERHEAD_MARK);
    const body = await partsText(untrusted.file!, /^word\/document\.xml$/);
    expect(body).not.toContain('Unser Zeichen');
    expect(body).toContain('Sitzbänke am Markt');
  });

  it('does not even read the letterhead when untrusted', async () => {
    // A template that does not exist: reading it is what fails the trusted export.
    const dir = workspace({ 'ratsfeder.yaml': 'export:\n  vorlage: fehlt.docx\n', 'antrag.md': DRAFT });
    const draft = path.join(dir, 'antrag.md');
    const template = path.join(dir, 'fehlt.docx');

    const trusted = await exportDraft(await start(dir, true), draft, 'vertraut.docx');
    expect(trusted).toMatchObject({ ok: false, kind: 'template' });
    expect(trusted.message).toContain(template);
    expect(existsSync(path.join(dir, 'vertraut.docx'))).toBe(false);

    const untrusted = await exportDraft(await start(dir, false), draft, 'fremd.docx');
    expect(untrusted).toMatchObject({ ok: true, file: path.join(dir, 'fremd.docx') });
    expect(untrusted.notice).toContain(template);
    expect(readFileSync(untrusted.file!).subarray(0, 2).toString()).toBe('PK');
  });

  it('fills the letterhead the editor setting names where ratsfeder.yaml names none, only when trusted', async () => {
    const dir = workspace({ 'ratsfeder.yaml': 'regeln:\n  nummer-form: fehler\n', 'vorlagen/kopf.docx': await letterhead(), 'antrag.md': DRAFT });
    const draft = path.join(dir, 'antrag.md');
    const settings = { export: { briefkopf: 'vorlagen/kopf.docx' } };

    const trusted = await exportDraft(await start(dir, true, settings), draft, 'vertraut.docx');
    expect(trusted).toMatchObject({ ok: true, file: path.join(dir, 'vertraut.docx') });
    expect(await partsText(trusted.file!, /^word\/header\d*\.xml$/)).toContain(`${LETTERHEAD_MARK} · Antrag`);

    const untrusted = await exportDraft(await start(dir, false, settings), draft, 'fremd.docx');
    expect(untrusted.notice).toContain(path.join(dir, 'vorlagen', 'kopf.docx'));
    expect(await partsText(untrusted.file!, /^word\/(header\d*|document)\.xml$/)).not.toContain(LETTERHEAD_MARK);
  });

  it('gives no notice when ratsfeder.yaml names no letterhead', async () => {
    const dir = workspace({ 'ratsfeder.yaml': 'regeln:\n  nummer-form: fehler\n', 'antrag.md': DRAFT });
    const answer = await exportDraft(await start(dir, false), path.join(dir, 'antrag.md'), 'fremd.docx');
    expect(answer).toEqual({ ok: true, file: path.join(dir, 'fremd.docx'), uri: pathToFileURL(path.join(dir, 'fremd.docx')).href });
  });
});
