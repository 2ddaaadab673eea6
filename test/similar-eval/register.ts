import { compileProfile } from '../../server/src/analysis/compiled-profile.js';
import { BUILTIN_PROFILES } from '../../server/src/profile/load.js';
import type { Profile } from '../../server/src/profile/types.js';
import { RegisterIndex } from '../../server/src/register/index.js';
import { applyPage, webBase } from '../../server/src/register/oparl.js';
import type { RegisterEntry } from '../../server/src/register/types.js';
import { loadFixture } from '../councils/server.js';

/*
 * The registers of the similar-documents evaluation: each council's real papers
 * (`test/councils/<council>.json.br`) as a sync of its OParl interface makes them. The paper
 * list goes through `applyPage` with the scanner of the council's built-in profile, so every
 * `nummer` is canonical as the profile writes it (or kept as written, as the sync keeps it),
 * and the entries become one authoritative `RegisterIndex`, as the register store builds it
 * from the OParl cache.
 */

export const COUNCILS = ['karlsruhe', 'leipzig'] as const;
export type Council = (typeof COUNCILS)[number];

export interface EvaluationRegister {
  readonly council: Council;
  readonly profile: Profile;
  readonly entries: readonly RegisterEntry[];
  readonly register: RegisterIndex;
}

const loaded = new Map<Council, EvaluationRegister>();

export function evaluationRegister(council: Council): EvaluationRegister {
  const cached = loaded.get(council);
  if (cached) return cached;
  const profile = BUILTIN_PROFILES[council];
  if (!profile) throw new Error(`no built-in profile ${council}`);
  const fixture = loadFixture(council);
  const list = Object.entries(fixture.lists).find(([url]) => /\/papers(?:\?|$)/.test(url))?.[1];
  if (!list) throw new Error(`${council}: the fixture has no paper list`);
  const system = typeof fixture.system.id === 'string' ? fixture.system.id : fixture.origin;
  const context = { webBase: webBase(system) };
  const papers = new Map<string, RegisterEntry>();
  applyPage(papers, list, compileProfile(profile).scanner, context);
  const entries = [...papers.values()];
  const result = { council, profile, entries, register: new RegisterIndex(entries, true) };
  loaded.set(council, result);
  return result;
}
