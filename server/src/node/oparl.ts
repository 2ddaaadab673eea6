import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Meeting, Organization } from '../register/calendar.js';
import { applyObjects, applyPage, toMeeting, toOrganization, type NumberScanner } from '../register/oparl.js';
import { isHttpUrl, type OparlCache, type RegisterEntry } from '../register/types.js';

/**
 * Synchronises the document register with a council's OParl interface (OParl 1.0 and 1.1):
 * System → body list → each body's paper list, page by page along `links.next`. It never
 * touches the cache file; the caller saves the returned cache, so a failed sync leaves the
 * previous one as it was.
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
  /** List pages (body lists and paper lists together) one sync may read. Default 20,000. */
  readonly maxPages?: number;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export interface SyncProgress {
  /** List pages read so far. */
  readonly pages: number;
  /** Paper objects received so far. */
  readonly papers: number;
  /** The page just read. */
  readonly url: string;
}

export interface SyncResult {
  readonly cache: OparlCache;
  /** `incremental` when the previous cache was for this system and only changes were asked for. */
  readonly mode: 'full' | 'incremental';
  /** List pages read. */
  readonly pages: number;
  /** Bodies whose paper lists were read. */
  readonly bodies: number;
  /** Paper objects received. */
  readonly papers: number;
  /** Entries added or replaced. */
  readonly changed: number;
  /** Entries removed (deleted papers, papers that lost a usable reference). */
  readonly deleted: number;
  /** Paper objects without an id or a usable reference. */
  readonly skipped: number;
  /** Meeting or body lists that could not be read; the cache then has no calendar until a sync reads them all. */
  readonly calendarProblems: readonly SyncError[];
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
  | 'aborted';

/** Why a sync failed, in German (`message`) and English (`messageEn`), each saying what to do. */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly kind: SyncErrorKind;
  /** The URL the failure happened at (after redirects). */
  readonly url: string;
  readonly status: number | undefined;
  readonly messageEn: string;

  constructor(kind: SyncErrorKind, url: string, message: string, messageEn: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.url = url;
    this.status = options.status;
    this.messageEn = messageEn;
  }
}

const DEFAULTS = {
  timeoutMs: 30_000,
  maxBytes: 20 * 1024 * 1024,
  retries: 3,
  retryDelayMs: 250,
  maxPages: 20_000,
};
const MAX_REDIRECTS = 5;
const KEEP = 'der bisherige Cache bleibt erhalten.';
const KEEP_EN = 'the previous cache is kept.';

export async function syncOparl(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? (() => new Date());
  const syncedAt = now().toISOString();
  const system = httpUrl(options.system, options.system, 'System-URL', 'System URL');
  const ctx = new Fetcher(options);
  try {
    // A cache whose time stamp is not a date (edited by hand, say) would make every later sync
    // fail on a `modified_since` the server rejects; a full sync repairs it instead.
    const usable = options.previous && sameUrl(options.previous.system, system) && !Number.isNaN(Date.parse(options.previous.syncedAt));
    const previous = usable ? options.previous : undefined;
    const papers = new Map<string, RegisterEntry>(previous?.papers ?? []);
    const counts = { pages: 0, bodies: 0, papers: 0, changed: 0, deleted: 0, skipped: 0 };

    const systemObject = await ctx.json(system);
    const bodyList = isRecord(systemObject) ? systemObject.body : undefined;
    if (typeof bodyList !== 'string') {
      throw new SyncError(
        'format',
        system,
        `Die Antwort von ${system} ist kein OParl-System: das Feld „body“ fehlt. Die System-URL prüfen (sie ist die Einstiegsadresse der OParl-Schnittstelle, oft …/oparl/v1/system); ${KEEP}`,
        `The response from ${system} is not an OParl System: it has no "body" field. Check the System URL (the OParl interface's entry point, often …/oparl/v1/system); ${KEEP_EN}`,
      );
    }

    // Several bodies may share one list; each list is read once.
    const paperLists: string[] = [];
    const calendarLists: { kind: 'organization' | 'meeting'; url: string }[] = [];
    await ctx.walk(httpUrl(bodyList, system, 'Körperschaftsliste', 'body list'), counts, (data) => {
      for (const body of data) {
        if (!isRecord(body)) continue;
        const base = isHttpUrl(body.id) ? body.id : system;
        if (typeof body.paper === 'string') {
          const list = httpUrl(body.paper, base, 'Drucksachenliste', 'paper list');
          if (!paperLists.some((known) => sameUrl(known, list))) paperLists.push(list);
        }
        // The meeting calendar: optional, a body without it still gives its papers.
        for (const kind of ['organization', 'meeting'] as const) {
          if (typeof body[kind] !== 'string') continue;
          const url = httpUrl(body[kind], base, kind === 'meeting' ? 'Sitzungsliste' : 'Gremienliste', `${kind} list`);
          if (!calendarLists.some((known) => sameUrl(known.url, url))) calendarLists.push({ kind, url });
        }
      }
    });
    if (paperLists.length === 0) {
      throw new SyncError(
        'format',
        bodyList,
        `Keine Körperschaft in ${bodyList} nennt eine Drucksachenliste („paper“). Die System-URL prüfen; ${KEEP}`,
        `No body in ${bodyList} names a paper list ("paper"). Check the System URL; ${KEEP_EN}`,
      );
    }

    for (const list of paperLists) {
      counts.bodies++;
      const first = new URL(list);
      if (previous) first.searchParams.set('modified_since', previous.syncedAt);
      await ctx.walk(first.href, counts, (data) => {
        const page = applyPage(papers, data, options.scanner);
        counts.papers += page.papers;
        counts.changed += page.changed;
        counts.deleted += page.deleted;
        counts.skipped += page.skipped;
      });
    }

    const organizations = new Map<string, Organization>(previous?.organizations ?? []);
    const meetings = new Map<string, Meeting>(previous?.meetings ?? []);
    const calendarProblems: SyncError[] = [];
    for (const { kind, url } of calendarLists) {
      const first = new URL(url);
      if (previous?.meetings) first.searchParams.set('modified_since', previous.syncedAt);
      try {
        await ctx.walk(first.href, counts, (data) => {
          if (kind === 'organization') applyObjects(organizations, data, toOrganization);
          else applyObjects(meetings, data, toMeeting);
        });
      } catch (error) {
        // The calendar is optional: the papers are saved all the same. A cancelled sync stops
        // as a whole.
        if (!(error instanceof SyncError) || error.kind === 'aborted') throw error;
        calendarProblems.push(error);
      }
    }
    // A calendar with a list missing would be stale from now on (the next sync asks only for
    // changes): the cache goes without one, and the next sync reads it in full.
    const calendar = calendarProblems.length === 0 ? { organizations, meetings } : {};

    return {
      cache: { version: 1, system, syncedAt, papers, ...calendar },
      mode: previous ? 'incremental' : 'full',
      ...counts,
      calendarProblems,
    };
  } finally {
    ctx.close();
  }
}

interface Counts {
  pages: number;
  papers: number;
}

/** Fetching with the limits the options set, over one keep-alive connection pool per sync. */
class Fetcher {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly maxPages: number;
  // Thousands of pages from one host: reusing connections saves a TLS handshake per page.
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 1 }), https: new https.Agent({ keepAlive: true, maxSockets: 1 }) };

  constructor(private readonly options: SyncOptions) {
    this.timeoutMs = positive(options.timeoutMs, DEFAULTS.timeoutMs);
    this.maxBytes = positive(options.maxBytes, DEFAULTS.maxBytes);
    this.retries = Math.floor(nonNegative(options.retries, DEFAULTS.retries));
    this.retryDelayMs = nonNegative(options.retryDelayMs, DEFAULTS.retryDelayMs);
    this.maxPages = positive(options.maxPages, DEFAULTS.maxPages);
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /**
   * Reads an OParl list page by page and hands each page's `data` to `onPage`. A page without a `data` array fails the sync rather than being
   * skipped: a sync that silently missed a page would still move `syncedAt` forward, and the
   * missed changes would never be asked for again.
   */
  async walk(first: string, counts: Counts, onPage: (data: unknown[]) => void): Promise<void> {
    const visited = new Set<string>();
    let url: string | undefined = first;
    while (url !== undefined) {
      visited.add(url);
      if (counts.pages >= this.maxPages) {
        throw new SyncError(
          'too-many-pages',
          url,
          `Die Synchronisierung hat die Grenze von ${this.maxPages} Listenseiten erreicht (bei ${url}). Entweder liefert der Server endlos neue Seiten oder die Grenze ist für diesen Bestand zu klein und muss erhöht werden. ${capital(KEEP)}`,
          `The sync reached its limit of ${this.maxPages} list pages (at ${url}). Either the server returns pages without end or the limit is too low for this register and must be raised. ${capital(KEEP_EN)}`,
        );
      }
      const page = await this.json(url);
      const data = isRecord(page) ? page.data : undefined;
      if (!Array.isArray(data)) {
        throw new SyncError(
          'format',
          url,
          `Die Antwort von ${url} ist keine OParl-Liste: das Feld „data“ fehlt. Die System-URL prüfen; liefert der Server sonst OParl, dem Betreiber melden. ${capital(KEEP)}`,
          `The response from ${url} is not an OParl list: it has no "data" field. Check the System URL; if the server otherwise speaks OParl, tell its operator. ${capital(KEEP_EN)}`,
        );
      }
      counts.pages++;
      onPage(data);
      this.options.onProgress?.({ pages: counts.pages, papers: counts.papers, url });
      url = this.next(page, url, visited);
    }
  }

  private next(page: unknown, current: string, visited: ReadonlySet<string>): string | undefined {
    const links = isRecord(page) ? page.links : undefined;
    const next = isRecord(links) ? links.next : undefined;
    if (next === undefined || next === null) return undefined;
    if (typeof next !== 'string') {
      throw new SyncError(
        'format',
        current,
        `Die Seite ${current} hat einen ungültigen Verweis auf die nächste Seite („links.next“). Dem Betreiber des OParl-Servers melden; ${KEEP}`,
        `The page ${current} has an invalid link to the next page ("links.next"). Tell the OParl server's operator; ${KEEP_EN}`,
      );
    }
    const url = httpUrl(next, current, 'nächste Seite', 'next page');
    if (visited.has(url)) {
      throw new SyncError(
        'loop',
        url,
        `Die Liste verweist von ${current} mit „links.next“ auf eine schon gelesene Seite (${url}) und würde endlos weiterlaufen; die Synchronisierung wurde abgebrochen. Dem Betreiber des OParl-Servers melden; ${KEEP}`,
        `The list links from ${current} ("links.next") to a page already read (${url}) and would never end; the sync was stopped. Tell the OParl server's operator; ${KEEP_EN}`,
      );
    }
    return url;
  }

  /** One JSON document, with retries for failures that may pass. */
  async json(url: string): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        const bytes = await this.fetch(url);
        return parseJson(bytes, url);
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        if (!error.retryable || attempt > this.retries) throw error.toSyncError(attempt, this.timeoutMs, this.maxBytes);
        await delay(this.retryDelayMs * 2 ** (attempt - 1), this.options.signal, url);
      }
    }
  }

  /** The body of a GET, following at most five http(s) redirects, within one time limit. */
  private fetch(start: string): Promise<Buffer> {
    const { signal } = this.options;
    if (signal?.aborted) return Promise.reject(new Failure('aborted', start));
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      let request: http.ClientRequest | undefined;
      let current = start;
      const fail = (failure: Failure): void => {
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
      const timer = setTimeout(() => fail(new Failure('timeout', current)), this.timeoutMs);
      const onAbort = (): void => fail(new Failure('aborted', current));
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };

      const get = (url: URL, redirects: number): void => {
        current = url.href;
        const secure = url.protocol === 'https:';
        const client = secure ? https : http;
        request = client.get(url, {
          agent: secure ? this.agents.https : this.agents.http,
          headers: { accept: 'application/json', 'accept-encoding': 'gzip, deflate', 'user-agent': 'Ratsfeder (OParl-Sync)' },
        });
        request.on('error', (error) => fail(new Failure('network', current, { cause: error })));
        request.on('response', (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && status !== 304 && response.headers.location !== undefined) {
            response.resume();
            let target: URL;
            try {
              target = new URL(response.headers.location, url);
            } catch {
              return fail(new Failure('redirect', current, { status, location: response.headers.location }));
            }
            if (target.protocol !== 'http:' && target.protocol !== 'https:') return fail(new Failure('redirect', current, { status, location: target.href }));
            if (redirects >= MAX_REDIRECTS) return fail(new Failure('redirect', current, { status, location: target.href, tooMany: true }));
            return get(target, redirects + 1);
          }
          if (status < 200 || status >= 300) {
            response.resume();
            return fail(new Failure('http', current, { status }));
          }
          const length = Number(response.headers['content-length']);
          if (Number.isFinite(length) && length > this.maxBytes) return fail(new Failure('too-large', current));
          this.read(response, current, succeed, fail);
        });
      };
      get(new URL(start), 0);
    });
  }

  private read(response: http.IncomingMessage, url: string, succeed: (body: Buffer) => void, fail: (failure: Failure) => void): void {
    let stream: Readable = response;
    const encoding = String(response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(zlib.createGunzip());
    else if (encoding === 'deflate') stream = response.pipe(zlib.createInflate());
    else if (encoding !== 'identity' && encoding !== '') return fail(new Failure('format', url, { encoding }));
    const chunks: Buffer[] = [];
    let size = 0;
    // The limit counts decompressed bytes, so a small compressed bomb is stopped as well.
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.maxBytes) {
        stream.destroy();
        return fail(new Failure('too-large', url));
      }
      chunks.push(chunk);
    });
    stream.on('end', () => succeed(Buffer.concat(chunks, size)));
    stream.on('error', (error) => fail(new Failure('network', url, { cause: error })));
    if (stream !== response) response.on('error', (error) => fail(new Failure('network', url, { cause: error })));
    // A connection closed before the body is complete is a network error, not an empty page.
    response.on('close', () => {
      if (!response.complete) fail(new Failure('network', url, { cause: new Error('connection closed before the response was complete') }));
    });
  }
}

interface FailureDetail {
  status?: number;
  location?: string;
  tooMany?: boolean;
  encoding?: string;
  cause?: unknown;
}

/** A failed attempt; it becomes a `SyncError` once retrying is over. */
class Failure {
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

  toSyncError(attempts: number, timeoutMs: number, maxBytes: number): SyncError {
    const { url } = this;
    const { status, location, cause } = this.detail;
    const tries = attempts > 1 ? ` (${attempts} Versuche)` : '';
    const triesEn = attempts > 1 ? ` (${attempts} attempts)` : '';
    const make = (de: string, en: string): SyncError => new SyncError(this.kind, url, de, en, { ...(status === undefined ? {} : { status }), cause });
    switch (this.kind) {
      case 'http':
        if (status !== undefined && (status >= 500 || status === 429)) {
          return make(
            `Der OParl-Server antwortete auf ${url} mit HTTP ${status}${tries}. Später erneut versuchen; ${KEEP}`,
            `The OParl server answered ${url} with HTTP ${status}${triesEn}. Try again later; ${KEEP_EN}`,
          );
        }
        return make(
          `Der OParl-Server antwortete auf ${url} mit HTTP ${status ?? '?'}. Die System-URL prüfen; ist sie richtig, dem Betreiber des Servers melden. ${capital(KEEP)}`,
          `The OParl server answered ${url} with HTTP ${status ?? '?'}. Check the System URL; if it is right, tell the server's operator. ${capital(KEEP_EN)}`,
        );
      case 'network': {
        const reason = describeCause(cause);
        return make(
          `Keine Verbindung zum OParl-Server bei ${url}${tries}: ${reason}. Netzverbindung und System-URL prüfen und später erneut versuchen; ${KEEP}`,
          `Could not reach the OParl server at ${url}${triesEn}: ${reason}. Check the network connection and the System URL and try again later; ${KEEP_EN}`,
        );
      }
      case 'timeout':
        return make(
          `Der OParl-Server hat auf ${url} nicht innerhalb von ${seconds(timeoutMs)} vollständig geantwortet${tries}. Später erneut versuchen oder ein längeres Zeitlimit wählen; ${KEEP}`,
          `The OParl server did not answer ${url} completely within ${seconds(timeoutMs)}${triesEn}. Try again later or allow more time; ${KEEP_EN}`,
        );
      case 'too-large':
        return make(
          `Die Antwort von ${url} ist größer als ${megabytes(maxBytes)}; das Lesen wurde abgebrochen. Die System-URL prüfen oder eine höhere Grenze wählen; ${KEEP}`,
          `The response from ${url} is larger than ${megabytes(maxBytes)}; reading it was stopped. Check the System URL or allow larger responses; ${KEEP_EN}`,
        );
      case 'redirect':
        if (this.detail.tooMany) {
          return make(
            `${url} leitet mehr als ${MAX_REDIRECTS}-mal weiter (zuletzt auf ${location ?? '?'}). Die System-URL prüfen und die Adresse nehmen, bei der die Weiterleitungen enden; ${KEEP}`,
            `${url} redirects more than ${MAX_REDIRECTS} times (last to ${location ?? '?'}). Check the System URL and use the address the redirects end at; ${KEEP_EN}`,
          );
        }
        return make(
          `${url} leitet auf eine Adresse weiter, die nicht mit http: oder https: beginnt (${location ?? '?'}); ihr wird nicht gefolgt. Die System-URL prüfen; ${KEEP}`,
          `${url} redirects to an address that is not http: or https: (${location ?? '?'}); it is not followed. Check the System URL; ${KEEP_EN}`,
        );
      case 'format':
        return make(
          `Die Antwort von ${url} ist in einer unbekannten Kodierung komprimiert (${this.detail.encoding ?? '?'}). Dem Betreiber des OParl-Servers melden; ${KEEP}`,
          `The response from ${url} is compressed with an unknown encoding (${this.detail.encoding ?? '?'}). Tell the OParl server's operator; ${KEEP_EN}`,
        );
      case 'aborted':
        return cancelled(url);
      default:
        return make(`Die Synchronisierung ist bei ${url} gescheitert; ${KEEP}`, `The sync failed at ${url}; ${KEEP_EN}`);
    }
  }
}

function parseJson(bytes: Buffer, url: string): unknown {
  try {
    // TextDecoder drops a byte order mark, which JSON.parse would reject.
    return JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SyncError(
      'json',
      url,
      `Die Antwort von ${url} ist kein gültiges JSON (${reason}). Die System-URL prüfen: sie muss auf die OParl-Schnittstelle zeigen, nicht auf eine Webseite; ${KEEP}`,
      `The response from ${url} is not valid JSON (${reason}). Check the System URL: it must point to the OParl interface, not to a web page; ${KEEP_EN}`,
      { cause: error },
    );
  }
}

/** `value` resolved against `base`, as an http(s) URL; anything else fails the sync. */
function httpUrl(value: string, base: string, what: string, whatEn: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value, base);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SyncError(
      'url',
      value,
      `Die Adresse „${value}“ (${what}) ist keine http- oder https-URL; ihr wird nicht gefolgt. Die System-URL prüfen; ${KEEP}`,
      `The address "${value}" (${whatEn}) is not an http or https URL; it is not followed. Check the System URL; ${KEEP_EN}`,
    );
  }
  return url.href;
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
  return new SyncError('aborted', url, `Die Synchronisierung wurde abgebrochen (bei ${url}); ${KEEP}`, `The sync was cancelled (at ${url}); ${KEEP_EN}`);
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return String(cause);
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${bytes} Bytes`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
