import { statSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

const MARKDOWN = '**/*.{md,markdown}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

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
    if (seen.has(absolute)) return;
    seen.add(absolute);
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
    const found =
      kind === 'dir'
        ? await glob(MARKDOWN, { cwd: path.resolve(cwd, arg), ignore: IGNORE, absolute: true, dot: false })
        : isDynamicPattern(arg)
          ? await glob(arg, { cwd, ignore: IGNORE, absolute: true })
          : [];
    if (found.length === 0) unmatched.push(arg);
    for (const file of found.sort()) add(file, false);
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
