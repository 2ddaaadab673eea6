import type { spawn as Spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Failure } from '../base/locale.js';
import { WriteFailure, writeFileAtomic } from './atomic.js';
import { readRegularFile } from './read-file.js';

/** Why no PDF was made: no LibreOffice, LibreOffice failed or took too long, or the PDF could not be written. */
export type PdfFailureKind = 'no-libreoffice' | 'failed' | 'timeout' | 'write';

export type PdfOutcome = { readonly ok: true; readonly file: string } | ({ readonly ok: false } & Failure<PdfFailureKind>);

/** LibreOffice's PDF export as PDF/A-2b, the archival form councils ask for. */
const PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}';
/** LibreOffice starts in seconds and converts a motion in about one more. */
const TIMEOUT_MS = 120_000;
/** The largest PDF taken from LibreOffice. */
const MAX_PDF_BYTES = 256 * 1024 * 1024;

/** LibreOffice's `soffice`: `RATSFEDER_SOFFICE`, else the first of `soffice` and `libreoffice` on the PATH. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.RATSFEDER_SOFFICE) return executable(env.RATSFEDER_SOFFICE) ? env.RATSFEDER_SOFFICE : undefined;
  for (const folder of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = path.join(folder, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts an exported DOCX to PDF/A with LibreOffice, in a profile and folder of its own (a
 * LibreOffice the user has open is not disturbed), and writes the PDF atomically to `target`.
 */
export async function convertToPdf(docx: string, target: string, env: NodeJS.ProcessEnv = process.env): Promise<PdfOutcome> {
  const soffice = findSoffice(env);
  if (!soffice) return { ok: false, kind: 'no-libreoffice', data: { docx } };
  const work = mkdtempSync(path.join(tmpdir(), 'ratsfeder-pdf-'));
  try {
    const args = ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(work, 'profil')}`, '--convert-to', PDF_A, '--outdir', work, docx];
    const result = await run(soffice, args);
    if (result === 'timeout') return { ok: false, kind: 'timeout', data: { docx, seconds: TIMEOUT_MS / 1000 } };
    const made = path.join(work, `${path.basename(docx, path.extname(docx))}.pdf`);
    const read = readRegularFile(made, MAX_PDF_BYTES);
    if (!('bytes' in read)) return { ok: false, kind: 'failed', data: { docx, detail: result.output.trim().split('\n').pop() ?? '' } };
    try {
      writeFileAtomic(target, read.bytes, { createDir: false });
    } catch (error) {
      const failure = error instanceof WriteFailure ? error : new WriteFailure('write', undefined, error);
      return { ok: false, kind: 'write', data: { target, code: failure.code ?? '', detail: failure.cause instanceof Error ? failure.cause.message : String(failure.cause) } };
    }
    return { ok: true, file: target };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** child_process, loaded when LibreOffice is started: an export to DOCX never needs it. */
const nodeRequire = createRequire(import.meta.url);

function run(command: string, args: readonly string[]): Promise<{ readonly output: string } | 'timeout'> {
  const spawn = (nodeRequire('node:child_process') as { spawn: typeof Spawn }).spawn;
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < 64 * 1024) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('timeout');
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ output: error.message });
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ output });
    });
  });
}
