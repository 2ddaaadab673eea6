import path from 'node:path';
import picomatch from 'picomatch';

/**
 * The files `ignorieren:` of a `ratsfeder.yaml` leaves out: glob patterns (picomatch, with
 * dot files) relative to the config's folder. A pattern that names a folder leaves out
 * everything below it, as in `.gitignore` (`test/fixtures` is `test/fixtures/**`); files
 * outside the config's folder are never left out by it.
 */
export function ignoreMatcher(base: string, patterns: readonly string[]): (file: string) => boolean {
  const cleaned = patterns.map((pattern) => pattern.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter((pattern) => pattern !== '');
  if (cleaned.length === 0) return () => false;
  const matches = picomatch(cleaned, { dot: true });
  return (file) => {
    const relative = path.relative(base, path.resolve(file));
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const parts = relative.split(path.sep);
    // The file itself or one of the folders it lies in.
    for (let end = parts.length; end > 0; end--) if (matches(parts.slice(0, end).join('/'))) return true;
    return false;
  };
}
