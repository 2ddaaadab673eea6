import type { DocumentLink, MarkupContent } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { RegisterIndex } from '../server/src/register/index.js';
import type { OparlNames, RegisterAccess, RegisterEntry } from '../server/src/register/types.js';
import { createService, type ResolvedOptions } from '../server/src/service/service.js';
import { TODAY } from './helpers.js';

/**
 * What a staffer sees of a real paper: its Beratungsfolge, files, federführendes Amt and
 * related papers in the hover, its PDF on Ctrl+click; and papers whose reference fits no
 * number form, found by their title. Entries shaped as the sync makes them from real OParl
 * papers (Augsburg's `TVO-BSV/25/61736-2`, Leipzig's `VII-P-07960-DS-02`).
 */

const BASE = 'https://www.augsburg.sitzung-online.de/public/oparl';

const TISCHVORLAGE: RegisterEntry = {
  nummer: 'TVO-BSV/25/61736-2',
  titel: 'Zukunftsbericht Integration-Wegweiser für eine Kommune (Fortschreibung Integrationsbericht)',
  art: 'Tischvorlage',
  datum: '2025-12-01',
  url: 'https://www.augsburg.sitzung-online.de/public/vo020?VOLFDNR=1001737',
  source: 'oparl',
  origin: `${BASE}/papers?id=1001737`,
  details: {
    consultations: [{ organizations: [`${BASE}/organizations?typ=gr&id=160`], meeting: `${BASE}/meetings?id=2825`, role: 'Entscheidung', authoritative: true }],
    files: [
      { name: 'Sammeldokument öffentlich', url: 'https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059421&DOCTYP=130&OTYP=41&ANNOTS=1', main: true },
      { name: 'Anlage [1] *Bericht*', url: 'https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059422' },
      { name: 'Kein Link', url: 'javascript:alert(1)' },
    ],
    underDirectionOf: [`${BASE}/organizations?typ=at&id=12`, `${BASE}/organizations?typ=at&id=999`],
    related: [{ id: `${BASE}/papers?id=1001700`, relation: 'superordinated' }, { id: `${BASE}/papers?id=404`, relation: 'related' }],
  },
};

const BESCHLUSSVORLAGE: RegisterEntry = {
  nummer: 'BSV/25/61736',
  titel: 'Zukunftsbericht Integration',
  art: 'Beschlussvorlage',
  source: 'oparl',
  origin: `${BASE}/papers?id=1001700`,
};

/** A paper whose reference fits none of the profile's forms: kept under the reference as written. */
const FREMD: RegisterEntry = { nummer: 'Sitzungsvorlage 7/25', titel: 'Sanierung der Stadtbücherei Haunstetten', source: 'oparl', origin: `${BASE}/papers?id=77`, asWritten: true };

const names: OparlNames = {
  organization: (id) => ({ [`${BASE}/organizations?typ=gr&id=160`]: 'Stadtrat Augsburg', [`${BASE}/organizations?typ=at&id=12`]: 'Amt für Integration' })[id],
  meeting: (id) => (id === `${BASE}/meetings?id=2825` ? { start: '2025-12-04T15:00:00+01:00', name: 'Sitzung des Stadtrats' } : undefined),
  paper: (id) => (id === BESCHLUSSVORLAGE.origin ? BESCHLUSSVORLAGE : undefined),
};

function access(entries: RegisterEntry[], withNames = true): RegisterAccess {
  const register = new RegisterIndex(entries, true);
  return {
    authoritative: true,
    get: (nummer) => register.get(nummer),
    current: () => register,
    citations: () => [],
    ...(withNames ? { names } : {}),
  };
}

const DRAFT = `---
art: Antrag
titel: Integration
einreicher: Fraktion
bezug: TVO-BSV/25/61736-2
---

## Beschlussvorschlag

Wie in TVO-BSV/25/61736-2 beschlossen.

## Begründung

Text.
`;

function options(register: RegisterAccess): ResolvedOptions {
  return { profile: BUILTIN_PROFILES.augsburg!, severities: {}, locale: 'de', today: TODAY, host: { register }, configProblems: [], register };
}

const doc = { uri: 'file:///antrag.md', version: 1, text: DRAFT };
const LINE = DRAFT.split('\n').findIndex((line) => line.startsWith('Wie in'));
const position = { line: LINE, character: DRAFT.split('\n')[LINE]!.indexOf('TVO') + 4 };

describe("a real paper's details", () => {
  it('are in the hover: federführendes Amt, Beratungsfolge, files as links, related papers', () => {
    const hover = createService().hover(doc, options(access([TISCHVORLAGE, BESCHLUSSVORLAGE])), position);
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain('Federführend: Amt für Integration');
    expect(value).toContain('Beratungsfolge:\n- Stadtrat Augsburg · 04\\.12\\.2025 · Entscheidung');
    expect(value).toContain('Dateien:\n- [Sammeldokument öffentlich](https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059421&DOCTYP=130&OTYP=41&ANNOTS=1)');
    // Names from the server are escaped; a link that is not http(s) is not made.
    expect(value).toContain('[Anlage \\[1\\] \\*Bericht\\*](https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059422)');
    expect(value).not.toContain('javascript');
    expect(value).toContain('Gehört zu:\n- BSV/25/61736 — Zukunftsbericht Integration');
    // Ids the cache cannot name are left out, never shown raw.
    expect(value).not.toContain('id=999');
    expect(value).not.toContain('id=404');
    expect(value).toContain('[Im Ratsinformationssystem öffnen](https://www.augsburg.sitzung-online.de/public/vo020?VOLFDNR=1001737)');
  });

  it('are in English where the editor is', () => {
    const hover = createService().hover(doc, { ...options(access([TISCHVORLAGE, BESCHLUSSVORLAGE])), locale: 'en' }, position);
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain('Lead office: Amt für Integration');
    expect(value).toContain('Consultations:');
    expect(value).toContain('Files:');
    expect(value).toContain('Part of:');
  });

  it('need the names of the cache: without them, the hover still shows the files', () => {
    const hover = createService().hover(doc, options(access([TISCHVORLAGE], false)), position);
    const value = (hover!.contents as MarkupContent).value;
    expect(value).not.toContain('Federführend');
    expect(value).toContain('Entscheidung');
    expect(value).toContain('Sammeldokument öffentlich');
  });

  it('give Ctrl+click the PDF of the paper', () => {
    const links: DocumentLink[] = createService().documentLinks(doc, options(access([TISCHVORLAGE])));
    expect(links.map((link) => link.target)).toEqual([
      'https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059421&DOCTYP=130&OTYP=41&ANNOTS=1',
      'https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059421&DOCTYP=130&OTYP=41&ANNOTS=1',
    ]);
  });
});

describe('a paper whose reference fits no number form', () => {
  it('is found by its title in completion and inserted as the council wrote it', () => {
    const text = DRAFT.replace('bezug: TVO-BSV/25/61736-2', 'bezug: Stadtbücherei');
    const line = 4;
    const items = createService().completions({ ...doc, text }, options(access([TISCHVORLAGE, FREMD])), { line, character: text.split('\n')[line]!.length });
    const item = items.find((candidate) => candidate.label === 'Sitzungsvorlage 7/25');
    expect(item?.textEdit).toMatchObject({ newText: 'Sitzungsvorlage 7/25' });
  });

  it('is a candidate for similar documents', () => {
    const register = new RegisterIndex([FREMD, BESCHLUSSVORLAGE], true);
    const similar = register.similar({ titel: 'Sanierung der Stadtbücherei in Haunstetten' }, { limit: 3 });
    expect(similar[0]?.entry.nummer).toBe('Sitzungsvorlage 7/25');
  });

  it('is searchable by words of its title and its number prefix', () => {
    const register = new RegisterIndex([FREMD, TISCHVORLAGE], true);
    expect(register.search('Stadtbücherei', 5).map((entry) => entry.nummer)).toEqual(['Sitzungsvorlage 7/25']);
    expect(register.search('TVO-BSV/25', 5).map((entry) => entry.nummer)).toEqual(['TVO-BSV/25/61736-2']);
  });
});

describe('number completion in the profiles of real councils', () => {
  const cases = [
    { profile: 'karlsruhe', typed: 'Siehe 2019/10', entries: ['2019/1010', '2019/1011', '2020/1010'], expected: ['2019/1010', '2019/1011'] },
    { profile: 'huertgenwald', typed: 'Vorlage 48/20', entries: ['48/2018', '48/2018 1. Ergänzung', '49/2018'], expected: ['48/2018', '48/2018 1. Ergänzung'] },
    { profile: 'augsburg', typed: 'zu TVO-', entries: ['TVO-BSV/25/61736-2', 'ANT/25/61800'], expected: ['TVO-BSV/25/61736-2'] },
    { profile: 'leipzig', typed: 'zu VII-HP-086', entries: ['VII-HP-08642', 'VII-HP-08643', 'VII-A-08607'], expected: ['VII-HP-08642', 'VII-HP-08643'] },
  ];
  it.each(cases)('$profile: "$typed" completes its numbers', ({ profile, typed, entries, expected }) => {
    const text = DRAFT.replace('Text.', typed);
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => candidate === typed);
    const register = access(entries.map((nummer) => ({ nummer, titel: `Drucksache ${nummer}`, source: 'oparl' as const })));
    const items = createService().completions({ ...doc, text }, { ...options(register), profile: BUILTIN_PROFILES[profile] ?? DEFAULT_PROFILE }, { line, character: typed.length });
    expect(items.map((item) => item.label).sort()).toEqual(expected);
  });
});
