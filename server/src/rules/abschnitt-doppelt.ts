import type { Section } from '../analysis/model.js';
import type { SectionSpec } from '../profile/types.js';
import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'abschnitt-doppelt',
  severity: 'error',
  title: {
    de: 'Kein Abschnitt kommt doppelt vor, auch nicht unter einem gleichbedeutenden Namen (z. B. Sachverhalt und Begründung in einer Anfrage).',
    en: 'No section appears twice, not even under an alias (e.g. Sachverhalt and Begründung in an Anfrage).',
  },
  messages: {
    de: {
      same: (d) => `Der Abschnitt ${q(d.section)} kommt doppelt vor (zuerst in Zeile ${d.line}); führen Sie beide zusammen.`,
      alias: (d) => `${q(d.section)} ist derselbe Abschnitt wie ${q(d.first)} in Zeile ${d.line}; führen Sie beide zusammen.`,
    },
    en: {
      same: (d) => `Section ${q(d.section, 'en')} appears twice (first on line ${d.line}); merge them.`,
      alias: (d) => `${q(d.section, 'en')} is the same section as ${q(d.first, 'en')} on line ${d.line}; merge them.`,
    },
  },
  check({ draft, report }) {
    const first = new Map<SectionSpec, Section>();
    for (const section of draft.sections) {
      if (!section.spec) continue;
      const earlier = first.get(section.spec);
      if (!earlier) {
        first.set(section.spec, section);
        continue;
      }
      const line = draft.lines.point(earlier.headingSpan.from).line;
      const sameName = earlier.heading.trim().replace(/:$/, '').toLocaleLowerCase('de') === section.heading.trim().replace(/:$/, '').toLocaleLowerCase('de');
      report({
        message: sameName ? 'same' : 'alias',
        data: { section: section.heading.trim(), first: earlier.heading.trim(), line },
        span: section.headingSpan,
      });
    }
  },
});
