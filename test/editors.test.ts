import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
// CI installs Neovim (.ci/run), so there it must run. On a developer machine without
// Neovim this one test is skipped rather than failing the whole suite.
const required = Boolean(process.env.CI);

const DRAFT = `---
art: Antrag
titel: Radwege sanieren
einreicher: Freibeuter-Fraktion
datum: 2025-05-14
---

## Beschlussvorschlag

Der Oberbürgermeister wird beauftragt, den Plan aus VIII-DS-815 umzusetzen.

## Beg`;

describe('in a real editor', () => {
  it.runIf(hasNvim || required)('Neovim shows the diagnostics, completes a heading and applies a quick fix', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-nvim-'));
    const draft = path.join(dir, 'antrag.md');
    const out = path.join(dir, 'result.json');
    writeFileSync(draft, DRAFT);
    const result = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(ROOT, 'test', 'editors', 'nvim.lua')}`], {
      env: {
        ...process.env,
        RATSFEDER_DRAFT: draft,
        RATSFEDER_OUT: out,
        RATSFEDER_CMD: JSON.stringify([process.execPath, path.join(ROOT, 'bin', 'ratsfeder.js'), 'lsp', '--stdio']),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.error).toBeUndefined();
    const editor = JSON.parse(readFileSync(out, 'utf8'));
    expect(editor.error).toBeUndefined();
    const codes = editor.diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['nummer-form', 'abschnitt-unbekannt']));
    const number = editor.diagnostics.find((d: { code: string }) => d.code === 'nummer-form');
    // Neovim counts bytes: UTF-16 column 52 (after the ü of Oberbürgermeister) is byte 53.
    expect(number).toMatchObject({ lnum: 9, col: 53, severity: 2 });
    expect(number.message).toBe('„VIII-DS-815“ ist keine kanonische Drucksachennummer; richtig ist „VIII-DS-00815“.');
    expect(editor.completion).toContain('Begründung');
    expect(editor.fixed).toBe('Der Oberbürgermeister wird beauftragt, den Plan aus VIII-DS-00815 umzusetzen.');
  });
});
