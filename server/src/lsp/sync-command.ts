import { withoutCredentials } from '../node/oparl.js';
import { loadCache } from '../node/cache-store.js';
import path from 'node:path';
import type { WorkDoneProgressReporter } from 'vscode-languageserver';
import { reportText, syncText, unfittingData, type SyncReportMessage } from '../node/sync-messages.js';
import type { MessageData } from '../base/locale.js';
import type { SyncAnswer } from '../protocol/index.js';
import { pathToUri, shown, type ServerContext } from './context.js';

/**
 * `ratsfeder.registerSync`: syncs the OParl cache with progress, from `explicit` or the
 * project's address. A failure leaves the cache as it was and says why; an interrupted sync
 * leaves a checkpoint that the next one resumes from. Without an address it says so, unless
 * the editor (`editorSetup`) says it itself with a button to the setting.
 */
export async function syncCommand(context: ServerContext, explicit: string | undefined, progress: WorkDoneProgressReporter, signal: AbortSignal, editorSetup = false): Promise<SyncAnswer> {
  const { connection, settings, register } = context;
  const root = context.roots[0];
  await register.indexed;
  const configFile = root ? pathToUri(path.join(root, 'ratsfeder.yaml')) : undefined;
  const chosen = explicit ? { url: explicit, from: 'command' } : configFile ? await settings.oparlSystemFrom(configFile, context.trusted) : undefined;
  const { locale } = context;
  const say = (key: SyncReportMessage, data?: MessageData): string => reportText(locale, key, data);
  // An untrusted workspace's own address is not used, and not silently replaced either.
  const own = !explicit && !context.trusted && configFile ? await settings.oparlSystemFrom(configFile, true) : undefined;
  const ignored = own?.from === 'config' && chosen?.from !== 'editor' ? own.url : undefined;
  const system = chosen?.url;
  if (ignored) {
    const message = say('notTrusted', { url: withoutCredentials(ignored) });
    void connection.window.showWarningMessage(shown(message));
    return { ok: false, message };
  }
  if (!system) {
    const message = say('noSystemEditor');
    if (!editorSetup) void connection.window.showWarningMessage(shown(message));
    return { ok: false, message, reason: 'no-system' };
  }
  const current = register.store;
  const project = root ? settings.projects.at(root) : settings.projects.withoutFolder();
  // Each System URL has its own cache: what the register holds is the previous state only if it is that cache.
  const target = project.cacheFor(system);
  const previous = target && current?.cacheFile === target ? current.oparlCache() : target ? loadCache(target).cache : undefined;
  progress.begin(say('title'), undefined, withoutCredentials(system), true);
  try {
    const outcome = await project.sync({
      system,
      previous,
      signal,
      onProgress: (p) => {
        const text = say('progress', { ...p }).replace(/^[^:]*: /, '').replace(/ …$/, '');
        if (p.totalPages) progress.report(Math.min(100, Math.floor((p.pages / p.totalPages) * 100)), text);
        else progress.report(text);
      },
    });
    if (!outcome.ok) {
      const failure = syncText(outcome.failure, locale);
      const message = outcome.checkpointKept ? `${failure} ${say('checkpointKeptEditor')}` : failure;
      // A cancelled sync is the user's choice, not an error to show.
      if (signal.aborted) return { ok: false, message, cancelled: true };
      void connection.window.showErrorMessage(shown(message));
      return { ok: false, message };
    }
    const { result } = outcome;
    register.synced(outcome.file, result.cache);
    register.sendStatus();
    const problems = [
      ...result.warnings.map((warning) => syncText(warning, locale)),
      ...result.calendarProblems.map((problem) => say('calendar', { text: syncText(problem.failure, locale) })),
    ];
    // A page of broken objects gives a warning each: a few are shown, the rest go to the log.
    for (const text of problems.slice(0, 3)) void connection.window.showWarningMessage(shown(text));
    if (problems.length > 3) void connection.window.showWarningMessage(shown(say('moreWarnings', { count: problems.length - 3 })));
    for (const text of problems) connection.console.warn(text);
    const { cache: synced } = result;
    const meetings = synced.meetings?.size ?? 0;
    const organizations = synced.organizations?.size ?? 0;
    // The summary `ratsfeder register sync` prints, without the cache file.
    const message = [
      say('synced', { mode: result.resumed ? 'resumed' : result.mode, papers: synced.papers.size, changed: result.changed, deleted: result.deleted, meetings, organizations }),
      ...(result.unfitting > 0 ? [say('unfitting', unfittingData(locale, result.unfitting, result.unfittingExamples))] : []),
      ...(result.skipped > 0 ? [say('skipped', { count: result.skipped })] : []),
      ...(result.update === 'from-end' ? [say('fromEnd')] : []),
      ...(result.fullSyncDue ? [say('fullDue', result.lastFullSync ? { last: result.lastFullSync } : {})] : []),
    ].join(' ');
    return {
      ok: true,
      message,
      papers: synced.papers.size,
      meetings,
      organizations,
      changed: result.changed,
      deleted: result.deleted,
      skipped: result.skipped,
      unfitting: result.unfitting,
      unfittingExamples: result.unfittingExamples,
      warnings: problems,
      fullSyncDue: result.fullSyncDue,
    };
  } finally {
    progress.done();
  }
}
