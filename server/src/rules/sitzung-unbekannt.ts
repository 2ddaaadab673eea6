import { beratungsfolge } from '../analysis/beratungsfolge.js';
import { germanIso } from '../analysis/dates.js';
import { defineRule } from './types.js';
import { q } from './util.js';

const shown = germanIso;

export default defineRule({
  id: 'sitzung-unbekannt',
  severity: 'warning',
  title: {
    de: 'Jede `sitzung` der Beratungsfolge ist ein Sitzungstag ihres Gremiums (laut Sitzungskalender aus OParl).',
    en: 'Every `sitzung` in the beratungsfolge is a meeting day of its body (per the meeting calendar from OParl).',
  },
  messages: {
    de: {
      none: (d) =>
        `${q(d.gremium)} tagt laut Sitzungskalender nicht am ${d.datum}${d.nearest ? `; nächste Sitzungen: ${d.nearest}` : '; im Kalender steht keine Sitzung dieses Gremiums'}.`,
      replace: (d) => `Sitzung am ${d.shown} eintragen`,
    },
    en: {
      none: (d) =>
        `${q(d.gremium, 'en')} does not meet on ${d.datum} per the meeting calendar${d.nearest ? `; nearest meetings: ${d.nearest}` : '; the calendar has no meeting of this body'}.`,
      replace: (d) => `Use the meeting on ${d.shown}`,
    },
  },
  check({ draft, host, report }) {
    const calendar = host.calendar;
    if (!calendar) return;
    for (const entry of beratungsfolge(draft)) {
      const gremium = entry.gremium && calendar.organization(entry.gremium.value);
      const sitzung = entry.sitzung;
      if (!gremium || !sitzung?.datum || calendar.meetingOn(gremium, sitzung.datum)) continue;
      const nearest = calendar.nearestMeetings(gremium, sitzung.datum, 3);
      report({
        message: 'none',
        data: { gremium, datum: shown(sitzung.datum), nearest: nearest.map((day) => shown(day.datum)).join(', ') },
        span: sitzung.span,
        fixes: nearest.map((day) => ({ message: 'replace' as const, data: { shown: shown(day.datum) }, edits: [{ ...sitzung.span, text: day.datum }] })),
      });
    }
  },
});
