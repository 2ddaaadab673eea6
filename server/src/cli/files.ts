import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { keepInside, scanFiles, SCAN_IGNORE } from '../node/scan.js';

const MARKDOWN = '**/*.{md,markdown}';

export interface Input {
  readonly file: string;
  /** Named on the command line itself, not found by expanding a folder or pattern. */
  readonly explicit: boolean;
}

/**
 * Expands the CLI's path arguments: files as given, folders recursively, globs by pattern.
 * What a folder or pattern finds is left out where `ignored` says so (`ignorieren:` in
 * ratsfeder.yaml), unless the folder (or the pattern's fixed start) is left out itself: what is
 * named on the command line is checked, a file as much as a folder. `allIgnored` are the
 * arguments whose every file was left out; `missing` those that name no file or folder and
 * are no pattern.
 */
export async function expandInputs(
  args: readonly string[],
  cwd: string,
  ignored: (file: string) => boolean = () => false,
): Promise<{ inputs: Input[]; unmatched: string[]; allIgnored: string[]; missing: string[] }> {
  const seen = new Set<string>();
  const inputs: Input[] = [];
  const unmatched: string[] = [];
  const allIgnored: string[] = [];
  const missing: string[] = [];
  const add = (file: string, explicit: boolean) => {
    const absolute = path.resolve(cwd, file);
    // One file under two names (a link beside its target) is checked once.
    let real = absolute;
    try {
      real = realpathSync(absolute);
    } catch {
      // Not there: reading it says so.
    }
    if (seen.has(real)) return;
    seen.add(real);
    inputs.push({ file: absolute, explicit });
  };

  for (const arg of args.length === 0 ? ['.'] : args) {
    const kind = statKind(path.resolve(cwd, arg));
    // Something that is there but no file or folder (a FIFO, a device) is taken as named, and
    // reading it says what it is.
    if (kind === 'file' || kind === 'other') {
      add(arg, true);
      continue;
    }
    if (kind === undefined && !isDynamicPattern(arg)) {
      missing.push(arg);
      continue;
    }
    // A folder is scanned within itself; a pattern is the user's choice of files, each once.
    const found =
      kind === 'dir'
        ? await scanFiles([MARKDOWN], path.resolve(cwd, arg), { dot: false })
        : isDynamicPattern(arg)
          ? keepInside((await glob(arg, { cwd, ignore: SCAN_IGNORE, absolute: true, followSymbolicLinks: false })).sort())
          : [];
    const named = kind === 'dir' ? path.resolve(cwd, arg) : path.resolve(cwd, staticStart(arg));
    const kept = ignored(named) ? found : found.filter((file) => !ignored(file));
    if (found.length === 0) unmatched.push(arg);
    else if (kept.length === 0) allIgnored.push(arg);
    for (const file of kept.sort()) add(file, false);
  }
  return { inputs, unmatched, allIgnored, missing };
}

/** The folder a glob pattern starts from: its segments before the first with a wildcard. */
function staticStart(pattern: string): string {
  const segments = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.length === 0 ? '.' : fixed.join('/');
}

function statKind(file: string): 'file' | 'dir' | 'other' | undefined {
  try {
    const stat = statSync(file);
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}
