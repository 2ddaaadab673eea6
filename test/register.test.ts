import { afterEach, describe, expect, it, vi } from 'vitest';
import { fold } from '../server/src/base/fold.js';
import { LayeredRegister, RegisterIndex } from '../server/src/register/index.js';
import type { RegisterEntry } from '../server/src/register/types.js';
import { parseRegisterFile, registerFileProblemText } from '../server/src/register/files.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { decodeRegisterFile } from '../server/src/node/register-store.js';

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

describe('register files as people have them', () => {
  const scanner = compileProfile(DEFAULT_PROFILE).scanner;
  const read = (text: string, format: 'csv' | 'json' = 'csv') => {
    const parsed = parseRegisterFile(text, format, 'file:///r/liste.register.csv', scanner);
    return { entries: parsed.entries.map(({ nummer, titel, art, datum, url }) => ({ nummer, titel, ...(art ? { art } : {}), ...(datum ? { datum } : {}), ...(url ? { url } : {}) })), problems: parsed.problems.map((p) => `${p.line}:${p.column} ${registerFileProblemText(p, 'de')}`) };
  };

  it('reads an ALLRIS or Excel export: German column names, „;“, a byte order mark, German dates, commas in titles', () => {
    const { entries, problems } = read('\uFEFFNummer;Betreff;Art;Datum;Link\r\nVIII-DS-01234;Radverkehr, Fußverkehr;Vorlage;14.05.2025;https://ris.example/1\r\nVIII-A-00815;"Bänke; mehr davon";Antrag;1.6.2025 10:30;\r\n');
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { nummer: 'VIII-DS-01234', titel: 'Radverkehr, Fußverkehr', art: 'Vorlage', datum: '2025-05-14', url: 'https://ris.example/1' },
      { nummer: 'VIII-A-00815', titel: 'Bänke; mehr davon', art: 'Antrag', datum: '2025-06-01' },
    ]);
  });

  it('knows the other names of each column, and its own and English ones', () => {
    expect(read('Drucksachennummer,Titel,Typ,Datum,URL\nVIII-DS-01234,Plan,Vorlage,2025-05-14,\n').entries).toEqual([{ nummer: 'VIII-DS-01234', titel: 'Plan', art: 'Vorlage', datum: '2025-05-14' }]);
    expect(read('Drucksache\tTitle\tType\tDate\nVIII-DS-01234\tPlan\tVorlage\t2025-05-14T00:00:00+02:00\n').entries).toEqual([{ nummer: 'VIII-DS-01234', titel: 'Plan', art: 'Vorlage', datum: '2025-05-14' }]);
    expect(read('[{"Drucksache": "VIII-DS-01234", "Betreff": "Plan", "Datum": "14.05.2025"}]', 'json').entries).toEqual([{ nummer: 'VIII-DS-01234', titel: 'Plan', datum: '2025-05-14' }]);
  });

  it('says what it does not understand, with line and column, instead of dropping it quietly', () => {
    const { entries, problems } = read('Nummer;Betreff;Federführung;Datum;Link\nVIII-DS-01234;Plan;Amt 66;31.02.2025;ftp://x\nquatsch;Titel;;;\n;Ohne Nummer;;;\n;;;;\n');
    expect(problems).toEqual([
      '1:16 unbekannte Spalte „Federführung“ wird nicht gelesen; erkannt werden Nummer (Drucksache), Titel (Betreff), Art (Typ), Datum, URL (Link), Text',
      '2:27 „31.02.2025“ ist kein Datum (erwartet 2025-05-14 oder 14.05.2025); das Dokument steht ohne Datum im Register',
      '2:38 „ftp://x“ ist keine http(s)-Adresse; das Dokument steht ohne Adresse im Register',
      '3:1 „quatsch“ ist keine Drucksachennummer des Ratsprofils; die Zeile wird übergangen',
      '4:1 keine Nummer; die Zeile wird übergangen',
    ]);
    expect(entries).toEqual([{ nummer: 'VIII-DS-01234', titel: 'Plan' }]);
    expect(read('Betreff;Datum\nPlan;14.05.2025\n').problems).toEqual(['1:1 die Kopfzeile nennt keine Spalte für die Nummer (Betreff, Datum); erkannt werden Nummer (Drucksache), Titel (Betreff), Art (Typ), Datum, URL (Link), Text']);
    expect(read('[{"nummer": "VIII-DS-01234", "datum": "gestern"}]', 'json').problems).toEqual(['0:0 Eintrag 1: „gestern“ ist kein Datum (erwartet 2025-05-14 oder 14.05.2025); das Dokument steht ohne Datum im Register']);
  });

  it('counts lines from the record’s start when a quoted cell holds a line break', () => {
    expect(read('nummer;titel;datum\nVIII-DS-01234;"zwei\nZeilen";gestern\n').problems).toEqual(['3:9 „gestern“ ist kein Datum (erwartet 2025-05-14 oder 14.05.2025); das Dokument steht ohne Datum im Register']);
  });

  it('reads a file Excel saved as Windows-1252 with its umlauts', () => {
    expect(decodeRegisterFile(Buffer.from('Nummer;Betreff\nVIII-DS-01234;Gr\xfcnau\n', 'latin1'))).toBe('Nummer;Betreff\nVIII-DS-01234;Grünau\n');
    expect(decodeRegisterFile(Buffer.from('\uFEFFNummer;Betreff\nVIII-DS-01234;Grünau\n', 'utf8'))).toBe('Nummer;Betreff\nVIII-DS-01234;Grünau\n');
  });
});

describe('register files past the limit of documents', () => {
  afterEach(() => {
    vi.doUnmock('../server/src/base/limits.js');
    vi.resetModules();
  });

  it('reads a file up to the limit and refuses one past it whole, naming the limit', async () => {
    vi.resetModules();
    vi.doMock('../server/src/base/limits.js', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_REGISTER_FILE_ENTRIES: 1_000 }));
    const files = await import('../server/src/register/files.js');
    const scanner = compileProfile(DEFAULT_PROFILE).scanner;
    const rows = (n: number) => `Nummer;Betreff;Link\n${Array.from({ length: n }, (_, i) => `VIII-A-${String(i + 1).padStart(5, '0')};Antrag ${i + 1};\n`).join('')}`;
    const json = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ nummer: `VIII-A-${String(i + 1).padStart(5, '0')}`, titel: `Antrag ${i + 1}` })));
    for (const [text, format] of [
      [rows(1_000), 'csv'],
      [json(1_000), 'json'],
    ] as const) {
      const parsed = files.parseRegisterFile(text, format, 'file:///r/liste.register.csv', scanner);
      expect(parsed.problems).toEqual([]);
      expect(parsed.entries).toHaveLength(1_000);
    }
    // Blank lines and line breaks in quoted cells are no documents: only rows count.
    const spaced = `Nummer;Betreff\n${Array.from({ length: 1_000 }, (_, i) => `VIII-A-${String(i + 1).padStart(5, '0')};"zwei\nZeilen"\n\n`).join('')}`;
    expect(files.parseRegisterFile(spaced, 'csv', 'file:///r/liste.register.csv', scanner).entries).toHaveLength(1_000);
    for (const [text, format] of [
      [rows(1_001), 'csv'],
      [json(1_001), 'json'],
    ] as const) {
      const parsed = files.parseRegisterFile(text, format, 'file:///r/liste.register.csv', scanner);
      expect(parsed.entries).toEqual([]);
      expect(parsed.problems).toEqual([{ line: 0, column: 0, kind: 'too-many-entries', data: { limit: 1_000 } }]);
      expect(files.registerFileProblemText(parsed.problems[0]!, 'de')).toMatch(/^mehr als 1\.000 Dokumente \(Zeilen\); nicht gelesen\. So viele Drucksachen hat kein Rat/);
      expect(files.registerFileProblemText(parsed.problems[0]!, 'en')).toMatch(/^more than 1,000 documents \(rows\); not read\./);
    }
  });
});
