import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildDocModel } from '../export/build.js';
import type { AmendmentLayout } from '../export/model.js';
import { writeDocx } from '../export/docx.js';
import type { DocModel } from '../export/model.js';
import { fillTemplate, PLACEHOLDERS } from '../export/template.js';
import { stampDocx, stampState } from '../export/stamp.js';
import type { Finding } from '../rules/types.js';
import type { Failure, Locale } from '../base/locale.js';
import { checkText } from '../service/check.js';
import { WriteFailure, writeFileAtomic } from './atomic.js';
import type { ExportFailureKind } from './export-messages.js';
import type { Project } from './project.js';
import type { RegisterStore } from './register-store.js';

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
 */
export type ExportOutcome = { readonly ok: true; readonly file: string; readonly findings?: readonly Finding[] } | ExportFailure;

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
    try {
      text = readFileSync(request.draft, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, kind: 'missing', data: { draft: request.draft } };
      return { ok: false, kind: 'read', data: { draft: request.draft, ...systemError(code, error) } };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const options = request.project.checkOptions(request.draft, { locale: request.locale, today: request.today, ...(request.store ? { store: request.store } : {}) });
  const checked = checkText(text, request.surface ? { ...options, surface: request.surface } : options);
  if (checked.draft.skip !== undefined) {
    return { ok: false, kind: 'not-a-draft', data: { draft: request.draft } };
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

  const model = buildDocModel(checked.draft, request.project.settings.profile, request.locale, request.amendments);
  let bytes: Uint8Array;
  if (request.template) {
    const filled = await fromTemplate(request.template, model);
    if (!(filled instanceof Uint8Array)) return filled;
    bytes = filled;
  } else {
    bytes = await writeDocx(model);
  }
  bytes = stampDocx(bytes);
  try {
    writeFileAtomic(target, bytes, { createDir: false });
  } catch (error) {
    const failure = error instanceof WriteFailure ? error : new WriteFailure('write', undefined, error);
    // A file Word or LibreOffice holds open: on Windows the rename over it is refused.
    const locked = failure.code === 'EBUSY' || (failure.step === 'rename' && (failure.code === 'EPERM' || failure.code === 'EACCES'));
    return { ok: false, kind: 'write', data: { target, dir: path.dirname(target), locked: locked ? 1 : 0, ...systemError(failure.code, failure.cause) } };
  }
  const despite = checked.findings.filter((finding) => finding.severity !== 'info');
  return { ok: true, file: target, ...(despite.length > 0 ? { findings: despite } : {}) };
}

/** The bytes of a file already at the target, if there is one that can be read. */
function existingTarget(target: string): Uint8Array | undefined {
  try {
    return readFileSync(target);
  } catch {
    // Nothing there (the usual case); a file that cannot be read cannot be replaced either,
    // and the write says why.
    return undefined;
  }
}

/** The filled letterhead, or what is wrong with the template. */
async function fromTemplate(file: string, model: DocModel): Promise<Uint8Array | ExportFailure> {
  let template: Buffer;
  try {
    template = readFileSync(file);
  } catch (error) {
    return { ok: false, kind: 'template', data: { problem: 'read', file, ...systemError((error as NodeJS.ErrnoException).code, error) } };
  }
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

/** Why the target must not be written, if it must not: the draft itself, a folder, no folder. */
function targetProblem(target: string, draft: string): ExportFailure | undefined {
  const problem = (kind: 'draft' | 'no-folder' | 'not-a-folder' | 'is-a-folder'): ExportFailure => ({ ok: false, kind: 'target', data: { problem: kind, target, dir: path.dirname(target) } });
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
  return undefined;
}
