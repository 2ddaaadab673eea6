import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { analyse } from '../../server/src/analysis/analyse.js';
import { draftExclusions, draftQuery, synonymGroups } from '../../server/src/register/similar.js';
import type { SimilarMatch } from '../../server/src/register/types.js';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../../server/src/rules/aehnliches-dokument.js';
import { COUNCILS, evaluationRegister, type Council } from './register.js';

/*
 * The similar-documents check measured on the evaluation set (`drafts.yaml`): each draft is
 * written out as a Markdown draft of its council's profile, and its council's register is
 * asked as the rule `aehnliches-dokument` asks it (`draftQuery`, `draftExclusions`). The rule
 * reports the best match when it scores at least the threshold; a draft with related papers
 * counts as found when its best-scoring related paper does.
 */

export interface EvaluationDraft {
  readonly id: string;
  readonly rat: Council;
  readonly art: 'Antrag' | 'Anfrage';
  readonly titel: string;
  readonly text: string;
  readonly related: readonly string[];
  readonly cases: readonly string[];
}

export interface DraftResult {
  readonly draft: EvaluationDraft;
  /** 1-based rank of the best-ranked related paper among the matches; `undefined` if not among the first RANKED (or none related). */
  readonly rank: number | undefined;
  /** The best-scoring related paper and its score (0 when it shares no word with the draft). */
  readonly relatedNummer: string | undefined;
  readonly relatedTitel: string | undefined;
  readonly relatedScore: number;
  /** What the rule would show: the best match. */
  readonly best: SimilarMatch | undefined;
  /** The rule reports something on this draft (the best match reaches the threshold). */
  readonly reported: boolean;
}

export interface Evaluation {
  readonly threshold: number;
  readonly drafts: number;
  readonly withRelated: number;
  readonly withoutRelated: number;
  /** Shares (0..1) of the drafts with related papers. */
  readonly top1: number;
  readonly top3: number;
  /** Best related paper scores at least the threshold: the finding fires for a related paper. */
  readonly fires: number;
  /** Share of the drafts without related papers on which the finding fires. */
  readonly falseAlarms: number;
  /** Of the findings (the best match at the threshold), the share that name a related paper. */
  readonly precision: number;
  /** Of the drafts with related papers, the share whose finding names a related paper. */
  readonly recall: number;
  readonly results: readonly DraftResult[];
  /** Related numbers that are not in their council's register (must be none). */
  readonly missing: readonly { id: string; nummer: string }[];
}

/** How many matches are asked for, to find the rank of a related paper ranked low. */
const RANKED = 100;

const HERE = path.dirname(new URL(import.meta.url).pathname);
/** The drafts the matching was tuned on, and the held-out ones written after it (`holdout.yaml`). */
export const SETS = { tuning: path.join(HERE, 'drafts.yaml'), heldOut: path.join(HERE, 'holdout.yaml') } as const;

export function loadDrafts(file: string = SETS.tuning): EvaluationDraft[] {
  const data = parse(readFileSync(file, 'utf8')) as { drafts: EvaluationDraft[] };
  for (const draft of data.drafts) {
    if (!(COUNCILS as readonly string[]).includes(draft.rat)) throw new Error(`${draft.id}: unknown council ${draft.rat}`);
  }
  return data.drafts;
}

/** The draft as a Markdown file: its title in the front matter, its opening as the first section. */
export function draftMarkdown(draft: EvaluationDraft): string {
  const section = draft.art === 'Anfrage' ? 'Sachverhalt' : 'Beschlussvorschlag';
  return `---\nart: ${draft.art}\ntitel: ${JSON.stringify(draft.titel)}\n---\n\n## ${section}\n\n${draft.text}\n`;
}

export function evaluate(threshold = DEFAULT_SIMILARITY_THRESHOLD, file: string = SETS.tuning): Evaluation {
  const drafts = loadDrafts(file);
  const results: DraftResult[] = [];
  const missing: { id: string; nummer: string }[] = [];
  for (const draft of drafts) {
    const { profile, register } = evaluationRegister(draft.rat);
    for (const nummer of draft.related) if (!register.get(nummer)) missing.push({ id: draft.id, nummer });
    const analysed = analyse(draftMarkdown(draft), profile);
    const query = draftQuery(analysed);
    if (!query) throw new Error(`${draft.id}: no query (no titel?)`);
    // As the rule asks: with the thesaurus of every council and the profile's own groups.
    const synonyms = synonymGroups(profile, undefined);
    const matches = register.similar(query, { limit: RANKED, exclude: draftExclusions(analysed), synonyms });
    const related = new Set(draft.related);
    const at = matches.findIndex((match) => related.has(match.entry.nummer));
    // The best related paper and its score, also when it ranks below the first RANKED.
    const excluded = draftExclusions(analysed);
    const [hit] = related.size === 0 ? [] : register.similar(query, { limit: 1, exclude: (entry) => !related.has(entry.nummer) || excluded(entry), synonyms });
    const best = matches[0];
    results.push({
      draft,
      rank: at >= 0 ? at + 1 : undefined,
      relatedNummer: hit?.entry.nummer ?? draft.related[0],
      relatedTitel: hit?.entry.titel ?? (draft.related[0] ? register.get(draft.related[0])?.titel : undefined),
      relatedScore: hit?.score ?? 0,
      best,
      reported: best !== undefined && best.score >= threshold,
    });
  }
  const withRelated = results.filter((result) => result.draft.related.length > 0);
  const withoutRelated = results.filter((result) => result.draft.related.length === 0);
  const share = (list: readonly DraftResult[], test: (result: DraftResult) => boolean) => (list.length === 0 ? 0 : list.filter(test).length / list.length);
  return {
    threshold,
    drafts: results.length,
    withRelated: withRelated.length,
    withoutRelated: withoutRelated.length,
    top1: share(withRelated, (result) => result.rank === 1),
    top3: share(withRelated, (result) => result.rank !== undefined && result.rank <= 3),
    fires: share(withRelated, (result) => result.relatedScore >= threshold),
    falseAlarms: share(withoutRelated, (result) => result.reported),
    precision: share(results.filter((result) => result.reported), namesRelated),
    recall: share(withRelated, (result) => result.reported && namesRelated(result)),
    results,
    missing,
  };
}

/** The finding's paper (the best match) is one of the draft's related papers. */
function namesRelated(result: DraftResult): boolean {
  return result.best !== undefined && result.draft.related.includes(result.best.entry.nummer);
}
