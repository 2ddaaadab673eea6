import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { DraftList, DraftSummary } from '../protocol/index.js';
import type { Service } from '../service/service.js';
import type { ServerContext } from './context.js';
import { filePath } from './settings.js';

/** Drafts judged per request: beyond that the view lists them without their state. */
const MAX_JUDGED = 500;
/** Larger files are not read for the view (the analysis would refuse them anyway). */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * The workspace's drafts with their state, for the editor's drafts view: each judged as its
 * diagnostics would be, from the open buffer where there is one, else from disk. A draft
 * read from disk leaves no analysis behind in the service.
 */
export async function listDrafts(context: ServerContext, service: Service): Promise<DraftList> {
  await context.register.indexed;
  const uris = context.register.store?.draftUris() ?? [];
  const drafts: DraftSummary[] = [];
  let unjudged = 0;
  for (const uri of uris) {
    if (drafts.length >= MAX_JUDGED) {
      unjudged++;
      continue;
    }
    const buffer = context.documents.get(uri);
    const text = buffer ? buffer.getText() : await readDraft(uri);
    if (text === undefined) continue;
    const options = await context.settings.optionsFor(uri);
    const summary = service.draftSummary({ uri, version: buffer ? buffer.version : -1, text }, options);
    if (!buffer) {
      service.forget(uri);
      context.settings.forget(uri);
    }
    if (summary) drafts.push(summary);
  }
  return unjudged > 0 ? { drafts, unjudged } : { drafts };
}

/** A draft's text from disk: a regular file of bounded size, else nothing. */
async function readDraft(uri: string): Promise<string | undefined> {
  const file = filePath(uri);
  if (!file) return undefined;
  let handle;
  try {
    // Opened without blocking, so that a FIFO in the workspace cannot stall the server.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    return await handle.readFile({ encoding: 'utf8' });
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
