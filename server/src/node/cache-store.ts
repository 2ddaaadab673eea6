import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCache, serializeCache } from '../register/cache.js';
import type { OparlCache } from '../register/types.js';

/**
 * The OParl cache on disk: where it lives, reading it without ever damaging it, and replacing
 * it atomically so that a crash, a full disk or a second process never leaves half a file.
 */

export const CACHE_FILE = 'oparl-register.json';

/**
 * The user's cache directory for Ratsfeder: `$XDG_CACHE_HOME/ratsfeder` where that is set
 * (an absolute path, as the XDG spec demands), else the platform's convention. The parameters
 * exist for tests; callers use the defaults.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && paths.isAbsolute(xdg)) return paths.join(xdg, 'ratsfeder');
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA && paths.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : paths.join(home, 'AppData', 'Local');
    return paths.join(local, 'ratsfeder', 'Cache');
  }
  if (platform === 'darwin') return paths.join(home, 'Library', 'Caches', 'ratsfeder');
  return paths.join(home, '.cache', 'ratsfeder');
}

export function cacheFile(dir: string): string {
  return path.join(dir, CACHE_FILE);
}

export interface LoadedCache {
  readonly cache?: OparlCache;
  /** Why an existing file could not be used, in German. The file is left as it is. */
  readonly problem?: string;
  readonly problemEn?: string;
}

/** Reads the cache. A missing file is no problem (nothing synced yet); nothing here writes. */
export function loadCache(file: string): LoadedCache {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return {};
    return {
      problem: `Der OParl-Cache ${file} kann nicht gelesen werden (${reasonDe(code, error)}). Die Zugriffsrechte der Datei prüfen; bis dahin gilt das Register ohne OParl-Daten. Eine neue Synchronisierung ersetzt die Datei, wenn sie geschrieben werden darf.`,
      problemEn: `The OParl cache ${file} cannot be read (${reasonEn(code, error)}). Check the file's permissions; until then the register has no OParl data. A new sync replaces the file if it may be written.`,
    };
  }
  const cache = parseCache(text);
  if (!cache) {
    return {
      problem: `Der OParl-Cache ${file} ist beschädigt oder stammt aus einer anderen Ratsfeder-Version und wird nicht verwendet. Die Datei bleibt unverändert; eine neue Synchronisierung ersetzt sie durch einen vollständigen Abgleich.`,
      problemEn: `The OParl cache ${file} is damaged or was written by another Ratsfeder version and is not used. The file is left unchanged; a new sync replaces it with a full one.`,
    };
  }
  return { cache };
}

/**
 * Replaces the cache file atomically: the text goes to a uniquely named temporary file in the
 * same directory (a rename is only atomic within one file system), is flushed to disk, and
 * is then renamed over the old file. Readers see the old cache or the new one, never a mix.
 */
export function saveCache(file: string, cache: OparlCache): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let step: 'mkdir' | 'write' | 'rename' = 'mkdir';
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    step = 'write';
    fd = openSync(temp, 'wx');
    const bytes = Buffer.from(serializeCache(cache), 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    step = 'rename';
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // The write already failed; that error is the one to report.
      }
    }
    try {
      // `force` ignores a temp file that was never created (the failure came before it).
      rmSync(temp, { force: true });
    } catch {
      // Removing it failed too (the directory is not writable); the first error says why.
    }
    const code = errorCode(error);
    const where = step === 'mkdir' ? `der Ordner ${dir} lässt sich nicht anlegen` : step === 'write' ? `in ${dir} lässt sich nicht schreiben` : `die neue Datei lässt sich nicht an ihre Stelle setzen`;
    throw new Error(
      `Der OParl-Cache ${file} konnte nicht gespeichert werden: ${where} (${reasonDe(code, error)}). ${adviceDe(code, dir)} Der bisherige Cache ist unverändert.`,
      { cause: error },
    );
  }
  syncDirectory(dir);
}

/**
 * Flushes the directory entry of the rename, so the new file survives a power cut. Not every
 * platform can open a directory (Windows cannot), and the file is already in place, so a
 * failure here is not reported.
 */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // See above: durability of the rename is best effort.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}

function reasonDe(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${code}: keine Berechtigung`;
    case 'ENOSPC':
      return 'ENOSPC: kein Speicherplatz mehr frei';
    case 'EDQUOT':
      return 'EDQUOT: Speicherkontingent erschöpft';
    case 'EROFS':
      return 'EROFS: das Dateisystem ist schreibgeschützt';
    case 'ENOTDIR':
    case 'EEXIST':
      return `${code}: ein Teil des Pfads ist eine Datei, kein Ordner`;
    case 'EISDIR':
      return 'EISDIR: an der Stelle der Datei steht ein Ordner';
    case 'EBUSY':
      return 'EBUSY: die Datei ist von einem anderen Programm belegt';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function reasonEn(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${code}: permission denied`;
    case 'EISDIR':
      return 'EISDIR: it is a directory';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function adviceDe(code: string | undefined, dir: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Die Schreibrechte für ${dir} prüfen oder mit XDG_CACHE_HOME einen anderen Cache-Ordner wählen.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Speicherplatz freigeben und erneut synchronisieren.';
    case 'EROFS':
      return 'Mit XDG_CACHE_HOME einen Cache-Ordner auf einem beschreibbaren Laufwerk wählen.';
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return 'Den Pfad prüfen: die Datei oder den Ordner, der im Weg ist, entfernen oder einen anderen Cache-Ordner wählen.';
    case 'EBUSY':
      return 'Das andere Programm schließen und erneut synchronisieren.';
    default:
      return `Den Ordner ${dir} prüfen und erneut synchronisieren.`;
  }
}
