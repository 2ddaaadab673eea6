import { realpathSync, statSync } from 'node:fs';
import { MAX_DRAFT_BYTES, MAX_TEMPLATE_BYTES, readRegularFile, readRegularText, type ReadProblem } from './read-file.js';
import path from 'node:path';
import { buildDocModel } from '../export/build.js';
import type { Absender, AmendmentLayout } from '../export/model.js';
import { docxParts, type Letterhead } from '../export/docx.js';
import { imageSize } from 'image-size';
import type { DocModel } from '../export/model.js';
import { fillTemplate, PLACEHOLDERS } from '../export/template.js';
import { stampDocx, stampParts, stampState } from '../export/stamp.js';
import type { Finding } from '../rules/types.js';
import type { Failure, Locale, MessageData } from '../base/locale.js';
import { checkText } from '../service/check.js';
import { replaceable, WriteFailure, writeFileAtomic } from './atomic.js';
import type { ExportFailureKind, ExportWarningKind } from './export-messages.js';
import { xmlInvalid, xmlSafe } from '../export/xml-safe.js';
import type { Project } from './project.js';
import type { RegisterStore } from './register-store.js';
import { THREAD_FROM_CHARS, type ParseThread } from './parse-thread.js';

export interface ExportRequest {
  /** The draft, an absolute path. */
  readonly draft: string;
  /** The target; default: beside the draft, `.md` replaced by `.docx`. */
  readonly out?: string;
  /** Export even with error-level findings. */
  readonly force: boolean;
  /**
   * Replace a `.docx` at the target that Ratsfeder did not write or that was changed since
   * (in Word, by hand); without it only an unchanged earlier export is replaced.
   */
  readonly overwrite?: boolean;
  /** The project the draft belongs to: its check options are the ones `ratsfeder check` uses. */
  readonly project: Project;
  readonly today: string;
  readonly locale: Locale;
  /** The project's register and meeting calendar, where they are loaded. */
  readonly store?: Pick<RegisterStore, 'lookup' | 'calendarLookup'>;
  /** The draft's text when an editor holds a newer one than the disk. */
  readonly text?: string;
  /** A letterhead .docx to fill (`--template`, or `export: vorlage:` in ratsfeder.yaml). */
  readonly template?: string;
  /** Amendment blocks side by side (default) or as tracked changes (`--nachverfolgt`). */
  readonly amendments?: AmendmentLayout;
  /** Where the refusal's findings are read (`LintOptions.surface`). */
  readonly surface?: 'editor' | 'cli';
  /** Only judge the draft as the export would, and write nothing (the editor asks before its save dialog). */
  readonly checkOnly?: boolean;
  /**
   * The parse thread of large drafts (`node/parse-thread.ts`): a draft whose parse takes longer
   * than the thread's budget is refused, instead of holding up the command line or the server.
   */
  readonly parser?: Pick<ParseThread, 'parse'>;
}

/**
 * Why a draft was not exported: a kind of `EXPORT_MESSAGES` and its data, which the edge renders
 * in the user's language; the error-level findings that refused it, if that was the reason.
 */
export interface ExportFailure extends Failure<ExportFailureKind> {
  readonly ok: false;
  readonly findings?: readonly Finding[];
}

/**
 * Exported to `file`; with `checkOnly`, `file` is where it would go and nothing was written.
 * `findings` are those the export went ahead despite: warnings, and errors when forced.
 * `warnings`: what the export changed on the way (a kind of `EXPORT_WARNINGS` and its data).
 */
export type ExportOutcome =
  | { readonly ok: true; readonly file: string; readonly findings?: readonly Finding[]; readonly warnings?: readonly Failure<ExportWarningKind>[] }
  | ExportFailure;

/** A system error as failure data: its code ('' for none) and its text. */
function systemError(code: string | undefined, error: unknown): { code: string; detail: string } {
  return { code: code ?? '', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * Exports a draft to DOCX: checks it (error-level findings refuse the export unless forced),
 * builds the document model, writes the file atomically. Never overwrites the draft, never
 * leaves half a file, and every failure is an outcome (a kind and its data), not an exception.
 */
export async function exportDraft(request: ExportRequest): Promise<ExportOutcome> {
  let text = request.text;
  if (text === undefined) {
    const read = readRegularText(request.draft, MAX_DRAFT_BYTES);
    if (!('text' in read)) return readFailure(read, request.draft, 'draft');
    text = read.text;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const options = request.project.checkOptions(request.draft, { locale: request.locale, today: request.today, ...(request.store ? { store: request.store } : {}) });
  const parsed = request.parser && text.length >= THREAD_FROM_CHARS ? await request.parser.parse(text) : undefined;
  const checked = checkText(text, request.surface ? { ...options, surface: request.surface } : options, parsed === 'superseded' ? undefined : parsed);
  const skip = checked.draft.skip;
  if (skip === 'no-front-matter' || skip === 'no-art') return { ok: false, kind: 'not-a-draft', data: { draft: request.draft } };
  if (skip !== undefined) {
    // Refused before its parse, as `ratsfeder check` skips it: why, and for a text too costly to parse, where.
    const costly = checked.draft.costly;
    const where: MessageData = costly ? { construct: costly.construct, written: costly.written, count: costly.count, line: costly.line + 1 } : {};
    // A parse that failed at once (its thread could not run) was stopped after no time worth saying.
    const seconds = Math.round((checked.draft.stoppedAfterMs ?? 0) / 1000);
    const stopped: MessageData = skip === 'too-slow' && seconds > 0 ? { seconds } : {};
    return { ok: false, kind: 'not-readable', data: { draft: request.draft, reason: skip, ...where, ...stopped } };
  }
  const errors = checked.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0 && !request.force) {
    return { ok: false, kind: 'errors', data: { draft: request.draft, count: errors.length }, findings: errors };
  }

  const target = path.resolve(request.out ?? request.draft.replace(/\.(md|markdown)$/i, '') + '.docx');
  if (request.checkOnly) return { ok: true, file: target };
  const problem = targetProblem(target, request.draft);
  if (problem) return problem;
  // Never destroy work: only what an earlier export wrote, unchanged since, is replaced unasked.
  if (!request.overwrite) {
    const existing = existingTarget(target);
    if (existing !== undefined) {
      const state = stampState(existing);
      if (state !== 'unchanged') return { ok: false, kind: 'overwrite', data: { target, reason: state } };
    }
  }

  // Characters XML forbids would make the whole DOCX unreadable: left out, and the user told where.
  const exportSettings = request.project.settings.config?.export;
  const safe = xmlSafe(buildDocModel(checked.draft, request.project.settings.profile, request.locale, request.amendments, exportSettings?.links));
  const model = safe.model;
  const warnings: Failure<ExportWarningKind>[] = [];
  const invalid = safe.removed > 0 ? xmlInvalid(text) : undefined;
  if (invalid) {
    const at = checked.draft.lines.point(invalid.offset);
    warnings.push({ kind: 'invalid-characters', data: { draft: request.draft, line: at.line, column: at.column, codepoint: invalid.code, count: invalid.count } });
  }
  let bytes: Uint8Array;
  if (request.template) {
    const filled = await fromTemplate(request.template, model);
    if (!(filled instanceof Uint8Array)) return filled;
    bytes = stampDocx(filled);
  } else {
    const letterhead = exportSettings?.absender ? readLetterhead(exportSettings.absender, request.project.settings.configFile) : undefined;
    if (letterhead && 'ok' in letterhead) return letterhead;
    bytes = stampParts(await docxParts(model, letterhead ? { letterhead } : {}));
  }
  try {
    writeFileAtomic(target, bytes, { createDir: false });
  } catch (error) {
    const failure = error instanceof WriteFailure ? error : new WriteFailure('write', undefined, error);
    // A file Word or LibreOffice holds open: on Windows the rename over it is refused.
    const locked = failure.code === 'EBUSY' || (failure.step === 'rename' && (failure.code === 'EPERM' || failure.code === 'EACCES'));
    return { ok: false, kind: 'write', data: { target, dir: path.dirname(target), locked: locked ? 1 : 0, ...systemError(failure.code, failure.cause) } };
  }
  const despite = checked.findings.filter((finding) => finding.severity !== 'info');
  return { ok: true, file: target, ...(despite.length > 0 ? { findings: despite } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
}

/** The largest logo read, in bytes: a letterhead's logo is a few kilobytes. */
const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** The letterhead from `export: absender:`, its logo read (a PNG or JPEG), or why the logo cannot be used. */
function readLetterhead(absender: Absender, configFile: string | undefined): Letterhead | ExportFailure {
  if (!absender.logo) return { absender };
  const file = path.resolve(configFile ? path.dirname(configFile) : '.', absender.logo);
  const failure = (data: Record<string, string | number>): ExportFailure => ({ ok: false, kind: 'logo', data: { file, ...data } });
  const read = readRegularFile(file, MAX_LOGO_BYTES);
  if (!('bytes' in read)) return failure(read.problem === 'too-large' ? { problem: 'too-large', limit: read.limit } : read.problem === 'unreadable' ? { problem: 'unreadable', detail: read.detail } : { problem: read.problem });
  let size;
  try {
    size = imageSize(read.bytes);
  } catch {
    size = undefined;
  }
  if (!size || (size.type !== 'png' && size.type !== 'jpg') || !size.width || !size.height) return failure({ problem: 'format' });
  return { absender, logo: { data: read.bytes, type: size.type, width: size.width, height: size.height } };
}

/** The largest existing target compared with what Ratsfeder wrote: no export comes near it. */
const MAX_EXISTING_BYTES = 256 * 1024 * 1024;

/**
 * The bytes of a file already at the target, if there is one that can be read: a regular file
 * of bounded size (the target was checked to be one, or a new name).
 */
function existingTarget(target: string): Uint8Array | undefined {
  // Nothing there (the usual case); a file that cannot be read cannot be replaced either, and the write says why.
  const read = readRegularFile(target, MAX_EXISTING_BYTES);
  // A file that large is none Ratsfeder wrote: its empty stand-in reads as another program's.
  return 'bytes' in read ? read.bytes : read.problem === 'too-large' ? new Uint8Array() : undefined;
}

/** The filled letterhead, or what is wrong with the template. */
async function fromTemplate(file: string, model: DocModel): Promise<Uint8Array | ExportFailure> {
  const read = readRegularFile(file, MAX_TEMPLATE_BYTES);
  if (!('bytes' in read)) return readFailure(read, file, 'template');
  const template = read.bytes;
  const result = await fillTemplate(template, model);
  if (result.ok) return result.bytes;
  const unreadable = result.problems.find((problem) => problem.kind === 'unreadable');
  const unknown = result.problems.flatMap((problem) => (problem.kind === 'unknown' ? [problem.placeholder] : []));
  const data = {
    problem: 'unusable',
    file,
    known: PLACEHOLDERS.map((name) => `{{${name}}}`).join(', '),
    unreadable: unreadable?.detail ?? '',
    // One name a line: see `EXPORT_MESSAGES.template`.
    unknown: unknown.join('\n'),
    missing: result.problems.some((problem) => problem.kind === 'missing') ? 1 : 0,
  };
  return { ok: false, kind: 'template', data };
}

/** Why a draft or letterhead was not read, as the export's failure. */
function readFailure(read: ReadProblem, file: string, what: 'draft' | 'template'): ExportFailure {
  if (read.problem === 'not-a-file') return { ok: false, kind: 'not-a-file', data: { file, template: what === 'template' ? 1 : 0 } };
  if (read.problem === 'too-large') return { ok: false, kind: 'too-large', data: { file, limit: read.limit, template: what === 'template' ? 1 : 0 } };
  if (read.problem === 'missing' && what === 'draft') return { ok: false, kind: 'missing', data: { draft: file } };
  const error = read.problem === 'missing' ? { code: 'ENOENT', detail: '' } : { code: read.code, detail: read.detail };
  return what === 'draft' ? { ok: false, kind: 'read', data: { draft: file, ...error } } : { ok: false, kind: 'template', data: { problem: 'read', file, ...error } };
}

/** Why the target must not be written, if it must not: the draft itself, a folder, no folder. */
function targetProblem(target: string, draft: string): ExportFailure | undefined {
  const problem = (kind: 'draft' | 'no-folder' | 'not-a-folder' | 'is-a-folder' | 'not-a-file'): ExportFailure => ({ ok: false, kind: 'target', data: { problem: kind, target, dir: path.dirname(target) } });
  const same = (a: string, b: string) => {
    try {
      return realpathSync(a) === realpathSync(b);
    } catch {
      return path.resolve(a) === path.resolve(b);
    }
  };
  // Windows drops trailing dots and blanks from a name: `antrag.md.` would be the draft there.
  if (same(target, draft) || /\.(md|markdown)[. ]*$/i.test(target)) {
    return problem('draft');
  }
  let dir;
  try {
    dir = statSync(path.dirname(target));
  } catch {
    return problem('no-folder');
  }
  if (!dir.isDirectory()) return problem('not-a-folder');
  try {
    if (statSync(target).isDirectory()) return problem('is-a-folder');
  } catch {
    // No file there yet: the usual case.
  }
  // A device (`-o /dev/null`), a FIFO, `/dev/stdout`: the rename would replace the entry itself.
  if (!replaceable(target)) return problem('not-a-file');
  return undefined;
}
