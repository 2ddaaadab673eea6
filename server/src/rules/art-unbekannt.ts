import { defineRule } from './types.js';
import { oneOf, q } from './util.js';
import { suggest } from '../base/suggest.js';

export default defineRule({
  id: 'art-unbekannt',
  severity: 'error',
  title: {
    de: '`art:` nennt eine Dokumentart des Ratsprofils.',
    en: '`art:` names a document type of the council profile.',
  },
  messages: {
    de: {
      empty: (d) => `Die Dokumentart fehlt; erwartet wird ${oneOf(d.types)}.`,
      unknown: (d) => `Unbekannte Dokumentart ${q(d.art)}; erwartet wird ${oneOf(d.types)}.`,
      replace: (d) => `Durch ${q(d.suggestion)} ersetzen`,
    },
    en: {
      empty: (d) => `The document type is missing; expected ${oneOf(d.types, 'en')}.`,
      unknown: (d) => `Unknown document type ${q(d.art, 'en')}; expected ${oneOf(d.types, 'en')}.`,
      replace: (d) => `Replace with ${q(d.suggestion, 'en')}`,
    },
  },
  check({ draft, profile, report }) {
    const field = draft.frontMatter?.fields.get('art');
    if (!field || draft.type) return;
    const names = profile.types.map((type) => type.name);
    const types = names.join('|');
    // A list or mapping is feld-wert's business.
    if (field.value !== null && typeof field.value === 'object') return;
    const art = typeof field.value === 'string' || typeof field.value === 'number' ? String(field.value).trim() : '';
    if (art === '') {
      report({ message: 'empty', data: { types }, span: field.valueSpan.to > field.valueSpan.from ? field.valueSpan : field.keySpan });
      return;
    }
    const suggestion = suggest(art, names);
    report({
      message: 'unknown',
      data: { art, types },
      span: field.valueSpan,
      fixes: suggestion ? [{ message: 'replace', data: { suggestion }, edits: [{ ...field.valueSpan, text: suggestion }] }] : [],
    });
  },
});
