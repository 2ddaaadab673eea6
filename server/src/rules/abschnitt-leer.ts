import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'abschnitt-leer',
  severity: 'error',
  title: {
    de: 'Kein Pflichtabschnitt ist leer.',
    en: 'No required section is empty.',
  },
  messages: {
    de: { empty: (d) => `Der Pflichtabschnitt ${q(d.section)} ist leer; er braucht Text unter der Überschrift.` },
    en: { empty: (d) => `The required section ${q(d.section, 'en')} is empty; it needs text under its heading.` },
  },
  check({ draft, report }) {
    for (const section of draft.sections) {
      if (!section.spec?.required) continue;
      // Comments are invisible in the submitted document and a sub-heading alone says
      // nothing, so neither counts as content.
      const content = section.body.some((node) => node.type !== 'heading' && (node.type !== 'html' || !node.value.trim().startsWith('<!--')));
      if (!content) report({ message: 'empty', data: { section: section.heading.trim() }, span: section.headingSpan });
    }
  },
});
