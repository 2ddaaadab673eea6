import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOparlServer, type OparlServer } from './oparl-server.js';
import { handPdf } from './vorlage-pdf.js';
import { ROOT } from './helpers.js';
import { openVsCode, remoteUri, unavailable, until } from './vscode/harness.js';
import * as ui from './vscode/ui.js';

/*
 * The extension in a real VS Code (code-server with Chromium; see test/vscode/harness.ts).
 * CI installs it (.ci/run runs test/vscode/setup.sh), so there it must run; elsewhere the
 * tests say why they skip.
 */
const missing = unavailable();
const required = Boolean(process.env.CI);
const skip = Boolean(missing) && !required;
const VSIX = process.env.RATSFEDER_VSIX ?? '';

/** A meeting four months from now, so that its deadline always lies ahead. */
const SITZUNG = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);

let oparl: OparlServer;
beforeAll(async () => {
  oparl = await startOparlServer();
  const system = `${oparl.base}/oparl/system`;
  oparl.json('/oparl/system', { id: system, type: 'https://schema.oparl.org/1.1/System', body: `${oparl.base}/oparl/bodies` });
  oparl.list('/oparl/bodies', [
    [{ id: `${oparl.base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${oparl.base}/oparl/papers`, organization: `${oparl.base}/oparl/orgs`, meeting: `${oparl.base}/oparl/meetings` }],
  ]);
  oparl.list('/oparl/orgs', [[{ id: `${oparl.base}/oparl/org/1`, type: 'https://schema.oparl.org/1.1/Organization', name: 'Ratsversammlung' }]]);
  oparl.list('/oparl/meetings', [[{ id: `${oparl.base}/oparl/meeting/1`, type: 'https://schema.oparl.org/1.1/Meeting', start: SITZUNG, organization: [`${oparl.base}/oparl/org/1`] }]]);
  oparl.list('/oparl/papers', [
    [
      { id: `${oparl.base}/oparl/paper/1`, type: 'https://schema.oparl.org/1.1/Paper', reference: 'VIII-DS-02000', name: 'Verkehrskonzept Innenstadt', modified: '2025-05-01T10:00:00+02:00' },
      { id: `${oparl.base}/oparl/paper/2`, type: 'https://schema.oparl.org/1.1/Paper', reference: 'VIII-DS-02001', name: 'Schulnetzplan', modified: '2025-05-02T10:00:00+02:00' },
    ],
  ]);
  // A second system, for the amendment: a Vorlage whose main file is a PDF with its
  // Beschlussvorschlag, a word broken at a line end.
  const vorlagen = `${oparl.base}/vorlagen/system`;
  oparl.json('/vorlagen/system', { id: vorlagen, type: 'https://schema.oparl.org/1.1/System', body: `${oparl.base}/vorlagen/bodies` });
  oparl.list('/vorlagen/bodies', [[{ id: `${oparl.base}/vorlagen/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${oparl.base}/vorlagen/papers` }]]);
  oparl.list('/vorlagen/papers', [
    [
      {
        id: `${oparl.base}/vorlagen/paper/3`,
        type: 'https://schema.oparl.org/1.1/Paper',
        reference: 'VIII-DS-02002',
        name: 'Baumpflanzungen in der Südvorstadt',
        modified: '2025-05-03T10:00:00+02:00',
        mainFile: { id: `${oparl.base}/vorlagen/file/3`, name: 'Vorlage', mimeType: 'application/pdf', accessUrl: `${oparl.base}/dateien/baeume.pdf` },
      },
    ],
  ]);
  const pdf = handPdf([['Beschlussvorschlag:', '1. Die Stadt pflanzt bis 2030 jährlich 500 Straßen-', 'bäume in der Südvorstadt.', '2. Die Fußgängerzone wird geprüft.', 'Begründung:', 'Mehr Schatten.']]);
  oparl.handle('/dateien/baeume.pdf', (_request, response) => response.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf));
});
afterAll(() => oparl?.close());

describe.skipIf(skip)(`VS Code (code-server)${skip ? `: skipped, ${missing}` : ''}`, () => {
  it('runs the extension test suite in the extension host', { timeout: 240_000 }, async () => {
    if (missing) throw new Error(missing);
    const results = path.join(mkdtempSync(path.join(tmpdir(), 'ratsfeder-vscode-results-')), 'results.json');
    const session = await openVsCode({
      vsix: VSIX,
      env: { RATSFEDER_VSCODE_RESULTS: results, RATSFEDER_TEST_OPARL: `${oparl.base}/oparl/system`, RATSFEDER_TEST_SITZUNG: SITZUNG },
      // The extension-test contract of @vscode/test-electron: develop the installed extension, run the suite.
      payload: (extension) => [
        ['extensionDevelopmentPath', remoteUri(extension)],
        ['extensionTestsPath', remoteUri(path.join(import.meta.dirname, 'vscode', 'suite', 'index.js'))],
      ],
    });
    try {
      await until(
        () => {
          try {
            readFileSync(results);
            return true;
          } catch {
            return false;
          }
        },
        180_000,
        () => `the extension tests did not finish:\n${session.log()}`,
      );
      const outcome = JSON.parse(readFileSync(results, 'utf8')) as { title: string; state: string; error?: string }[];
      const failed = outcome.filter((test) => test.state === 'failed');
      expect(failed.map((test) => `${test.title}\n${test.error}`).join('\n\n')).toBe('');
      expect(outcome.map((test) => test.title)).toEqual(SUITE);
      expect(oparl.count('/oparl/papers')).toBeGreaterThan(0);
    } finally {
      await session.close();
      rmSync(path.dirname(results), { recursive: true, force: true });
    }
  });

  it('shows findings, completes a number, exports and creates a draft in the workbench', { timeout: 300_000 }, async () => {
    if (missing) throw new Error(missing);
    // A plain note beside the drafts: Ratsfeder must not get in the way of writing it.
    const session = await openVsCode({ vsix: VSIX, prepare: (workspace) => writeFileSync(path.join(workspace, 'notiz.md'), 'Einkaufsliste\n\n- Milch\n') });
    const title = (key: string) => [`Ratsfeder: ${NLS.de[key]}`, `Ratsfeder: ${NLS.en[key]}`];
    try {
      await ui.workbenchReady(session);

      const problems = await ui.problemsPanel(session);
      expect(problems.text).toContain('Pflichtabschnitt „Begründung“ fehlt');
      // The bezug is judged against the workspace's register, which may be read after the first diagnostics.
      await session.page.locator('.markers-panel .monaco-list-row', { hasText: 'VIII-A-09999' }).first().waitFor({ timeout: 90_000 });
      expect(await session.page.locator('.markers-panel').innerText()).toContain('VIII-A-09999');

      const completion = await ui.completion(session);
      expect(completion.text).toContain('VIII-A-00512');
      expect(completion.text).toContain('Schulwegsicherheit an Grundschulen');

      const exported = await ui.exportDocx(session, title('command.exportDocx'));
      expect(exported.target).toBe(path.join(session.workspace, 'schulwege.antrag.docx'));
      expect(readFileSync(exported.target).subarray(0, 2).toString()).toBe('PK');
      expect(exported.notification).toMatch(/(Exportiert|Exported): schulwege\.antrag\.docx/);

      // `---` + Enter and `VIII-` in the note: nothing offered, nothing but the typed text.
      const note = await ui.typeInNote(session, 'notiz.md');
      expect(note.suggested).toBe(false);
      // (The editor's text as shown leaves out empty lines.)
      expect(note.editor.replace(/\u00a0/g, ' ').split('\n').filter((line) => line.trim() !== '')).toEqual(['Einkaufsliste', '- Milch', '---', 'VIII-']);

      const created = await ui.newAntrag(session, title('command.new.antrag'), 'Mehr Bäume für die Innenstadt');
      expect(created.target).toBe(path.join(session.workspace, 'mehr-baeume-fuer-die-innenstadt.antrag.md'));
      expect(readFileSync(created.target, 'utf8')).toMatch(/^titel: Mehr Bäume für die Innenstadt$/m);
      expect(created.editor).toContain('Beschlussvorschlag');
      // What the template leaves to fill in is an error where the export would print it.
      const placeholders = await ui.problemRow(session, 'mehr-baeume-fuer-die-innenstadt.antrag.md', 'ist ein Platzhalter', 'neuer-entwurf-platzhalter');
      expect(placeholders.text).toMatch(/„…“ ist ein Platzhalter|ist ein Platzhalter aus der Mustervorlage/);
    } catch (error) {
      await session.page.screenshot({ path: path.join(ui.SHOTS, 'fehler.png') }).catch(() => undefined);
      throw new Error(`${String(error)}\n--- code-server ---\n${session.log().slice(-4000)}`);
    } finally {
      await session.close();
    }
  });
});

describe.skipIf(skip)(`VS Code: an amendment against the Vorlage${skip ? `: skipped, ${missing}` : ''}`, () => {
  it('fetches the Vorlage in the background, names the differing words, and the quick fix writes its wording', { timeout: 300_000 }, async () => {
    if (missing) throw new Error(missing);
    const system = `${oparl.base}/vorlagen/system`;
    const draft = [
      '---',
      'art: Änderungsantrag',
      'titel: Mehr Bäume, früher',
      'einreicher: Freibeuter-Fraktion',
      `datum: ${new Date().toISOString().slice(0, 10)}`,
      'bezug: VIII-DS-02002',
      '---',
      '',
      '## Beschlussvorschlag',
      '',
      '```aenderung',
      'stelle: Punkt 1',
      'alt: |',
      '  Die Stadt pflanzt bis 2030 jährlich 400 Straßenbäume in der Südstadt.',
      'neu: |',
      '  Die Stadt pflanzt bis 2028 jährlich 800 Straßenbäume in der Südvorstadt.',
      '```',
      '',
      '## Begründung',
      '',
      'Mehr Schatten, früher.',
      '',
    ].join('\n');
    const session = await openVsCode({
      vsix: VSIX,
      prepare: (workspace) => {
        writeFileSync(path.join(workspace, 'ratsfeder.yaml'), `profil: leipzig\nregister:\n  oparl: ${system}\n`);
        writeFileSync(path.join(workspace, 'baeume.aenderungsantrag.md'), draft);
      },
    });
    const title = (key: string) => [`Ratsfeder: ${NLS.de[key]}`, `Ratsfeder: ${NLS.en[key]}`];
    try {
      await ui.workbenchReady(session);
      await ui.notificationAfter(session, title('command.syncRegister'), /Dokumentregister aktualisiert|Document register updated/, 'vorlage-sync');
      // German, the council's language, although this VS Code speaks English.
      const problem = await ui.problemRow(session, 'baeume.aenderungsantrag.md', 'weicht vom Text von', 'vorlage-befund');
      expect(problem.text).toContain('„… jährlich 400 Straßenbäume …“ statt „… jährlich 500 Straßenbäume …“');
      expect(problem.text).toContain('„… der Südstadt.“ statt „… der Südvorstadt.“');
      expect(oparl.count('/dateien/baeume.pdf')).toBe(1);

      const altLine = draft.split('\n').findIndex((line) => line.startsWith('alt:')) + 2;
      const fixed = await ui.quickFix(session, altLine, 'Wortlaut aus „VIII-DS-02002“ übernehmen', 'vorlage-korrigiert');
      // The editor's text as shown: wrapped lines, spaces as no-break spaces.
      expect(fixed.editor.replace(/\s+/g, ' ')).toContain('Die Stadt pflanzt bis 2030 jährlich 500 Straßenbäume in der Südvorstadt.');
      const hover = await ui.hoverAt(session, altLine, 8, 'wie er jetzt lautet', 'vorlage-hover');
      expect(hover.text).toContain('Punkt 1 von VIII-DS-02002, wie er jetzt lautet:');
    } catch (error) {
      await session.page.screenshot({ path: path.join(ui.SHOTS, 'fehler-vorlage.png') }).catch(() => undefined);
      throw new Error(`${String(error)}\n--- code-server ---\n${session.log().slice(-4000)}`);
    } finally {
      await session.close();
    }
  });
});

describe.skipIf(skip)(`VS Code: spelling${skip ? `: skipped, ${missing}` : ''}`, () => {
  it('marks a slip and a name, corrects the slip at both its places with Ctrl+. and adds the name to ratsfeder.yaml', { timeout: 300_000 }, async () => {
    if (missing) throw new Error(missing);
    const config = '# Einstellungen der Fraktion\nprofil: leipzig\n';
    const draft = [
      '---',
      'art: Antrag',
      'titel: Sichere Schulwege in Connewitz',
      'einreicher: Freibeuter-Fraktion',
      `datum: ${new Date().toISOString().slice(0, 10)}`,
      '---',
      '',
      '## Beschlussvorschlag',
      '',
      'Strasse und Gehwege vor der Schule werden bis 2028 umgebaut, die Strasse wird schmaler.',
      '',
      '## Begründung',
      '',
      'Plaggemeyer hat die Gefahrenstelle gemeldet.',
      '',
    ].join('\n');
    const session = await openVsCode({
      vsix: VSIX,
      prepare: (workspace) => {
        writeFileSync(path.join(workspace, 'ratsfeder.yaml'), config);
        writeFileSync(path.join(workspace, 'schulwege.antrag.md'), draft);
      },
    });
    try {
      await ui.workbenchReady(session);
      const problem = await ui.problemRow(session, 'schulwege.antrag.md', '„Strasse“ steht nicht im Wörterbuch. Gemeint: „Straße“?', 'rechtschreibung-befund');
      expect(problem.text).toContain('„Plaggemeyer“ steht nicht im Wörterbuch');
      expect(problem.text).not.toContain('Connewitz');

      const line = (start: string) => draft.split('\n').findIndex((text) => text.startsWith(start)) + 1;
      // The slip stands twice: one step corrects both places.
      const fixed = await ui.quickFix(session, line('Strasse'), 'Überall ändern in „Straße“ (2 Stellen)', 'rechtschreibung-korrigiert');
      // The editor's text as shown: spaces as no-break spaces.
      expect(fixed.editor.replace(/\s+/g, ' ')).toContain('Straße und Gehwege vor der Schule werden bis 2028 umgebaut, die Straße wird schmaler.');
      await ui.quickFix(session, line('Plaggemeyer'), '„Plaggemeyer“ zu den Wörtern des Projekts hinzufügen (ratsfeder.yaml)', 'rechtschreibung-wort');
      const file = path.join(session.workspace, 'ratsfeder.yaml');
      await until(() => readFileSync(file, 'utf8').includes('- Plaggemeyer'), 60_000, () => `the word is not in ratsfeder.yaml: ${readFileSync(file, 'utf8')}`);
      expect(readFileSync(file, 'utf8')).toBe(`${config}woerter:\n  - Plaggemeyer\n`);
      // The findings go: the slip corrected, the name now the project's.
      await ui.problemsGone(session, /Wörterbuch/, 'rechtschreibung-erledigt');
    } catch (error) {
      await session.page.screenshot({ path: path.join(ui.SHOTS, 'fehler-rechtschreibung.png') }).catch(() => undefined);
      throw new Error(`${String(error)}\n--- code-server ---\n${session.log().slice(-4000)}`);
    } finally {
      await session.close();
    }
  });
});

describe.skipIf(skip)(`VS Code: the draft as the document${skip ? `: skipped, ${missing}` : ''}`, () => {
  it('previews the header block and the Synopse, lists the drafts with their state, refuses an export before asking where, and downloads in the browser', { timeout: 300_000 }, async () => {
    if (missing) throw new Error(missing);
    const session = await openVsCode({
      vsix: VSIX,
      prepare: (workspace) => {
        writeFileSync(path.join(workspace, 'vorlage.antrag.md'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'aenderung-vorlage.md'), 'utf8'));
        writeFileSync(path.join(workspace, 'baeume.aenderungsantrag.md'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'aenderung-synopse.md'), 'utf8'));
      },
    });
    const title = (key: string) => [`Ratsfeder: ${NLS.de[key]}`, `Ratsfeder: ${NLS.en[key]}`];
    try {
      await ui.workbenchReady(session);
      const synopse = await ui.preview(session, 'baeume.aenderungsantrag.md', '.ratsfeder-synopse', 'vorschau');
      expect(synopse.text).toContain('Bisherige Fassung');
      expect(synopse.html).toContain('<del>2030</del>');
      expect(synopse.html).toContain('<ins>2028</ins>');
      const kopf = await ui.preview(session, 'baeume.aenderungsantrag.md', '.ratsfeder-kopf', 'vorschau-kopf', false);
      expect(kopf.text).toContain('Änderungsantrag zu VIII-DS-04711');
      expect(kopf.text).toMatch(/Betreff:\s*Änderungen zur Vorlage/);
      expect(kopf.text).toContain('02.06.2025');

      // The drafts at a glance: by type, each with its findings; a click opens it.
      const view = await ui.draftsView(session, 'Sichere Schulwege', 'entwuerfe');
      expect(view.text).toMatch(/Anträge\s*3/);
      expect(view.text).toMatch(/Änderungsanträge\s*1/);
      expect(view.text).toMatch(/Sichere Schulwege\s*1 Fehler/);
      expect(view.text).toMatch(/Schulwege sicher gestalten\s*ohne Befund/);
      await ui.openFromDraftsView(session, 'Sichere Schulwege', 'luecken.antrag.md');

      // A draft with an error: refused before the save dialog, in the editor's words, on the right line.
      const artLine = readFileSync(path.join(session.workspace, 'luecken.antrag.md'), 'utf8').split('\n').findIndex((line) => line.startsWith('art:')) + 1;
      const refused = await ui.exportRefused(session, 'luecken.antrag.md', title('command.exportDocx'), /luecken\.antrag\.md hat 1 Fehler/, 'export-verweigert');
      expect(refused.dialog).toBe(false);
      expect(refused.text).toContain(`Zeile ${artLine}`);
      expect(refused.text).toContain('Trotzdem exportieren');
      expect(refused.text).not.toContain('--force');
      expect(refused.text).not.toContain(session.workspace);

      // Exported in a browser: downloaded to the user's computer.
      const exported = await ui.exportDocx(session, title('command.exportDocx'));
      expect(exported.notification).toContain('Herunterladen');
      const downloaded = await ui.downloadFrom(session, 'schulwege.antrag.docx', 'Herunterladen', 'export-herunterladen');
      expect(downloaded.file).toBe('schulwege.antrag.docx');
    } catch (error) {
      await session.page.screenshot({ path: path.join(ui.SHOTS, 'fehler-dokument.png') }).catch(() => undefined);
      throw new Error(`${String(error)}\n--- code-server ---\n${session.log().slice(-4000)}`);
    } finally {
      await session.close();
    }
  });
});

describe.skipIf(skip)(`VS Code workspace trust${skip ? `: skipped, ${missing}` : ''}`, () => {
  it('syncs from the OParl address in ratsfeder.yaml only once the user trusts the folder', { timeout: 300_000 }, async () => {
    if (missing) throw new Error(missing);
    const system = `${oparl.base}/oparl/system`;
    const session = await openVsCode({
      vsix: VSIX,
      // Trust as VS Code ships it: a new folder opens in Restricted Mode.
      settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open' },
      prepare: (workspace) => writeFileSync(path.join(workspace, 'ratsfeder.yaml'), `profil: leipzig\nregister:\n  oparl: ${system}\n`),
    });
    const sync = (key: string) => [`Ratsfeder: ${NLS.de[key]}`, `Ratsfeder: ${NLS.en[key]}`];
    try {
      await ui.workbenchReady(session);
      // Restricted Mode explained once, in the council's German, with the button that trusts the folder.
      const explained = await ui.notification(session, /eingeschränkten Modus/, 'eingeschraenkter-modus');
      expect(explained.text).toContain('Umlaut');
      expect(explained.text).toContain('Ordner vertrauen');
      const before = oparl.requests.length;
      const refused = await ui.notificationAfter(session, sync('command.syncRegister'), /nicht als vertrauenswürdig eingestuft|not trusted/, 'nicht-vertrauenswuerdig');
      expect(refused.text).toMatch(/nicht als vertrauenswürdig eingestuft|not trusted/);
      expect(oparl.requests.slice(before)).toEqual([]);

      await ui.trustWorkspace(session);
      const synced = await ui.notificationAfter(session, sync('command.syncRegister'), /Dokumentregister aktualisiert|Document register updated/, 'vertrauenswuerdig');
      expect(synced.text).toMatch(/: 2 (Dokumente|documents)/);
      expect(oparl.requests.slice(before)).toContain('/oparl/system');
    } catch (error) {
      await session.page.screenshot({ path: path.join(ui.SHOTS, 'fehler-vertrauen.png') }).catch(() => undefined);
      throw new Error(`${String(error)}\n--- code-server ---\n${session.log().slice(-4000)}`);
    } finally {
      await session.close();
    }
  });
});

// @vscode/test-electron downloads VS Code from update.code.visualstudio.com, which this CI
// cannot reach; where it can, RATSFEDER_VSCODE_DESKTOP=1 runs the same suite in VS Code desktop.
const desktop = Boolean(process.env.RATSFEDER_VSCODE_DESKTOP);
describe.skipIf(!desktop)(`VS Code desktop (@vscode/test-electron)${desktop ? '' : ': skipped, it downloads VS Code (set RATSFEDER_VSCODE_DESKTOP=1 where that works)'}`, () => {
  it('runs the extension test suite', { timeout: 600_000 }, async () => {
    const { runInDesktopVsCode } = await import('./vscode/electron.js');
    const outcome = await runInDesktopVsCode(VSIX, { RATSFEDER_TEST_OPARL: `${oparl.base}/oparl/system`, RATSFEDER_TEST_SITZUNG: SITZUNG });
    expect(outcome.filter((test) => test.state === 'failed')).toEqual([]);
    expect(outcome.length).toBe(SUITE.length);
  });
});

/** The extension tests in test/vscode/suite, in order. */
const SUITE = [
  'Ratsfeder in VS Code shows a draft’s findings as diagnostics',
  'Ratsfeder in VS Code offers the quick fix and the rule documentation for a finding',
  'Ratsfeder in VS Code completes a document number from the register',
  'Ratsfeder in VS Code exports a draft as DOCX beside it',
  'Ratsfeder in VS Code refuses to export a draft with errors and lists them',
  'Ratsfeder in VS Code creates a new Antrag from the template, cursor in the first section',
  'Ratsfeder in VS Code creates a new Anfrage and a new Änderungsantrag from their templates, only their placeholders marked',
  'Ratsfeder in VS Code shows the register in the status bar and syncs it from OParl',
  'Ratsfeder in VS Code shows the open draft’s next submission deadline from the synced meeting calendar',
  'Ratsfeder in VS Code dates a new draft to the next meeting it can still make, from the synced calendar',
];

const NLS = {
  de: JSON.parse(readFileSync(path.join(ROOT, 'package.nls.de.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>,
};
