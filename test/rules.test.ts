import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../server/src/rules/registry.js';
import { applyEdits, check, describeFindings, expectGolden, ROOT } from './helpers.js';

/*
 * One folder per rule, named by its id: `ok-*.md` drafts must not trigger the rule,
 * `nok-*.md` drafts must. Each draft's findings for that rule are kept in a golden file
 * beside it (`<name>.md.golden`), and every fix offered must remove a finding.
 */
const FIXTURES = path.join(ROOT, 'test', 'regeln');

describe.each(RULES.map((rule) => rule.id))('Regel %s', (id) => {
  const dir = path.join(FIXTURES, id);
  const drafts = readdirSync(dir).filter((name) => name.endsWith('.md')).sort();

  it('has ok and nok fixtures', () => {
    expect(drafts.some((name) => name.startsWith('ok'))).toBe(true);
    expect(drafts.some((name) => name.startsWith('nok'))).toBe(true);
  });

  it.each(drafts)('%s', (name) => {
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    const { findings, failures } = check(text, { file });
    expect(failures).toEqual([]);
    const own = findings.filter((finding) => finding.ruleId === id);
    if (name.startsWith('ok')) expect(own).toEqual([]);
    else expect(own.length).toBeGreaterThan(0);
    expectGolden(`${file}.golden`, describeFindings(own));

    for (const finding of own) {
      for (const fix of finding.fixes) {
        const fixed = check(applyEdits(text, fix.edits), { file }).findings.filter((other) => other.ruleId === id);
        expect(fixed.length, `fix "${fix.title}" must remove a finding`).toBeLessThan(own.length);
      }
    }
  });
});
