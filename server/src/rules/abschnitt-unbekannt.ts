import { defineRule } from './types.js';
import { q } from './util.js';
import { suggest } from '../base/suggest.js';

export default defineRule({
  id: 'abschnitt-unbekannt',
  severity: 'warning',
  title: {
    de: 'Jede Abschnittsüberschrift (##) nennt einen Abschnitt, den die Dokumentart kennt.',
    en: 'Every section heading (##) names a section the document type knows.',
  },
  messages: {
    de: {
      unknownWith: (d) => `Unbekannter Abschnitt ${q(d.section)} für die Dokumentart ${d.art}; gemeint ist wohl ${q(d.suggestion)}.`,
      unknown: (d) => `Unbekannter Abschnitt ${q(d.section)} für die Dokumentart ${d.art}; bekannt sind ${d.known}.`,
      empty: (d) => `Leere Abschnittsüberschrift; die Dokumentart ${d.art} kennt ${d.known}.`,
      rename: (d) => `In ${q(d.suggestion)} umbenennen`,
    },
    en: {
      unknownWith: (d) => `Unknown section ${q(d.section, 'en')} for the document type ${d.art}; did you mean ${q(d.suggestion, 'en')}?`,
      unknown: (d) => `Unknown section ${q(d.section, 'en')} for the document type ${d.art}; known sections are ${d.known}.`,
      empty: (d) => `Empty section heading; the document type ${d.art} knows ${d.known}.`,
      rename: (d) => `Rename to ${q(d.suggestion, 'en')}`,
    },
  },
  check({ draft, type, report }) {
    if (!type) return;
    const titles = type.sections.flatMap((spec) => [spec.title, ...(spec.aliases ?? [])]);
    for (const section of draft.sections) {
      if (section.spec) continue;
      const heading = section.heading.trim();
      const suggestion = heading === '' ? undefined : suggest(heading.replace(/:$/, ''), titles);
      if (suggestion) {
        report({
          message: 'unknownWith',
          data: { section: heading, art: type.name, suggestion },
          span: section.headingSpan,
          fixes: [{ message: 'rename', data: { suggestion }, edits: [{ ...section.titleSpan, text: suggestion }] }],
        });
      } else {
        report({ message: heading === '' ? 'empty' : 'unknown', data: { section: heading, art: type.name, known: type.sections.map((s) => s.title).join(', ') }, span: section.headingSpan });
      }
    }
  },
});
