import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildDocModel } from '../export/build.js';
import { writeDocx } from '../export/docx.js';
import type { DocModel } from '../export/model.js';
import { fillTemplate, PLACEHOLDERS } from '../export/template.js';
import type { Finding } from '../rules/types.js';
import type { Locale } from '../base/locale.js';
import { checkText } from '../service/check.js';
import { reasonDe, reasonEn, WriteFailure, writeFileAtomic } from './atomic.js';
import type { Project } from './project.js';
import type { RegisterStore } from './register-store.js';

export interface ExportRequest {
  /** The draft, an absolute path. */
  readonly draft: string;
  /** The target; default: beside the draft, `.md` replaced by `.docx`. */
  readonly out?: string;
  /** Export even with error-level findings. */
  readonly force: boolean;
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
}

export type ExportOutcome =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly kind: 'read' | 'not-a-draft' | 'errors' | 'target' | 'template' | 'write'; readonly message: string; readonly findings?: readonly Finding[] };

/**
 * Exports a draft to DOCX: checks it (error-level findings refuse the export unless forced),
 * builds the document model, writes the file atomically. Never overwrites the draft, never
 * leaves half a file, and every failure is an outcome with a message, not an exception.
 */
export async function exportDraft(request: ExportRequest): Promise<ExportOutcome> {
  const de = request.locale === 'de';
  let text = request.text;
  if (text === undefined) {
    try {
      text = readFileSync(request.draft, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, kind: 'read', message: de ? `${request.draft} ist nicht lesbar (${reasonDe(code, error)}).` : `${request.draft} cannot be read (${reasonEn(code, error)}).` };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const checked = checkText(text, request.project.checkOptions(request.draft, { locale: request.locale, today: request.today, ...(request.store ? { store: request.store } : {}) }));
  if (checked.draft.skip !== undefined) {
    return { ok: false, kind: 'not-a-draft', message: de ? `${request.draft} ist keine Vorlage (kein „art:“ im Front Matter) und wird nicht exportiert.` : `${request.draft} is not a draft (no “art:” in the front matter) and is not exported.` };
  }
  const errors = checked.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0 && !request.force) {
    const message = de
      ? `${request.draft} hat ${errors.length} ${errors.length === 1 ? 'Fehler' : 'Fehler'} und wird nicht exportiert; erst beheben oder mit --force trotzdem exportieren.`
      : `${request.draft} has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'} and is not exported; fix them first or export anyway with --force.`;
    return { ok: false, kind: 'errors', message, findings: errors };
  }

  const target = path.resolve(request.out ?? request.draft.replace(/\.(md|markdown)$/i, '') + '.docx');
  const problem = targetProblem(target, request.draft, de);
  if (problem) return { ok: false, kind: 'target', message: problem };

  const model = buildDocModel(checked.draft, request.project.settings.profile, request.locale);
  let bytes: Uint8Array;
  if (request.template) {
    const filled = await fromTemplate(request.template, model, de);
    if (typeof filled === 'string') return { ok: false, kind: 'template', message: filled };
    bytes = filled;
  } else {
    bytes = await writeDocx(model);
  }
  try {
    writeFileAtomic(target, bytes, { createDir: false });
  } catch (error) {
    const failure = error instanceof WriteFailure ? error : new WriteFailure('write', undefined, error);
    const dir = path.dirname(target);
    const locked = failure.code === 'EBUSY' || (failure.step === 'rename' && (failure.code === 'EPERM' || failure.code === 'EACCES'));
    const message = de
      ? `${target} konnte nicht geschrieben werden (${reasonDe(failure.code, failure.cause)}). ${locked ? 'Ist die Datei in Word oder LibreOffice geöffnet? Dort schließen und erneut exportieren.' : `Den Ordner ${dir} prüfen oder mit -o ein anderes Ziel wählen.`} Es wurde nichts geschrieben.`
      : `${target} could not be written (${reasonEn(failure.code, failure.cause)}). ${locked ? 'Is the file open in Word or LibreOffice? Close it there and export again.' : `Check the folder ${dir} or choose another target with -o.`} Nothing was written.`;
    return { ok: false, kind: 'write', message };
  }
  return { ok: true, file: target };
}

/** The filled letterhead, or a message that says what is wrong with the template. */
async function fromTemplate(file: string, model: DocModel, de: boolean): Promise<Uint8Array | string> {
  let template: Buffer;
  try {
    template = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return de ? `Die Briefkopf-Vorlage ${file} ist nicht lesbar (${reasonDe(code, error)}).` : `The letterhead template ${file} cannot be read (${reasonEn(code, error)}).`;
  }
  const result = await fillTemplate(template, model);
  if (result.ok) return result.bytes;
  const known = PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');
  const lines = result.problems.map((problem) => {
    if (problem.kind === 'unreadable') return de ? `keine lesbare .docx-Datei (${problem.detail})` : `not a readable .docx file (${problem.detail})`;
    if (problem.kind === 'missing') return de ? 'der Platzhalter {{inhalt}} fehlt; dort kommt der Text des Entwurfs hin' : 'the placeholder {{inhalt}} is missing; the draft’s text goes there';
    return de ? `unbekannter Platzhalter {{${problem.placeholder}}}` : `unknown placeholder {{${problem.placeholder}}}`;
  });
  return de
    ? `Die Briefkopf-Vorlage ${file} ist so nicht verwendbar: ${lines.join('; ')}. Erlaubt sind ${known}. Es wurde nichts geschrieben.`
    : `The letterhead template ${file} cannot be used: ${lines.join('; ')}. Allowed are ${known}. Nothing was written.`;
}

/** Why the target must not be written, if it must not: the draft itself, a folder, no folder. */
function targetProblem(target: string, draft: string, de: boolean): string | undefined {
  const same = (a: string, b: string) => {
    try {
      return realpathSync(a) === realpathSync(b);
    } catch {
      return path.resolve(a) === path.resolve(b);
    }
  };
  // Windows drops trailing dots and blanks from a name: `antrag.md.` would be the draft there.
  if (same(target, draft) || /\.(md|markdown)[. ]*$/i.test(target)) {
    return de ? `Das Ziel ${target} ist ein Markdown-Entwurf; der Export überschreibt nie einen Entwurf. Ein Ziel mit der Endung .docx wählen.` : `The target ${target} is a Markdown draft; the export never overwrites a draft. Choose a target ending in .docx.`;
  }
  let dir;
  try {
    dir = statSync(path.dirname(target));
  } catch {
    return de ? `Den Zielordner ${path.dirname(target)} gibt es nicht; bitte anlegen oder mit -o ein anderes Ziel wählen.` : `The target folder ${path.dirname(target)} does not exist; create it or choose another target with -o.`;
  }
  if (!dir.isDirectory()) return de ? `${path.dirname(target)} ist kein Ordner.` : `${path.dirname(target)} is not a folder.`;
  try {
    if (statSync(target).isDirectory()) return de ? `${target} ist ein Ordner; bitte einen Dateinamen angeben.` : `${target} is a folder; please give a file name.`;
  } catch {
    // No file there yet: the usual case.
  }
  return undefined;
}
