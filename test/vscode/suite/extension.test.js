// The extension in a real VS Code: what a user does, through VS Code's own API.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const root = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
const file = (name) => vscode.Uri.file(path.join(root(), name));

/** Resolves when `check` returns a value other than undefined; fails after `ms`. */
async function eventually(check, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ratsfederCodes = (uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'ratsfeder')
    .map((d) => `${d.range.start.line + 1}:${typeof d.code === 'object' ? d.code.value : d.code}`)
    .sort();

describe('Ratsfeder in VS Code', () => {
  let api;

  before(async () => {
    const extension = vscode.extensions.getExtension('ratsfeder.ratsfeder');
    assert.ok(extension, 'the extension is installed');
    // ratsfeder.yaml in the workspace activates it without a command.
    await eventually(() => (extension.isActive ? true : undefined), 30_000, 'activation by workspaceContains');
    api = extension.exports;
    assert.equal(api.client.isRunning(), true);
  });

  it('shows a draft’s findings as diagnostics', async () => {
    const uri = file('luecken.antrag.md');
    await vscode.window.showTextDocument(uri);
    const codes = await eventually(() => (ratsfederCodes(uri).length >= 3 ? ratsfederCodes(uri) : undefined), 30_000, 'diagnostics');
    // "Sichere Schulwege" is the subject of VIII-A-00512 „Schulwegsicherheit an Grundschulen“ in the register.
    assert.deepEqual(codes, ['2:abschnitt-fehlt', '3:aehnliches-dokument', '6:bezug-unbekannt']);
    const missing = vscode.languages.getDiagnostics(uri).find((d) => d.code && d.code.value === 'abschnitt-fehlt');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing.message, /Begründung/);
    // The rule's link opens its page in the extension, not a web page.
    assert.equal(missing.code.target.toString(true), 'command:ratsfeder.openRuleDoc?["abschnitt-fehlt"]');
    // One outline: VS Code's own of the headings, none from Ratsfeder beside it (its front matter entry).
    const symbols = (await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    assert.deepEqual(
      symbols.filter((symbol) => /front matter/i.test(symbol.name)).map((symbol) => symbol.name),
      [],
    );
  });

  it('offers the quick fix and the rule documentation for a finding', async () => {
    const uri = file('luecken.antrag.md');
    let titles = [];
    // Diagnostics are re-pulled when the register changes; ask until the markers are back.
    const actions = await eventually(
      async () => {
        const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.code && d.code.value === 'abschnitt-fehlt');
        if (!diagnostic) return undefined;
        const found = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range);
        titles = found.map((action) => action.title);
        return titles.some((title) => /Begründung/.test(title)) && found.some((action) => action.command && action.command.command === 'ratsfeder.openRuleDoc') ? found : undefined;
      },
      20_000,
      `the quick fix and the rule documentation (offered: ${titles.join(' | ')})`,
    ).catch((error) => {
      throw new Error(`${error.message}; offered: ${titles.join(' | ')}`);
    });
    const doc = actions.find((action) => action.command && action.command.command === 'ratsfeder.openRuleDoc');
    const page = await vscode.commands.executeCommand(doc.command.command, ...doc.command.arguments);
    assert.equal(path.basename(page.fsPath), 'abschnitt-fehlt.md');
    assert.match(fs.readFileSync(page.fsPath, 'utf8'), /abschnitt-fehlt/);
  });

  it('completes a document number from the register', async () => {
    const uri = file('luecken.antrag.md');
    const editor = await vscode.window.showTextDocument(uri);
    const line = editor.document.lineCount - 1;
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '\nSiehe VIII-A-005'));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await eventually(
      async () => {
        const result = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, end);
        return result.items.some((item) => (item.label.label ?? item.label) === 'VIII-A-00512') ? result : undefined;
      },
      30_000,
      'a completion for VIII-A-00512',
    );
    const item = list.items.find((entry) => (entry.label.label ?? entry.label) === 'VIII-A-00512');
    assert.match(JSON.stringify([item.detail, item.label, item.documentation]), /Schulwegsicherheit an Grundschulen/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('exports a draft as DOCX beside it', async () => {
    const target = file('schulwege.antrag.docx');
    const result = await vscode.commands.executeCommand('ratsfeder.exportDocx', file('schulwege.antrag.md'), { ziel: target });
    assert.equal(result.ok, true, JSON.stringify(result));
    const bytes = fs.readFileSync(target.fsPath);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    assert.ok(bytes.includes(Buffer.from('word/document.xml')));
  });

  it('refuses to export a draft with errors and lists them', async () => {
    const target = file('luecken.antrag.docx');
    const result = await vscode.commands.executeCommand('ratsfeder.exportDocx', file('luecken.antrag.md'), { ziel: target });
    assert.equal(result.ok, false);
    assert.equal(result.kind, 'errors');
    assert.deepEqual(
      result.findings.map((finding) => finding.ruleId),
      ['abschnitt-fehlt'],
    );
    // The line the editor shows (1-based), where the Problems panel puts it: the `art:` line.
    const artLine = fs.readFileSync(file('luecken.antrag.md').fsPath, 'utf8').split('\n').findIndex((line) => line.startsWith('art:')) + 1;
    assert.equal(result.findings[0].line, artLine);
    assert.equal(fs.existsSync(target.fsPath), false);
    const forced = await vscode.commands.executeCommand('ratsfeder.exportDocx', file('luecken.antrag.md'), { ziel: target, erzwingen: true });
    assert.equal(forced.ok, true);
  });

  it('creates a new Antrag from the template, cursor in the first section', async () => {
    const target = file('neu/radwege.antrag.md');
    const created = await vscode.commands.executeCommand('ratsfeder.new.antrag', { titel: 'Radwege: breiter und sicherer', ziel: target });
    assert.equal(created.fsPath, target.fsPath);
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(text, /^titel: "Radwege: breiter und sicherer"$/m);
    // No calendar synced yet: no meeting date rather than one of the template's own.
    assert.doesNotMatch(text, /sitzung:/);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor.document.uri.fsPath, target.fsPath);
    const heading = editor.document.lineAt(editor.selection.active.line - 2).text;
    assert.equal(heading, '## Beschlussvorschlag');
    // What the template leaves to fill in is marked (platzhalter), and nothing else.
    await eventually(
      () => {
        const found = vscode.languages.getDiagnostics(target);
        return api.client.isRunning() && found.length >= 3 && found.every((d) => String(d.code?.value ?? d.code) === 'platzhalter') ? true : undefined;
      },
      10_000,
      'a new draft whose only findings are its placeholders',
    );
  });

  it('creates a new Anfrage and a new Änderungsantrag from their templates, only their placeholders marked', async () => {
    for (const [command, name, first] of [
      ['ratsfeder.new.anfrage', 'neu/radwege.anfrage.md', '## Sachverhalt'],
      ['ratsfeder.new.aenderungsantrag', 'neu/radwege.aenderungsantrag.md', '## Beschlussvorschlag'],
    ]) {
      const target = file(name);
      const created = await vscode.commands.executeCommand(command, { titel: 'Radwege sicherer', ziel: target });
      assert.equal(created.fsPath, target.fsPath);
      assert.match(fs.readFileSync(target.fsPath, 'utf8'), /^titel: Radwege sicherer$/m);
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor.document.uri.fsPath, target.fsPath);
      assert.equal(editor.document.lineAt(editor.selection.active.line - 2).text, first);
      // Only the placeholders are reported (and what the register cannot know: the placeholder number).
      await eventually(
        () => {
          const found = vscode.languages.getDiagnostics(target);
          const left = found.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning && !['platzhalter', 'bezug-unbekannt', 'nummer-unbekannt'].includes(String(d.code?.value ?? d.code)));
          return api.client.isRunning() && left.length === 0 && found.some((d) => String(d.code?.value ?? d.code) === 'platzhalter') ? true : undefined;
        },
        10_000,
        `a new draft from ${command} with only its placeholders marked`,
      );
    }
  });

  it('shows the register in the status bar and syncs it from OParl', async function () {
    const status = await eventually(() => api.status.status, 30_000, 'the register status');
    assert.equal(status.files, 3);
    assert.ok(status.drafts >= 2, JSON.stringify(status));
    const oparl = process.env.RATSFEDER_TEST_OPARL;
    if (!oparl) this.skip(); // the runner serves an OParl system; without one there is nothing to sync
    const result = await vscode.commands.executeCommand('ratsfeder.syncRegister', { oparl });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.papers, 2);
    const synced = await eventually(() => (api.status.status && api.status.status.oparl ? api.status.status : undefined), 10_000, 'the synced status');
    assert.equal(synced.oparl.papers, 2);
    assert.equal(synced.oparl.system, oparl);
  });

  it('shows the open draft’s next submission deadline from the synced meeting calendar', async function () {
    const sitzung = process.env.RATSFEDER_TEST_SITZUNG;
    if (!process.env.RATSFEDER_TEST_OPARL || !sitzung) this.skip(); // the calendar comes with the sync above
    // The draft goes to the meeting the runner's OParl server announces (months ahead).
    const draft = file('schulwege.antrag.md');
    fs.writeFileSync(draft.fsPath, fs.readFileSync(draft.fsPath, 'utf8').replace(/sitzung: \d{4}-\d{2}-\d{2}/, `sitzung: ${sitzung}`));
    await vscode.window.showTextDocument(draft);
    // Antrag: 21 days before the meeting.
    const frist = new Date(Date.parse(`${sitzung}T00:00:00Z`) - 21 * 86_400_000).toISOString().slice(0, 10);
    const deadline = await eventually(() => (api.deadline.current && api.deadline.current.sitzung === sitzung ? api.deadline.current : undefined), 20_000, 'the deadline in the status bar');
    assert.deepEqual(deadline, { gremium: 'Ratsversammlung', sitzung, frist, verpasst: false });
    // Above the draft, the deadline and the export.
    const german = (iso) => iso.split('-').reverse().join('.');
    const lenses = await eventually(
      async () => {
        const found = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', draft);
        return found && found.length === 2 ? found : undefined;
      },
      10_000,
      'the lenses above the draft',
    );
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command.title, lens.command.command]),
      [
        [0, `Einreichen bis ${german(frist)} · Ratsversammlung am ${german(sitzung)}`, ''],
        [0, 'Als DOCX exportieren', 'ratsfeder.exportDocx'],
      ],
    );
    await vscode.window.showTextDocument(file('stadtrat.register.csv'));
    await eventually(() => (api.deadline.current === undefined ? true : undefined), 10_000, 'the deadline hidden for a non-draft');
  });

  it('dates a new draft to the next meeting it can still make, from the synced calendar', async function () {
    const sitzung = process.env.RATSFEDER_TEST_SITZUNG;
    if (!process.env.RATSFEDER_TEST_OPARL || !sitzung) this.skip(); // the calendar comes with the sync above
    const target = file('neu/termin.antrag.md');
    await vscode.commands.executeCommand('ratsfeder.new.antrag', { titel: 'Termin', ziel: target });
    assert.match(fs.readFileSync(target.fsPath, 'utf8'), new RegExp(`^  - gremium: Ratsversammlung\\n    sitzung: ${sitzung}\\n`, 'm'));
    // The draft's own tab, not a preview the next file replaces.
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview, false);
  });
});
