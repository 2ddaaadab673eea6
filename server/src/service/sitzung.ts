import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { beratungsfolge, draftDate } from '../analysis/beratungsfolge.js';
import { germanIso } from '../analysis/dates.js';
import type { Draft } from '../analysis/model.js';
import { deadline, type CalendarLookup, type DeadlineRule } from '../register/calendar.js';
import { render, type Locale } from '../base/locale.js';
import type { NextDeadline } from '../protocol/index.js';
import { SITZUNG_MESSAGES } from './messages.js';

/**
 * Completion of `sitzung:` in a Beratungsfolge entry: the body's next meetings from the
 * calendar, each with its submission deadline for the draft's type. Pure, like the rest of
 * the service's features.
 */
export function sitzungCompletions(draft: Draft, calendar: CalendarLookup | undefined, position: Position, today: string, locale: Locale): CompletionItem[] {
  const frontMatter = draft.frontMatter;
  if (!calendar?.size || !frontMatter) return [];
  const lineStart = draft.lines.lineStart(position.line);
  const offset = draft.lines.offsetAt(position.line, position.character);
  if (offset < frontMatter.content.from || offset > frontMatter.content.to) return [];
  // Only an indented `sitzung:` inside the beratungsfolge; a top-level key of that name is no entry's.
  const typed = /^[ \t]+(?:-[ \t]+)?sitzung[ \t]*:[ \t]*([\d-]*)$/.exec(draft.text.slice(lineStart, offset));
  const field = frontMatter.fields.get('beratungsfolge');
  if (!typed || !field || offset < field.keySpan.from) return [];
  // The entry the cursor is in: the last one that starts before it.
  const entry = beratungsfolge(draft)
    .filter((candidate) => candidate.span.from <= offset)
    .pop();
  const gremium = entry?.gremium && calendar.organization(entry.gremium.value);
  if (!gremium) return [];
  const frist = draft.type?.frist;
  // Missed as the rule says it: by the draft's date, or today when it has none.
  const submitted = draftDate(draft) ?? today;
  const range = { start: { line: position.line, character: position.character - typed[1]!.length }, end: position };
  return calendar.upcoming(gremium, today, 8).map((day, index) => {
    const weekday = render(SITZUNG_MESSAGES, locale, 'weekday', { day: new Date(`${day.datum}T12:00:00Z`).getUTCDay() });
    const last = frist ? deadline(day.datum, frist) : undefined;
    const missed = last !== undefined && last < submitted;
    const due = last ? render(SITZUNG_MESSAGES, locale, 'deadline', { date: last, missed: missed ? 1 : 0 }) : undefined;
    return {
      label: day.datum,
      kind: CompletionItemKind.Event,
      labelDetails: { description: [`${weekday} ${germanIso(day.datum)}`, due].filter(Boolean).join(' · ') },
      detail: [gremium, day.name].filter(Boolean).join(' · '),
      sortText: String(index).padStart(2, '0'),
      textEdit: { range, newText: day.datum },
    };
  });
}

/**
 * The deadline of the earliest meeting from today on that the draft's Beratungsfolge names and
 * the calendar knows; undefined without a calendar, a deadline for the type, or such a meeting.
 */
export function nextDeadline(draft: Draft, calendar: CalendarLookup | undefined, today: string): NextDeadline | undefined {
  const frist = draft.type?.frist;
  if (!calendar?.size || !frist) return undefined;
  const submitted = draftDate(draft) ?? today;
  let next: NextDeadline | undefined;
  for (const entry of beratungsfolge(draft)) {
    const gremium = entry.gremium && calendar.organization(entry.gremium.value);
    const sitzung = entry.sitzung?.datum;
    if (!gremium || !sitzung || sitzung < today || !calendar.meetingOn(gremium, sitzung)) continue;
    if (next && next.sitzung <= sitzung) continue;
    const last = deadline(sitzung, frist);
    next = { gremium, sitzung, frist: last, verpasst: submitted > last };
  }
  return next;
}

/**
 * The date of the body's first meeting from today on that a draft of a type with `frist` can
 * still make (its submission deadline not before today), for a new draft's Beratungsfolge;
 * undefined without a calendar that knows the body or such a meeting.
 */
export function nextOpenMeeting(calendar: CalendarLookup | undefined, name: string, today: string, frist: DeadlineRule | undefined): string | undefined {
  const gremium = calendar?.size ? calendar.organization(name) : undefined;
  if (!calendar || !gremium) return undefined;
  return calendar.upcoming(gremium, today, 24).find((day) => !frist || deadline(day.datum, frist) >= today)?.datum;
}
