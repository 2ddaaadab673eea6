import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'nummer-unbekannt',
  severity: 'info',
  title: {
    de: 'Jede zitierte Drucksachennummer steht im Dokumentregister (Entwürfe, Registerdateien, OParl-Cache).',
    en: 'Every cited document number is in the document register (drafts, register files, OParl cache).',
  },
  messages: {
    de: {
      unknown: (d) =>
        `${q(d.nummer)} steht nicht im Dokumentregister. Ist die Nummer richtig? Vielleicht ist das Register veraltet: ${d.editor ? 'Befehl „Ratsfeder: Dokumentregister aktualisieren“' : '„ratsfeder register sync“'}.`,
    },
    en: {
      unknown: (d) =>
        `${q(d.nummer, 'en')} is not in the document register. Is the number right? The register may be stale: ${d.editor ? 'command “Ratsfeder: Update Document Register”' : 'run “ratsfeder register sync”'}.`,
    },
  },
  check({ draft, host, report }) {
    const register = host.register;
    // With only the workspace's own drafts to go by, every citation would be "unknown".
    if (!register?.authoritative) return;
    for (const reference of draft.references) {
      // The draft's own number and malformed numbers are other rules' business.
      if (reference.field === 'nummer' || !reference.canonical || reference.field === 'bezug') continue;
      if (!register.get(reference.canonical)) report({ message: 'unknown', data: { nummer: reference.canonical }, span: reference });
    }
  },
});
