import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { cacheFileFor } from '../server/src/node/cache-store.js';
import { textsFolder } from '../server/src/node/document-texts.js';
import { ratsfederAsync } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';
import { startOparlServer, type OparlServer } from './oparl-server.js';
import { RADVERKEHR, vorlagePdf } from './vorlage-pdf.js';

/*
 * An amendment against the real Vorlage, end to end: a loopback OParl site whose paper has a
 * PDF main file (made by LibreOffice from a DOCX laid out as a council's), synced by the CLI,
 * which fetches the text the project's amendment refers to; `check` names the differing words
 * of a wrong quote; in the editor the text arrives in the background, the quick fix writes the
 * true wording and the finding goes; the export's Synopse and tracked changes carry the
 * Vorlage's words.
 */

const has = (command: string, args: string[] = ['--version']) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;
const renderers = Boolean(process.env.CI) || (has('soffice') && has('pdftotext', ['-v']));

const ratsfeder = ratsfederAsync;

const DRAFT = `---
art: Änderungsantrag
titel: Radverkehrsentwicklungsplan schneller umsetzen
einreicher: Freibeuter-Fraktion
datum: 2026-11-20
bezug: VIII-DS-01234
---

## Beschlussvorschlag

Der Beschlussvorschlag der Vorlage VIII-DS-01234 wird wie folgt geändert:

\`\`\`aenderung
stelle: Punkt 2
alt: |
  Der Oberbürgermeister wird beauftragt, jährlich über den Fortgang der Umsetzung zu berichten, erstmals im dritten Quartal 2027.
neu: |
  Der Oberbürgermeister wird beauftragt, halbjährlich über den Stand der Umsetzung zu berichten, erstmals im ersten Quartal 2027.
\`\`\`

## Begründung

Was beschlossen ist, soll schneller gebaut werden.
`;

describe.runIf(renderers)('amendments against the Vorlage fetched from OParl', () => {
  let server: OparlServer;
  let system: string;
  let pdf: Buffer;
  const work = mkdtempSync(path.join(tmpdir(), 'ratsfeder-vorlage-'));
  const cache = path.join(work, 'cache');
  const project = path.join(work, 'projekt');

  beforeAll(async () => {
    pdf = await vorlagePdf(RADVERKEHR, path.join(work, 'pdf'));
    server = await startOparlServer();
    system = `${server.base}/oparl/system`;
    server.json('/oparl/system', { id: system, type: 'https://schema.oparl.org/1.1/System', body: `${server.base}/oparl/bodies` });
    server.list('/oparl/bodies', [[{ id: `${server.base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${server.base}/oparl/papers` }]]);
    const paper = (id: number, reference: string, name: string, file?: string) => ({
      id: `${server.base}/oparl/paper/${id}`,
      type: 'https://schema.oparl.org/1.1/Paper',
      reference,
      name,
      paperType: 'Vorlage',
      date: '2026-10-01',
      ...(file ? { mainFile: { id: `${server.base}/oparl/file/${id}`, name: 'Vorlage', mimeType: 'application/pdf', accessUrl: `${server.base}${file}` } } : {}),
    });
    server.list('/oparl/papers', [
      [
        paper(1, 'VIII-DS-01234', RADVERKEHR.betreff, '/files/vorlage-01234.pdf'),
        paper(2, 'VIII-DS-02000', 'Vorlage ohne erreichbare Datei', '/files/fehlt.pdf'),
        paper(3, 'VIII-DS-03000', 'Vorlage, deren Datei eine Webseite ist', '/files/seite.pdf'),
      ],
    ]);
    server.handle('/files/vorlage-01234.pdf', (_request, response) => response.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf));
    server.handle('/files/fehlt.pdf', (_request, response) => response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Nicht gefunden</h1>'));
    server.handle('/files/seite.pdf', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Bitte anmelden</body></html>'));
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(path.join(project, 'ratsfeder.yaml'), `profil: leipzig\nregister:\n  oparl: ${system}\n`);
    writeFileSync(path.join(project, 'radverkehr.aenderungsantrag.md'), DRAFT);
  }, 240_000);
  afterAll(() => server?.close());

  it('sync fetches the text the amendment quotes; check names the differing words', async () => {
    const synced = await ratsfeder(['register', 'sync', '--cache', cache], project);
    expect(synced.stderr).toBe('');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain('Texte der Bezugsdokumente von Änderungsanträgen geladen: 1 (VIII-DS-01234)');
    expect(server.count('/files/vorlage-01234.pdf')).toBe(1);
    // Only the document the amendment refers to is fetched.
    expect(server.count('/files/fehlt.pdf')).toBe(0);
    const kept = readdirSync(textsFolder(cacheFileFor(cache, system)!));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^VIII-DS-01234-[0-9a-f]{10}\.json$/);

    const checked = await ratsfeder(['check', 'radverkehr.aenderungsantrag.md', '--cache', cache, '--format', 'json', '--heute', '2026-11-20'], project);
    const findings = JSON.parse(checked.stdout).files[0].findings as { ruleId: string; message: string; line: number }[];
    const wording = findings.filter((finding) => finding.ruleId === 'aenderung-wortlaut');
    expect(wording).toHaveLength(1);
    expect(wording[0]!.message).toBe(
      'Der bisherige Wortlaut weicht vom Text von „VIII-DS-01234“ ab: „… den Fortgang der …“ statt „… den Stand der …“; „… im dritten Quartal …“ statt „… im vierten Quartal …“. Zitieren Sie die Stelle wörtlich.',
    );
  });

  it('register text shows the Beschlussvorschlag point by point, and says why a text cannot be had', async () => {
    const shown = await ratsfeder(['register', 'text', 'VIII-DS-01234', '--cache', cache], project);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Text von VIII-DS-01234 geladen: 2 Seiten; Beschlussvorschlag mit 3 Punkten.');
    expect(shown.stdout).toContain(`Punkt 2:\n${RADVERKEHR.punkte[1]}\n`);
    const json = JSON.parse((await ratsfeder(['register', 'text', 'VIII-DS-01234', '--cache', cache, '--format', 'json'], project)).stdout) as { beschlussvorschlag: { punkte: { nummer: string; text: string }[] }; text: string };
    expect(json.beschlussvorschlag.punkte).toEqual(RADVERKEHR.punkte.map((text, index) => ({ nummer: String(index + 1), text })));
    // The running text: no letterhead or page footer between the Begründung's paragraphs.
    expect(json.text).not.toMatch(/Seite \d von \d|Der Oberbürgermeister\n/);
    expect(json.text).toContain(RADVERKEHR.begruendung[13]);

    const missing = await ratsfeder(['register', 'text', 'VIII-DS-02000', '--cache', cache], project);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`ratsfeder: Der Text von VIII-DS-02000 konnte nicht geladen werden (${server.base}/files/fehlt.pdf): der Server antwortete mit HTTP 404. Später erneut versuchen; zitiert wird bis dahin ohne Abgleich.\n`);
    const page = await ratsfeder(['register', 'text', 'VIII-DS-03000', '--cache', cache, '--lang', 'en'], project);
    expect(page.code).toBe(1);
    expect(page.stderr).toBe(`ratsfeder: The main file of VIII-DS-03000 (${server.base}/files/seite.pdf) is not a PDF; its text is not read.\n`);
    const unknown = await ratsfeder(['register', 'text', 'VIII-DS-09999', '--cache', cache], project);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('VIII-DS-09999 ist nicht im Register.');
    // A text that failed leaves nothing behind; the good one is still there.
    expect(readdirSync(textsFolder(cacheFileFor(cache, system)!))).toHaveLength(1);
  });

  it('in the editor: the text arrives in the background, the quick fix writes its wording, completion and hover offer it', async () => {
    // A fresh cache of the same sync, without texts: the editor fetches it itself.
    const editorCache = path.join(work, 'editor-cache');
    execFileSync('mkdir', ['-p', editorCache]);
    writeFileSync(cacheFileFor(editorCache, system)!, readFileSync(cacheFileFor(cache, system)!));
    const before = server.count('/files/vorlage-01234.pdf');
    const client = new TestClient();
    try {
      const indexed = client.nextRefresh();
      await client.initialize(PULL_CLIENT, { initializationOptions: { cacheDir: editorCache }, workspaceFolders: [{ uri: `file://${project}`, name: 'p' }] });
      await indexed;
      const uri = `file://${path.join(project, 'radverkehr.aenderungsantrag.md')}`;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
      const diagnose = async () =>
        ((await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] }).items.filter((item) => item.code === 'aenderung-wortlaut');
      const arrived = client.nextRefresh();
      const first = await diagnose();
      // Not there yet: said as information, with how to fetch it by hand.
      expect(first.map((item) => [item.severity, item.message])).toEqual([[3, expect.stringContaining('Der Text von „VIII-DS-01234“ ist noch nicht geladen')]]);
      await arrived;
      expect(server.count('/files/vorlage-01234.pdf')).toBe(before + 1);
      const [finding] = await diagnose();
      expect(finding?.message).toContain('„… den Fortgang der …“ statt „… den Stand der …“');

      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding!.range, context: { diagnostics: [finding!] } })) as CodeAction[];
      const fix = actions.find((action) => action.title === 'Wortlaut aus „VIII-DS-01234“ übernehmen');
      expect(fix).toBeDefined();
      const fixed = applyTextEdits(DRAFT, fix!.edit!.changes![uri]!);
      expect(fixed).toContain(`alt: |\n  ${RADVERKEHR.punkte[1]}\nneu: |`);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
      expect(await diagnose()).toEqual([]);

      // Hover on the block: the point's wording as it is now.
      const lines = fixed.split('\n');
      const altLine = lines.findIndex((line) => line.startsWith('alt:'));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: altLine + 1, character: 6 } });
      const value = (hover!.contents as MarkupContent).value;
      expect(value).toContain('Punkt 2 von VIII-DS-01234, wie er jetzt lautet:');
      expect(value).toContain('> Der Oberbürgermeister wird beauftragt');

      // Completion on a new fence: a whole block for each point; on `alt:` the wording.
      const withFence = `${fixed.replace('## Begründung', '```\n\n## Begründung')}`;
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: withFence }] });
      const fenceLine = withFence.split('\n').findIndex((line, index, all) => line === '```' && all[index + 2] === '## Begründung');
      const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: fenceLine, character: 3 } })) as CompletionItem[];
      expect(items.map((item) => item.label)).toEqual(['Änderung zu Punkt 1 von VIII-DS-01234', 'Änderung zu Punkt 2 von VIII-DS-01234', 'Änderung zu Punkt 3 von VIII-DS-01234', 'Änderung zu Ganzer Beschlussvorschlag von VIII-DS-01234']);
      const block = (items[2]!.textEdit as TextEdit).newText;
      expect(block).toBe(`\`\`\`aenderung\nstelle: Punkt 3\nalt: |\n  ${RADVERKEHR.punkte[2]}\nneu: |\n  ${RADVERKEHR.punkte[2]}\n\`\`\``);

      // The command fetches again on request.
      const again = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerText', arguments: [{ uri }] });
      expect(again).toMatchObject({ ok: true, message: 'Text von VIII-DS-01234 geladen: Beschlussvorschlag mit 3 Punkten.', fetched: ['VIII-DS-01234'] });
    } finally {
      await client.close();
    }
  });

  it('the export prints the Vorlage words struck and inserted, side by side and as tracked changes', async () => {
    const draft = path.join(project, 'radverkehr.aenderungsantrag.md');
    const fixedText = DRAFT.replace(/alt: \|\n {2}[^\n]*/, `alt: |\n  ${RADVERKEHR.punkte[1]}`);
    writeFileSync(draft, fixedText);
    const checked = await ratsfeder(['check', 'radverkehr.aenderungsantrag.md', '--cache', cache, '--format', 'json', '--heute', '2026-11-20'], project);
    expect((JSON.parse(checked.stdout).files[0].findings as { ruleId: string }[]).filter((finding) => finding.ruleId === 'aenderung-wortlaut')).toEqual([]);
    for (const tracked of [false, true]) {
      const out = path.join(work, tracked ? 'nachverfolgt.docx' : 'synopse.docx');
      const exported = await ratsfeder(['export', 'radverkehr.aenderungsantrag.md', '-o', out, '--cache', cache, ...(tracked ? ['--nachverfolgt'] : [])], project);
      expect(exported.code, exported.stderr).toBe(0);
      const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
      if (!tracked) {
        // The Synopse: in the old column the Vorlage's "vierten" struck, in the new one "ersten" underlined.
        expect(xml).toMatch(/<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:strike\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>vierten<\/w:t>/s);
        expect(xml).toMatch(/<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:u w:val="single"\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>ersten<\/w:t>/s);
      } else {
        // Word's revisions: the Vorlage's "jährlich" deleted, the faction's "halbjährlich" inserted.
        expect(xml).toMatch(/<w:del [^>]*><w:r>(?:(?!<\/w:del>).)*<w:delText[^>]*>jährlich<\/w:delText>/s);
        expect(xml).toMatch(/<w:ins [^>]*><w:r>(?:(?!<\/w:ins>).)*<w:t[^>]*>halbjährlich<\/w:t>/s);
      }
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/lo-profile`, '--convert-to', 'pdf', '--outdir', work, out], { stdio: 'pipe', timeout: 180_000 });
      const printed = execFileSync('pdftotext', [out.replace(/\.docx$/, '.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(printed).toContain('vierten');
      expect(printed).toContain('ersten');
      if (!tracked) expect(printed).toContain('Bisherige Fassung Neue Fassung');
    }
    expect(existsSync(path.join(work, 'synopse.pdf'))).toBe(true);
  });
});

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const offset = (line: number, character: number) => text.split('\n').slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character));
  let out = text;
  for (const edit of sorted) out = out.slice(0, offset(edit.range.start.line, edit.range.start.character)) + edit.newText + out.slice(offset(edit.range.end.line, edit.range.end.character));
  return out;
}
