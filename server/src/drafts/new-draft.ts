/*
 * A new draft from a template: which templates there are, the title filled in, a file name
 * suggested. Pure text; the VS Code command ("Neuer Antrag" …) and `ratsfeder new` read the
 * template and write the file themselves.
 */

/** The three kinds of draft: the type, its template file and the file-name suffix the examples use. */
export const DRAFT_KINDS = {
  antrag: { art: 'Antrag', template: 'antrag.md' },
  anfrage: { art: 'Anfrage', template: 'anfrage.md' },
  aenderungsantrag: { art: 'Änderungsantrag', template: 'aenderungsantrag.md' },
} as const;

export type DraftKind = keyof typeof DRAFT_KINDS;

/** The kind a user names: "antrag", "Anfrage", "Änderungsantrag", "aenderungsantrag" … */
export function draftKind(name: string): DraftKind | undefined {
  const folded = name.trim().toLowerCase().replace(/ä/g, 'ae');
  return Object.hasOwn(DRAFT_KINDS, folded) ? (folded as DraftKind) : undefined;
}

/** The template with its `titel:` line set; the title is quoted when YAML would misread it. */
export function withTitle(template: string, titel: string): string {
  const plain = /^[\p{L}\p{N}][^:#\n]*$/u.test(titel) && !/\s$/.test(titel);
  const value = plain ? titel : JSON.stringify(titel);
  return template.replace(/^titel:.*$/m, () => `titel: ${value}`);
}

/**
 * The template with the dates of its Beratungsfolge set: each entry's `sitzung:` gets the date
 * `meeting` gives for the entry's `gremium:` (the next meeting the draft can still make), and
 * is left out where it gives none. A template never brings a date of its own, which would lie
 * in the past sooner or later.
 */
export function withMeetings(template: string, meeting: (gremium: string) => string | undefined): string {
  let gremium: string | undefined;
  const lines: string[] = [];
  for (const line of template.split('\n')) {
    const named = GREMIUM_LINE.exec(line);
    if (named) gremium = named[1];
    const sitzung = /^(\s*(?:-\s+)?sitzung:).*$/.exec(line);
    if (!sitzung) {
      lines.push(line);
      continue;
    }
    const datum = gremium ? meeting(gremium) : undefined;
    if (datum) lines.push(`${sitzung[1]} ${datum}`);
  }
  return lines.join('\n');
}

/** The gremien a template's Beratungsfolge names, in order. */
export function templateGremien(template: string): string[] {
  return template.split('\n').flatMap((line) => GREMIUM_LINE.exec(line)?.[1] || []);
}

/** A Beratungsfolge entry's `gremium:` line, its value in group 1. */
const GREMIUM_LINE = /^\s*(?:-\s+)?gremium:\s*(.*?)\s*$/;

/** A file name from a title: lower case, umlauts spelt out, words joined by hyphens. */
export function fileStem(titel: string): string {
  const stem = titel
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 6)
    .join('-');
  return stem === '' ? 'entwurf' : stem;
}

/** The file name suggested for a new draft of `kind` titled `titel`: `radwege-sanieren.antrag.md`. */
export function suggestedName(kind: DraftKind, titel: string): string {
  return `${fileStem(titel)}.${kind}.md`;
}
