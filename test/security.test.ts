import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync, gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentLinkRequest,
  ExecuteCommandRequest,
  HoverRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type MarkupContent,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { WORD_COMMAND } from '../server/src/protocol/index.js';
import { parseMarkdown } from '../server/src/analysis/parse.js';
import { SyncError, syncOparl } from '../server/src/node/oparl.js';
import { syncText } from '../server/src/node/sync-messages.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { ROOT } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';
import { startOparlServer, type OparlServer } from './oparl-server.js';

/*
 * The security review of SECURITY.md, one describe per point. Register data, OParl answers
 * and draft text are hostile here; the assertions are about what reaches the editor (over the
 * real protocol), what the export writes, what the sync fetches, what the bundles can execute
 * and how a bad ratsfeder.yaml is treated.
 */

/** Markup that must stay text wherever it shows up. */
const HOSTILE = {
  command: '[x](command:workbench.action.terminal.new)',
  html: '<img src=x onerror=alert(1)>',
  bold: '**bold**',
  code: '`code`',
  js: '[y](javascript:alert(1))',
  image: '![i](https://evil.example/t.png)',
  entity: '&lt;b&gt;',
  comment: '<!-- c -->',
};
const HOSTILE_TEXT = Object.values(HOSTILE).join(' ');

/** `url` columns that must never become a link; the last one is http(s), but must stay one link. */
const HOSTILE_URLS = [
  'command:workbench.action.terminal.new',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'vscode://file/etc/passwd',
  'JavaScript:alert(1)',
  'https://ok.example/a b)(command:x)"<y>',
];

const csvField = (text: string) => `"${text.replace(/"/g, '""')}"`;
const NUMBERS = HOSTILE_URLS.map((_, index) => `VIII-DS-0900${index + 1}`);
const REGISTER_CSV = [
  'nummer,titel,art,datum,url',
  ...HOSTILE_URLS.map((url, index) => [NUMBERS[index]!, csvField(`Trinkbrunnen Stadtteile ${HOSTILE_TEXT}`), csvField(`<b>Vorlage</b> ${HOSTILE.command}`), '2025-04-02', csvField(url)].join(',')),
].join('\n');

const HOSTILE_DRAFT_NUMBER = 'VIII-A-09100';

const FILES: Record<string, string> = {
  'feindlich.register.csv': `${REGISTER_CSV}\n`,
  // A draft of the workspace is register data for every other draft: its title is hostile too.
  'feind.antrag.md': `---\nart: Antrag\ntitel: ${JSON.stringify(`Feind ${HOSTILE_TEXT}`)}\neinreicher: X\nnummer: ${HOSTILE_DRAFT_NUMBER}\n---\n\n## Beschlussvorschlag\n\nNichts.\n`,
  'zitiert.antrag.md': `---
art: Antrag
titel: Zitiert alles
einreicher: Freibeuter-Fraktion
datum: 2025-05-14
---

## Beschlussvorschlag

Der Oberbürgermeister wird beauftragt, nichts zu tun.

## Begründung

Siehe ${NUMBERS.join(', ')} und ${HOSTILE_DRAFT_NUMBER}.

Weiter VIII-DS-09
`,
  'brunnen.antrag.md': `---
art: Antrag
titel: Trinkbrunnen in allen Stadtteilen
einreicher: Freibeuter-Fraktion
datum: 2025-05-14
---

## Beschlussvorschlag

Der Oberbürgermeister wird beauftragt, Trinkbrunnen in allen Stadtteilen aufzustellen.
`,
  'aenderung.md': `---
art: Änderungsantrag
titel: Änderung
einreicher: Freibeuter-Fraktion
bezug: ${NUMBERS[0]}
---

## Beschlussvorschlag

\`\`\`aenderung
stelle: ${JSON.stringify(`Punkt 1 ${HOSTILE.command} ${HOSTILE.html}`)}
alt: ${JSON.stringify(`Trinkbrunnen ${HOSTILE.html} ${HOSTILE.bold}`)}
neu: ${JSON.stringify(`Trinkbrunnen ${HOSTILE.code} ${HOSTILE.js} <script>alert(1)</script>`)}
\`\`\`
`,
};

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

/**
 * Reads hover or completion Markdown as CommonMark + GFM (the project's own parser) and
 * asserts that it is inert: no HTML, images, references or code, links to http(s) only, and
 * every hostile string that went in appears in the rendered text as the literal it was.
 */
function expectInert(markdown: string, literals: readonly string[] = []): { links: string[]; text: string } {
  const tree: Root = parseMarkdown(markdown);
  const links: string[] = [];
  walk(tree, (node) => {
    expect(['html', 'image', 'imageReference', 'linkReference', 'definition', 'inlineCode', 'code', 'footnoteReference', 'footnoteDefinition', 'yaml']).not.toContain(node.type);
    if (node.type !== 'link') return;
    // GFM autolink literals: a renderer that applies them after escapes (micromark does, VS Code's
    // marked does not) links a URL or address that is visible as such in the text. No disguise,
    // and never a command: or file: link; see SECURITY.md.
    const shown = toString(node);
    if (shown === node.url || `http://${shown}` === node.url || `mailto:${shown}` === node.url) {
      expect(node.url).toMatch(/^(https?|mailto|xmpp):/);
      return;
    }
    links.push(node.url);
  });
  for (const link of links) expect(isWebUrl(link), `link ${link}`).toBe(true);
  // Markdown links the server wrote itself point to https only (the profile's and the register's pages).
  expect(markdown).not.toMatch(/(?<!\\)\]\((?!https?:)/);
  const text = toString(tree);
  for (const literal of literals) expect(text).toContain(literal);
  return { links, text };
}

function markdownOf(content: Hover['contents'] | CompletionItem['documentation']): string {
  expect(content).toMatchObject({ kind: 'markdown' });
  return (content as MarkupContent).value;
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

/** Every file below `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const PAPERS = [
  { reference: 'VIII-DS-09201', name: `Trinkbrunnen OParl ${HOSTILE_TEXT}`, web: 'command:workbench.action.terminal.new', paperType: `<b>Vorlage</b> ${HOSTILE.code}` },
  { reference: 'VIII-DS-09202', name: `OParl ${HOSTILE.js}`, web: 'javascript:alert(1)' },
  { reference: 'VIII-DS-09203', name: 'OParl file', web: 'file:///etc/passwd' },
  { reference: 'VIII-DS-09204', name: 'OParl ok', web: 'https://ratsinfo.example/vo/9204' },
];

function publishHostile(server: OparlServer): void {
  const { base } = server;
  server.json('/oparl/system', { id: `${base}/oparl/system`, type: 'https://schema.oparl.org/1.1/System', body: `${base}/oparl/bodies` });
  server.list('/oparl/bodies', [[{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt', paper: `${base}/oparl/body/1/papers` }]]);
  server.list('/oparl/body/1/papers', [
    PAPERS.map((paper, index) => ({ id: `${base}/oparl/paper/${index + 1}`, type: 'https://schema.oparl.org/1.1/Paper', date: '2025-05-14', modified: '2025-05-20T10:00:00+02:00', ...paper })),
  ]);
}

describe('1 and 2: register data and draft text reach the editor as text, links only to the web', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-sicherheit-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(dir, name), text);
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const workspaceDraft = (target: string) => target.startsWith('file:') && target.startsWith(pathToFileURL(dir).href + '/') && target.endsWith('.md');
  let client: TestClient;
  let oparl: OparlServer;
  const responses: unknown[] = [];

  function at(name: string, needle: string, shift = 0) {
    const text = FILES[name]!;
    const offset = text.indexOf(needle) + shift;
    expect(text.indexOf(needle)).toBeGreaterThanOrEqual(0);
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  }

  async function hover(name: string, needle: string, shift = 2): Promise<string> {
    const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(name) }, position: at(name, needle, shift) });
    responses.push(result);
    expect(result).not.toBeNull();
    return markdownOf(result!.contents);
  }

  beforeAll(async () => {
    oparl = await startOparlServer();
    publishHostile(oparl);
    client = new TestClient();
    const indexed = client.nextRefresh();
    await client.initialize(
      { ...PULL_CLIENT, workspace: { ...PULL_CLIENT.workspace, symbol: { resolveSupport: { properties: ['location.range'] } } } },
      { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'sicherheit' }], initializationOptions: { cacheDir: mkdtempSync(path.join(tmpdir(), 'ratsfeder-sicherheit-cache-')) } },
    );
    await indexed;
    for (const [name, text] of Object.entries(FILES)) {
      if (name.endsWith('.md')) await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'markdown', version: 1, text } });
    }
  });
  afterAll(async () => {
    // Whatever the server answered: no MarkupContent or MarkdownString asked to be trusted.
    expect(JSON.stringify(responses)).not.toMatch(/isTrusted|supportHtml|supportThemeIcons/);
    await client.close();
    await oparl.close();
  });

  it.each(NUMBERS.map((nummer, index) => [nummer, HOSTILE_URLS[index]!]))('hovers %s (url %s) escaped, with web links only', async (nummer, url) => {
    const value = await hover('zitiert.antrag.md', nummer);
    const { links, text } = expectInert(value, [...Object.values(HOSTILE), `<b>Vorlage</b>`]);
    expect(text).toContain(nummer);
    // The entry's own URL only if it is http(s); else the profile's search page for the number.
    if (isWebUrl(url)) expect(links).toEqual([new URL(url).href.replace(/\(/g, '%28').replace(/\)/g, '%29')]);
    else expect(links).toEqual([`https://ratsinformation.leipzig.de/allris_leipzig_public/suche?q=${nummer}`]);
    expect(value).not.toMatch(/\]\((?!https:)/);
  });

  it('hovers a workspace draft with a hostile title escaped', async () => {
    const value = await hover('zitiert.antrag.md', HOSTILE_DRAFT_NUMBER);
    expectInert(value, [`Feind ${HOSTILE_TEXT}`]);
  });

  it('completes numbers with escaped documentation and plain-text labels', async () => {
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('zitiert.antrag.md') }, position: at('zitiert.antrag.md', 'Weiter VIII-DS-09', 'Weiter VIII-DS-09'.length) });
    responses.push(result);
    const found = items(result).filter((item) => NUMBERS.includes(String(item.label)));
    expect(found.map((item) => item.label).sort()).toEqual([...NUMBERS].sort());
    for (const item of found) {
      expect(item.command).toBeUndefined();
      expect(item.insertTextFormat).not.toBe(2);
      expect(item.textEdit).toMatchObject({ newText: item.label });
      const { links } = expectInert(markdownOf(item.documentation), [...Object.values(HOSTILE)]);
      for (const link of links) expect(link.startsWith('https://')).toBe(true);
    }
  });

  it('lists similar documents in the title hover escaped, with web links only', async () => {
    const value = await hover('brunnen.antrag.md', 'titel:', 2);
    expect(value).toMatch(/^\*\*Ähnliche Dokumente im Register\*\*/);
    const { links } = expectInert(value, [HOSTILE.command, HOSTILE.html, HOSTILE.bold]);
    expect(links.length).toBeGreaterThan(0);
  });

  it('shows an amendment with hostile wording as struck and inserted text, nothing else', async () => {
    const value = await hover('aenderung.md', 'alt:', 2);
    // The word diff interleaves the old and new wording, so only whole pieces are compared.
    const { links, text } = expectInert(value, [HOSTILE.command, HOSTILE.html, HOSTILE.bold, HOSTILE.code, HOSTILE.js]);
    expect(links).toEqual([]);
    expect(text).toContain('Punkt 1');
  });

  it('links numbers only to http(s) pages or to drafts of the workspace', async () => {
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: uri('zitiert.antrag.md') } });
    responses.push(links);
    const targets = (links ?? []).map((link) => link.target!);
    expect(targets.length).toBeGreaterThanOrEqual(NUMBERS.length);
    for (const target of targets) expect(isWebUrl(target) || workspaceDraft(target), target).toBe(true);
    expect(targets).toContain(uri('feind.antrag.md'));
    // The hostile https URL stays one https link (its `(command:x)` is part of the path).
    expect(targets).toContain('https://ok.example/a b)(command:x)"<y>');
    for (const target of targets) expect(target.toLowerCase()).not.toMatch(/^(command|javascript|data|vscode):|^file:\/\/\/etc/);
  });

  it('gives workspace symbols only http(s) or workspace-draft locations', async () => {
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Trinkbrunnen' })) as WorkspaceSymbol[];
    responses.push(symbols);
    expect(symbols.length).toBeGreaterThan(0);
    for (const symbol of symbols) expect(isWebUrl(symbol.location.uri) || workspaceDraft(symbol.location.uri), symbol.location.uri).toBe(true);
  });

  it('gives code actions as edits of the draft itself, never commands but the one that adds a word of it to ratsfeder.yaml', async () => {
    for (const name of ['zitiert.antrag.md', 'aenderung.md', 'feind.antrag.md']) {
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri(name) } });
      const diagnostics: Diagnostic[] = report.kind === 'full' ? report.items : [];
      for (const diagnostic of diagnostics) if (diagnostic.codeDescription) expect(diagnostic.codeDescription.href).toMatch(/^https:\/\/github\.com\/ratsfeder\/ratsfeder\//);
      const lines = FILES[name]!.split('\n').length;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uri(name) },
        range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
        context: { diagnostics },
      })) as (CodeAction | Command)[] | null;
      responses.push(actions);
      for (const action of actions ?? []) {
        const command = 'command' in action ? action.command : undefined;
        if (command !== undefined) {
          // Spelling's "add to the project's words" (once the dictionary has answered): the
          // server's own command, for this draft and a word that stands in it, nothing else.
          const { uri: of, wort } = (typeof command === 'string' ? {} : (command.arguments?.[0] ?? {})) as { uri?: string; wort?: string };
          expect(typeof command === 'string' ? command : command.command, JSON.stringify(action)).toBe(WORD_COMMAND);
          expect(of).toBe(uri(name));
          expect(FILES[name]!.includes(wort ?? '\u0000'), JSON.stringify(action)).toBe(true);
          expect((action as CodeAction).edit).toBeUndefined();
          continue;
        }
        expect(Object.keys((action as CodeAction).edit?.changes ?? {})).toEqual([uri(name)]);
        expect((action as CodeAction).edit?.documentChanges).toBeUndefined();
      }
    }
  });

  it('treats papers from an OParl sync the same way', async () => {
    const answer = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{ oparl: `${oparl.base}/oparl/system` }] })) as { ok: boolean; papers: number };
    expect(answer).toMatchObject({ ok: true, papers: PAPERS.length });
    const text = `---\nart: Antrag\ntitel: OParl\neinreicher: X\n---\n\n## Begründung\n\n${PAPERS.map((paper) => paper.reference).join(', ')}\n`;
    const draft = path.join(dir, 'oparl.antrag.md');
    writeFileSync(draft, text);
    FILES['oparl.antrag.md'] = text;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('oparl.antrag.md'), type: 1 }] });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri('oparl.antrag.md'), languageId: 'markdown', version: 1, text } });
    const first = await hover('oparl.antrag.md', 'VIII-DS-09201');
    expectInert(first, [HOSTILE.command, HOSTILE.html, HOSTILE.bold, HOSTILE.code, '<b>Vorlage</b>']);
    expect(first).toContain('Quelle: OParl');
    expect(expectInert(await hover('oparl.antrag.md', 'VIII-DS-09202')).links).toEqual(['https://ratsinformation.leipzig.de/allris_leipzig_public/suche?q=VIII-DS-09202']);
    expect(expectInert(await hover('oparl.antrag.md', 'VIII-DS-09203')).links).toEqual(['https://ratsinformation.leipzig.de/allris_leipzig_public/suche?q=VIII-DS-09203']);
    expect(expectInert(await hover('oparl.antrag.md', 'VIII-DS-09204')).links).toEqual(['https://ratsinfo.example/vo/9204']);
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: uri('oparl.antrag.md') } });
    for (const link of links ?? []) expect(isWebUrl(link.target!), link.target).toBe(true);
  });

  it('leaves hover trust to the client, and the VS Code client does not grant it', () => {
    // LSP's MarkupContent has no trust flag; vscode-languageclient renders it untrusted unless
    // its `markdown` client option says otherwise. Nothing in the extension may say so.
    const sources = readdirSync(path.join(ROOT, 'client', 'src'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(0);
    for (const name of sources) {
      const text = readFileSync(path.join(ROOT, 'client', 'src', name), 'utf8');
      expect(text, name).not.toMatch(/isTrusted\s*[:=]\s*(true|\{)|supportHtml|enabledCommands/);
    }
  });
});

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
const OTHER = DRAFT.replace('Sitzbänke am Markt', 'Ein anderer Entwurf');

type ExportAnswer = { ok: boolean; file?: string; kind?: string; message?: string };

/**
 * VS Code renders `[label](href)` in notification messages as a link and opens it with
 * `allowCommands: true` (workbench notificationsViewer + base/common/linkedText.ts), so a
 * message shown with showErrorMessage & co. must not contain this syntax from data.
 */
const VSCODE_NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const TRAP = '[Details](command:workbench.action.terminal.new)';

describe('2: texts the editor shows as notifications carry no links from data', () => {
  const clients: TestClient[] = [];
  let oparl: OparlServer;
  beforeAll(async () => {
    oparl = await startOparlServer();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await oparl.close();
  });

  async function start(files: Record<string, string>, trusted: boolean): Promise<{ client: TestClient; dir: string }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-sicherheit-meldung-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const client = new TestClient();
    clients.push(client);
    await client.initialize(PULL_CLIENT, {
      locale: 'de',
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'meldung' }],
      initializationOptions: { trusted, cacheDir: mkdtempSync(path.join(tmpdir(), 'ratsfeder-sicherheit-cache-')) },
    });
    return { client, dir };
  }

  function expectNoLinks(texts: readonly string[]): void {
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toMatch(VSCODE_NOTIFICATION_LINK);
  }

  // SyncError texts quote URLs from the OParl server (server/src/node/oparl.ts); the server shows
  // them link-free (`shown` in server/src/lsp/context.ts). The second case shows that an http(s)
  // URL can carry a link too: the URL parser leaves `[`, `]`, `(` and `)` in a path as they are.
  it.each([
    ['a links.next that is not http(s)', () => `javascript:${TRAP}`],
    ['an http links.next that answers 404', (base: string) => `${base}/fehlt/${TRAP}`],
  ])('says so about %s without a link', async (_name, next) => {
    const { base } = oparl;
    oparl.json('/meldung/system', { id: `${base}/meldung/system`, type: 'https://schema.oparl.org/1.1/System', body: `${base}/meldung/bodies` });
    oparl.json('/meldung/bodies', { data: [], links: { next: next(base) } });
    const { client } = await start({}, true);
    const answer = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{ oparl: `${base}/meldung/system` }] })) as { ok: boolean; message: string };
    expect(answer.ok).toBe(false);
    expectNoLinks([answer.message, ...client.messages]);
  });

  // The untrusted-workspace sync warning quotes the address from ratsfeder.yaml.
  it('warns about an untrusted OParl address without a link', async () => {
    const { client } = await start({ 'ratsfeder.yaml': `register:\n  oparl: ${JSON.stringify(`https://rat.example/${TRAP}`)}\n` }, false);
    const answer = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{}] })) as { ok: boolean; message: string };
    expect(answer.ok).toBe(false);
    expectNoLinks([answer.message, ...client.messages]);
  });

  // The export's untrusted-letterhead notice quotes `export: vorlage:`; client/src/export.ts shows it.
  it('notes an unused letterhead of an untrusted workspace without a link', async () => {
    const { client, dir } = await start({ 'ratsfeder.yaml': `export:\n  vorlage: ${JSON.stringify(TRAP)}\n`, 'antrag.md': DRAFT }, false);
    const answer = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri: pathToFileURL(path.join(dir, 'antrag.md')).href, out: 'a.docx' }] })) as { ok: boolean; notice?: string };
    expect(answer.ok).toBe(true);
    expectNoLinks([answer.notice ?? '']);
  });

  // Finding messages quote the draft's values; client/src/export.ts joins them into a notification.
  it('refuses a draft with a hostile value without a link in what the editor shows', async () => {
    const { client, dir } = await start({ 'antrag.md': DRAFT.replace('datum: 2025-05-14', `datum: ${JSON.stringify(TRAP)}`) }, true);
    const answer = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri: pathToFileURL(path.join(dir, 'antrag.md')).href, out: 'a.docx' }] })) as { ok: boolean; kind: string; message: string; findings: { message: string }[] };
    expect(answer).toMatchObject({ ok: false, kind: 'errors' });
    expectNoLinks([answer.message, ...answer.findings.map((finding) => finding.message)]);
  });
});


describe('3: the export writes only the target it resolves, never a draft', () => {
  let client: TestClient;
  beforeAll(async () => {
    client = new TestClient();
    await client.initialize(PULL_CLIENT, { locale: 'de', initializationOptions: { cacheDir: mkdtempSync(path.join(tmpdir(), 'ratsfeder-sicherheit-cache-')) } });
  });
  afterAll(() => client.close());

  /** `root/a/b/antrag.md` and `root/a/b/andere.md`, so that `../../` stays inside `root`. */
  function project(): { root: string; folder: string; draft: string; other: string } {
    const root = mkdtempSync(path.join(tmpdir(), 'ratsfeder-sicherheit-export-'));
    const folder = path.join(root, 'a', 'b');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'antrag.md'), DRAFT);
    writeFileSync(path.join(folder, 'andere.md'), OTHER);
    return { root, folder, draft: path.join(folder, 'antrag.md'), other: path.join(folder, 'andere.md') };
  }

  function exportTo(draft: string, out?: string, overwrite = false): Promise<ExportAnswer> {
    return client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri: pathToFileURL(draft).href, ...(out === undefined ? {} : { out }), ...(overwrite ? { overwrite } : {}) }] }) as Promise<ExportAnswer>;
  }

  it('resolves a relative target against the draft folder and writes exactly that file', async () => {
    const { root, folder, draft } = project();
    const before = tree(root);
    const answer = await exportTo(draft, '../../x.docx');
    // The client chose the target: `..` is allowed, and it is the draft's folder it is relative to.
    expect(answer).toMatchObject({ ok: true, file: path.join(root, 'x.docx') });
    expect(path.resolve(folder, '../../x.docx')).toBe(answer.file);
    expect(tree(root)).toEqual([...before, 'x.docx'].sort());
    expect(readFileSync(answer.file!).subarray(0, 2).toString()).toBe('PK');
  });

  it.each([
    ['the draft itself', 'antrag.md', 'target'],
    ['the draft as a file: URI', 'DRAFT_URI', 'target'],
    ['another draft', 'andere.md', 'target'],
    ['another draft, upper case', 'ANDERE.MD', 'target'],
    ['a .markdown file', 'neu.markdown', 'target'],
    ['a folder', '.', 'target'],
    ['a file in a missing folder', 'fehlt/x.docx', 'target'],
    ['a file below a file', 'antrag.md/x.docx', 'target'],
  ])('refuses %s and writes nothing', async (_name, out, kind) => {
    const { root, draft, other } = project();
    const before = tree(root);
    const answer = await exportTo(draft, out === 'DRAFT_URI' ? pathToFileURL(draft).href : out);
    expect(answer).toMatchObject({ ok: false, kind });
    expect(tree(root)).toEqual(before);
    expect(readFileSync(draft, 'utf8')).toBe(DRAFT);
    expect(readFileSync(other, 'utf8')).toBe(OTHER);
  });

  it('refuses a .docx symlink to the draft, and replaces a .docx symlink to another draft only when asked, without following it', async () => {
    const { folder, draft, other } = project();
    symlinkSync(draft, path.join(folder, 'zum-entwurf.docx'));
    expect(await exportTo(draft, 'zum-entwurf.docx')).toMatchObject({ ok: false, kind: 'target' });
    expect(readFileSync(draft, 'utf8')).toBe(DRAFT);

    // The link's target is not the draft being exported, so the name counts; the rename
    // replaces the link itself, so the other draft behind it is never written.
    symlinkSync(other, path.join(folder, 'zum-anderen.docx'));
    // What it points to is no export of Ratsfeder's: not replaced unasked.
    expect(await exportTo(draft, 'zum-anderen.docx')).toMatchObject({ ok: false, kind: 'overwrite' });
    expect(lstatSync(path.join(folder, 'zum-anderen.docx')).isSymbolicLink()).toBe(true);
    const answer = await exportTo(draft, 'zum-anderen.docx', true);
    expect(answer).toMatchObject({ ok: true, file: path.join(folder, 'zum-anderen.docx') });
    expect(readFileSync(other, 'utf8')).toBe(OTHER);
    expect(lstatSync(path.join(folder, 'zum-anderen.docx')).isSymbolicLink()).toBe(false);
  });

  // The Windows shell maps `antrag.md.` and `antrag.md ` onto `antrag.md` (Win32 drops trailing
  // dots and spaces; Node's `\\?\` paths keep them, so the export writes a separate file that
  // Explorer opens and deletes as the draft), so these names must be refused on every platform.
  // Windows drops trailing dots and blanks from a name, so these name the draft there.
  it.each([['antrag.md.'], ['antrag.md '], ['andere.MD..']])('refuses %j, a draft on Windows', async (out) => {
    const { root, draft } = project();
    const before = tree(root);
    expect(await exportTo(draft, out)).toMatchObject({ ok: false, kind: 'target' });
    expect(tree(root)).toEqual(before);
  });

  it('keeps only http(s) and mailto links in the DOCX and embeds no file the draft names', async () => {
    const { folder, draft } = project();
    const links = '[a](javascript:alert(1)) [b](file:///etc/passwd) [c](command:workbench.action.terminal.new) [d](https://ok.example/d) [e](mailto:rat@example.org) <a href="javascript:alert(1)">f</a> ![g](/etc/passwd) [h][ref]\n\n[ref]: data:text/html,x\n';
    writeFileSync(draft, DRAFT.replace('Wer einkauft, möchte sich setzen.', links));
    const answer = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri: pathToFileURL(draft).href, out: 'links.docx', force: true }] })) as ExportAnswer;
    expect(answer).toMatchObject({ ok: true, file: path.join(folder, 'links.docx') });
    const zip = await JSZip.loadAsync(readFileSync(answer.file!));
    const rels = await Promise.all(Object.keys(zip.files).filter((name) => name.endsWith('.rels')).map((name) => zip.file(name)!.async('string')));
    const external = rels.flatMap((xml) => [...xml.matchAll(/Target="([^"]*)"[^>]*TargetMode="External"|TargetMode="External"[^>]*Target="([^"]*)"/g)].map((match) => match[1] ?? match[2]));
    // Each address twice: the link, and its address printed in a footnote.
    expect(external.sort()).toEqual(['https://ok.example/d', 'https://ok.example/d', 'mailto:rat@example.org', 'mailto:rat@example.org']);
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toEqual([]);
    // Raw HTML stays visible text.
    expect(await zip.file('word/document.xml')!.async('string')).toContain('&lt;a href=&quot;javascript:alert(1)&quot;&gt;');
  });

  it('refuses the same targets from the CLI, whose -o is relative to the working directory', () => {
    const { root, folder, draft } = project();
    const ratsfeder = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), ...args], { cwd: root, encoding: 'utf8' });
    for (const out of [draft, path.join(folder, 'andere.md'), folder, path.join(root, 'fehlt', 'x.docx')]) {
      const before = tree(root);
      const result = ratsfeder(['export', draft, '-o', out]);
      expect(result.status, result.stderr).toBe(1);
      expect(tree(root)).toEqual(before);
    }
    const result = ratsfeder(['export', draft, '-o', 'y.docx']);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(path.join(root, 'y.docx'))).toBe(true);
    expect(readFileSync(draft, 'utf8')).toBe(DRAFT);
  });
});

describe('4: the OParl sync follows only http(s) and stops at its limits', () => {
  let server: OparlServer;
  beforeAll(async () => {
    server = await startOparlServer();
  });
  afterAll(() => server.close());
  const scanner = compileProfile(DEFAULT_PROFILE).scanner;

  /** A system whose body has the given lists; paths under `/<name>/`. */
  function publish(name: string, body: Record<string, unknown>): string {
    const base = `${server.base}/${name}`;
    server.json(`/${name}/system`, { id: `${base}/system`, type: 'https://schema.oparl.org/1.1/System', body: `${base}/bodies` });
    server.list(`/${name}/bodies`, [[{ id: `${base}/body/1`, type: 'https://schema.oparl.org/1.1/Body', paper: `${base}/papers`, ...body }]]);
    server.list(`/${name}/papers`, [[]]);
    return `${base}/system`;
  }

  async function failure(system: string, options: { maxBytes?: number } = {}): Promise<SyncError> {
    const error: unknown = await syncOparl({ system, scanner, retries: 0, ...options }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SyncError);
    return error as SyncError;
  }

  it.each([['file:///etc/passwd'], ['javascript:alert(1)'], ['data:application/json,{}'], ['ftp://127.0.0.1/system']])('refuses a redirect of the System URL to %s', async (location) => {
    server.handle('/umleitung/system', (_request, response) => response.writeHead(301, { location }).end());
    const error = await failure(`${server.base}/umleitung/system`);
    expect(error.kind).toBe('redirect');
  });

  it('refuses a links.next to ftp:', async () => {
    const system = publish('ftp', {});
    server.json('/ftp/papers', { data: [], links: { next: 'ftp://127.0.0.1/papers?page=2' } });
    expect(await failure(system)).toMatchObject({ kind: 'url', url: 'ftp://127.0.0.1/papers?page=2' });
  });

  it.each([
    ['meeting', 'file:///etc/passwd'],
    ['organization', 'javascript:alert(1)'],
    ['paper', 'data:application/json,{"data":[]}'],
  ])('refuses a %s list at %s and never asks for it', async (kind, url) => {
    const name = `liste-${kind}`;
    const system = publish(name, { [kind]: url });
    const before = server.requests.length;
    const error = await failure(system);
    expect(error).toMatchObject({ kind: 'url', url });
    expect(server.requests.slice(before).every((request) => request.startsWith(`/${name}/`))).toBe(true);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ] as const)('stops a %s bomb at the decompressed size limit', async (encoding, compress) => {
    const system = publish(`bombe-${encoding}`, {});
    // 64 MB of spaces inside valid JSON, about 64 KB on the wire; the default limit is 20 MB.
    const bomb = compress(Buffer.concat([Buffer.from('{"data":[],"x":"'), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('"}')]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    server.handle(`/bombe-${encoding}/papers`, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': bomb.length }).end(bomb);
    });
    // The default limit (20 MB) counts decompressed bytes: the 64 MB are never all read.
    const error = await failure(system);
    expect(error.kind).toBe('too-large');
    expect(syncText(error.failure, 'de')).toContain('größer als 20 MB');
  });
});

describe('5: the bundles execute nothing from drafts, templates or configuration', () => {
  /** Node modules a bundle may load. Anything else (child_process, vm, …) fails the test. */
  const ALLOWED = new Set(['url', 'path', 'fs', 'util', 'crypto', 'os', 'net', 'process', 'buffer', 'module', 'http', 'https', 'zlib', 'events', 'stream', 'assert', 'string_decoder', 'tty']);
  const bundles = ['server.js', 'check.js', 'export.js', 'register.js', 'cli.js', 'client.js', 'hunspell-de.js', 'parse.js'];

  it.each(bundles)('dist/%s loads only known modules, with literal names', (bundle) => {
    const code = readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
    // A require of a computed name could load anything; esbuild resolves every literal one.
    expect(code.match(/(?<![\w$.])require\((?!["'`])/g) ?? []).toEqual([]);
    const names = [...code.matchAll(/(?<![\w$.])require\(["'`]([^"'`]+)["'`]\)/g)].map((match) => match[1]!);
    const unexpected = [...new Set(names)].filter((name) => {
      const bare = name.replace(/^node:/, '');
      if (ALLOWED.has(bare) || name.startsWith('ajv/dist/runtime/')) return false;
      // The extension: VS Code's API, and vscode-languageclient, which starts dist/server.js
      // (a module path of the extension's own, never one from the workspace) as a child process.
      if (bundle === 'client.js') return !['vscode', 'child_process', 'readline'].includes(bare);
      // check.js: many files in parallel; server.js and hunspell-de.js: the server's spelling
      // thread; check.js, export.js, register.js, server.js and parse.js: the parse thread of large drafts.
      if (bare === 'worker_threads') return !['check.js', 'export.js', 'register.js', 'server.js', 'hunspell-de.js', 'parse.js'].includes(bundle);
      // hunspell-de.js: the command line's engine compiles its WebAssembly with the baseline compiler only;
      // check.js: a check bounds how far the heap grows between full collections.
      if (bare === 'v8') return bundle !== 'hunspell-de.js' && bundle !== 'check.js';
      // server.js: vscode-languageserver's unused helpers; export.js: LibreOffice for --pdf (node/pdf.ts).
      if (bare === 'child_process') return bundle !== 'server.js' && bundle !== 'export.js';
      if (bundle === 'cli.js' && /^\.\/(server|check|export|register)\.js$/.test(name)) return false;
      // PDF.js, the bundle of its own beside them, loaded when a document's text is fetched.
      if (bundle !== 'cli.js' && name === './pdf.js') return false;
      // The spelling engine, the bundle of its own beside them, where spelling is checked.
      if ((bundle === 'check.js' || bundle === 'server.js') && name === './hunspell-de.js') return false;
      return true;
    });
    expect(unexpected).toEqual([]);
    expect(code).not.toMatch(/(?<![\w$.])eval\(/);
    expect(code).not.toMatch(/["'`](node:)?vm["'`]/);
    // Nor code made at run time: Ajv's schema compiler, the last library that did, is not bundled
    // (the schemas are precompiled, `scripts/validators.mjs`).
    expect(code).not.toMatch(/\bnew Function\(/);
    expect(code).not.toContain('schema is invalid: ');
  });

  it('dist/server.js uses child_process only in vscode-languageserver’s unused Files helpers', () => {
    const code = readFileSync(path.join(ROOT, 'dist', 'server.js'), 'utf8');
    const bindings = [...code.matchAll(/([\w$]+)\s*=\s*(?:[\w$]+\()?require\(["'](?:node:)?child_process["']\)/g)];
    expect(bindings).toHaveLength(1);
    const [binding] = bindings;
    // The module that imports it is vscode-languageserver's `files.ts` (global npm/yarn paths).
    expect(code.slice(Math.max(0, binding!.index - 2000), binding!.index + 2000)).toMatch(/resolveGlobalNodePath/);
    const name = binding![1]!.replace(/\$/g, '\\$');
    const calls = [...code.matchAll(new RegExp(`(?<![\\w$.])${name}\\.(\\w+)`, 'g'))].map((match) => match[1]!);
    expect(new Set(calls)).toEqual(new Set(['fork', 'spawnSync']));
    // …and Ratsfeder's own code never calls them; it starts a process in node/pdf.ts only, which the server does not load.
    const sources = readdirSync(path.join(ROOT, 'server', 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    for (const file of sources) {
      const text = readFileSync(path.join(ROOT, 'server', 'src', file), 'utf8');
      expect(text, file).not.toMatch(/node:vm|\beval\(|new Function|resolveGlobalNodePath|resolveModulePath|Files\./);
      if (file !== path.join('node', 'pdf.ts')) expect(text, file).not.toMatch(/child_process/);
    }
    expect(code).not.toContain('writer_pdf_Export');
  });

  it('starts LibreOffice for --pdf with spawn, without a shell, and nothing else', () => {
    const text = readFileSync(path.join(ROOT, 'server', 'src', 'node', 'pdf.ts'), 'utf8');
    expect([...text.matchAll(/\b(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)\(/g)].map((match) => match[1])).toEqual(['spawn']);
    expect(text).not.toMatch(/shell\s*:/);
    expect(text).toMatch(/import \{ spawn \} from 'node:child_process';/);
  });

  it.each(bundles)('dist/%s compiles code only in ajv, from the project’s own schemas', (bundle) => {
    const code = readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
    for (const match of code.matchAll(/new Function\(/g)) {
      expect(code.slice(Math.max(0, match.index - 600), match.index)).toMatch(/scopeRefs/);
    }
  });

  it('dist/hunspell-de.js (Hunspell as WebAssembly) loads Node’s own modules by literal name, its .wasm from beside it, and compiles no JavaScript', () => {
    const code = readFileSync(path.join(ROOT, 'dist', 'hunspell-de.js'), 'utf8');
    // Emscripten's glue makes its own require with createRequire (minified: `{createRequire:e}`,
    // then `var r=e(url)`): every call of it names a Node module.
    const makers = [...code.matchAll(/createRequire(?::([\w$]+))?\s*[},]/g)];
    expect(makers.length).toBe(1);
    const maker = makers[0]!;
    const escape = (name: string) => name.replace(/\$/g, '\\$');
    // The require it makes, bound right after.
    const bound = new RegExp(`var ([\\w$]+)\\s*=\\s*${escape(maker[1] ?? 'createRequire')}\\(`).exec(code.slice(maker.index, maker.index + 400));
    expect(bound).not.toBeNull();
    const locals = [bound![1]!];
    const calls = [...code.matchAll(new RegExp(`(?<![\\w$.])${escape(locals[0]!)}\\(([^)]*)\\)`, 'g'))];
    expect(calls.length).toBeGreaterThan(0);
    for (const match of calls) {
      expect(match[1], match[0]).toMatch(/^["'`][a-z:/]+["'`]$/);
      expect(ALLOWED.has(match[1]!.slice(1, -1).replace(/^node:/, '')), match[0]).toBe(true);
    }
    for (const match of code.matchAll(/(?<![\w$.])import\(([^)]*)\)/g)) expect(['"module"', '"fs/promises"'], match[0]).toContain(match[1]);
    expect(code).toMatch(/hunspell\.wasm/);
    expect(code).not.toMatch(/(?<![\w$.])eval\(|new Function\(/);
  });

  it('dist/pdf.js (PDF.js) loads only Node’s own modules and its optional canvas, and compiles nothing as the server calls it', () => {
    // Checked on the bundle as shipped (minified): module names and property names survive.
    const code = readFileSync(path.join(ROOT, 'dist', 'pdf.js'), 'utf8');
    expect(code.match(/(?<![\w$.])require\((?!["'`])/g) ?? []).toEqual([]);
    for (const match of code.matchAll(/(?<![\w$.])require\(["'`]([^"'`]+)["'`]\)/g)) expect(ALLOWED.has(match[1]!.replace(/^node:/, '')), match[1]).toBe(true);
    // Node's modules through process.getBuiltinModule: by literal name, or in core-js's helper
    // (whose fallback for older Node makes a require with Function; on Node 20 it is not reached).
    for (const match of code.matchAll(/getBuiltinModule\(([^)]*)\)/g)) {
      const name = match[1]!;
      if (/^["'`]/.test(name)) expect(ALLOWED.has(name.slice(1, -1)), name).toBe(true);
      else expect(code.slice(match.index, match.index + 200)).toMatch(/Function\('return require\("'\s*\+/);
    }
    for (const match of code.matchAll(/Function\('return require\("'/g)) expect(code.slice(Math.max(0, match.index - 200), match.index)).toMatch(/getBuiltinModule\([\w$]+\)/);
    // The one package it asks for by itself: the optional canvas, for rendering, which text extraction does not do.
    const packages = [...code.matchAll(/createRequire\([^)]*\)[^]{0,200}?[\w$]+\(["'`]([^"'`]+)["'`]\)/g)].map((match) => match[1]);
    expect(new Set(packages)).toEqual(new Set(['@napi-rs/canvas']));
    expect(code).not.toMatch(/(?<![\w$.])eval\(/);
    // new Function: the probes whether the runtime allows it, and PostScript functions compiled
    // only where `isEvalSupported` is asked for, which the reader turns off.
    for (const match of code.matchAll(/new Function\(/g)) {
      const call = code.slice(match.index, match.index + 60);
      if (/^new Function\(["'`]["'`]\)/.test(call)) continue;
      expect(call).toMatch(/^new Function\("src",\s*"srcOffset",\s*"dest",\s*"destOffset"/);
      expect(code.slice(Math.max(0, match.index - 300), match.index)).toMatch(/\.isEvalSupported\)/);
    }
    expect(readFileSync(path.join(ROOT, 'server', 'src', 'node', 'pdf-extract.ts'), 'utf8')).toMatch(/isEvalSupported: false/);
  });
});

describe('6: a bad ratsfeder.yaml is rejected whole', () => {
  // One valid setting (nummer-form as an error, English) and one invalid one in the same file.
  const CONFIG = 'sprache: en\nregeln:\n  nummer-form: fehler\n  abschnitt-fehlt: vielleicht\n';
  const CLEAN = `---\nart: Anfrage\ntitel: Test\neinreicher: Freibeuter-Fraktion\ndatum: 2025-05-20\n---\n\n## Fragen\n\n1. Wie viele? Siehe VIII-F-1.\n`;

  function project(): { dir: string; draft: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-sicherheit-config-'));
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), CONFIG);
    writeFileSync(path.join(dir, 'a.md'), CLEAN);
    return { dir, draft: path.join(dir, 'a.md') };
  }

  it('stops the CLI with exit 2 and file:line:column, applying nothing', () => {
    const { dir } = project();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', '.'], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/ratsfeder\.yaml:4:20: /);
    // `sprache: en` was not applied either: the message is German.
    expect(result.stderr).toContain('„vielleicht“ ist in „regeln.abschnitt-fehlt“ nicht erlaubt');
  });

  it('warns in the editor and uses the defaults, not the valid half', async () => {
    const { dir, draft } = project();
    const client = new TestClient();
    try {
      await client.initialize(PULL_CLIENT, { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'config' }] });
      const uri = pathToFileURL(draft).href;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: CLEAN } });
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      const diagnostics = report.kind === 'full' ? report.items : [];
      const warning = diagnostics.find((d) => d.code === 'konfiguration');
      expect(warning).toMatchObject({ severity: 2 });
      expect(warning!.message).toContain('vielleicht');
      // nummer-form keeps its default severity (warning), not the file's "fehler"; messages stay German.
      const nummerForm = diagnostics.find((d) => d.code === 'nummer-form');
      expect(nummerForm?.severity).toBe(2);
      expect(nummerForm!.message).toContain('keine kanonische Drucksachennummer');
    } finally {
      await client.close();
    }
  });
});

describe('7: the terminal shows control characters from data as escapes, JSON keeps them exact', () => {
  /** Sequences a terminal acts on: colour, an OSC window title and hyperlink, a C1 CSI, bidi overrides and isolates, a line break. */
  const SEQUENCES = ['\x1b[31m', '\x1b]0;gekapert\x07', '\x1b]8;;https://evil.example\x1b\\', '\u009b2J', '\u202e', '\u2066', '\u2069', '\r'];
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const NAMES = ['rot\x1b[31m.md', 'titel\x1b]0;gekapert\x07.md', 'umgedreht\u202edm.txt.md', 'zeile\nfalsch.md:1:1  fehler  nummer-form  gefälscht.md'];
  const BODY = '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\nText VIII-F-913.\n\n## Begründung\n\nText.\n';
  const TITLE = `Brunnen ${SEQUENCES.join(' ')} Ende`;
  const bin = path.join(ROOT, 'bin', 'ratsfeder.js');

  function project(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-terminal-'));
    for (const name of NAMES) writeFileSync(path.join(dir, name), BODY);
    writeFileSync(path.join(dir, 'liste.register.csv'), `nummer,titel,art,datum\nVIII-DS-09301,${csvField(TITLE)},${csvField(`Vorlage\u202e\x1b[2J`)},2025-04-02\nVIII-DS-09302,${csvField('Zeile eins\nVIII-DS-99999  2025-01-01  gefälschte Zeile')},Vorlage,2025-04-03\n`);
    return dir;
  }
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cwd } });

  it('check: file names and messages escaped, one finding per line, no forged line', () => {
    const dir = project();
    const result = run(['check', '.'], dir);
    expect(result.stdout).not.toMatch(RAW);
    expect(result.stderr).not.toMatch(RAW);
    expect(result.stdout).toContain('rot\\x1b[31m.md:9:6  warnung  nummer-form');
    expect(result.stdout).toContain('titel\\x1b]0;gekapert\\x07.md:9:6  warnung  nummer-form');
    expect(result.stdout).toContain('umgedreht\\u202edm.txt.md:9:6  warnung  nummer-form');
    expect(result.stdout).toContain('zeile\\x0afalsch.md:1:1  fehler  nummer-form  gefälscht.md:9:6  warnung  nummer-form');
    // Two findings per draft (the number's form, and that the register does not know it), each on its own line.
    const findingLines = result.stdout.split('\n').filter((line) => / {2}(fehler|warnung|hinweis) {2}/.test(line));
    expect(findingLines).toHaveLength(8);
    expect(findingLines.every((line) => /:9:6 {2}(warnung {2}nummer-form|hinweis {2}nummer-unbekannt) {2}/.test(line))).toBe(true);
  });

  it('check --format json and sarif: the names exact, written as escapes', () => {
    const dir = project();
    const json = run(['check', '.', '--format', 'json'], dir);
    expect(json.stdout).not.toMatch(RAW);
    expect((JSON.parse(json.stdout) as { files: { file: string }[] }).files.map((file) => file.file).sort()).toEqual([...NAMES].sort());
    const sarif = run(['check', '.', '--format', 'sarif'], dir);
    expect(sarif.stdout).not.toMatch(RAW);
    const uris = (JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toHaveLength(8);
  });

  it('register show, search and similar: titles escaped in text, exact in JSON', () => {
    const dir = project();
    const show = run(['register', 'show', 'VIII-DS-09301'], dir);
    expect(show.status).toBe(0);
    expect(show.stdout).not.toMatch(RAW);
    expect(show.stdout).toContain('Brunnen \\x1b[31m \\x1b]0;gekapert\\x07 \\x1b]8;;https://evil.example\\x1b\\ \\x9b2J \\u202e \\u2066 \\u2069 \\x0d Ende');
    expect(show.stdout).toContain('Vorlage\\u202e\\x1b[2J');
    for (const args of [['register', 'search', 'Brunnen'], ['register', 'similar', 'Brunnen Ende'], ['register', 'search', 'Zeile']]) {
      const result = run(args, dir);
      expect(result.stdout, args.join(' ')).not.toMatch(RAW);
      expect(result.stdout.split('\n').filter(Boolean), args.join(' ')).toHaveLength(1);
      expect(result.stdout, args.join(' ')).not.toMatch(/^VIII-DS-99999/m);
    }
    const json = run(['register', 'show', 'VIII-DS-09301', '--format', 'json'], dir);
    expect(json.stdout).not.toMatch(RAW);
    expect((JSON.parse(json.stdout) as { titel: string }).titel).toBe(TITLE);
  });
});

describe('8: credentials in a System URL are never kept or shown; a login comes from the environment', () => {
  let server: OparlServer;
  const authorizations: (string | undefined)[] = [];
  beforeAll(async () => {
    server = await startOparlServer();
    const { base } = server;
    // A server that wants a login; its body list names a second origin (localhost), which must not get it.
    const other = base.replace('127.0.0.1', 'localhost');
    const guarded = (value: unknown) => (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
      authorizations.push(request.headers.authorization);
      if (request.headers.authorization !== `Basic ${Buffer.from('nutzer:geheim').toString('base64')}` && request.headers.host?.startsWith('127.0.0.1')) {
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"login"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    server.handle('/geschuetzt/system', guarded({ id: `${base}/geschuetzt/system`, type: 'https://schema.oparl.org/1.1/System', body: `${base}/geschuetzt/bodies` }));
    server.handle('/geschuetzt/bodies', guarded({ data: [{ id: `${base}/geschuetzt/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt', paper: `http://nutzer:geheim@${other.slice('http://'.length)}/geschuetzt/papers` }], links: {} }));
    server.handle('/geschuetzt/papers', guarded({ data: [{ id: `${base}/geschuetzt/paper/1`, type: 'https://schema.oparl.org/1.1/Paper', reference: 'VIII-DS-09401', name: 'Geschützt', web: `http://nutzer:geheim@127.0.0.1/vo/1`, date: '2025-05-14' }], links: {} }));
  });
  afterAll(() => server.close());
  const bin = path.join(ROOT, 'bin', 'ratsfeder.js');
  // Not spawnSync: the OParl server answers from this process.
  const sync = (system: string, env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string; cache: string }>((resolve, reject) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-zugang-'));
      // The project syncs from that address, as `check` and the editor then read its cache.
      writeFileSync(path.join(dir, 'ratsfeder.yaml'), `register:\n  oparl: ${JSON.stringify(system)}\n`);
      const cache = path.join(dir, 'cache');
      const child = spawn(process.execPath, [bin, 'register', 'sync', '--oparl', system, '--cache', cache], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr, cache }));
    });
  const files = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => readFileSync(path.join(dir, name), 'utf8')) : []);

  it('refuses a System URL with user and password before any request, says how to log in, and keeps nothing', async () => {
    const before = server.requests.length;
    const result = await sync(`${server.base.replace('http://', 'http://nutzer:geheim@')}/geschuetzt/system`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Die System-URL ${server.base.replace('http://', 'http://***@')}/geschuetzt/system enthält Benutzername oder Passwort`);
    expect(result.stderr).toContain('in der Umgebungsvariablen RATSFEDER_OPARL_ZUGANG setzen');
    expect(result.stdout + result.stderr).not.toContain('geheim');
    expect(server.requests.length).toBe(before);
    expect(files(result.cache)).toEqual([]);
  });

  it('logs in with RATSFEDER_OPARL_ZUGANG at the System URL’s server only, and writes the login nowhere', async () => {
    authorizations.length = 0;
    const result = await sync(`${server.base}/geschuetzt/system`, { RATSFEDER_OPARL_ZUGANG: 'nutzer:geheim' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // System and body list at 127.0.0.1 with the login; the paper list at localhost, another origin, without.
    expect(authorizations).toEqual([`Basic ${Buffer.from('nutzer:geheim').toString('base64')}`, `Basic ${Buffer.from('nutzer:geheim').toString('base64')}`, undefined]);
    const kept = files(result.cache).join('\n');
    expect(kept).toContain('VIII-DS-09401');
    expect(kept).not.toMatch(/geheim|nutzer/);
    expect(result.stdout).not.toMatch(/geheim|nutzer/);
  });
});
