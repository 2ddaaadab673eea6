import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALIBRATED_AT, uncalibrated } from '../server/src/register/similar.js';
import { evaluate, SETS, type Evaluation } from './similar-eval/evaluate.js';

/*
 * The similar-documents check on the evaluation set of real titles (test/similar-eval/):
 * drafts worded as staff would write them, each asked against its council's real register.
 */
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function table(evaluation: Evaluation): string {
  const { threshold, drafts, withRelated, withoutRelated, top1, top3, fires, falseAlarms, precision, recall } = evaluation;
  return [
    `similar-documents evaluation: ${drafts} drafts (${withRelated} with related papers, ${withoutRelated} without), threshold ${threshold}`,
    `  related paper first      ${percent(top1)}`,
    `  related paper in top 3   ${percent(top3)}`,
    `  finding fires (related)  ${percent(fires)}`,
    `  false alarms (none)      ${percent(falseAlarms)}`,
    `  precision of findings    ${percent(precision)}`,
    `  recall of findings       ${percent(recall)}`,
  ].join('\n');
}

/** Quartiles of the related papers' scores (drafts with related papers) and of the best hits' scores (drafts without). */
function distribution(evaluation: Evaluation): string {
  const quartiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2);
    return `min ${at(0)}  25 % ${at(0.25)}  median ${at(0.5)}  75 % ${at(0.75)}  max ${at(1)}`;
  };
  const withRelated = evaluation.results.filter((result) => result.draft.related.length > 0);
  const without = evaluation.results.filter((result) => result.draft.related.length === 0);
  return [
    `  score of the related paper   ${quartiles(withRelated.map((result) => result.relatedScore))}`,
    `  best hit, related drafts     ${quartiles(withRelated.map((result) => result.best?.score ?? 0))}`,
    `  best hit, unrelated drafts   ${quartiles(without.map((result) => result.best?.score ?? 0))}`,
  ].join('\n');
}

/** The drafts whose related paper ranks lowest (then scores lowest), with what the rule would show instead. */
function misses(evaluation: Evaluation, count = 10): string {
  const score = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(2));
  return evaluation.results
    .filter((result) => result.draft.related.length > 0 && result.rank !== 1)
    .sort((a, b) => (b.rank ?? Infinity) - (a.rank ?? Infinity) || a.relatedScore - b.relatedScore)
    .slice(0, count)
    .map((result) => `  ${JSON.stringify(result.draft.titel)} -> ${result.relatedNummer ?? ''} ${JSON.stringify(result.relatedTitel ?? '')}: rank ${result.rank ?? '>100'}, score ${score(result.relatedScore)}; best ${score(result.best?.score)} ${result.best?.entry.nummer ?? ''} ${JSON.stringify(result.best?.entry.titel ?? '')}`)
    .join('\n');
}

function figures(evaluation: Evaluation) {
  const { threshold, drafts, withRelated, withoutRelated, top1, top3, fires, falseAlarms, precision, recall } = evaluation;
  return { threshold, drafts, withRelated, withoutRelated, top1, top3, fires, falseAlarms, precision, recall };
}

describe('similar documents on the evaluation set', () => {
  const evaluation = evaluate();

  it('names only papers its registers hold, with at least 60 drafts and 20 without related papers', () => {
    expect(evaluation.missing).toEqual([]);
    expect(evaluation.withRelated).toBeGreaterThanOrEqual(60);
    expect(evaluation.withoutRelated).toBeGreaterThanOrEqual(20);
    expect(evaluation.results.filter((result) => result.draft.rat === 'leipzig' && result.draft.related.length > 0).length).toBeGreaterThanOrEqual(10);
    console.log(`${table(evaluation)}\n${distribution(evaluation)}\n  worst misses:\n${misses(evaluation)}`);
    // bench/similar-eval.mjs asks for the figures, for BENCHMARKS.md.
    const out = process.env.RATSFEDER_EVAL_JSON;
    if (out) writeFileSync(out, JSON.stringify(figures(evaluation)));
  });

  it('is calibrated: the default threshold is the least share at which at most one in twenty drafts without a related paper finds anything', () => {
    // The best hits' shares of the drafts without a related paper, highest first: the threshold
    // must lie above all but one in twenty of them, and not much higher, or related papers
    // that a person would call related go unreported.
    const shares = evaluation.results
      .filter((result) => result.draft.related.length === 0)
      .map((result) => uncalibrated(result.best?.score ?? 0))
      .sort((a, b) => b - a);
    const allowed = Math.floor(shares.length * 0.05);
    const least = shares[allowed]!;
    console.log(`  calibration: the threshold's share ${CALIBRATED_AT}, the least share with at most ${allowed} false alarms ${least.toFixed(3)}`);
    expect(CALIBRATED_AT).toBeGreaterThan(least);
    expect(CALIBRATED_AT).toBeLessThanOrEqual(least + 0.02);
  });

  it('says how it does on the held-out drafts, which it was not tuned on', () => {
    const heldOut = evaluate(undefined, SETS.heldOut);
    expect(heldOut.missing).toEqual([]);
    expect(heldOut.withRelated).toBeGreaterThanOrEqual(20);
    expect(heldOut.withoutRelated).toBeGreaterThanOrEqual(10);
    console.log(`held-out ${table(heldOut)}`);
    const out = process.env.RATSFEDER_EVAL_JSON;
    if (out) writeFileSync(out.replace(/\.json$/, '.held-out.json'), JSON.stringify(figures(heldOut)));
  });

  it('does not fall below the figures measured now', () => {
    expect(evaluation.top1).toBeGreaterThanOrEqual(FLOOR.top1);
    expect(evaluation.top3).toBeGreaterThanOrEqual(FLOOR.top3);
    expect(evaluation.fires).toBeGreaterThanOrEqual(FLOOR.fires);
    expect(evaluation.falseAlarms).toBeLessThanOrEqual(FLOOR.falseAlarms);
  });

  // The goals of the similar-documents work, at the calibrated default threshold: the finding
  // fires for 53 of the 67 related drafts, 54 would reach them. Expected to fail until the
  // matching reaches them; then `it.fails` turns red, and this becomes a plain `it`.
  it.fails('reaches the goals: top 3 ≥ 90 %, top 1 ≥ 75 %, fires ≥ 80 %, false alarms ≤ 5 %', () => {
    expect(evaluation.top3).toBeGreaterThanOrEqual(0.9);
    expect(evaluation.top1).toBeGreaterThanOrEqual(0.75);
    expect(evaluation.fires).toBeGreaterThanOrEqual(0.8);
    expect(evaluation.falseAlarms).toBeLessThanOrEqual(0.05);
  });
});

/**
 * The figures of the matching now (rounded down; false alarms rounded up): a change may not
 * make them worse. Measured with the calibrated score, synonyms as one word, the common
 * thesaurus and gendered forms (83.6 %, 91.0 %, 79.1 %, 4.5 %); before them 53.7 %, 79.1 %,
 * 52.2 %, 4.5 % on the labels as they were then.
 */
const FLOOR = { top1: 0.83, top3: 0.91, fires: 0.79, falseAlarms: 0.05 };
