// How well similar documents are found, on the evaluation set of real titles
// (test/similar-eval/: drafts worded as staff would write them, labelled with the real papers of
// Karlsruhe and Leipzig a person would call related, and drafts with none). A quality figure,
// not a speed: the test computes it, this step asks the test for it and reports it.
//
//   node bench/similar-eval.mjs [--quick] [--json FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, figure, main, options, printFigures, ROOT, writeResult } from './lib.mjs';

/** The goals of the similar-documents issue, as shares. */
const GOALS = { top3: 0.9, top1: 0.75, fires: 0.8, falseAlarms: 0.05 };

main(async () => {
  const opts = options(process.argv.slice(2));
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ratsfeder-eval-')), 'figures.json');
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, RATSFEDER_EVAL_JSON: out };
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'unit', 'test/similar-eval.test.ts'], { cwd: ROOT, env, encoding: 'utf8' });
  check(run.status === 0, `the evaluation test failed:\n${run.stdout}\n${run.stderr}`);
  /** @type {{ threshold: number, drafts: number, withRelated: number, withoutRelated: number, top1: number, top3: number, fires: number, falseAlarms: number, precision: number, recall: number }} */
  const e = JSON.parse(readFileSync(out, 'utf8'));
  const pct = (/** @type {number} */ share) => share * 100;
  const figures = [
    figure('eval.top1', 'similar documents: related paper first, evaluation set of real titles', pct(e.top1), { unit: '%', digits: 1, goal: '>=', limit: pct(GOALS.top1), detail: `${e.withRelated} drafts with related papers` }),
    figure('eval.top3', 'similar documents: related paper in the top 3', pct(e.top3), { unit: '%', digits: 1, goal: '>=', limit: pct(GOALS.top3) }),
    figure('eval.fires', `similar documents: the finding fires for a related paper, at the default threshold ${e.threshold}`, pct(e.fires), { unit: '%', digits: 1, goal: '>=', limit: pct(GOALS.fires) }),
    figure('eval.falseAlarms', 'similar documents: the finding fires on a draft without related papers', pct(e.falseAlarms), { unit: '%', digits: 1, goal: '<=', limit: pct(GOALS.falseAlarms), detail: `${e.withoutRelated} drafts without` }),
    figure('eval.precision', 'similar documents: precision of the finding at the default threshold', pct(e.precision), { unit: '%', digits: 1, detail: 'findings that name a related paper, of all findings' }),
    figure('eval.recall', 'similar documents: recall of the finding at the default threshold', pct(e.recall), { unit: '%', digits: 1, detail: 'drafts whose finding names a related paper, of the drafts with related papers' }),
  ];
  printFigures(figures);
  writeResult(opts.json, { name: 'similar-eval', title: 'Similar documents on real titles', figures, info: { ...e, quick: Boolean(opts.quick) } });
});
