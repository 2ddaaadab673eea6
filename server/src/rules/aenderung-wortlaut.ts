import { amendments, differences, findPassage, normalizeWording, wordDiff, type Difference, type Passage } from '../analysis/aenderungen.js';
import { entryText } from '../register/document-text.js';
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
      pending: (d) =>
        `Der Text von ${q(d.nummer)} ist noch nicht geladen, der bisherige Wortlaut daher nicht geprüft. ${d.editor ? 'Er wird im Hintergrund geholt; sonst mit dem Befehl „Ratsfeder: Text des Bezugsdokuments laden“.' : `Laden mit „ratsfeder register text ${d.nummer}“.`}`,
      fix: (d) => `Wortlaut aus ${q(d.nummer)} übernehmen`,
    },
    en: {
      yaml: () => 'The amendment block is not valid YAML; expected are “alt: |” and “neu: |”, each followed by the current and the new wording, indented.',
      empty: () =>
        'The amendment block has neither “alt:” nor “neu:”; expected are the current wording under “alt:” and the new one under “neu:” (only “neu:” inserts, only “alt:” deletes).',
      key: (d) => `${q(d.feld, 'en')} is unknown in an amendment block; expected are “stelle:”, “alt:” and “neu:”.`,
      value: (d) => `${q(`${d.feld}:`, 'en')} in the amendment block is not text; expected is the wording, best as a block “${d.feld}: |” with the text indented below.`,
      differs: (d) => `The current wording differs from the text of ${q(d.nummer, 'en')}: ${listDifferences(d, 'en')}. Quote the passage word for word.`,
      missing: (d) => `The current wording is not in the text of ${q(d.nummer, 'en')}, not even similar; quote the passage to be amended word for word, or check the bezug.`,
      pending: (d) =>
        `The text of ${q(d.nummer, 'en')} has not been fetched yet, so the current wording is not checked. ${d.editor ? 'It is fetched in the background; otherwise use the command “Ratsfeder: Fetch the text of the referenced document”.' : `Fetch it with “ratsfeder register text ${d.nummer}”.`}`,
      fix: (d) => `Take the wording from ${q(d.nummer, 'en')}`,
    },
  },
  check({ draft, host, report }) {
    const found = amendments(draft);
    if (found.length === 0) return;
    // The amended documents whose text the register has, and those whose text is still to come.
    const documents: { nummer: string; text: string; beschluss?: string }[] = [];
    const pending: string[] = [];
    for (const reference of draft.references) {
      if (reference.field !== 'bezug' || !reference.canonical) continue;
      const nummer = reference.canonical;
      const state = host.register?.documentText ? host.register.documentText(nummer) : entryText(host.register?.get(nummer));
      if (state?.status === 'fehlt') pending.push(nummer);
      else if (state?.status === 'da' && state.document.text.trim()) {
        documents.push({ nummer, text: state.document.text, ...(state.document.beschluss ? { beschluss: state.document.beschluss.text } : {}) });
      }
    }

    let told = false;
    for (const amendment of found) {
      for (const problem of amendment.problems) {
        if (problem.kind === 'key' || problem.kind === 'value') report({ message: problem.kind, data: { feld: problem.key }, span: problem.span });
        else report({ message: problem.kind, span: problem.span });
      }
      const alt = amendment.alt;
      if (!alt) continue;
      if (documents.length === 0) {
        // Said once, at the first quote: the text is not there to compare with.
        if (pending.length > 0 && !told) report({ message: 'pending', notice: true, data: { nummer: pending[0]! }, span: { from: alt.from, to: alt.to } });
        told = true;
        continue;
      }
      const closest = closestPassage(alt.text, documents);
      if (!closest) continue;
      const span = { from: alt.from, to: alt.to };
      if (closest.score < SIMILAR) {
        report({ message: 'missing', data: { nummer: closest.nummer }, span });
        continue;
      }
      // Both sides normalised alike, so that quotes and spacing never show up as differences.
      const diffs = differences(wordDiff(normalizeWording(closest.passage), normalizeWording(alt.text)));
      if (diffs.length === 0) continue;
      const pairs = diffs.slice(0, SHOWN).map((diff) => [snippet(diff.after, diff.more), snippet(diff.before, diff.more)]);
      // The fix writes the document's wording as the document has it (its quotes and dashes).
      const fixes = alt.block || PLAIN_SAFE.test(closest.passage) ? [{ message: 'fix' as const, data: { nummer: closest.nummer }, edits: [{ from: alt.from, to: alt.to, text: closest.passage }] }] : [];
      report({ message: 'differs', data: { nummer: closest.nummer, unterschiede: JSON.stringify(pairs), weitere: diffs.length - pairs.length }, span, fixes });
    }
  },
});

/** A wording that YAML reads as itself written plainly after `alt:` (no `: `, ` #`, no leading sign). */
const PLAIN_SAFE = /^(?![-?:,[\]{}#&*!|>'"%@`\s])(?!.*(?::\s|\s#))[^\n]*[^\s:]$/u;

/**
 * The passage of the documents closest to a quote, in the document's own characters;
 * `undefined` when the quote stands in one of them word for word. The Beschlussvorschlag is
 * searched first: an amendment changes its wording, and the Begründung may repeat it.
 */
function closestPassage(quote: string, documents: readonly { nummer: string; text: string; beschluss?: string }[]): { nummer: string; passage: string; score: number } | undefined {
  // Each document searched once as a whole; its Beschlussvorschlag first where it has one.
  const wholes = documents.map((document) => ({ document, found: findPassage(quote, document.text) }));
  if (wholes.some(({ found }) => !found || found.exact)) return undefined;
  let closest: { nummer: string; text: string; found: Extract<Passage, { exact: false }> } | undefined;
  for (const { document, found } of wholes) {
    const inBeschluss = document.beschluss ? findPassage(quote, document.beschluss) : undefined;
    // The Beschlussvorschlag's closest passage is the one meant when it is close at all.
    const best =
      inBeschluss && !inBeschluss.exact && inBeschluss.score >= SIMILAR
        ? { text: document.beschluss!, found: inBeschluss }
        : { text: document.text, found: found as Extract<Passage, { exact: false }> };
    if (!closest || best.found.score > closest.found.score) closest = { nummer: document.nummer, ...best };
  }
  if (!closest) return undefined;
  // The passage in the document's own characters, cut from its words only for the one shown.
  const { words } = closest.found;
  const passage = words ? closest.text.trim().split(/\s+/u).slice(words.from, words.to).join(' ') : closest.found.passage;
  return { nummer: closest.nummer, passage, score: closest.found.score };
}
