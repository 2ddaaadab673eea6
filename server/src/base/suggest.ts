import { closest, distance } from 'fastest-levenshtein';

/** The candidate closest to `word`, if it is close enough to be a plausible typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLocaleLowerCase('de');
  const exact = candidates.find((candidate) => candidate.toLocaleLowerCase('de') === lower);
  if (exact) return exact;
  const best = closest(lower, candidates.map((candidate) => candidate.toLocaleLowerCase('de')));
  const index = candidates.findIndex((candidate) => candidate.toLocaleLowerCase('de') === best);
  const limit = Math.max(2, Math.floor(lower.length / 3));
  return index >= 0 && distance(lower, best) <= limit ? candidates[index] : undefined;
}
