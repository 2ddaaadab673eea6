import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig } from '../server/src/config/config.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { RULES, RULE_IDS } from '../server/src/rules/registry.js';
import { LOCALES } from '../server/src/base/locale.js';
import { check, ids, ROOT } from './helpers.js';

const ANTRAG = `---
art: Antrag
titel: T
einreicher: F
datum: 2025-05-14
---

## Beschlussvorschlag

Bis 01.01.2025 berichten (VIII-F-913).

<!-- ratsfeder-disable nummer-form -->
Hier VIII-F-914 ohne Meldung.
<!-- ratsfeder-enable -->

Und VIII-F-915 wieder mit.

## Begründung

Text.
`;

describe('the rule engine', () => {
  it('silences a rule between disable and enable comments', () => {
    const lines = check(ANTRAG).findings.filter((f) => f.ruleId === 'nummer-form').map((f) => f.start.line);
    expect(lines).toEqual([10, 16]);
  });

  it('silences every rule with a bare disable, to the end without enable', () => {
    const text = ANTRAG.replace('<!-- ratsfeder-enable -->\n', '').replace('<!-- ratsfeder-disable nummer-form -->', '<!-- ratsfeder-disable -->');
    expect(check(text).findings.filter((f) => f.start.line > 12)).toEqual([]);
  });

  it('applies configured severities and turns rules off', () => {
    const findings = check(ANTRAG, { severities: { 'nummer-form': 'error', 'datum-vergangen': 'off' } }).findings;
    expect(ids(findings)).not.toContain('datum-vergangen');
    expect(findings.find((f) => f.ruleId === 'nummer-form')?.severity).toBe('error');
  });

  it('compares dates with the draft date, or today when it has none', () => {
    expect(check(ANTRAG).findings.find((f) => f.ruleId === 'datum-vergangen')?.message).toContain('vor dem Datum des Dokuments (14.05.2025)');
    const undated = ANTRAG.replace('datum: 2025-05-14\n', '');
    expect(ids(check(undated, { today: '2024-12-01' }).findings)).not.toContain('datum-vergangen');
    expect(check(undated, { today: '2025-03-01' }).findings.find((f) => f.ruleId === 'datum-vergangen')?.message).toContain('heute ist 01.03.2025');
  });

  it('gives Markdown files without art no findings at all', () => {
    expect(check('# Notizen\n\n## Begründung\n\nVIII-F-1\n').findings).toEqual([]);
    expect(check('---\ntitle: Blog\n---\n\n## X\n').findings).toEqual([]);
  });
});

describe('the rule registry', () => {
  it('has unique ids in kebab case', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const id of RULE_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s speaks German and English with the same messages', (_, rule) => {
    const keys = Object.keys(rule.messages.de).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(rule.messages[locale]).sort()).toEqual(keys);
      expect(rule.title[locale].length).toBeGreaterThan(10);
    }
  });

  it.each(RULE_IDS)('%s has its doc page', (id) => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'regeln', `${id}.md`), 'utf8');
    expect(doc.split('\n')[0]).toBe(`# ${id}`);
    expect(doc).toContain('## Begründung');
  });

  it('has no doc page or fixture folder without a rule', () => {
    const pages = readdirSync(path.join(ROOT, 'docs', 'regeln')).filter((name) => name !== 'README.md').map((name) => name.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual([...RULE_IDS].sort());
    expect(readdirSync(path.join(ROOT, 'test', 'regeln')).sort()).toEqual([...RULE_IDS].sort());
  });

  it('is listed in the rule index', () => {
    const index = readFileSync(path.join(ROOT, 'docs', 'regeln', 'README.md'), 'utf8');
    for (const rule of RULES) expect(index).toContain(`[${rule.id}](${rule.id}.md)`);
  });
});

describe('ratsfeder.yaml', () => {
  it('has a JSON Schema for editors that names every rule', () => {
    // The file itself is written by `npm run generate` and compared in test/generate.test.ts.
    const schema = configSchema() as { properties: { regeln: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.regeln.properties)).toEqual([...RULE_IDS]);
  });

  it('accepts German and English severities', () => {
    const parsed = parseConfig('profil: leipzig\nsprache: en\nregeln:\n  nummer-form: fehler\n  link-kaputt: off\n', 'ratsfeder.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toEqual({ profil: 'leipzig', sprache: 'en', regeln: { 'nummer-form': 'fehler', 'link-kaputt': 'off' } });
  });

  it('rejects the whole file with clear problems, never half of it', () => {
    const parsed = parseConfig('sprach: de\nregeln:\n  nummer-form: fehler\n  abschnitt-fehlt: laut\n', 'ratsfeder.yaml');
    expect(parsed.value).toBeUndefined();
    expect(parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '1:1 unbekannter Schlüssel „sprach“; gemeint ist wohl „sprache“',
      '4:20 „laut“ ist in „regeln.abschnitt-fehlt“ nicht erlaubt; erlaubt sind fehler, warnung, hinweis, aus, error, warning, info, off',
    ]);
  });

  it('reports broken YAML and a file that is not a mapping', () => {
    expect(parseConfig('regeln: [\n', 'r.yaml').problems[0]?.message).toMatch(/^ungültiges YAML/);
    expect(parseConfig('- a\n- b\n', 'r.yaml').problems[0]?.message).toBe('die Datei muss eine Zuordnung (schlüssel: wert) sein');
  });

  it('accepts an empty file', () => {
    expect(parseConfig('', 'r.yaml').problems).toEqual([]);
    expect(DEFAULT_PROFILE.id).toBe('leipzig');
  });
});
