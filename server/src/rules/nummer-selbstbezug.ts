import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'nummer-selbstbezug',
  severity: 'warning',
  title: {
    de: 'Ein Dokument verweist nicht auf seine eigene Nummer.',
    en: 'A document does not cite its own number.',
  },
  messages: {
    de: { self: (d) => `${q(d.raw)} ist die eigene Nummer dieses Dokuments (Feld „nummer“); gemeint ist wohl ein anderes Dokument.` },
    en: { self: (d) => `${q(d.raw, 'en')} is this document’s own number (field “nummer”); another document is probably meant.` },
  },
  check({ draft, report }) {
    const own = draft.references.find((reference) => reference.field === 'nummer');
    const key = own?.canonical ?? own?.raw.toUpperCase();
    if (!key) return;
    for (const reference of draft.references) {
      if (reference === own || reference.field === 'nummer') continue;
      if ((reference.canonical ?? reference.raw.toUpperCase()) === key) report({ message: 'self', data: { raw: reference.raw }, span: reference });
    }
  },
});
