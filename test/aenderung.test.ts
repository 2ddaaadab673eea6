import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { amendments, differences, findPassage, wordDiff } from '../server/src/analysis/aenderungen.js';
import { analyse } from '../server/src/analysis/analyse.js';
import { buildDocModel } from '../server/src/export/build.js';
import { RegisterStore } from '../server/src/node/register-store.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { checkText } from '../server/src/service/check.js';
import { check, expectGolden, ROOT, TODAY } from './helpers.js';

/*
 * Änderungsblöcke (```aenderung): where the analysis finds them, how quotes are compared with
 * the amended document (register text or a local draft), and the synopsis in the document model.
 * The hover over the protocol is in aenderung-lsp.test.ts, the DOCX as LibreOffice and pandoc
 * read it in aenderung-export.test.ts.
 */

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'aenderung-synopse.md');
const fixture = readFileSync(FIXTURE, 'utf8');

/** The amended Vorlage as a draft of the workspace, carrying the number the fixture amends. */
const VORLAGE = readFileSync(path.join(ROOT, 'test', 'fixtures', 'aenderung-vorlage.md'), 'utf8');

const slice = (text: string, span: { from: number; to: number }) => text.slice(span.from, span.to);

describe('amendment blocks in the analysis', () => {
  it('finds every block, also in list items, with exact spans for stelle, alt and neu', () => {
    const found = amendments(analyse(fixture, DEFAULT_PROFILE));
    expect(found.map((amendment) => amendment.problems)).toEqual([[], [], []]);
    expect(found.map((amendment) => amendment.stelle && slice(fixture, amendment.stelle))).toEqual(['Punkt 1', 'Punkt 3', 'neuer Punkt 4']);
    expect(slice(fixture, found[0]!.alt!)).toBe('Die Stadt pflanzt bis 2030 jährlich 500 Straßenbäume in der Südvorstadt.');
    expect(slice(fixture, found[1]!.alt!)).toBe('Die Fußgängerzone wird geprüft.');
    expect(found[1]!.neu).toBeUndefined();
    expect(found[2]!.alt).toBeUndefined();
    expect(slice(fixture, found[2]!.neu!)).toBe('Die Bürgerinnen und Bürger werden über die Pflanzorte informiert.');
    for (const amendment of found) expect(slice(fixture, amendment)).toMatch(/^```aenderung\n[\s\S]*```$/);
  });

  it('maps spans through block quotes, CRLF line ends and multi-line wording', () => {
    const text = '---\r\nart: Änderungsantrag\r\n---\r\n\r\n## Beschlussvorschlag\r\n\r\n> ```aenderung\r\n> alt: |\r\n>   erste Zeile\r\n>   zweite Zeile\r\n> neu: zwei\r\n> ```\r\n';
    const [amendment] = amendments(analyse(text, DEFAULT_PROFILE));
    expect(amendment!.problems).toEqual([]);
    expect(slice(text, amendment!.alt!)).toBe('erste Zeile\r\n>   zweite Zeile');
    expect(amendment!.alt!.text).toBe('erste Zeile zweite Zeile');
    expect(slice(text, amendment!.neu!)).toBe('zwei');
  });

  it('keeps paragraphs of the wording apart and joins its wrapped lines', () => {
    const text = '---\nart: Änderungsantrag\n---\n\n## Beschlussvorschlag\n\n```aenderung\nneu: |\n  erster\n  Absatz\n\n  zweiter   Absatz\n```\n';
    expect(amendments(analyse(text, DEFAULT_PROFILE))[0]!.neu!.text).toBe('erster Absatz\nzweiter Absatz');
  });

  it.each([
    ['an unclosed block', '```aenderung\nalt: |\n  bis 2030\n'],
    ['an empty block', '```aenderung\n```\n'],
    ['a scalar', '```aenderung\nnur Text\n```\n'],
    ['a list', '```aenderung\n- alt\n- neu\n```\n'],
    ['broken YAML', '```aenderung\nalt: [\n```\n'],
    ['an alias', '```aenderung\nalt: *x\n```\n'],
    ['tabs', '```aenderung\nalt:\t|\n\tbis 2030\n```\n'],
    ['a mapping as value', '```aenderung\nalt:\n  a: b\nneu: c\n```\n'],
    ['duplicate keys', '```aenderung\nalt: a\nalt: b\n```\n'],
    ['binary junk', '```aenderung\n\u0001\u0002: \uFFFF\n```\n'],
    ['a deeply nested block', `${'> '.repeat(40)}\`\`\`aenderung\n${'> '.repeat(40)}alt: a\n`],
  ])('never throws on %s', (_, body) => {
    const text = `---\nart: Änderungsantrag\nbezug: VIII-DS-01234\n---\n\n## Beschlussvorschlag\n\n${body}`;
    const draft = analyse(text, DEFAULT_PROFILE);
    const found = amendments(draft);
    for (const amendment of found) {
      for (const span of [amendment, amendment.alt, amendment.neu, amendment.stelle, ...amendment.problems.map((problem) => problem.span)]) {
        if (!span) continue;
        expect(span.from).toBeGreaterThanOrEqual(0);
        expect(span.to).toBeLessThanOrEqual(text.length);
        expect(span.from).toBeLessThanOrEqual(span.to);
      }
    }
    expect(check(text, { file: path.join(ROOT, 'test', 'regeln', 'aenderung-wortlaut', 'x.md') }).failures).toEqual([]);
    expect(() => buildDocModel(draft, DEFAULT_PROFILE)).not.toThrow();
  });
});

describe('word diffs', () => {
  it('keep umlauts, ß and accented letters inside words (jsdiff tokenizer)', () => {
    expect(wordDiff('Die Straße für Fußgänger', 'Die Strasse für Fußgängerinnen')).toEqual([
      { kind: 'same', text: 'Die ' },
      { kind: 'removed', text: 'Straße' },
      { kind: 'added', text: 'Strasse' },
      { kind: 'same', text: ' für ' },
      { kind: 'removed', text: 'Fußgänger' },
      { kind: 'added', text: 'Fußgängerinnen' },
    ]);
    expect(wordDiff('Übergänge größer', 'Übergänge größere').filter((part) => part.kind !== 'same').map((part) => part.text)).toEqual(['größer', 'größere']);
    expect(wordDiff('Café', 'Cafés').map((part) => part.kind)).toEqual(['removed', 'added']);
  });

  it('give up on long wordings past the edit limit, so their cost does not grow with the length', () => {
    // A shared word between words that differ: a full diff pairs them up one by one (3,600
    // parts). Past 2,000 edits the diff gives up, and the whole wording counts as replaced.
    const interleaved = (seed: string) => Array.from({ length: 1200 }, (_, i) => `x ${seed}${i}`).join(' ');
    expect(wordDiff(interleaved('a'), interleaved('b')).map((part) => part.kind)).toEqual(['removed', 'added']);
    // A long quote that shares nothing with the document is found nowhere, without a diff.
    const words = (seed: string) => Array.from({ length: 20_000 }, (_, i) => `${seed}${i}`).join(' ');
    expect(findPassage(words('a'), words('b'))).toEqual({ exact: false, passage: '', score: 0 });
  });

  it('find a quote regardless of spacing, line breaks and typographic quotes', () => {
    expect(findPassage('werden  „Fahrradstraßen“\nim Nebennetz', 'Es werden "Fahrradstraßen" im Nebennetz ausgewiesen.')).toEqual({ exact: true });
    expect(findPassage('   ', 'Text')).toBeUndefined();
  });

  it('find the closest passage and say which words differ', () => {
    const document = 'Der Oberbürgermeister wird beauftragt, 1. den Plan umzusetzen; 2. die Maßnahmen des Plans bis zum Jahr 2030 abzuschließen; 3. zu berichten.';
    const passage = findPassage('die Maßnahmen des Plans bis 2030 abzuschließen;', document);
    expect(passage).toMatchObject({ exact: false, passage: 'die Maßnahmen des Plans bis zum Jahr 2030 abzuschließen;' });
    const found = differences(wordDiff((passage as { passage: string }).passage, 'die Maßnahmen des Plans bis 2030 abzuschließen;'));
    expect(found).toEqual([{ before: 'bis zum Jahr 2030', after: 'bis 2030', more: { before: true, after: true } }]);
  });
});

describe('the amended text from a local draft', () => {
  const file = (name: string) => path.join(tmpdir(), 'ratsfeder-aenderung', name);
  const wording = (text: string, store: RegisterStore) =>
    checkText(text, { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: TODAY, host: { register: store.lookup } }).findings.filter((finding) => finding.ruleId === 'aenderung-wortlaut');

  it.each(['from the file (a text scan)', 'from its analysis (an open editor)'])('is its Beschlussvorschlag, read %s', (how) => {
    const store = new RegisterStore(compileProfile(DEFAULT_PROFILE));
    if (how.startsWith('from the file')) store.updateText(file('vorlage.antrag.md'), VORLAGE);
    else store.updateDraft(file('vorlage.antrag.md'), analyse(VORLAGE, DEFAULT_PROFILE));
    expect(store.lookup.get('VIII-DS-04711')?.text).toBe(
      'Die Stadt pflanzt bis 2030 jährlich\n500 Straßenbäume in der Südvorstadt.\nDie Pflege übernimmt das Amt für Stadtgrün und Gewässer.\nDie Fußgängerzone wird geprüft.',
    );
    expect(wording(fixture, store)).toEqual([]);
    const wrong = wording(fixture.replace('jährlich 500 Straßenbäume', 'jährlich 600 Straßenbäume'), store);
    expect(wrong.map((finding) => finding.message)).toEqual([
      'Der bisherige Wortlaut weicht vom Text von „VIII-DS-04711“ ab: „… jährlich 600 Straßenbäume …“ statt „… jährlich 500 Straßenbäume …“. Zitieren Sie die Stelle wörtlich.',
    ]);
  });

  it('follows the draft when its Beschlussvorschlag changes', () => {
    const store = new RegisterStore(compileProfile(DEFAULT_PROFILE));
    store.updateText(file('vorlage.antrag.md'), VORLAGE);
    store.updateText(file('vorlage.antrag.md'), VORLAGE.replace('bis 2030', 'bis 2032'));
    expect(wording(fixture, store).map((finding) => finding.message)).toEqual([
      'Der bisherige Wortlaut weicht vom Text von „VIII-DS-04711“ ab: „… bis 2030 jährlich …“ statt „… bis 2032 jährlich …“. Zitieren Sie die Stelle wörtlich.',
    ]);
  });

  it('is read past code blocks and under an alias heading, without a Markdown parse', () => {
    const store = new RegisterStore(compileProfile(DEFAULT_PROFILE));
    const text = VORLAGE.replace('## Beschlussvorschlag', '## Beschlusstext:').replace('3. Die Fußgängerzone', '```text\n## Kein Abschnitt\n```\n\n3. Die Fußgängerzone');
    store.updateText(file('vorlage.antrag.md'), text);
    expect(store.lookup.get('VIII-DS-04711')?.text).toMatch(/^Die Stadt pflanzt[\s\S]*## Kein Abschnitt\s+Die Fußgängerzone wird geprüft\.$/);
  });

  it('reads the same from the file as from the analysis, so opening a draft changes no entry', () => {
    const dirs = ['examples', 'templates', path.join('test', 'fixtures', 'arbeitsbereich'), path.join('test', 'fixtures', 'shared')];
    const drafts = [VORLAGE, ...dirs.flatMap((dir) => readdirSync(path.join(ROOT, dir)).filter((name) => name.endsWith('.md')).map((name) => readFileSync(path.join(ROOT, dir, name), 'utf8')))];
    const numbered = drafts.filter((text) => /^art: /m.test(text)).map((text) => (/^nummer:/m.test(text) ? text : text.replace(/^art: .*$/m, '$&\nnummer: VIII-A-09999')));
    for (const text of numbered) {
      const store = new RegisterStore(compileProfile(DEFAULT_PROFILE));
      store.updateText(file('d.md'), text);
      const nummer = /^nummer: *(\S+)/m.exec(text)![1]!;
      const scanned = store.lookup.get(nummer)?.text;
      let changed = false;
      store.onChange(() => (changed = true));
      store.updateDraft(file('d.md'), analyse(text, DEFAULT_PROFILE));
      expect(store.lookup.get(nummer)?.text, text.slice(0, 120)).toBe(scanned);
      expect(changed).toBe(false);
    }
  });

  it('is nothing for a draft without a number', () => {
    const store = new RegisterStore(compileProfile(DEFAULT_PROFILE));
    store.updateText(file('vorlage.antrag.md'), VORLAGE.replace('nummer: VIII-DS-04711\n', ''));
    expect(store.lookup.get('VIII-DS-04711')).toBeUndefined();
    expect(wording(fixture, store)).toEqual([]);
  });
});

describe('the synopsis in the export', () => {
  const model = () => buildDocModel(check(fixture).draft, DEFAULT_PROFILE);

  it('is a two-column table per block, as a golden document model', () => {
    expectGolden(path.join(ROOT, 'test', 'export', 'aenderung-synopse.model.json'), `${JSON.stringify(model(), null, 2)}\n`);
  });

  it('takes its headings from the profile, in English with --lang en', () => {
    const english = buildDocModel(check(fixture).draft, DEFAULT_PROFILE, 'en');
    const table = english.sections[0]!.blocks.find((block) => block.type === 'table');
    expect(table?.type === 'table' && table.header.map((cell) => cell.map((inline) => (inline.type === 'text' ? inline.text : '')).join(''))).toEqual(['Current wording', 'New wording']);
    const renamed = { ...DEFAULT_PROFILE, docx: { labels: { ...DEFAULT_PROFILE.docx.labels, bisherigeFassung: 'Alt', neueFassung: 'Neu' } } };
    const own = buildDocModel(check(fixture).draft, renamed).sections[0]!.blocks.find((block) => block.type === 'table');
    expect(own?.type === 'table' && own.header.map((cell) => (cell[0]?.type === 'text' ? cell[0].text : ''))).toEqual(['Alt', 'Neu']);
  });

  it('reads as text in each column: no blank before punctuation or doubled where words are left out', () => {
    const columns = (alt: string, neu: string) => {
      const draft = `---\nart: Änderungsantrag\ntitel: T\neinreicher: F\nbezug: VIII-DS-01234\n---\n\n## Beschlussvorschlag\n\n\`\`\`aenderung\nstelle: Punkt 1\nalt: ${JSON.stringify(alt)}\nneu: ${JSON.stringify(neu)}\n\`\`\`\n\n## Begründung\n\nWeil.\n`;
      const table = buildDocModel(check(draft).draft, DEFAULT_PROFILE).sections[0]!.blocks.find((block) => block.type === 'table');
      if (table?.type !== 'table') throw new Error('no Synopse');
      return table.rows[0]!.map((cell) => cell.map((inline) => (inline.type === 'text' ? inline.text : '\n')).join(''));
    };
    expect(columns('Der Plan ist fortzuschreiben.', 'Der Plan ist jährlich fortzuschreiben und zu veröffentlichen.')).toEqual([
      'Der Plan ist fortzuschreiben.',
      'Der Plan ist jährlich fortzuschreiben und zu veröffentlichen.',
    ]);
    expect(columns('Die Stadt prüft, ob es geht.', 'Die Stadt prüft bis 2026, ob es geht.')).toEqual(['Die Stadt prüft, ob es geht.', 'Die Stadt prüft bis 2026, ob es geht.']);
    expect(columns('Die Stadt prüft sorgfältig, ob es geht.', 'Die Stadt prüft, ob es geht.')).toEqual(['Die Stadt prüft sorgfältig, ob es geht.', 'Die Stadt prüft, ob es geht.']);
    expect(columns('Erstens a und b.', 'Erstens b.')).toEqual(['Erstens a und b.', 'Erstens b.']);
  });

  it('keeps each row on one page, and its two columns alike wide', () => {
    const table = model().sections[0]!.blocks.find((block) => block.type === 'table');
    expect(table).toMatchObject({ type: 'table', widths: [1, 1], keepRows: true });
  });

  it('as tracked changes, reads as the new wording when every change is accepted and as the old one when every change is rejected', () => {
    const revision = (alt: string, neu: string) => {
      const draft = `---\nart: Änderungsantrag\ntitel: T\neinreicher: [Freibeuter-Fraktion, SPD-Fraktion]\ndatum: 2025-06-02\nbezug: VIII-DS-01234\n---\n\n## Beschlussvorschlag\n\n\`\`\`aenderung\nstelle: Punkt 1\nalt: ${JSON.stringify(alt)}\nneu: ${JSON.stringify(neu)}\n\`\`\`\n\n## Begründung\n\nWeil.\n`;
      const blocks = buildDocModel(check(draft).draft, DEFAULT_PROFILE, 'de', 'tracked').sections[0]!.blocks;
      const found = blocks.find((block) => block.type === 'revision');
      if (found?.type !== 'revision') throw new Error('no revision');
      return found;
    };
    const pairs: [string, string][] = [
      ['Der Plan ist fortzuschreiben.', 'Der Plan ist jährlich fortzuschreiben und zu veröffentlichen.'],
      ['Die Stadt prüft, ob es geht.', 'Die Stadt prüft bis 2026, ob es geht.'],
      ['Die Stadt prüft sorgfältig, ob es geht.', 'Die Stadt prüft, ob es geht.'],
      ['Der Oberbürgermeister wird beauftragt, die Maßnahmen bis 2030 umzusetzen.', 'Der Oberbürgermeister wird beauftragt, die Maßnahmen bis zum 31.12.2028 umzusetzen.'],
      ['Erstens a und b.', 'Erstens b.'],
    ];
    for (const [alt, neu] of pairs) {
      const { parts, author, date } = revision(alt, neu);
      expect(parts.filter((part) => part.kind !== 'removed').map((part) => part.text).join(''), neu).toBe(neu);
      expect(parts.filter((part) => part.kind !== 'added').map((part) => part.text).join(''), alt).toBe(alt);
      expect(parts.some((part) => part.kind !== 'same')).toBe(true);
      expect({ author, date }).toEqual({ author: 'Freibeuter-Fraktion, SPD-Fraktion', date: '2025-06-02T00:00:00Z' });
    }
    // The words changed are exactly the words that differ.
    expect(revision('bis 2030 umzusetzen.', 'bis zum 31.12.2028 umzusetzen.').parts.filter((part) => part.kind !== 'same')).toEqual([
      { kind: 'removed', text: '2030' },
      { kind: 'added', text: 'zum 31.12.2028' },
    ]);
  });

  it('prints a broken block as written', () => {
    const broken = fixture.replace('stelle: Punkt 1\n', 'stelle: Punkt 1\nbegruendung: x\n');
    const blocks = buildDocModel(check(broken).draft, DEFAULT_PROFILE).sections[0]!.blocks;
    expect(blocks.find((block) => block.type === 'code')).toMatchObject({ text: expect.stringContaining('begruendung: x') });
  });
});
