import { beratungsfolge, draftDate } from '../analysis/beratungsfolge.js';
import { germanIso } from '../analysis/dates.js';
import { deadline } from '../register/calendar.js';
import { defineRule } from './types.js';
import { q } from './util.js';

const shown = germanIso;

export default defineRule({
  id: 'frist-verpasst',
  severity: 'warning',
  title: {
    de: 'Das Dokument wird vor der Einreichungsfrist jeder Sitzung seiner Beratungsfolge eingereicht (Frist je Dokumentart im Ratsprofil oder in ratsfeder.yaml).',
    en: 'The document is submitted before the submission deadline of every meeting in its beratungsfolge (deadline per document type in the profile or in ratsfeder.yaml).',
  },
  messages: {
    de: {
      missed: (d) =>
        `Die Einreichungsfrist für die Sitzung von ${q(d.gremium)} am ${d.sitzung} endete am ${d.frist} (${d.tage} ${d.zaehlung === 'werktage' ? 'Werktage' : 'Tage'} vorher); ${d.von === 'datum' ? 'das Datum des Dokuments ist' : 'heute ist'} der ${d.eingereicht}. Eine spätere Sitzung wählen oder die Eilbedürftigkeit begründen.`,
    },
    en: {
      missed: (d) =>
        `The submission deadline for the meeting of ${q(d.gremium, 'en')} on ${d.sitzung} ended on ${d.frist} (${d.tage} ${d.zaehlung === 'werktage' ? 'working days' : 'days'} before); ${d.von === 'datum' ? 'the document is dated' : 'today is'} ${d.eingereicht}. Choose a later meeting or give reasons for urgency.`,
    },
  },
  check({ draft, type, host, today, report }) {
    const calendar = host.calendar;
    const frist = type?.frist;
    if (!calendar || !frist) return;
    // Submitted on the draft's date, or today when it has none yet.
    const dated = draftDate(draft);
    const submitted = dated ?? today;
    for (const entry of beratungsfolge(draft)) {
      const gremium = entry.gremium && calendar.organization(entry.gremium.value);
      const sitzung = entry.sitzung;
      if (!gremium || !sitzung?.datum || !calendar.meetingOn(gremium, sitzung.datum)) continue;
      const last = deadline(sitzung.datum, frist);
      if (submitted <= last) continue;
      report({
        message: 'missed',
        data: { gremium, sitzung: shown(sitzung.datum), frist: shown(last), tage: frist.tage, zaehlung: frist.zaehlung ?? 'kalendertage', von: dated ? 'datum' : 'heute', eingereicht: shown(submitted) },
        span: sitzung.span,
      });
    }
  },
});
