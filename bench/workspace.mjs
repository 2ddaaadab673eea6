// Workspace indexing and symbol search, side by side on the same files: Ratsfeder's register
// (RegisterStore.loadFolder, then a workspace symbol query) against vscode-markdown-languageservice
// (the Markdown language service of VS Code: every document parsed by markdown-it, then its
// workspace symbols). Fresh processes, interleaved rounds. Goal: Ratsfeder no slower (≤ 1×).
//
//   node bench/workspace.mjs [--quick] [--drafts N] [--rounds N] [--json FILE]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureWorkspace } from './register-corpus.mjs';
import { BENCH, check, cleanEnv, figure, installedVersion, intOption, loadRegisterModules, main, median, options, printFigures, ROOT, spread, writeResult } from './lib.mjs';

main(async () => {
  const opts = options(process.argv.slice(2), ['drafts', 'rounds']);
  const drafts = intOption(opts, 'drafts', opts.quick ? 1000 : 5000);
  const rounds = intOption(opts, 'rounds', opts.quick ? 3 : 7);
  const workspace = ensureWorkspace(drafts);
  const { file: bundle } = await loadRegisterModules();
  const run = (mode, query) => {
    const result = spawnSync(process.execPath, [path.join(BENCH, 'workspace-child.mjs'), JSON.stringify({ mode, dir: workspace.dir, files: drafts, bundle, query })], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
    check(result.status === 0, `workspace-child ${mode} failed: ${result.stderr.trim()}`);
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
  };
  const ours = [];
  const theirs = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(run('ratsfeder', 'Radverkehr'));
    theirs.push(run('mdls', 'Begründung'));
    console.log(`  round ${round + 1}/${rounds}: Ratsfeder ${ours[round].totalMs.toFixed(0)} ms, vscode-markdown-languageservice ${theirs[round].totalMs.toFixed(0)} ms`);
  }
  const ratios = ours.map((r, i) => r.totalMs / theirs[i].totalMs);
  const figures = [
    figure('workspace.ratio', `workspace indexing + symbol search, ${drafts} drafts, ÷ vscode-markdown-languageservice`, median(ratios), {
      goal: '<=',
      limit: 1,
      detail: `Ratsfeder ${median(ours.map((r) => r.totalMs)).toFixed(0)} ms, vscode-markdown-languageservice ${installedVersion('vscode-markdown-languageservice')} ${median(theirs.map((r) => r.totalMs)).toFixed(0)} ms (markdown-it ${installedVersion('markdown-it')}); ratio ${spread(ratios)}, ${rounds} rounds of fresh processes`,
    }),
  ];
  printFigures(figures);
  writeResult(opts.json, { name: 'workspace', figures });
});
