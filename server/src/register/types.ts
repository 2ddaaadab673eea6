/**
 * The document register: what "existing council documents" means. Entries come from three
 * sources, in this order of precedence: drafts in the workspace, register files checked into
 * the workspace, and the local cache of the council's OParl interface.
 */

import type { Meeting, Organization } from './calendar.js';
import type { ReadDocument } from './document-text.js';

export type RegisterSource = 'workspace' | 'file' | 'oparl';

export interface RegisterEntry {
  /** The canonical document number, e.g. `VIII-DS-01234`. */
  readonly nummer: string;
  readonly titel: string;
  /** Document type as the source names it (`Antrag`, `Vorlage`, an OParl `paperType`). */
  readonly art?: string;
  /** `YYYY-MM-DD`. */
  readonly datum?: string;
  /** The register's web page; only ever an http(s) URL (checked when the entry is made). */
  readonly url?: string;
  readonly source: RegisterSource;
  /**
   * The document's text or a summary, where the register has it (a register file's `text`
   * column). Similar-document search and the amendment check read it.
   */
  readonly text?: string;
  /**
   * Where the entry comes from: a draft's or register file's `file:` URI, or the OParl
   * object's id URL.
   */
  readonly origin?: string;
  /**
   * Set when `nummer` is the reference as the council wrote it because it does not fit the
   * profile's number scheme: the paper is still registered (search, hover, completion,
   * similar documents), only the number-form rules cannot judge its spelling.
   */
  readonly asWritten?: true;
  /** What the council's system says about the paper beyond its title (OParl only). */
  readonly details?: PaperDetails;
}

/**
 * A paper's Beratungsfolge, files, federführendes Amt and related papers, as OParl gives
 * them. Organization, meeting and paper values are OParl ids (http(s) URLs), resolved to names
 * against the cache's organizations, meetings and papers where they are shown.
 */
export interface PaperDetails {
  readonly consultations?: readonly PaperConsultation[];
  readonly files?: readonly PaperFile[];
  /** `underDirectionOf`: the organizations (usually an Amt) in charge. */
  readonly underDirectionOf?: readonly string[];
  readonly related?: readonly RelatedPaper[];
}

export interface PaperConsultation {
  readonly organizations: readonly string[];
  readonly meeting?: string;
  /** `role` as the council words it: Beschlussfassung, Vorberatung, Entscheidung, … */
  readonly role?: string;
  readonly authoritative?: boolean;
}

export interface PaperFile {
  readonly name: string;
  /** `accessUrl` (http(s) only). */
  readonly url: string;
  /** The paper's `mainFile`, as opposed to an `auxiliaryFile`. */
  readonly main?: true;
}

export interface RelatedPaper {
  readonly id: string;
  readonly relation: 'related' | 'superordinated' | 'subordinated';
}

/** Read access to a register, as rules and editor features use it. */
export interface RegisterLookup {
  get(nummer: string): RegisterEntry | undefined;
  /**
   * Whether the register knows more than the workspace's own drafts (a register file or a
   * synced OParl cache). Without that, "unknown number" would be said of every citation.
   */
  readonly authoritative: boolean;
  /**
   * Documents whose title (and text, where the register has it) resemble `query`, best first,
   * with a score from 0 to 1 (see `register/similar.ts`). Missing where the register cannot rank.
   */
  similar?(query: SimilarQuery, options: SimilarOptions): SimilarMatch[];
  /**
   * A document's text, for amendments: its register text, else what its main file said when
   * it was fetched; `fehlt` where it has a main file not fetched yet (asking may start the
   * fetch, in the background). Missing where the register keeps no texts.
   */
  documentText?(nummer: string): DocumentTextState | undefined;
  /**
   * The council's spelling of names, from the titles: `has`, a word that stands in at least
   * two titles (spelling accepts it); `once`, a word of one title only (spelling accepts it
   * where no word is one likely slip away). Built on first use.
   */
  vocabulary?(): { has(word: string): boolean; once?(word: string): boolean };
}

/** A document's text as the register has it (see `documentText`). */
export type DocumentTextState = { readonly status: 'da'; readonly document: ReadDocument } | { readonly status: 'fehlt' };

/** What a similar-document search looks for: a title, and the opening of a text. */
export interface SimilarQuery {
  readonly titel: string;
  readonly text?: string;
}

export interface SimilarOptions {
  readonly limit: number;
  /** Entries never to list (those the draft cites, the draft itself). */
  readonly exclude?: (entry: RegisterEntry) => boolean;
  /** Groups of words that mean the same to the council (`aehnlichkeit: synonyme:`). */
  readonly synonyms?: SynonymGroups;
}

/** Each group a list of single words meaning the same ("Kita", "Kindertagesstätte"). */
export type SynonymGroups = readonly (readonly string[])[];

export interface SimilarMatch {
  readonly entry: RegisterEntry;
  /** 1: as similar as a document with exactly the query's title; 0: nothing in common. */
  readonly score: number;
  /**
   * What the entry shares with the query, as the entry writes it: its words the query has,
   * else the parts of its compounds the query has, or their synonyms ("Zweckentfremdung").
   */
  readonly shared?: readonly string[];
}

/** What the editor features need: the current register and who cites a number where. */
export interface RegisterAccess extends RegisterLookup {
  current(): Register;
  citations(nummer: string): readonly Citation[];
  /** Names for the OParl ids in a paper's `details` (bodies, meetings, papers), where the cache knows them. */
  readonly names?: OparlNames;
}

/** Resolves OParl ids to what a person reads: a body's name, a meeting's day, a paper's number. */
export interface OparlNames {
  organization(id: string): string | undefined;
  /** The meeting's start (ISO 8601) and name. */
  meeting(id: string): { readonly start: string; readonly name?: string } | undefined;
  paper(id: string): RegisterEntry | undefined;
}

/** Where a draft cites a number: 0-based line and UTF-16 character, as LSP counts. */
export interface Citation {
  readonly uri: string;
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
  /** The draft's own `nummer:` field: the declaration, not a citation. */
  readonly declaration: boolean;
}

export interface Register extends RegisterLookup {
  readonly size: number;
  /** Entries whose number starts with `prefix` (case and dashes as typed), most recent first. */
  complete(prefix: string, limit: number): RegisterEntry[];
  /** Entries whose number or title words match every word of `query`, best match first. */
  search(query: string, limit: number): RegisterEntry[];
  similar(query: SimilarQuery, options: SimilarOptions): SimilarMatch[];
}

/**
 * The OParl cache file's content: one file for one OParl system. Entries are stored as
 * arrays (see `register/cache.ts`) to keep a 100,000-document cache small and fast to load.
 */
export interface OparlCache {
  /** 2 since papers carry details and references as written; 1 caches are still read. */
  readonly version: 1 | 2;
  /** The System URL the cache was synced from. */
  readonly system: string;
  /** When the last successful sync started (ISO 8601): the next one asks for changes since then (with an overlap). */
  readonly syncedAt: string;
  /** When the last full sync (every page of every list) started; absent in version 1 caches. */
  readonly fullSyncAt?: string;
  /**
   * Since when the calendar (organizations and meetings) is current, where it differs from
   * `syncedAt`: a sync whose calendar lists failed keeps the previous calendar and its time.
   */
  readonly calendarSyncedAt?: string;
  /**
   * The server's `modified` stamps cannot be trusted (every paper stamped alike, or before the
   * System was created): `modified_since` would miss changes, so updates page from the end of
   * the lists for new objects, and a full sync is due now and then.
   */
  readonly modifiedUnreliable?: boolean;
  /** Papers keyed by their OParl id, so deletions and changes apply by id. */
  readonly papers: ReadonlyMap<string, RegisterEntry>;
  /** Bodies and meetings keyed by OParl id: the meeting calendar (absent in caches from before it). */
  readonly organizations?: ReadonlyMap<string, Organization>;
  readonly meetings?: ReadonlyMap<string, Meeting>;
}

/**
 * An http(s) URL without a user or password: what register data may carry. An address with
 * credentials would keep them in the OParl cache and show them in hovers; it is dropped.
 */
export function isPublicHttpUrl(value: unknown): value is string {
  if (!isHttpUrl(value)) return false;
  const url = new URL(value);
  return url.username === '' && url.password === '';
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
