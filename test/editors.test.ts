import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const available = (command: string) => spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
const hasNvim = available('nvim');
const hasEmacs = available('emacs');
// CI installs Neovim, Emacs and Eglot (.ci/run), so there they must run. On a developer
// machine without an editor its test is skipped rather than failing the whole suite.
const required = Boolean(process.env.CI);

/** An editor that hangs is killed after this long; the scripts give up on their own before. */
const EDITOR_TIMEOUT = 60_000;

const EDITORS = path.join(ROOT, 'test', 'editors');
/**
 * A project as a council group keeps it: `projekt/` with `ratsfeder.yaml` and a register file,
 * and a shared register file in `rat/` that only the config names.
 */
const WORKSPACE = path.join(EDITORS, 'workspace');
/** What both editors type to get document numbers from the register. */
const TYPED = 'VIII-A-0';

const DRAFT = `---
art: Antrag
titel: Radwege sanieren
einreicher: Freibeuter-Fraktion
datum: 2025-05-14
---

## Beschlussvorschlag

Der Oberbürgermeister wird beauftragt, den Plan aus VIII-DS-815 umzusetzen.

## Beg`;

/** The configuration README.md gives under "Andere Editoren", the code block in `language`. */
function readmeConfig(language: 'lua' | 'elisp'): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Andere Editoren\n'));
  const block = section && new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\``, 'm').exec(section);
  if (!block?.[1]) throw new Error(`README.md has no \`\`\`${language} block under "## Andere Editoren"`);
  return block[1];
}

/** Every entry of the workspace's register files (`nummer;titel;art;…`), by number. */
function registerEntries(): Map<string, { titel: string; art: string }> {
  const entries = new Map<string, { titel: string; art: string }>();
  for (const file of readdirSync(WORKSPACE, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.register.csv'))) {
    for (const row of readFileSync(path.join(WORKSPACE, file), 'utf8').trim().split('\n').slice(1)) {
      const [nummer = '', titel = '', art = ''] = row.split(';');
      entries.set(nummer, { titel, art });
    }
  }
  return entries;
}

interface Project {
  /** The temporary copy of the workspace; `projekt/` in it is the project folder. */
  readonly dir: string;
  /** The environment for the editor: `ratsfeder` on the PATH, as after `npm link`. */
  readonly env: NodeJS.ProcessEnv;
}

/** Runs `use` on a fresh copy of the workspace and removes the copy afterwards. */
function inProject(prefix: string, use: (project: Project) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  try {
    cpSync(WORKSPACE, dir, { recursive: true });
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'ratsfeder'), `#!/bin/sh\nexec '${process.execPath}' '${path.join(ROOT, 'bin', 'ratsfeder.js')}' "$@"\n`, { mode: 0o755 });
    use({ dir, env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runEditor(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: EDITOR_TIMEOUT, killSignal: 'SIGKILL' });
}

/** What the editor script wrote; when it wrote nothing, the editor's own output says why. */
function editorResult(out: string, result: SpawnSyncReturns<string>) {
  if (!existsSync(out)) throw new Error(`the editor wrote no result (status ${result.status}, ${result.signal ?? 'no signal'}):\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}

interface CompletionItem {
  label: string;
  description?: string;
  textEdit?: { newText: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

describe('in a real editor', () => {
  it.runIf(hasNvim || required)(
    'Neovim with the README configuration shows the diagnostics, completes headings and register numbers, applies a quick fix',
    () => {
      inProject('ratsfeder-nvim-', ({ dir, env }) => {
        // In a subfolder, so that the configuration has to find the project by its ratsfeder.yaml.
        const draft = path.join(dir, 'projekt', 'antraege', 'antrag.md');
        mkdirSync(path.dirname(draft));
        writeFileSync(draft, DRAFT);
        const config = path.join(dir, 'init.lua');
        writeFileSync(config, readmeConfig('lua'));
        const out = path.join(dir, 'result.json');
        const result = runEditor('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(EDITORS, 'nvim.lua')}`], path.dirname(draft), {
          ...env,
          RATSFEDER_CONFIG: config,
          RATSFEDER_DRAFT: draft,
          RATSFEDER_OUT: out,
          RATSFEDER_TYPE: TYPED,
        });
        expect(result.error).toBeUndefined();
        const editor = editorResult(out, result);
        expect(editor.error).toBeUndefined();
        expect(editor.root_dir).toBe(path.join(dir, 'projekt'));
        const codes = editor.diagnostics.map((d: { code: string }) => d.code);
        expect(codes).toEqual(expect.arrayContaining(['nummer-form', 'abschnitt-unbekannt']));
        const number = editor.diagnostics.find((d: { code: string }) => d.code === 'nummer-form');
        // Neovim counts bytes: UTF-16 column 52 (after the ü of Oberbürgermeister) is byte 53.
        expect(number).toMatchObject({ lnum: 9, col: 53, severity: 2 });
        expect(number.message).toBe('„VIII-DS-815“ ist keine kanonische Drucksachennummer; richtig ist „VIII-DS-00815“.');
        expect(editor.completion).toContain('Begründung');
        expect(editor.fixed).toBe('Der Oberbürgermeister wird beauftragt, den Plan aus VIII-DS-00815 umzusetzen.');

        // Both register files (the one in the project, the one the config names) and only
        // numbers with the typed prefix, each with its title, replacing what was typed.
        const register = registerEntries();
        const expected = [...register.keys()].filter((nummer) => nummer.startsWith(TYPED)).sort();
        expect(expected).toContain('VIII-A-00412');
        for (const typed of [editor.bezug, editor.body] as { line: string; items: CompletionItem[] }[]) {
          expect(typed.items.map((item) => item.label).sort()).toEqual(expected);
          const item = typed.items.find((candidate) => candidate.label === 'VIII-A-00412');
          // Neovim 0.7 cannot show labelDetails: the title comes first in the detail it shows.
          expect(item).toMatchObject({ detail: expect.stringMatching(new RegExp(`^${register.get('VIII-A-00412')!.titel} · `)), textEdit: { newText: 'VIII-A-00412' } });
          expect(item!.description).toBeUndefined();
          expect(item!.textEdit!.range.start.character).toBe(typed.line.length - TYPED.length);
          expect(item!.textEdit!.range.end.character).toBe(typed.line.length);
        }
        expect(editor.bezug.line).toBe(`bezug: ${TYPED}`);
        expect(result.status).toBe(0);
      });
    },
    EDITOR_TIMEOUT + 30_000,
  );

  it.runIf(hasEmacs || required)(
    'Emacs with Eglot and the README configuration shows what the CLI finds and completes register numbers',
    () => {
      inProject('ratsfeder-emacs-', ({ dir, env }) => {
        const project = path.join(dir, 'projekt');
        const draft = path.join(project, 'schulwege.anfrage.md');
        const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', draft, '--format', 'json'], { cwd: project, env, encoding: 'utf8' });
        const findings: { ruleId: string; severity: string; message: string; line: number; column: number }[] = JSON.parse(cli.stdout).files[0].findings;
        // The draft has findings of every severity Flymake distinguishes, one only with the register.
        expect(findings.map((finding) => finding.ruleId)).toEqual(expect.arrayContaining(['nummer-form', 'nummer-unbekannt', 'frage-ohne-fragezeichen']));

        const config = path.join(dir, 'init.el');
        writeFileSync(config, readmeConfig('elisp'));
        const out = path.join(dir, 'result.json');
        const result = runEditor('emacs', ['--batch', '-Q', '-l', path.join(EDITORS, 'eglot.el')], project, {
          ...env,
          HOME: dir,
          RATSFEDER_CONFIG: config,
          RATSFEDER_DRAFT: draft,
          RATSFEDER_OUT: out,
          RATSFEDER_DIAGNOSTICS: String(findings.length),
          RATSFEDER_TYPE: `\nSiehe auch ${TYPED}`,
        });
        expect(result.error).toBeUndefined();
        const editor = editorResult(out, result);
        expect(editor.error, result.stderr).toBeUndefined();

        const flymakeType: Record<string, string> = { error: 'eglot-error', warning: 'eglot-warning', info: 'eglot-note' };
        const byPosition = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line - b.line || a.column - b.column;
        expect(editor.diagnostics).toEqual(
          [...findings].sort(byPosition).map((finding) => ({
            line: finding.line,
            column: finding.column,
            type: flymakeType[finding.severity],
            text: expect.stringContaining(`[${finding.ruleId}]: ${finding.message}`),
          })),
        );

        const register = registerEntries();
        const candidates: { candidate: string; typed: string; annotation: string; label: string; description: string }[] = editor.candidates;
        expect(candidates.map((candidate) => candidate.candidate).sort()).toEqual([...register.keys()].filter((nummer) => nummer.startsWith(TYPED)).sort());
        const entry = register.get('VIII-A-00412')!;
        expect(candidates.find((candidate) => candidate.candidate === 'VIII-A-00412')).toEqual({
          candidate: 'VIII-A-00412',
          typed: TYPED,
          // Eglot shows the detail beside the candidate: title first, then type and date.
          annotation: expect.stringContaining(`${entry.titel} · ${entry.art}`),
          label: 'VIII-A-00412',
          description: null,
        });
        expect(result.status).toBe(0);
      });
    },
    EDITOR_TIMEOUT + 30_000,
  );
});
