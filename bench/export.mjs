// The DOCX export. Side by side in one run: `ratsfeder export` against pandoc converting the
// same 5 KB draft to DOCX (whole processes, interleaved rounds, with `node -e 0` and Node
// loading the docx library as references in the same rounds); in-process, after warm-up,
// the 5 KB draft (goal ≤ 50 ms) and a 500 KB list-heavy draft (goal ≤ 2 s), each export
// checked for a real .docx.
//
//   node bench/export.mjs [--quick] [--rounds N] [--json FILE]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DRAFT_5K, ensureSingles, listHeavy } from './corpus.mjs';
import { check, CORPUS, figure, intOption, loadBundle, main, median, options, printFigures, quantile, roundRatios, ROOT, runTimed, spread, warmUp, writeResult } from './lib.mjs';

export const GOALS = { process: 1.0, inProcess: 50, large: 2000 };
const RATSFEDER = path.join(ROOT, 'bin', 'ratsfeder.js');

function isDocx(bytes, what) {
  check(bytes.length > 2000 && bytes.subarray(0, 2).toString() === 'PK', `${what} did not produce a .docx (${bytes.length} bytes)`);
}

main(async () => {
  const opts = options(process.argv.slice(2), ['rounds']);
  const rounds = intOption(opts, 'rounds', opts.quick ? 5 : 15);
  ensureSingles();
  const dir = path.join(CORPUS, '.export');
  mkdirSync(dir, { recursive: true });
  const large = path.join(dir, 'listheavy-500k.md');
  writeFileSync(large, listHeavy(500_000));
  // The draft alone in a folder, as a faction's drafts folder would be.
  const draft = path.join(dir, 'draft-5k.md');
  writeFileSync(draft, readFileSync(DRAFT_5K, 'utf8'));
  // A file left by an older version carries no stamp of this one, which the export would refuse to replace.
  rmSync(path.join(dir, 'ratsfeder.docx'), { force: true });

  // Whole process: ratsfeder (Node start-up, bundle, check, build, write) against pandoc, with
  // two references: Node starting (the floor of anything in Node), and Node starting and
  // loading docx (its CommonJS build, larger than the part of it the export bundle carries).
  const docx = createRequire(path.join(ROOT, 'package.json')).resolve('docx');
  const contenders = {
    node: { args: [process.execPath, ['-e', '0']] },
    nodeDocx: { args: [process.execPath, ['-e', `require(${JSON.stringify(docx)})`]] },
    ratsfeder: { args: [process.execPath, [RATSFEDER, 'export', draft, '-o', path.join(dir, 'ratsfeder.docx'), '--force', '--heute', '2025-06-01']], out: path.join(dir, 'ratsfeder.docx') },
    pandoc: { args: ['pandoc', [draft, '-f', 'markdown', '-o', path.join(dir, 'pandoc.docx')]], out: path.join(dir, 'pandoc.docx') },
  };
  const wall = { ratsfeder: [], pandoc: [], node: [], nodeDocx: [] };
  const names = Object.keys(wall);
  for (let round = 0; round < rounds + 1; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const [command, args] = contenders[name].args;
      const run = runTimed(command, args);
      check(run.code === 0, `${name} failed (${run.code}): ${run.stderr.slice(0, 300)}`);
      if (contenders[name].out) isDocx(readFileSync(contenders[name].out), name);
      // The first round warms the file cache and is not counted.
      if (round > 0) wall[name].push(run.wallMs);
    }
  }
  const processRatio = roundRatios(wall.ratsfeder, wall.pandoc);
  const nodeRatio = roundRatios(wall.node, wall.pandoc);
  const docxRatio = roundRatios(wall.nodeDocx, wall.pandoc);

  // In-process: checkText + buildDocModel + writeDocx, as `exportDraft` does them.
  const { mod } = await loadBundle(
    'export',
    [
      "export { checkText } from './server/src/service/check.ts';",
      "export { buildDocModel } from './server/src/export/build.ts';",
      "export { writeDocx } from './server/src/export/docx.ts';",
      "export { DEFAULT_PROFILE } from './server/src/profile/load.ts';",
    ],
    ['checkText', 'buildDocModel', 'writeDocx', 'DEFAULT_PROFILE'],
  );
  const options_ = { profile: mod.DEFAULT_PROFILE, severities: {}, locale: 'de', today: '2025-06-01', host: {} };
  const exportText = async (text) => mod.writeDocx(mod.buildDocModel(mod.checkText(text, options_).draft, mod.DEFAULT_PROFILE));
  const small = readFileSync(DRAFT_5K, 'utf8');
  isDocx(await exportText(small), 'in-process export of the 5 KB draft');
  const until = Date.now() + (opts.quick ? 1500 : 4000);
  while (Date.now() < until) await exportText(small);
  warmUp(() => 0, 1);
  const smallTimes = [];
  for (let i = 0; i < (opts.quick ? 40 : 120); i++) {
    const start = process.hrtime.bigint();
    await exportText(small);
    smallTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const largeText = readFileSync(large, 'utf8');
  isDocx(await exportText(largeText), 'in-process export of the 500 KB draft');
  const largeTimes = [];
  for (let i = 0; i < (opts.quick ? 2 : 5); i++) {
    const start = process.hrtime.bigint();
    await exportText(largeText);
    largeTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }

  const figures = [
    figure('export.process', 'export of a 5 KB draft, whole process: ratsfeder export ÷ pandoc', median(processRatio), { goal: '<=', limit: GOALS.process, detail: spread(processRatio) }),
    figure('export.floorNode', 'reference: node -e 0 ÷ pandoc (the same rounds)', median(nodeRatio), { detail: `${spread(nodeRatio)}; Node starting, nothing run` }),
    figure('export.floorDocx', 'reference: Node starting and loading the docx library ÷ pandoc', median(docxRatio), {
      detail: `${spread(docxRatio)}; require('docx') alone, its CommonJS build from node_modules`,
    }),
    figure('export.inProcess', 'export of a 5 KB draft in-process after warm-up (median)', median(smallTimes), {
      unit: 'ms',
      digits: 1,
      goal: '<=',
      limit: GOALS.inProcess,
      detail: `p90 ${quantile(smallTimes, 0.9).toFixed(1)} ms, n=${smallTimes.length}`,
    }),
    figure('export.large', `export of a ${Math.round(largeText.length / 1024)} KiB list-heavy draft in-process (median)`, median(largeTimes), {
      unit: 'ms',
      digits: 0,
      goal: '<=',
      limit: GOALS.large,
      detail: `max ${Math.max(...largeTimes).toFixed(0)} ms, n=${largeTimes.length}`,
    }),
  ];
  console.log(
    `whole process, median: ratsfeder ${median(wall.ratsfeder).toFixed(0)} ms, pandoc ${median(wall.pandoc).toFixed(0)} ms, node -e 0 ${median(wall.node).toFixed(0)} ms, node loading docx ${median(wall.nodeDocx).toFixed(0)} ms (orientation)`,
  );
  printFigures(figures);
  writeResult(opts.json, {
    name: 'export',
    title: 'DOCX export',
    figures,
    info: { rounds, wallMs: { ratsfeder: median(wall.ratsfeder), pandoc: median(wall.pandoc), node: median(wall.node), nodeDocx: median(wall.nodeDocx) }, pandoc: runTimed('pandoc', ['--version']).stdout.split('\n')[0] },
  });
});
