import type { List, ListItem } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { defineRule, type Edit } from './types.js';

export default defineRule({
  id: 'frage-ohne-fragezeichen',
  severity: 'warning',
  title: {
    de: 'Jeder Punkt der Fragen-Liste ist eine Frage (enthält ein Fragezeichen).',
    en: 'Every item of the Fragen list is a question (contains a question mark).',
  },
  messages: {
    de: {
      notQuestion: (d) => `Punkt ${d.index} der Fragen ist keine Frage (kein Fragezeichen); formulieren Sie ihn als Frage.`,
      addMark: () => 'Fragezeichen ergänzen',
    },
    en: {
      notQuestion: (d) => `Item ${d.index} of the Fragen is not a question (no question mark); phrase it as one.`,
      addMark: () => 'Add a question mark',
    },
  },
  check({ draft, report }) {
    for (const section of draft.sections) {
      if (section.spec?.content !== 'fragen') continue;
      for (const list of section.body.filter((node): node is List => node.type === 'list')) {
        list.children.forEach((item, index) => {
          if (!item.position || toString(item).includes('?')) return;
          const fix = addQuestionMark(draft.text, item);
          report({
            message: 'notQuestion',
            data: { index: (list.start ?? 1) + index },
            span: firstLine(draft.text, item),
            fixes: fix ? [{ message: 'addMark', edits: [fix] }] : [],
          });
        });
      }
    }
  },
});

function firstLine(text: string, item: ListItem) {
  const from = item.position?.start.offset ?? 0;
  const end = text.indexOf('\n', from);
  const to = Math.min(end === -1 ? text.length : end, item.position?.end.offset ?? text.length);
  return { from, to: text[to - 1] === '\r' ? to - 1 : to };
}

/** Puts a `?` after the item's last paragraph, replacing a final full stop. */
function addQuestionMark(text: string, item: ListItem): Edit | undefined {
  const last = item.children[item.children.length - 1];
  if (last?.type !== 'paragraph') return undefined;
  const end = last.position?.end.offset;
  if (end === undefined) return undefined;
  return text[end - 1] === '.' ? { from: end - 1, to: end, text: '?' } : { from: end, to: end, text: '?' };
}
