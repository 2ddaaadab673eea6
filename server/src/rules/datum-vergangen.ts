import type { Nodes } from 'mdast';
import { amendments } from '../analysis/aenderungen.js';
import { isAutolink } from '../analysis/analyse.js';
import { compareDates, germanDate, MONTHS_DE, parseGermanDate, parseIsoDate, parseLooseIsoDate, valid, type CalendarDate } from '../analysis/dates.js';
import type { Span } from '../analysis/model.js';
import { defineRule } from './types.js';

const MONTH = MONTHS_DE.join('|');
// 30.09.2025 · 30. September 2025 · 2025-09-30
const DATES = new RegExp(
  `(?<![\\d.])(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4})(?!\\d)|(?<![\\d.])(\\d{1,2})\\.\\s?(${MONTH})\\s+(\\d{4})(?!\\d)|(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])`,
  'giu',
);
/** "die Vorlage vom 15.04.2025", "am 01.03.2025 beschlossen": dates of the past, not deadlines. */
const PAST_CONTEXT = /\b(?:vom|am|seit)\s+$/i;

export default defineRule({
  id: 'datum-vergangen',
  severity: 'warning',
  title: {
    de: 'Fristen und Termine im Beschlussvorschlag liegen nicht vor dem Datum des Dokuments (oder vor heute, wenn es keines hat).',
    en: 'Deadlines and dates in the Beschlussvorschlag do not lie before the document’s date (or today, if it has none).',
  },
  messages: {
    de: {
      pastDatum: (d) => `Das Datum ${d.date} im Beschlussvorschlag liegt vor dem Datum des Dokuments (${d.reference}); ist die Frist noch aktuell?`,
      pastToday: (d) => `Das Datum ${d.date} im Beschlussvorschlag liegt in der Vergangenheit (heute ist ${d.reference}); ist die Frist noch aktuell?`,
    },
    en: {
      pastDatum: (d) => `The date ${d.date} in the Beschlussvorschlag lies before the document’s date (${d.reference}); is the deadline still right?`,
      pastToday: (d) => `The date ${d.date} in the Beschlussvorschlag lies in the past (today is ${d.reference}); is the deadline still right?`,
    },
  },
  check({ draft, today, report }) {
    const datum = draft.frontMatter?.fields.get('datum')?.value;
    // A date written the wrong way is datum-ungueltig's finding; here it still serves as the reference.
    const own = typeof datum === 'string' ? (parseLooseIsoDate(datum) ?? parseGermanDate(datum)) : undefined;
    const reference = own ?? parseIsoDate(today);
    if (!reference) return;
    const message = own ? 'pastDatum' : 'pastToday';

    for (const section of draft.sections) {
      if (!section.spec?.futureDates) continue;
      // Only prose: dates in code, comments and link addresses are not deadlines.
      const ranges: Span[] = [];
      for (const node of textNodes(section.body)) {
        const from = node.position?.start.offset;
        const to = node.position?.end.offset;
        if (from !== undefined && to !== undefined) ranges.push({ from, to });
      }
      // The new wording of an amendment block is what will be decided, its deadlines included.
      for (const amendment of amendments(draft)) if (amendment.neu && amendment.from >= section.span.from && amendment.to <= section.span.to) ranges.push(amendment.neu);
      for (const { from, to } of ranges) {
        const slice = draft.text.slice(from, to);
        DATES.lastIndex = 0;
        for (let match = DATES.exec(slice); match; match = DATES.exec(slice)) {
          const date = read(match);
          if (!date || compareDates(date, reference) >= 0) continue;
          if (PAST_CONTEXT.test(draft.text.slice(Math.max(0, from + match.index - 12), from + match.index))) continue;
          report({
            message,
            data: { date: match[0], reference: germanDate(reference) },
            span: { from: from + match.index, to: from + match.index + match[0].length },
          });
        }
      }
    }
  },
});

function* textNodes(nodes: readonly Nodes[]): Generator<Nodes> {
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') yield node;
    else if (isAutolink(node)) continue;
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}

function read(match: RegExpExecArray): CalendarDate | undefined {
  if (match[1]) return valid(Number(match[3]), Number(match[2]), Number(match[1]));
  if (match[4]) return valid(Number(match[6]), MONTHS_DE.indexOf(match[5]!.toLocaleLowerCase('de') as (typeof MONTHS_DE)[number]) + 1, Number(match[4]));
  return valid(Number(match[7]), Number(match[8]), Number(match[9]));
}
