import { amendments, differences, findPassage, normalizeWording, wordDiff, type Difference } from '../analysis/aenderungen.js';
import type { Locale, MessageData } from '../base/locale.js';
import { defineRule } from './types.js';
import { q } from './util.js';

/** At most this many differences are spelled out; the rest are counted. */
const SHOWN = 3;
/** Below this share of its words found in order, a quote has no "closest passage" worth showing. */
const SIMILAR = 0.5;

/** Differences travel in the message data as JSON: `[[im Entwurf, im Dokument], …]` plus a count. */
function listDifferences(data: MessageData, locale: Locale): string {
  const pairs = JSON.parse(String(data.unterschiede)) as [string, string][];
  const shown = pairs.map(([draft, document]) => (locale === 'de' ? `${q(draft)} statt ${q(document)}` : `${q(draft, 'en')} instead of ${q(document, 'en')}`)).join('; ');
  const rest = Number(data.weitere);
  if (rest <= 0) return shown;
  return locale === 'de' ? `${shown} und ${rest} weitere Abweichung${rest === 1 ? '' : 'en'}` : `${shown} and ${rest} more difference${rest === 1 ? '' : 's'}`;
}

function snippet(text: string, more: Difference['more']): string {
  return `${more.before ? '… ' : ''}${text}${more.after ? ' …' : ''}`;
}

export default defineRule({
  id: 'aenderung-wortlaut',
  severity: 'warning',
  title: {
    de: 'Ein Änderungsblock (`aenderung`) ist lesbar, und sein bisheriger Wortlaut steht so im geänderten Dokument.',
    en: 'An amendment block (`aenderung`) is well-formed, and its current wording is what the amended document says.',
  },
  messages: {
    de: {
      yaml: () =>
        'Der Änderungsblock ist kein gültiges YAML; erwartet werden „alt: |“ und „neu: |“, darunter jeweils eingerückt der bisherige und der neue Wortlaut.',
      empty: () =>
        'Der Änderungsblock nennt weder „alt:“ noch „neu:“; erwartet wird der bisherige Wortlaut unter „alt:“ und der neue unter „neu:“ (nur „neu:“ fügt ein, nur „alt:“ streicht).',
      key: (d) => `${q(d.feld)} ist im Änderungsblock unbekannt; erwartet werden „stelle:“, „alt:“ und „neu:“.`,
      value: (d) => `${q(`${d.feld}:`)} im Änderungsblock ist kein Text; erwartet wird der Wortlaut, am besten als Block „${d.feld}: |“ mit dem Text eingerückt darunter.`,
      differs: (d) => `Der bisherige Wortlaut weicht vom Text von ${q(d.nummer)} ab: ${listDifferences(d, 'de')}. Zitieren Sie die Stelle wörtlich.`,
      missing: (d) =>
        `Der bisherige Wortlaut steht nicht im Text von ${q(d.nummer)}, auch nicht ähnlich; zitieren Sie die zu ändernde Stelle wörtlich oder prüfen Sie den Bezug.`,
    },
    en: {
      yaml: () => 'The amendment block is not valid YAML; expected are “alt: |” and “neu: |”, each followed by the current and the new wording, indented.',
      empty: () =>
        'The amendment block has neither “alt:” nor “neu:”; expected are the current wording under “alt:” and the new one under “neu:” (only “neu:” inserts, only “alt:” deletes).',
      key: (d) => `${q(d.feld, 'en')} is unknown in an amendment block; expected are “stelle:”, “alt:” and “neu:”.`,
      value: (d) => `${q(`${d.feld}:`, 'en')} in the amendment block is not text; expected is the wording, best as a block “${d.feld}: |” with the text indented below.`,
      differs: (d) => `The current wording differs from the text of ${q(d.nummer, 'en')}: ${listDifferences(d, 'en')}. Quote the passage word for word.`,
      missing: (d) => `The current wording is not in the text of ${q(d.nummer, 'en')}, not even similar; quote the passage to be amended word for word, or check the bezug.`,
    },
  },
  check({ draft, host, report }) {
    const found = amendments(draft);
    if (found.length === 0) return;
    // The amended documents whose text the register has; without any, there is nothing to compare.
    const documents = draft.references
      .filter((reference) => reference.field === 'bezug' && reference.canonical)
      .flatMap((reference) => {
        const text = host.register?.get(reference.canonical!)?.text;
        return text?.trim() ? [{ nummer: reference.canonical!, text }] : [];
      });

    for (const amendment of found) {
      for (const problem of amendment.problems) {
        if (problem.kind === 'key' || problem.kind === 'value') report({ message: problem.kind, data: { feld: problem.key }, span: problem.span });
        else report({ message: problem.kind, span: problem.span });
      }
      const alt = amendment.alt;
      if (!alt || documents.length === 0) continue;
      let closest: { nummer: string; passage: string; score: number } | undefined;
      let exact = false;
      for (const document of documents) {
        const passage = findPassage(alt.text, document.text);
        if (!passage) {
          exact = true;
          break;
        }
        if (passage.exact) {
          exact = true;
          break;
        }
        if (!closest || passage.score > closest.score) closest = { nummer: document.nummer, passage: passage.passage, score: passage.score };
      }
      if (exact || !closest) continue;
      const span = { from: alt.from, to: alt.to };
      if (closest.score < SIMILAR) {
        report({ message: 'missing', data: { nummer: closest.nummer }, span });
        continue;
      }
      // Both sides normalised alike, so that quotes and spacing never show up as differences.
      const diffs = differences(wordDiff(closest.passage, normalizeWording(alt.text)));
      if (diffs.length === 0) continue;
      const pairs = diffs.slice(0, SHOWN).map((diff) => [snippet(diff.after, diff.more), snippet(diff.before, diff.more)]);
      report({ message: 'differs', data: { nummer: closest.nummer, unterschiede: JSON.stringify(pairs), weitere: diffs.length - pairs.length }, span });
    }
  },
});
