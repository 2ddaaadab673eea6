import type http from 'node:http';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type { Meeting, Organization } from '../register/calendar.js';
import type { ListCheckpoint, ModifiedStats, SyncCheckpoint } from '../register/cache.js';
import { applyObjects, applyPage, keptSize, toMeeting, toOrganization, webBase, type NumberScanner, type OparlContext } from '../register/oparl.js';
import { isHttpUrl, type OparlCache, type RegisterEntry } from '../register/types.js';
import type { Failure, MessageData } from '../base/locale.js';
import { isSyncWarningKind, syncText, type AddressKind, type SyncFailureKind, type SyncWarningKind } from './sync-messages.js';
import { CacheWriteError } from './cache-store.js';
import { MAX_SYNC_BYTES, MAX_SYNC_KEPT, MAX_SYNC_OBJECTS, MAX_SYNC_PAGES, MAX_SYNC_RESPONSE_BYTES } from '../base/limits.js';

/**
 * Node's HTTP, HTTPS and zlib modules, loaded on the first request: every command and the
 * language server import this module, few of their runs fetch anything, and loading the three
 * costs a start-up tens of milliseconds.
 */
const nodeRequire = createRequire(import.meta.url);
let network: { readonly http: typeof import('node:http'); readonly https: typeof import('node:https'); readonly zlib: typeof import('node:zlib') } | undefined;
function net(): NonNullable<typeof network> {
  return (network ??= { http: nodeRequire('node:http'), https: nodeRequire('node:https'), zlib: nodeRequire('node:zlib') });
}

export type { SyncCheckpoint } from '../register/cache.js';

/**
 * Synchronises the document register with a council's OParl interface (OParl 1.0 and 1.1):
 * System → body list → each body's paper, organization and meeting lists, page by page. It
 * never touches the cache file; the caller saves the returned cache, so a failed sync leaves
 * the previous one as it was.
 *
 * What real servers do and how it is met:
 * - `modified_since` is written into the query by hand, unencoded (`2026-12-02T05:08:53+00:00`):
 *   SessionNet answers a percent-encoded value with 404. It asks from one day (`overlapMs`)
 *   before the last sync's start, in whole seconds: a change stamped by a server whose clock is
 *   behind is not lost. Every page URL gets the parameters again, since some servers drop them
 *   from `links.next` or encode them.
 * - `omit_internal=true` goes to CC e-gov ALLRIS systems only (their System names the vendor
 *   or product, or the URL is an ALLRIS one): it is ALLRIS's own parameter, and another server
 *   that treats unknown parameters strictly (SessionNet is strict about the query) could refuse
 *   it, so it is not sent to everyone.
 * - SD.NET answers a filtered list without hits with HTTP 404 and `{"code": 802}`, and an empty
 *   list with a bare `[]`: both are an empty page. Krefeld's body list is a single Body object.
 *   A body may embed its papers, organizations or meetings as arrays instead of list URLs.
 * - A page with `pagination` (`currentPage`, `totalPages`) and no `links.next` goes on with
 *   `page=N+1`. Where the page URLs are known (`totalPages`, or `links.last` with `page=`),
 *   pages 2..N are fetched with up to four requests at once, else one after the other.
 * - Raw control characters in JSON strings are escaped and the text parsed again; an object
 *   still broken is skipped alone and named in `warnings`.
 * - Failures and warnings are data (a kind of `SYNC_MESSAGES` and its values); the caller renders
 *   them in the user's language.
 * - Where `modified` cannot be trusted (Leipzig's ALLRIS stamps every paper `2000-01-01`), an
 *   update pages from the end of each list until a page holds only known papers, and says when
 *   a full sync is due.
 * - A full sync can be resumed: `onCheckpoint` receives the state every `checkpointEvery`
 *   pages and when the sync fails or is cancelled; passed back as `checkpoint`, it goes on
 *   without fetching the pages done again.
 */

export interface SyncOptions {
  /** The OParl System URL. */
  readonly system: string;
  /** The cache of an earlier sync. Used for an incremental sync if it is for the same system. */
  readonly previous?: OparlCache;
  readonly scanner: NumberScanner;
  /** Per request, including redirects and reading the body. Default 30 s. */
  readonly timeoutMs?: number;
  /** Per response, after decompression. Default 20 MB. */
  readonly maxBytes?: number;
  /** Retries after network errors, timeouts, HTTP 5xx and 429. Default 3. */
  readonly retries?: number;
  /** The first retry's delay; each further retry waits twice as long. Default 250 ms. */
  readonly retryDelayMs?: number;
  /** List pages (body lists and the other lists together) one sync may read. Default 20,000. */
  readonly maxPages?: number;
  /**
   * Objects (papers, meetings, organizations, bodies) one sync may receive in all, a resumed
   * sync counting those before its checkpoint. Default `MAX_SYNC_OBJECTS` (500,000).
   */
  readonly maxObjects?: number;
  /**
   * Bytes one sync may receive in all, after decompression, a resumed sync counting those
   * before its checkpoint. Default `MAX_SYNC_BYTES` (1 GiB).
   */
  readonly maxTotalBytes?: number;
  /**
   * What the sync keeps in all (papers, meetings, organizations, as `keptSize` counts them),
   * at most. Default `MAX_SYNC_KEPT`, what a cache file may hold.
   */
  readonly maxKept?: number;
  /** How long before the last sync's start changes are asked for. Default one day. */
  readonly overlapMs?: number;
  /** Requests at once where page URLs are known; 1 to 4, default 4. */
  readonly concurrency?: number;
  /** Read every list in full even though `previous` would allow an update. */
  readonly full?: boolean;
  /** Where a sync whose `modified` stamps cannot be trusted says a full sync is due. Default 30 days. */
  readonly fullSyncDays?: number;
  /** The state of an interrupted sync of this system (from `onCheckpoint`); ignored if it does not fit. */
  readonly checkpoint?: SyncCheckpoint;
  /**
   * Receives the state to resume from, every `checkpointEvery` list pages and once more when
   * the sync fails or is cancelled. The caller saves it (`saveCheckpoint`) and deletes it once
   * the cache is saved. A returned promise is waited for before the next checkpoint.
   */
  readonly onCheckpoint?: (checkpoint: SyncCheckpoint) => void | Promise<void>;
  /** Default 100 pages. */
  readonly checkpointEvery?: number;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  /**
   * A login for a server that wants one (OParl itself is public): sent as HTTP Basic
   * authentication to `origin` only, never to another host a link or redirect leads to. It comes
   * from the environment (`oparlLogin`), never from a URL, so it is in no file and no message.
   */
  readonly login?: OparlLogin;
}

/** User and password for one origin (`https://host:port`). */
export interface OparlLogin {
  readonly origin: string;
  readonly user: string;
  readonly password: string;
}

/** The environment variable that holds `user:password` for the OParl server. */
export const LOGIN_VARIABLE = 'RATSFEDER_OPARL_ZUGANG';

/** The login for the origin of `system` from `RATSFEDER_OPARL_ZUGANG` (`user:password`), if set. */
export function oparlLogin(system: string, environment: NodeJS.ProcessEnv = process.env): OparlLogin | undefined {
  const value = environment[LOGIN_VARIABLE];
  if (!value) return undefined;
  const colon = value.indexOf(':');
  let origin: string;
  try {
    origin = new URL(system).origin;
  } catch {
    return undefined;
  }
  return { origin, user: colon < 0 ? value : value.slice(0, colon), password: colon < 0 ? '' : value.slice(colon + 1) };
}

/** `url` with any user and password replaced by `***`, for messages; other text as it is. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '***';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1***@');
  }
}

export interface SyncProgress {
  readonly phase: 'bodies' | 'papers' | 'organizations' | 'meetings';
  /** List pages read so far, including those a resumed sync had read before. */
  readonly pages: number;
  /** Pages of the lists begun so far, where their length is known (`totalPages`, `links.last`). */
  readonly totalPages?: number;
  /** Paper, meeting and organization objects received so far. */
  readonly papers: number;
  readonly meetings: number;
  readonly organizations: number;
  readonly deleted: number;
  readonly skipped: number;
  readonly unfitting: number;
  /** The page just read. */
  readonly url: string;
  readonly elapsedMs: number;
  /** Estimated time for the rest of the lists begun, once a few pages give a pace. */
  readonly remainingMs?: number;
}

/** Something the sync skipped and the user should know: a broken object, a checkpoint not saved. Worded by `SYNC_MESSAGES`. */
export interface SyncWarning extends Failure<SyncWarningKind> {
  readonly url: string;
}

export interface SyncResult {
  readonly cache: OparlCache;
  /** `incremental` when the previous cache was for this system and only changes were asked for. */
  readonly mode: 'full' | 'incremental';
  /** How an incremental sync found the changes: `modified_since`, or paging from the end of the lists. */
  readonly update?: 'modified-since' | 'from-end';
  /** Whether it went on from a checkpoint, and how many pages of it were not read again. */
  readonly resumed: boolean;
  readonly resumedPages: number;
  /** List pages read (in this run). */
  readonly pages: number;
  /** Bodies whose paper lists were read. */
  readonly bodies: number;
  /** Paper, meeting and organization objects received. */
  readonly papers: number;
  readonly meetings: number;
  readonly organizations: number;
  /** Entries added or replaced. */
  readonly changed: number;
  /** Entries removed (deleted papers, papers that lost their reference). */
  readonly deleted: number;
  /** Paper objects without an id or a reference. */
  readonly skipped: number;
  /** Papers registered under their reference as written: not one number of the profile's scheme. */
  readonly unfitting: number;
  /** Up to five such references. */
  readonly unfittingExamples: readonly string[];
  readonly warnings: readonly SyncWarning[];
  /** Meeting or organization lists that could not be read; the previous calendar is then kept. */
  readonly calendarProblems: readonly SyncError[];
  /** The server's `modified` stamps cannot be trusted (see `OparlCache.modifiedUnreliable`). */
  readonly modifiedUnreliable: boolean;
  /** An update from the end finds new papers only; set when the last full sync is older than `fullSyncDays`. */
  readonly fullSyncDue: boolean;
  readonly lastFullSync?: string;
}

export type SyncErrorKind =
  | 'url'
  | 'http'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'json'
  | 'format'
  | 'loop'
  | 'too-many-pages'
  | 'redirect'
  | 'aborted'
  /** A total limit of the sync (`maxObjects`, `maxTotalBytes`): the sync stops and keeps no checkpoint. */
  | 'limit';

/**
 * Why a sync failed: `kind` for the code that handles it, `failure` (a message of `SYNC_MESSAGES`
 * and its data, each saying what to do) for the user, rendered by the edge in the user's
 * language. `message` is the English text, for logs.
 */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly kind: SyncErrorKind;
  readonly failure: Failure<SyncFailureKind>;
  /** The URL the failure happened at (after redirects). */
  readonly url: string;
  readonly status: number | undefined;
  /** The start of what the server answered, made printable. */
  readonly answer: string | undefined;

  constructor(kind: SyncErrorKind, url: string, failure: Failure<SyncFailureKind>, options: { status?: number; cause?: unknown; answer?: string } = {}) {
    super(syncText(failure, 'en'), options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.failure = failure;
    this.url = url;
    this.status = options.status;
    this.answer = options.answer;
  }
}

function failure(kind: SyncFailureKind, data: MessageData): Failure<SyncFailureKind> {
  return { kind, data };
}

const DEFAULTS = {
  timeoutMs: 30_000,
  maxBytes: MAX_SYNC_RESPONSE_BYTES,
  retries: 3,
  retryDelayMs: 250,
  maxPages: MAX_SYNC_PAGES,
  maxObjects: MAX_SYNC_OBJECTS,
  maxTotalBytes: MAX_SYNC_BYTES,
  maxKept: MAX_SYNC_KEPT,
  overlapMs: 24 * 60 * 60 * 1000,
  concurrency: 4,
  checkpointEvery: 100,
  fullSyncDays: 30,
};
/** Never more requests at once, whatever the options say. */
const MAX_CONCURRENCY = 4;
const MAX_REDIRECTS = 5;
/** A checkpoint older than this is not resumed: the lists will have moved on. */
const CHECKPOINT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Bytes of an error response read, for the message. */
const ERROR_BODY_BYTES = 16 * 1024;
/** `modified` stamps that say nothing: this many papers, all stamped alike or before the System. */
const UNRELIABLE_MIN_PAPERS = 10;
/** A list this short is read in full even where an update pages from the end. */
const SHORT_LIST_PAGES = 5;

type ListKind = 'paper' | 'organization' | 'meeting';
type Params = Readonly<Record<string, string | undefined>>;

/** A list page as read: its objects, where it leads, and what could not be read. */
interface ListPage {
  readonly data: unknown[];
  readonly links: Record<string, unknown>;
  readonly pagination: Record<string, unknown>;
}

/** The state of one list while it is read; it becomes a `ListCheckpoint`. */
interface ListState {
  readonly kind: ListKind;
  readonly list: string;
  done: boolean;
  pages: number;
  next?: string;
  numbered?: { template: string; total: number; done: Set<number> };
  /** `totalPages` of a list read along `links.next`, for the estimate. */
  estimate?: number;
}

interface Counts {
  pages: number;
  /** Objects received in list pages and bodies, against `maxObjects`. */
  objects: number;
  bodies: number;
  papers: number;
  meetings: number;
  organizations: number;
  changed: number;
  deleted: number;
  skipped: number;
  unfitting: number;
}

export async function syncOparl(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  // A user and password in the address would be kept in the cache (its `system`), in
  // checkpoints and in every message that names the address: refused before any request.
  if (hasCredentials(options.system)) {
    const shown = withoutCredentials(options.system);
    throw new SyncError('url', shown, failure('credentials', { url: shown, variable: LOGIN_VARIABLE }));
  }
  const system = httpUrl(options.system, options.system, 'system');
  const previous = usablePrevious(options.previous, system);
  const mode = options.full || !previous ? 'full' : 'incremental';
  const checkpoint = usableCheckpoint(options.checkpoint, system, mode, previous ?? (options.previous && sameUrl(options.previous.system, system) ? options.previous : undefined), started);
  const run = new SyncRun(options, system, mode, previous, checkpoint, started);
  try {
    const result = await run.sync();
    // No checkpoint arrives after the result: the caller deletes the last one once it has saved the cache.
    await run.checkpointsDelivered();
    return result;
  } catch (error) {
    // A sync that reached a total limit would reach it again from any checkpoint: none is kept
    // (the caller removes the last one), so that the next sync starts over.
    if (error instanceof SyncError && error.kind === 'limit') await run.checkpointsDelivered();
    else await run.saveCheckpoint(true);
    throw error;
  } finally {
    run.close();
  }
}

/**
 * The previous cache if an update can build on it: the same system, a time stamp that is a
 * date (one edited by hand would make every later sync fail on a `modified_since` the server
 * rejects), and version 2: a version 1 cache lacks the papers whose reference does not fit
 * the number scheme and every paper's details, which only a full sync brings.
 */
function usablePrevious(previous: OparlCache | undefined, system: string): OparlCache | undefined {
  if (!previous || previous.version !== 2 || !sameUrl(previous.system, system) || Number.isNaN(Date.parse(previous.syncedAt))) return undefined;
  return previous;
}

function usableCheckpoint(checkpoint: SyncCheckpoint | undefined, system: string, mode: 'full' | 'incremental', previous: OparlCache | undefined, now: Date): SyncCheckpoint | undefined {
  if (!checkpoint || !sameUrl(checkpoint.system, system) || checkpoint.mode !== mode) return undefined;
  if (mode === 'incremental' && checkpoint.basedOn !== previous?.syncedAt) return undefined;
  const saved = Date.parse(checkpoint.savedAt);
  const startedAt = Date.parse(checkpoint.startedAt);
  if (Number.isNaN(saved) || Number.isNaN(startedAt) || now.getTime() - saved > CHECKPOINT_MAX_AGE_MS) return undefined;
  // A checkpoint of a sync that finished after all (its cache is the previous one, or newer) is over.
  if (previous && !Number.isNaN(Date.parse(previous.syncedAt)) && Date.parse(previous.syncedAt) >= startedAt) return undefined;
  return checkpoint;
}

/** One sync: its counters, its lists' states and the maps it fills. */
class SyncRun {
  private readonly fetcher: Fetcher;
  private readonly syncedAt: string;
  private readonly counts: Counts;
  private readonly unfittingExamples: string[];
  private readonly warnings: SyncWarning[];
  private readonly papers: Map<string, RegisterEntry>;
  private organizations: Map<string, Organization>;
  private meetings: Map<string, Meeting>;
  private readonly states = new Map<string, ListState>();
  private readonly resumedStates = new Map<string, ListCheckpoint>();
  private readonly resumedPages: number;
  private modified: { count: number; first?: string; allSame: boolean; beforeSystem: number };
  private systemCreated: number | undefined;
  private context: OparlContext = {};
  private params: Params = {};
  private phase: SyncProgress['phase'] = 'bodies';
  private pagesThisRun = 0;
  private pagesSinceCheckpoint = 0;
  private checkpointing: Promise<void> = Promise.resolve();
  private checkpointFailed = false;
  private readonly startMs = Date.now();
  private readonly every: number;
  private readonly maxObjects: number;
  private readonly maxKept: number;
  /** What the maps hold, as `keptSize` counts it; replaced entries stay counted. */
  private kept = 0;
  /** The list page read last, named when a limit is reached. */
  private lastUrl: string;

  constructor(
    private readonly options: SyncOptions,
    private readonly system: string,
    private readonly mode: 'full' | 'incremental',
    private readonly previous: OparlCache | undefined,
    private readonly checkpoint: SyncCheckpoint | undefined,
    started: Date,
  ) {
    this.every = Math.max(1, Math.floor(positive(options.checkpointEvery, DEFAULTS.checkpointEvery)));
    this.syncedAt = checkpoint?.startedAt ?? started.toISOString();
    const counts = checkpoint?.counts ?? {};
    const count = (key: keyof Counts | 'bytes'): number => (typeof counts[key] === 'number' && Number.isFinite(counts[key]) && counts[key] >= 0 ? counts[key] : 0);
    // What a resumed sync received before its checkpoint counts against the total limits.
    this.fetcher = new Fetcher(options, system, count('bytes'));
    const objects = counts.objects === undefined ? count('papers') + count('meetings') + count('organizations') : count('objects');
    this.maxObjects = positive(options.maxObjects, DEFAULTS.maxObjects);
    this.counts = { pages: count('pages'), objects, bodies: 0, papers: count('papers'), meetings: count('meetings'), organizations: count('organizations'), changed: count('changed'), deleted: count('deleted'), skipped: count('skipped'), unfitting: count('unfitting') };
    this.resumedPages = this.counts.pages;
    this.unfittingExamples = [...(checkpoint?.unfittingExamples ?? [])].slice(0, 5);
    // A checkpoint keeps the warnings so far; one this version cannot word is left out.
    this.warnings = (checkpoint?.warnings ?? []).flatMap(({ url, kind, data }) => (isSyncWarningKind(kind) ? [{ url, kind, data }] : []));
    const base = checkpoint ?? (mode === 'incremental' ? previous : undefined);
    this.papers = new Map(base?.papers ?? []);
    this.organizations = new Map(checkpoint ? checkpoint.organizations : mode === 'incremental' ? (previous?.organizations ?? []) : []);
    this.meetings = new Map(checkpoint ? checkpoint.meetings : mode === 'incremental' ? (previous?.meetings ?? []) : []);
    this.modified = { ...(checkpoint?.modified ?? { count: 0, allSame: true, beforeSystem: 0 }) };
    this.maxKept = positive(options.maxKept, DEFAULTS.maxKept);
    this.lastUrl = system;
    for (const map of [this.papers, this.organizations, this.meetings] as const) for (const value of map.values()) this.kept += keptSize(value);
    for (const list of checkpoint?.lists ?? []) this.resumedStates.set(`${list.kind} ${list.list}`, list);
  }

  close(): void {
    this.fetcher.close();
  }

  checkpointsDelivered(): Promise<void> {
    return this.checkpointing;
  }

  async sync(): Promise<SyncResult> {
    const { system } = this;
    const systemObject = await this.fetcher.json(system, 'system');
    const bodyList = isRecord(systemObject) ? present(systemObject.body) : undefined;
    if (typeof bodyList !== 'string') {
      throw new SyncError('format', system, failure('not-system', { url: system }));
    }
    const systemRecord = systemObject as Record<string, unknown>;
    // ALLRIS stamps its System `created` with the time of the answer; only an older stamp says
    // when the system was set up.
    const created = typeof systemRecord.created === 'string' ? Date.parse(systemRecord.created) : NaN;
    const answeredAt = (this.options.now ?? (() => new Date()))().getTime();
    this.systemCreated = Number.isNaN(created) || answeredAt - created < 2 * 24 * 60 * 60 * 1000 ? undefined : created;
    this.params = isAllris(systemRecord, system) ? { omit_internal: 'true' } : {};
    this.context = { webBase: webBase(system) };

    // Several bodies may share one list; each list is read once.
    const paperLists: string[] = [];
    const calendarLists: { kind: 'organization' | 'meeting'; url: string }[] = [];
    const embedded: { kind: ListKind; data: unknown[] }[] = [];
    const bodiesUrl = httpUrl(bodyList, system, 'bodies');
    await this.sequential(withParams(bodiesUrl, this.params), this.params, undefined, (page) => {
      for (const body of page.data) {
        if (!isRecord(body)) continue;
        const base = isHttpUrl(body.id) ? body.id : system;
        for (const kind of ['paper', 'organization', 'meeting'] as const) {
          const value = present(body[kind]);
          if (Array.isArray(value)) {
            this.received(value.length, bodiesUrl);
            embedded.push({ kind, data: value });
            if (kind === 'paper') this.counts.bodies++;
            continue;
          }
          if (typeof value !== 'string') continue;
          const url = httpUrl(value, base, kind);
          if (kind === 'paper') {
            if (!paperLists.some((known) => sameUrl(known, url))) paperLists.push(url);
          } else if (!calendarLists.some((known) => sameUrl(known.url, url))) calendarLists.push({ kind, url });
        }
      }
      return true;
    }, true);
    if (paperLists.length === 0 && !embedded.some((item) => item.kind === 'paper')) {
      throw new SyncError('format', bodiesUrl, failure('no-paper-list', { url: bodiesUrl }));
    }

    const unreliable = this.mode === 'incremental' && this.previous?.modifiedUnreliable === true;
    const knownPapers = new Set(this.previous?.papers.keys() ?? []);
    this.phase = 'papers';
    for (const item of embedded) if (item.kind === 'paper') this.applyPapers(item.data);
    for (const list of paperLists) {
      this.counts.bodies++;
      if (unreliable) await this.fromEnd('paper', list, (page) => this.applyPapers(page.data).some((id) => !knownPapers.has(id)));
      else await this.forward('paper', list, this.since(this.previous?.syncedAt), (page) => void this.applyPapers(page.data));
    }

    const calendar = await this.syncCalendar(calendarLists, embedded, unreliable);

    const modifiedUnreliable = this.mode === 'full' ? this.judgeModified() : this.previous?.modifiedUnreliable === true;
    const fullSyncAt = this.mode === 'full' ? this.syncedAt : this.previous?.fullSyncAt;
    const fullSyncDays = positive(this.options.fullSyncDays, DEFAULTS.fullSyncDays);
    const nowMs = (this.options.now ?? (() => new Date()))().getTime();
    const fullSyncDue = modifiedUnreliable && this.mode === 'incremental' && (!fullSyncAt || nowMs - Date.parse(fullSyncAt) > fullSyncDays * 24 * 60 * 60 * 1000);
    const cache: OparlCache = {
      version: 2,
      system: this.system,
      syncedAt: this.syncedAt,
      ...(fullSyncAt ? { fullSyncAt } : {}),
      ...(modifiedUnreliable ? { modifiedUnreliable: true } : {}),
      papers: this.papers,
      ...calendar.cache,
    };
    return {
      cache,
      mode: this.mode,
      ...(this.mode === 'incremental' ? { update: unreliable ? ('from-end' as const) : ('modified-since' as const) } : {}),
      resumed: this.checkpoint !== undefined,
      resumedPages: this.resumedPages,
      ...this.counts,
      pages: this.pagesThisRun,
      unfittingExamples: this.unfittingExamples,
      warnings: this.warnings,
      calendarProblems: calendar.problems,
      modifiedUnreliable,
      fullSyncDue,
      ...(fullSyncAt ? { lastFullSync: fullSyncAt } : {}),
    };
  }

  /** `modified_since` for an update: whole seconds with an offset, `overlapMs` before `since`. */
  private since(since: string | undefined): Params {
    if (this.mode === 'full' || since === undefined) return this.params;
    const overlap = nonNegative(this.options.overlapMs, DEFAULTS.overlapMs);
    const at = new Date(Math.floor((Date.parse(since) - overlap) / 1000) * 1000);
    return { ...this.params, modified_since: at.toISOString().replace(/\.\d{3}Z$/, '+00:00') };
  }

  /**
   * Adds what the objects `ids` of `map` cost to what the sync keeps: past `maxKept` it stops,
   * since the cache could not be read again and the memory would go on filling.
   */
  private keep<T>(map: ReadonlyMap<string, T>, ids: readonly string[]): void {
    for (const id of ids) this.kept += keptSize(map.get(id));
    if (this.kept > this.maxKept) throw new SyncError('limit', this.lastUrl, failure('cache-too-large', { url: this.lastUrl, limit: this.maxKept }));
  }

  private applyObjects<T>(map: Map<string, T>, data: readonly unknown[], read: (item: unknown) => T | undefined): string[] {
    const ids = applyObjects(map, data, read);
    this.keep(map, ids);
    return ids;
  }

  private applyPapers(data: readonly unknown[]): readonly string[] {
    const page = applyPage(this.papers, data, this.options.scanner, this.context);
    this.keep(this.papers, page.ids);
    this.counts.papers += page.papers;
    this.counts.changed += page.changed;
    this.counts.deleted += page.deleted;
    this.counts.skipped += page.skipped;
    this.counts.unfitting += page.unfitting;
    for (const example of page.unfittingExamples) if (this.unfittingExamples.length < 5 && !this.unfittingExamples.includes(example)) this.unfittingExamples.push(example);
    if (this.mode === 'full') this.noteModified(data);
    return page.ids;
  }

  private noteModified(data: readonly unknown[]): void {
    for (const item of data) {
      if (!isRecord(item) || item.deleted === true || typeof item.id !== 'string') continue;
      const stamp = typeof item.modified === 'string' ? item.modified.trim() : '';
      const time = Date.parse(stamp);
      if (Number.isNaN(time)) continue;
      const stats = this.modified;
      stats.count++;
      stats.first ??= stamp;
      if (stamp !== stats.first) stats.allSame = false;
      if (this.systemCreated !== undefined && time < this.systemCreated) stats.beforeSystem++;
    }
  }

  /** After a full sync: whether `modified_since` can find the changes from now on. */
  private judgeModified(): boolean {
    const { count, allSame, beforeSystem } = this.modified;
    if (count < UNRELIABLE_MIN_PAPERS) return false;
    return allSame || beforeSystem === count;
  }

  /**
   * The calendar: organizations and meetings, all lists or none. If one cannot be read, the
   * previous calendar stays as it was, with the time it is current from, so that the next sync
   * asks for the changes it missed.
   */
  private async syncCalendar(
    lists: readonly { kind: 'organization' | 'meeting'; url: string }[],
    embedded: readonly { kind: ListKind; data: unknown[] }[],
    unreliable: boolean,
  ): Promise<{ cache: Partial<OparlCache>; problems: SyncError[] }> {
    const previous = this.previous ?? (this.options.previous && sameUrl(this.options.previous.system, this.system) ? this.options.previous : undefined);
    const hadCalendar = previous?.organizations !== undefined || previous?.meetings !== undefined;
    const since = this.mode === 'incremental' && hadCalendar ? (previous?.calendarSyncedAt ?? previous?.syncedAt) : undefined;
    const knownMeetings = new Set(previous?.meetings?.keys() ?? []);
    const problems: SyncError[] = [];
    if (unreliable && !this.checkpoint) {
      // Organizations are few: read in full, they replace the previous ones.
      if (lists.some((list) => list.kind === 'organization')) this.organizations = new Map();
    }
    for (const item of embedded) {
      if (item.kind === 'organization') this.counts.organizations += this.applyObjects(this.organizations, item.data, toOrganization).length;
      if (item.kind === 'meeting') this.counts.meetings += this.applyObjects(this.meetings, item.data, (value) => toMeeting(value, this.context)).length;
    }
    for (const { kind, url } of lists) {
      this.phase = kind === 'meeting' ? 'meetings' : 'organizations';
      const apply = (page: ListPage): string[] => {
        if (kind === 'organization') {
          this.counts.organizations += page.data.length;
          return this.applyObjects(this.organizations, page.data, toOrganization);
        }
        this.counts.meetings += page.data.length;
        return this.applyObjects(this.meetings, page.data, (value) => toMeeting(value, this.context));
      };
      try {
        if (unreliable && kind === 'meeting') await this.fromEnd(kind, url, (page) => apply(page).some((id) => !knownMeetings.has(id)));
        else await this.forward(kind, url, unreliable ? this.params : this.since(since), (page) => void apply(page));
      } catch (error) {
        // The calendar is optional: the papers are saved all the same. A cancelled sync, or one
        // that reached a total limit, stops as a whole.
        if (!(error instanceof SyncError) || error.kind === 'aborted' || error.kind === 'limit') throw error;
        problems.push(error);
      }
    }
    if (problems.length > 0) {
      if (!hadCalendar || !previous) return { cache: {}, problems };
      return {
        cache: {
          ...(previous.organizations ? { organizations: previous.organizations } : {}),
          ...(previous.meetings ? { meetings: previous.meetings } : {}),
          calendarSyncedAt: previous.calendarSyncedAt ?? previous.syncedAt,
        },
        problems,
      };
    }
    return { cache: { organizations: this.organizations, meetings: this.meetings }, problems };
  }

  private state(kind: ListKind, list: string): ListState {
    const key = `${kind} ${list}`;
    let state = this.states.get(key);
    if (!state) {
      const resumed = this.resumedStates.get(key);
      state = { kind, list, done: resumed?.done ?? false, pages: resumed?.pages ?? 0 };
      if (resumed?.next) state.next = resumed.next;
      if (resumed?.numbered) state.numbered = { template: resumed.numbered.template, total: resumed.numbered.total, done: fromRanges(resumed.numbered.done) };
      this.states.set(key, state);
    }
    return state;
  }

  /**
   * Reads a list from its first page on: by page number with up to four requests at once
   * where the page URLs are known, else along `links.next`. A resumed list goes on where it
   * stopped.
   */
  private async forward(kind: ListKind, list: string, params: Params, onPage: (page: ListPage) => void): Promise<void> {
    const state = this.state(kind, list);
    if (state.done) return;
    const filtered = params.modified_since !== undefined;
    if (state.numbered) return this.numbered(state, params, filtered, onPage);
    const first = state.next ?? withParams(list, params);
    const fresh = state.next === undefined && state.pages === 0;
    await this.sequential(first, params, state, (page, url) => {
      onPage(page);
      if (!fresh || state.pages !== 1) return true;
      const numbering = pageNumbering(page, url);
      if (numbering) {
        state.estimate = numbering.total;
        if (numbering.template && numbering.total > 1) {
          state.numbered = { template: withParams(numbering.template, params), total: numbering.total, done: new Set([1]) };
          state.done = false;
          delete state.next;
          return false;
        }
      }
      return true;
    }, false, filtered);
    if (state.numbered && !state.done) await this.numbered(state, params, filtered, onPage);
  }

  /**
   * Pages 2..N of a numbered list, at most `concurrency` at once. A page that reports more
   * pages than known (the list grew during the sync) extends the run.
   */
  private async numbered(state: ListState, params: Params, filtered: boolean, onPage: (page: ListPage) => void): Promise<void> {
    const numbered = state.numbered!;
    const taken = new Set<number>();
    let cursor = 1;
    /** The lowest page neither read nor being read. */
    const take = (): number | undefined => {
      while (cursor <= numbered.total && (numbered.done.has(cursor) || taken.has(cursor))) cursor++;
      if (cursor > numbered.total) return undefined;
      taken.add(cursor);
      return cursor;
    };
    const read = async (n: number): Promise<void> => {
      const url = withParams(numbered.template, { ...params, page: String(n) });
      const page = await this.page(url, filtered);
      onPage(page);
      numbered.done.add(n);
      state.pages++;
      const total = positiveInteger(page.pagination.totalPages);
      if (total !== undefined && total > numbered.total && total < numbered.total + 10_000) numbered.total = total;
      this.pageDone(url, state);
    };
    // A resumed list: its first missing page alone, to learn how long the list is now.
    if (this.checkpoint && numbered.done.size > 0) {
      const first = take();
      if (first !== undefined) await read(first);
    }
    const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(positive(this.options.concurrency, DEFAULTS.concurrency))));
    let failure: unknown;
    const worker = async (): Promise<void> => {
      for (;;) {
        if (failure !== undefined) return;
        const next = take();
        if (next === undefined) return;
        try {
          await read(next);
        } catch (error) {
          failure ??= error;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (failure !== undefined) throw failure;
    state.done = true;
  }

  /**
   * Reads a list along `links.next` (or `page=N+1` where a page has `pagination` and no next
   * link). `onPage` returns false to stop after that page.
   */
  private async sequential(
    first: string,
    params: Params,
    state: ListState | undefined,
    onPage: (page: ListPage, url: string) => boolean,
    bodies = false,
    filtered = false,
  ): Promise<void> {
    const visited = new Set<string>();
    let url: string | undefined = first;
    while (url !== undefined) {
      visited.add(url);
      const page = await this.page(url, filtered, bodies);
      const next = nextPage(page, url, visited, params);
      if (state) {
        state.pages++;
        if (next === undefined) {
          state.done = true;
          delete state.next;
        } else state.next = next;
      }
      const goOn = onPage(page, url);
      this.pageDone(url, state);
      if (!goOn) return;
      url = next;
    }
  }

  /**
   * An update where `modified` cannot be trusted: the first page, then from the last page
   * backwards until a page holds only known objects (lists that are oldest first, as Leipzig's
   * are, have new papers at the end), and on from the first page while it holds new ones (lists
   * that are newest first). `onPage` says whether the page held anything new. A list without
   * page numbers is read in full.
   */
  private async fromEnd(kind: ListKind, list: string, onPage: (page: ListPage) => boolean): Promise<void> {
    const state = this.state(kind, list);
    if (state.done) return;
    const first = withParams(list, this.params);
    const page = await this.page(first, false);
    const firstNew = onPage(page);
    state.pages++;
    this.pageDone(first, state);
    const numbering = pageNumbering(page, first);
    if (!numbering?.template || numbering.total <= SHORT_LIST_PAGES) {
      // Nothing to page by, or a short list: all of it.
      const next = nextPage(page, first, new Set([first]), this.params);
      if (next) await this.sequential(next, this.params, state, (more) => (onPage(more), true));
      state.done = true;
      return;
    }
    const template = withParams(numbering.template, this.params);
    const read = async (n: number): Promise<boolean> => {
      const url = withParams(template, { ...this.params, page: String(n) });
      const result = onPage(await this.page(url, false));
      state.pages++;
      this.pageDone(url, state);
      return result;
    };
    let lowest = numbering.total + 1;
    for (let n = numbering.total; n > 1; n--) {
      lowest = n;
      if (!(await read(n))) break;
    }
    if (firstNew) for (let n = 2; n < lowest; n++) if (!(await read(n))) break;
    state.done = true;
  }

  /** One list page, with the vendors' ways of saying "nothing" read as an empty page. */
  private async page(url: string, filtered: boolean, bodies = false): Promise<ListPage> {
    if (this.pagesThisRun + this.inFlightPages >= positive(this.options.maxPages, DEFAULTS.maxPages)) {
      const max = positive(this.options.maxPages, DEFAULTS.maxPages);
      throw new SyncError('too-many-pages', url, failure('too-many-pages', { url, max }));
    }
    this.inFlightPages++;
    this.lastUrl = url;
    let value: unknown;
    try {
      value = await this.fetcher.json(url, bodies ? 'bodies' : 'list', {
        // SD.NET: a filtered list without hits is a 404 with {"code": 802}; others say `error`.
        emptyOn404: (body) => isRecord(body) && (body.code === 802 || body.code === '802' || (filtered && body.error !== undefined)),
        onBroken: (warning) => this.warnings.push(warning),
      });
    } finally {
      this.inFlightPages--;
    }
    if (value === EMPTY || (Array.isArray(value) && value.length === 0)) return { data: [], links: {}, pagination: {} };
    if (Array.isArray(value)) {
      this.received(value.length, url);
      return { data: value, links: {}, pagination: {} };
    }
    if (bodies && isRecord(value) && !Array.isArray(value.data) && (typeof value.paper === 'string' || Array.isArray(value.paper) || String(value.type ?? '').endsWith('/Body'))) {
      // Krefeld's body "list" is the one Body itself.
      return { data: [value], links: {}, pagination: {} };
    }
    const data = isRecord(value) ? value.data : undefined;
    if (!Array.isArray(data)) {
      const answer = excerptOf(value);
      throw new SyncError('format', url, failure('not-list', { url, ...(answer ? { answer } : {}) }));
    }
    this.received(data.length, url);
    const record = value as Record<string, unknown>;
    return { data, links: isRecord(record.links) ? record.links : {}, pagination: isRecord(record.pagination) ? record.pagination : {} };
  }

  private inFlightPages = 0;

  /**
   * Counts `count` objects received at `url` against `maxObjects`: past it the sync stops, before
   * they are applied, so that a server sending pages without end cannot fill the memory.
   */
  private received(count: number, url: string): void {
    this.counts.objects += count;
    if (this.counts.objects > this.maxObjects) throw new SyncError('limit', url, failure('too-many-objects', { url, max: this.maxObjects }));
  }

  /** Counts a page, reports progress and saves a checkpoint when one is due. */
  private pageDone(url: string, state: ListState | undefined): void {
    this.counts.pages++;
    this.pagesThisRun++;
    this.pagesSinceCheckpoint++;
    if (state && this.pagesSinceCheckpoint >= this.every) void this.saveCheckpoint(false);
    this.options.onProgress?.(this.progress(url));
  }

  private progress(url: string): SyncProgress {
    const elapsedMs = Date.now() - this.startMs;
    let known = true;
    let remaining = 0;
    for (const state of this.states.values()) {
      if (state.done) continue;
      if (state.numbered) remaining += Math.max(0, state.numbered.total - state.numbered.done.size);
      else if (state.estimate !== undefined) remaining += Math.max(0, state.estimate - state.pages);
      else known = false;
    }
    const pace = this.pagesThisRun >= 3 ? elapsedMs / this.pagesThisRun : undefined;
    return {
      phase: this.phase,
      pages: this.counts.pages,
      ...(known ? { totalPages: this.counts.pages + remaining } : {}),
      papers: this.counts.papers,
      meetings: this.counts.meetings,
      organizations: this.counts.organizations,
      deleted: this.counts.deleted,
      skipped: this.counts.skipped,
      unfitting: this.counts.unfitting,
      url,
      elapsedMs,
      ...(known && pace !== undefined ? { remainingMs: Math.round(pace * remaining) } : {}),
    };
  }

  /**
   * Hands the state to `onCheckpoint`: a snapshot, taken now, of the pages done and the
   * entries they gave. Checkpoints are delivered one after the other; a failing callback is
   * reported once as a warning and does not stop the sync.
   */
  saveCheckpoint(last: boolean): Promise<void> {
    const callback = this.options.onCheckpoint;
    if (!callback) return Promise.resolve();
    // Nothing new since the last one, or nothing begun that a resumed sync could skip.
    if (last && (this.pagesSinceCheckpoint === 0 || this.states.size === 0)) return this.checkpointing;
    this.pagesSinceCheckpoint = 0;
    const snapshot = this.snapshot();
    this.checkpointing = this.checkpointing
      .then(() => callback(snapshot))
      .catch((error: unknown) => {
        if (this.checkpointFailed) return;
        this.checkpointFailed = true;
        const data = error instanceof CacheWriteError ? error.failure.data : { file: '', code: '', detail: error instanceof Error ? error.message : String(error) };
        this.warnings.push({ url: this.system, kind: 'checkpoint-not-saved', data });
      });
    return this.checkpointing;
  }

  private snapshot(): SyncCheckpoint {
    const lists: ListCheckpoint[] = [...this.states.values()].map((state) => ({
      kind: state.kind,
      list: state.list,
      done: state.done,
      pages: state.pages,
      ...(state.next ? { next: state.next } : {}),
      ...(state.numbered ? { numbered: { template: state.numbered.template, total: state.numbered.total, done: toRanges(state.numbered.done) } } : {}),
    }));
    const { pages, objects, papers, meetings, organizations, changed, deleted, skipped, unfitting } = this.counts;
    const counts = { pages, objects, bytes: this.fetcher.received, papers, meetings, organizations, changed, deleted, skipped, unfitting };
    const modified: ModifiedStats = { ...this.modified };
    return {
      system: this.system,
      startedAt: this.syncedAt,
      savedAt: (this.options.now ?? (() => new Date()))().toISOString(),
      mode: this.mode,
      ...(this.mode === 'incremental' && this.previous ? { basedOn: this.previous.syncedAt } : {}),
      lists,
      papers: new Map(this.papers),
      organizations: new Map(this.organizations),
      meetings: new Map(this.meetings),
      counts,
      unfittingExamples: [...this.unfittingExamples],
      warnings: [...this.warnings],
      modified,
    };
  }
}

/** Whether the System is a CC e-gov ALLRIS one, which takes `omit_internal=true`. */
function isAllris(systemObject: Record<string, unknown>, url: string): boolean {
  const said = [systemObject.vendor, systemObject.product, systemObject.name].filter((value) => typeof value === 'string').join(' ');
  return /cc-egov|allris/i.test(said) || /allris/i.test(url);
}

/**
 * How a list's pages are numbered, from its first page: the number of pages
 * (`pagination.totalPages`, else the `page` of `links.last`) and a page URL whose `page=` can
 * be set (`links.last`, `links.next`, or this page's URL where it has no next link). No
 * template where `links.next` pages by another parameter.
 */
function pageNumbering(page: ListPage, url: string): { total: number; template?: string } | undefined {
  const last = typeof page.links.last === 'string' ? page.links.last : undefined;
  const next = typeof page.links.next === 'string' ? page.links.next : undefined;
  const lastNumber = last ? pageParam(last) : undefined;
  const total = positiveInteger(page.pagination.totalPages) ?? lastNumber;
  if (total === undefined) return undefined;
  const current = positiveInteger(page.pagination.currentPage) ?? pageParam(url) ?? 1;
  if (current !== 1) return { total };
  let template: string | undefined;
  if (last && lastNumber !== undefined) template = last;
  else if (next && pageParam(next) !== undefined) template = next;
  else if (!next) template = url;
  if (template) {
    try {
      template = httpUrl(template, url, 'page');
    } catch {
      template = undefined;
    }
  }
  return template ? { total, template } : { total };
}

function pageParam(url: string): number | undefined {
  const match = /[?&]page=(\d{1,7})(?:&|#|$)/.exec(url);
  return match ? positiveInteger(Number(match[1])) : undefined;
}

/** The next page's URL: `links.next`, or `page=N+1` under a `pagination` that has more pages. */
function nextPage(page: ListPage, current: string, visited: ReadonlySet<string>, params: Params): string | undefined {
  const next = page.links.next;
  let url: string | undefined;
  if (next === undefined || next === null || next === '') {
    const total = positiveInteger(page.pagination.totalPages);
    const at = positiveInteger(page.pagination.currentPage) ?? pageParam(current) ?? 1;
    if (total === undefined || at >= total) return undefined;
    url = withParams(current, { ...params, page: String(at + 1) });
  } else {
    if (typeof next !== 'string') {
      throw new SyncError('format', current, failure('bad-next', { url: current }));
    }
    url = withParams(httpUrl(next, current, 'next'), params);
  }
  if (visited.has(url)) {
    throw new SyncError('loop', url, failure('loop', { url, from: current }));
  }
  return url;
}

/**
 * `url` with `params` set in its query, written by hand: `URLSearchParams` would encode the
 * `:` and `+` of `modified_since`, which SessionNet answers with 404. Parameters of the same
 * name the URL has (encoded or not) are replaced; the rest of the query is kept as it is.
 */
export function withParams(url: string, params: Params): string {
  const hash = url.indexOf('#');
  const bare = hash >= 0 ? url.slice(0, hash) : url;
  const question = bare.indexOf('?');
  const path = question >= 0 ? bare.slice(0, question) : bare;
  const names = new Set(Object.keys(params));
  const pairs = (question >= 0 ? bare.slice(question + 1) : '').split('&').filter((pair) => {
    if (pair === '') return false;
    const name = pair.split('=', 1)[0]!;
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // A malformed escape: compared as written.
    }
    return !names.has(decoded);
  });
  for (const [name, value] of Object.entries(params)) if (value !== undefined) pairs.push(`${name}=${value}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}

function toRanges(pages: ReadonlySet<number>): [number, number][] {
  const sorted = [...pages].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const n of sorted) {
    const last = ranges.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else ranges.push([n, n]);
  }
  return ranges;
}

function fromRanges(ranges: readonly (readonly [number, number])[]): Set<number> {
  const pages = new Set<number>();
  for (const [from, to] of ranges) for (let n = Math.max(1, from); n <= to && pages.size < 1_000_000; n++) pages.add(n);
  return pages;
}

/** `"N/A"` and `""` say "missing" on some servers. */
function present(value: unknown): unknown {
  return value === 'N/A' || value === '' ? undefined : value;
}

const EMPTY: unique symbol = Symbol('empty page');
type Role = 'system' | 'bodies' | 'list';

const FILE_ACCEPT = 'application/pdf, application/json;q=0.5, */*;q=0.1';

/** What `fetchFile` takes: the limits of a sync (defaults alike: 30 s, 20 MB, 3 retries). */
export type FileFetchOptions = Pick<SyncOptions, 'timeoutMs' | 'maxBytes' | 'retries' | 'retryDelayMs' | 'signal' | 'login'>;

/**
 * One file of the council's system (a paper's main file) through the sync's HTTP client: http(s)
 * only, redirects only to http(s) and at most five, one time limit for the whole exchange, the
 * size limit counted after decompression. Fails with a `SyncError`.
 */
export async function fetchFile(url: string, options: FileFetchOptions = {}): Promise<Buffer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SyncError('url', url, failure('url', { url }));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new SyncError('url', url, failure('url', { url }));
  parsed.username = '';
  parsed.password = '';
  const fetcher = new Fetcher({ ...options, system: url, scanner: undefined as never }, url);
  try {
    return await fetcher.file(parsed.href);
  } finally {
    fetcher.close();
  }
}

interface JsonOptions {
  /** A 404 whose JSON body this accepts is an empty list page. */
  readonly emptyOn404?: (body: unknown) => boolean;
  /** Objects of a list page that were broken and left out. */
  readonly onBroken?: (warning: SyncWarning) => void;
}

/** Fetching with the limits the options set, over one keep-alive connection pool per sync. */
class Fetcher {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  // Thousands of pages from one host: reusing connections saves a TLS handshake per page. At
  // most four connections, as at most four requests run at once.
  private readonly agents = {
    http: new (net().http.Agent)({ keepAlive: true, maxSockets: MAX_CONCURRENCY }),
    https: new (net().https.Agent)({ keepAlive: true, maxSockets: MAX_CONCURRENCY }),
  };
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxTotalBytes: number;

  /**
   * @param received bytes received before (by the sync a checkpoint was saved from), counted
   * against `maxTotalBytes` with every byte this fetcher reads.
   */
  constructor(
    private readonly options: SyncOptions,
    private readonly system: string,
    public received = 0,
  ) {
    this.maxTotalBytes = positive(options.maxTotalBytes, DEFAULTS.maxTotalBytes);
    this.timeoutMs = positive(options.timeoutMs, DEFAULTS.timeoutMs);
    this.maxBytes = positive(options.maxBytes, DEFAULTS.maxBytes);
    this.retries = Math.floor(nonNegative(options.retries, DEFAULTS.retries));
    this.retryDelayMs = nonNegative(options.retryDelayMs, DEFAULTS.retryDelayMs);
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** One JSON document, with retries for failures that may pass; `EMPTY` for an empty page said otherwise. */
  async json(url: string, role: Role, options: JsonOptions = {}): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        const bytes = await this.limited(() => this.fetch(url));
        return parseBody(bytes, url, role === 'system', options.onBroken);
      } catch (error) {
        if (!(error instanceof FailedAttempt)) throw error;
        if (error.kind === 'http' && error.detail.status === 404 && options.emptyOn404 && error.detail.body !== undefined) {
          const body = tryJson(error.detail.body);
          if (body !== undefined && options.emptyOn404(body)) return EMPTY;
        }
        if (!error.retryable || attempt > this.retries) throw error.toSyncError(attempt, this.timeoutMs, this.maxBytes, sameUrl(url, this.system));
        await delay(this.retryDelayMs * 2 ** (attempt - 1), this.options.signal, url);
      }
    }
  }

  /** A file's bytes (a paper's PDF), with the same limits and retries as a JSON document. */
  async file(url: string): Promise<Buffer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.limited(() => this.fetch(url, FILE_ACCEPT));
      } catch (error) {
        if (!(error instanceof FailedAttempt)) throw error;
        if (!error.retryable || attempt > this.retries) throw error.toSyncError(attempt, this.timeoutMs, this.maxBytes, false);
        await delay(this.retryDelayMs * 2 ** (attempt - 1), this.options.signal, url);
      }
    }
  }

  /** Runs `task` when fewer than four requests are under way. */
  private async limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= MAX_CONCURRENCY) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  /** The body of a GET, following at most five http(s) redirects, within one time limit. */
  private fetch(start: string, accept = 'application/json'): Promise<Buffer> {
    const { signal } = this.options;
    if (signal?.aborted) return Promise.reject(new FailedAttempt('aborted', start));
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      let request: http.ClientRequest | undefined;
      let current = start;
      const fail = (failure: FailedAttempt): void => {
        if (settled) return;
        settled = true;
        cleanup();
        request?.destroy();
        reject(failure);
      };
      const succeed = (body: Buffer): void => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve(body);
      };
      // One timer for the whole exchange, so that a server trickling bytes forever or never
      // finishing its body times out just like one that never answers.
      const timer = setTimeout(() => fail(new FailedAttempt('timeout', current)), this.timeoutMs);
      const onAbort = (): void => fail(new FailedAttempt('aborted', current));
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };

      const get = (url: URL, redirects: number): void => {
        current = withoutCredentials(url.href);
        const secure = url.protocol === 'https:';
        const client = secure ? net().https : net().http;
        // The login goes to its own origin only, not to a host a redirect leads to.
        const login = this.options.login && url.origin === this.options.login.origin ? this.options.login : undefined;
        const withoutUser = new URL(url.href);
        withoutUser.username = '';
        withoutUser.password = '';
        request = client.get(withoutUser, {
          agent: secure ? this.agents.https : this.agents.http,
          headers: {
            accept,
            'accept-encoding': 'gzip, deflate',
            'user-agent': 'Ratsfeder (OParl-Sync)',
            ...(login ? { authorization: `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` } : {}),
          },
        });
        request.on('error', (error) => fail(new FailedAttempt('network', current, { cause: error })));
        request.on('response', (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && status !== 304 && response.headers.location !== undefined) {
            response.resume();
            let target: URL;
            try {
              target = new URL(response.headers.location, url);
            } catch {
              return fail(new FailedAttempt('redirect', current, { status, location: withoutCredentials(response.headers.location) }));
            }
            if (target.protocol !== 'http:' && target.protocol !== 'https:') return fail(new FailedAttempt('redirect', current, { status, location: withoutCredentials(target.href) }));
            if (redirects >= MAX_REDIRECTS) return fail(new FailedAttempt('redirect', current, { status, location: withoutCredentials(target.href), tooMany: true }));
            return get(target, redirects + 1);
          }
          if (status < 200 || status >= 300) {
            // The start of the body says what the server meant (SD.NET's error code, a maintenance page).
            const failed = (body?: Buffer): void => fail(new FailedAttempt('http', current, { status, ...(body ? { body: new TextDecoder('utf-8').decode(body) } : {}) }));
            return this.read(response, current, ERROR_BODY_BYTES, failed, () => failed());
          }
          const length = Number(response.headers['content-length']);
          if (Number.isFinite(length) && length > this.maxBytes) return fail(new FailedAttempt('too-large', current));
          this.read(response, current, this.maxBytes, succeed, fail);
        });
      };
      get(new URL(start), 0);
    });
  }

  /**
   * Reads a body, decompressed, up to `limit` bytes. Beyond the limit a full body fails as
   * too large; an error body (`limit` below `maxBytes`) ends there with what was read.
   */
  private read(response: http.IncomingMessage, url: string, limit: number, succeed: (body: Buffer) => void, fail: (failure: FailedAttempt) => void): void {
    const partial = limit < this.maxBytes;
    let stream: Readable = response;
    const encoding = String(response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(net().zlib.createGunzip());
    else if (encoding === 'deflate') stream = response.pipe(net().zlib.createInflate());
    else if (encoding !== 'identity' && encoding !== '') return fail(new FailedAttempt('format', url, { encoding }));
    const chunks: Buffer[] = [];
    let size = 0;
    // The limit counts decompressed bytes, so a small compressed bomb is stopped as well.
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Every byte read counts against the sync's total, error answers and failed attempts too.
      this.received += chunk.length;
      if (this.received > this.maxTotalBytes) {
        stream.destroy();
        return fail(new FailedAttempt('limit', url, { limit: this.maxTotalBytes }));
      }
      if (size > limit) {
        stream.destroy();
        if (partial) {
          chunks.push(chunk);
          return succeed(Buffer.concat(chunks).subarray(0, limit));
        }
        return fail(new FailedAttempt('too-large', url));
      }
      chunks.push(chunk);
    });
    stream.on('end', () => succeed(Buffer.concat(chunks, size)));
    stream.on('error', (error) => fail(new FailedAttempt('network', url, { cause: error })));
    if (stream !== response) response.on('error', (error) => fail(new FailedAttempt('network', url, { cause: error })));
    // A connection closed before the body is complete is a network error, not an empty page.
    response.on('close', () => {
      if (!response.complete) fail(new FailedAttempt('network', url, { cause: new Error('connection closed before the response was complete') }));
    });
  }
}

interface FailureDetail {
  status?: number;
  location?: string;
  tooMany?: boolean;
  encoding?: string;
  cause?: unknown;
  /** The start of an error response's body. */
  body?: string;
  /** The total limit reached (`limit`). */
  limit?: number;
}

/** A failed attempt; it becomes a `SyncError` once retrying is over. */
class FailedAttempt {
  constructor(
    readonly kind: SyncErrorKind,
    readonly url: string,
    readonly detail: FailureDetail = {},
  ) {}

  get retryable(): boolean {
    const { status } = this.detail;
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    return this.kind === 'http' && status !== undefined && (status >= 500 || status === 429);
  }

  /** The error to report; `system` says whether the failing request was the System's own. */
  toSyncError(attempts: number, timeoutMs: number, maxBytes: number, system: boolean): SyncError {
    const { url } = this;
    const { status, location, cause } = this.detail;
    const answer = this.detail.body === undefined ? undefined : excerpt(this.detail.body);
    const source = system ? 'user' : 'server';
    const make = (kind: SyncFailureKind, data: MessageData): SyncError =>
      new SyncError(this.kind, url, failure(kind, { url, ...data }), { ...(status === undefined ? {} : { status }), cause, ...(answer ? { answer } : {}) });
    const answered: MessageData = answer ? { answer } : {};
    switch (this.kind) {
      case 'http':
        if (status !== undefined && (status >= 500 || status === 429)) return make('http-retry', { status, attempts, ...answered });
        return make('http', { ...(status === undefined ? {} : { status }), source, ...answered });
      case 'network':
        return make('network', { attempts, reason: describeCause(cause), source });
      case 'timeout':
        return make('timeout', { timeout: timeoutMs, attempts });
      case 'too-large':
        return make('too-large', { limit: maxBytes, source });
      case 'redirect':
        return make(this.detail.tooMany ? 'redirects' : 'redirect-scheme', { max: MAX_REDIRECTS, ...(location === undefined ? {} : { location }), source });
      case 'format':
        return make('encoding', this.detail.encoding === undefined ? {} : { encoding: this.detail.encoding });
      case 'aborted':
        return cancelled(url);
      case 'limit':
        return make('too-many-bytes', { limit: this.detail.limit ?? 0 });
      default:
        return make('failed', {});
    }
  }
}

// Control, format and bidi characters that would garble or disguise a message.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * The start of a server's answer as one printable line of at most 200 characters: markup
 * taken out (an HTML error page says its message between the tags), control and bidi
 * characters gone, spaces collapsed.
 */
export function excerpt(body: string): string {
  let text = body.slice(0, 20_000);
  if (/<[a-z!/][^>]*>/i.test(text)) {
    text = text
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  }
  text = text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function excerptOf(value: unknown): string | undefined {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : excerpt(text);
  } catch {
    return undefined;
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A response as JSON. Text that does not parse is repaired first (control characters inside
 * strings escaped, invalid escapes doubled); a list page still broken is read object by object,
 * and the objects that stay broken are left out and reported through `onBroken`.
 */
function parseBody(bytes: Buffer, url: string, system: boolean, onBroken: ((warning: SyncWarning) => void) | undefined): unknown {
  // TextDecoder drops a byte order mark, which JSON.parse would reject.
  const text = new TextDecoder('utf-8').decode(bytes);
  let first: unknown;
  try {
    return JSON.parse(text);
  } catch (error) {
    first = error;
  }
  const repaired = repairJson(text);
  try {
    const value: unknown = JSON.parse(repaired);
    onBroken?.({ url, kind: 'page-repaired', data: { url } });
    return value;
  } catch {
    // Read object by object below.
  }
  const salvaged = salvageList(repaired);
  if (salvaged) {
    for (const broken of salvaged.broken) {
      const which = broken.id ? `${broken.index + 1} (${broken.id})` : `${broken.index + 1}`;
      onBroken?.({ url, kind: 'object-skipped', data: { url, which } });
    }
    return salvaged.value;
  }
  const reason = first instanceof Error ? first.message : String(first);
  const answer = excerpt(text);
  throw new SyncError('json', url, failure('json', { url, reason, source: system ? 'user' : 'server', ...(answer ? { answer } : {}) }), { cause: first, ...(answer ? { answer } : {}) });
}

/**
 * JSON text with what servers get wrong inside strings put right: raw control characters
 * escaped, a backslash that starts no valid escape doubled. Outside strings nothing changes.
 */
export function repairJson(text: string): string {
  const out: string[] = [];
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!inString) {
      if (code === 0x22) inString = true;
      continue;
    }
    if (code === 0x22) {
      inString = false;
    } else if (code === 0x5c) {
      const next = text.charAt(i + 1);
      if (next === 'u' ? /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : next !== '' && '"\\/bfnrt'.includes(next)) {
        i++;
        continue;
      }
      out.push(text.slice(from, i), '\\\\');
      from = i + 1;
    } else if (code < 0x20) {
      const escape = code === 0x0a ? '\\n' : code === 0x0d ? '\\r' : code === 0x09 ? '\\t' : `\\u${code.toString(16).padStart(4, '0')}`;
      out.push(text.slice(from, i), escape);
      from = i + 1;
    }
  }
  if (out.length === 0) return text;
  out.push(text.slice(from));
  return out.join('');
}

interface Salvaged {
  readonly value: Record<string, unknown>;
  readonly broken: readonly { readonly index: number; readonly id?: string }[];
}

/** At most this many parse attempts for the objects of one broken page. */
const SALVAGE_ATTEMPTS = 2_000;

/**
 * A list page whose text does not parse, read object by object: the `data` array is cut into
 * its elements (by nesting, strings respected), each parsed on its own. An element that does
 * not parse (a stray quote can make the cut miss) is cut again where one object ends and the
 * next begins (`}, {`) and parsed piece by piece. `undefined` if the text is no list page.
 */
function salvageList(text: string): Salvaged | undefined {
  const span = dataSpan(text);
  if (!span) return undefined;
  const data: unknown[] = [];
  const broken: { index: number; id?: string }[] = [];
  let budget = SALVAGE_ATTEMPTS;
  let type: unknown;
  for (const [from, to] of elements(text, span.open + 1, span.close)) {
    const chunk = text.slice(from, to);
    try {
      const value: unknown = JSON.parse(chunk);
      data.push(value);
      if (type === undefined && isRecord(value)) type = value.type;
      continue;
    } catch {
      // Cut again below.
    }
    for (const piece of pieces(chunk, () => budget-- > 0, type)) {
      if (piece.ok) data.push(piece.value);
      else {
        const id = /"id"\s*:\s*"([^"\\]{1,300})"/.exec(piece.text)?.[1];
        broken.push({ index: data.length + broken.length, ...(id ? { id } : {}) });
      }
    }
  }
  let rest: unknown;
  try {
    rest = JSON.parse(`${text.slice(0, span.open)}[]${span.close < text.length ? text.slice(span.close + 1) : '}'}`);
  } catch {
    rest = undefined;
  }
  const value: Record<string, unknown> = isRecord(rest) ? { ...rest, data } : { data, links: linksOf(text), pagination: {} };
  return { value, broken };
}

/** Where the top-level `data` array of a page opens and closes (close = text length if it never does). */
function dataSpan(text: string): { open: number; close: number } | undefined {
  let depth = 0;
  let inString = false;
  let stringStart = -1;
  let lastString = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) {
        inString = false;
        lastString = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      stringStart = i;
    } else if (c === 0x7b || c === 0x5b) {
      if (c === 0x5b && depth === 1 && lastString === 'data') {
        const close = matching(text, i);
        return { open: i, close };
      }
      depth++;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c !== 0x3a && c > 0x20) lastString = '';
  }
  return undefined;
}

/** The index of the bracket closing the one at `open`, or the text's length. */
function matching(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length;
}

/** The spans of an array's elements between `from` and `to`, cut at commas outside nesting and strings. */
function elements(text: string, from: number, to: number): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let inString = false;
  let start = from;
  const push = (end: number): void => {
    const chunk = text.slice(start, end);
    const lead = chunk.length - chunk.trimStart().length;
    const trimmed = chunk.trim();
    if (trimmed !== '') spans.push([start + lead, start + lead + trimmed.length]);
  };
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(to);
  return spans;
}

type Piece = { ok: true; value: unknown } | { ok: false; text: string };

/** The last segment of an OParl type URL (`Paper`), which 1.0 and 1.1 share. */
function typeName(type: unknown): string | undefined {
  return typeof type === 'string' ? type.slice(type.lastIndexOf('/') + 1) : undefined;
}

/**
 * A chunk that did not parse, cut where one object may end and the next begin: from each
 * start (the chunk's, and every `{` after `}, `) the shortest run up to a `}` that parses as an
 * object with an id (of the page's type, where known) is one object; a start from which nothing
 * parses is broken up to the next start that does.
 */
function pieces(chunk: string, attempt: () => boolean, type: unknown): Piece[] {
  const starts = [0];
  for (const match of chunk.matchAll(/\}\s*,\s*(?=\{)/g)) starts.push(chunk.indexOf('{', match.index + 1));
  const ends: number[] = [];
  for (let i = chunk.indexOf('}'); i >= 0; i = chunk.indexOf('}', i + 1)) ends.push(i + 1);
  const wanted = typeName(type);
  const parseAt = (s: number): { value: unknown; end: number } | undefined => {
    for (const end of ends) {
      if (end <= s) continue;
      if (!attempt()) return undefined;
      try {
        const value: unknown = JSON.parse(chunk.slice(s, end));
        if (isRecord(value) && typeof value.id === 'string' && (wanted === undefined || value.type === undefined || typeName(value.type) === wanted)) return { value, end };
      } catch {
        // A longer run may parse.
      }
    }
    return undefined;
  };
  const result: Piece[] = [];
  let i = 0;
  while (i < starts.length) {
    const parsed = parseAt(starts[i]!);
    if (parsed) {
      result.push({ ok: true, value: parsed.value });
      while (i < starts.length && starts[i]! < parsed.end) i++;
      continue;
    }
    let j = i + 1;
    while (j < starts.length && !parseAt(starts[j]!)) j++;
    result.push({ ok: false, text: chunk.slice(starts[i]!, j < starts.length ? starts[j] : chunk.length) });
    i = j;
  }
  return result;
}

/** `links` read from a text that does not parse, so that paging goes on. */
function linksOf(text: string): Record<string, string> {
  const links: Record<string, string> = {};
  for (const name of ['next', 'last', 'first']) {
    const match = new RegExp(`"${name}"\\s*:\\s*"(https?:[^"\\\\]{1,2000})"`).exec(text);
    if (match?.[1]) links[name] = match[1];
  }
  return links;
}

/**
 * `value` resolved against `base`, as an http(s) URL; anything else fails the sync. A user and
 * password in an address from the server are dropped: they would be kept in the cache.
 */
function httpUrl(value: string, base: string, what: AddressKind): string {
  let url: URL | undefined;
  try {
    url = new URL(value, base);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // Only the System URL is the user's; every other address comes from the server (the message says so).
    const shown = withoutCredentials(value);
    throw new SyncError('url', shown, failure('url', { value: shown, what }));
  }
  url.username = '';
  url.password = '';
  return url.href;
}

/** Whether an address carries a user or password (`https://user:pass@host/…`). */
function hasCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== '' || url.password !== '';
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/@?#]*@/i.test(value);
  }
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** Waits before a retry; a cancelled sync does not wait out its backoff. */
function delay(ms: number, signal: AbortSignal | undefined, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(url));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled(url));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(url: string): SyncError {
  return new SyncError('aborted', url, failure('aborted', { url }));
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return String(cause);
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
