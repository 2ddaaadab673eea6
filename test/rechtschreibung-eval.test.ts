import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { COUNCILS, judgeCouncil, judgeExamples, judgeTypos, realErrors, typos, type Judged, type TypoResult } from './rechtschreibung-eval/evaluate.js';
import { speller } from './helpers.js';

/*
 * The spelling rule `rechtschreibung` held to its goals on real text.
 *
 * Method. False flags: the paper titles of Karlsruhe (13,736 papers), Leipzig (308) and
 * Hürtgenwald (2,115), as their OParl servers sent them (test/councils/*.json.br), are split into two halves by a hash
 * of the paper's id. The words of each half are judged as the rule judges a draft's words
 * (`scanWords`, `judge`) with the council's built-in profile and the register vocabulary built
 * from the other half's titles only, so that no title vouches for its own words. The bundled
 * examples (examples/*.md) are judged as the command line checks them there (Leipzig profile,
 * the folder's register file). Every flagged word is either a real misspelling of the text,
 * found by reading and listed with its reason in rechtschreibung-eval/echte-fehler.txt (names,
 * streets, English words and abbreviations without a dot count as correct), or a false flag.
 * Goal: false flags ≤ 1 % of the words judged (tokens), per council and for the examples.
 * The rule's register vocabulary is what it has in use: the words of two titles or more, and a
 * word of one title where no word is one likely slip away (spelling/assess.ts).
 * Karlsruhe's titles are sampled to keep the test within a minute: every second paper of each
 * half (by its place in the fixture, a fixed choice); the register vocabulary is still built
 * from all of the other half. Leipzig's and Hürtgenwald's titles are judged in full.
 * Hürtgenwald joined the evaluation when the readings of quoted names and names before a legal
 * form were written, and its titles were read for them: it is not held out. No word list was
 * changed for its words.
 *
 * Typos: rechtschreibung-eval/tippfehler.tsv, made once by tippfehler.mjs from correct words
 * of the same titles and examples (fixed seed) and read through; each is judged with the
 * vocabulary the word it was made from would be judged with (the other half's register).
 * Goals: ≥ 95 % flagged, and the intended word among the rule's fixes (the first three
 * suggestions) for ≥ 85 %.
 *
 * The rule's own word lists (loanwords, the administration's words igerman98 lacks, the
 * profiles' districts) count here as for any draft, and some of their words stand in these
 * titles ("Planfeststellung", "überplanmäßig", Leipzig's districts): the figures are not free
 * of them. The Leipzig profile's villages, waters, parks and neighbours and two administrative
 * words ("grundhaft", "Zuwegung") were added after reading Leipzig's flags here; seven of those
 * names ("Gottscheina", "Hohenheida", "Göbschelwitz", "Hänichen", "Krostitz", "Rietzschke",
 * "Mariannenpark") stand among them. They are real names and common words, but Leipzig's
 * figure is not independent of them. The figures are printed, and written as JSON to $RATSFEDER_EVAL_JSON when set
 * (bench/spelling.mjs reads them).
 */

/** The goals. */
const FALSE_FLAGS = 0.01;
const TYPOS_FLAGGED = 0.95;
const TYPOS_FOUND = 0.85;

/**
 * Where a goal is not met yet, the test holds the rule to what it reached, so that it cannot
 * get worse unnoticed; the figures are printed beside the goal, and bench/spelling.mjs reports
 * the goal as missed. Every goal is met now: the record is empty.
 */
const REACHED: Record<string, number> = {};
/** Karlsruhe's titles: every n-th paper of each half. */
const SAMPLE: Record<string, number> = { karlsruhe: 2, leipzig: 1, huertgenwald: 1 };

const percent = (share: number) => `${(share * 100).toFixed(2)} %`;

interface Figures {
  readonly name: string;
  readonly tokens: number;
  readonly distinct: number;
  readonly flagged: number;
  readonly realErrors: number;
  readonly falseFlags: number;
  readonly share: number;
  readonly top: readonly string[];
}

function figures(judged: Judged, errors: ReadonlyMap<string, string>): Figures {
  const flags = [...judged.flags.values()];
  const wrong = flags.filter((flag) => !errors.has(flag.word));
  const falseFlags = wrong.reduce((sum, flag) => sum + flag.count, 0);
  const realCount = flags.filter((flag) => errors.has(flag.word)).reduce((sum, flag) => sum + flag.count, 0);
  return {
    name: judged.name,
    tokens: judged.tokens,
    distinct: judged.distinct,
    flagged: falseFlags + realCount,
    realErrors: realCount,
    falseFlags,
    share: falseFlags / judged.tokens,
    top: wrong
      .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
      .slice(0, 25)
      .map((flag) => `${flag.word} ×${flag.count}`),
  };
}

function describeFigures(f: Figures): string {
  return [
    `${f.name}: ${f.tokens} words judged (${f.distinct} distinct), ${f.flagged} flagged: ${f.realErrors} real misspellings, ${f.falseFlags} false flags = ${percent(f.share)} (goal ≤ ${percent(FALSE_FLAGS)})`,
    `  most frequent false flags: ${f.top.join(', ')}`,
  ].join('\n');
}

function describeTypos(results: readonly TypoResult[]): string {
  const flagged = results.filter((result) => result.flagged).length;
  const found = results.filter((result) => result.found).length;
  const kinds = [...new Set(results.map((result) => result.typo.art))].map((art) => {
    const of = results.filter((result) => result.typo.art === art);
    return `${art} ${of.filter((result) => result.flagged).length}/${of.filter((result) => result.found).length}/${of.length}`;
  });
  return [
    `typos: ${results.length}, flagged ${flagged} (${percent(flagged / results.length)}, goal ≥ ${percent(TYPOS_FLAGGED)}), intended word among the first three suggestions ${found} (${percent(found / results.length)}, goal ≥ ${percent(TYPOS_FOUND)})`,
    `  per kind (flagged/found/all): ${kinds.join(', ')}`,
    `  not flagged: ${results.filter((result) => !result.flagged).map((result) => `${result.typo.falsch} (${result.typo.richtig})`).join(', ') || '-'}`,
    `  intended word not among the fixes: ${results
      .filter((result) => result.flagged && !result.found)
      .map((result) => `${result.typo.falsch} → ${result.fixes.join(' | ') || '-'} (${result.typo.richtig})`)
      .join(', ') || '-'}`,
  ].join('\n');
}

describe('rechtschreibung on real text', () => {
  const errors = realErrors();
  const results: Record<string, unknown> = {};
  // Each text is judged once; the last test reads the flags again.
  const judged = new Map<string, Judged>();
  const judgedOnce = (name: string, run: () => Judged) => {
    if (!judged.has(name)) judged.set(name, run());
    return judged.get(name)!;
  };

  afterAllWrite(results);

  it.each(COUNCILS)('%s: false flags ≤ 1 % of the title words, judged with the other half’s register', (council) => {
    const councilJudged = judgedOnce(council, () => judgeCouncil(council, speller, SAMPLE[council]));
    const f = figures(councilJudged, errors);
    console.log(describeFigures(f));
    results[council] = { ...f, goal: FALSE_FLAGS, met: f.share <= FALSE_FLAGS, sample: SAMPLE[council] };
    expect(councilJudged.tokens).toBeGreaterThan(council === 'karlsruhe' ? 50_000 : 2_000);
    expect(f.share, describeFigures(f)).toBeLessThanOrEqual(Math.max(FALSE_FLAGS, REACHED[council] ?? 0));
  }, 600_000);

  it('examples: false flags ≤ 1 % of the words', () => {
    const examples = judgedOnce('examples', () => judgeExamples(speller));
    const f = figures(examples, errors);
    console.log(describeFigures(f));
    results.examples = { ...f, goal: FALSE_FLAGS, met: f.share <= FALSE_FLAGS };
    expect(examples.tokens).toBeGreaterThan(150);
    expect(f.share, describeFigures(f)).toBeLessThanOrEqual(FALSE_FLAGS);
  });

  it('planted typos: ≥ 95 % flagged, the intended word among the first three suggestions for ≥ 85 %', () => {
    const list = typos();
    expect(list.length).toBeGreaterThanOrEqual(100);
    expect(new Set(list.map((typo) => typo.falsch)).size).toBe(list.length);
    const typoResults = judgeTypos(list, speller);
    const text = describeTypos(typoResults);
    console.log(text);
    const flagged = typoResults.filter((result) => result.flagged).length / typoResults.length;
    const found = typoResults.filter((result) => result.found).length / typoResults.length;
    results.typos = {
      count: typoResults.length,
      flagged,
      found,
      goals: { flagged: TYPOS_FLAGGED, found: TYPOS_FOUND },
      misses: typoResults.filter((result) => !result.flagged).map((result) => result.typo.falsch),
      notFound: typoResults.filter((result) => result.flagged && !result.found).map((result) => result.typo.falsch),
    };
    expect(flagged, text).toBeGreaterThanOrEqual(TYPOS_FLAGGED);
    expect(found, text).toBeGreaterThanOrEqual(TYPOS_FOUND);
  }, 300_000);

  it('lists as real misspellings only words that the rule flags in these texts', () => {
    // A word on the list that the rule no longer flags where it stands is left over: the list stays what was read.
    const all = [...COUNCILS.map((council) => judgedOnce(council, () => judgeCouncil(council, speller, SAMPLE[council]))), judgedOnce('examples', () => judgeExamples(speller))];
    const leftOver = [...errors.keys()].filter((word) => all.some((judged) => judged.words.has(word)) && !all.some((judged) => judged.flags.has(word)));
    expect(leftOver).toEqual([]);
    for (const [word, reason] of errors) expect(reason, word).not.toBe('');
  }, 600_000);
});

/** The figures as JSON for bench/spelling.mjs, once every test has run. */
function afterAllWrite(results: Record<string, unknown>): void {
  const out = process.env.RATSFEDER_EVAL_JSON;
  if (!out) return;
  afterAll(() => writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`));
}
