import type { Section } from '../analysis/model.js';
import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'abschnitt-reihenfolge',
  severity: 'warning',
  title: {
    de: 'Die Abschnitte stehen in der Reihenfolge, die das Ratsprofil vorgibt (z. B. Beschlussvorschlag vor Begründung).',
    en: 'Sections appear in the order the council profile prescribes (e.g. Beschlussvorschlag before Begründung).',
  },
  messages: {
    de: { order: (d) => `Der Abschnitt ${q(d.section)} gehört vor ${q(d.after)}; erwartet wird die Reihenfolge ${d.order}.` },
    en: { order: (d) => `Section ${q(d.section, 'en')} belongs before ${q(d.after, 'en')}; the expected order is ${d.order}.` },
  },
  check({ draft, type, report }) {
    if (!type) return;
    const seen = new Set<unknown>();
    let latest: { index: number; section: Section } | undefined;
    for (const section of draft.sections) {
      // Duplicates are another rule's business; only each section's first occurrence is placed.
      if (!section.spec || seen.has(section.spec)) continue;
      seen.add(section.spec);
      const index = type.sections.indexOf(section.spec);
      if (latest && index < latest.index) {
        const order = type.sections.filter((spec) => draft.sections.some((s) => s.spec === spec)).map((spec) => spec.title).join(', ');
        report({ message: 'order', data: { section: section.heading.trim(), after: latest.section.heading.trim(), order }, span: section.headingSpan });
      } else {
        latest = { index, section };
      }
    }
  },
});
