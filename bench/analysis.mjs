// In-process: the whole pipeline (`checkText`: parse, front matter, analysis, all rules) against
// the remark parse alone (`parseWhole`) on the same ~5 KB draft. Goal: check ≤ 1.3 × parse,
// that is, everything Ratsfeder adds to the parser costs at most 30 % of the parse. The
// pipeline parses piece by piece and keeps the pieces (analysis/parse.ts): here it starts from
// nothing each time, as for a file opened or checked once; a fourth contender is the check after
// a keystroke, where only the edited piece is new.
//
//   node bench/analysis.mjs [--quick] [--rounds N] [--json FILE]
import { readFileSync } from 'node:fs';
import { DRAFT_5K, ensureSingles } from './corpus.mjs';
import {
  check,
  checkOptions,
  figure,
  interleave,
  intOption,
  loadAnalysis,
  main,
  median,
  options,
  printFigures,
  roundRatios,
  spread,
  warmUp,
  writeResult,
} from './lib.mjs';

export const GOAL = 1.3;

main(async () => {
  const opts = options(process.argv.slice(2), ['rounds']);
  const rounds = intOption(opts, 'rounds', opts.quick ? 21 : 61);
  const batchMs = opts.quick ? 20 : 40;
  ensureSingles();
  const text = readFileSync(DRAFT_5K, 'utf8');
  const mod = await loadAnalysis();
  const checkOpts = checkOptions(mod);

  // The benchmark is only meaningful if the pipeline does its full work on this draft.
  const result = mod.checkText(text, checkOpts);
  check(result.draft.skip === undefined, `the 5 KB draft was skipped (${result.draft.skip})`);
  check(result.draft.type?.name === 'Antrag', 'the 5 KB draft was not recognised as an Antrag');
  check(result.draft.sections.length >= 2, 'the 5 KB draft has fewer than two sections');
  check(result.draft.references.length > 0, 'no references found in the 5 KB draft');
  check(result.failures.length === 0, `rules failed: ${JSON.stringify(result.failures)}`);
  check(result.findings.length === 0, `the 5 KB draft should be clean, got ${result.findings.map((f) => f.ruleId).join(', ')}`);
  check(mod.parseWhole(text).children.length > 5, 'parseWhole returned an almost empty tree');
  check(JSON.stringify(mod.parseMarkdown(text)) === JSON.stringify(mod.parseWhole(text)), 'parsing piece by piece gave another tree');
  // A keystroke at the end of the last paragraph, a different one each time.
  const end = text.trimEnd().length;
  let keystroke = 0;
  const typed = () => `${text.slice(0, end)} x${(keystroke++).toString(36)}${text.slice(end)}`;

  const contenders = [
    { name: 'parseWhole', fn: () => mod.parseWhole(text) },
    { name: 'analyse', fn: () => (mod.forgetPieces(), mod.analyse(text, mod.DEFAULT_PROFILE)) },
    { name: 'checkText', fn: () => (mod.forgetPieces(), mod.checkText(text, checkOpts)) },
    { name: 'keystroke', fn: () => mod.checkText(typed(), checkOpts) },
  ];
  // Warm-up: let the JIT settle on every contender before anything is timed.
  for (let i = 0; i < 2; i++) for (const c of contenders) warmUp(c.fn, opts.quick ? 300 : 700);

  const { times, counts } = interleave(contenders, { rounds, batchMs });
  const [parse, analyse, full, edited] = times;
  const ratio = roundRatios(full, parse);
  const editRatio = roundRatios(edited, parse);
  const analyseRatio = roundRatios(analyse, parse);
  const rulesShare = roundRatios(full, analyse);

  console.log(`5 KB draft: ${Buffer.byteLength(text)} bytes, ${result.draft.sections.length} sections, ${result.draft.references.length} references`);
  console.log(`rounds: ${rounds}, batch ≈ ${batchMs} ms (calls per batch: ${contenders.map((c, i) => `${c.name} ${counts[i]}`).join(', ')})`);
  console.log(`per call (median, orientation only): parse ${median(parse).toFixed(3)} ms, analyse ${median(analyse).toFixed(3)} ms, checkText ${median(full).toFixed(3)} ms, checkText after a keystroke ${median(edited).toFixed(3)} ms`);
  console.log(`checkText / parseWhole: ${spread(ratio)}`);
  console.log(`analyse   / parseWhole: ${spread(analyseRatio)}`);
  console.log(`keystroke / parseWhole: ${spread(editRatio)}`);
  console.log(`checkText / analyse      : ${spread(rulesShare)}`);

  const figures = [
    figure('analysis.ratio', 'checkText ÷ remark parse, 5 KB draft', median(ratio), { goal: '<=', limit: GOAL, detail: spread(ratio) }),
    figure('analysis.analyse', 'analyse (no rules) ÷ remark parse', median(analyseRatio), { detail: spread(analyseRatio) }),
    figure('analysis.keystroke', 'checkText after a keystroke ÷ remark parse of the whole draft', median(editRatio), { detail: `${spread(editRatio)}; the other pieces parsed before` }),
    figure('analysis.rules', 'checkText ÷ analyse (cost of the rules)', median(rulesShare), { detail: spread(rulesShare) }),
  ];
  printFigures(figures);
  writeResult(opts.json, {
    name: 'analysis',
    title: 'In-process analysis vs parse (5 KB draft)',
    figures,
    info: {
      bytes: Buffer.byteLength(text),
      rounds,
      perCallMs: { parseWhole: median(parse), analyse: median(analyse), checkText: median(full), keystroke: median(edited) },
    },
  });
});
