import { withoutCredentials } from '../node/oparl.js';
import { MAX_DRAFT_BYTES, readRegularText } from '../node/read-file.js';
import { jsonText, visible } from './terminal.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyse } from '../analysis/analyse.js';
import type { Parsed } from '../analysis/model.js';
import { ParseThread, THREAD_FROM_CHARS } from '../node/parse-thread.js';
import { checkpointFile, defaultCacheDir, normaliseSystemUrl } from '../node/cache-store.js';
import { reportText, syncText, unfittingData } from '../node/sync-messages.js';
import { documentTextMessage } from '../node/document-text-messages.js';
import { DocumentTextError } from '../node/document-texts.js';
import { Projects, type Project } from '../node/project.js';
import type { RegisterStore } from '../node/register-store.js';
import type { Profile } from '../profile/types.js';
import { canonicalNumber } from '../register/files.js';
import { entryFields } from '../register/cache.js';
import { registerProblemLines } from './register-problems.js';
import { draftExclusions, draftQuery, synonymGroups } from '../register/similar.js';
import { isHttpUrl, type OparlCache, type RegisterEntry, type SimilarQuery } from '../register/types.js';
import type { Locale } from '../base/locale.js';
import { parseCommand, printConfigProblems } from './args.js';
import { REGISTER_HELP, registerTexts } from './messages.js';

/**
 * `ratsfeder register sync|show|search|similar`. The register is the one the editor sees: the drafts
 * and register files under the project (the folder of the nearest ratsfeder.yaml, else the
 * working directory) and the OParl cache.
 */
export async function registerCommand(args: readonly string[], lang: Locale): Promise<number> {
  const say = registerTexts(lang);
  const parsed = parseCommand(
    args,
    {
      oparl: { type: 'string' },
      cache: { type: 'string' },
      full: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      limit: { type: 'string', default: '20' },
      lang: { type: 'string' },
    },
    REGISTER_HELP[lang],
    lang,
    say.badOption,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (action === undefined) {
    process.stdout.write(REGISTER_HELP[lang]);
    return 2;
  }
  const format = values.format;
  const limit = Number(values.limit);
  if ((format !== 'text' && format !== 'json') || !Number.isInteger(limit) || limit < 1) {
    process.stderr.write(`ratsfeder: ${say.badOption(`--format ${format} --limit ${values.limit}`)}\n`);
    return 2;
  }

  const cwd = process.cwd();
  const project = new Projects({ cacheDir: values.cache ? path.resolve(values.cache) : defaultCacheDir(), locale: lang }).at(cwd);
  const settings = project.settings;
  if (settings.problems.length > 0) return printConfigProblems(settings.problems, cwd, lang);
  const compiled = project.compiled;
  // The command line, then ratsfeder.yaml, then the council's own interface from its profile:
  // the address a sync fetches from, and whose cache every action reads.
  const system = values.oparl ?? project.oparlSystem({ trusted: true })?.url;
  // The OParl cache alone for a sync; with the project's drafts and register files for the rest.
  const open = async (scope: 'cache' | 'all'): Promise<RegisterStore> => {
    const store = await project.register(scope, { system: system ?? null });
    if (store.cacheProblem) process.stderr.write(`ratsfeder: ${visible(syncText(store.cacheProblem, lang))}\n`);
    for (const line of registerProblemLines(store, cwd, lang)) process.stderr.write(line);
    return store;
  };

  /** How an empty register fills: the project's folder for register files, the OParl address a sync would use. */
  const emptyRegister = () => say.empty(project.root ?? cwd, system === undefined ? undefined : withoutCredentials(system));

  switch (action) {
    case 'sync': {
      if (!system || !isHttpUrl(system)) {
        process.stderr.write(`ratsfeder: ${visible(system ? say.badUrl(withoutCredentials(system)) : say.noSystem)}\n`);
        return 2;
      }
      const code = await sync(project, system, await open('cache'), say, values.full === true);
      // A cache is the project's only when its System URL is: `check` and the editor read that one.
      const own = project.oparlSystem({ trusted: true })?.url;
      if (code === 0 && (own === undefined || normaliseSystemUrl(own) !== normaliseSystemUrl(system))) {
        process.stderr.write(`ratsfeder: ${visible(say.otherSystem(withoutCredentials(system), own === undefined ? undefined : withoutCredentials(own)))}\n`);
      }
      return code;
    }
    case 'show':
    case 'search': {
      const store = await open('all');
      const register = store.register();
      const wanted = rest.join(' ').trim();
      if (action === 'show' && wanted === '') {
        process.stderr.write(`ratsfeder: ${say.showNeedsNumber}\n`);
        if (register.size === 0) process.stderr.write(`${emptyRegister()}\n`);
        return 2;
      }
      // An empty register answers nothing: say how to fill it instead of „Nichts gefunden“.
      if (register.size === 0) {
        process.stderr.write(`${emptyRegister()}\n`);
        // A program reading JSON still gets the empty list it asked for.
        if (format === 'json' && action === 'search') process.stdout.write('[]\n');
        return 1;
      }
      if (action === 'show') {
        const nummer = canonicalNumber(wanted, compiled.scanner);
        // A reference that fits no number scheme is registered as the council writes it.
        const entry = (nummer ? register.get(nummer) : undefined) ?? register.get(wanted.replace(/\s+/g, ' '));
        if (!entry) {
          process.stderr.write(`ratsfeder: ${visible(nummer ? say.notFound(nummer) : say.notANumber(wanted))}\n`);
          return 1;
        }
        process.stdout.write(format === 'json' ? jsonText(entry) : describe(entry, say, store.oparlCache()));
        return 0;
      }
      const found = register.search(rest.join(' '), limit);
      if (format === 'json') process.stdout.write(jsonText(found));
      else if (found.length === 0) process.stdout.write(`${say.nothing}\n`);
      else process.stdout.write(found.map((entry) => `${visible(entry.nummer)}  ${visible(entry.datum ?? '          ')}  ${visible(entry.titel)}${entry.art ? `  (${visible(entry.art)})` : ''}\n`).join(''));
      return found.length > 0 ? 0 : 1;
    }
    case 'similar': {
      const wanted = rest.join(' ').trim();
      const asked = await similarQuery(rest, cwd, settings.profile);
      if (typeof asked === 'string') {
        const why = { missing: say.missing, unreadable: say.unreadable, 'too-slow': say.tooSlow, 'no-title': say.noTitle }[asked];
        process.stderr.write(`ratsfeder: ${visible(why(wanted))}\n`);
        return 2;
      }
      const store = await open('all');
      if (store.register().size === 0) {
        process.stderr.write(`${emptyRegister()}\n`);
        if (format === 'json') process.stdout.write('[]\n');
        return 1;
      }
      const synonyms = synonymGroups(settings.profile, settings.ruleOptions.synonyms);
      const found = store
        .register()
        .similar(asked.query, { limit, ...(asked.exclude ? { exclude: asked.exclude } : {}), ...(synonyms ? { synonyms } : {}) })
        .filter((match) => match.score > 0);
      if (format === 'json') process.stdout.write(jsonText(found.map(({ entry, score, shared }) => ({ score: Math.round(score * 1000) / 1000, ...(shared ? { shared } : {}), ...entryFields(entry) }))));
      else if (found.length === 0) process.stdout.write(`${say.nothing}\n`);
      else process.stdout.write(found.map(({ entry, score }) => `${String(Math.round(score * 100)).padStart(3)} %  ${visible(entry.nummer)}  ${visible(entry.datum ?? '          ')}  ${visible(entry.titel)}${entry.art ? `  (${visible(entry.art)})` : ''}\n`).join(''));
      return found.length > 0 ? 0 : 1;
    }
    case 'text': {
      const wanted = rest.join(' ').trim();
      if (wanted === '') {
        process.stderr.write(`ratsfeder: ${say.noNumber}\n`);
        return 2;
      }
      const store = await open('cache');
      const nummer = canonicalNumber(wanted, compiled.scanner);
      const entry = (nummer ? store.register().get(nummer) : undefined) ?? store.register().get(wanted.replace(/\s+/g, ' '));
      if (!entry || !store.texts) {
        process.stderr.write(`ratsfeder: ${visible(documentTextMessage({ kind: 'not-in-register', data: { nummer: nummer ?? wanted } }, lang))}\n`);
        return 1;
      }
      try {
        const fetched = await store.texts.fetch(entry);
        const beschluss = fetched.document.beschluss;
        if (format === 'json') {
          process.stdout.write(jsonText({ nummer: entry.nummer, url: fetched.url, seiten: fetched.pages, ...(beschluss ? { beschlussvorschlag: beschluss } : {}), text: fetched.document.text }));
          return 0;
        }
        process.stdout.write(`${visible(say.textFetched(entry.nummer, fetched.pages, beschluss?.punkte.length ?? 0, beschluss !== undefined))}\n`);
        if (beschluss) {
          process.stdout.write(`\n${say.beschluss}:\n`);
          if (beschluss.punkte.length === 0) process.stdout.write(`${visible(beschluss.text, { lines: true })}\n`);
          for (const punkt of beschluss.punkte) process.stdout.write(`\n${visible(say.point(punkt.nummer))}:\n${visible(punkt.text, { lines: true })}\n`);
        }
        return 0;
      } catch (error) {
        if (!(error instanceof DocumentTextError)) throw error;
        process.stderr.write(`ratsfeder: ${visible(documentTextMessage(error.failure, lang))}\n`);
        return 1;
      }
    }
    default:
      process.stderr.write(`ratsfeder: ${visible(say.unknownAction(action))}\n`);
      return 2;
  }
}

async function sync(project: Project, system: string, store: RegisterStore, say: ReturnType<typeof registerTexts>, full: boolean): Promise<number> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  const tty = process.stderr.isTTY;
  const lang = say.lang;
  const report = (key: Parameters<typeof reportText>[1], data?: Parameters<typeof reportText>[2]): string => reportText(lang, key, data);
  let lastLine = 0;
  try {
    const outcome = await project.sync({
      system,
      previous: store.oparlCache(),
      signal: abort.signal,
      full,
      onProgress: (progress) => {
        // A live line on a terminal; in logs one line per 25 pages.
        if (tty) process.stderr.write(`\r${report('progress', { ...progress })}\x1b[K`);
        else if (progress.pages - lastLine >= 25) {
          lastLine = progress.pages;
          process.stderr.write(`${report('progress', { ...progress })}\n`);
        }
      },
    });
    if (tty) process.stderr.write('\n');
    if (!outcome.ok) {
      const message = syncText(outcome.failure, lang);
      process.stderr.write(`ratsfeder: ${visible(abort.signal.aborted ? report('aborted') : message)}\n`);
      if (outcome.checkpointKept && outcome.file) process.stderr.write(`ratsfeder: ${report('checkpointKept', { file: checkpointFile(outcome.file) })}\n`);
      return abort.signal.aborted ? 130 : 1;
    }
    const { result } = outcome;
    const { cache } = result;
    process.stdout.write(
      `${report('synced', {
        mode: result.resumed ? 'resumed' : result.mode,
        papers: cache.papers.size,
        changed: result.changed,
        deleted: result.deleted,
        meetings: cache.meetings?.size ?? 0,
        organizations: cache.organizations?.size ?? 0,
        file: outcome.file,
      })}\n`,
    );
    if (result.unfitting > 0) process.stdout.write(`${visible(report('unfitting', unfittingData(lang, result.unfitting, result.unfittingExamples)))}\n`);
    if (result.skipped > 0) process.stdout.write(`${report('skipped', { count: result.skipped })}\n`);
    for (const warning of result.warnings) process.stderr.write(`ratsfeder: ${visible(report('warning', { text: syncText(warning, lang) }))}\n`);
    for (const problem of result.calendarProblems) process.stderr.write(`ratsfeder: ${visible(report('calendar', { text: syncText(problem.failure, lang) }))}\n`);
    if (result.update === 'from-end') process.stderr.write(`ratsfeder: ${report('fromEnd')}\n`);
    if (result.fullSyncDue) process.stderr.write(`ratsfeder: ${report('fullDue', result.lastFullSync ? { last: result.lastFullSync } : {})}\n`);
    // The texts that the project's amendments quote, fetched while the network is there.
    const texts = await project.fetchAmendedTexts(system, abort.signal, parseLarge);
    for (const failure of texts.failures) process.stderr.write(`ratsfeder: ${visible(documentTextMessage(failure, lang))}\n`);
    if (texts.fetched.length > 0) process.stdout.write(`${visible(say.textsFetched(texts.fetched.length, texts.fetched.join(', ')))}\n`);
    return 0;
  } finally {
    process.off('SIGINT', stop);
  }
}

/**
 * What `register similar` looks for: one Markdown file is a draft, whose title and opening
 * are the query and whose citations (and itself) are left out; anything else is words.
 */
/**
 * A large draft's parse on a parse thread of its own, within its time budget: one whose parse
 * takes too long ends as stopped after seconds instead of holding up the command.
 */
async function parseLarge(text: string): Promise<Parsed | undefined> {
  if (text.length < THREAD_FROM_CHARS) return undefined;
  const thread = ParseThread.beside(__dirname);
  if (!thread) return undefined;
  try {
    const parsed = await thread.parse(text);
    return parsed === 'superseded' ? undefined : parsed;
  } finally {
    thread.close();
  }
}

async function similarQuery(args: readonly string[], cwd: string, profile: Profile): Promise<{ query: SimilarQuery; exclude?: (entry: RegisterEntry) => boolean } | 'missing' | 'unreadable' | 'too-slow' | 'no-title'> {
  const [only] = args;
  if (args.length === 1 && only && /\.(md|markdown)$/i.test(only)) {
    const file = path.resolve(cwd, only);
    // A regular file of bounded size only (not a FIFO, not /dev/zero).
    const read = readRegularText(file, MAX_DRAFT_BYTES);
    if (!('text' in read)) return read.problem === 'missing' ? 'missing' : 'unreadable';
    const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
    const draft = analyse(text, profile, await parseLarge(text));
    if (draft.skip === 'too-slow') return 'too-slow';
    const query = draftQuery(draft);
    return query ? { query, exclude: draftExclusions(draft, pathToFileURL(file).href) } : 'no-title';
  }
  const titel = args.join(' ').trim();
  return titel === '' ? 'no-title' : { query: { titel } };
}

function describe(entry: RegisterEntry, say: ReturnType<typeof registerTexts>, cache: OparlCache | undefined): string {
  const rows: [string, string | undefined][] = [
    [say.labels.nummer, entry.asWritten ? `${entry.nummer} ${say.asWritten}` : entry.nummer],
    [say.labels.titel, entry.titel],
    [say.labels.art, entry.art],
    [say.labels.datum, entry.datum],
    [say.labels.url, entry.url],
    [say.labels.quelle, say.sources[entry.source] + (entry.origin ? ` (${entry.origin})` : '')],
  ];
  const details = entry.details;
  if (details) {
    const organization = (id: string): string => cache?.organizations?.get(id)?.name ?? id;
    for (const consultation of details.consultations ?? []) {
      const meeting = consultation.meeting ? cache?.meetings?.get(consultation.meeting) : undefined;
      const parts = [
        consultation.organizations.map(organization).join(', '),
        consultation.role,
        consultation.authoritative ? say.authoritative : undefined,
        meeting ? meeting.start.slice(0, 10) : consultation.meeting,
      ].filter((part) => part);
      rows.push([say.labels.beratung, parts.join(' · ')]);
    }
    for (const file of details.files ?? []) rows.push([say.labels.datei, `${file.name || file.url}${file.main ? ` (${say.mainFile})` : ''}${file.name ? ` ${file.url}` : ''}`]);
    for (const id of details.underDirectionOf ?? []) rows.push([say.labels.amt, organization(id)]);
    for (const related of details.related ?? []) {
      const other = cache?.papers.get(related.id);
      rows.push([say.labels.bezug, `${other ? `${other.nummer} ${other.titel}` : related.id} (${say.relations[related.relation]})`]);
    }
  }
  return rows
    .filter(([, value]) => value)
    .map(([label, value]) => `${label.padEnd(8)} ${visible(value!)}\n`)
    .join('');
}
