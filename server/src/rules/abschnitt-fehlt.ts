import type { Heading } from 'mdast';
import type { Draft, Span } from '../analysis/model.js';
import { fold } from '../base/fold.js';
import { suggest } from '../base/suggest.js';
import type { DocType, SectionSpec } from '../profile/types.js';
import { defineRule, type Edit } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'abschnitt-fehlt',
  severity: 'error',
  title: {
    de: 'Jeder Pflichtabschnitt der Dokumentart ist vorhanden (z. B. Beschlussvorschlag und Begründung im Antrag).',
    en: 'Every section the document type requires is present (e.g. Beschlussvorschlag and Begründung in an Antrag).',
  },
  messages: {
    de: {
      missing: (d) => `Pflichtabschnitt ${q(d.section)} fehlt; die Dokumentart ${d.art} verlangt die Überschrift „## ${d.section}“.`,
      level: (d) =>
        `Pflichtabschnitt ${q(d.section)} fehlt: ${q(d.written)} ist eine Überschrift der Ebene ${d.depth}; Abschnitte stehen unter einer Überschrift der Ebene 2, „## ${d.section}“.`,
      misspelt: (d) => `Pflichtabschnitt ${q(d.section)} fehlt; gemeint ist wohl die Überschrift ${q(d.written)}.`,
      insert: (d) => `Abschnitt ${q(d.section)} einfügen`,
      relevel: (d) => `Als Abschnitt „## ${d.section}“ schreiben`,
      rename: (d) => `In ${q(d.section)} umbenennen`,
    },
    en: {
      missing: (d) => `Required section ${q(d.section, 'en')} is missing; the document type ${d.art} requires the heading “## ${d.section}”.`,
      level: (d) =>
        `Required section ${q(d.section, 'en')} is missing: ${q(d.written, 'en')} is a level-${d.depth} heading; sections stand under a level-2 heading, “## ${d.section}”.`,
      misspelt: (d) => `Required section ${q(d.section, 'en')} is missing; the heading ${q(d.written, 'en')} is probably meant.`,
      insert: (d) => `Insert section ${q(d.section, 'en')}`,
      relevel: (d) => `Write as section “## ${d.section}”`,
      rename: (d) => `Rename to ${q(d.section, 'en')}`,
    },
  },
  check({ draft, type, report }) {
    if (!type) return;
    const present = new Set(draft.sections.map((section) => section.spec));
    const art = draft.frontMatter?.fields.get('art');
    const span: Span = art ? art.valueSpan : { from: 0, to: draft.lines.lineEnd(0) };
    const titles = type.sections.flatMap((spec) => [spec.title, ...(spec.aliases ?? [])]);
    for (const spec of type.sections) {
      if (!spec.required || present.has(spec)) continue;
      const names = new Set([spec.title, ...(spec.aliases ?? [])].map(fold));
      const data = { section: spec.title, art: type.name };
      // The section is there, under a heading of another level: "# Beschlussvorschlag".
      const other = otherLevelHeadings(draft).find((heading) => names.has(fold(heading.text.replace(/:$/, ''))));
      if (other) {
        report({
          message: 'level',
          data: { ...data, written: draft.text.slice(other.span.from, other.span.to), depth: other.depth },
          span: other.span,
          fixes: [{ message: 'relevel', data, edits: [{ from: other.span.from, to: other.title.from, text: '## ' }] }],
        });
        continue;
      }
      // Or under a misspelt level-2 heading: "## Begrundung".
      const misspelt = draft.sections.find((section) => {
        if (section.spec) return false;
        const heading = section.heading.trim().replace(/:$/, '');
        const meant = heading === '' ? undefined : suggest(heading, titles);
        return meant !== undefined && names.has(fold(meant));
      });
      if (misspelt) {
        report({ message: 'misspelt', data: { ...data, written: misspelt.heading.trim() }, span: misspelt.headingSpan, fixes: [{ message: 'rename', data, edits: [{ ...misspelt.titleSpan, text: spec.title }] }] });
        continue;
      }
      report({
        message: 'missing',
        data,
        span,
        fixes: [{ message: 'insert', data, edits: [insertSection(draft, type, spec)] }],
      });
    }
  },
});

/** The headings of the body that are not level 2 (outside lists and quotes), with their text. */
function otherLevelHeadings(draft: Draft): { readonly depth: number; readonly text: string; readonly span: Span; readonly title: Span }[] {
  return draft.tree.children
    .filter((node): node is Heading => node.type === 'heading' && node.depth !== 2 && node.children.length > 0)
    .map((node) => {
      const first = node.children[0]!;
      const last = node.children[node.children.length - 1]!;
      const title = { from: first.position?.start.offset ?? 0, to: last.position?.end.offset ?? 0 };
      return { depth: node.depth, text: draft.text.slice(title.from, title.to).trim(), span: { from: node.position?.start.offset ?? 0, to: node.position?.end.offset ?? 0 }, title };
    });
}

/**
 * Inserts the section with its skeleton where the profile's order puts it. As a snippet, the
 * skeleton's first "…" is selected (typing replaces it), or the cursor waits on an empty line
 * under the heading.
 */
export function insertSection(draft: Draft, type: DocType, spec: SectionSpec): Edit {
  const order = type.sections.indexOf(spec);
  // A misspelt heading ("## Begrundung") stands where the section it means belongs.
  const titles = type.sections.flatMap((known) => [known.title, ...(known.aliases ?? [])].map((title) => ({ title, known })));
  const meant = (heading: string) => {
    const name = heading.trim().replace(/:$/, '');
    const suggestion = name === '' ? undefined : suggest(name, titles.map((entry) => entry.title));
    return titles.find((entry) => entry.title === suggestion)?.known;
  };
  const before = draft.sections.find((section) => {
    const known = section.spec ?? meant(section.heading);
    return known !== undefined && type.sections.indexOf(known) > order;
  });
  const body = (spec.skeleton ?? '').trim();
  const heading = `## ${spec.title}\n\n`;
  // The first "…" of the skeleton is what to write first; without one, the whole skeleton.
  const gap = body.indexOf('…');
  const stop = body === '' ? '$0' : gap < 0 ? `\${1:${escapeSnippet(body)}}` : `${escapeSnippet(body.slice(0, gap))}\${1:…}${escapeSnippet(body.slice(gap + 1))}`;
  if (before) {
    return { from: before.headingSpan.from, to: before.headingSpan.from, text: `${heading}${body === '' ? '' : `${body}\n\n`}`, snippet: `${escapeSnippet(heading)}${stop}\n\n` };
  }
  // At the end: make sure a blank line separates it from what comes before.
  const text = draft.text;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const lead = end === 0 ? '' : '\n\n';
  return { from: end, to: text.length, text: `${lead}${heading}${body === '' ? '' : `${body}\n`}`.replace(/\n\n$/, '\n'), snippet: `${lead}${escapeSnippet(heading)}${stop}\n` };
}

/** Text as it stands in an LSP snippet. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}
