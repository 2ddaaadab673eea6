import { distance } from 'fastest-levenshtein';
import { beratungsfolge } from '../analysis/beratungsfolge.js';
import { defineRule } from './types.js';
import { oneOf, q, yamlScalar } from './util.js';

export default defineRule({
  id: 'gremium-unbekannt',
  severity: 'warning',
  title: {
    de: 'Jedes Gremium der Beratungsfolge ist ein Gremium des Rates (laut Sitzungskalender aus OParl).',
    en: 'Every body in the beratungsfolge is a body of the council (per the meeting calendar from OParl).',
  },
  messages: {
    de: {
      unknown: (d) => `${q(d.gremium)} ist kein Gremium im Sitzungskalender des Rates${d.nearest ? `; gemeint ist vielleicht ${oneOf(d.nearest)}` : ''}.`,
      replace: (d) => `Durch ${q(d.value)} ersetzen`,
    },
    en: {
      unknown: (d) => `${q(d.gremium, 'en')} is not a body in the council’s meeting calendar${d.nearest ? `; perhaps ${oneOf(d.nearest, 'en')}` : ''}.`,
      replace: (d) => `Replace with ${q(d.value, 'en')}`,
    },
  },
  check({ draft, host, report }) {
    const calendar = host.calendar;
    // Without a synced calendar every body would be unknown.
    if (!calendar?.size) return;
    for (const entry of beratungsfolge(draft)) {
      const gremium = entry.gremium;
      if (!gremium || calendar.organization(gremium.value) !== undefined) continue;
      // Only names close enough to be what was meant; a far-off list helps nobody.
      const typed = gremium.value.toLocaleLowerCase('de');
      const limit = Math.max(3, Math.floor(typed.length / 3));
      const nearest = calendar.nearestOrganizations(gremium.value, 3).filter((name) => distance(typed, name.toLocaleLowerCase('de')) <= limit);
      report({
        message: 'unknown',
        data: { gremium: gremium.value, nearest: nearest.join('|') },
        span: gremium.span,
        fixes: nearest.map((value) => ({ message: 'replace' as const, data: { value }, edits: [{ ...gremium.span, text: yamlScalar(value) }] })),
      });
    }
  },
});
