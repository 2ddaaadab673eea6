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
    const placed: { index: number; section: Section }[] = [];
    let latest = -1;
    for (const section of draft.sections) {
      // Duplicates are another rule's business; only each section's first occurrence is placed.
      if (!section.spec || placed.some((p) => p.section.spec === section.spec)) continue;
      const index = type.sections.indexOf(section.spec);
      if (index < latest) {
        // Name the first section this one should precede: that is where it belongs.
        const before = placed.find((p) => p.index > index)!;
        const order = type.sections.filter((spec) => draft.sections.some((s) => s.spec === spec)).map((spec) => spec.title).join(', ');
        report({ message: 'order', data: { section: section.heading.trim(), after: before.section.heading.trim(), order }, span: section.headingSpan });
      } else {
        latest = index;
      }
      placed.push({ index, section });
    }
  },
});
