import type { List } from 'mdast';
import { defineRule, type Edit } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'fragen-liste',
  severity: 'error',
  title: {
    de: 'Der Abschnitt Fragen einer Anfrage ist eine nummerierte Liste.',
    en: 'The Fragen section of an Anfrage is a numbered list.',
  },
  messages: {
    de: {
      bullets: (d) => `Die Fragen in ${q(d.section)} stehen in einer Aufzählung; erwartet wird eine nummerierte Liste (1., 2., …), damit die Verwaltung jede Frage beantworten kann.`,
      none: (d) => `Der Abschnitt ${q(d.section)} enthält keine Liste; erwartet wird eine nummerierte Liste der Fragen (1., 2., …).`,
      number: () => 'Als nummerierte Liste schreiben',
    },
    en: {
      bullets: (d) => `The questions in ${q(d.section, 'en')} are a bullet list; expected a numbered list (1., 2., …) so that each can be answered.`,
      none: (d) => `Section ${q(d.section, 'en')} contains no list; expected a numbered list of questions (1., 2., …).`,
      number: () => 'Make it a numbered list',
    },
  },
  check({ draft, report }) {
    for (const section of draft.sections) {
      if (section.spec?.content !== 'fragen') continue;
      const lists = section.body.filter((node): node is List => node.type === 'list');
      if (lists.length === 0) {
        // A section without content is abschnitt-leer's finding; this one is about text that is not a list.
        const content = section.body.some((node) => node.type !== 'heading' && (node.type !== 'html' || !node.value.trim().startsWith('<!--')));
        if (content) report({ message: 'none', data: { section: section.heading.trim() }, span: section.headingSpan });
        continue;
      }
      // Numbering runs on across the section's lists, so a fixed list continues the one before.
      let counted = 0;
      for (const list of lists) {
        const first = list.ordered ? (list.start ?? 1) : counted + 1;
        counted = first + list.children.length - 1;
        if (list.ordered || !list.position) continue;
        report({
          message: 'bullets',
          data: { section: section.heading.trim() },
          span: { from: list.position.start.offset ?? 0, to: list.position.end.offset ?? 0 },
          fixes: [{ message: 'number', edits: renumber(draft.text, list, first) }],
        });
      }
    }
  },
});

/**
 * Replaces each item's bullet (`-`, `*`, `+`) by `1.`, `2.`, … and indents the item's
 * continuation lines by as much as the marker grew, so they stay inside their item.
 */
function renumber(text: string, list: List, first: number): Edit[] {
  const edits: Edit[] = [];
  list.children.forEach((item, index) => {
    const at = item.position?.start.offset;
    const end = item.position?.end.offset;
    if (at === undefined || end === undefined || !'-*+'.includes(text[at] ?? '')) return;
    const marker = `${first + index}.`;
    edits.push({ from: at, to: at + 1, text: marker });
    const extra = ' '.repeat(marker.length - 1);
    for (let line = text.indexOf('\n', at); line !== -1 && line + 1 < end; line = text.indexOf('\n', line + 1)) {
      const next = line + 1;
      if (/[^\s]/.test(text.slice(next, text.indexOf('\n', next) === -1 ? text.length : text.indexOf('\n', next)))) {
        edits.push({ from: next, to: next, text: extra });
      }
    }
  });
  return edits;
}
