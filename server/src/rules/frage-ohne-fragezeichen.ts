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
      missingMark: (d) => `Punkt ${d.index} der Fragen ist als Frage formuliert, hat aber kein Fragezeichen.`,
      request: (d) =>
        `Punkt ${d.index} der Fragen ist eine Bitte, keine Frage; formulieren Sie ihn als Frage (etwa „Welche … gibt es?“ statt „Bitte nennen Sie …“), damit die Verwaltung genau darauf antwortet.`,
      addMark: () => 'Fragezeichen ergänzen',
    },
    en: {
      notQuestion: (d) => `Item ${d.index} of the Fragen is not a question (no question mark); phrase it as one.`,
      missingMark: (d) => `Item ${d.index} of the Fragen reads as a question but has no question mark.`,
      request: (d) =>
        `Item ${d.index} of the Fragen is a request, not a question; phrase it as a question (e.g. “Welche … gibt es?” instead of “Bitte nennen Sie …”) so that the administration answers exactly that.`,
      addMark: () => 'Add a question mark',
    },
  },
  check({ draft, report }) {
    for (const section of draft.sections) {
      if (section.spec?.content !== 'fragen') continue;
      for (const list of section.body.filter((node): node is List => node.type === 'list')) {
        list.children.forEach((item, index) => {
          if (!item.position || toString(item).includes('?')) return;
          // A question mark makes a question only of what is worded as one; a request or a
          // note stays what it is, so only those get the fix.
          const reading = readingOf(item);
          const fix = reading === 'question' ? addQuestionMark(draft.text, item) : undefined;
          report({
            message: reading === 'question' ? 'missingMark' : reading === 'request' ? 'request' : 'notQuestion',
            data: { index: (list.start ?? 1) + index },
            span: firstLine(draft.text, item),
            fixes: fix ? [{ message: 'addMark', edits: [fix] }] : [],
          });
        });
      }
    }
  },
});

/** Interrogatives that open a German question (`Wie viele …`, `Welche …`, `Inwieweit …`). */
const QUESTION_WORDS = new Set(
  'wie wieso weshalb weswegen warum was wer wen wem wessen wann wo woher wohin wozu wofür womit wodurch worauf woran worin worüber wovon wovor wonach wogegen welche welcher welches welchen welchem inwiefern inwieweit wieviel wieviele'.split(' '),
);
/** Finite verbs that open a yes/no question (`Ist …`, `Plant die Verwaltung …`, `Gibt es …`). */
const QUESTION_VERBS = new Set(
  (
    'ist sind war waren wäre wären sei wird werden wurde wurden würde würden hat haben hatte hatten hätte hätten ' +
    'kann können konnte konnten könnte könnten darf dürfen durfte dürfte soll sollen sollte sollten muss müssen musste müsste ' +
    'will wollen wollte möchte möchten mag gibt gab gäbe plant planen beabsichtigt beabsichtigen erwägt erwägen prüft ' +
    'sieht teilt hält liegt liegen besteht bestehen existiert existieren stimmt trifft verfügt kennt weiß unterstützt ' +
    'unterstützen befürwortet befürworten gilt fällt entsteht entstehen kostet beteiligt erfolgt gehört lässt findet'
  ).split(' '),
);
/* Forms that are also nouns (`Kosten`, `Nutzen`, `Treffen`, `Wissen`) are left out: a note such as
   „Kosten der Sanierung“ must not become a question by a mark. */
/** Prepositions before an interrogative: `In welchem Umfang …`, `Bis wann …`, `Seit wann …`. */
const PREPOSITIONS = new Set('in an auf aus bei bis durch für gegen mit nach seit über um unter von vor zu zwischen ab'.split(' '));

/**
 * How a Fragen item without a question mark reads, from its first words: a question that only
 * lacks its mark, a request (`Bitte …`, `Nennen Sie …`), or neither (a note such as `Anzahl der …`).
 */
function readingOf(item: ListItem): 'question' | 'request' | 'other' {
  const first = item.children[0];
  if (first?.type !== 'paragraph') return 'other';
  let words = toString(first)
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase())
    .filter(Boolean);
  // `Falls ja, wie viele …`, `Wenn nein, warum nicht`: the question follows the condition.
  if ((words[0] === 'falls' || words[0] === 'wenn') && words.length > 2 && (words[1] === 'ja' || words[1] === 'nein' || words[1] === 'nicht')) words = words.slice(2);
  const [one, two] = words;
  if (one === undefined) return 'other';
  if (one === 'bitte') return 'request';
  if (QUESTION_WORDS.has(one) || QUESTION_VERBS.has(one)) return 'question';
  if (PREPOSITIONS.has(one) && two !== undefined && QUESTION_WORDS.has(two)) return 'question';
  // The polite imperative: a verb and `Sie` (`Listen Sie …`, `Erläutern Sie …`); the modal and
  // auxiliary verbs of a question (`Können Sie …`) are caught above.
  if (two === 'sie' && /(?:en|ern|eln)$/.test(one)) return 'request';
  return 'other';
}

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
