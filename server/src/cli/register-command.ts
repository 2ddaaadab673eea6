import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyse } from '../analysis/analyse.js';
import { cacheFile, defaultCacheDir, saveCache } from '../node/cache-store.js';
import { syncOparl, SyncError } from '../node/oparl.js';
import { RegisterStore } from '../node/register-store.js';
import { Workspace } from '../node/workspace.js';
import { compileProfile } from '../profile/compiled.js';
import type { Profile } from '../profile/types.js';
import { canonicalNumber } from '../register/files.js';
import { draftExclusions, draftQuery } from '../register/similar.js';
import { isHttpUrl, type RegisterEntry, type SimilarQuery } from '../register/types.js';
import type { Locale } from '../rules/types.js';
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
  const workspace = new Workspace({ locale: lang });
  const settings = workspace.settingsFor(path.join(cwd, 'ratsfeder.yaml'));
  if (settings.problems.length > 0) return printConfigProblems(settings.problems, cwd, lang);
  const root = settings.configFile ? path.dirname(settings.configFile) : cwd;
  const file = cacheFile(values.cache ? path.resolve(values.cache) : defaultCacheDir());
  const compiled = compileProfile(settings.profile);
  const store = new RegisterStore(compiled);
  store.loadCache(file);
  if (store.cacheProblem) process.stderr.write(`ratsfeder: ${store.cacheProblem}\n`);

  switch (action) {
    case 'sync': {
      const system = values.oparl ?? settings.config?.register?.oparl;
      if (!system || !isHttpUrl(system)) {
        process.stderr.write(`ratsfeder: ${system ? say.badUrl(system) : say.noSystem}\n`);
        return 2;
      }
      return sync(system, store, file, compiled.scanner, say);
    }
    case 'show':
    case 'search': {
      await store.loadFolder(root);
      if (settings.config?.register?.dateien && settings.configFile) store.addRegisterFiles(settings.config.register.dateien, root);
      for (const problem of store.problems()) process.stderr.write(`ratsfeder: ${problem.file}:${problem.line}: ${problem.message}\n`);
      const register = store.register();
      if (action === 'show') {
        const wanted = rest.join(' ').trim();
        const nummer = canonicalNumber(wanted, compiled.scanner);
        const entry = nummer ? register.get(nummer) : undefined;
        if (!entry) {
          process.stderr.write(`ratsfeder: ${nummer ? say.notFound(nummer) : say.notANumber(wanted)}\n`);
          return 1;
        }
        process.stdout.write(format === 'json' ? `${JSON.stringify(entry, null, 2)}\n` : describe(entry, say));
        return 0;
      }
      const found = register.search(rest.join(' '), limit);
      if (format === 'json') process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      else if (found.length === 0) process.stdout.write(`${say.nothing}\n`);
      else process.stdout.write(found.map((entry) => `${entry.nummer}  ${entry.datum ?? '          '}  ${entry.titel}${entry.art ? `  (${entry.art})` : ''}\n`).join(''));
      return found.length > 0 ? 0 : 1;
    }
    case 'similar': {
      const wanted = rest.join(' ').trim();
      const asked = similarQuery(rest, cwd, settings.profile);
      if (typeof asked === 'string') {
        process.stderr.write(`ratsfeder: ${asked === 'unreadable' ? say.unreadable(wanted) : say.noTitle(wanted)}\n`);
        return 2;
      }
      await store.loadFolder(root);
      if (settings.config?.register?.dateien && settings.configFile) store.addRegisterFiles(settings.config.register.dateien, root);
      for (const problem of store.problems()) process.stderr.write(`ratsfeder: ${problem.file}:${problem.line}: ${problem.message}\n`);
      const found = store.register().similar(asked.query, { limit, ...(asked.exclude ? { exclude: asked.exclude } : {}) }).filter((match) => match.score > 0);
      if (format === 'json') process.stdout.write(`${JSON.stringify(found.map(({ entry, score }) => ({ score: Math.round(score * 1000) / 1000, ...entry })), null, 2)}\n`);
      else if (found.length === 0) process.stdout.write(`${say.nothing}\n`);
      else process.stdout.write(found.map(({ entry, score }) => `${String(Math.round(score * 100)).padStart(3)} %  ${entry.nummer}  ${entry.datum ?? '          '}  ${entry.titel}${entry.art ? `  (${entry.art})` : ''}\n`).join(''));
      return found.length > 0 ? 0 : 1;
    }
    default:
      process.stderr.write(`ratsfeder: ${say.unknownAction(action)}\n`);
      return 2;
  }
}

async function sync(system: string, store: RegisterStore, file: string, scanner: Parameters<typeof syncOparl>[0]['scanner'], say: ReturnType<typeof registerTexts>): Promise<number> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  try {
    const result = await syncOparl({
      system,
      previous: store.oparlCache(),
      scanner,
      signal: abort.signal,
      onProgress: ({ pages, papers }) => {
        // A live line on a terminal; in logs one line per 25 pages.
        if (tty) process.stderr.write(`\r${say.progress(pages, papers)}`);
        else if (pages - lastLine >= 25) {
          lastLine = pages;
          process.stderr.write(`${say.progress(pages, papers)}\n`);
        }
      },
    });
    if (tty) process.stderr.write('\n');
    saveCache(file, result.cache);
    process.stdout.write(`${say.synced(result.cache.papers.size, result.changed, result.deleted, result.mode === 'incremental', file)}\n`);
    for (const problem of result.calendarProblems) {
      const text = say.lang === 'de' ? problem.message : problem.messageEn;
      process.stderr.write(`ratsfeder: ${say.lang === 'de' ? 'Sitzungskalender nicht abgeglichen' : 'meeting calendar not synced'}: ${text}\n`);
    }
    return 0;
  } catch (error) {
    if (tty) process.stderr.write('\n');
    const message = error instanceof SyncError ? (say.lang === 'de' ? error.message : error.messageEn) : error instanceof Error ? error.message : String(error);
    process.stderr.write(`ratsfeder: ${abort.signal.aborted ? say.aborted : message}\n`);
    return abort.signal.aborted ? 130 : 1;
  } finally {
    process.off('SIGINT', stop);
  }
}

/**
 * What `register similar` looks for: one Markdown file is a draft, whose title and opening
 * are the query and whose citations (and itself) are left out; anything else is words.
 */
function similarQuery(args: readonly string[], cwd: string, profile: Profile): { query: SimilarQuery; exclude?: (entry: RegisterEntry) => boolean } | 'unreadable' | 'no-title' {
  const [only] = args;
  if (args.length === 1 && only && /\.(md|markdown)$/i.test(only)) {
    const file = path.resolve(cwd, only);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return 'unreadable';
    }
    const draft = analyse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, profile);
    const query = draftQuery(draft);
    return query ? { query, exclude: draftExclusions(draft, pathToFileURL(file).href) } : 'no-title';
  }
  const titel = args.join(' ').trim();
  return titel === '' ? 'no-title' : { query: { titel } };
}

function describe(entry: RegisterEntry, say: ReturnType<typeof registerTexts>): string {
  const rows: [string, string | undefined][] = [
    [say.labels.nummer, entry.nummer],
    [say.labels.titel, entry.titel],
    [say.labels.art, entry.art],
    [say.labels.datum, entry.datum],
    [say.labels.url, entry.url],
    [say.labels.quelle, say.sources[entry.source] + (entry.origin ? ` (${entry.origin})` : '')],
  ];
  return rows
    .filter(([, value]) => value)
    .map(([label, value]) => `${label.padEnd(8)} ${value}\n`)
    .join('');
}
