// The text of a referenced Vorlage, fetched and read: a 20-page Vorlage PDF (made by LibreOffice
// from a DOCX laid out as a council's, test/vorlage-pdf.ts) served from 127.0.0.1, fetched
// through the sync's HTTP client, its text layer read with PDF.js (the shipped dist/pdf.js),
// the Beschlussvorschlag found and the text kept beside the cache, as `DocumentTexts.fetch`
// does it for `ratsfeder register text` and the editor. Goal: ≤ 1 s, in a fresh process (PDF.js
// loaded on first use, as a user meets it). Beside it: the same fetch again in a warm process,
// `ratsfeder register text` as a whole process, and poppler's pdftotext on the same file.
//
//   node bench/vorlage.mjs [--quick] [--rounds N] [--json FILE]
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, cleanEnv, CORPUS, figure, intOption, loadBundle, main, median, now, options, printFigures, roundRatios, ROOT, spread, writeResult } from './lib.mjs';

const require = createRequire(import.meta.url);

export const GOALS = { fetchMs: 1000 };
const PAGES = 20;
const SELF = fileURLToPath(import.meta.url);
const RATSFEDER = path.join(ROOT, 'bin', 'ratsfeder.js');
const NUMMER = 'VIII-DS-01234';

// ---------------------------------------------------------------------------------------------
// A fresh process: fetch and read once (cold), then again (warm); prints the times as JSON.

if (process.argv[2] === '--child') {
  const args = JSON.parse(process.argv[3]);
  const t0 = now();
  const mod = require(args.bundle);
  const entry = { nummer: NUMMER, titel: 'Radverkehr', source: 'oparl', details: { files: [{ name: 'Vorlage', url: args.url, main: true }] } };
  const texts = new mod.DocumentTexts(path.join(args.dir, `texte-${process.pid}`), mod.vorlageHeadings(undefined));
  const t1 = now();
  const cold = await texts.fetch(entry, { retries: 0 });
  const t2 = now();
  const warm = [];
  for (let i = 0; i < args.warm; i++) {
    const start = now();
    await texts.fetch(entry, { retries: 0 });
    warm.push(now() - start);
  }
  if (cold.pages < args.pages || cold.document.beschluss?.punkte.length !== 3) throw new Error(`read ${cold.pages} pages, ${cold.document.beschluss?.punkte.length} points`);
  process.stdout.write(`${JSON.stringify({ loadMs: t1 - t0, coldMs: t2 - t1, warm, pages: cold.pages, chars: cold.document.text.length })}\n`);
  process.exit(0);
}

/** The 20-page Vorlage, made once by LibreOffice and kept in bench/.corpus. */
async function ensurePdf(dir) {
  const file = path.join(dir, `vorlage-${PAGES}-seiten.pdf`);
  if (existsSync(file)) return file;
  const { mod } = await loadBundle('vorlage-pdf', ["export { vorlagePdf, RADVERKEHR } from './test/vorlage-pdf.ts';"], ['vorlagePdf', 'RADVERKEHR']);
  // About eight and a half paragraphs of the Begründung fill a page.
  const spec = { ...mod.RADVERKEHR, begruendung: Array.from({ length: PAGES * 9 }, (_, index) => mod.RADVERKEHR.begruendung[index % mod.RADVERKEHR.begruendung.length].replace(/^Abschnitt \d+/, `Abschnitt ${index + 1}`)) };
  const made = await mod.vorlagePdf(spec, path.join(dir, 'make'));
  writeFileSync(file, made);
  return file;
}

main(async () => {
  const opts = options(process.argv.slice(2), ['rounds']);
  const rounds = intOption(opts, 'rounds', opts.quick ? 3 : 7);
  if (spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status !== 0) throw new Error('LibreOffice (soffice) is needed to make the Vorlage PDF');
  const dir = path.join(CORPUS, '.vorlage');
  mkdirSync(dir, { recursive: true });
  const pdfFile = await ensurePdf(dir);
  const pdf = readFileSync(pdfFile);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))?.[1]);
  check(pages >= PAGES, `the Vorlage has ${pages} pages, not ${PAGES}`);

  // The code as the server and the CLI bundle it; PDF.js from the shipped dist/pdf.js beside it.
  const { mod, file: bundle } = await loadBundle(
    'vorlage',
    [
      "export { DocumentTexts } from './server/src/node/document-texts.ts';",
      "export { vorlageHeadings } from './server/src/register/document-text.ts';",
      "export { serializeCache } from './server/src/register/cache.ts';",
      "export { cacheFileName } from './server/src/node/cache-store.ts';",
    ],
    ['DocumentTexts', 'vorlageHeadings', 'serializeCache', 'cacheFileName'],
  );
  const shipped = path.join(ROOT, 'dist', 'pdf.js');
  check(existsSync(shipped), 'dist/pdf.js is missing: run `npm run build` first (npm run bench does)');
  copyFileSync(shipped, path.join(path.dirname(bundle), 'pdf.js'));

  const server = http.createServer((request, response) => {
    if (request.url === '/vorlage.pdf') response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length }).end(pdf);
    else response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://127.0.0.1:${address.port}/vorlage.pdf`;
  const work = mkdtempSync(path.join(os.tmpdir(), 'ratsfeder-vorlage-bench-'));
  try {
    // In fresh processes: the first fetch (cold, PDF.js loaded on first use) and warm ones.
    // Run asynchronously: the server in this process must answer.
    const runChild = (args) => spawnAsync(process.execPath, [SELF, '--child', JSON.stringify(args)]);
    console.log(`--- ${pages}-page Vorlage (${(pdf.length / 1024).toFixed(0)} KiB), ${rounds} fresh processes`);
    await runChild({ bundle, url, dir: work, warm: 0, pages: PAGES }); // untimed: warms the file cache
    const runs = [];
    for (let round = 0; round < rounds; round++) {
      const r = await runChild({ bundle, url, dir: work, warm: 5, pages: PAGES });
      runs.push(r);
      console.log(`  round ${round + 1}/${rounds}: cold ${r.coldMs.toFixed(0)} ms, warm median ${median(r.warm).toFixed(0)} ms (bundle loaded in ${r.loadMs.toFixed(0)} ms)`);
    }
    const cold = runs.map((r) => r.coldMs);
    const warm = runs.map((r) => median(r.warm));

    // Whole processes, interleaved: `ratsfeder register text` against pdftotext.
    const cache = path.join(work, 'cache');
    mkdirSync(cache, { recursive: true });
    // The cache of its System URL, which `--oparl` names.
    writeFileSync(path.join(cache, mod.cacheFileName(SYSTEM)), cacheWith(mod, url));
    const contenders = {
      ratsfeder: [process.execPath, [RATSFEDER, 'register', 'text', NUMMER, '--oparl', SYSTEM, '--cache', cache]],
      pdftotext: ['pdftotext', [pdfFile, path.join(work, 'vorlage.txt')]],
    };
    const wall = { ratsfeder: [], pdftotext: [] };
    for (let round = 0; round < rounds + 1; round++) {
      for (const name of round % 2 ? ['pdftotext', 'ratsfeder'] : ['ratsfeder', 'pdftotext']) {
        const [command, args] = contenders[name];
        const run = await runTimedAsync(command, args);
        check(run.code === 0, `${name} failed (${run.code}): ${run.stderr.slice(0, 300)}`);
        if (name === 'ratsfeder') check(run.stdout.includes('Beschlussvorschlag mit 3 Punkten'), `register text did not find the points: ${run.stdout.slice(0, 300)}`);
        if (round > 0) wall[name].push(run.wallMs);
      }
    }
    const ratio = roundRatios(wall.ratsfeder, wall.pdftotext);

    const figures = [
      figure('vorlage.fetch', `fetch and read a Vorlage PDF of ${pages} pages from 127.0.0.1, fresh process`, median(cold), {
        unit: 'ms',
        digits: 0,
        goal: '<=',
        limit: GOALS.fetchMs,
        detail: `${spread(cold, 0, ' ms')}, n=${cold.length}; PDF.js loaded on first use, text kept beside the cache; ${(pdf.length / 1024).toFixed(0)} KiB, ${runs[0].chars} characters read`,
      }),
      figure('vorlage.warm', 'the same fetch again in a process that has read one', median(warm), { unit: 'ms', digits: 0, detail: `${spread(warm, 0, ' ms')}, n=${warm.length}` }),
      figure('vorlage.cli', '`ratsfeder register text` ÷ pdftotext, whole processes', median(ratio), {
        detail: `${spread(ratio)}, n=${ratio.length}; ratsfeder ${median(wall.ratsfeder).toFixed(0)} ms (Node start-up, cache, fetch, PDF.js, keep), pdftotext ${median(wall.pdftotext).toFixed(0)} ms (reads the file from disk)`,
      }),
    ];
    printFigures(figures);
    writeResult(opts.json, { name: 'vorlage', figures });
  } finally {
    server.close();
  }
});

/** An OParl cache holding the one paper, as `ratsfeder register sync` writes it. */
/** The System URL of the cache the CLI reads the Vorlage's address from. */
const SYSTEM = 'http://127.0.0.1/oparl/system';

function cacheWith(mod, url) {
  const id = 'http://127.0.0.1/oparl/paper/1';
  const paper = { nummer: NUMMER, titel: 'Fortschreibung des Radverkehrsentwicklungsplans', source: 'oparl', origin: id, details: { files: [{ name: 'Vorlage', url, main: true }] } };
  return mod.serializeCache({ version: 2, system: SYSTEM, syncedAt: '2026-12-01T00:00:00Z', papers: new Map([[id, paper]]) });
}

function spawnAsync(command, args) {
  return new Promise((resolve, reject) => {
    execFileAsync(command, args, (error, stdout, stderr) => {
      if (error) return reject(new Error(`vorlage child failed: ${stderr.trim().slice(0, 800) || error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? ''));
    });
  });
}

function runTimedAsync(command, args) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    execFileAsync(command, args, (error, stdout, stderr) => {
      resolve({ wallMs: Number(process.hrtime.bigint() - start) / 1e6, code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function execFileAsync(command, args, callback) {
  return execFile(command, args, { cwd: ROOT, env: cleanEnv(), encoding: 'utf8', maxBuffer: 1 << 26, timeout: 120_000 }, callback);
}
