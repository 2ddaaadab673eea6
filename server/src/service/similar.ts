import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Draft } from '../analysis/model.js';
import type { Profile } from '../profile/types.js';
import { draftExclusions, draftQuery, synonymGroups } from '../register/similar.js';
import type { RegisterLookup, SynonymGroups } from '../register/types.js';
import { render, type Locale } from '../base/locale.js';
import { toRange } from './convert.js';
import { SIMILAR_MESSAGES } from './messages.js';
import { escapeMarkdown, safeLink, webUrl } from './references.js';

/** How many similar documents the hover lists. */
const HOVER_LIMIT = 5;
/** Below this a "similar" document shares a word or two at most: not worth a line. */
const HOVER_FLOOR = 0.2;

/**
 * The hover on the `titel` line: the documents of the register most similar to the draft's
 * title and opening, with score, number, type, date and a link. Register data is untrusted:
 * every text is escaped and only http(s) URLs become links. The same documents are left out
 * as in `aehnliches-dokument`: those the draft cites, and the draft itself. Each document says
 * what it shares with the draft (its words or parts of them), so that a person can judge the
 * match at a glance.
 */
export function similarHover(
  draft: Draft,
  profile: Profile,
  register: RegisterLookup | undefined,
  offset: number,
  locale: Locale,
  documentUri?: string,
  synonyms?: SynonymGroups,
): Hover | null {
  const field = draft.frontMatter?.fields.get('titel');
  if (!field || !register?.similar) return null;
  const line = { from: field.keySpan.from, to: Math.max(field.valueSpan.to, field.keySpan.to) };
  if (offset < line.from || offset > line.to) return null;
  const query = draftQuery(draft);
  if (!query) return null;
  const groups = synonymGroups(profile, synonyms);
  const matches = register
    .similar(query, { limit: HOVER_LIMIT, exclude: draftExclusions(draft, documentUri), ...(groups ? { synonyms: groups } : {}) })
    .filter((match) => match.score >= HOVER_FLOOR);
  const lines = [`**${render(SIMILAR_MESSAGES, locale, 'heading')}**`, ''];
  if (matches.length === 0) lines.push(render(SIMILAR_MESSAGES, locale, 'none'));
  for (const { entry, score, shared } of matches) {
    const link = safeLink(webUrl(entry, entry.nummer, profile));
    const nummer = escapeMarkdown(entry.nummer);
    const facts = [entry.art, entry.datum ? render(SIMILAR_MESSAGES, locale, 'date', { date: entry.datum }) : undefined].filter(Boolean).map((fact) => escapeMarkdown(fact!));
    const head = `${render(SIMILAR_MESSAGES, locale, 'score', { percent: Math.round(score * 100) })} · ${link ? `[${nummer}](${link})` : `**${nummer}**`}`;
    const common = shared && shared.length > 0 ? [render(SIMILAR_MESSAGES, locale, 'shared', { terms: shared.map(escapeMarkdown).join(', ') })] : [];
    lines.push(`- ${[head, escapeMarkdown(entry.titel), ...facts, ...common].join(' · ')}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: toRange(draft.lines, line) };
}
