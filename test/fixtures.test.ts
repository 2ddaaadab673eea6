import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, ROOT } from './helpers.js';

/*
 * The public sample drafts. Copies live in test/fixtures/shared so the repository checks
 * itself anywhere; where the shared folder sits beside the repository, the copies must match it.
 */
const COPY = path.join(ROOT, 'test', 'fixtures', 'shared');
const SHARED = path.join(ROOT, '..', 'shared', 'fixtures', 'drafts');
const drafts = readdirSync(COPY).filter((name) => name.endsWith('.md') && name !== 'README.md');

describe('shared fixture drafts', () => {
  it.runIf(existsSync(SHARED))(`the copies match the shared folder${existsSync(SHARED) ? '' : ': skipped, no ../shared/fixtures beside the repository'}`, () => {
    const shared = readdirSync(SHARED).filter((name) => name.endsWith('.md')).sort();
    expect(drafts.sort()).toEqual(shared);
    for (const name of shared) expect(readFileSync(path.join(COPY, name), 'utf8')).toBe(readFileSync(path.join(SHARED, name), 'utf8'));
  });

  it.each(drafts.filter((name) => !name.includes('-fehlerhaft')))('%s has no error or warning', (name) => {
    const { findings, failures } = check(readFileSync(path.join(COPY, name), 'utf8'), { file: path.join(COPY, name) });
    expect(failures).toEqual([]);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  // Each mistake that the fixture README lists, and where it is.
  it('the faulty draft gets a finding for each mistake its README lists', () => {
    const name = 'ki-kampagne.anfrage-fehlerhaft.md';
    const { findings } = check(readFileSync(path.join(COPY, name), 'utf8'));
    const at = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => `${f.start.line}:${f.start.column}`);
    expect(at('datum-ungueltig')).toEqual(['5:8']); // an impossible date (2025-13-01)
    expect(findings.filter((f) => f.ruleId === 'nummer-form').map((f) => f.fixes[0]?.edits[0]?.text)).toEqual(['VIII-F-01234', 'VII-DS-09934']); // references in the wrong form
    expect(at('fragen-liste')).toEqual(['15:1']); // Fragen as a bullet list
    expect(at('frage-ohne-fragezeichen')).toEqual(['15:1']); // whose first item is not a question
    expect(at('abschnitt-doppelt')).toEqual(['18:1']); // the Sachverhalt twice (Begründung is its alias)
  });
});

describe('templates and examples', () => {
  const dirs = ['templates', 'examples'];
  const files = dirs.flatMap((dir) => readdirSync(path.join(ROOT, dir)).filter((name) => name.endsWith('.md')).map((name) => path.join(dir, name)));

  it('cover every type of the profile', () => {
    const types = files.filter((file) => file.startsWith('templates')).map((file) => check(readFileSync(path.join(ROOT, file), 'utf8')).draft.type?.name);
    expect(types.sort()).toEqual(['Anfrage', 'Antrag', 'Änderungsantrag']);
  });

  it.each(files.filter((file) => file.startsWith('examples')))('%s passes every rule', (file) => {
    const { draft, findings } = check(readFileSync(path.join(ROOT, file), 'utf8'), { file: path.join(ROOT, file) });
    expect(draft.skip).toBeUndefined();
    expect(findings).toEqual([]);
  });

  // A fresh template is not ready to submit: what it leaves to fill in is an error (platzhalter),
  // and nothing else is wrong with it.
  it.each(files.filter((file) => file.startsWith('templates')))('%s is a draft whose only findings are its placeholders', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const { draft, findings } = check(text, { file: path.join(ROOT, file) });
    expect(draft.skip).toBeUndefined();
    expect(findings.filter((finding) => finding.ruleId !== 'platzhalter').map((finding) => finding.message)).toEqual([]);
    // Every line below the title that a writer must fill in is found (the title is set by "Neuer Antrag").
    const lines = new Set(findings.map((finding) => finding.start.line));
    expect(lines.size).toBeGreaterThanOrEqual(3);
    expect(findings.every((finding) => finding.severity === 'error')).toBe(true);
  });
});
