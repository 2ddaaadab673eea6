import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseValidated } from '../server/src/base/validate.js';
import { LEIPZIG } from '../server/src/profile/leipzig.js';
import { parseProfile } from '../server/src/profile/load.js';
import { PROFILE_SCHEMA } from '../server/src/profile/schema.js';
import type { Profile } from '../server/src/profile/types.js';
import { check, ids, ROOT } from './helpers.js';

const MUSTERSTADT = path.join(ROOT, 'test', 'fixtures', 'profil', 'musterstadt.profile.yaml');

function musterstadt(): Profile {
  const parsed = parseProfile(readFileSync(MUSTERSTADT, 'utf8'), MUSTERSTADT);
  expect(parsed.problems).toEqual([]);
  return parsed.value!;
}

describe('the Leipzig profile', () => {
  it('is valid against the profile schema', () => {
    const text = readFileSync(path.join(ROOT, 'server', 'profiles', 'leipzig.profile.yaml'), 'utf8');
    const parsed = parseValidated<Profile>(text, 'leipzig.profile.yaml', PROFILE_SCHEMA);
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toEqual(LEIPZIG);
  });

  it('knows the type codes and suffixes the council uses', () => {
    expect(Object.keys(LEIPZIG.numbers.codes ?? {})).toEqual(expect.arrayContaining(['A', 'F', 'DS', 'EF', 'P', 'WA']));
    expect(Object.keys(LEIPZIG.numbers.suffixes ?? {})).toEqual(expect.arrayContaining(['NF', 'ÄA', 'VSP', 'AW']));
  });
});

describe('another city is a profile, not code', () => {
  const draft = `---
art: Beschlussantrag
titel: Mehr Bänke am Marktplatz
antragsteller: Bürgerliste
ausschuss: Bauausschus
datum: 2025-05-01
---

## Beschluss

Der Rat möge bis 01.01.2025 beschließen (vgl. XIII-KA-12 und XIII-BA-0042-E-1 sowie VIII-F-00913).

## Fragestellung

Text.
`;

  it('checks a draft of that city with its own types, sections, fields and numbers', () => {
    const { findings } = check(draft, { profile: musterstadt() });
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id);
    expect(byRule('pflichtfeld-fehlt')).toEqual([]);
    expect(byRule('feld-unbekannt')).toEqual([]);
    expect(byRule('feld-wert')[0]?.message).toBe('„Bauausschus“ ist in „ausschuss“ nicht erlaubt; erwartet wird „Hauptausschuss“ oder „Bauausschuss“.');
    expect(byRule('feld-wert')[0]?.fixes[0]?.title).toBe('Durch „Bauausschuss“ ersetzen');
    expect(byRule('abschnitt-fehlt').map((f) => f.message)).toEqual([
      'Pflichtabschnitt „Erläuterung“ fehlt; die Dokumentart Beschlussantrag verlangt die Überschrift „## Erläuterung“.',
    ]);
    expect(byRule('abschnitt-unbekannt').map((f) => f.message)[0]).toMatch(/^Unbekannter Abschnitt „Fragestellung“ für die Dokumentart Beschlussantrag/);
    expect(byRule('nummer-form').map((f) => f.message)).toEqual([
      '„XIII-KA-12“ ist keine kanonische Drucksachennummer; richtig ist „XIII-KA-0012“.',
      '„VIII-F-00913“: unbekannte Wahlperiode „VIII“; bekannt sind XII, XIII.',
      '„VIII-F-00913“: unbekanntes Kürzel „F“; bekannt sind BA, KA.',
    ]);
    expect(byRule('datum-vergangen').map((f) => f.message)).toEqual([
      'Das Datum 01.01.2025 im Beschlussvorschlag liegt vor dem Datum des Dokuments (01.05.2025); ist die Frist noch aktuell?',
    ]);
  });

  it('does not know Leipzig types under this profile', () => {
    const leipzigDraft = readFileSync(path.join(ROOT, 'examples', 'verwaltungsdigitalisierung.antrag.md'), 'utf8');
    expect(ids(check(leipzigDraft, { profile: musterstadt() }).findings)).toContain('art-unbekannt');
  });

  it('is chosen in ratsfeder.yaml by path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-profil-'));
    writeFileSync(path.join(dir, 'ratsfeder.yaml'), `profil: ${JSON.stringify(MUSTERSTADT)}\n`);
    writeFileSync(path.join(dir, 'antrag.md'), draft);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', '.', '--heute', '2025-06-01'], { cwd: dir, encoding: 'utf8' });
    expect(result.stdout).toContain('antrag.md:5:12  fehler  feld-wert  „Bauausschus“ ist in „ausschuss“ nicht erlaubt');
    expect(result.status).toBe(1);
  });

  it('rejects a broken profile with file, line and what is wrong', () => {
    const text = readFileSync(MUSTERSTADT, 'utf8').replace('digits: 4', 'digits: vier').replace('  - key: datum', '  - schluessel: datum');
    const parsed = parseProfile(text, 'kaputt.profile.yaml');
    expect(parsed.value).toBeUndefined();
    const messages = parsed.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/„numbers\.digits“ muss eine ganze Zahl sein$/)]));
    expect(messages.some((m) => m.includes('unbekannter Schlüssel „schluessel“'))).toBe(true);
  });
});
