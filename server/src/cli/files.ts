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

/** Expands the CLI's path arguments: files as given, folders recursively, globs by pattern. */
export async function expandInputs(args: readonly string[], cwd: string): Promise<{ inputs: Input[]; unmatched: string[] }> {
  const seen = new Set<string>();
  const inputs: Input[] = [];
  const unmatched: string[] = [];
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
    // A folder is scanned within itself; a pattern is the user's choice of files, each once.
    const found =
      kind === 'dir'
        ? await scanFiles([MARKDOWN], path.resolve(cwd, arg), { dot: false })
        : isDynamicPattern(arg)
          ? keepInside((await glob(arg, { cwd, ignore: SCAN_IGNORE, absolute: true, followSymbolicLinks: false })).sort())
          : [];
    if (found.length === 0) unmatched.push(arg);
    for (const file of found) add(file, false);
  }
  return { inputs, unmatched };
}

function statKind(file: string): 'file' | 'dir' | 'other' | undefined {
  try {
    const stat = statSync(file);
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}
