import {
  CompletionItemKind,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type DocumentLink,
  type Hover,
  type Location,
  type Position,
  type WorkspaceSymbol,
} from 'vscode-languageserver-types';
import type { Draft, Reference } from '../analysis/model.js';
import type { ReferenceScanner } from '../analysis/references.js';
import type { Profile } from '../profile/types.js';
import { isHttpUrl, type OparlNames, type PaperDetails, type RegisterAccess, type RegisterEntry } from '../register/types.js';
import { render, type Locale, type MessageData } from '../base/locale.js';
import { toRange } from './convert.js';
import { REFERENCE_MESSAGES } from './messages.js';

/*
 * Editor features on document numbers. Register data comes from files and the network, so it
 * is untrusted: every text is escaped before it becomes Markdown, and only http(s) URLs ever
 * become links (never `command:` or `file:` from data).
 */

/** The texts of the reference features in `locale`, by key of `REFERENCE_MESSAGES`. */
function texts(locale: Locale): (key: keyof typeof REFERENCE_MESSAGES.de, data?: MessageData) => string {
  return (key, data) => render(REFERENCE_MESSAGES, locale, key, data);
}

/** How many consultations, files and related papers a hover lists before it says "and n more". */
const HOVER_LIST = 8;

/** Backslash-escapes every Markdown punctuation character and flattens line breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&"':]/g, '\\$&');
}

/** An http(s) URL made safe as a Markdown link destination, or `undefined`. */
export function safeLink(url: string | undefined): string | undefined {
  if (!isHttpUrl(url)) return undefined;
  return new URL(url).href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** The register's web page for a number: the entry's own URL, else the profile's template. */
export function webUrl(entry: RegisterEntry | undefined, nummer: string, profile: Profile): string | undefined {
  if (entry?.url && isHttpUrl(entry.url)) return entry.url;
  const template = profile.urls.document;
  if (!template) return undefined;
  const url = template.replace('{nummer}', encodeURIComponent(nummer));
  return isHttpUrl(url) ? url : undefined;
}

export function referenceAt(draft: Draft, offset: number): Reference | undefined {
  return draft.references.find((reference) => reference.from <= offset && offset <= reference.to);
}

export function hover(draft: Draft, profile: Profile, access: RegisterAccess | undefined, offset: number, locale: Locale): Hover | null {
  const reference = referenceAt(draft, offset);
  if (!reference?.canonical) return null;
  const say = texts(locale);
  const entry = access?.get(reference.canonical);
  const lines = [`**${escapeMarkdown(reference.canonical)}**${entry?.titel ? ` — ${escapeMarkdown(entry.titel)}` : ''}`];
  if (entry) {
    const facts = [entry.art, entry.datum ? germanDate(entry.datum) : undefined].filter(Boolean).map((fact) => escapeMarkdown(fact!));
    const source = entry.source === 'workspace' ? say('draft') : entry.source === 'file' ? say('file') : say('oparl');
    lines.push('', [...facts, `${say('source')}: ${source}`].join(' · '));
  } else {
    lines.push('', say('unknown'));
  }
  if (entry?.details) lines.push(...detailLines(entry.details, access?.names, locale));
  const link = safeLink(webUrl(entry, reference.canonical, profile));
  if (link) lines.push('', `[${say('open')}](${link})`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: toRange(draft.lines, reference) };
}

/**
 * What the council's system says about a paper, as Markdown lines: the federführendes Amt, the
 * Beratungsfolge (body, meeting day, role), the files (each a link) and the related papers.
 * Ids are shown as names where the cache knows them; an unknown one is left out, never shown
 * as a raw URL.
 */
function detailLines(details: PaperDetails, names: OparlNames | undefined, locale: Locale): string[] {
  const say = texts(locale);
  const lines: string[] = [];
  const organization = (id: string) => names?.organization(id);
  const lead = (details.underDirectionOf ?? []).map(organization).filter(isText);
  if (lead.length > 0) lines.push('', `${say('lead')}: ${lead.map(escapeMarkdown).join(', ')}`);

  const consultations = (details.consultations ?? []).map((consultation) => {
    const meeting = consultation.meeting ? names?.meeting(consultation.meeting) : undefined;
    const bodies = consultation.organizations.map(organization).filter(isText);
    const day = meeting ? germanDate(meeting.start) : undefined;
    return [bodies.join(', ') || meeting?.name, day, consultation.role].filter(isText).map(escapeMarkdown).join(' · ');
  });
  lines.push(...list(say('consultations'), consultations.filter(Boolean), (count) => say('more', { count })));

  const files = (details.files ?? []).flatMap((file) => {
    const link = safeLink(file.url);
    return link ? [`[${escapeMarkdown(file.name || file.url)}](${link})`] : [];
  });
  lines.push(...list(say('files'), files, (count) => say('more', { count })));

  for (const relation of ['superordinated', 'subordinated', 'related'] as const) {
    const papers = (details.related ?? [])
      .filter((related) => related.relation === relation)
      .map((related) => names?.paper(related.id))
      .filter((paper): paper is RegisterEntry => paper !== undefined)
      .map((paper) => `${escapeMarkdown(paper.nummer)}${paper.titel ? ` — ${escapeMarkdown(paper.titel)}` : ''}`);
    lines.push(...list(say(`related-${relation}`), papers, (count) => say('more', { count })));
  }
  return lines;
}

function list(title: string, items: readonly string[], more: (n: number) => string): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, HOVER_LIST).map((item) => `- ${item}`);
  if (items.length > HOVER_LIST) shown.push(`- ${more(items.length - HOVER_LIST)}`);
  return ['', `${title}:`, ...shown];
}

function isText(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** The paper's own document (its `mainFile`), where the register has one: what Ctrl+click opens. */
function mainFile(entry: RegisterEntry | undefined): string | undefined {
  const file = entry?.details?.files?.find((candidate) => candidate.main) ?? entry?.details?.files?.[0];
  return file && isHttpUrl(file.url) ? file.url : undefined;
}

/** Ctrl+click targets: the local draft carrying the number, else the paper's PDF, else the register's web page. */
export function documentLinks(draft: Draft, profile: Profile, access: RegisterAccess | undefined): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const reference of draft.references) {
    if (!reference.canonical || reference.field === 'nummer') continue;
    const entry = access?.get(reference.canonical);
    const local = entry?.source === 'workspace' ? entry.origin : undefined;
    const target = local ?? mainFile(entry) ?? webUrl(entry, reference.canonical, profile);
    if (!target) continue;
    links.push({ range: toRange(draft.lines, reference), target, ...(entry?.titel ? { tooltip: entry.titel.slice(0, 200) } : {}) });
  }
  return links;
}

/** Go to definition: the `nummer:` field of the local draft that carries the number. */
export function definition(draft: Draft, access: RegisterAccess | undefined, offset: number): Location[] {
  const reference = referenceAt(draft, offset);
  if (!reference?.canonical || !access) return [];
  return access
    .citations(reference.canonical)
    .filter((citation) => citation.declaration)
    .map((citation) => ({ uri: citation.uri, range: { start: citation.start, end: citation.end } }));
}

/** Find references: every place a draft in the workspace cites the number. */
export function references(draft: Draft, access: RegisterAccess | undefined, offset: number, includeDeclaration: boolean): Location[] {
  const reference = referenceAt(draft, offset);
  if (!reference?.canonical || !access) return [];
  return access
    .citations(reference.canonical)
    .filter((citation) => includeDeclaration || !citation.declaration)
    .map((citation) => ({ uri: citation.uri, range: { start: citation.start, end: citation.end } }));
}

/**
 * Completion of document numbers: after a typed number prefix (`VIII-`, `viii-ds-0`, `2019/`), and,
 * where the user asks for it or in `bezug:`/`nummer:`, by words of a title.
 */
export function referenceCompletions(
  draft: Draft,
  scanner: ReferenceScanner,
  access: RegisterAccess | undefined,
  position: Position,
  locale: Locale,
  invoked: boolean,
): CompletionItem[] {
  if (!access) return [];
  const lineStart = draft.lines.lineStart(position.line);
  const offset = draft.lines.offsetAt(position.line, position.character);
  const before = draft.text.slice(lineStart, offset);
  const register = access.current();

  const number = scanner.typedPrefix(before);
  let typed: string;
  let entries: RegisterEntry[];
  if (number !== undefined) {
    typed = number;
    entries = register.complete(typed, 50);
  } else {
    // In `bezug:`/`nummer:` (or a list item under them) any words search titles; elsewhere
    // only when completion was asked for, so that typing prose stays quiet.
    const fm = draft.frontMatter;
    const inFrontMatter = fm !== undefined && offset >= fm.content.from && offset <= fm.content.to;
    const field = inFrontMatter ? /^\s*(?:(?:bezug|nummer)\s*:\s*|-\s+)([^#:[\]]*)$/.exec(before) : null;
    typed = field ? (field[1] ?? '').trimStart() : (/([\p{L}\p{N}]{3,})$/u.exec(before)?.[1] ?? '');
    if ((!field && !invoked) || typed.trim().length < 3) return [];
    entries = register.search(typed, 50);
  }
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  return entries.map((entry, index) => item(entry, index, typed, range, locale));
}

function item(entry: RegisterEntry, index: number, typed: string, range: { start: Position; end: Position }, locale: Locale): CompletionItem {
  const say = texts(locale);
  const detail = [entry.art, entry.datum ? germanDate(entry.datum) : undefined].filter(Boolean).join(' · ');
  const link = safeLink(entry.url);
  const documentation = [`**${escapeMarkdown(entry.nummer)}** — ${escapeMarkdown(entry.titel)}`, ...(link ? ['', `[${say('open')}](${link})`] : [])].join('\n');
  return {
    label: entry.nummer,
    labelDetails: { description: entry.titel.length > 80 ? `${entry.titel.slice(0, 79)}…` : entry.titel },
    kind: CompletionItemKind.Reference,
    detail,
    documentation: { kind: MarkupKind.Markdown, value: documentation },
    sortText: String(index).padStart(4, '0'),
    // Typed words of a title must still match: the client filters by this text.
    filterText: `${typed} ${entry.nummer} ${entry.titel}`,
    textEdit: { range, newText: entry.nummer },
  };
}

export function workspaceSymbols(access: RegisterAccess | undefined, query: string, webLocations: boolean): WorkspaceSymbol[] {
  if (!access || query.trim() === '') return [];
  const register = access.current();
  const found = [...register.complete(query.trim(), 100), ...register.search(query, 100)];
  const seen = new Set<string>();
  const symbols: WorkspaceSymbol[] = [];
  for (const entry of found) {
    if (seen.has(entry.nummer)) continue;
    seen.add(entry.nummer);
    const container = [entry.art, entry.datum].filter(Boolean).join(' · ');
    const name = `${entry.nummer} ${entry.titel}`.trim();
    if (entry.source === 'workspace' && entry.origin) {
      const declaration = access.citations(entry.nummer).find((citation) => citation.declaration && citation.uri === entry.origin);
      const range = declaration ? { start: declaration.start, end: declaration.end } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      symbols.push({ name, kind: SymbolKind.File, containerName: container, location: { uri: entry.origin, range } });
    } else if (webLocations && entry.url && isHttpUrl(entry.url)) {
      symbols.push({ name, kind: SymbolKind.Object, containerName: container, location: { uri: entry.url } });
    }
  }
  return symbols.slice(0, 100);
}

function germanDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}
