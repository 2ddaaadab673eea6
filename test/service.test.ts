import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { createService, type ResolvedOptions } from '../server/src/service/service.js';
import { markdownToParse } from '../server/src/analysis/analyse.js';
import { parseWhole } from '../server/src/analysis/parse.js';
import { texts } from '../server/src/cli/messages.js';
import { SLOW_DRAFT, TODAY } from './helpers.js';

const options: ResolvedOptions = { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: TODAY, host: {}, configProblems: [] };

const ANFRAGE = `---
art: Anfrage
titel: Radwege
einreicher: Freibeuter-Fraktion
---

## Sachverhalt

Text.

### Hintergrund

Mehr.

## Fragen

- Wann?
- Wo?
`;

describe('the service', () => {
  it('runs the rules again after relint, on the analysis it has, without parsing again', () => {
    // A dictionary that knows nothing yet, as the language server's does before its thread answers.
    const known = new Map<string, boolean>();
    const spelling = { correct: (word: string) => known.get(word), suggestions: () => [] };
    const spelled = { ...options, host: { spelling } };
    const service = createService();
    const doc = { uri: 'file:///a.md', version: 1, text: ANFRAGE.replace('Wann?', 'Wan?') };
    const first = service.check(doc, spelled);
    expect(first.findings.filter((finding) => finding.ruleId === 'rechtschreibung')).toEqual([]);
    for (const word of ['Wan', 'Wann']) known.set(word, word !== 'Wan');
    for (const word of doc.text.match(/\p{L}+/gu) ?? []) if (!known.has(word)) known.set(word, true);
    expect(service.check(doc, spelled)).toBe(first);
    service.relint();
    const again = service.check(doc, spelled);
    expect(again.draft).toBe(first.draft);
    expect(again.findings.filter((finding) => finding.ruleId === 'rechtschreibung').map((finding) => finding.message)).toEqual(['„Wan“ steht nicht im Wörterbuch.']);
  });

  it('analyses each document version once per set of options', () => {
    const service = createService();
    const doc = { uri: 'file:///a.md', version: 1, text: ANFRAGE };
    const first = service.check(doc, options);
    service.diagnostics(doc, options);
    service.documentSymbols(doc, options);
    service.foldingRanges(doc, options);
    service.completions(doc, options, { line: 6, character: 2 });
    expect(service.check(doc, options)).toBe(first);
    expect(service.check({ ...doc, version: 2 }, options)).not.toBe(first);
    const english = { ...options, locale: 'en' as const };
    expect(service.check({ ...doc, version: 2 }, english).findings[0]?.message).toMatch(/bullet list/);
  });

  it('nests sub-headings under their section in the outline', () => {
    const symbols = createService().documentSymbols({ uri: 'file:///a.md', version: 1, text: ANFRAGE }, options);
    expect(symbols.map((s) => [s.name, s.children?.map((c) => c.name)])).toEqual([
      ['Front Matter', ['art', 'titel', 'einreicher']],
      ['Sachverhalt', ['Hintergrund']],
      ['Fragen', []],
    ]);
    expect(symbols[1]!.range).toEqual({ start: { line: 6, character: 0 }, end: { line: 14, character: 0 } });
  });

  it('folds front matter, sections, sub-sections and lists', () => {
    const folds = createService().foldingRanges({ uri: 'file:///a.md', version: 1, text: ANFRAGE }, options);
    expect(folds.map((f) => [f.startLine, f.endLine])).toEqual([
      [0, 4],
      [6, 12],
      [10, 12],
      [14, 17],
      [16, 17],
    ]);
  });

  it('offers the fix for a finding under the cursor, with its diagnostic', () => {
    const actions = createService().codeActions({ uri: 'file:///a.md', version: 1, text: ANFRAGE }, options, {
      start: { line: 16, character: 0 },
      end: { line: 16, character: 0 },
    });
    const renumber = actions.find((a) => a.title === 'Als nummerierte Liste schreiben')!;
    expect(renumber.diagnostics?.[0]?.code).toBe('fragen-liste');
    expect(renumber.edit?.changes?.['file:///a.md']).toEqual([
      { range: { start: { line: 16, character: 0 }, end: { line: 16, character: 1 } }, newText: '1.' },
      { range: { start: { line: 17, character: 0 }, end: { line: 17, character: 1 } }, newText: '2.' },
    ]);
  });

  it('warns in every draft while ratsfeder.yaml is broken', () => {
    const broken = { ...options, configProblems: [{ file: '/w/ratsfeder.yaml', line: 2, column: 3, message: 'unbekannter Schlüssel „x“' }] };
    const diagnostics = createService().diagnostics({ uri: 'file:///a.md', version: 1, text: ANFRAGE }, broken);
    expect(diagnostics[0]).toMatchObject({ code: 'konfiguration', severity: 2 });
    expect(diagnostics[0]!.message).toBe('Die Konfiguration /w/ratsfeder.yaml ist ungültig (Zeile 2: unbekannter Schlüssel „x“); bis zur Korrektur gelten die Standardeinstellungen.');
  });

  it('offers only `art:` in the front matter of a file that is not a draft yet', () => {
    const items = createService().completions({ uri: 'file:///b.md', version: 1, text: '---\n\n---\n' }, options, { line: 1, character: 0 });
    expect(items.map((i) => i.label)).toEqual(['art']);
  });
});

describe('quick fixes in the editor', () => {
  const ANTRAG = `---
art: Antrag
titel: Radwege
einreicher: Freibeuter-Fraktion
---

## Begründung

Weil.
`;

  it('insert a missing section where the profile puts it, with the cursor on what to write first', () => {
    const service = createService();
    const doc = { uri: 'file:///a.md', version: 1, text: ANTRAG };
    const art = { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } };
    const [plain] = service.codeActions(doc, options, art).filter((action) => action.title === 'Abschnitt „Beschlussvorschlag“ einfügen');
    expect(plain!.edit!.changes!['file:///a.md']).toEqual([
      { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt,\n\n1. …\n\n' },
    ]);
    const [snippet] = service.codeActions(doc, options, art, true).filter((action) => action.title === 'Abschnitt „Beschlussvorschlag“ einfügen');
    expect(snippet!.edit!.documentChanges).toEqual([
      {
        textDocument: { uri: 'file:///a.md', version: null },
        edits: [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, snippet: { kind: 'snippet', value: '## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt,\n\n1. ${1:…}\n\n' } }],
      },
    ]);
  });

  it('fix all: every finding with exactly one fix, in one edit', () => {
    const service = createService();
    // A misspelt heading (one fix: the right one) and a number in a wrong form (one fix: the right form),
    // and a missing section, whose insertion overlaps nothing.
    const text = ANTRAG.replace('## Begründung', '## Begrundung').replace('Weil.', 'Weil VIII-A-512 es verlangt.');
    const doc = { uri: 'file:///b.md', version: 1, text };
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const checked = service.check(doc, options);
    const fixable = checked.findings.filter((finding) => finding.fixes.length === 1);
    expect(fixable.length).toBeGreaterThan(0);
    const [all] = service.codeActions(doc, options, whole).filter((action) => action.kind === 'source.fixAll');
    expect(all!.title).toBe('Ratsfeder: alle eindeutigen Korrekturen anwenden');
    expect(all!.diagnostics!.map((d) => d.code)).toEqual(fixable.map((finding) => finding.ruleId));
    const fixed = TextDocument.applyEdits(TextDocument.create('file:///b.md', 'markdown', 1, text), all!.edit!.changes!['file:///b.md']!);
    // The inserted section goes before the one the misspelt heading means, as the profile orders them.
    expect(fixed.indexOf('## Beschlussvorschlag')).toBeLessThan(fixed.indexOf('## Begründung'));
    const after = service.check({ ...doc, version: 2, text: fixed }, options);
    expect(after.findings.filter((finding) => finding.fixes.length === 1)).toEqual([]);
  });
});

describe('a draft parsed on another thread', () => {
  const SMALL = { uri: 'file:///b.md', version: 1, text: ANFRAGE };

  it('is analysed from the tree handed over as from its own parse', () => {
    const own = createService().check(SMALL, options);
    const markdown = markdownToParse(ANFRAGE)!;
    const handed = createService().check({ ...SMALL, parsed: { tree: structuredClone(parseWhole(markdown)) } }, options);
    expect(handed.findings).toEqual(own.findings);
    expect(handed.draft.sections).toEqual(own.draft.sections);
  });

  it('gets one notice when its parse was stopped, naming what most likely made it slow, in both languages', () => {
    const slow = { uri: 'file:///langsam.md', version: 1, text: SLOW_DRAFT, parsed: { stoppedAfterMs: 5_000 } };
    const service = createService();
    expect(service.check(slow, options).draft).toMatchObject({ skip: 'too-slow', stoppedAfterMs: 5_000, costly: { construct: 'link-end', written: '](' } });
    const [notice, ...rest] = service.diagnostics(slow, options);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ source: 'ratsfeder', range: { start: { line: 9, character: 0 } } });
    expect(notice!.message).toMatch(/^Die Prüfung dieser Datei wurde nach 5 Sekunden abgebrochen, weil das Einlesen zu lange dauerte; sie wird nicht geprüft, bis Sie sie ändern\. Vermutlich liegt es an Link-Klammern: Die Datei enthält 122\.880-mal „\]\(“/);
    const [english] = createService().diagnostics(slow, { ...options, locale: 'en' });
    expect(english!.message).toMatch(/^The check of this file was stopped after 5 seconds because reading it took too long; .* “\]\(” 122,880 times/);
    // Nothing the estimate counts: the notice names no construct, at the top.
    const plain = { uri: 'file:///still.md', version: 1, text: ANFRAGE, parsed: { stoppedAfterMs: 5_000 } };
    const [generic] = createService().diagnostics(plain, options);
    expect(generic).toMatchObject({ range: { start: { line: 0, character: 0 } } });
    expect(generic!.message).toMatch(/abgebrochen.*Steht versehentlich eingefügter Text darin\?/);
    expect(texts('de').slow(5)).toMatch(/^übersprungen – das Einlesen wurde nach 5 Sekunden abgebrochen/);
  });

  it('is a file that is no draft still, whatever its parse did', () => {
    const readme = { uri: 'file:///README.md', version: 1, text: '# Liesmich\n', parsed: { stoppedAfterMs: 5_000 } };
    expect(createService().check(readme, options).draft.skip).toBe('no-front-matter');
    expect(createService().diagnostics(readme, options)).toEqual([]);
  });
});
