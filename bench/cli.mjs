// The CLI as people run it: `ratsfeder check` over N generated drafts against `markdownlint-cli2`
// over the same files (same glob, same working directory), interleaved rounds, median wall time
// and peak RSS of each; and start-up: `ratsfeder --version` and `ratsfeder check` on one file
// against `node -e 0` (the floor: what any Node CLI pays before its first line of code).
//
//   node bench/cli.mjs [--quick] [--drafts N] [--rounds N] [--startup-rounds N] [--json FILE]
//
// Run `npm run build` first: the CLI under test is dist/cli.js.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DRAFT_5K, DRAFTS_GLOB, ensureDrafts, ensureSingles } from './corpus.mjs';
import { check, CORPUS, figure, intOption, main, median, mib, options, printFigures, roundRatios, ROOT, runTimed, spread, table, writeResult } from './lib.mjs';

const RATSFEDER = path.join(ROOT, 'bin', 'ratsfeder.js');
const MARKDOWNLINT = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const TODAY = '2025-06-01';

/** Proposed goals (none are given elsewhere); see BENCHMARKS.md. */
export const GOALS = { wall: 1.0, rss: 1.0, version: 1.5, checkOne: 3.0 };

// ---------------------------------------------------------------------------------------------
// What a correct run prints

const SUMMARY = /^✖ (\d+) Fehler, (\d+) Warnung(?:en)?, (\d+) Hinweise? in (\d+) von (\d+) (?:Entwurf|Entwürfen)\.$/m;
const CLEAN = /^✔ (\d+) (?:Entwurf|Entwürfe) geprüft, keine Befunde\.$/m;

/** Reads ratsfeder's text summary and checks it against the corpus manifest. */
function verifyRatsfeder(run, expected) {
  const what = `ratsfeder check (${expected.drafts} drafts)`;
  check(run.signal === null, `${what} was killed by ${run.signal}`);
  check(run.code === 0 || run.code === 1, `${what} exited with ${run.code}: ${run.stderr.slice(0, 500)}`);
  check(run.stderr === '', `${what} wrote to stderr: ${run.stderr.slice(0, 500)}`);
  let drafts;
  let withFindings = 0;
  let errors = 0;
  const summary = SUMMARY.exec(run.stdout);
  const clean = CLEAN.exec(run.stdout);
  if (summary) {
    errors = Number(summary[1]);
    withFindings = Number(summary[4]);
    drafts = Number(summary[5]);
  } else if (clean) {
    drafts = Number(clean[1]);
  } else {
    check(false, `${what}: no summary line in its output (${run.stdout.slice(-300)})`);
  }
  check(drafts === expected.drafts, `${what} checked ${drafts} drafts, expected ${expected.drafts}`);
  check(withFindings === expected.withFindings, `${what} found problems in ${withFindings} drafts, the corpus has ${expected.withFindings} with deliberate mistakes`);
  check((errors > 0) === (run.code === 1), `${what}: exit code ${run.code} does not match ${errors} errors`);
}

/** Checks that markdownlint-cli2 linted every file. */
function verifyMarkdownlint(run, expected) {
  const what = `markdownlint-cli2 (${expected.drafts} files)`;
  check(run.signal === null, `${what} was killed by ${run.signal}`);
  check(run.code === 0 || run.code === 1, `${what} exited with ${run.code}: ${run.stderr.slice(0, 500)}`);
  const linting = /^Linting: (\d+) file\(s\)$/m.exec(run.stdout);
  check(linting, `${what}: no "Linting:" line in its output (${run.stdout.slice(0, 300)})`);
  check(Number(linting[1]) === expected.drafts, `${what} linted ${linting[1]} files, expected ${expected.drafts}`);
  check(/^Summary: \d+ error\(s\)$/m.test(run.stdout), `${what}: no "Summary:" line, it did not finish`);
  if (expected.everyFileReported) {
    // Every draft opens with "## …" after its front matter, which MD041 reports: so a complete
    // run names every file.
    const files = new Set(run.stderr.split('\n').filter(Boolean).map((line) => line.slice(0, line.search(/:\d/))));
    check(files.size === expected.drafts, `${what} reported findings in ${files.size} files, expected all ${expected.drafts} (MD041 fires on each)`);
  }
}

/** One full verification of ratsfeder's per-file results, with --format json. */
function verifyRatsfederJson(manifest) {
  const run = runTimed(process.execPath, [RATSFEDER, 'check', DRAFTS_GLOB, '--heute', TODAY, '--lang', 'de', '--format', 'json'], { cwd: CORPUS });
  check(run.code === 0 || run.code === 1, `ratsfeder check --format json exited with ${run.code}: ${run.stderr.slice(0, 500)}`);
  check(run.stderr === '', `ratsfeder check --format json wrote to stderr: ${run.stderr.slice(0, 500)}`);
  const result = JSON.parse(run.stdout);
  check(result.files.length === manifest.count, `ratsfeder listed ${result.files.length} files, expected ${manifest.count}`);
  const expected = new Map(manifest.files.map((f) => [f.file, f.mistake]));
  for (const file of result.files) {
    check(expected.has(file.file), `ratsfeder checked an unexpected file ${file.file}`);
    check(!file.skipped, `ratsfeder skipped ${file.file} (${file.skipped})`);
    const mistake = expected.get(file.file);
    const rules = [...new Set(file.findings.map((f) => f.ruleId))];
    if (mistake) check(rules.length === 1 && rules[0] === mistake, `${file.file}: expected only ${mistake}, got ${rules.join(', ') || 'nothing'}`);
    else check(rules.length === 0, `${file.file} should be clean, got ${rules.join(', ')}`);
  }
}

// ---------------------------------------------------------------------------------------------

main(async () => {
  const opts = options(process.argv.slice(2), ['drafts', 'rounds', 'startup-rounds']);
  const drafts = intOption(opts, 'drafts', opts.quick ? 300 : 1000);
  const rounds = intOption(opts, 'rounds', opts.quick ? 3 : 7);
  const startupRounds = intOption(opts, 'startup-rounds', opts.quick ? 9 : 21);
  check(existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  check(existsSync(MARKDOWNLINT), 'markdownlint-cli2 is not installed (npm ci)');

  const manifest = ensureDrafts(drafts);
  ensureSingles();
  const expected = { drafts, withFindings: manifest.files.filter((f) => f.mistake).length, everyFileReported: true };
  console.log(`corpus: ${drafts} drafts, ${(manifest.bytes / 1024 / 1024).toFixed(1)} MiB, glob ${DRAFTS_GLOB} in ${path.relative(ROOT, CORPUS)}/`);

  const tools = {
    ratsfeder: { args: [RATSFEDER, 'check', DRAFTS_GLOB, '--heute', TODAY, '--lang', 'de'], verify: verifyRatsfeder },
    // The same on one thread: what the parser and rules cost without the second core.
    ratsfeder1: { args: [RATSFEDER, 'check', DRAFTS_GLOB, '--heute', TODAY, '--lang', 'de', '--jobs', '1'], verify: verifyRatsfeder },
    markdownlint: { args: [MARKDOWNLINT, DRAFTS_GLOB], verify: verifyMarkdownlint },
  };

  // Untimed first runs: warm the file cache and check the results in full.
  verifyRatsfederJson(manifest);
  for (const tool of Object.values(tools)) tool.verify(runTimed(process.execPath, tool.args, { cwd: CORPUS }), expected);

  // Interleaved timed runs, each with the peak-RSS preload.
  const wall = { ratsfeder: [], ratsfeder1: [], markdownlint: [] };
  const rss = { ratsfeder: [], ratsfeder1: [], markdownlint: [] };
  const procs = { ratsfeder: 0, ratsfeder1: 0, markdownlint: 0 };
  const contenders = Object.keys(tools);
  for (let round = 0; round < rounds; round++) {
    // Rotate who goes first, so no contender always runs on a cold or a warm machine.
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const name of order) {
      const run = runTimed(process.execPath, tools[name].args, { cwd: CORPUS, rss: true });
      tools[name].verify(run, expected);
      wall[name].push(run.wallMs);
      rss[name].push(run.maxRssKiB);
      procs[name] = Math.max(procs[name], run.processes.length);
      process.stdout.write(`  round ${round + 1}/${rounds} ${name.padEnd(12)} ${(run.wallMs / 1000).toFixed(2)} s, peak RSS ${mib(run.maxRssKiB)}\n`);
    }
  }
  const wallRatio = roundRatios(wall.ratsfeder, wall.markdownlint);
  const wallRatioSingle = roundRatios(wall.ratsfeder1, wall.markdownlint);
  const rssRatio = roundRatios(rss.ratsfeder, rss.markdownlint);

  // Start-up: the floor, the cheapest command and a one-file check, interleaved.
  const one = path.relative(CORPUS, DRAFT_5K);
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const startup = {
    floor: { label: 'node -e 0', args: ['-e', '0'], verify: (run) => check(run.code === 0, 'node -e 0 failed') },
    version: {
      label: 'ratsfeder --version',
      args: [RATSFEDER, '--version'],
      verify: (run) => check(run.code === 0 && run.stdout.trim() === version, `ratsfeder --version printed ${JSON.stringify(run.stdout)} (exit ${run.code})`),
    },
    checkOne: {
      label: 'ratsfeder check <5 KB draft>',
      args: [RATSFEDER, 'check', one, '--heute', TODAY, '--lang', 'de'],
      verify: (run) => verifyRatsfeder(run, { drafts: 1, withFindings: 0 }),
    },
    markdownlintOne: {
      label: 'markdownlint-cli2 <5 KB draft>',
      args: [MARKDOWNLINT, one],
      verify: (run) => verifyMarkdownlint(run, { drafts: 1 }),
    },
  };
  const names = Object.keys(startup);
  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) startup[name].verify(runTimed(process.execPath, startup[name].args, { cwd: CORPUS }));
  for (let round = 0; round < startupRounds; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const run = runTimed(process.execPath, startup[name].args, { cwd: CORPUS });
      startup[name].verify(run);
      times[name].push(run.wallMs);
    }
  }
  const vsFloor = Object.fromEntries(names.map((n) => [n, roundRatios(times[n], times.floor)]));

  console.log(
    table([
      ['command', 'median wall (orientation)', 'ratio to node -e 0'],
      ...names.map((n) => [startup[n].label, `${median(times[n]).toFixed(1)} ms`, n === 'floor' ? '1' : spread(vsFloor[n])]),
    ]),
  );
  console.log(`check ${drafts} drafts: ratsfeder ${(median(wall.ratsfeder) / 1000).toFixed(2)} s, markdownlint-cli2 ${(median(wall.markdownlint) / 1000).toFixed(2)} s (orientation)`);
  console.log(`ratio ratsfeder ÷ markdownlint-cli2: wall ${spread(wallRatio)} (one thread: ${spread(wallRatioSingle)}), peak RSS ${spread(rssRatio)}`);
  console.log(`processes per run: ratsfeder ${procs.ratsfeder}, markdownlint-cli2 ${procs.markdownlint}`);

  const figures = [
    figure('cli.wall', `wall time ratsfeder check ÷ markdownlint-cli2, ${drafts} drafts`, median(wallRatio), { goal: '<=', limit: GOALS.wall, detail: spread(wallRatio) }),
    figure('cli.wallSingle', `wall time ratsfeder check --jobs 1 ÷ markdownlint-cli2, ${drafts} drafts`, median(wallRatioSingle), { detail: spread(wallRatioSingle) }),
    figure('cli.rssRatsfeder', `peak RSS ratsfeder check, ${drafts} drafts`, median(rss.ratsfeder), {
      unit: 'KiB',
      detail: `max ${mib(Math.max(...rss.ratsfeder))} over ${rounds} runs`,
    }),
    figure('cli.rssMarkdownlint', `peak RSS markdownlint-cli2, ${drafts} drafts`, median(rss.markdownlint), {
      unit: 'KiB',
      detail: `max ${mib(Math.max(...rss.markdownlint))} over ${rounds} runs`,
    }),
    figure('cli.rss', 'peak RSS ratsfeder ÷ markdownlint-cli2', median(rssRatio), { goal: '<=', limit: GOALS.rss, detail: spread(rssRatio) }),
    figure('cli.rssSingle', 'peak RSS ratsfeder check --jobs 1 ÷ markdownlint-cli2', median(roundRatios(rss.ratsfeder1, rss.markdownlint)), {
      detail: spread(roundRatios(rss.ratsfeder1, rss.markdownlint)),
    }),
    figure('startup.version', 'start-up: ratsfeder --version ÷ node -e 0', median(vsFloor.version), { goal: '<=', limit: GOALS.version, detail: spread(vsFloor.version) }),
    figure('startup.checkOne', 'start-up: ratsfeder check (one 5 KB draft) ÷ node -e 0', median(vsFloor.checkOne), {
      goal: '<=',
      limit: GOALS.checkOne,
      detail: spread(vsFloor.checkOne),
    }),
    figure('startup.markdownlintOne', 'start-up: markdownlint-cli2 (one 5 KB draft) ÷ node -e 0', median(vsFloor.markdownlintOne), { detail: spread(vsFloor.markdownlintOne) }),
  ];
  printFigures(figures);
  writeResult(opts.json, {
    name: 'cli',
    title: `CLI: ${drafts} drafts vs markdownlint-cli2, and start-up`,
    figures,
    info: {
      drafts,
      bytes: manifest.bytes,
      withMistakes: expected.withFindings,
      rounds,
      startupRounds,
      wallMs: { ratsfeder: median(wall.ratsfeder), ratsfeder1: median(wall.ratsfeder1), markdownlint: median(wall.markdownlint) },
      rssKiB: { ratsfeder: rss.ratsfeder, markdownlint: rss.markdownlint },
      processesPerRun: procs,
      startupMs: Object.fromEntries(names.map((n) => [n, median(times[n])])),
      commands: {
        ratsfeder: `node bin/ratsfeder.js check '${DRAFTS_GLOB}' --heute ${TODAY} --lang de`,
        markdownlint: `node node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs '${DRAFTS_GLOB}'`,
        cwd: path.relative(ROOT, CORPUS),
      },
    },
  });
});
