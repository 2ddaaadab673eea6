import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseValidated } from '../server/src/base/validate.js';
import { LEIPZIG } from '../server/src/profile/leipzig.js';
import { parseProfile } from '../server/src/profile/load.js';
import { PROFILE_SCHEMA } from '../server/src/profile/schema.js';
import type { Profile } from '../server/src/profile/types.js';
import { check, ids, ROOT } from './helpers.js';

const MUSTERSTADT = path.join(ROOT, 'test', 'fixtures', 'profil', 'musterstadt.profile.yaml');
/** A draft of that made-up city; profile-cli.test.ts checks it through the CLI. */
const DRAFT = path.join(ROOT, 'test', 'fixtures', 'profil', 'musterstadt-antrag.md');

function musterstadt(): Profile {
  const parsed = parseProfile(readFileSync(MUSTERSTADT, 'utf8'), MUSTERSTADT);
  expect(parsed.problems).toEqual([]);
  return parsed.value!;
}

describe('the Leipzig profile', () => {
  it('is valid against the profile schema', () => {
    const text = readFileSync(path.join(ROOT, 'server', 'profiles', 'leipzig.profile.yaml'), 'utf8');
    const parsed = parseValidated<Profile>(text, 'leipzig.profile.yaml', PROFILE_SCHEMA, 'de', 'profile');
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toEqual(LEIPZIG);
  });

  it('knows the type codes and suffixes the council uses', () => {
    expect(Object.keys(LEIPZIG.numbers.codes ?? {})).toEqual(expect.arrayContaining(['A', 'F', 'DS', 'EF', 'P', 'WA']));
    expect(Object.keys(LEIPZIG.numbers.suffixes ?? {})).toEqual(expect.arrayContaining(['NF', 'ÄA', 'VSP', 'AW']));
  });
});

describe('another city is a profile, not code', () => {
  const draft = readFileSync(DRAFT, 'utf8');

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

  it('rejects a broken profile with file, line and what is wrong', () => {
    const text = readFileSync(MUSTERSTADT, 'utf8').replace('digits: 4', 'digits: vier').replace('  - key: datum', '  - schluessel: datum');
    const parsed = parseProfile(text, 'kaputt.profile.yaml');
    expect(parsed.value).toBeUndefined();
    const messages = parsed.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/„numbers\.digits“ muss eine ganze Zahl sein$/)]));
    expect(messages.some((m) => m.includes('unbekannter Schlüssel „schluessel“'))).toBe(true);
  });
});
