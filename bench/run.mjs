// Runs the whole benchmark suite and writes BENCHMARKS.md.
//
//   npm run bench                  build, then the full suite (a few minutes)
//   npm run bench -- --quick       build, then a reduced suite (under two minutes)
//   node bench/run.mjs [--quick] [--no-write]
//
// Each benchmark runs in its own Node process (so that one's JIT and heap state cannot affect
// another) and hands its figures back as JSON. Any benchmark that crashes or sees wrong output
// (a tool that did not check every draft, a clean draft with findings, …) makes this script
// exit non-zero; a goal that is missed is reported in the table, not as a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, CORPUS, formatGoal, formatValue, installedVersion, ROOT, table } from './lib.mjs';

const argv = process.argv.slice(2);
for (const arg of argv) {
  if (arg !== '--quick' && arg !== '--no-write') {
    process.stderr.write(`bench: unknown argument ${arg} (use --quick, --no-write)\n`);
    process.exit(2);
  }
}
const quick = argv.includes('--quick');
const write = !argv.includes('--no-write');
const drafts = quick ? 300 : 1000;

const STEPS = [
  { name: 'corpus', script: 'corpus.mjs', args: ['--drafts', String(drafts)], json: false },
  { name: 'analysis', script: 'analysis.mjs', args: [] },
  { name: 'listheavy', script: 'listheavy.mjs', args: [] },
  { name: 'keystroke', script: 'keystroke.mjs', args: [] },
  { name: 'cli', script: 'cli.mjs', args: ['--drafts', String(drafts)] },
  { name: 'register', script: 'register.mjs', args: [] },
  { name: 'sync', script: 'sync.mjs', args: [] },
  { name: 'real-titles', script: 'real-titles.mjs', args: [] },
  { name: 'workspace', script: 'workspace.mjs', args: [] },
  { name: 'similar', script: 'similar.mjs', args: [] },
  { name: 'similar-eval', script: 'similar-eval.mjs', args: [] },
  { name: 'export', script: 'export.mjs', args: [] },
  { name: 'export-memory', script: 'export-memory.mjs', args: [] },
  { name: 'vorlage', script: 'vorlage.mjs', args: [] },
  { name: 'spelling', script: 'spelling.mjs', args: [] },
];

const started = new Date();
const load = os.loadavg();
const resultsDir = path.join(CORPUS, '.build', 'results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const results = [];
const failures = [];
const t0 = Date.now();
for (const step of STEPS) {
  const json = step.json === false ? undefined : path.join(resultsDir, `${step.name}.json`);
  const args = [path.join(BENCH, step.script), ...step.args, ...(quick ? ['--quick'] : []), ...(json ? ['--json', json] : [])];
  console.log(`\n=== ${step.name}: node ${path.relative(ROOT, args[0])} ${args.slice(1).join(' ')}`);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env });
  if (run.status !== 0) {
    failures.push(`${step.name} (exit ${run.status ?? run.signal})`);
    continue;
  }
  if (json) results.push(JSON.parse(readFileSync(json, 'utf8')));
}
const seconds = (Date.now() - t0) / 1000;

const all = results.flatMap((r) => r.figures.map((f) => ({ ...f, bench: r.name })));
const missed = all.filter((f) => f.met === false);

console.log(`\n=== summary (${quick ? 'quick' : 'full'} run, ${seconds.toFixed(0)} s)`);
console.log(table([['figure', 'value', 'goal', 'met'], ...all.map((f) => [f.label, formatValue(f), formatGoal(f), f.met === undefined ? '' : f.met ? 'yes' : 'NO'])]));
if (missed.length) console.log(`\ngoals missed: ${missed.map((f) => f.key).join(', ')}`);
if (failures.length) console.error(`\nbench: FAILED: ${failures.join(', ')}`);

if (write) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  writeFileSync(file, report({ results, all, missed, failures, seconds }));
  console.log(`\nwrote ${path.relative(process.cwd(), file) || file}`);
  const svg = path.join(ROOT, 'docs', 'bilder', 'benchmarks.svg');
  writeFileSync(svg, chart(all.filter((f) => f.unit === '×' && typeof f.value === 'number' && f.goal === '<=')));
  console.log(`wrote ${path.relative(process.cwd(), svg)}`);
}
process.exitCode = failures.length ? 1 : 0;

// ---------------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((c) => c.model.trim()))].join(', ');
  return [
    `- CPU: ${cpus.length} × ${models}${cpus[0]?.speed ? ` (${cpus[0].speed} MHz)` : ''}`,
    `- memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node.js: ${process.version}`,
    `- load average at start: ${load.map((l) => l.toFixed(2)).join(', ')}`,
  ].join('\n');
}

function versions() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const get = (name) => {
    try {
      return installedVersion(name);
    } catch {
      return '?';
    }
  };
  return `ratsfeder ${pkg.version}; micromark ${get('micromark')}, remark-parse ${get('remark-parse')}, yaml ${get('yaml')}; markdownlint-cli2 ${get('markdownlint-cli2')} (markdownlint ${get('markdownlint')})`;
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|');
}

function report({ results, all, missed, failures, seconds }) {
  const byName = Object.fromEntries(results.map((r) => [r.name, r]));
  const lines = [];
  lines.push('# Benchmarks', '');
  lines.push(
    'Written by `bench/run.mjs` (`npm run bench`; `npm run bench -- --quick` for a reduced run). Do not edit by hand: run the suite again.',
    '',
    'The machines this runs on are shared and noisy, so every speed figure is a **ratio of two contenders measured side by side**:',
    'interleaved (alternating order), several rounds, the median of the per-round ratios, with its interquartile range.',
    'Milliseconds appear only for orientation; compare them only within one run.',
    'Exception: the document register’s goals are absolute (milliseconds, MiB), as its issue states them; those figures are medians over',
    'fresh processes or many calls, each measured beside a floor (JSON.parse of the same file, reading the same files, a server without a register).',
    '',
  );
  lines.push('![Ratios measured side by side, with their goals](docs/bilder/benchmarks.svg)', '');
  lines.push('## This run', '');
  lines.push(`- date: ${started.toISOString()}`);
  lines.push(`- command: \`node bench/run.mjs${quick ? ' --quick' : ''}\` (${quick ? 'quick' : 'full'} run, ${seconds.toFixed(0)} s)`);
  lines.push(`- versions: ${versions()}`);
  lines.push(machine(), '');
  if (failures.length) lines.push(`**FAILED:** ${failures.join(', ')}: their figures are missing below.`, '');

  lines.push('## Figures', '');
  lines.push('| figure | value | goal | met | detail |', '| --- | ---: | --- | --- | --- |');
  for (const f of all) {
    lines.push(`| ${cell(f.label)} | ${cell(formatValue(f))} | ${cell(formatGoal(f))} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} | ${cell(f.detail ?? '')} |`);
  }
  lines.push('');
  lines.push(missed.length ? `Goals missed: ${missed.map((f) => `\`${f.key}\``).join(', ')}.` : 'All goals met.', '');

  const analysis = byName.analysis;
  if (analysis) {
    const { perCallMs, bytes, rounds } = analysis.info;
    lines.push('## Analysis vs parse (`bench/analysis.mjs`)', '');
    lines.push(
      `In-process, after warm-up, on one generated ${(bytes / 1024).toFixed(1)} KiB Antrag (\`bench/.corpus/draft-5k.md\`): \`checkText\` (parse, front matter, analysis, all rules)`,
      `against \`parseWhole\` (remark alone), with \`analyse\` (no rules) as a third contender, both parsing from scratch, and \`checkText\` after a keystroke`,
      `(the draft's other pieces parsed before, as in the editor) as a fourth; ${rounds} interleaved rounds.`,
      `Per call, for orientation: parse ${perCallMs.parseWhole.toFixed(2)} ms, analyse ${perCallMs.analyse.toFixed(2)} ms, checkText ${perCallMs.checkText.toFixed(2)} ms, checkText after a keystroke ${perCallMs.keystroke.toFixed(2)} ms.`,
      'Goal ≤ 1.3×: what Ratsfeder adds to the parser costs at most 30 % of the parse.',
      '',
    );
  }
  const lh = byName.listheavy;
  if (lh) {
    const { micromark, kib, shape, parseMs, checkMs } = lh.info;
    lines.push('## List-heavy scaling (`bench/listheavy.mjs`)', '');
    lines.push(
      `A ${kib.big.toFixed(0)} KiB Antrag whose Beschlussvorschlag is one long numbered list (${shape.items} items, ${shape.lists} lists, ${shape.quotes} block quotes, nesting depth ${shape.maxDepth},`,
      `lazy and indented continuation lines), and its ${kib.small.toFixed(0)} KiB prefix. micromark 4.0.3 was found to parse this kind of draft in quadratic time,`,
      `which is why package.json pins 4.0.2 via "overrides"; this is the regression guard. Installed: micromark ${micromark}.`,
      `Parse, for orientation: ${parseMs.big.toFixed(0)} ms (${(parseMs.big / kib.big).toFixed(2)} ms/KiB) and ${parseMs.small.toFixed(0)} ms (${(parseMs.small / kib.small).toFixed(2)} ms/KiB);`,
      `checkText ${checkMs.big.toFixed(0)} ms and ${checkMs.small.toFixed(0)} ms. Four times the text should take about four times as long (quadratic: sixteen); goal ≤ 6×.`,
      '',
    );
  }
  const cli = byName.cli;
  if (cli) {
    const i = cli.info;
    lines.push('## CLI (`bench/cli.mjs`)', '');
    lines.push(
      `${i.drafts} generated drafts (${(i.bytes / 1024 / 1024).toFixed(1)} MiB; Anträge, Anfragen, Änderungsanträge of 3–8 KB, ${i.withMistakes} with one deliberate mistake), the same glob for both tools, run in \`${i.commands.cwd}/\`:`,
      '',
      `- \`${i.commands.ratsfeder}\``,
      `- \`${i.commands.markdownlint}\` (default configuration: all rules)`,
      '',
      `${i.rounds} interleaved rounds each. Every run is checked: ratsfeder must report exactly ${i.drafts} drafts and exactly the ${i.withMistakes} with mistakes`,
      '(one run with `--format json` checks each file and rule), markdownlint-cli2 must report `Linting: N file(s)` and findings in every file.',
      `Median wall time, for orientation: ratsfeder ${(i.wallMs.ratsfeder / 1000).toFixed(2)} s, markdownlint-cli2 ${(i.wallMs.markdownlint / 1000).toFixed(2)} s.`,
      'Peak RSS comes from a preload script (`bench/maxrss-preload.cjs`, via `NODE_OPTIONS=--require=…`) that records `process.resourceUsage().maxRSS` at exit;',
      `each tool ran as ${i.processesPerRun.ratsfeder} and ${i.processesPerRun.markdownlint} Node process(es) per run.`,
      '',
      `Start-up: ${i.startupRounds} interleaved rounds of \`node -e 0\` (the floor), \`ratsfeder --version\`, \`ratsfeder check\` on the 5 KB draft and markdownlint-cli2 on the same draft.`,
      `Medians, for orientation: ${Object.entries(i.startupMs)
        .map(([k, v]) => `${{ floor: 'node -e 0', version: '--version', checkOne: 'check one draft', markdownlintOne: 'markdownlint-cli2 one draft' }[k] ?? k} ${v.toFixed(0)} ms`)
        .join(', ')}.`,
      '',
    );
  }
  const register = byName.register;
  if (register) {
    const i = register.info;
    const n = i.sizes.papers.toLocaleString('en-US');
    const d = i.sizes.drafts.toLocaleString('en-US');
    const sp = i.sizes.syncPapers.toLocaleString('en-US');
    const srv = i.server;
    lines.push('## Document register (`bench/register.mjs`)', '');
    lines.push(
      `Generated deterministically (\`bench/register-corpus.mjs\`, under \`bench/.corpus/.register/\`): an OParl cache of ${n} Leipzig-style papers (${(i.cacheBytes / 1024 / 1024).toFixed(1)} MiB; periods V–VIII, all type codes, one in seven a follow-up such as \`-NF-01\` or \`-ÄA-02\`),`,
      `a workspace of ${d} drafts (${i.workspace.numbered} with a \`nummer:\`, ${(i.workspace.bytes / 1024 / 1024).toFixed(1)} MiB) with a register file of ${i.workspace.fileEntries} entries.`,
      '',
      ...(i.quick ? ['**Quick run:** smaller sizes than the goals are stated for; those figures show the goal but do not judge it.', ''] : []),
      `- **Cache → register** (goal ≤ ${300} ms): \`loadCache\` + \`new RegisterIndex\` in a fresh process per round, ${i.plan.load} rounds interleaved with a floor, \`JSON.parse\` of the same file.`,
      `  Medians: loadCache ${i.load.readParseMs.toFixed(0)} ms (of which JSON.parse alone ≈ ${i.load.jsonParseMs.toFixed(0)} ms), RegisterIndex ${i.load.indexMs.toFixed(0)} ms;`,
      `  then, timed apart, the first title search on the fresh register: ${i.load.firstSearchMs.toFixed(0)} ms (what the first title completion after start-up waits).`,
      `- **Completion** (goal p99 ≤ 10 ms): \`service.completions\` in-process (the draft's analysis cached, as between keystrokes), ${i.completion.queries} realistic queries:`,
      `  ${i.completion.counts.number} number prefixes typed character by character from \`VIII-\` on, ${i.completion.counts.title} title-word prefixes from the third letter on (a \`bezug:\` list item), after two warm-up passes; ${i.plan.passes} timed passes.`,
      `  Slowest (median): ${i.completion.slowest.slice(0, 4).map((q) => `\`${q.typed}\` ${q.medianMs.toFixed(1)} ms`).join(', ')}.`,
      `- **Language server**: \`dist/server.js --stdio\` with XDG_CACHE_HOME pointing at a copy of the cache, a pull-diagnostics client; from \`initialized\` to its \`workspace/diagnostic/refresh\`, then VmRSS and VmHWM from /proc; ${i.plan.server} rounds of four configurations:`,
      ...Object.values(srv).map((c) => `  ${c.label}: ${c.indexMs.toFixed(0)} ms, VmRSS ${(c.rssKiB / 1024).toFixed(1)} MiB, VmHWM ${(c.hwmKiB / 1024).toFixed(1)} MiB;`),
      `  memory goal ≤ 150 MiB for the ${n}-document register (read as MiB), taken at the refresh, when the garbage of loading the cache is still resident.`,
      ...(i.serverIdle
        ? [
            `  Once per run that server is used (a title search) and left idle for ${(i.serverIdle.idleMs / 1000).toFixed(0)} s: VmRSS ${(i.serverIdle.afterSearchKiB / 1024).toFixed(1)} MiB after the search,`,
            `  lowest ${(i.serverIdle.rssKiB / 1024).toFixed(1)} MiB (after ${(i.serverIdle.atMs / 1000).toFixed(1)} s), once V8 has given the garbage back.`,
          ]
        : []),
      `- **Workspace** (goal ≤ 2 s): \`RegisterStore.loadFolder\` + \`register()\` in a fresh process, ${i.plan.folder} rounds interleaved with reading the same files (${i.folder.readFilesMs.toFixed(0)} ms): loadFolder ${i.folder.loadFolderMs.toFixed(0)} ms, register() ${i.folder.registerMs.toFixed(0)} ms.`,
      `- **OParl sync** (goals: full ≤ 30 s, incremental ≤ 1 s): \`syncOparl\` in a fresh process against \`bench/oparl-server.mjs\` on 127.0.0.1 (a separate process: ${sp} papers of ≈ 1.7 KB as ALLRIS sends them, ${i.sync.pages} pages of 100, gzip),`,
      `  ${i.sync.fullRounds} full syncs and ${i.sync.incrementalRounds} incremental ones (\`modified_since\`: ${i.sizes.changes} papers, of them 10 % deleted and 10 % new). Every sync is checked: counts, and the resulting cache must equal the expected one exactly.`,
      '',
    );
  }
  const sync = byName.sync;
  if (sync) {
    const i = sync.info;
    lines.push('## OParl sync at Leipzig’s scale (`bench/sync.mjs`)', '');
    lines.push(
      `\`bench/sync-server.mjs\` (a separate process on 127.0.0.1) serves ${i.papers.toLocaleString('en-US')} generated papers as ALLRIS 4 does: ${i.pages.toLocaleString('en-US')} pages of 10, oldest first, each request answered after ${i.latencyMs} ms,`,
      'every `created`/`modified` stamped 2000-01-01 (as Leipzig’s newer host was reported to do). Each sync runs in a fresh process (`bench/sync-child.mjs`) as `ratsfeder register sync` does:',
      'checkpoints saved beside the cache while it runs, the cache saved at the end. The server counts the requests in flight and how often each page is asked for.',
      '',
      ...(i.quick ? ['**Quick run:** fewer papers than the goals are stated for; those figures show the goal but do not judge it.', ''] : []),
      '- **Full sync** (goal ≤ 3 min, at most 4 requests at once): from an empty cache.',
      `- **Resumed sync** (goal ≤ 5 % of the done pages fetched again): a full sync killed with SIGKILL once its checkpoint says half the pages are done (${i.fetchedBefore} pages had been fetched), then started again; ${i.refetched} of those pages were fetched again.`,
      '- **Update** (goal ≤ 10 s): 100 papers appended at the end of the list; `modified_since` cannot find them, so the update pages from `links.last` backwards until it meets known papers.',
      '',
    );
  }
  const real = byName['real-titles'];
  if (real) {
    const i = real.info;
    lines.push('## The register on real titles (`bench/real-titles.mjs`)', '');
    lines.push(
      `Karlsruhe’s 14,004 papers as its OParl interface sent them (\`test/councils/karlsruhe.json.br\`), each made a register entry by the sync’s own mapping with the Karlsruhe profile: ${i.entries} entries (${i.unfitting} under their reference as written).`,
      `Queries from ${i.queries} real papers: number prefixes and title-word prefixes for completion, and each title with one word left out, in lower case, for similar documents; ${i.passes} timed passes after one untimed.`,
      '',
    );
  }
  const evaluation = byName['similar-eval'];
  if (evaluation) {
    const i = evaluation.info;
    lines.push('## Similar documents on real titles (`bench/similar-eval.mjs`)', '');
    lines.push(
      `The evaluation set \`test/similar-eval/drafts.yaml\`: ${i.drafts} drafts worded as staff would write them (compounds split or joined, synonyms, inflection, reordered words, an Anfrage after an Antrag), ${i.withRelated} labelled by reading with the real papers of Karlsruhe (13,736 entries) and Leipzig (308) a person would call related, ${i.withoutRelated} with none. Each draft is asked of its council's register as the rule \`aehnliches-dokument\` asks it; the threshold is the rule's default (${i.threshold}).`,
      '',
    );
  }
  const similar = byName.similar;
  if (similar) {
    const i = similar.info;
    lines.push('## Similar documents (`bench/similar.mjs`)', '');
    lines.push(
      `The OParl cache of the register benchmark (${i.papers.toLocaleString('en-US')} papers, titles only) as one \`RegisterIndex\`; its similarity index (BM25, German stemming) built as \`RegisterIndex.similar\` builds it on first use.`,
      '',
      ...(i.quick ? ['**Quick run:** a smaller register than the goals are stated for; those figures show the goals but do not judge them.'] : []),
      `- **Query** (goal p99 ≤ 20 ms): \`RegisterIndex.similar\` in-process, limit 5, the draft's citations left out, ${i.queries} drafts: generated drafts (\`bench/corpus.mjs\`, title and opening as \`draftQuery\` takes them)`,
      `  and register titles reworded (a word left out, lower case, umlauts spelled out) above such an opening; after two warm-up passes, ${i.passes} timed passes. Every repeated title (${i.exact}) must come back first with score 1.`,
      `- **Build** (goal ≤ 50 % of loading the register) and **heap** (goal ≤ 50 MB, read as MiB): ${i.rounds} fresh processes (\`node --expose-gc\`): loadCache + RegisterIndex (${i.loadMs.toFixed(0)} ms), then the index (${i.buildMs.toFixed(0)} ms);`,
      '  heapUsed after two forced collections before and after building it.',
      '',
    );
  }
  const exp = results.find((r) => r.name === 'export');
  if (exp) {
    lines.push('## DOCX export (`bench/export.mjs`)', '');
    lines.push(
      `The generated 5 KB Antrag alone in a folder: \`ratsfeder export\` against \`${exp.info.pandoc}\` converting the same Markdown to DOCX, whole processes, ${exp.info.rounds} interleaved rounds`,
      `(medians for orientation: ratsfeder ${exp.info.wallMs.ratsfeder.toFixed(0)} ms, pandoc ${exp.info.wallMs.pandoc.toFixed(0)} ms). In-process after warm-up: \`checkText\` + \`buildDocModel\` + \`writeDocx\`, as \`exportDraft\` does them,`,
      'on the same draft and on a 500 KB list-heavy draft (`listHeavy` from `bench/corpus.mjs`). Every export is checked to be a .docx.',
      `Two references run in the same rounds: \`node -e 0\` (${exp.info.wallMs.node.toFixed(0)} ms), the floor of anything in Node, and Node loading the docx library and nothing else`,
      `(${exp.info.wallMs.nodeDocx.toFixed(0)} ms; its CommonJS build from node_modules, which is larger than the part of it the export bundle carries).`,
      '',
    );
  }
  const exportMemory = byName['export-memory'];
  if (exportMemory) {
    const i = exportMemory.info;
    lines.push('## DOCX export memory (`bench/export-memory.mjs`)', '');
    lines.push(
      `Generated Anträge with ${i.sizes.map((n) => n.toLocaleString('en-US')).join(', ')} footnotes (a paragraph citing each, the definitions below), each beside one with as many paragraphs and no footnotes;`,
      `peak RSS of \`node bin/ratsfeder.js export\` as a whole process (\`bench/maxrss-preload.cjs\`), medians of ${i.rounds} interleaved rounds, \`node -e 0\` (${(i.floorKiB / 1024).toFixed(1)} MiB) as the floor.`,
      `A footnote costs ${(i.perFootnoteBytes / 1024).toFixed(1)} KiB at the peak, a paragraph without one ${(i.perParagraphBytes / 1024).toFixed(1)} KiB. The peak is the Markdown parse of the whole draft (micromark's events,`,
      'some 0.5 to 0.8 KiB per character of text; a draft with footnote definitions is always parsed whole); what Ratsfeder keeps of the model and the DOCX stays below it.',
      'Goal: no worse than linear (ten times the footnotes, at most ten times the memory above the floor).',
      '',
    );
  }
  if (byName.vorlage) {
    lines.push('## The text of a referenced Vorlage (`bench/vorlage.mjs`)', '');
    lines.push(
      'A Vorlage PDF of 20-odd pages, made by LibreOffice from a DOCX laid out as a council’s (letterhead, footer “Seite n von m”, the Beschlussvorschlag with three numbered points, a long Begründung;',
      '`test/vorlage-pdf.ts`), served from 127.0.0.1: fetched through the sync’s HTTP client, its text layer read with PDF.js (the shipped `dist/pdf.js`), the Beschlussvorschlag found',
      'and the text kept beside the cache, as `ratsfeder register text` and the editor do it. The goal is for a fresh process, PDF.js loaded on first use; beside it, the warm figure,',
      'and `ratsfeder register text` as a whole process against poppler’s `pdftotext` reading the same file from disk.',
      '',
    );
  }
  const spelling = byName.spelling;
  if (spelling) lines.push(...spellingSection(spelling.info), '');
  lines.push('## Goals', '');
  lines.push(
    '- analysis ≤ 1.3 × parse: the project’s goal.',
    '- micromark = 4.0.2 and list-heavy scaling ≤ 6×: the pin in package.json, and linear parsing (≈ 4× for 4× the text).',
    '- Proposed with this suite, to be revised: `ratsfeder check` no slower and no larger (peak RSS) than markdownlint-cli2 on the same drafts;',
    '  `ratsfeder --version` ≤ 1.5 × and a one-draft `ratsfeder check` ≤ 3 × the start-up of `node -e 0` (a commit hook runs it on every commit).',
    '- Document register, from the issue that introduced it (absolute, for 100,000 documents, 5,000 drafts, 100,000 papers): register from the cache ≤ 300 ms;',
    '  completion p99 ≤ 10 ms; language server ≤ 150 MB resident; 5,000 drafts indexed ≤ 2 s; full OParl sync ≤ 30 s, incremental (100 papers) ≤ 1 s.',
    '  These are medians over fresh processes, not ratios: compare them only on a quiet machine, and with the floors measured beside them.',
    '  Also checked: completion of a number whose type code has lower-case letters (`VIII-Ifo-…`), which must offer it.',
    '- OParl sync at Leipzig’s scale, from the real-council issue (absolute, 50,000 papers in pages of 10, 100 ms per request): full sync ≤ 3 min with at most 4 requests at once;',
    '  after a kill at half-way the resumed sync fetches ≤ 5 % of the done pages again; an update with 100 new papers where `modified` is useless ≤ 10 s.',
    '- Similar documents, from their issue (absolute, for 100,000 documents): query p99 ≤ 20 ms in-process; building the index ≤ 50 % of loading the register; the index ≤ 50 MB of heap.',
    '- DOCX export, from its issue: a 5 KB draft, whole process, no slower than pandoc (ratio); in-process ≤ 50 ms after warm-up; a 500 KB draft ≤ 2 s.',
    '  Its memory grows no worse than linearly with the footnotes (`bench/export-memory.mjs`).',
    '- Workspace indexing and symbol search of 5,000 drafts no slower than vscode-markdown-languageservice on the same files (`bench/workspace.mjs`).',
    '- Spelling (`rechtschreibung`), from its issue: the rule adds ≤ 2 ms p99 to an analysis after a keystroke; the dictionary loads in ≤ 300 ms and ≤ 60 MB',
    '  (a fresh process; the language server’s spelling thread); on real titles ≤ 1 % of the words flagged that a person calls correct; ≥ 95 % of planted typos flagged,',
    '  the intended word among the first three suggestions for ≥ 85 %.',
    '- Keystroke to diagnostics over LSP, 5 KB draft, p99 ≤ 16 ms (one display frame), measured under a burst of keystrokes 5 ms apart with a diagnostic request after each',
    '  (`bench/keystroke.mjs`; a latency is the time from sending a change to the first diagnostic answer that includes it), after a warm-up burst of',
    '  the same kind; the first burst after start-up and keystrokes 30 ms apart (a typist faster than anyone) are reported beside it, not judged.',
    '',
  );
  return `${lines.join('\n')}`;
}

/** The spelling section: how each figure of `bench/spelling.mjs` was measured. */
function spellingSection(i) {
  return [
    '## Spelling (`bench/spelling.mjs`)',
    '',
    `- **Dictionary load**: \`require('dist/hunspell-de.js').loadEngine()\` (Hunspell compiled to WebAssembly, igerman98 from \`dictionary-de\`) in ${i.load.ms.length} fresh processes; time and the RSS it adds (\`process.memoryUsage().rss\` before and after).`,
    `- **Language server**: \`dist/server.js --stdio\` with an example draft and one typo open; with the rule on, diagnostics are pulled until the typo is reported (the spelling thread has loaded and answered), then VmRSS from /proc after 0.5 s; against the same server with \`regeln: { rechtschreibung: aus }\`, ${i.server.onMiB.length} rounds in alternating order.`,
    `  The time to the first diagnostics is measured beside it: the thread loads off that path.`,
    `- **Keystroke**: \`checkText\` in-process on \`examples/verwaltungsdigitalisierung.antrag.md\` while sentences are typed at its end one character at a time (${i.keystroke.count} keystrokes after 200 untimed), rule on and off alternating;`,
    '  as in the editor, answered words are remembered and a new word is answered between keystrokes (untimed), so a keystroke costs the rule only its changed words. The changed piece is parsed once before both, untimed.',
    `- **Suggestions**: \`engine.suggestions\` (the likely slips, each checked against the dictionary; Hunspell's own suggestions are not used, since they depend on how busy the machine is) for ${i.suggestions.count} planted typos of \`test/rechtschreibung-eval/tippfehler.tsv\`, each once.`,
    '- **Evaluation**: `test/rechtschreibung-eval.test.ts` (its method is in its first comment): real titles of Karlsruhe, Leipzig and Hürtgenwald split in halves by a hash of the paper id, each judged with the other half’s register; flagged words read and sorted into real misspellings and false flags; planted typos made by a script and read through.',
    '- nspell 2.1.5 (pure JavaScript, Hunspell-compatible) with the same `dictionary-de`, measured once beside it: loading took 1.3–1.6 s and added about 81 MiB RSS (peak 135–142 MiB),',
    '  and it rejects “Schulsporthallensanierung” (and “Sporthalle”): it does not form compounds, which German council text is full of; this is why the WebAssembly Hunspell was chosen.',
  ];
}

/**
 * The side-by-side ratios as a bar chart (SVG): one bar per figure, on a logarithmic scale
 * around 1× (as fast as the other tool), with each goal marked. Green: goal met.
 */
function chart(figures) {
  const rowH = 34;
  const left = 430;
  const width = 900;
  const plot = width - left - 70;
  const min = Math.log10(0.1);
  const max = Math.log10(10);
  const x = (value) => left + ((Math.log10(Math.min(10, Math.max(0.1, value))) - min) / (max - min)) * plot;
  const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const height = 50 + figures.length * rowH + 30;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">Ratios measured side by side (median; lower is faster; dashed: the goal)</text>`,
  ];
  for (const tick of [0.1, 0.25, 0.5, 1, 2, 4, 10]) {
    parts.push(`<line x1="${x(tick)}" y1="40" x2="${x(tick)}" y2="${height - 30}" stroke="${tick === 1 ? '#555' : '#ddd'}"/>`);
    parts.push(`<text x="${x(tick)}" y="${height - 12}" text-anchor="middle" fill="#555">${tick}×</text>`);
  }
  figures.forEach((figure, index) => {
    const y = 50 + index * rowH;
    const colour = figure.met ? '#2e7d32' : '#c62828';
    parts.push(`<text x="10" y="${y + 15}">${escape(figure.label.length > 68 ? `${figure.label.slice(0, 67)}…` : figure.label)}</text>`);
    const from = x(Math.min(1, figure.value));
    const to = x(Math.max(1, figure.value));
    parts.push(`<rect x="${from}" y="${y + 4}" width="${Math.max(1, to - from)}" height="${rowH - 14}" fill="${colour}" opacity="0.8"/>`);
    parts.push(`<line x1="${x(figure.limit)}" y1="${y}" x2="${x(figure.limit)}" y2="${y + rowH - 6}" stroke="black" stroke-dasharray="3,2"/>`);
    parts.push(`<text x="${to + 6}" y="${y + 15}">${figure.value.toFixed(2)}×</text>`);
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
