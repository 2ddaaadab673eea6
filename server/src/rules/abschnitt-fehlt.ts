import type { Draft, Span } from '../analysis/model.js';
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
      insert: (d) => `Abschnitt ${q(d.section)} einfügen`,
    },
    en: {
      missing: (d) => `Required section ${q(d.section, 'en')} is missing; the document type ${d.art} requires the heading “## ${d.section}”.`,
      insert: (d) => `Insert section ${q(d.section, 'en')}`,
    },
  },
  check({ draft, type, report }) {
    if (!type) return;
    const present = new Set(draft.sections.map((section) => section.spec));
    const art = draft.frontMatter?.fields.get('art');
    const span: Span = art ? art.valueSpan : { from: 0, to: draft.lines.lineEnd(0) };
    for (const spec of type.sections) {
      if (!spec.required || present.has(spec)) continue;
      report({
        message: 'missing',
        data: { section: spec.title, art: type.name },
        span,
        fixes: [{ message: 'insert', data: { section: spec.title }, edits: [insertSection(draft, type, spec)] }],
      });
    }
  },
});

/** Inserts the section with its skeleton where the profile's order puts it. */
export function insertSection(draft: Draft, type: DocType, spec: SectionSpec): Edit {
  const order = type.sections.indexOf(spec);
  const before = draft.sections.find((section) => section.spec && type.sections.indexOf(section.spec) > order);
  const body = (spec.skeleton ?? '').trim();
  const block = `## ${spec.title}\n\n${body === '' ? '' : `${body}\n\n`}`;
  if (before) return { from: before.headingSpan.from, to: before.headingSpan.from, text: block };
  // At the end: make sure a blank line separates it from what comes before.
  const text = draft.text;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const lead = end === 0 ? '' : '\n\n';
  return { from: end, to: text.length, text: `${lead}${block.trimEnd()}\n` };
}
