import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** A made-up city's profile (profile.test.ts), chosen by a project through the built CLI. */
const MUSTERSTADT = path.join(ROOT, 'test', 'fixtures', 'profil', 'musterstadt.profile.yaml');
const draft = readFileSync(path.join(ROOT, 'test', 'fixtures', 'profil', 'musterstadt-antrag.md'), 'utf8');

describe('another city is a profile, not code', () => {
  it('is chosen in ratsfeder.yaml by path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-profil-'));
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), `profil: ${JSON.stringify(MUSTERSTADT)}\n`);
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', '.', '--heute', '2025-06-01'], { cwd: dir, encoding: 'utf8' });
    expect(result.stdout).toContain('antrag.md:5:12  fehler  feld-wert  „Bauausschus“ ist in „ausschuss“ nicht erlaubt');
    expect(result.status).toBe(1);
  });
});
