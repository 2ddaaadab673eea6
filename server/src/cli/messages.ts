import { MAX_DRAFT_CHARS, MAX_NESTING } from '../analysis/limits.js';
import type { Costly } from '../analysis/model.js';
import type { Severity } from '../rules/types.js';
import { defineCatalogue, type Locale } from '../base/locale.js';
import { FILES_PER_WORKER } from './limits.js';

/**
 * The size limit of a draft as the texts say it: a million characters, "1 MB". Written
 * without `toLocaleString`: these texts are made when the CLI starts, and a process's first
 * number format loads ICU's locale data, which would cost every command tens of milliseconds.
 */
const megabytes = (locale: Locale) => {
  const value = String(Math.round(MAX_DRAFT_CHARS / 1000) / 1000);
  return `${locale === 'de' ? value.replace('.', ',') : value} MB`;
};

/** What the constructs that make a parse slow are called, in the plural. */
const COSTLY_WHAT = {
  de: { 'link-end': 'Link-Klammern', emphasis: 'Hervorhebungszeichen', code: 'Backticks (Code-Markierungen)', html: 'HTML-Tags' },
  en: { 'link-end': 'link brackets', emphasis: 'emphasis marks', code: 'backticks (code marks)', html: 'HTML tags' },
} as const satisfies Record<Locale, Record<Costly['construct'], string>>;

/** Every text the CLI prints besides findings, in both languages. */
export const TEXTS = {
  de: {
    severity: { error: 'fehler', warning: 'warnung', info: 'hinweis' } satisfies Record<Severity, string>,
    skipped: {
      'no-front-matter': 'übersprungen – kein Entwurf (kein Front Matter mit „art:“)',
      'no-art': 'übersprungen – kein Entwurf (das Front Matter hat kein „art:“)',
      'too-large': `übersprungen – zu groß für einen Entwurf (Grenze ${megabytes('de')}); bitte teilen Sie die Datei auf`,
      binary: 'übersprungen – Binärdatei, kein Markdown-Text',
      'too-deep': `übersprungen – zu tief verschachtelt (mehr als ${MAX_NESTING} Ebenen Listen oder Zitate)`,
      pathological: 'übersprungen – so dicht mit Markdown-Zeichen, dass das Einlesen zu lange dauern würde',
      'too-slow': 'übersprungen – das Einlesen dauerte zu lange und wurde abgebrochen',
      unreadable: 'nicht lesbar',
      'not-a-file': 'übersprungen – keine gewöhnliche Datei (eine Pipe, ein Gerät oder ein Socket); gelesen werden nur gewöhnliche Dateien',
    },
    /** A draft refused before its parse; the line is printed before it. */
    costly: (costly: Costly) =>
      `übersprungen – enthält ${costly.count.toLocaleString('de')}-mal „${costly.written}“; so viele ${COSTLY_WHAT.de[costly.construct]} hat kein Antrag, und das Einlesen würde zu lange dauern. Steht hier versehentlich eingefügter Text? Bitte entfernen oder den Absatz mit Leerzeilen teilen`,
    /** A draft whose parse was stopped after `seconds`; with `costly`, its line is printed before it. */
    slow: (seconds: number, costly?: Costly) =>
      `übersprungen – das Einlesen wurde nach ${seconds} ${seconds === 1 ? 'Sekunde' : 'Sekunden'} abgebrochen, weil es zu lange dauerte` +
      (costly
        ? `; vermutlich liegt es an ${COSTLY_WHAT.de[costly.construct]}: Die Datei enthält ${costly.count.toLocaleString('de')}-mal „${costly.written}“, am dichtesten ab dieser Zeile. Steht hier versehentlich eingefügter Text? Bitte entfernen oder den Absatz mit Leerzeilen teilen`
        : '. Steht versehentlich eingefügter Text darin? Bitte entfernen oder lange Absätze mit Leerzeilen teilen'),
    noMatch: (pattern: string) => `keine Markdown-Datei passt zu „${pattern}“`,
    missing: (name: string) => `„${name}“ gibt es nicht (weder Datei noch Ordner); bitte den Pfad prüfen`,
    allIgnored: (pattern: string) => `alle Markdown-Dateien in „${pattern}“ lässt „ignorieren:“ in ratsfeder.yaml aus; einzeln genannte Dateien werden geprüft`,
    summaryClean: (drafts: number) => `✔ ${drafts} ${drafts === 1 ? 'Entwurf' : 'Entwürfe'} geprüft, keine Befunde.`,
    summary: (errors: number, warnings: number, infos: number, withFindings: number, drafts: number) =>
      `✖ ${errors} ${errors === 1 ? 'Fehler' : 'Fehler'}, ${warnings} ${warnings === 1 ? 'Warnung' : 'Warnungen'}, ${infos} ${infos === 1 ? 'Hinweis' : 'Hinweise'} in ${withFindings} von ${drafts} ${drafts === 1 ? 'Entwurf' : 'Entwürfen'}.`,
    skippedCount: (count: number) => `(${count} ${count === 1 ? 'Datei' : 'Dateien'} ohne „art:“ übersprungen)`,
    unreadCount: (count: number) => `(${count} ${count === 1 ? 'Datei nicht eingelesen und nicht geprüft; der Grund steht in der Meldung zu ihr' : 'Dateien nicht eingelesen und nicht geprüft; der Grund steht in der Meldung zu jeder'})`,
    configProblems: 'Die Konfiguration ist ungültig und wurde nicht angewendet:',
    internal: (rule: string, message: string) => `interner Fehler in Regel ${rule}: ${message} (bitte melden)`,
    noSpelling: (detail: string) => `das Wörterbuch der Rechtschreibprüfung ließ sich nicht laden (${detail}); die Rechtschreibung wird nicht geprüft. Ratsfeder neu installieren oder die Regel mit „regeln: { rechtschreibung: aus }“ abschalten`,
    unknownCommand: (command: string) => `unbekannter Befehl „${command}“; siehe „ratsfeder --help“`,
    badOption: (message: string) => `${message}; siehe „ratsfeder check --help“`,
    badFormat: (format: string) => `unbekanntes Format „${format}“; erlaubt sind text, json, sarif`,
    badLang: (lang: string) => `unbekannte Sprache „${lang}“; erlaubt sind de, en`,
    badDate: (date: string) => `„${date}“ ist kein Datum der Form JJJJ-MM-TT`,
    badJobs: (jobs: string) => `„${jobs}“ ist keine Anzahl; --jobs erwartet eine ganze Zahl ab 1`,
  },
  en: {
    severity: { error: 'error', warning: 'warning', info: 'info' } satisfies Record<Severity, string>,
    skipped: {
      'no-front-matter': 'skipped – not a draft (no front matter with “art:”)',
      'no-art': 'skipped – not a draft (the front matter has no “art:”)',
      'too-large': `skipped – too large for a draft (limit ${megabytes('en')}); please split the file`,
      binary: 'skipped – binary file, not Markdown text',
      'too-deep': `skipped – nested too deeply (more than ${MAX_NESTING} levels of lists or quotes)`,
      pathological: 'skipped – so dense with Markdown characters that reading it would take too long',
      'too-slow': 'skipped – reading it took too long and was stopped',
      unreadable: 'cannot be read',
      'not-a-file': 'skipped – not a regular file (a pipe, a device or a socket); only regular files are read',
    },
    costly: (costly: Costly) =>
      `skipped – contains “${costly.written}” ${costly.count.toLocaleString('en')} times; no motion has that many ${COSTLY_WHAT.en[costly.construct]}, and reading it would take too long. Was text pasted here by mistake? Please remove it or split the paragraph with blank lines`,
    slow: (seconds: number, costly?: Costly) =>
      `skipped – reading it was stopped after ${seconds} ${seconds === 1 ? 'second' : 'seconds'} because it took too long` +
      (costly
        ? `; most likely the ${COSTLY_WHAT.en[costly.construct]} make it slow: the file contains “${costly.written}” ${costly.count.toLocaleString('en')} times, most densely from this line on. Was text pasted here by mistake? Please remove it or split the paragraph with blank lines`
        : '. Was text pasted here by mistake? Please remove it or split long paragraphs with blank lines'),
    noMatch: (pattern: string) => `no Markdown file matches “${pattern}”`,
    missing: (name: string) => `“${name}” does not exist (neither a file nor a folder); please check the path`,
    allIgnored: (pattern: string) => `every Markdown file in “${pattern}” is left out by “ignorieren:” in ratsfeder.yaml; files named one by one are checked`,
    summaryClean: (drafts: number) => `✔ ${drafts} ${drafts === 1 ? 'draft' : 'drafts'} checked, no findings.`,
    summary: (errors: number, warnings: number, infos: number, withFindings: number, drafts: number) =>
      `✖ ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${infos} info in ${withFindings} of ${drafts} ${drafts === 1 ? 'draft' : 'drafts'}.`,
    skippedCount: (count: number) => `(${count} ${count === 1 ? 'file' : 'files'} without “art:” skipped)`,
    unreadCount: (count: number) => `(${count} ${count === 1 ? 'file not read and not checked; its message says why' : 'files not read and not checked; the message on each says why'})`,
    configProblems: 'The configuration is invalid and was not applied:',
    internal: (rule: string, message: string) => `internal error in rule ${rule}: ${message} (please report)`,
    noSpelling: (detail: string) => `the spelling dictionary could not be loaded (${detail}); spelling is not checked. Reinstall Ratsfeder, or turn the rule off with “regeln: { rechtschreibung: aus }”`,
    unknownCommand: (command: string) => `unknown command “${command}”; see “ratsfeder --help”`,
    badOption: (message: string) => `${message}; see “ratsfeder check --help”`,
    badFormat: (format: string) => `unknown format “${format}”; allowed are text, json, sarif`,
    badLang: (lang: string) => `unknown language “${lang}”; allowed are de, en`,
    badDate: (date: string) => `“${date}” is not a date of the form YYYY-MM-DD`,
    badJobs: (jobs: string) => `“${jobs}” is not a count; --jobs expects a whole number from 1`,
  },
} as const;

export function texts(locale: Locale) {
  return TEXTS[locale];
}

export const HELP = {
  de: `ratsfeder – Anträge, Anfragen und Änderungsanträge prüfen

Aufruf:
  ratsfeder check [Pfade oder Muster …] [Optionen]
  ratsfeder export ENTWURF.md [-o ZIEL.docx] [--force] [--nachverfolgt]
  ratsfeder register sync | show NUMMER | search WÖRTER … | similar ENTWURF.md | text NUMMER
  ratsfeder new antrag|anfrage|aenderungsantrag [DATEI.md] [--titel TITEL]
  ratsfeder lsp --stdio | --node-ipc
  ratsfeder --version

Befehle:
  check    prüft Entwürfe (Markdown mit „art:“ im Front Matter)
  export   gibt einen Entwurf als DOCX im Format des Rates aus
  register das Dokumentregister: sync (mit OParl abgleichen), show NUMMER (ein Dokument),
           search WÖRTER (suchen), similar ENTWURF.md (ähnliche Dokumente: schon behandelt?),
           text NUMMER (den Text einer Vorlage aus ihrem PDF holen)
  new      legt einen neuen Entwurf aus der Mustervorlage seiner Art an
  lsp      startet den Sprachserver für Editoren (Neovim, Emacs, Helix, …)

Hilfe zu einem Befehl: ratsfeder <befehl> --help
`,
  en: `ratsfeder – check council motions, questions and amendments

Usage:
  ratsfeder check [paths or globs …] [options]
  ratsfeder export DRAFT.md [-o TARGET.docx] [--force] [--nachverfolgt]
  ratsfeder register sync | show NUMBER | search WORDS … | similar DRAFT.md | text NUMBER
  ratsfeder new antrag|anfrage|aenderungsantrag [FILE.md] [--titel TITLE]
  ratsfeder lsp --stdio | --node-ipc
  ratsfeder --version

Commands:
  check    checks drafts (Markdown with “art:” in the front matter)
  export   writes a draft as DOCX in the council's format
  register the document register: sync (from OParl), show NUMBER (one document),
           search WORDS, similar DRAFT.md (similar documents: dealt with before?),
           text NUMBER (fetch a Vorlage's text from its PDF)
  new      creates a new draft from its template
  lsp      starts the language server for editors (Neovim, Emacs, Helix, …)

Help on a command: ratsfeder <command> --help
`,
};

export const CHECK_HELP = {
  de: `ratsfeder check – Entwürfe prüfen

Aufruf:
  ratsfeder check [Pfade oder Muster …] [Optionen]

Pfade können Dateien, Ordner (rekursiv, *.md) oder Glob-Muster sein ("antraege/**/*.md").
Ohne Pfad wird der aktuelle Ordner geprüft. Markdown-Dateien ohne „art:“ im Front Matter
sind keine Entwürfe und werden übersprungen, ebenso in Ordnern und Mustern, was „ignorieren:“
in ratsfeder.yaml nennt (einzeln genannte Dateien und Ordner werden trotzdem geprüft).

Optionen:
  --format text|json|sarif   Ausgabeformat (Standard: text). sarif ist SARIF 2.1.0 für
                             GitHub Code Scanning.
  --lang de|en               Sprache der Meldungen (Standard: de, oder „sprache“ aus ratsfeder.yaml)
  --config DATEI             diese Konfiguration statt der nächsten ratsfeder.yaml verwenden
  --heute JJJJ-MM-TT         Stichtag für Datumsprüfungen (Standard: heute)
  --jobs N                   höchstens N Threads (Standard: einer je Prozessorkern; ab
                             ${FILES_PER_WORKER} Dateien je Thread)
  --cache ORDNER             Ordner des OParl-Caches (Standard: $XDG_CACHE_HOME/ratsfeder)
  -h, --help                 diese Hilfe

Ausgabe (text):  datei:zeile:spalte  schweregrad  regel  meldung

Konfiguration: die nächste ratsfeder.yaml im Ordner des Entwurfs oder darüber, z. B.
  profil: leipzig
  sprache: de
  regeln:
    abschnitt-unbekannt: hinweis   # fehler | warnung | hinweis | aus

Einzelne Stellen abschalten:
  <!-- ratsfeder-disable regel-id -->  …  <!-- ratsfeder-enable -->

Exit-Code:
  0  keine Fehler (Warnungen und Hinweise erlaubt)
  1  mindestens ein Befund mit Schweregrad „fehler“
  2  Aufruf- oder Konfigurationsfehler (auch: ein genannter Pfad existiert nicht, ein Muster
     trifft keine Datei), interner Fehler
`,
  en: `ratsfeder check – check drafts

Usage:
  ratsfeder check [paths or globs …] [options]

Paths may be files, folders (recursive, *.md) or glob patterns ("motions/**/*.md").
Without a path the current folder is checked. Markdown files without “art:” in the front
matter are not drafts and are skipped, and so is, in folders and patterns, what “ignorieren:”
in ratsfeder.yaml names (files and folders named one by one are checked all the same).

Options:
  --format text|json|sarif   output format (default: text). sarif is SARIF 2.1.0 for
                             GitHub code scanning.
  --lang de|en               language of messages (default: de, or “sprache” in ratsfeder.yaml)
  --config FILE              use this configuration instead of the nearest ratsfeder.yaml
  --heute YYYY-MM-DD         reference date for date checks (default: today)
  --jobs N                   at most N threads (default: one per core; from ${FILES_PER_WORKER} files
                             per thread)
  --cache FOLDER             folder of the OParl cache (default: $XDG_CACHE_HOME/ratsfeder)
  -h, --help                 this help

Output (text):  file:line:column  severity  rule  message

Configuration: the nearest ratsfeder.yaml in the draft's folder or above, e.g.
  profil: leipzig
  sprache: en
  regeln:
    abschnitt-unbekannt: info   # error | warning | info | off

Silence a range:
  <!-- ratsfeder-disable rule-id -->  …  <!-- ratsfeder-enable -->

Exit code:
  0  no errors (warnings and info allowed)
  1  at least one finding of severity “error”
  2  usage or configuration error (also: a path named does not exist, a pattern matches no
     file), internal error
`,
};

/** The CLI's own texts of `ratsfeder register`; what the editor says about a sync too is in `node/sync-messages.ts`. */
export function registerTexts(locale: Locale) {
  return REGISTER_TEXTS[locale];
}

const REGISTER_TEXTS = {
  de: {
    lang: 'de' as Locale,
    badOption: (message: string) => `${message}; siehe „ratsfeder register --help“`,
    noSystem: 'keine OParl-Schnittstelle angegeben: „--oparl <System-URL>“, „register: oparl: <System-URL>“ in ratsfeder.yaml oder ein Ratsprofil mit „oparl: system:“',
    badUrl: (url: string) => `„${url}“ ist keine http(s)-Adresse`,
    unknownAction: (action: string) => `unbekannte Aktion „${action}“; erlaubt sind sync, show, search, similar, text`,
    noNumber: 'text braucht eine Drucksachennummer, z. B. „ratsfeder register text VIII-DS-01234“',
    textFetched: (nummer: string, pages: number, points: number, found: boolean) =>
      `Text von ${nummer} geladen: ${pages} ${pages === 1 ? 'Seite' : 'Seiten'}; ${found ? (points > 0 ? `Beschlussvorschlag mit ${points} ${points === 1 ? 'Punkt' : 'Punkten'}` : 'Beschlussvorschlag ohne nummerierte Punkte') : 'kein Beschlussvorschlag gefunden (Überschrift siehe „vorlage:“ im Ratsprofil)'}.`,
    point: (nummer: string) => `Punkt ${nummer}`,
    beschluss: 'Beschlussvorschlag',
    textsFetched: (count: number, list: string) => `Texte der Bezugsdokumente von Änderungsanträgen geladen: ${count} (${list}).`,
    unreadable: (file: string) => `${file} ist nicht lesbar`,
    tooSlow: (file: string) => `${file}: das Einlesen wurde abgebrochen, weil es zu lange dauerte; „ratsfeder check ${file}“ sagt, woran es liegt`,
    missing: (file: string) => `den Entwurf ${file} gibt es nicht; bitte den Pfad prüfen`,
    noTitle: (what: string) => (what === '' ? 'similar braucht einen Entwurf (.md) oder Wörter' : `${what} hat keinen Titel („titel:“ im Front Matter), nach dem sich suchen ließe`),
    notFound: (nummer: string) => `${nummer} steht nicht im Dokumentregister (vielleicht ist es veraltet: „ratsfeder register sync“)`,
    notANumber: (text: string) => `„${text}“ ist keine Drucksachennummer`,
    nothing: 'Nichts gefunden.',
    showNeedsNumber: 'show braucht eine Drucksachennummer, z. B. „ratsfeder register show VIII-DS-01234“',
    otherSystem: (system: string, own: string | undefined) =>
      `Hinweis: Jede OParl-Schnittstelle hat ihren eigenen Cache. „ratsfeder check“ und der Editor lesen in diesem Projekt ${own ? `den Cache von ${own}` : 'keinen OParl-Cache'}; damit sie die Dokumente von ${system} verwenden, „register: oparl: ${system}“ in ratsfeder.yaml eintragen (die Befehle von „ratsfeder register“ lesen ihn mit „--oparl ${system}“).`,
    empty: (root: string, system: string | undefined) =>
      `Das Dokumentregister ist leer. So füllt es sich:
  – eine Registerdatei im Projektordner ${root}: eine Datei *.register.csv mit einer Kopfzeile wie
    „Nummer;Betreff;Art;Datum;Link“ (auch so, wie ALLRIS oder Excel sie ausgeben) oder *.register.json;
    andere Dateien nennt „register: dateien:“ in ratsfeder.yaml;
  – die OParl-Schnittstelle des Rates: ${
    system
      ? `„ratsfeder register sync“ holt die Dokumente von ${system}; eine andere Adresse mit
    „--oparl <System-URL>“ oder „register: oparl: <System-URL>“ in ratsfeder.yaml;`
      : `„ratsfeder register sync --oparl <System-URL>“, oder die Adresse
    einmal als „register: oparl: <System-URL>“ in ratsfeder.yaml eintragen und „ratsfeder register sync“;`
  }
  – Entwürfe mit „nummer:“ im Front Matter zählen ebenfalls.`,
    labels: { nummer: 'Nummer', titel: 'Titel', art: 'Art', datum: 'Datum', url: 'Adresse', quelle: 'Quelle', beratung: 'Beratung', datei: 'Datei', amt: 'Amt', bezug: 'Bezug' },
    asWritten: '(wie geschrieben; passt nicht zum Nummernschema)',
    authoritative: 'entscheidend',
    mainFile: 'Hauptdokument',
    relations: { related: 'verwandt', superordinated: 'übergeordnet', subordinated: 'untergeordnet' },
    sources: { workspace: 'Entwurf im Arbeitsbereich', file: 'Registerdatei', oparl: 'OParl-Cache' },
  },
  en: {
    lang: 'en' as Locale,
    badOption: (message: string) => `${message}; see “ratsfeder register --help”`,
    noSystem: 'no OParl interface given: “--oparl <System URL>”, “register: oparl: <System URL>” in ratsfeder.yaml, or a profile with “oparl: system:”',
    badUrl: (url: string) => `“${url}” is not an http(s) address`,
    unknownAction: (action: string) => `unknown action “${action}”; allowed are sync, show, search, similar, text`,
    noNumber: 'text needs a document number, e.g. “ratsfeder register text VIII-DS-01234”',
    textFetched: (nummer: string, pages: number, points: number, found: boolean) =>
      `Fetched the text of ${nummer}: ${pages} ${pages === 1 ? 'page' : 'pages'}; ${found ? (points > 0 ? `Beschlussvorschlag with ${points} ${points === 1 ? 'point' : 'points'}` : 'Beschlussvorschlag without numbered points') : 'no Beschlussvorschlag found (for its heading see “vorlage:” in the council profile)'}.`,
    point: (nummer: string) => `Point ${nummer}`,
    beschluss: 'Beschlussvorschlag',
    textsFetched: (count: number, list: string) => `Fetched the texts of documents that amendments refer to: ${count} (${list}).`,
    unreadable: (file: string) => `${file} cannot be read`,
    tooSlow: (file: string) => `${file}: reading it was stopped because it took too long; “ratsfeder check ${file}” says why`,
    missing: (file: string) => `the draft ${file} does not exist; please check the path`,
    noTitle: (what: string) => (what === '' ? 'similar needs a draft (.md) or words' : `${what} has no title (“titel:” in the front matter) to search by`),
    notFound: (nummer: string) => `${nummer} is not in the document register (it may be stale: “ratsfeder register sync”)`,
    notANumber: (text: string) => `“${text}” is not a document number`,
    nothing: 'Nothing found.',
    showNeedsNumber: 'show needs a document number, e.g. “ratsfeder register show VIII-DS-01234”',
    otherSystem: (system: string, own: string | undefined) =>
      `Note: each OParl interface has a cache of its own. In this project “ratsfeder check” and the editor read ${own ? `the cache of ${own}` : 'no OParl cache'}; for them to use the documents of ${system}, put “register: oparl: ${system}” into ratsfeder.yaml (the commands of “ratsfeder register” read it with “--oparl ${system}”).`,
    empty: (root: string, system: string | undefined) =>
      `The document register is empty. To fill it:
  – a register file in the project folder ${root}: a file *.register.csv with a header such as
    “Nummer;Betreff;Art;Datum;Link” (also as ALLRIS or Excel export it) or *.register.json; other
    files are named by “register: dateien:” in ratsfeder.yaml;
  – the council's OParl interface: ${
    system
      ? `“ratsfeder register sync” fetches the documents from ${system}; another address with
    “--oparl <System URL>” or “register: oparl: <System URL>” in ratsfeder.yaml;`
      : `“ratsfeder register sync --oparl <System URL>”, or put the address
    once as “register: oparl: <System URL>” into ratsfeder.yaml and run “ratsfeder register sync”;`
  }
  – drafts with “nummer:” in their front matter count too.`,
    labels: { nummer: 'Number', titel: 'Title', art: 'Type', datum: 'Date', url: 'Address', quelle: 'Source', beratung: 'Consulted', datei: 'File', amt: 'Office', bezug: 'Related' },
    asWritten: '(as written; does not fit the number scheme)',
    authoritative: 'decides',
    mainFile: 'main document',
    relations: { related: 'related', superordinated: 'superordinate', subordinated: 'subordinate' },
    sources: { workspace: 'draft in the workspace', file: 'register file', oparl: 'OParl cache' },
  },
};

export const REGISTER_HELP = {
  de: `ratsfeder register – das Dokumentregister

Aufruf:
  ratsfeder register sync [--oparl SYSTEM-URL] [--cache ORDNER] [--full]
  ratsfeder register show NUMMER [--format text|json]
  ratsfeder register search WÖRTER … [--limit N] [--format text|json]
  ratsfeder register similar ENTWURF.md | WÖRTER … [--limit N] [--format text|json]
  ratsfeder register text NUMMER [--format text|json]

Das Register besteht aus den Entwürfen und Registerdateien (*.register.csv, *.register.json)
im Projekt – dem Ordner der nächsten ratsfeder.yaml, sonst dem aktuellen Ordner – und dem
OParl-Cache der System-URL des Projekts (--oparl, sonst „register: oparl:“ in ratsfeder.yaml,
sonst die des Ratsprofils). Jede System-URL hat ihren eigenen Cache.

  sync     holt die Dokumente (Paper) der OParl-Schnittstelle; beim zweiten Mal nur die
           Änderungen seit dem letzten Abgleich. Die System-URL kommt aus --oparl oder aus
           „register: oparl:“ in ratsfeder.yaml. Schlägt der Abgleich fehl, bleibt der
           bisherige Cache unverändert; ein abgebrochener Abgleich macht beim nächsten
           Aufruf dort weiter, wo er stand.
  show     zeigt ein Dokument: Titel, Art, Datum, Adresse, Quelle, aus OParl auch
           Beratungsfolge, Dateien, federführendes Amt und verwandte Dokumente.
  search   sucht nach Wörtern im Titel oder nach dem Anfang einer Nummer (VIII-DS-).
  similar  listet die Dokumente, die einem Entwurf (Titel und Anfang des ersten Abschnitts)
           oder den Wörtern am ähnlichsten sind, mit Ähnlichkeit in Prozent; Dokumente, die
           der Entwurf selbst nennt, fehlen. Wurde das Thema schon behandelt?
  text     holt den Text eines Dokuments aus seiner Hauptdatei (PDF) und zeigt seinen
           Beschlussvorschlag mit den nummerierten Punkten; Änderungsanträge werden dann
           gegen diesen Wortlaut geprüft. sync holt die Texte der Dokumente, auf die sich
           Änderungsanträge im Projekt beziehen („bezug:“), von selbst.

Optionen:
  --oparl URL         System-URL der OParl-Schnittstelle (auch: wessen Cache gelesen wird)
  --full              alles neu holen statt nur der Änderungen
  --cache ORDNER      Ordner der Caches, einer je System-URL (Standard:
                      $XDG_CACHE_HOME/ratsfeder bzw. ~/.cache/ratsfeder)
  --format text|json  Ausgabeformat von show, search, similar und text
  --limit N           höchstens N Treffer (Standard 20)

Exit-Code: 0 Erfolg; 1 nichts gefunden oder Abgleich fehlgeschlagen; 2 Aufruf- oder
Konfigurationsfehler; 130 abgebrochen.
`,
  en: `ratsfeder register – the document register

Usage:
  ratsfeder register sync [--oparl SYSTEM-URL] [--cache FOLDER] [--full]
  ratsfeder register show NUMBER [--format text|json]
  ratsfeder register search WORDS … [--limit N] [--format text|json]
  ratsfeder register similar DRAFT.md | WORDS … [--limit N] [--format text|json]
  ratsfeder register text NUMBER [--format text|json]

The register holds the drafts and register files (*.register.csv, *.register.json) of the
project – the folder of the nearest ratsfeder.yaml, else the current folder – and the OParl
cache of the project's System URL (--oparl, else “register: oparl:” in ratsfeder.yaml, else
the council profile's). Each System URL has a cache of its own.

  sync     fetches the documents (papers) of the OParl interface; after the first time only
           what changed since the last sync. The System URL comes from --oparl or from
           “register: oparl:” in ratsfeder.yaml. If the sync fails, the previous cache is kept;
           an interrupted sync goes on where it stopped the next time.
  show     shows one document: title, type, date, address, source, and from OParl its
           consultations, files, office in charge and related documents.
  search   searches title words or the start of a number (VIII-DS-).
  similar  lists the documents most similar to a draft (its title and the start of its first
           section) or to the words, with the similarity in percent; documents the draft
           itself cites are left out. Has the subject been dealt with before?
  text     fetches a document's text from its main file (PDF) and shows its
           Beschlussvorschlag with the numbered points; amendments are then checked against
           that wording. sync fetches the texts of the documents the project's amendments
           refer to (“bezug:”) by itself.

Options:
  --oparl URL         System URL of the OParl interface (also: whose cache is read)
  --full              fetch everything again, not only the changes
  --cache FOLDER      folder of the caches, one per System URL (default:
                      $XDG_CACHE_HOME/ratsfeder or ~/.cache/ratsfeder)
  --format text|json  output of show, search, similar and text
  --limit N           at most N results (default 20)

Exit code: 0 success; 1 nothing found or sync failed; 2 usage or configuration error;
130 aborted.
`,
};

/** What `ratsfeder export` says besides the export's outcome (`EXPORT_MESSAGES` words its failures). */
export const EXPORT_CLI_MESSAGES = defineCatalogue({
  de: {
    /** `message`: what the argument parser found wrong. */
    'bad-option': (data) => `${data.message}; siehe „ratsfeder export --help“`,
    'one-draft': () => 'bitte Entwürfe angeben: ratsfeder export <entwurf.md> [-o ziel.docx] (mit -o genau einen)',
    written: (data) => `Exportiert: ${data.file}`,
    /** Exported despite findings, listed above it: `errors` (forced) and `warnings` counted. */
    'written-despite': (data) =>
      `Exportiert: ${data.file} (${[data.errors ? `${data.errors} Fehler` : '', data.warnings ? `${data.warnings} ${data.warnings === 1 ? 'Warnung' : 'Warnungen'}` : ''].filter(Boolean).join(', ')})`,
    'pdf-written': (data) => `Als PDF/A: ${data.file}`,
    'no-libreoffice': (data) =>
      `Für --pdf wird LibreOffice gebraucht (soffice), und es ist nicht installiert (Debian/Ubuntu: apt install libreoffice-writer; sonst RATSFEDER_SOFFICE auf soffice setzen). ${data.docx} ist geschrieben; daraus lässt sich in Word oder LibreOffice ein PDF speichern.`,
    'pdf-failed': (data) => `LibreOffice hat aus ${data.docx} kein PDF gemacht${data.detail ? ` (${data.detail})` : ''}. Die DOCX-Datei ist geschrieben.`,
    'pdf-timeout': (data) => `LibreOffice hat ${data.docx} nicht binnen ${data.seconds} Sekunden in ein PDF umgewandelt und wurde beendet. Die DOCX-Datei ist geschrieben.`,
    'pdf-write': (data) => `Das PDF ${data.target} konnte nicht geschrieben werden (${data.code || data.detail}). Die DOCX-Datei ist geschrieben.`,
  },
  en: {
    'bad-option': (data) => `${data.message}; see “ratsfeder export --help”`,
    'one-draft': () => 'please name drafts: ratsfeder export <draft.md> [-o target.docx] (exactly one with -o)',
    written: (data) => `Exported: ${data.file}`,
    'written-despite': (data) =>
      `Exported: ${data.file} (${[data.errors ? `${data.errors} ${data.errors === 1 ? 'error' : 'errors'}` : '', data.warnings ? `${data.warnings} ${data.warnings === 1 ? 'warning' : 'warnings'}` : ''].filter(Boolean).join(', ')})`,
    'pdf-written': (data) => `As PDF/A: ${data.file}`,
    'no-libreoffice': (data) =>
      `--pdf needs LibreOffice (soffice), which is not installed (Debian/Ubuntu: apt install libreoffice-writer; or set RATSFEDER_SOFFICE to soffice). ${data.docx} is written; Word or LibreOffice can save it as PDF.`,
    'pdf-failed': (data) => `LibreOffice made no PDF of ${data.docx}${data.detail ? ` (${data.detail})` : ''}. The DOCX file is written.`,
    'pdf-timeout': (data) => `LibreOffice did not convert ${data.docx} to PDF within ${data.seconds} seconds and was stopped. The DOCX file is written.`,
    'pdf-write': (data) => `The PDF ${data.target} could not be written (${data.code || data.detail}). The DOCX file is written.`,
  },
});

export const EXPORT_HELP = {
  de: `ratsfeder export – einen Entwurf als DOCX im Format des Rates ausgeben

Aufruf:
  ratsfeder export ENTWURF.md [-o ZIEL.docx] [--force] [--nachverfolgt] [--ueberschreiben]
  ratsfeder export ENTWURF.md … [--force]        (mehrere, jeweils neben den Entwurf)

Der Entwurf wird zuerst geprüft. Hat er Befunde der Stufe „fehler“, wird er nicht
exportiert; die Befunde werden aufgelistet. --force exportiert trotzdem. Warnungen werden
aufgelistet und gezählt, der Export geht weiter.
Ohne -o entsteht die Datei neben dem Entwurf (antrag.md → antrag.docx). Der Entwurf selbst
wird nie überschrieben; die DOCX-Datei wird atomar geschrieben (erst vollständig, dann an
ihren Platz), sodass nie eine halbe Datei liegen bleibt.

Eine vorhandene DOCX-Datei ersetzt der Export nur, wenn Ratsfeder sie geschrieben hat und sie
seitdem niemand geändert hat: Jeder Export trägt dafür eine Prüfsumme seines Inhalts in die
Dokumenteigenschaften ein (Eigenschaft „Ratsfeder“). Eine Datei, die in Word oder LibreOffice
gespeichert, von Hand geändert oder nicht von Ratsfeder geschrieben wurde, ersetzt er nur mit
--ueberschreiben.

Optionen:
  -o, --out DATEI      Zieldatei (.docx)
  --template DATEI     Briefkopf (.docx) mit Platzhaltern {{titel}}, {{art}},
                       {{nummer}}, {{einreicher}}, {{datum}}, {{status}}, {{bezug}},
                       {{beratungsfolge}} und {{inhalt}} (Pflicht: dort steht der Text);
                       Standard: „export: vorlage:“ aus ratsfeder.yaml
  --force              trotz Fehlern exportieren
  --ueberschreiben     eine vorhandene DOCX-Datei ersetzen, auch wenn sie geändert wurde oder
                       nicht von Ratsfeder stammt
  --nachverfolgt       Änderungsblöcke als nachverfolgte Änderungen (Word: „Änderungen
                       nachverfolgen“) im Wortlaut der Vorlage statt als Gegenüberstellung:
                       die Verwaltung nimmt jede Änderung einzeln an oder lehnt sie ab
  --pdf                zusätzlich ein PDF/A neben die DOCX-Datei (antrag.pdf); braucht
                       LibreOffice (soffice)
  --lang de|en         Sprache der Meldungen
  --heute JJJJ-MM-TT   Stichtag für Datumsprüfungen
  --cache ORDNER       Ordner des OParl-Caches

Exit-Code: 0 exportiert; 1 wegen Fehlern abgelehnt, Ziel geändert oder fremd (siehe
--ueberschreiben) oder nicht schreibbar, oder mit --pdf kein PDF; 2 Aufruffehler,
Entwurf nicht vorhanden oder nicht lesbar, kein Entwurf (kein „art:“) oder einer,
der nicht eingelesen wird (zu groß, zu tief verschachtelt, zu aufwendig).
`,
  en: `ratsfeder export – write a draft as DOCX in the council's format

Usage:
  ratsfeder export DRAFT.md [-o TARGET.docx] [--force] [--nachverfolgt] [--ueberschreiben]
  ratsfeder export DRAFT.md … [--force]          (several, each beside its draft)

The draft is checked first. With findings of severity “error” it is not exported and the
findings are listed; --force exports anyway. Warnings are listed and counted, and the export
goes ahead. Without -o the file is written beside the draft (motion.md → motion.docx). The
draft itself is never overwritten; the DOCX file is written atomically (complete first, then
moved into place), so no half-written file is ever left.

An existing DOCX file is replaced only if Ratsfeder wrote it and nobody changed it since: every
export records a checksum of its content in the document properties (property “Ratsfeder”).
A file saved in Word or LibreOffice, changed by hand or not written by Ratsfeder is replaced
only with --ueberschreiben.

Options:
  -o, --out FILE       target file (.docx)
  --template FILE      letterhead template (.docx) with placeholders {{titel}}, {{art}},
                       {{nummer}}, {{einreicher}}, {{datum}}, {{status}}, {{bezug}},
                       {{beratungsfolge}} and {{inhalt}} (required: the text goes there);
                       default: “export: vorlage:” in ratsfeder.yaml
  --force              export despite errors
  --ueberschreiben     replace an existing DOCX file even if it was changed or was not
                       written by Ratsfeder
  --nachverfolgt       amendment blocks as tracked changes (Word: “Track Changes”) in the
                       Vorlage's wording instead of side by side: the office accepts or
                       rejects each change
  --pdf                also a PDF/A beside the DOCX file (motion.pdf); needs LibreOffice
                       (soffice)
  --lang de|en         language of messages
  --heute YYYY-MM-DD   reference date for date checks
  --cache FOLDER       folder of the OParl cache

Exit code: 0 exported; 1 refused because of errors, a changed or foreign target (see
--ueberschreiben) or not writable, or no PDF with --pdf; 2 usage error, the draft
does not exist or cannot be read, is not a draft (no “art:”) or one that is not
read (too large, nested too deeply, too costly to parse).
`,
};

export function newTexts(locale: Locale) {
  return NEW_TEXTS[locale];
}

const NEW_TEXTS = {
  de: {
    badOption: (message: string) => `${message}; siehe „ratsfeder new --help“`,
    usage: 'Aufruf: ratsfeder new antrag|anfrage|aenderungsantrag [datei.md] [--titel TITEL]',
    unknownKind: (name: string) => `„${name}“ ist keine Art; erlaubt sind antrag, anfrage, aenderungsantrag`,
    needTitle: 'bitte einen Titel (--titel „…“) oder einen Dateinamen angeben',
    exists: (file: string) => `${file} gibt es schon; Ratsfeder überschreibt keine Datei. Bitte einen anderen Namen wählen.`,
    noFolder: (folder: string) => `den Ordner ${folder} gibt es nicht; bitte zuerst anlegen`,
    templateMissing: (file: string) => `die Mustervorlage ${file} fehlt in der Installation; bitte Ratsfeder neu installieren`,
    notWritten: (file: string, reason: string) => `${file} konnte nicht geschrieben werden (${reason}); es wurde nichts angelegt`,
    created: (file: string, art: string) => `Angelegt: ${file} (${art})`,
  },
  en: {
    badOption: (message: string) => `${message}; see “ratsfeder new --help”`,
    usage: 'usage: ratsfeder new antrag|anfrage|aenderungsantrag [file.md] [--titel TITLE]',
    unknownKind: (name: string) => `“${name}” is not a kind of draft; allowed are antrag, anfrage, aenderungsantrag`,
    needTitle: 'please give a title (--titel “…”) or a file name',
    exists: (file: string) => `${file} exists already; Ratsfeder overwrites no file. Please choose another name.`,
    noFolder: (folder: string) => `the folder ${folder} does not exist; please create it first`,
    templateMissing: (file: string) => `the template ${file} is missing from the installation; please reinstall Ratsfeder`,
    notWritten: (file: string, reason: string) => `${file} could not be written (${reason}); nothing was created`,
    created: (file: string, art: string) => `Created: ${file} (${art})`,
  },
};

export const NEW_HELP = {
  de: `ratsfeder new – einen neuen Entwurf aus einer Mustervorlage anlegen

Aufruf:
  ratsfeder new antrag|anfrage|aenderungsantrag [DATEI.md] [--titel TITEL]

Legt den Entwurf aus der Mustervorlage seiner Art an (templates/), mit dem Titel im Front Matter.
Ohne DATEI entsteht der Name aus dem Titel im aktuellen Ordner
(„Radwege sanieren“ → radwege-sanieren.antrag.md). Eine vorhandene Datei wird nie überschrieben.

Optionen:
  -t, --titel TITEL    der Titel des Entwurfs
  --lang de|en         Sprache der Meldungen
  -h, --help           diese Hilfe

Exit-Code: 0 angelegt; 2 Aufruffehler, Datei vorhanden oder nicht schreibbar.
`,
  en: `ratsfeder new – create a new draft from its template

Usage:
  ratsfeder new antrag|anfrage|aenderungsantrag [FILE.md] [--titel TITLE]

Creates the draft from the template of its kind (templates/), with the title in its front
matter. Without FILE the name is made from the title, in the current folder
(“Radwege sanieren” → radwege-sanieren.antrag.md). An existing file is never overwritten.

Options:
  -t, --titel TITLE    the draft's title
  --lang de|en         language of the messages
  -h, --help           this help

Exit code: 0 created; 2 usage error, file exists or cannot be written.
`,
};
