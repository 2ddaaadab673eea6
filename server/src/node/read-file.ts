import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Why a file was not read: it is not there; it is not a regular file (a folder, a FIFO, a
 * device such as /dev/zero or /dev/stdin, a socket); it is larger than the caller reads; or the
 * system refused (`code`, `detail`).
 */
export type ReadProblem =
  | { readonly problem: 'missing' }
  | { readonly problem: 'not-a-file' }
  | { readonly problem: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly problem: 'unreadable'; readonly code: string; readonly detail: string };

export { MAX_CACHE_BYTES, MAX_CONFIG_BYTES, MAX_DRAFT_BYTES, MAX_REGISTER_FILE_BYTES, MAX_TEMPLATE_BYTES } from '../base/limits.js';

/**
 * Reads a regular file of at most `limit` bytes; anything else is refused before a byte is
 * read. The file is opened without blocking (a FIFO would wait for a writer), checked on the
 * open descriptor (so that what is checked is what is read, whatever a symlink points to), and
 * read up to the limit at most, even if it grows meanwhile.
 */
export function readRegularFile(file: string, limit: number): { readonly bytes: Buffer } | ReadProblem {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing' };
    // A socket or a device without a reader cannot even be opened; a folder on Windows neither.
    if (code === 'ENXIO' || code === 'EISDIR' || code === 'EOPNOTSUPP') return { problem: 'not-a-file' };
    return { problem: 'unreadable', code, detail: error instanceof Error ? error.message : String(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: 'not-a-file' };
    if (stat.size > limit) return { problem: 'too-large', size: stat.size, limit };
    // Read into one buffer of the size the check saw (a large cache is then never copied), and
    // on in pieces up to one byte past the limit: a file may grow after the check.
    const first = Buffer.allocUnsafe(Math.min(stat.size, limit) + 1);
    let length = 0;
    while (length < first.length) {
      const read = readSync(fd, first, length, first.length - length, null);
      if (read === 0) return { bytes: first.subarray(0, length) };
      length += read;
    }
    if (length > limit) return { problem: 'too-large', size: length, limit };
    const chunks: Buffer[] = [first];
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - length));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (length > limit) return { problem: 'too-large', size: length, limit };
    }
    return { bytes: Buffer.concat(chunks, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EISDIR') return { problem: 'not-a-file' };
    return { problem: 'unreadable', code, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    closeSync(fd);
  }
}

/** `readRegularFile` as UTF-8 text. */
export function readRegularText(file: string, limit: number): { readonly text: string } | ReadProblem {
  const read = readRegularFile(file, limit);
  return 'bytes' in read ? { text: read.bytes.toString('utf8') } : read;
}
