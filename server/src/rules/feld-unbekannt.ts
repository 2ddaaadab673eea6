import { defineRule } from './types.js';
import { q } from './util.js';
import { suggest } from '../base/suggest.js';

export default defineRule({
  id: 'feld-unbekannt',
  severity: 'warning',
  title: {
    de: 'Das Front Matter enthält nur Felder, die das Ratsprofil kennt.',
    en: 'The front matter holds only fields that the council profile knows.',
  },
  messages: {
    de: {
      unknownWith: (d) => `Unbekanntes Feld ${q(d.key)} im Front Matter; gemeint ist wohl ${q(d.suggestion)}.`,
      unknown: (d) => `Unbekanntes Feld ${q(d.key)} im Front Matter; bekannt sind ${d.known}.`,
      rename: (d) => `In ${q(d.suggestion)} umbenennen`,
    },
    en: {
      unknownWith: (d) => `Unknown front-matter field ${q(d.key, 'en')}; did you mean ${q(d.suggestion, 'en')}?`,
      unknown: (d) => `Unknown front-matter field ${q(d.key, 'en')}; known fields are ${d.known}.`,
      rename: (d) => `Rename to ${q(d.suggestion, 'en')}`,
    },
  },
  check({ draft, profile, compiled, report }) {
    const fields = draft.frontMatter?.fields;
    if (!fields || draft.frontMatter.errors.length > 0) return;
    const keys = profile.fields.map((field) => field.key);
    for (const field of fields.values()) {
      if (compiled.fieldFor(field.key)) continue;
      const suggestion = suggest(field.key, keys.filter((key) => !fields.has(key)));
      if (suggestion) {
        report({
          message: 'unknownWith',
          data: { key: field.key, suggestion },
          span: field.keySpan,
          fixes: [{ message: 'rename', data: { suggestion }, edits: [{ ...field.keySpan, text: suggestion }] }],
        });
      } else {
        report({ message: 'unknown', data: { key: field.key, known: keys.join(', ') }, span: field.keySpan });
      }
    }
  },
});
