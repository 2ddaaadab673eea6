import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../server/src/rules/registry.js';
import type { Severity } from '../server/src/rules/types.js';
import { check, ROOT } from './helpers.js';

/*
 * Each rule's page in docs/regeln/ says what the rule does; this test holds it to that.
 * The convention (CONTRIBUTING.md, "Add a rule"): under `## Beispiele`, a paragraph starting
 * "Nicht in Ordnung" is followed by a complete draft in a `markdown` code block, then by
 * "Meldung:" with the message as a quote (`> …`) or "Meldungen:" with one list item per
 * message, each in full and exactly as the rule writes it; they are all the findings of the
 * rule in that draft. A paragraph starting "In Ordnung" is followed by a complete draft that
 * is in order: no rule finds anything in it. The drafts are checked as if
 * they lay in the rule's fixture folder `test/regeln/<id>/`, whose register files, OParl
 * cache and attachments are the surroundings the page describes, with the Leipzig profile and
 * the tests' date (2025-06-01) as today.
 */
const WORDS: Record<Severity, string> = { error: 'fehler', warning: 'warnung', info: 'hinweis' };

interface Examples {
  readonly nok?: string;
  readonly messages: string[];
  readonly ok?: string;
}

/** The lines of a level-2 section, without its heading; `##` inside code blocks does not end it. */
function section(page: string, title: string): string[] {
  const lines = page.split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) return [];
  let fence: string | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && line.trim() === fence) fence = undefined;
    else if (fence === undefined && line.startsWith('## ')) return lines.slice(start + 1, i);
  }
  return lines.slice(start + 1);
}

/** Reads the examples of a page by the convention above. */
export function examples(page: string): Examples {
  const lines = section(page, 'Beispiele');
  let nok: string | undefined;
  let ok: string | undefined;
  const messages: string[] = [];
  /** What the next code block is, and whether the quotes or list items that follow are its messages. */
  let want: 'nok' | 'ok' | undefined;
  let collecting = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^(`{3,})(\S*)\s*$/.exec(line);
    if (fence) {
      const close = lines.findIndex((other, j) => j > i && other === fence[1]);
      const end = close < 0 ? lines.length : close;
      const block = `${lines.slice(i + 1, end).join('\n')}\n`;
      if (fence[2] === 'markdown' && want === 'nok' && nok === undefined) nok = block;
      else if (fence[2] === 'markdown' && want === 'ok' && ok === undefined) ok = block;
      want = undefined;
      i = end;
      continue;
    }
    if (line.startsWith('Nicht in Ordnung')) want = 'nok';
    else if (line.startsWith('In Ordnung')) want = 'ok';
    if (/^Meldung(?:en)?:\s*$/.test(line)) {
      collecting = nok !== undefined && messages.length === 0;
      continue;
    }
    if (!collecting) continue;
    const item = /^(?:> |- )(.*)$/.exec(line);
    if (item) messages.push(item[1]!.trim());
    else if (line.trim() !== '') collecting = false;
  }
  return { nok, messages, ok };
}

describe.each(RULES.map((rule) => [rule.id, rule] as const))('docs/regeln/%s.md', (id, rule) => {
  const page = readFileSync(path.join(ROOT, 'docs', 'regeln', `${id}.md`), 'utf8');
  const { nok, messages, ok } = examples(page);
  /** Where the examples are checked: beside the rule's fixtures. */
  const file = path.join(ROOT, 'test', 'regeln', id, 'beispiel.md');
  const found = (text: string) => {
    const { findings, failures } = check(text, { file });
    expect(failures).toEqual([]);
    return findings.map((finding) => `${finding.ruleId}: ${finding.message}`);
  };

  it('states the default severity of the rule', () => {
    expect(section(page, 'Standard-Schweregrad').join('\n').trim()).toBe(WORDS[rule.severity]);
    const index = readFileSync(path.join(ROOT, 'docs', 'regeln', 'README.md'), 'utf8');
    expect(index).toContain(`| [${id}](${id}.md) | ${WORDS[rule.severity]} |`);
  });

  it('has an example that is not in order, with the messages it gives', () => {
    expect(nok, 'a complete draft in a markdown block after "Nicht in Ordnung"').toBeDefined();
    expect(messages.length, 'the message quoted after "Meldung:" (or listed after "Meldungen:")').toBeGreaterThan(0);
    expect(found(nok!).filter((message) => message.startsWith(`${id}: `))).toEqual(messages.map((message) => `${id}: ${message}`));
  });

  it('has an example in order, in which no rule finds anything', () => {
    expect(ok, 'a complete draft in a markdown block after "In Ordnung"').toBeDefined();
    expect(found(ok!)).toEqual([]);
  });
});

describe('the glossary', () => {
  const glossary = readFileSync(path.join(ROOT, 'docs', 'glossar.md'), 'utf8');
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('gives the German and the English word of the three that are confused, and the README links it', () => {
    const rows = new Map(glossary.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---')).map((line) => line.split('|').map((cell) => cell.trim()).slice(1, 3) as [string, string]));
    expect(rows.get('Entwurf, Entwürfe')).toBe('draft, drafts');
    expect(rows.get('Mustervorlage')).toBe('template');
    expect(rows.get('Vorlage')).toMatch(/administration/);
    expect(rows.get('Briefkopf')).toBe('letterhead');
    expect(readme).toContain('[docs/glossar.md](docs/glossar.md)');
  });
});
