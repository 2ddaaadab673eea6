import { statSync } from 'node:fs';
import { MAX_DRAFT_BYTES, readRegularText } from '../node/read-file.js';
import type { DraftList, DraftSummary } from '../protocol/index.js';
import type { Service } from '../service/service.js';
import type { ServerContext } from './context.js';
import type { Parses } from './parses.js';
import { filePath } from './settings.js';

/** Drafts judged per request: beyond that the view lists them without their state. */
const MAX_JUDGED = 500;

/** What a draft on disk was judged: kept while the file and everything it is judged against stay the same. */
interface Judged {
  readonly mtimeMs: number;
  readonly size: number;
  readonly generation: number;
  readonly summary: DraftSummary | null;
}
/** Per server: what each draft on disk was judged. */
export type JudgedDrafts = Map<string, Judged>;

/**
 * The workspace's drafts with their state, for the editor's drafts view: each judged as its
 * diagnostics would be, from the open buffer where there is one, else from disk. A draft
 * read from disk leaves no analysis behind in the service; its summary is kept until the file
 * changes or `generation` does (settings, profile or register changed).
 */
export async function listDrafts(context: ServerContext, service: Service, parses: Parses, judged: JudgedDrafts, generation: number): Promise<DraftList> {
  await context.register.indexed;
  const uris = context.register.store?.draftUris() ?? [];
  const drafts: DraftSummary[] = [];
  let unjudged = 0;
  for (const uri of uris) {
    if (drafts.length >= MAX_JUDGED) {
      unjudged++;
      continue;
    }
    const buffer = context.documents.get(uri) ? await parses.input(context.documents, uri) : undefined;
    const summary = buffer ? service.draftSummary(buffer, await context.settings.optionsFor(uri)) : await fromDisk(context, service, parses, judged, uri, generation);
    if (summary) drafts.push(summary);
  }
  const listed = new Set(uris);
  for (const uri of judged.keys()) if (!listed.has(uri)) judged.delete(uri);
  return unjudged > 0 ? { drafts, unjudged } : { drafts };
}

async function fromDisk(context: ServerContext, service: Service, parses: Parses, judged: JudgedDrafts, uri: string, generation: number): Promise<DraftSummary | null> {
  const file = readDraft(uri);
  if (!file) return null;
  const kept = judged.get(uri);
  if (kept && kept.generation === generation && kept.mtimeMs === file.mtimeMs && kept.size === file.size) return kept.summary;
  // A large draft is parsed on the parse thread, with its time budget, as an open one is.
  const summary = service.draftSummary(await parses.text(uri, file.text), await context.settings.optionsFor(uri));
  service.forget(uri);
  context.settings.forget(uri);
  judged.set(uri, { mtimeMs: file.mtimeMs, size: file.size, generation, summary });
  return summary;
}

/** A draft's text from disk: a regular file of bounded size, else nothing. */
function readDraft(uri: string): { text: string; mtimeMs: number; size: number } | undefined {
  const file = filePath(uri);
  if (!file) return undefined;
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return undefined;
  }
  const read = readRegularText(file, MAX_DRAFT_BYTES);
  return 'text' in read ? { text: read.text, mtimeMs: stat.mtimeMs, size: stat.size } : undefined;
}
