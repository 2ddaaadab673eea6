import path from 'node:path';
import { render } from '../base/locale.js';
import { EXPORT_COMMAND_MESSAGES, EXPORT_MESSAGES, EXPORT_WARNINGS } from '../node/export-messages.js';
import type { ExportAnswer, ExportCommandArguments } from '../protocol/index.js';
import { pathToUri, type ServerContext } from './context.js';
import { filePath } from './settings.js';

/**
 * The export's machinery (the DOCX library and templates), loaded on the first export: in the
 * bundle, a module evaluated when first imported, so a server that never exports does not
 * hold it (about 10 MiB).
 */
const exporter = () => import('../node/export.js');

/**
 * `ratsfeder.export`: exports a draft (the editor's buffer if it is open) beside it or to
 * `out`, judged as `ratsfeder check` judges it. An untrusted workspace's letterhead is not used,
 * and the answer says so. With `check`, only judges it and writes nothing: the editor asks
 * before its save dialog, so that a draft with errors is refused before the user picks a file.
 */
export async function exportCommand(context: ServerContext, argument: unknown): Promise<ExportAnswer> {
  const { uri, out, force, overwrite, tracked, check } = (argument ?? {}) as Partial<Record<keyof ExportCommandArguments, unknown>>;
  const draft = typeof uri === 'string' ? filePath(uri) : undefined;
  if (!draft || typeof uri !== 'string') return { ok: false, message: render(EXPORT_COMMAND_MESSAGES, context.locale, 'no-draft') };
  const options = await context.settings.optionsFor(uri);
  const project = context.settings.projects.of(draft);
  const configured = project.template ?? (project.root ? await context.settings.letterheadFrom(uri, project.root) : undefined);
  const template = context.trusted ? configured : undefined;
  const store = context.register.store;
  const open = context.documents.get(uri);
  const { exportDraft } = await exporter();
  // A large draft is parsed on the server's parse thread, so that other documents' requests do
  // not wait; an open draft's parse is the one its diagnostics have (kept per version), not a second.
  const thread = context.parses.thread;
  const parser = thread && {
    parse: async (text: string) => {
      const input = open ? await context.parses.input(context.documents, uri) : undefined;
      return input?.text === text && input.parsed ? input.parsed : thread.parse(text);
    },
  };
  const outcome = await exportDraft({
    draft,
    // A relative target is taken relative to the draft's folder, as the user sees it.
    ...(typeof out === 'string' && out !== '' ? { out: path.resolve(path.dirname(draft), out.startsWith('file:') ? (filePath(out) ?? out) : out) } : {}),
    force: force === true,
    overwrite: overwrite === true,
    ...(tracked === true ? { amendments: 'tracked' as const } : {}),
    project,
    ...(template ? { template } : {}),
    today: options.today,
    locale: options.locale,
    ...(store ? { store } : {}),
    ...(open ? { text: open.getText() } : {}),
    checkOnly: check === true,
    surface: context.editorCommands ? 'editor' : 'cli',
    ...(parser ? { parser } : {}),
  });
  if (outcome.ok && check === true) return { ok: true, checked: true, file: outcome.file, uri: pathToUri(outcome.file) };
  if (outcome.ok) {
    const notices = [
      ...(configured && !context.trusted ? [render(EXPORT_COMMAND_MESSAGES, context.locale, 'letterhead-untrusted', { file: configured })] : []),
      ...(outcome.warnings ?? []).map((warning) => render(EXPORT_WARNINGS, options.locale, warning.kind, { ...warning.data, draft: path.basename(draft) })),
    ];
    const notice = notices.length > 0 ? notices.join(' ') : undefined;
    return { ok: true, file: outcome.file, uri: pathToUri(outcome.file), ...(notice ? { notice } : {}) };
  }
  return {
    ok: false,
    kind: outcome.kind,
    // The client shows the message as it comes, so it is rendered here, in the draft's language.
    // In the editor's words: the draft by its name, the buttons instead of the CLI's options.
    message: render(EXPORT_MESSAGES, options.locale, outcome.kind, {
      ...outcome.data,
      ...(outcome.kind === 'errors' || outcome.kind === 'not-a-draft' || outcome.kind === 'not-readable' || outcome.kind === 'missing' ? { draft: path.basename(draft) } : {}),
      ...(outcome.kind === 'overwrite' ? { target: path.basename(String(outcome.data.target)) } : {}),
      editor: context.editorCommands ? 1 : 0,
    }),
    findings: (outcome.findings ?? []).map((finding) => ({ line: finding.start.line, column: finding.start.column, ruleId: finding.ruleId, message: finding.message })),
  };
}
