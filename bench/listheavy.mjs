// Regression guard for the parser's scaling on list-heavy drafts: micromark 4.0.3 was found to
// parse deeply nested lists and block quotes in quadratic time, so package.json pins 4.0.2 via "overrides".
// Parses a ~400 KB list-heavy draft and a ~100 KB one of the same shape (its prefix), interleaved:
// linear parsing takes ≈ 4 × as long for 4 × the text, quadratic ≈ 16 ×.
//
//   node bench/listheavy.mjs [--quick] [--rounds N] [--json FILE]
import { readFileSync } from 'node:fs';
import { ensureSingles, LISTHEAVY_100K, LISTHEAVY_400K } from './corpus.mjs';
import {
  check,
  checkOptions,
  figure,
  installedVersion,
  intOption,
  loadAnalysis,
  main,
  median,
  options,
  printFigures,
  roundRatios,
  spread,
  timeBatch,
  writeResult,
} from './lib.mjs';

/** The version package.json pins; 4.0.3 is the quadratic one. */
export const PINNED_MICROMARK = '4.0.2';
/** 4 × the text should take ≈ 4 × the time; allow noise and GC, but nothing near 16 ×. */
export const SCALING_GOAL = 6;

/** Shape statistics of a tree: a list-heavy draft must really be nested lists and quotes. */
function shape(tree) {
  let lists = 0;
  let quotes = 0;
  let items = 0;
  let maxDepth = 0;
  /** @type {[any, number][]} */
  const stack = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = /** @type {[any, number]} */ (stack.pop());
    let d = depth;
    if (node.type === 'list' || node.type === 'blockquote') {
      d = depth + 1;
      maxDepth = Math.max(maxDepth, d);
      if (node.type === 'list') lists++;
      else quotes++;
    }
    if (node.type === 'listItem') items++;
    for (const child of node.children ?? []) stack.push([child, d]);
  }
  return { lists, quotes, items, maxDepth };
}

main(async () => {
  const opts = options(process.argv.slice(2), ['rounds']);
  const rounds = intOption(opts, 'rounds', opts.quick ? 5 : 11);
  ensureSingles();
  const big = readFileSync(LISTHEAVY_400K, 'utf8');
  const small = readFileSync(LISTHEAVY_100K, 'utf8');
  check(big.startsWith(small.slice(0, small.lastIndexOf('\n## Begründung'))), 'the 100 KB draft is not a prefix of the 400 KB one');
  const kb = { big: Buffer.byteLength(big) / 1024, small: Buffer.byteLength(small) / 1024 };
  const micromark = installedVersion('micromark');
  const mod = await loadAnalysis();

  const tree = mod.parseMarkdown(big);
  const stats = shape(tree);
  check(stats.maxDepth >= 5, `the list-heavy draft nests only ${stats.maxDepth} levels of lists and quotes`);
  check(stats.quotes > 100 && stats.lists > 100, `the list-heavy draft has too few lists (${stats.lists}) or quotes (${stats.quotes})`);
  const checked = mod.checkText(big, checkOptions(mod));
  check(checked.draft.skip === undefined && checked.failures.length === 0, 'checkText did not analyse the list-heavy draft fully');
  const beschluss = checked.draft.sections.find((s) => s.heading === 'Beschlussvorschlag');
  check(beschluss?.body.some((n) => n.type === 'list'), 'the Beschlussvorschlag of the list-heavy draft holds no list');

  // Warm-up once each (a 400 KB parse is long enough to be timed call by call).
  for (const text of [small, big, small, big]) mod.checkText(text, checkOptions(mod));
  const parse = { big: [], small: [] };
  const full = { big: [], small: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? ['big', 'small'] : ['small', 'big'];
    for (const size of order) {
      parse[size].push(timeBatch(() => mod.parseMarkdown(size === 'big' ? big : small), 1));
    }
    for (const size of order) {
      full[size].push(timeBatch(() => mod.checkText(size === 'big' ? big : small, checkOptions(mod)), 1));
    }
  }
  const scaling = roundRatios(parse.big, parse.small);
  const fullScaling = roundRatios(full.big, full.small);
  const sizeRatio = kb.big / kb.small;

  console.log(`micromark installed: ${micromark} (pinned: ${PINNED_MICROMARK})`);
  console.log(`list-heavy draft: ${kb.big.toFixed(1)} KiB, ${stats.items} list items, ${stats.lists} lists, ${stats.quotes} block quotes, nesting depth ${stats.maxDepth}`);
  console.log(`parse ${kb.big.toFixed(0)} KiB: ${median(parse.big).toFixed(1)} ms (${(median(parse.big) / kb.big).toFixed(3)} ms/KiB)`);
  console.log(`parse ${kb.small.toFixed(0)} KiB: ${median(parse.small).toFixed(1)} ms (${(median(parse.small) / kb.small).toFixed(3)} ms/KiB)`);
  console.log(`checkText ${kb.big.toFixed(0)} KiB: ${median(full.big).toFixed(1)} ms; ${kb.small.toFixed(0)} KiB: ${median(full.small).toFixed(1)} ms`);
  console.log(`scaling (size ratio ${sizeRatio.toFixed(2)}): parse ${spread(scaling)}, checkText ${spread(fullScaling)}`);

  const figures = [
    figure('listheavy.micromark', 'micromark version installed', micromark, { unit: '', goal: '==', limit: PINNED_MICROMARK }),
    figure('listheavy.parseMs', `parse of the ${kb.big.toFixed(0)} KiB list-heavy draft`, median(parse.big), {
      unit: 'ms',
      digits: 0,
      detail: `${(median(parse.big) / kb.big).toFixed(3)} ms/KiB; ${kb.small.toFixed(0)} KiB: ${median(parse.small).toFixed(0)} ms (${(median(parse.small) / kb.small).toFixed(3)} ms/KiB)`,
    }),
    figure('listheavy.scaling', `parse time ${kb.big.toFixed(0)} KiB ÷ ${kb.small.toFixed(0)} KiB (≈4 linear, ≈16 quadratic)`, median(scaling), {
      goal: '<=',
      limit: SCALING_GOAL,
      detail: spread(scaling),
    }),
    figure('listheavy.checkScaling', `checkText time ${kb.big.toFixed(0)} KiB ÷ ${kb.small.toFixed(0)} KiB`, median(fullScaling), {
      goal: '<=',
      limit: SCALING_GOAL,
      detail: spread(fullScaling),
    }),
  ];
  printFigures(figures);
  writeResult(opts.json, {
    name: 'listheavy',
    title: 'Parser scaling on list-heavy drafts',
    figures,
    info: { micromark, kib: kb, shape: stats, rounds, parseMs: { big: median(parse.big), small: median(parse.small) }, checkMs: { big: median(full.big), small: median(full.small) } },
  });
});
