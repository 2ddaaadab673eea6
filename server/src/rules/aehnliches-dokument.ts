import { draftExclusions, draftQuery, synonymGroups } from '../register/similar.js';
import { defineRule } from './types.js';
import type { MessageData } from '../base/locale.js';
import { q } from './util.js';

/** The least similarity reported unless `aehnlichkeit: schwelle:` says otherwise. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.6;

/** "(Anfrage, 12.03.2024)", or less where the register knows less. */
function facts(d: MessageData, locale: 'de' | 'en'): string {
  const datum = typeof d.datum === 'string' && d.datum !== '' ? (locale === 'de' ? d.datum.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3.$2.$1') : d.datum) : '';
  const parts = [d.art, datum].filter((part) => typeof part === 'string' && part !== '');
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export default defineRule({
  id: 'aehnliches-dokument',
  severity: 'info',
  title: {
    de: 'Steht ein Dokument zum selben Thema schon im Dokumentregister, weist der Titel darauf hin.',
    en: 'Where a document on the same subject is in the document register already, the title points it out.',
  },
  messages: {
    de: {
      similar: (d) =>
        `Ähnliches Dokument im Register: ${d.nummer} ${q(d.titel)}${facts(d, 'de')}, ${d.prozent} % ähnlich. Hat der Rat das Thema schon behandelt? Dann verweisen Sie auf das Dokument (etwa in der Begründung) oder grenzen Ihren Entwurf davon ab.`,
    },
    en: {
      similar: (d) =>
        `Similar document in the register: ${d.nummer} ${q(d.titel, 'en')}${facts(d, 'en')}, ${d.prozent} % similar. Has the council dealt with the subject already? Then cite the document (for instance in the reasoning) or set your draft apart from it.`,
    },
  },
  check({ draft, profile, host, options, report }) {
    const register = host.register;
    // With only the workspace's own drafts to compare with, the question "asked before?" has no answer.
    if (!register?.authoritative || !register.similar) return;
    const titel = draft.frontMatter?.fields.get('titel');
    const query = draftQuery(draft);
    if (!titel || !query) return;
    const threshold = options.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD;
    const synonyms = synonymGroups(profile, options.synonyms);
    const [best] = register.similar(query, { limit: 1, exclude: draftExclusions(draft, host.documentUri), ...(synonyms ? { synonyms } : {}) });
    if (!best || best.score < threshold) return;
    const { entry } = best;
    report({
      message: 'similar',
      data: { nummer: entry.nummer, titel: entry.titel, art: entry.art ?? '', datum: entry.datum ?? '', prozent: Math.round(best.score * 100) },
      span: titel.valueSpan,
    });
  },
});
