import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'bezug-unbekannt',
  severity: 'warning',
  title: {
    de: 'Der `bezug` eines Dokuments nennt ein Dokument, das im Dokumentregister steht.',
    en: 'A document’s `bezug` names a document that is in the document register.',
  },
  messages: {
    de: {
      unknown: (d) =>
        `Der Bezug ${q(d.nummer)} steht nicht im Dokumentregister${d.amendment ? '; ein Änderungsantrag muss ein bestehendes Dokument ändern' : ''}. Nummer prüfen oder das Register aktualisieren (${d.editor ? 'Befehl „Ratsfeder: Dokumentregister aktualisieren“' : '„ratsfeder register sync“'}).`,
    },
    en: {
      unknown: (d) =>
        `The bezug ${q(d.nummer, 'en')} is not in the document register${d.amendment ? '; an amendment must amend an existing document' : ''}. Check the number or update the register (${d.editor ? 'command “Ratsfeder: Update Document Register”' : '“ratsfeder register sync”'}).`,
    },
  },
  check({ draft, type, host, report }) {
    // A type that requires `bezug` (the amendment) changes that document; others merely relate to it.
    const amendment = type?.requiredFields?.includes('bezug') ? 1 : 0;
    const register = host.register;
    if (!register?.authoritative) return;
    for (const reference of draft.references) {
      if (reference.field !== 'bezug' || !reference.canonical) continue;
      if (!register.get(reference.canonical)) report({ message: 'unknown', data: { nummer: reference.canonical, amendment }, span: reference });
    }
  },
});
