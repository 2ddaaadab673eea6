import { describe, expect, it } from 'vitest';
import { fold } from '../server/src/base/fold.js';
import { LayeredRegister, RegisterIndex } from '../server/src/register/index.js';
import type { RegisterEntry } from '../server/src/register/types.js';

const entry = (nummer: string, titel: string, datum?: string, source: RegisterEntry['source'] = 'oparl'): RegisterEntry => ({ nummer, titel, source, ...(datum ? { datum } : {}) });

const ENTRIES = [
  entry('VIII-DS-01234', 'Radverkehrsentwicklungsplan 2030', '2025-04-02'),
  entry('VIII-DS-01235', 'Radwege in Grünau', '2025-05-01'),
  entry('VIII-DS-00815', 'Haushaltsplan 2025/2026', '2024-11-06'),
  entry('VIII-Ifo-02843', 'Bericht Straßenbäume', '2025-02-01'),
  entry('VII-A-04321', 'Radverkehr beschleunigen', '2023-09-13'),
  entry('VIII-F-00913', 'Veröffentlichung von Rohdaten in städtischen Berichten als Open Data', '2025-02-11'),
];

describe('the register index', () => {
  const index = new RegisterIndex(ENTRIES, true);

  it('completes number prefixes as typed, any case or dash, most recent first', () => {
    expect(index.complete('VIII-DS-', 10).map((e) => e.nummer)).toEqual(['VIII-DS-01235', 'VIII-DS-01234', 'VIII-DS-00815']);
    expect(index.complete('viii ds 012', 10).map((e) => e.nummer)).toEqual(['VIII-DS-01235', 'VIII-DS-01234']);
    expect(index.complete('VIII-DS-', 1).map((e) => e.nummer)).toEqual(['VIII-DS-01235']);
  });

  it('completes type codes that are not all upper case', () => {
    expect(index.complete('VIII-Ifo-02', 10).map((e) => e.nummer)).toEqual(['VIII-Ifo-02843']);
    expect(index.complete('viii-ifo-', 10).map((e) => e.nummer)).toEqual(['VIII-Ifo-02843']);
    expect(index.search('VIII-Ifo-02843', 10).map((e) => e.nummer)).toEqual(['VIII-Ifo-02843']);
  });

  it('searches title words with umlauts folded, whole words first', () => {
    expect(index.search('radverkehr', 10).map((e) => e.nummer)).toEqual(['VII-A-04321', 'VIII-DS-01234']);
    expect(index.search('städtisch bericht', 10).map((e) => e.nummer)).toEqual(['VIII-F-00913']);
    expect(index.search('Strassenbaume', 10).map((e) => e.nummer)).toEqual(['VIII-Ifo-02843']);
    expect(index.search('rad', 2).map((e) => e.nummer)).toEqual(['VIII-DS-01235', 'VIII-DS-01234']);
    expect(index.search('', 10)).toEqual([]);
    expect(fold('Größe Übersicht')).toBe('grosse ubersicht');
  });

  it('layers in precedence: the workspace answers before files before OParl', () => {
    const workspace = new RegisterIndex([entry('VIII-DS-01234', 'Entwurf im Arbeitsbereich', '2025-06-01', 'workspace')], false);
    const layered = new LayeredRegister([workspace, index]);
    expect(layered.get('VIII-DS-01234')?.titel).toBe('Entwurf im Arbeitsbereich');
    // The workspace's entry (dated 2025-06-01) replaces OParl's and is the most recent.
    expect(layered.complete('VIII-DS-0123', 10).map((e) => [e.nummer, e.source])).toEqual([
      ['VIII-DS-01234', 'workspace'],
      ['VIII-DS-01235', 'oparl'],
    ]);
    expect(layered.authoritative).toBe(true);
    expect(new LayeredRegister([workspace]).authoritative).toBe(false);
  });
});
