import { ReferenceScanner } from './references.js';
import type { DocType, FieldSpec, Profile, SectionSpec } from '../profile/types.js';

/** Lookups derived from a profile once, so that analysing a draft does no set-up work. */
export interface CompiledProfile {
  readonly profile: Profile;
  readonly scanner: ReferenceScanner;
  /** Finds the type that an `art:` value names (without case, aliases included). */
  typeFor(art: string): DocType | undefined;
  /** Finds the section that a heading names within a type (title or alias). */
  sectionFor(type: DocType, heading: string): SectionSpec | undefined;
  fieldFor(key: string): FieldSpec | undefined;
}

const compiled = new WeakMap<Profile, CompiledProfile>();

export function compileProfile(profile: Profile): CompiledProfile {
  const cached = compiled.get(profile);
  if (cached) return cached;

  const types = new Map<string, DocType>();
  const sections = new Map<DocType, Map<string, SectionSpec>>();
  for (const type of profile.types) {
    for (const name of [type.name, ...(type.aliases ?? [])]) types.set(normalizeName(name), type);
    const byHeading = new Map<string, SectionSpec>();
    for (const spec of type.sections) {
      for (const title of [spec.title, ...(spec.aliases ?? [])]) {
        // A section's own title wins over another section's alias.
        if (!byHeading.has(normalizeHeading(title)) || title === spec.title) byHeading.set(normalizeHeading(title), spec);
      }
    }
    sections.set(type, byHeading);
  }
  const fields = new Map(profile.fields.map((field) => [field.key, field]));

  const result: CompiledProfile = {
    profile,
    scanner: new ReferenceScanner(profile.numbers),
    typeFor: (art) => types.get(normalizeName(art)),
    sectionFor: (type, heading) => sections.get(type)?.get(normalizeHeading(heading)),
    fieldFor: (key) => fields.get(key),
  };
  compiled.set(profile, result);
  return result;
}

/** "Begründung:" and " begründung " name the same section. */
export function normalizeHeading(heading: string): string {
  // Blanks collapsed first: `\s*:$` alone backtracks quadratically over a long run of blanks.
  return heading.trim().replace(/\s+/g, ' ').replace(/ ?:$/, '').toLocaleLowerCase('de');
}

function normalizeName(name: string): string {
  return name.trim().toLocaleLowerCase('de');
}
