import { readFrontMatter } from '../analysis/frontmatter.js';
import { LineIndex } from '../analysis/lines.js';
import { normaliseLineEnds } from '../base/line-ends.js';
import type { Draft, FrontMatter, Reference } from '../analysis/model.js';
import type { CompiledProfile } from '../analysis/compiled-profile.js';
import type { DocType, SectionSpec } from '../profile/types.js';
import { canonicalNumber } from './files.js';
import { RegisterIndex } from './index.js';
import type { Citation, RegisterEntry } from './types.js';


interface IndexedDraft {
  readonly entry: RegisterEntry | undefined;
  /** Canonical numbers cited, with where. */
  readonly citations: ReadonlyMap<string, readonly Citation[]>;
}

/**
 * The drafts of a workspace as register entries (their `nummer`, `titel`, `art`, `datum`),
 * and who cites what. Reading a draft takes its front matter and a scan of its text for
 * numbers, no Markdown parse, so thousands of drafts index in well under a second.
 */
export class WorkspaceIndex {
  private readonly drafts = new Map<string, IndexedDraft>();
  private register: RegisterIndex | undefined;

  constructor(private readonly compiled: CompiledProfile) {}

  get size(): number {
    return this.drafts.size;
  }

  /** The drafts' URIs, in the order they were first indexed. */
  uris(): string[] {
    return [...this.drafts.keys()];
  }

  /**
   * Indexes or re-indexes a document; Markdown files that are not drafts are forgotten.
   * Returns whether its register entry changed (citations are read live and need no signal).
   */
  update(uri: string, original: string): boolean {
    const text = normaliseLineEnds(original);
    const frontMatter = readFrontMatter(text);
    if (typeof frontMatter?.fields.get('art')?.value !== 'string') return this.remove(uri);
    // A file read from disk: a scan of the raw text finds its citations without a parse.
    const references: Reference[] = [];
    this.compiled.scanner.scan(text, 0, text.length, undefined, references);
    const type = this.compiled.typeFor(String(frontMatter.fields.get('art')?.value).trim());
    return this.set(uri, frontMatter, references, new LineIndex(text), () => beschlussText(text, scanSections(text, frontMatter.to, (heading) => (type ? this.compiled.sectionFor(type, heading) : undefined)), type));
  }

  /**
   * Indexes a document from its analysis (an open document, analysed anyway for its
   * diagnostics), so that typing costs no second reading of the text.
   */
  updateFromDraft(uri: string, draft: Draft): boolean {
    if (draft.skip !== undefined || !draft.frontMatter) return this.remove(uri);
    const sections = draft.sections.map((section) => ({ spec: section.spec, from: section.headingSpan.to, to: section.span.to }));
    return this.set(uri, draft.frontMatter, draft.references, draft.lines, () => beschlussText(draft.text, sections, draft.type));
  }

  private set(uri: string, frontMatter: FrontMatter, references: readonly Reference[], lines: LineIndex, beschluss: () => string | undefined): boolean {
    const fields = frontMatter.fields;
    const string = (key: string) => {
      const value = fields.get(key)?.value;
      return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
    };
    const art = string('art') ?? '';
    const rawNummer = string('nummer');
    const nummer = rawNummer ? canonicalNumber(rawNummer, this.compiled.scanner) : undefined;
    const datum = string('datum');
    // Only a draft with a number can be amended, so only then is its Beschlussvorschlag read.
    const text = nummer ? beschluss() : undefined;
    const entry: RegisterEntry | undefined = nummer
      ? {
          nummer,
          titel: string('titel') ?? '',
          art: this.compiled.typeFor(art)?.name ?? art,
          source: 'workspace',
          origin: uri,
          ...(datum && /^\d{4}-\d{2}-\d{2}$/.test(datum) ? { datum } : {}),
          ...(text ? { text } : {}),
        }
      : undefined;

    const own = fields.get('nummer')?.valueSpan;
    const citations = new Map<string, Citation[]>();
    for (const reference of references) {
      if (!reference.canonical) continue;
      const start = lines.point(reference.from);
      const end = lines.point(reference.to);
      const list = citations.get(reference.canonical) ?? [];
      list.push({
        uri,
        start: { line: start.line - 1, character: start.column - 1 },
        end: { line: end.line - 1, character: end.column - 1 },
        declaration: own !== undefined && reference.from >= own.from && reference.to <= own.to,
      });
      citations.set(reference.canonical, list);
    }
    const before = this.drafts.get(uri)?.entry;
    this.drafts.set(uri, { entry, citations });
    const changed = !sameEntry(before, entry);
    if (changed) this.register = undefined;
    return changed;
  }

  /** Forgets a document; returns whether the register lost an entry. */
  remove(uri: string): boolean {
    const before = this.drafts.get(uri);
    if (!this.drafts.delete(uri) || !before?.entry) return false;
    this.register = undefined;
    return true;
  }

  /** The drafts as a register layer (rebuilt after changes, on first use). */
  asRegister(): RegisterIndex {
    this.register ??= new RegisterIndex(
      [...this.drafts.values()].flatMap((draft) => (draft.entry ? [draft.entry] : [])),
      false,
    );
    return this.register;
  }

  /** Every place a draft cites `nummer`, and the `nummer:` field that declares it. */
  citations(nummer: string): Citation[] {
    return [...this.drafts.values()].flatMap((draft) => draft.citations.get(nummer) ?? []);
  }
}

function sameEntry(a: RegisterEntry | undefined, b: RegisterEntry | undefined): boolean {
  return a?.nummer === b?.nummer && a?.titel === b?.titel && a?.art === b?.art && a?.datum === b?.datum && a?.origin === b?.origin && a?.text === b?.text;
}

interface SectionRange {
  readonly spec: SectionSpec | undefined;
  /** From the end of the heading to the next level-1/2 heading. */
  readonly from: number;
  readonly to: number;
}

/**
 * Level-2 sections from a scan of the lines, no Markdown parse: ATX headings outside fenced
 * blocks. Setext headings and headings inside HTML are missed; a file on disk only needs to be
 * good enough until it is opened and analysed properly.
 */
function scanSections(text: string, start: number, specFor: (heading: string) => SectionSpec | undefined): SectionRange[] {
  const sections: SectionRange[] = [];
  let current: { spec: SectionSpec | undefined; from: number } | undefined;
  let fence: string | undefined;
  // Line by line, with patterns anchored at the line start only: no backtracking over a long
  // line, whatever a file on disk holds.
  for (let from = start; from < text.length; ) {
    const newline = text.indexOf('\n', from);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(from, end);
    const marker = FENCE.exec(line)?.[1];
    if (marker) {
      if (!fence) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
    } else if (!fence) {
      const heading = HEADING.exec(line);
      if (heading) {
        if (current) sections.push({ ...current, to: from });
        current = heading[1]!.length === 2 ? { spec: specFor(headingTitle(line.slice(heading[0].length))), from: end } : undefined;
      }
    }
    from = end + 1;
  }
  if (current) sections.push({ ...current, to: text.length });
  return sections;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,2})(?=[ \t]|\r?$)/;

/** A heading's text without its closing `#`s and surrounding blanks. */
function headingTitle(rest: string): string {
  let end = rest.length;
  while (end > 0 && /[ \t\r]/.test(rest[end - 1]!)) end--;
  let hashes = end;
  while (hashes > 0 && rest[hashes - 1] === '#') hashes--;
  // Closing hashes count only after a blank (or when the heading is nothing but hashes).
  if (hashes < end && (hashes === 0 || /[ \t]/.test(rest[hashes - 1]!))) end = hashes;
  return rest.slice(0, end).trim();
}

/**
 * A draft's Beschlussvorschlag as plain text, which amendments quote: the section whose
 * canonical title names the Beschluss, else the type's first section. Markdown syntax that
 * would stand between quoted words (list and quote markers, strong emphasis, code ticks,
 * link destinations) is dropped; everything else stays as written.
 */
export function beschlussText(text: string, sections: readonly SectionRange[], type: DocType | undefined): string | undefined {
  if (!type) return undefined;
  const wanted = type.sections.find((spec) => /beschluss/i.test(spec.title)) ?? type.sections[0];
  const section = sections.find((candidate) => candidate.spec !== undefined && candidate.spec === wanted);
  if (!section) return undefined;
  const plain = text
    .slice(section.from, section.to)
    .replace(/^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])?[ \t]+/gm, '')
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .trim();
  return plain || undefined;
}
