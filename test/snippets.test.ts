import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { amendments } from '../server/src/analysis/aenderungen.js';
import { analyse } from '../server/src/analysis/analyse.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { createService, type ResolvedOptions } from '../server/src/service/service.js';
import { check, ROOT, TODAY } from './helpers.js';

/*
 * The snippets, offered by the server (not contributed to every Markdown file): where they are
 * offered, and what they insert as VS Code inserts them: each placeholder becomes its default text (a choice its
 * first option), the date variables today's date, the final tab stop nothing. What they insert
 * must be what the rules expect, so that a snippet never starts a draft with a finding of its own.
 */
interface Snippet {
  readonly prefix: string | string[];
  readonly body: string | string[];
}
const SNIPPETS = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'markdown.json'), 'utf8')) as Record<string, Snippet>;

function expand(name: string): string {
  const snippet = SNIPPETS[name];
  if (!snippet) throw new Error(`no snippet ${name} in snippets/markdown.json`);
  const [year, month, day] = TODAY.split('-');
  const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
  let text = body.replace(/\$CURRENT_YEAR/g, year!).replace(/\$CURRENT_MONTH/g, month!).replace(/\$CURRENT_DATE/g, day!);
  // Innermost first: a placeholder's default may hold a variable (done above) but no other placeholder.
  text = text.replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\d+/g, '');
  expect(text, name).not.toMatch(/\$\{|\$\d/);
  return text;
}

/**
 * Findings of a text, as "rule line" (1-based), but for its placeholders: what a snippet leaves
 * to fill in is found by `platzhalter`, counted in `placeholders`.
 */
function findings(text: string): string[] {
  return check(text)
    .findings.filter((finding) => finding.ruleId !== 'platzhalter')
    .map((finding) => `${finding.ruleId} ${finding.start.line}`);
}

function placeholders(text: string): number {
  return check(text).findings.filter((finding) => finding.ruleId === 'platzhalter').length;
}

const FRONT = (art: string, extra = '') => `---\nart: ${art}\ntitel: Mehr Bäume\neinreicher: Freibeuter-Fraktion\ndatum: ${TODAY}\n${extra}---\n\n`;

describe('snippets', () => {
  it('are the ones README.md lists, each with a prefix', () => {
    const prefixes = Object.values(SNIPPETS).map((snippet) => (Array.isArray(snippet.prefix) ? snippet.prefix[0] : snippet.prefix));
    expect(prefixes).toEqual(['beschluss', 'fragen', 'gremium', 'antrag', 'anfrage', 'aenderungsantrag', 'aenderung']);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const prefix of prefixes) expect(readme).toContain(`\`${prefix}\``);
  });

  it.each([
    ['Front Matter Antrag', 'Antrag'],
    ['Front Matter Anfrage', 'Anfrage'],
    ['Front Matter Änderungsantrag', 'Änderungsantrag'],
  ])('%s starts a draft of its type whose only findings are its empty sections', (name, art) => {
    const text = expand(name);
    const draft = analyse(text, DEFAULT_PROFILE);
    expect(draft.frontMatter?.fields.get('art')?.value).toBe(art);
    const left = findings(text).filter((finding) => !/^(abschnitt-leer|frage-ohne-fragezeichen) /.test(finding));
    // The Änderungsantrag's placeholder number is a number of the right form, unknown to an empty register.
    expect(left).toEqual([]);
    // Its title and Fraktion (and the Änderungsantrag's number) are to be filled in.
    expect(placeholders(text)).toBe(art === 'Änderungsantrag' ? 3 : 2);
  });

  it('Beschlussvorschlag fills an Antrag’s first section without a finding', () => {
    const text = `${FRONT('Antrag')}${expand('Beschlussvorschlag')}\n\n## Begründung\n\nWeil es nötig ist.\n`;
    expect(findings(text)).toEqual([]);
    expect(placeholders(text)).toBe(2);
  });

  it('Fragen gives an Anfrage a numbered list of questions', () => {
    const text = `${FRONT('Anfrage')}## Sachverhalt\n\nDazu.\n\n${expand('Fragen')}`;
    expect(findings(text)).toEqual([]);
    expect(placeholders(text)).toBe(2);
  });

  it('a Beratungsfolge entry is one the front matter accepts', () => {
    const entry = expand('Beratungsfolge-Eintrag').replace(/^/gm, '  ');
    const text = `${FRONT('Antrag', `beratungsfolge:\n${entry}\n`)}## Beschlussvorschlag\n\nTun.\n\n## Begründung\n\nWeil.\n`;
    expect(findings(text)).toEqual([]);
  });

  it('the Änderungsblock is read as an amendment with its three parts', () => {
    const text = `${FRONT('Änderungsantrag', 'bezug: VIII-DS-00001\n')}## Beschlussvorschlag\n\n${expand('Änderungsblock')}\n\n## Begründung\n\nWeil.\n`;
    const [block, ...more] = amendments(analyse(text, DEFAULT_PROFILE));
    expect(more).toEqual([]);
    expect(block).toMatchObject({ stelle: { text: 'Punkt 1' }, alt: { text: 'bisheriger Wortlaut' }, neu: { text: 'neuer Wortlaut' }, problems: [] });
    expect(findings(text)).toEqual([]);
    expect(placeholders(text)).toBe(2);
  });
});

describe('snippets in completion: where they belong, never in the way', () => {
  const options: ResolvedOptions = { profile: DEFAULT_PROFILE, severities: {}, locale: 'de', today: TODAY, host: {}, configProblems: [] };
  /** Completion at the end of `text` (or at `|`), as typing (`invoked`) or after a trigger character. */
  function complete(text: string, invoked = true): CompletionItem[] {
    const at = text.includes('|') ? text.indexOf('|') : text.length;
    const clean = text.replace('|', '');
    const before = clean.slice(0, at).split('\n');
    const position = { line: before.length - 1, character: before[before.length - 1]!.length };
    return createService().completions({ uri: 'file:///notiz.md', version: 1, text: clean }, options, position, invoked);
  }
  const snippets = (items: CompletionItem[]) => items.filter((item) => item.kind === CompletionItemKind.Snippet).map((item) => item.label);
  const DRAFT = `${FRONT('Antrag')}## Beschlussvorschlag\n\nTun.\n\n`;

  it('offers a draft’s skeleton in an empty file, with today’s date, replacing only the word typed', () => {
    const items = complete('ant');
    expect(snippets(items)).toEqual(['antrag', 'anfrage', 'aenderungsantrag']);
    const antrag = items.find((item) => item.label === 'antrag')!;
    expect(antrag.textEdit).toMatchObject({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } });
    expect((antrag.textEdit as { newText: string }).newText).toContain(`datum: ${TODAY}`);
    // Asked for after the fence's dashes: matched as "---antrag".
    expect(complete('---ant').find((item) => item.label === 'antrag')?.filterText).toBe('---antrag');
  });

  it('offers no skeleton in a note that has text, nor on a trigger character', () => {
    expect(snippets(complete('Einkaufsliste\n\n- Milch\n- ant'))).toEqual([]);
    expect(snippets(complete('# Notiz\n\nant'))).toEqual([]);
    // "---" then Enter in a plain note: the `-` is a trigger character, and nothing is offered.
    expect(snippets(complete('Text\n\n---', false))).toEqual([]);
    expect(snippets(complete('-', false))).toEqual([]);
    expect(snippets(complete('#', false))).toEqual([]);
    expect(complete('Notiz zu VIII-', false)).toEqual([]);
  });

  it('offers sections and the amendment block in a draft’s body at a line’s start, not mid-sentence', () => {
    expect(snippets(complete(`${DRAFT}besch`))).toEqual(['beschluss', 'fragen', 'aenderung']);
    expect(snippets(complete(`${DRAFT}\`\`\`aen`))).toEqual(['beschluss', 'fragen', 'aenderung']);
    expect(complete(`${DRAFT}\`\`\`aen`).find((item) => item.label === 'aenderung')?.filterText).toBe('```aenderung');
    expect(snippets(complete(`${DRAFT}Das ist besch`))).toEqual([]);
    expect(snippets(complete(`${DRAFT}## `, false))).toEqual([]);
  });

  it('offers the Beratungsfolge entry only in a draft’s front matter', () => {
    expect(snippets(complete(`---\nart: Antrag\ntitel: T\nberatungsfolge:\n  gre|\n---\n\n## Beschlussvorschlag\n\nTun.\n`))).toEqual(['gremium']);
    expect(snippets(complete(`---\ntitle: Ein Blogbeitrag\ngre|\n---\n\nText.\n`))).toEqual([]);
  });
});
