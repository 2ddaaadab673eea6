import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { amendments } from '../server/src/analysis/aenderungen.js';
import { analyse } from '../server/src/analysis/analyse.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { check, ROOT, TODAY } from './helpers.js';

/*
 * The snippets as VS Code inserts them: each placeholder becomes its default text (a choice its
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

/** Findings of a text, as "rule line" (1-based). */
function findings(text: string): string[] {
  return check(text).findings.map((finding) => `${finding.ruleId} ${finding.start.line}`);
}

const FRONT = (art: string, extra = '') => `---\nart: ${art}\ntitel: Titel\neinreicher: Fraktion\ndatum: ${TODAY}\n${extra}---\n\n`;

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
  });

  it('Beschlussvorschlag fills an Antrag’s first section without a finding', () => {
    const text = `${FRONT('Antrag')}${expand('Beschlussvorschlag')}\n\n## Begründung\n\nWeil es nötig ist.\n`;
    expect(findings(text)).toEqual([]);
  });

  it('Fragen gives an Anfrage a numbered list of questions', () => {
    const text = `${FRONT('Anfrage')}## Sachverhalt\n\nDazu.\n\n${expand('Fragen')}`;
    expect(findings(text)).toEqual([]);
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
  });
});
