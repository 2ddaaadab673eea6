// Memory of the DOCX export as drafts grow: peak RSS of `ratsfeder export` (whole process) on
// generated Anträge with 1,000, 5,000 and 10,000 footnotes, each beside a draft with as many
// paragraphs and no footnotes (the baseline), and `node -e 0` as the floor. Interleaved rounds,
// medians. The goal is growth no worse than linear: ten times the footnotes may cost at most ten
// times the memory above the floor.
//
//   node bench/export-memory.mjs [--quick] [--rounds N] [--json FILE]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, CORPUS, figure, intOption, main, median, options, printFigures, ROOT, runTimed, writeResult } from './lib.mjs';

export const GOALS = { growth: 10 };
const RATSFEDER = path.join(ROOT, 'bin', 'ratsfeder.js');
const SIZES = [1_000, 5_000, 10_000];

const FRONT = [
  '---',
  'art: Antrag',
  'titel: Belege zur Radverkehrsplanung',
  'einreicher:',
  '  - Freibeuter-Fraktion',
  'datum: 2025-03-05',
  '---',
  '',
  '## Beschlussvorschlag',
  '',
  'Der Oberbürgermeister wird beauftragt, dem Stadtrat zu berichten.',
  '',
  '## Begründung',
  '',
  '',
].join('\n');

/**
 * `count` paragraphs, each citing one footnote (`notes`) or none. Definitions stand apart, one a
 * paragraph, as people write them below the text. 10,000 footnotes make some 500 KB, below the
 * analysis's limit of a million characters.
 */
export function footnoteDraft(count, notes) {
  const parts = [];
  for (let i = 1; i <= count; i++) parts.push(`Absatz ${i} mit Beleg.${notes ? `[^${i}]` : ''}`);
  if (notes) for (let i = 1; i <= count; i++) parts.push(`[^${i}]: Zählung ${2000 + (i % 25)}, S. ${i % 40}.`);
  return `${FRONT}${parts.join('\n\n')}\n`;
}

main(async () => {
  const opts = options(process.argv.slice(2), ['rounds']);
  const rounds = intOption(opts, 'rounds', opts.quick ? 2 : 5);
  const sizes = opts.quick ? [1_000, 5_000] : SIZES;
  const dir = path.join(CORPUS, '.export-memory');
  const cases = [];
  for (const count of sizes) {
    for (const notes of [true, false]) {
      // Each draft alone in a folder, so that no other draft is read.
      const folder = path.join(dir, `${notes ? 'fussnoten' : 'absaetze'}-${count}`);
      mkdirSync(folder, { recursive: true });
      const draft = path.join(folder, 'belege.antrag.md');
      writeFileSync(draft, footnoteDraft(count, notes));
      cases.push({ count, notes, draft, out: path.join(folder, 'belege.docx'), bytes: Buffer.byteLength(readFileSync(draft)) });
    }
  }
  /** @type {Map<(typeof cases)[number], number[]>} */
  const peaks = new Map(cases.map((c) => [c, []]));
  /** @type {number[]} */
  const floor = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...cases].reverse() : cases;
    const run = runTimed(process.execPath, ['-e', '0'], { rss: true });
    floor.push(run.processes[0].maxRssKiB);
    for (const c of order) {
      const result = runTimed(process.execPath, [RATSFEDER, 'export', c.draft, '-o', c.out, '--ueberschreiben', '--heute', '2025-06-01'], { rss: true });
      check(result.code === 0, `export of ${c.count} ${c.notes ? 'footnotes' : 'paragraphs'} failed (${result.code}): ${result.stderr.slice(0, 300)}`);
      const docx = readFileSync(c.out);
      check(docx.subarray(0, 2).toString() === 'PK', `export of ${c.count} did not write a .docx`);
      // Every footnote must be in the document: Word numbers them from the footnotes part.
      if (c.notes) check(docx.length > c.count * 5, `the .docx of ${c.count} footnotes is too small (${docx.length} bytes)`);
      peaks.get(c)?.push(Math.max(...result.processes.map((p) => p.maxRssKiB)));
    }
  }
  const floorKiB = median(floor);
  const peak = (count, notes) => median(peaks.get(cases.find((c) => c.count === count && c.notes === notes)));
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  const growth = (peak(last, true) - floorKiB) / (peak(first, true) - floorKiB);
  const perFootnote = ((peak(last, true) - peak(first, true)) / (last - first)) * 1024;
  const perParagraph = ((peak(last, false) - peak(first, false)) / (last - first)) * 1024;
  const kib = (count, notes) => cases.find((c) => c.count === count && c.notes === notes).bytes / 1024;
  const figures = [
    ...sizes.map((count) =>
      figure(`exportMemory.footnotes${count}`, `peak RSS of ratsfeder export, ${count.toLocaleString('en-US')} footnotes`, peak(count, true), {
        unit: 'KiB',
        detail: `${kib(count, true).toFixed(0)} KiB draft; the same ${count.toLocaleString('en-US')} paragraphs without footnotes (${kib(count, false).toFixed(0)} KiB): ${(peak(count, false) / 1024).toFixed(1)} MiB; node -e 0: ${(floorKiB / 1024).toFixed(1)} MiB`,
      }),
    ),
    figure('exportMemory.growth', `peak RSS above node -e 0, ${last.toLocaleString('en-US')} ÷ ${first.toLocaleString('en-US')} footnotes (linear: ${last / first}×)`, growth, {
      goal: '<=',
      limit: (GOALS.growth * last) / SIZES[SIZES.length - 1],
      detail: `${(perFootnote / 1024).toFixed(1)} KiB per footnote, ${(perParagraph / 1024).toFixed(1)} KiB per paragraph without; medians of ${rounds} interleaved rounds`,
    }),
  ];
  printFigures(figures);
  writeResult(opts.json, {
    name: 'export-memory',
    title: 'DOCX export memory',
    figures,
    info: { rounds, sizes, floorKiB, perFootnoteBytes: perFootnote, perParagraphBytes: perParagraph, quick: opts.quick },
  });
});
