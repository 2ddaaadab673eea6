import { defineRule } from './types.js';
import { q } from './util.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export default defineRule({
  id: 'link-kaputt',
  severity: 'warning',
  title: {
    de: 'Relative Links und Bilder zeigen auf Dateien, die es gibt.',
    en: 'Relative links and images point to files that exist.',
  },
  messages: {
    de: { missing: (d) => `Die verlinkte Datei ${q(d.target)} gibt es nicht (relativ zu diesem Dokument); prüfen Sie Namen und Pfad.` },
    en: { missing: (d) => `The linked file ${q(d.target, 'en')} does not exist (relative to this document); check its name and path.` },
  },
  check({ draft, host, report }) {
    if (!host.linkTargetExists) return;
    for (const link of draft.links) {
      const target = localTarget(link.url);
      if (target === undefined) continue;
      if (host.linkTargetExists(target) === false) report({ message: 'missing', data: { target }, span: link });
    }
  },
});

/** The file a relative link points to, decoded, without query or fragment; `undefined` for anything else. */
export function localTarget(url: string): string | undefined {
  if (url === '' || url.startsWith('#') || url.startsWith('//') || SCHEME.test(url)) return undefined;
  const path = url.replace(/[?#].*$/, '');
  if (path === '') return undefined;
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
