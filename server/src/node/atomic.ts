import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Where an atomic write failed, and the system's error code. */
export class WriteFailure extends Error {
  constructor(
    readonly step: 'mkdir' | 'target' | 'write' | 'rename',
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`${step}: ${code ?? (cause instanceof Error ? cause.message : String(cause))}`, { cause });
  }
}

/**
 * Replaces `file` atomically: the bytes (or text, in pieces) go to a uniquely named temporary file in the same
 * directory (a rename is only atomic within one file system), are flushed to disk, and the
 * temporary file is renamed over the target. Readers see the old file or the new one, never
 * a mix; on failure the temporary file is removed and the old file is untouched.
 */
export function writeFileAtomic(file: string, bytes: Uint8Array | Iterable<string>, options: { readonly createDir: boolean }): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let step: WriteFailure['step'] = 'mkdir';
  let fd: number | undefined;
  try {
    if (options.createDir) mkdirSync(dir, { recursive: true });
    step = 'write';
    fd = openSync(temp, 'wx');
    // Text comes in pieces (a large cache is never one string) and is written as UTF-8.
    for (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written, chunk.length - written);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // Checked again just before the rename, which would replace whatever stands there.
    step = 'target';
    if (!replaceable(file)) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'ENOTREG' });
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
    throw new WriteFailure(step, error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined, error);
  }
  syncDirectory(dir);
}

/**
 * Whether a rename may put a new file at `file`: nothing there yet, a regular file, or a
 * symlink to a regular file or to nothing (the rename replaces the link, not what it points
 * to). Never a device (`/dev/null`), a FIFO, a socket, a folder, or a symlink to one of them
 * (`/dev/stdout`): a rename over those would replace the machine's own entries.
 */
export function replaceable(file: string): boolean {
  let entry;
  try {
    entry = lstatSync(file);
  } catch {
    return true;
  }
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(file).isFile();
  } catch {
    // A link to nothing: the rename replaces the link.
    return true;
  }
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
    // Durability of the rename is best effort.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What an error code means, in German. */
export function reasonDe(code: string | undefined, error: unknown): string {
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
    case 'ENOENT':
      return 'ENOENT: den Ordner gibt es nicht';
    case 'ENOTDIR':
    case 'EEXIST':
      return `${code}: ein Teil des Pfads ist eine Datei, kein Ordner`;
    case 'EISDIR':
      return 'EISDIR: an der Stelle der Datei steht ein Ordner';
    case 'EBUSY':
      return 'EBUSY: die Datei ist von einem anderen Programm belegt';
    case 'ENOTREG':
      return 'keine gewöhnliche Datei, sondern eine Pipe, ein Gerät oder ein Ordner';
    case 'EFBIG':
      return 'die Datei ist zu groß';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** What an error code means, in English. */
export function reasonEn(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${code}: permission denied`;
    case 'ENOSPC':
      return 'ENOSPC: no space left';
    case 'EDQUOT':
      return 'EDQUOT: disk quota exceeded';
    case 'EROFS':
      return 'EROFS: read-only file system';
    case 'ENOENT':
      return 'ENOENT: the folder does not exist';
    case 'ENOTDIR':
    case 'EEXIST':
      return `${code}: part of the path is a file, not a folder`;
    case 'EISDIR':
      return 'EISDIR: a folder stands where the file should be';
    case 'EBUSY':
      return 'EBUSY: the file is in use by another program';
    case 'ENOTREG':
      return 'not a regular file but a pipe, a device or a folder';
    case 'EFBIG':
      return 'the file is too large';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
