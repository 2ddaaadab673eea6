import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../base/locale.js';
import type { RegisterStore } from '../node/register-store.js';
import { registerFileProblemText } from '../register/files.js';

/**
 * What the register files hold that Ratsfeder does not understand, one stderr line each as
 * `ratsfeder: datei:zeile:spalte: meldung` (the file relative to `cwd`, as findings are).
 */
export function registerProblemLines(store: Pick<RegisterStore, 'problems'>, cwd: string, locale: Locale): string[] {
  return store.problems().map((problem) => {
    const file = problem.file.startsWith('file:') ? fileURLToPath(problem.file) : problem.file;
    const relative = path.relative(cwd, file);
    const shown = (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
    const place = problem.line > 0 ? `:${problem.line}${problem.column > 0 ? `:${problem.column}` : ''}` : '';
    return `ratsfeder: ${shown}${place}: ${registerFileProblemText(problem, locale)}\n`;
  });
}
