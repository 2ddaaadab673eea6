import { MAX_DRAFT_CHARS, MAX_NESTING } from '../analysis/limits.js';
import { germanIso } from '../analysis/dates.js';
import type { Costly } from '../analysis/model.js';
import { defineCatalogue, type Locale, type MessageData } from '../base/locale.js';

/* The texts of the editor features: notices, completion items, hovers. Dates come as `YYYY-MM-DD`. */

/** The size limit of a draft as the texts say it: a million characters, "1 MB". */
const megabytes = (locale: Locale) => `${(MAX_DRAFT_CHARS / 1_000_000).toLocaleString(locale)} MB`;

/** What the constructs that make a parse slow are called, in the plural. */
export const COSTLY_WHAT: Record<Locale, Record<Costly['construct'], string>> = {
  de: { 'link-end': 'Link-Klammern', emphasis: 'Hervorhebungszeichen', code: 'Backticks (Code-Markierungen)', html: 'HTML-Tags' },
  en: { 'link-end': 'link brackets', emphasis: 'emphasis marks', code: 'backticks (code marks)', html: 'HTML tags' },
};

/** That the check of a file was stopped after `data.seconds`, and that an edit starts it again. */
const stoppedDe = (data: MessageData) =>
  `Die Prüfung dieser Datei wurde nach ${Number(data.seconds).toLocaleString('de')} ${Number(data.seconds) === 1 ? 'Sekunde' : 'Sekunden'} abgebrochen, weil das Einlesen zu lange dauerte; sie wird nicht geprüft, bis Sie sie ändern.`;
const stoppedEn = (data: MessageData) =>
  `The check of this file was stopped after ${Number(data.seconds).toLocaleString('en')} ${Number(data.seconds) === 1 ? 'second' : 'seconds'} because reading it took too long; it is not checked until you change it.`;

/** What the editor says about a file it does not check, and about a broken ratsfeder.yaml (`service.ts`). */
export const NOTICES = defineCatalogue({
  de: {
    'too-large': () => `Ratsfeder prüft Entwürfe bis ${megabytes('de')}; diese Datei ist größer und wird nicht geprüft. Teilen Sie sie auf.`,
    binary: () => 'Diese Datei enthält Binärdaten und wird nicht geprüft.',
    'too-deep': () => `Diese Datei ist zu tief verschachtelt (mehr als ${MAX_NESTING} Ebenen Listen oder Zitate) und wird nicht geprüft.`,
    /** `count` times `written` (`](`, `*`, …) of the `construct` of a `Costly`. */
    pathological: (data) =>
      `Diese Datei enthält ${Number(data.count).toLocaleString('de')}-mal „${data.written}“; so viele ${COSTLY_WHAT.de[data.construct as Costly['construct']] ?? 'Markdown-Zeichen'} hat kein Antrag, und das Einlesen würde zu lange dauern. Sie wird nicht geprüft. Steht ab hier versehentlich eingefügter Text? Entfernen Sie ihn oder teilen Sie den Absatz mit Leerzeilen.`,
    /** The parse was stopped after `seconds`; nothing known makes it slow. */
    'too-slow': (data) => `${stoppedDe(data)} Steht versehentlich eingefügter Text darin? Entfernen Sie ihn oder teilen Sie lange Absätze mit Leerzeilen.`,
    /** The parse was stopped after `seconds`; `count` times `written` of the `construct` of a `Costly` most likely made it slow. */
    'too-slow-costly': (data) =>
      `${stoppedDe(data)} Vermutlich liegt es an ${COSTLY_WHAT.de[data.construct as Costly['construct']] ?? 'Markdown-Zeichen'}: Die Datei enthält ${Number(data.count).toLocaleString('de')}-mal „${data.written}“, am dichtesten ab dieser Zeile. Steht hier versehentlich eingefügter Text? Entfernen Sie ihn oder teilen Sie den Absatz mit Leerzeilen.`,
    /** The first problem of the configuration: its file, line and text. */
    config: (data) => `Die Konfiguration ${data.file} ist ungültig (Zeile ${data.line}: ${data.message}); bis zur Korrektur gelten die Standardeinstellungen.`,
    'front-matter': () => 'Front Matter',
    'fix-all': () => 'Ratsfeder: alle eindeutigen Korrekturen anwenden',
  },
  en: {
    'too-large': () => `Ratsfeder checks drafts up to ${megabytes('en')}; this file is larger and is not checked. Please split it.`,
    binary: () => 'This file contains binary data and is not checked.',
    'too-deep': () => `This file is nested too deeply (more than ${MAX_NESTING} levels of lists or quotes) and is not checked.`,
    pathological: (data) =>
      `This file contains “${data.written}” ${Number(data.count).toLocaleString('en')} times; no motion has that many ${COSTLY_WHAT.en[data.construct as Costly['construct']] ?? 'Markdown characters'}, and reading it would take too long. It is not checked. Was text pasted here by mistake? Remove it or split the paragraph with blank lines.`,
    'too-slow': (data) => `${stoppedEn(data)} Was text pasted here by mistake? Remove it or split long paragraphs with blank lines.`,
    'too-slow-costly': (data) =>
      `${stoppedEn(data)} Most likely the ${COSTLY_WHAT.en[data.construct as Costly['construct']] ?? 'Markdown characters'} make it slow: the file contains “${data.written}” ${Number(data.count).toLocaleString('en')} times, most densely from this line on. Was text pasted here by mistake? Remove it or split the paragraph with blank lines.`,
    config: (data) => `The configuration ${data.file} is invalid (line ${data.line}: ${data.message}); defaults apply until it is fixed.`,
    'front-matter': () => 'Front matter',
    'fix-all': () => 'Ratsfeder: apply all unambiguous fixes',
  },
});

/** The section and field completions (`completion.ts`). */
export const COMPLETION_MESSAGES = defineCatalogue({
  de: {
    'required-section': () => 'Pflichtabschnitt',
    section: () => 'Abschnitt',
    /** A section's other titles, joined with ", ". */
    aliases: (data) => `auch: ${data.aliases}`,
    'required-field': () => 'Pflichtfeld',
  },
  en: {
    'required-section': () => 'required section',
    section: () => 'section',
    aliases: (data) => `also: ${data.aliases}`,
    'required-field': () => 'required',
  },
});

const WEEKDAYS = { de: ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] } as const;

/** The meeting completions of `sitzung:` (`sitzung.ts`). */
export const SITZUNG_MESSAGES = defineCatalogue({
  de: {
    /** `day`: 0 for Sunday to 6 for Saturday. */
    weekday: (data) => WEEKDAYS.de[Number(data.day)] ?? '',
    /** The submission deadline `date`; `missed` 1 when the draft comes too late for it. */
    deadline: (data) => `Frist ${germanIso(String(data.date))}${data.missed ? ' (verpasst)' : ''}`,
    /** The lens above a draft: its next deadline, for `gremium`'s meeting on `sitzung`. */
    lens: (data) => `${data.missed ? 'Frist verpasst' : 'Einreichen bis'} ${germanIso(String(data.date))} · ${data.gremium} am ${germanIso(String(data.sitzung))}`,
    export: () => 'Als DOCX exportieren',
  },
  en: {
    weekday: (data) => WEEKDAYS.en[Number(data.day)] ?? '',
    deadline: (data) => `deadline ${data.date}${data.missed ? ' (missed)' : ''}`,
    lens: (data) => `${data.missed ? 'Deadline missed:' : 'Submit by'} ${data.date} · ${data.gremium} on ${data.sitzung}`,
    export: () => 'Export as DOCX',
  },
});

/** The hover and completion of document numbers (`references.ts`). */
export const REFERENCE_MESSAGES = defineCatalogue({
  de: {
    unknown: () => 'Nicht im Dokumentregister.',
    open: () => 'Im Ratsinformationssystem öffnen',
    draft: () => 'Entwurf im Arbeitsbereich',
    file: () => 'Registerdatei',
    oparl: () => 'OParl',
    source: () => 'Quelle',
    lead: () => 'Federführend',
    consultations: () => 'Beratungsfolge',
    files: () => 'Dateien',
    'related-related': () => 'Verwandt',
    'related-superordinated': () => 'Gehört zu',
    'related-subordinated': () => 'Dazu',
    /** `count` more items than the hover lists. */
    more: (data) => `und ${data.count} weitere`,
  },
  en: {
    unknown: () => 'Not in the document register.',
    open: () => 'Open in the council information system',
    draft: () => 'Draft in the workspace',
    file: () => 'Register file',
    oparl: () => 'OParl',
    source: () => 'Source',
    lead: () => 'Lead office',
    consultations: () => 'Consultations',
    files: () => 'Files',
    'related-related': () => 'Related',
    'related-superordinated': () => 'Part of',
    'related-subordinated': () => 'Parts',
    more: (data) => `and ${data.count} more`,
  },
});

/** The hover on an amendment block (`aenderungen.ts`); the legend is Markdown. */
export const AMENDMENT_MESSAGES = defineCatalogue({
  de: {
    title: () => 'Änderung',
    legend: () => '~~gestrichen~~ · **eingefügt**',
    /** The wording of the point the quote stands in, now: `stelle` ("Punkt 2") and `nummer` of the document. */
    current: (data) => `${data.stelle} von ${data.nummer}, wie er jetzt lautet:`,
    point: (data) => `Punkt ${data.nummer}`,
    whole: () => 'Ganzer Beschlussvorschlag',
    /** A completion or action that writes an amendment block for a point (`stelle`) of `nummer`. */
    block: (data) => `Änderung zu ${data.stelle} von ${data.nummer}`,
    insert: (data) => `Änderungsblock zu ${data.stelle} von ${data.nummer} einfügen`,
    wording: (data) => `Wortlaut von ${data.stelle} aus ${data.nummer}`,
  },
  en: {
    title: () => 'Amendment',
    legend: () => '~~deleted~~ · **inserted**',
    current: (data) => `${data.stelle} of ${data.nummer} as it reads now:`,
    point: (data) => `Punkt ${data.nummer}`,
    whole: () => 'Whole Beschlussvorschlag',
    block: (data) => `Amendment to ${data.stelle} of ${data.nummer}`,
    insert: (data) => `Insert an amendment block for ${data.stelle} of ${data.nummer}`,
    wording: (data) => `Wording of ${data.stelle} from ${data.nummer}`,
  },
});

/** A register date as German readers write it; anything not starting with `YYYY-MM-DD` as it is. */
function germanDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** The hover on the `titel` line listing similar documents (`similar.ts`). */
export const SIMILAR_MESSAGES = defineCatalogue({
  de: {
    heading: () => 'Ähnliche Dokumente im Register',
    none: () => 'Kein ähnliches Dokument im Register.',
    /** `percent`: the score, 0 to 100. */
    score: (data) => `${data.percent} % ähnlich`,
    date: (data) => germanDate(String(data.date)),
    /** `terms`: the words the document shares with the draft, as it writes them, joined. */
    shared: (data) => `gemeinsam: ${data.terms}`,
  },
  en: {
    heading: () => 'Similar documents in the register',
    none: () => 'No similar document in the register.',
    score: (data) => `${data.percent} % similar`,
    date: (data) => String(data.date),
    shared: (data) => `shared: ${data.terms}`,
  },
});
