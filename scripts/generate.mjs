// Writes the tracked files that are derived from the code (scripts/generated.ts says which):
// `npm run generate`. The tests only compare them and say to run this when they differ.
import * as esbuild from 'esbuild';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { yamlData } from './yaml-data.mjs';

const root = path.join(import.meta.dirname, '..');
const dir = await mkdtemp(path.join(tmpdir(), 'ratsfeder-generate-'));
try {
  const outfile = path.join(dir, 'generated.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'scripts', 'generated.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    plugins: [yamlData],
  });
  const { generatedFiles } = (await import(pathToFileURL(outfile).href)).default;
  const files = generatedFiles((file) => readFileSync(path.join(root, file), 'utf8'));
  for (const file of files) {
    const target = path.join(root, file.path);
    const before = await readFile(target, 'utf8').catch(() => undefined);
    if (before === file.content) continue;
    await writeFile(target, file.content);
    console.log(`written: ${file.path}`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
