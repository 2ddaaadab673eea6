import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../server/src/rules/registry.js';
import { ROOT } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'ratsfeder.js');
const SHARED = path.join(ROOT, 'test', 'fixtures', 'shared');

function ratsfeder(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const CLEAN = `---
art: Anfrage
titel: Test
einreicher: Freibeuter-Fraktion
datum: 2025-05-20
---

## Fragen

1. Wie viele?
`;

describe('ratsfeder check', () => {
  it('passes the clean examples with exit code 0', () => {
    const { code, stdout } = ratsfeder(['check', 'examples', '--heute', '2025-06-01']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✔ \d+ Entwürfe geprüft, keine Befunde\./);
  });

  it('prints file:line:col  severity  rule  message and exits 1 on errors', () => {
    const { code, stdout } = ratsfeder(['check', path.join(SHARED, 'ki-kampagne.anfrage-fehlerhaft.md')], SHARED);
    expect(code).toBe(1);
    expect(stdout).toContain('ki-kampagne.anfrage-fehlerhaft.md:5:8  fehler  datum-ungueltig  „2025-13-01“ in „datum“ ist kein gültiges Datum');
    expect(stdout).toMatch(/^ki-kampagne\.anfrage-fehlerhaft\.md:11:27  warnung  nummer-form  /m);
    expect(stdout).toMatch(/✖ 3 Fehler, 3 Warnungen, 0 Hinweise in 1 von 1 Entwurf\./);
  });

  it('exits 0 with warnings only', () => {
    const dir = workspace({ 'a.md': CLEAN.replace('Wie viele?', 'Wie viele? Siehe VIII-F-1.') });
    const { code, stdout } = ratsfeder(['check', '.'], dir);
    expect(stdout).toContain('warnung  nummer-form');
    expect(code).toBe(0);
  });

  it('reads drafts with CR, CR LF or mixed line ends and points at the same lines', () => {
    const draft = CLEAN.replace('Wie viele?', 'Wie viele? Siehe VIII-F-1.');
    const dir = workspace({ 'lf.md': draft, 'cr.md': draft.replace(/\n/g, '\r'), 'crlf.md': draft.replace(/\n/g, '\r\n'), 'mixed.md': draft.replace('titel: Test\n', 'titel: Test\r\r\n').replace('## Fragen\n\n', '## Fragen\n') });
    const { stdout } = ratsfeder(['check', '.'], dir);
    const at = (name: string) => new RegExp(`^${name}:(\\d+:\\d+)  warnung  nummer-form`, 'm').exec(stdout)?.[1];
    expect(at('lf\\.md')).toBe('10:21');
    expect(at('cr\\.md')).toBe('10:21');
    expect(at('crlf\\.md')).toBe('10:21');
    // One line more (the CR before the CR LF), one less (the blank line after the heading).
    expect(at('mixed\\.md')).toBe('10:21');
  });

  it('speaks English with --lang en', () => {
    const { stdout } = ratsfeder(['check', '--lang', 'en', path.join(SHARED, 'ki-kampagne.anfrage-fehlerhaft.md')], SHARED);
    expect(stdout).toContain('error  datum-ungueltig  “2025-13-01” in “datum” is not a valid date');
  });

  it('writes JSON', () => {
    const { code, stdout } = ratsfeder(['check', '--format', 'json', 'ki-kampagne.anfrage-fehlerhaft.md'], SHARED);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.version).toBe(1);
    const finding = json.files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'nummer-form');
    expect(finding).toMatchObject({ severity: 'warning', line: 11, column: 27, endLine: 11, endColumn: 38 });
    expect(finding.fixes[0]).toMatchObject({ title: 'In „VIII-F-01234“ ändern', edits: [{ text: 'VIII-F-01234' }] });
  });

  it('writes SARIF 2.1.0 with rules and relative locations', () => {
    const { stdout } = ratsfeder(['check', '--format', 'sarif', '.'], SHARED);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('ratsfeder');
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULE_IDS);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'datum-ungueltig');
    expect(result.level).toBe('error');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('datum-ungueltig');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'ki-kampagne.anfrage-fehlerhaft.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 8, endLine: 5, endColumn: 18 },
    });
  });

  it('expands folders and globs, skipping Markdown without art quietly', () => {
    const dir = workspace({ 'antraege/a.md': CLEAN, 'antraege/unter/b.md': CLEAN, 'README.md': '# Hallo\n', 'node_modules/x/c.md': CLEAN });
    const folder = ratsfeder(['check', '.'], dir);
    expect(folder.stdout).toContain('✔ 2 Entwürfe geprüft');
    expect(folder.stdout).toContain('(1 Datei ohne „art:“ übersprungen)');
    expect(folder.stderr).toBe('');
    const glob = ratsfeder(['check', 'antraege/**/*.md'], dir);
    expect(glob.stdout).toContain('✔ 2 Entwürfe geprüft');
  });

  it('counts a file it did not read apart from files without art, and says why on stderr', () => {
    const dir = workspace({ 'a.antrag.md': CLEAN, 'b.antrag.md': 'abc\0\0\0def', 'README.md': '# Hallo\n' });
    const run = ratsfeder(['check', '.'], dir);
    expect(run.stdout).toContain('✔ 1 Entwurf geprüft');
    expect(run.stdout).toContain('(1 Datei ohne „art:“ übersprungen)');
    expect(run.stdout).toContain('(1 Datei nicht eingelesen und nicht geprüft; der Grund steht in der Meldung zu ihr)');
    expect(run.stderr).toContain('b.antrag.md: übersprungen – Binärdatei, kein Markdown-Text');
    const english = ratsfeder(['check', '.', '--lang', 'en'], dir);
    expect(english.stdout).toContain('(1 file not read and not checked; its message says why)');
  });

  it('says why an explicitly named file is skipped', () => {
    const dir = workspace({ 'README.md': '# Hallo\n' });
    const { code, stderr } = ratsfeder(['check', 'README.md'], dir);
    expect(code).toBe(0);
    expect(stderr).toContain('README.md: übersprungen – kein Entwurf');
  });

  it('applies ratsfeder.yaml from the draft folder or above', () => {
    const dir = workspace({
      'ratsfeder.yaml': 'regeln:\n  nummer-form: fehler\n',
      'sub/a.md': CLEAN.replace('Wie viele?', 'Wie viele? Siehe VIII-F-1.'),
    });
    const { code, stdout } = ratsfeder(['check', '.'], dir);
    expect(stdout).toContain('fehler  nummer-form');
    expect(code).toBe(1);
  });

  it('rejects a bad ratsfeder.yaml with file, line and a suggestion, exit 2', () => {
    const dir = workspace({ 'ratsfeder.yaml': 'regeln:\n  nummer-from: aus\n  abschnitt-fehlt: vielleicht\n', 'a.md': CLEAN });
    const { code, stdout, stderr } = ratsfeder(['check', '.'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('ratsfeder.yaml:2:3: unbekannter Schlüssel „nummer-from“ in „regeln“; gemeint ist wohl „nummer-form“');
    expect(stderr).toContain('ratsfeder.yaml:3:20: „vielleicht“ ist in „regeln.abschnitt-fehlt“ nicht erlaubt');
  });

  it('reports usage errors in one line with exit code 2', () => {
    expect(ratsfeder(['check', '--format', 'xml']).stderr).toBe('ratsfeder: unbekanntes Format „xml“; erlaubt sind text, json, sarif\n');
    expect(ratsfeder(['check', '--format', 'xml']).code).toBe(2);
    expect(ratsfeder(['check', '--bogus']).code).toBe(2);
    expect(ratsfeder(['frobnicate']).code).toBe(2);
    const missing = ratsfeder(['check', 'gibt-es-nicht/*.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('keine Markdown-Datei passt zu „gibt-es-nicht/*.md“');
  });

  it('says that a file named does not exist, exit 2 as the help promises, even beside other drafts', () => {
    const dir = workspace({ 'a.md': CLEAN });
    const alone = ratsfeder(['check', 'antrag.md'], dir);
    expect(alone.stderr).toBe('ratsfeder: „antrag.md“ gibt es nicht (weder Datei noch Ordner); bitte den Pfad prüfen\n');
    expect(alone.code).toBe(2);
    const beside = ratsfeder(['check', 'a.md', 'fehlt/b.md', 'leer/*.md'], dir);
    expect(beside.stdout).toContain('✔ 1 Entwurf geprüft');
    expect(beside.stderr).toContain('„fehlt/b.md“ gibt es nicht');
    expect(beside.stderr).toContain('keine Markdown-Datei passt zu „leer/*.md“');
    expect(beside.code).toBe(2);
    expect(ratsfeder(['check', '--help']).stdout).toMatch(/2 {2}Aufruf- oder Konfigurationsfehler \(auch: ein genannter Pfad existiert nicht/);
    expect(ratsfeder(['check', '--lang', 'en', 'antrag.md'], dir).stderr).toContain('“antrag.md” does not exist');
  });

  it('explains itself in --help', () => {
    const { code, stdout } = ratsfeder(['check', '--help']);
    expect(code).toBe(0);
    for (const text of ['--format text|json|sarif', '--lang de|en', 'ratsfeder.yaml', 'ratsfeder-disable', 'Exit-Code']) expect(stdout).toContain(text);
    expect(ratsfeder(['--help']).stdout).toContain('ratsfeder check');
  });

  it('lists every command and every register action in ratsfeder --help, in both languages', () => {
    const source = (file: string) => readFileSync(path.join(ROOT, 'server', 'src', 'cli', file), 'utf8');
    const commands = [...source('main.ts').matchAll(/case '([a-z]+)':/g)].map((match) => match[1]!).filter((name) => name !== 'help');
    const actions = [...source('register-command.ts').matchAll(/case '([a-z]+)':/g)].map((match) => match[1]!);
    expect(commands).toEqual(expect.arrayContaining(['check', 'export', 'register', 'new', 'lsp']));
    expect(actions).toEqual(expect.arrayContaining(['sync', 'show', 'search', 'similar', 'text']));
    for (const lang of ['de', 'en']) {
      const { stdout } = ratsfeder(['--help', '--lang', lang]);
      for (const command of commands) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      for (const action of actions) expect(stdout).toMatch(new RegExp(`ratsfeder register .*\\b${action}\\b`));
      expect(stdout).not.toMatch(/Vorlagen? (prüf|anleg)|prüft Vorlagen|aus der Vorlage/);
    }
  });

  it('runs from a copy of the drafts anywhere', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-copy-'));
    copyFileSync(path.join(SHARED, 'rohdaten-open-data.anfrage.md'), path.join(dir, 'r.md'));
    expect(ratsfeder(['check', 'r.md'], dir).code).toBe(0);
  });
});

describe('fixes a reviewer can take', () => {
  const findings = (text: string) => {
    const { stdout } = ratsfeder(['check', '--format', 'json', 'a.md'], workspace({ 'a.md': text }));
    return (JSON.parse(stdout) as { files: { findings: { ruleId: string; line: number; message: string; fixes: { title: string; edits: { text: string }[] }[] }[] }[] }).files[0]!.findings;
  };

  it('rewrites a German date in the front matter as ISO', () => {
    for (const [written, iso] of [['14.05.2025', '2025-05-14'], ['14.5.2025', '2025-05-14'], ['"1.6.2025"', '2025-06-01']] as const) {
      const [finding] = findings(CLEAN.replace('datum: 2025-05-20', `datum: ${written}`)).filter((f) => f.ruleId === 'datum-ungueltig');
      expect(finding!.message).toContain('in deutscher Schreibweise');
      expect(finding!.fixes).toEqual([{ title: `In ${iso} umschreiben`, edits: [expect.objectContaining({ text: iso })] }]);
    }
  });

  it('adds a question mark only to an item worded as a question', () => {
    const list = ['Bitte listen Sie alle Standorte auf.', 'Nennen Sie die Kosten', 'Wie viele Standorte gibt es', 'Plant die Stadt weitere.', 'Anzahl der Standorte'];
    const found = findings(CLEAN.replace('1. Wie viele?', list.map((item, index) => `${index + 1}. ${item}`).join('\n'))).filter((f) => f.ruleId === 'frage-ohne-fragezeichen');
    expect(found.map((f) => [f.line, f.fixes.map((fix) => fix.title)])).toEqual([
      [10, []],
      [11, []],
      [12, ['Fragezeichen ergänzen']],
      [13, ['Fragezeichen ergänzen']],
      [14, []],
    ]);
    expect(found[0]!.message).toContain('ist eine Bitte, keine Frage; formulieren Sie ihn als Frage');
    expect(found[4]!.message).toContain('ist keine Frage (kein Fragezeichen); formulieren Sie ihn als Frage');
  });
});

describe('ignorieren: in ratsfeder.yaml', () => {
  const BAD = CLEAN.replace('datum: 2025-05-20', 'datum: 2025-13-01');
  const project = () =>
    workspace({
      'ratsfeder.yaml': 'ignorieren:\n  - pruefung/\n  - "**/*.alt.md"\n',
      'a.anfrage.md': CLEAN,
      'b.alt.md': BAD,
      'pruefung/fehler.anfrage.md': BAD,
      'pruefung/tief/fehler.anfrage.md': BAD,
      'unter/c.alt.md': BAD,
    });

  it('leaves the globs’ files and folders out of a check of the folder', () => {
    const { code, stdout, stderr } = ratsfeder(['check', '.'], project());
    expect(stdout).toBe('✔ 1 Entwurf geprüft, keine Befunde.\n');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('checks what is named on the command line, a file or a folder left out', () => {
    const dir = project();
    expect(ratsfeder(['check', 'b.alt.md'], dir).stdout).toContain('b.alt.md:5:8  fehler  datum-ungueltig');
    const folder = ratsfeder(['check', 'pruefung'], dir);
    expect(folder.stdout).toContain('in 2 von 2 Entwürfen');
    expect(folder.code).toBe(1);
  });

  it('says so when a pattern finds only files left out', () => {
    const { code, stderr } = ratsfeder(['check', '*.alt.md'], project());
    expect(stderr).toContain('alle Markdown-Dateien in „*.alt.md“ lässt „ignorieren:“ in ratsfeder.yaml aus');
    expect(code).toBe(0);
  });

  it('keeps register files and drafts in left-out folders out of the register', () => {
    const dir = workspace({
      'ratsfeder.yaml': 'ignorieren: [archiv]\n',
      'liste.register.csv': 'nummer,titel\nVIII-DS-01001,Schulnetzplan\n',
      'archiv/alt.register.csv': 'nummer,titel\nVIII-DS-01002,Bäderkonzept\n',
      'a.anfrage.md': CLEAN.replace('Wie viele?', 'Wie viele? Siehe VIII-DS-01001 und VIII-DS-01002.'),
    });
    const { stdout } = ratsfeder(['check', '.'], dir);
    expect(stdout).not.toContain('VIII-DS-01001');
    expect(stdout).toContain('nummer-unbekannt  „VIII-DS-01002“');
    expect(ratsfeder(['register', 'show', 'VIII-DS-01002'], dir).code).toBe(1);
  });

  it('rejects a pattern that is not a string', () => {
    const { code, stderr } = ratsfeder(['check', '.'], workspace({ 'ratsfeder.yaml': 'ignorieren:\n  - 3\n', 'a.md': CLEAN }));
    expect(stderr).toContain('ratsfeder.yaml:2:');
    expect(code).toBe(2);
  });

  it('keeps the repository’s test drafts out of a check of the whole repository', () => {
    const { code, stdout } = ratsfeder(['check', '.', '--heute', '2025-06-01']);
    expect(stdout).toMatch(/^✔ 3 Entwürfe geprüft, keine Befunde\./);
    expect(code).toBe(0);
  });
});

describe('ratsfeder check over many files', () => {
  it('gives the same output on several threads as on one', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 320; i++) {
      const mistakes = Array.from({ length: i % 4 }, (_, k) => `VIII-F-${k + 1}`).join(' ');
      files[`d/${String(i).padStart(3, '0')}.md`] = CLEAN.replace('Wie viele?', `Wie viele? ${mistakes}`);
    }
    const dir = workspace(files);
    const one = ratsfeder(['check', '--jobs', '1', '--format', 'json', '.'], dir);
    const many = ratsfeder(['check', '--jobs', '2', '--format', 'json', '.'], dir);
    expect(many.stdout).toBe(one.stdout);
    const json = JSON.parse(many.stdout);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual(Object.keys(files).sort());
    expect(json.files.map((f: { findings: unknown[] }) => f.findings.length)).toEqual(Object.keys(files).map((_, i) => i % 4));
    expect(ratsfeder(['check', '--jobs', '0', '.'], dir).code).toBe(2);
  });
});

describe('ratsfeder new', () => {
  it.each([
    ['antrag', 'Antrag'],
    ['anfrage', 'Anfrage'],
    ['Änderungsantrag', 'Änderungsantrag'],
  ])('creates a %s from its template, titled, named after the title, its placeholders the only findings', (kind, art) => {
    const dir = workspace({});
    const created = ratsfeder(['new', kind, '--titel', 'Radwege: breiter und sicherer'], dir);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const suffix = art === 'Änderungsantrag' ? 'aenderungsantrag' : kind;
    const file = path.join(dir, `radwege-breiter-und-sicherer.${suffix}.md`);
    expect(created.stdout).toBe(`Angelegt: ${path.basename(file)} (${art})\n`);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(new RegExp(`^art: ${art}$`, 'm'));
    expect(text).toMatch(/^titel: "Radwege: breiter und sicherer"$/m);
    // No meeting date of the template's own, which would lie in the past sooner or later.
    expect(text).not.toMatch(/sitzung:/);
    // What the template leaves to fill in is an error until it is filled in; nothing else is wrong.
    const checked = ratsfeder(['check', path.basename(file), '--heute', '2025-06-01', '--format', 'json'], dir);
    const findings = JSON.parse(checked.stdout).files[0].findings as { ruleId: string; severity: string; message: string }[];
    expect(findings.filter((finding) => finding.ruleId !== 'platzhalter').map((finding) => finding.message)).toEqual([]);
    expect(findings.filter((finding) => finding.severity === 'error').length).toBeGreaterThanOrEqual(3);
    expect(findings.map((finding) => finding.message).join('\n')).toContain('„Name der Fraktion“ in „einreicher“ ist ein Platzhalter');
    expect(checked.code).toBe(1);
  });

  it('never overwrites a file, and writes nothing where it cannot', () => {
    const dir = workspace({ 'mein.antrag.md': 'meins\n' });
    const again = ratsfeder(['new', 'antrag', 'mein.antrag.md', '--titel', 'Neu'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('ratsfeder: mein.antrag.md gibt es schon; Ratsfeder überschreibt keine Datei. Bitte einen anderen Namen wählen.\n');
    expect(readFileSync(path.join(dir, 'mein.antrag.md'), 'utf8')).toBe('meins\n');
    const missing = ratsfeder(['new', 'anfrage', 'fehlt/frage.anfrage.md', '--lang', 'en'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('ratsfeder: the folder fehlt does not exist; please create it first\n');
    expect(readdirSync(dir)).toEqual(['mein.antrag.md']);
  });

  it('says what it expects for a wrong kind, a missing title and --help', () => {
    const dir = workspace({});
    expect(ratsfeder(['new', 'beschluss', 'x.md'], dir)).toMatchObject({ code: 2, stderr: 'ratsfeder: „beschluss“ ist keine Art; erlaubt sind antrag, anfrage, aenderungsantrag\n' });
    expect(ratsfeder(['new', 'antrag'], dir)).toMatchObject({ code: 2, stderr: 'ratsfeder: bitte einen Titel (--titel „…“) oder einen Dateinamen angeben\n' });
    const help = ratsfeder(['new', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ratsfeder new antrag|anfrage|aenderungsantrag [DATEI.md] [--titel TITEL]');
    expect(ratsfeder(['--help'], dir).stdout).toContain('new      legt einen neuen Entwurf aus der Mustervorlage seiner Art an');
    expect(readdirSync(dir)).toEqual([]);
  });
});
