import type { DocumentLink } from 'vscode-languageserver-types';
import { amendments, wordDiff } from '../analysis/aenderungen.js';
import type { Draft } from '../analysis/model.js';
import type { Locale } from '../base/locale.js';
import { buildDocModel, docLabels } from '../export/build.js';
import type { Inline } from '../export/model.js';
import type { Profile } from '../profile/types.js';
import type { PreviewModel } from '../protocol/index.js';

/**
 * What the Markdown preview shows of a draft beside its Markdown, from the model the DOCX is
 * written from, so that the preview looks like the document: the header block, the
 * Beratungsfolge, each amendment block's words side by side, and where document numbers lead.
 */
export function previewModel(draft: Draft, profile: Profile, locale: Locale, version: number, links: readonly DocumentLink[]): PreviewModel {
  const model = buildDocModel(draft, profile, locale);
  const { header } = model;
  const folge = model.beratungsfolge;
  const labels = docLabels(profile, locale);
  const targets = new Map<string, string>();
  for (const link of links) {
    if (!link.target || !/^https?:|^file:/.test(link.target)) continue;
    const from = draft.lines.offsetAt(link.range.start.line, link.range.start.character);
    const to = draft.lines.offsetAt(link.range.end.line, link.range.end.character);
    const text = draft.text.slice(from, to);
    if (!targets.has(text)) targets.set(text, link.target);
  }
  return {
    version,
    kind: header.kind,
    ...(header.nummer ? { nummer: header.nummer } : {}),
    rows: header.rows.map((row) => ({ label: row.label, value: row.value })),
    betreffLabel: header.betreffLabel,
    betreff: header.betreff,
    ...(folge ? { beratungsfolge: { header: folge.header.map(plain), rows: folge.rows.map((row) => row.map(plain)) } } : {}),
    synopse: [labels.bisherigeFassung!, labels.neueFassung!],
    amendments: amendments(draft).map((amendment) => ({
      ...(amendment.stelle ? { stelle: amendment.stelle.text } : {}),
      parts: wordDiff(amendment.alt?.text ?? '', amendment.neu?.text ?? ''),
    })),
    links: [...targets].map(([text, target]) => ({ text, target })),
  };
}

function plain(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.type === 'text' ? inline.text : inline.type === 'link' ? plain(inline.children) : '')).join('');
}
