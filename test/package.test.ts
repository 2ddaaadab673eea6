import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/*
 * The .vsix as users install it (built by the global setup with `vsce package`, as
 * `npm run package` does): the three bundles (client, server, PDF.js) and what they read at run time, nothing else.
 */
const VSIX = process.env.RATSFEDER_VSIX!;
/** The spelling engine (Hunspell as WebAssembly) and the German dictionary with its licence. */
const SPELLING = ['dist/hunspell-de.js', 'dist/hunspell.wasm', 'dist/woerterbuch/LICENSE-de', 'dist/woerterbuch/de.aff', 'dist/woerterbuch/de.dic'];

describe('the extension package', () => {
  it('holds the bundles, rule pages, templates and walkthrough, and no sources, maps or dev files', async () => {
    const zip = await JSZip.loadAsync(readFileSync(VSIX));
    const files = Object.keys(zip.files)
      .filter((name) => name.startsWith('extension/') && !zip.files[name]!.dir)
      .map((name) => name.slice('extension/'.length))
      .sort();
    expect(files.filter((name) => name.startsWith('dist/'))).toEqual(SPELLING.concat(['dist/client.js', 'dist/parse.js', 'dist/pdf.js', 'dist/server.js']).sort());
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
    // Under 1 MiB without PDF.js (dist/pdf.js, loaded only to read a Vorlage's PDF) and the
    // spelling engine with its dictionary, each bounded by itself: the library's compressed
    // size, no node_modules or fonts beside it.
    const compressed = async (name: string) => deflateRawSync(await zip.file(`extension/${name}`)!.async('nodebuffer')).length;
    const pdf = await compressed('dist/pdf.js');
    expect(pdf).toBeLessThan(600 * 1024);
    let spelling = 0;
    for (const name of SPELLING) spelling += await compressed(name);
    expect(spelling).toBeLessThan(1024 * 1024);
    expect(statSync(VSIX).size - pdf - spelling).toBeLessThan(1024 * 1024);
  });
});

/*
 * The command line tool as a reviewer installs it, without a registry: `npm pack` of the built
 * checkout, `npm install -g` of the tarball into a fresh prefix, the command run in a folder
 * that knows nothing of the checkout. The bundles carry every library, so the package has no
 * dependencies and the installation works offline.
 */
describe('the command line package', () => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const npm = (args: string[], cwd: string) => {
    const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...clean, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };

  it('packs the CLI alone, installs offline into a prefix and checks, exports and reads a register anywhere', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'ratsfeder-npm-'));
    // The bundles are built for production by the global setup; packing must not build them again.
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT)) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((file) => file.path).sort();
    expect(files).toEqual([
      'LICENSE',
      'README.md',
      'bin/ratsfeder.js',
      'dist/check.js',
      'dist/cli.js',
      'dist/export.js',
      'dist/hunspell-de.js',
      'dist/hunspell.wasm',
      'dist/parse.js',
      'dist/pdf.js',
      'dist/register.js',
      'dist/server.js',
      'dist/woerterbuch/LICENSE-de',
      'dist/woerterbuch/de.aff',
      'dist/woerterbuch/de.dic',
      'package.json',
      'schemas/ratsfeder.schema.json',
      'templates/aenderungsantrag.md',
      'templates/anfrage.md',
      'templates/antrag.md',
    ]);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object };
    expect(manifest.dependencies ?? {}).toEqual({});

    const prefix = path.join(tmp, 'prefix');
    npm(['install', '--global', '--offline', '--prefix', prefix, path.join(tmp, packed[0]!.filename)], tmp);
    const bin = path.join(prefix, 'bin', 'ratsfeder');
    expect(existsSync(bin)).toBe(true);

    const work = path.join(tmp, 'entwuerfe');
    mkdirSync(work);
    const ratsfeder = (...args: string[]) => spawnSync(bin, args, { cwd: work, encoding: 'utf8' });
    writeFileSync(
      path.join(work, 'radwege.antrag.md'),
      '---\nart: Antrag\ntitel: Radwege sanieren\neinreicher: Freibeuter-Fraktion\ndatum: 2025-05-14\n---\n\n## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt, die Radwege bis 2027 zu sanieren.\n\n## Begründung\n\nWie in VIII-DS-01234 dargelegt.\n',
    );
    writeFileSync(path.join(work, 'vorlagen.register.csv'), 'nummer,titel,art,datum\nVIII-DS-01234,Radverkehrsplan 2030,Vorlage,2025-03-01\n');

    const checked = ratsfeder('check', '.', '--heute', '2025-05-20');
    expect(checked.stdout).toContain('✔ 1 Entwurf geprüft, keine Befunde.');
    expect(checked.status).toBe(0);

    // The dictionary installed beside the bundles: a slip is found, with the word meant.
    writeFileSync(path.join(work, 'tippfehler.antrag.md'), '---\nart: Antrag\ntitel: Radwege sanieren\neinreicher: Freibeuter-Fraktion\ndatum: 2025-05-14\n---\n\n## Beschlussvorschlag\n\nDie Radwege werden bis 2027 saniert.\n\n## Begründung\n\nDie Strasse ist kaputt.\n');
    const spelled = ratsfeder('check', 'tippfehler.antrag.md', '--heute', '2025-05-20');
    expect(spelled.stdout).toContain('„Strasse“ steht nicht im Wörterbuch. Gemeint: „Straße“?');
    expect(spelled.stderr).toBe('');
    rmSync(path.join(work, 'tippfehler.antrag.md'));

    const exported = ratsfeder('export', 'radwege.antrag.md', '--heute', '2025-05-20');
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(readFileSync(path.join(work, 'radwege.antrag.docx')).subarray(0, 2).toString()).toBe('PK');

    const shown = ratsfeder('register', 'show', 'VIII-DS-01234');
    expect(shown.stdout).toContain('Radverkehrsplan 2030');
    expect(shown.status).toBe(0);

    const created = ratsfeder('new', 'anfrage', '--titel', 'Wie viele Radwege?');
    expect(created.status).toBe(0);
    expect(readFileSync(path.join(work, 'wie-viele-radwege.anfrage.md'), 'utf8')).toContain('titel: Wie viele Radwege?');
  }, 120_000);
});
