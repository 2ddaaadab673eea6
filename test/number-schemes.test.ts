import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseValidated } from '../server/src/base/validate.js';
import type { Reference } from '../server/src/analysis/model.js';
import { ReferenceScanner } from '../server/src/analysis/references.js';
import { BUILTIN_PROFILES, parseProfile } from '../server/src/profile/load.js';
import { PROFILE_SCHEMA } from '../server/src/profile/schema.js';
import type { Profile } from '../server/src/profile/types.js';
import { check, ROOT } from './helpers.js';

/**
 * The number schemes of the shipped profiles against the references real councils gave their
 * papers (`test/fixtures/nummern/<id>.txt`, every distinct `reference` of the real OParl data).
 */

const COUNCILS = ['leipzig', 'karlsruhe', 'augsburg', 'huertgenwald'] as const;

function realReferences(id: string): string[] {
  const text = readFileSync(path.join(ROOT, 'test', 'fixtures', 'nummern', `${id}.txt`), 'utf8');
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

function profile(id: string): Profile {
  const profile = BUILTIN_PROFILES[id];
  if (!profile) throw new Error(`no built-in profile ${id}`);
  return profile;
}

/** The references a scanner finds in `text`, as [raw, canonical] pairs. */
function scan(scanner: ReferenceScanner, text: string, field?: string): [string, string | undefined][] {
  const found: Reference[] = [];
  scanner.scan(text, 0, text.length, field, found);
  return found.map((reference) => [reference.raw, reference.canonical]);
}

describe.each(COUNCILS)('the %s profile', (id) => {
  it('is valid against the profile schema, and its file is what the code ships', () => {
    const file = path.join(ROOT, 'server', 'profiles', `${id}.profile.yaml`);
    const parsed = parseValidated<Profile>(readFileSync(file, 'utf8'), file, PROFILE_SCHEMA, 'de', 'profile');
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toEqual(profile(id));
    expect(profile(id).id).toBe(id);
  });

  it('names its OParl System and the paper types of its real data', () => {
    const { oparl } = profile(id);
    expect(oparl?.system).toMatch(/^https:\/\/.+\/system(\.asp)?$/);
    expect(oparl?.paperTypes?.length).toBeGreaterThan(0);
  });

  it('recognises every reference of its real papers as a number, in its canonical spelling', () => {
    const scanner = new ReferenceScanner(profile(id).numbers);
    const references = realReferences(id);
    expect(references.length).toBeGreaterThan(0);
    const unrecognised = references.filter((reference) => {
      const found = scan(scanner, reference, 'nummer');
      return found.length !== 1 || found[0]![0] !== reference || found[0]![1] !== reference;
    });
    expect(unrecognised).toEqual([]);
  });
});

describe('numbers of real councils in running text', () => {
  const scannerOf = (id: string) => new ReferenceScanner(profile(id).numbers);

  it('Leipzig: every code and suffix of the real data, and the numbers before 2020', () => {
    const scanner = scannerOf('leipzig');
    expect(scan(scanner, 'Siehe VII-HP-08642, VII-P-07960-DS-02 und VII-A-07860-NF-04 sowie DS-00029/14.')).toEqual([
      ['VII-HP-08642', 'VII-HP-08642'],
      ['VII-P-07960-DS-02', 'VII-P-07960-DS-02'],
      ['VII-A-07860-NF-04', 'VII-A-07860-NF-04'],
      ['DS-00029/14', 'DS-00029/14'],
    ]);
    // Typed loosely, offered in the canonical spelling.
    expect(scan(scanner, 'vgl. ds-29/14 und vii-hp-8642')).toEqual([
      ['ds-29/14', 'DS-00029/14'],
      ['vii-hp-8642', 'VII-HP-08642'],
    ]);
  });

  it('Karlsruhe: year numbers with their continuations and codes; a bare five-digit number only as a value', () => {
    const scanner = scannerOf('karlsruhe');
    expect(scan(scanner, 'Die Vorlagen 2019/1010, 2022/1070/1, DHH/2023/1007 und ANF2022/2003 sowie 2021/1257/1/2.')).toEqual([
      ['2019/1010', '2019/1010'],
      ['2022/1070/1', '2022/1070/1'],
      ['DHH/2023/1007', 'DHH/2023/1007'],
      ['ANF2022/2003', 'ANF2022/2003'],
      ['2021/1257/1/2', '2021/1257/1/2'],
    ]);
    expect(scan(scanner, 'Die Kosten von 30171 Euro und die Vorlage 2019/140')).toEqual([['2019/140', '2019/0140']]);
    expect(scan(scanner, '30171', 'bezug')).toEqual([['30171', '30171']]);
    expect(scan(scanner, '"30171"', 'bezug')).toEqual([['30171', '30171']]);
    // Dates and sums are not numbers.
    expect(scan(scanner, 'am 12.05.2023, 1.500/2.000 Euro, Seite 3/4')).toEqual([]);
  });

  it('Hürtgenwald: number/year, with its Ergänzung', () => {
    const scanner = scannerOf('huertgenwald');
    expect(scan(scanner, 'Vorlage 102/2002 und 48/2018 1. Ergänzung.')).toEqual([
      ['102/2002', '102/2002'],
      ['48/2018 1. Ergänzung', '48/2018 1. Ergänzung'],
    ]);
    // "Stand 03/2019" is a month, not a paper: running numbers have no leading zero.
    expect(scan(scanner, 'Stand 03/2019')).toEqual([]);
    expect(scan(scanner, '48/2018  1. ergänzung')).toEqual([['48/2018  1. ergänzung', '48/2018 1. Ergänzung']]);
  });

  it('Augsburg: code, year, number and version', () => {
    const scanner = scannerOf('augsburg');
    expect(scan(scanner, 'TVO-BSV/25/61736-2 ersetzt ANT/25/61800; tvo–bsv/25/61736-2 auch.')).toEqual([
      ['TVO-BSV/25/61736-2', 'TVO-BSV/25/61736-2'],
      ['ANT/25/61800', 'ANT/25/61800'],
      ['tvo–bsv/25/61736-2', 'TVO-BSV/25/61736-2'],
    ]);
  });

  it('completes what a person starts typing as a number, and stays quiet in prose', () => {
    expect(scannerOf('karlsruhe').typedPrefix('bezug: 2019/10')).toBe('2019/10');
    expect(scannerOf('karlsruhe').typedPrefix('siehe DHH/20')).toBe('DHH/20');
    expect(scannerOf('karlsruhe').typedPrefix('im Jahr 2019')).toBeUndefined();
    expect(scannerOf('huertgenwald').typedPrefix('Vorlage 48/')).toBe('48/');
    expect(scannerOf('augsburg').typedPrefix('zu TVO-')).toBe('TVO-');
    expect(scannerOf('leipzig').typedPrefix('siehe VIII-F')).toBe('VIII-F');
    expect(scannerOf('leipzig').typedPrefix('siehe DS-0')).toBe('DS-0');
  });
});

describe('a number form in a profile file', () => {
  const base = readFileSync(path.join(ROOT, 'server', 'profiles', 'huertgenwald.profile.yaml'), 'utf8');

  it('is checked when the profile is read, with its line and what is wrong', () => {
    const text = base.replace('"{n}/{yyyy}[ {n}. Ergänzung]"', '"{n}/{jahr}"');
    const parsed = parseProfile(text, 'x.profile.yaml');
    expect(parsed.value).toBeUndefined();
    const line = text.split('\n').findIndex((l) => l.includes('{jahr}')) + 1;
    expect(parsed.problems).toEqual([
      expect.objectContaining({ line, message: expect.stringContaining('Nummernmuster „{n}/{jahr}“, Zeichen 5: unbekannter Platzhalter „{jahr}“') }),
    ]);
  });

  it('drives the number rules of a draft: canonical spelling offered, unknown spelling of an Ergänzung fixed', () => {
    const draft = `---
art: Antrag
titel: Spielplatz am Rathaus
einreicher: Freie für Hürtgenwald
bezug: 48/2018 1. ergänzung
---

## Beschlussvorschlag

Der Gemeinderat beschließt, wie in 102/2002 vorgesehen.

## Begründung

Siehe 102/2002.
`;
    const { findings } = check(draft, { profile: profile('huertgenwald') });
    const form = findings.filter((finding) => finding.ruleId === 'nummer-form');
    expect(form.map((finding) => finding.message)).toEqual(['„48/2018 1. ergänzung“ ist keine kanonische Drucksachennummer; richtig ist „48/2018 1. Ergänzung“.']);
    expect(findings.filter((finding) => finding.ruleId === 'feld-wert')).toEqual([]);
  });
});
