import { readFileSync, statSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';

/*
 * The .vsix as users install it (built by the global setup with `vsce package`, as
 * `npm run package` does): the three bundles (client, server, PDF.js) and what they read at run time, nothing else.
 */
const VSIX = process.env.RATSFEDER_VSIX!;

describe('the extension package', () => {
  it('holds the bundles, rule pages, templates and walkthrough, and no sources, maps or dev files', async () => {
    const zip = await JSZip.loadAsync(readFileSync(VSIX));
    const files = Object.keys(zip.files)
      .filter((name) => name.startsWith('extension/') && !zip.files[name]!.dir)
      .map((name) => name.slice('extension/'.length))
      .sort();
    expect(files.filter((name) => name.startsWith('dist/'))).toEqual(['dist/client.js', 'dist/pdf.js', 'dist/server.js']);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'package.nls.json', 'package.nls.de.json', 'readme.md', 'LICENSE.txt']));
    // The snippets are the server's (bundled), offered only in drafts and empty files.
    expect(files.filter((name) => name.startsWith('snippets/'))).toEqual([]);
    expect(files.filter((name) => name.startsWith('templates/'))).toEqual(['templates/aenderungsantrag.md', 'templates/anfrage.md', 'templates/antrag.md']);
    expect(files.filter((name) => name.startsWith('docs/regeln/')).length).toBeGreaterThan(19);
    expect(files.filter((name) => name.startsWith('media/walkthrough/')).length).toBe(4);
    expect(files.filter((name) => /\.map$|\.ts$|^(server|client|test|bench|node_modules|examples)\/|^\.|tsconfig|eslint|vitest|esbuild/.test(name))).toEqual([]);
    // The bundles are built for production: minified, without a source map reference.
    const server = await zip.file('extension/dist/server.js')!.async('string');
    expect(server).not.toContain('sourceMappingURL');
    expect(server.length / server.split('\n').length).toBeGreaterThan(1000);
    // Under 1 MiB without PDF.js (dist/pdf.js, loaded only to read a Vorlage's PDF), which is
    // bounded by itself: the library's compressed size, no node_modules or fonts beside it.
    const pdf = deflateRawSync(await zip.file('extension/dist/pdf.js')!.async('nodebuffer')).length;
    expect(pdf).toBeLessThan(600 * 1024);
    expect(statSync(VSIX).size - pdf).toBeLessThan(1024 * 1024);
  });
});
