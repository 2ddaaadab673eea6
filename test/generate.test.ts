import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../scripts/generated.js';
import { ROOT } from './helpers.js';

/*
 * The files derived from the code are written by `npm run generate`, never by a test: this one
 * only compares. (Golden fixtures of the rules and the export are another matter: see helpers.ts.)
 */
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

describe('generated files', () => {
  it.each(generatedFiles(read).map((file) => [file.path, file] as const))('%s is up to date', (name, file) => {
    expect(read(name), `${name} is out of date: run npm run generate`).toBe(file.content);
  });
});
