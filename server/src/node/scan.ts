import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';

/** Folders no scan enters. */
export const SCAN_IGNORE = ['**/node_modules/**', '**/.git/**'];

/**
 * The files below `root` that match `patterns`, each once, sorted, and all inside `root`:
 * symlinked folders are not entered (a link to `..` would loop, a link to a folder elsewhere
 * would pull in someone else's files), a symlinked file counts only if it resolves inside
 * `root`, and two names of one file (a link beside its target) count once, by the real path,
 * under the name found first in sorted order that is not a link, else the first.
 */
export async function scanFiles(patterns: readonly string[], root: string, options: { readonly dot?: boolean } = {}): Promise<string[]> {
  const found = await glob([...patterns], { cwd: root, ignore: SCAN_IGNORE, absolute: true, followSymbolicLinks: false, ...(options.dot === undefined ? {} : { dot: options.dot }) });
  return keepInside(found.sort(), root);
}

/**
 * Whether `file` is inside one of `folders` by the rule of `scanFiles`: its real path (links
 * resolved) lies in a folder's real path. A file that cannot be resolved (gone meanwhile, a link
 * to nothing) counts as inside: reading it says what is wrong.
 */
export function resolvesInside(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => keepInside([file], folder).length > 0);
}

/**
 * `files` without those whose real path lies outside `root` (when given) or that name a file
 * already listed; the order is kept. Files that cannot be resolved (gone meanwhile, a link to
 * nothing) are kept as they are: reading them says what is wrong.
 */
export function keepInside(files: readonly string[], root?: string): string[] {
  let realRoot: string | undefined;
  if (root !== undefined) {
    try {
      realRoot = realpathSync(root);
    } catch {
      realRoot = path.resolve(root);
    }
  }
  const byReal = new Map<string, number>();
  const kept: (string | undefined)[] = [];
  // A file's real path is its folder's real path and its name, unless the file is a link: one
  // lstat per file and one realpath per folder, instead of an lstat per part of every path.
  const realFolders = new Map<string, string>();
  const realPath = (file: string): string => {
    if (lstatSync(file).isSymbolicLink()) return realpathSync(file);
    const folder = path.dirname(file);
    let realFolder = realFolders.get(folder);
    if (realFolder === undefined) {
      realFolder = realpathSync(folder);
      realFolders.set(folder, realFolder);
    }
    return path.join(realFolder, path.basename(file));
  };
  for (const file of files) {
    let real: string;
    try {
      real = realPath(file);
    } catch {
      kept.push(file);
      continue;
    }
    if (realRoot !== undefined && real !== realRoot && !real.startsWith(realRoot.endsWith(path.sep) ? realRoot : `${realRoot}${path.sep}`)) continue;
    const earlier = byReal.get(real);
    if (earlier === undefined) {
      byReal.set(real, kept.length);
      kept.push(file);
    } else if (path.resolve(file) === real && path.resolve(kept[earlier]!) !== real) {
      // The file under its own name wins over a link to it.
      kept[earlier] = file;
    }
  }
  return kept.filter((file): file is string => file !== undefined);
}
