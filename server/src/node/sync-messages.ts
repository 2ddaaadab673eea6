import { defineCatalogue, render, type Failure, type Locale, type MessageData } from '../base/locale.js';
import { reasonDe, reasonEn } from './atomic.js';

/**
 * What the OParl sync and the register's cache say to the user, in both languages: why a sync
 * failed (`SyncError.failure`), what it skipped (`SyncWarning`), why the cache file is not used
 * (`LoadedCache.problem`). The sync and the stores return a kind and data; the edges (cli/, lsp/)
 * render them in the user's language, as the engine renders a finding.
 *
 * Data used by several messages: `url` the address at which it happened; `source` is `user` when
 * that address is the System URL the user gave, `server` when the OParl server named it (the advice
 * differs: check the URL, or tell the operator); `answer` the start of the server's answer, if any.
 */

const KEEP = 'der bisherige Cache bleibt erhalten.';
const KEEP_EN = 'the previous cache is kept.';
const KEEP_CAPITAL = 'Der bisherige Cache bleibt erhalten.';
const KEEP_CAPITAL_EN = 'The previous cache is kept.';
/** After a total limit: nothing of the sync is kept, since going on from it would reach the limit again. */
const LIMIT_KEEP = 'Der bisherige Cache bleibt erhalten. Ein Zwischenstand wird nicht behalten: die nächste Synchronisierung beginnt von vorn.';
const LIMIT_KEEP_EN = 'The previous cache is kept. No checkpoint is kept: the next sync starts over.';

const user = (d: MessageData): boolean => d.source === 'user';
const tries = (d: MessageData): string => (Number(d.attempts) > 1 ? ` (${d.attempts} Versuche)` : '');
const triesEn = (d: MessageData): string => (Number(d.attempts) > 1 ? ` (${d.attempts} attempts)` : '');
const answer = (d: MessageData): string => (d.answer ? `; Antwort: „${d.answer}“` : '');
const answerEn = (d: MessageData): string => (d.answer ? `; answer: “${d.answer}”` : '');

/** What an address that is not http(s) was meant to be (`url` data `what`). */
const WHAT = {
  de: { system: 'System-URL', bodies: 'Körperschaftsliste', paper: 'Drucksachenliste', meeting: 'Sitzungsliste', organization: 'Gremienliste', page: 'Seitenadresse', next: 'nächste Seite' },
  en: { system: 'System URL', bodies: 'body list', paper: 'paper list', meeting: 'meeting list', organization: 'organization list', page: 'page address', next: 'next page' },
} as const;
export type AddressKind = keyof (typeof WHAT)['de'];
const what = (locale: Locale, d: MessageData): string => WHAT[locale][d.what as AddressKind] ?? String(d.what);

/** A time limit as it is set: seconds from one second on, else milliseconds. */
export function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** A size limit: megabytes from one megabyte on, else bytes. */
export function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${bytes} Bytes`;
}

// Made when first used: the first number format of a process loads ICU's locale data.
let DE: Intl.NumberFormat | undefined;
let EN: Intl.NumberFormat | undefined;
const de = (n: string | number | undefined): string => (DE ??= new Intl.NumberFormat('de-DE')).format(Number(n));
const en = (n: string | number | undefined): string => (EN ??= new Intl.NumberFormat('en-GB')).format(Number(n));

export const SYNC_MESSAGES = defineCatalogue({
  de: {
    // Why a sync failed (`SyncError`); each says what to do.
    'not-system': (d) =>
      `Die Antwort von ${d.url} ist kein OParl-System: das Feld „body“ fehlt. Die System-URL prüfen (sie ist die Einstiegsadresse der OParl-Schnittstelle, oft …/oparl/v1/system); ${KEEP}`,
    'no-paper-list': (d) => `Keine Körperschaft in ${d.url} nennt eine Drucksachenliste („paper“). Die System-URL prüfen; ${KEEP}`,
    'too-many-pages': (d) =>
      `Die Synchronisierung hat die Grenze von ${d.max} Listenseiten erreicht (bei ${d.url}). Entweder liefert der Server endlos neue Seiten oder die Grenze ist für diesen Bestand zu klein und muss erhöht werden. ${KEEP_CAPITAL}`,
    'too-many-objects': (d) =>
      `Die Synchronisierung hat die Grenze von ${de(d.max)} Objekten (Drucksachen, Sitzungen, Gremien) erreicht (bei ${d.url}) und wurde abgebrochen, damit der Speicher nicht volläuft. So viele hat kein Rat (Leipzig hat rund 100.000 Drucksachen): Die System-URL prüfen, ob sie auf die OParl-Schnittstelle eines Rats zeigt; liefert der Server endlos Objekte, dem Betreiber melden. ${LIMIT_KEEP}`,
    'too-many-bytes': (d) =>
      `Die Synchronisierung hat die Grenze von ${megabytes(Number(d.limit))} empfangener Daten erreicht (bei ${d.url}) und wurde abgebrochen, damit der Speicher nicht volläuft. So viel liefert kein Rat (Leipzigs Bestand sind einige 100 MB): Die System-URL prüfen, ob sie auf die OParl-Schnittstelle eines Rats zeigt; liefert der Server endlos Daten, dem Betreiber melden. ${LIMIT_KEEP}`,
    'cache-too-large': (d) =>
      `Die Synchronisierung hat die Grenze von ${megabytes(Number(d.limit))} für die behaltenen Dokumente erreicht (bei ${d.url}) und wurde abgebrochen, damit der Speicher nicht volläuft. So viel hat kein Rat (Leipzigs Drucksachen belegen etwa 160 MB): Die System-URL prüfen, ob sie auf die OParl-Schnittstelle eines Rats zeigt; liefert der Server endlos Daten, dem Betreiber melden. ${LIMIT_KEEP}`,
    'not-list': (d) => `Die Antwort von ${d.url} ist keine OParl-Liste: das Feld „data“ fehlt${answer(d)}. Liefert der Server sonst OParl, dem Betreiber melden. ${KEEP_CAPITAL}`,
    'bad-next': (d) => `Die Seite ${d.url} hat einen ungültigen Verweis auf die nächste Seite („links.next“). Dem Betreiber des OParl-Servers melden; ${KEEP}`,
    loop: (d) =>
      `Die Liste verweist von ${d.from} mit „links.next“ auf eine schon gelesene Seite (${d.url}) und würde endlos weiterlaufen; die Synchronisierung wurde abgebrochen. Dem Betreiber des OParl-Servers melden; ${KEEP}`,
    'http-retry': (d) => `Der OParl-Server antwortete auf ${d.url} mit HTTP ${d.status}${tries(d)}${answer(d)}. Später erneut versuchen; ${KEEP}`,
    http: (d) =>
      `Der OParl-Server antwortete auf ${d.url} mit HTTP ${d.status ?? '?'}${answer(d)}. ${user(d) ? 'Die System-URL prüfen; ist sie richtig, dem Betreiber des Servers melden.' : 'Dem Betreiber des OParl-Servers melden: diese Adresse nennt der Server selbst.'} ${KEEP_CAPITAL}`,
    network: (d) =>
      `Keine Verbindung zum OParl-Server bei ${d.url}${tries(d)}: ${d.reason}. Netzverbindung${user(d) ? ' und System-URL' : ''} prüfen und später erneut versuchen; ${KEEP}`,
    timeout: (d) =>
      `Der OParl-Server hat auf ${d.url} nicht innerhalb von ${seconds(Number(d.timeout))} vollständig geantwortet${tries(d)}. Später erneut versuchen oder ein längeres Zeitlimit wählen; ${KEEP}`,
    'too-large': (d) =>
      `Die Antwort von ${d.url} ist größer als ${megabytes(Number(d.limit))}; das Lesen wurde abgebrochen. ${user(d) ? 'Die System-URL prüfen oder eine höhere Grenze wählen' : 'Eine höhere Grenze wählen oder dem Betreiber des OParl-Servers melden'}; ${KEEP}`,
    redirects: (d) =>
      `${d.url} leitet mehr als ${d.max}-mal weiter (zuletzt auf ${d.location ?? '?'}). ${user(d) ? 'Die System-URL prüfen und die Adresse nehmen, bei der die Weiterleitungen enden' : 'Dem Betreiber des OParl-Servers melden'}; ${KEEP}`,
    'redirect-scheme': (d) =>
      `${d.url} leitet auf eine Adresse weiter, die nicht mit http: oder https: beginnt (${d.location ?? '?'}); ihr wird nicht gefolgt. ${user(d) ? 'Die System-URL prüfen' : 'Dem Betreiber des OParl-Servers melden'}; ${KEEP}`,
    encoding: (d) => `Die Antwort von ${d.url} ist in einer unbekannten Kodierung komprimiert (${d.encoding ?? '?'}). Dem Betreiber des OParl-Servers melden; ${KEEP}`,
    json: (d) =>
      `Die Antwort von ${d.url} ist kein gültiges JSON (${d.reason})${answer(d)}. ${user(d) ? 'Die System-URL prüfen: sie muss auf die OParl-Schnittstelle zeigen, nicht auf eine Webseite' : 'Später erneut versuchen; bleibt es so, dem Betreiber des OParl-Servers melden'}; ${KEEP}`,
    url: (d) =>
      `Die Adresse „${d.value}“ (${what('de', d)}) ist keine http- oder https-URL; ihr wird nicht gefolgt. ${d.what === 'system' ? 'Die System-URL prüfen' : 'Dem Betreiber des OParl-Servers melden'}; ${KEEP}`,
    aborted: (d) => `Die Synchronisierung wurde abgebrochen (bei ${d.url}); ${KEEP}`,
    failed: (d) => `Die Synchronisierung ist bei ${d.url} gescheitert; ${KEEP}`,
    credentials: (d) =>
      `Die System-URL ${d.url} enthält Benutzername oder Passwort; so stünden sie im OParl-Cache und in Meldungen, darum wird sie nicht verwendet. Die Adresse ohne „benutzer:passwort@“ angeben; verlangt der Server eine Anmeldung (OParl-Schnittstellen sind sonst öffentlich), die Zugangsdaten als „benutzer:passwort“ in der Umgebungsvariablen ${d.variable} setzen: Ratsfeder schickt sie nur an diesen Server und schreibt sie nirgends hin; ${KEEP}`,
    // What a sync skipped and went on without (`SyncWarning`).
    'checkpoint-not-saved': (d) => `Der Zwischenstand der Synchronisierung ließ sich nicht speichern (${d.file}: ${reasonDe(code(d), d.detail)}); eine abgebrochene Synchronisierung beginnt dann von vorn.`,
    // The synced cache could not be written (`CacheWriteError`); `step` is where writing failed.
    'cache-not-saved': (d) =>
      `Der OParl-Cache ${d.file} konnte nicht gespeichert werden: ${d.step === 'mkdir' ? `der Ordner ${d.dir} lässt sich nicht anlegen` : d.step === 'write' ? `in ${d.dir} lässt sich nicht schreiben` : 'die neue Datei lässt sich nicht an ihre Stelle setzen'} (${reasonDe(code(d), d.detail)}). ${adviceDe(code(d), String(d.dir))} Der bisherige Cache ist unverändert.`,
    // Anything else that went wrong, with the error's own text.
    unexpected: (d) => `Die Synchronisierung ist gescheitert: ${d.detail}`,
    'page-repaired': (d) =>
      `Die Seite ${d.url} enthält Steuerzeichen oder ungültige Escapes in Texten und ist so kein gültiges JSON; sie wurde repariert und vollständig übernommen. Dem Betreiber des OParl-Servers melden.`,
    'object-skipped': (d) =>
      `Objekt Nr. ${d.which} der Seite ${d.url} ist kein gültiges JSON und wurde übersprungen; die übrigen Objekte der Seite sind übernommen. Dem Betreiber des OParl-Servers melden.`,
    // Why the cache file is not used (`LoadedCache.problem`); `code` is the system's error code, `detail` its message.
    'cache-unreadable': (d) =>
      `Der OParl-Cache ${d.file} kann nicht gelesen werden (${reasonDe(d.code ? String(d.code) : undefined, d.detail)}). Die Zugriffsrechte der Datei prüfen; bis dahin gilt das Register ohne OParl-Daten. Eine neue Synchronisierung ersetzt die Datei, wenn sie geschrieben werden darf.`,
    'cache-damaged': (d) =>
      `Der OParl-Cache ${d.file} ist beschädigt oder stammt aus einer anderen Ratsfeder-Version und wird nicht verwendet. Die Datei bleibt unverändert; eine neue Synchronisierung ersetzt sie durch einen vollständigen Abgleich.`,
  },
  en: {
    'not-system': (d) =>
      `The response from ${d.url} is not an OParl System: it has no "body" field. Check the System URL (the OParl interface's entry point, often …/oparl/v1/system); ${KEEP_EN}`,
    'no-paper-list': (d) => `No body in ${d.url} names a paper list ("paper"). Check the System URL; ${KEEP_EN}`,
    'too-many-pages': (d) =>
      `The sync reached its limit of ${d.max} list pages (at ${d.url}). Either the server returns pages without end or the limit is too low for this register and must be raised. ${KEEP_CAPITAL_EN}`,
    'too-many-objects': (d) =>
      `The sync reached its limit of ${en(d.max)} objects (papers, meetings, organizations) at ${d.url} and was stopped, so that it cannot fill the memory. No council has that many (Leipzig has some 100,000 papers): check that the System URL points to one council's OParl interface; if the server sends objects without end, tell its operator. ${LIMIT_KEEP_EN}`,
    'too-many-bytes': (d) =>
      `The sync reached its limit of ${megabytes(Number(d.limit))} received at ${d.url} and was stopped, so that it cannot fill the memory. No council sends that much (Leipzig's register is a few hundred MB): check that the System URL points to one council's OParl interface; if the server sends data without end, tell its operator. ${LIMIT_KEEP_EN}`,
    'cache-too-large': (d) =>
      `The sync reached the limit of ${megabytes(Number(d.limit))} for the documents it keeps at ${d.url} and was stopped, so that it cannot fill the memory. No council has that much (Leipzig's papers take some 160 MB): check that the System URL points to one council's OParl interface; if the server sends data without end, tell its operator. ${LIMIT_KEEP_EN}`,
    'not-list': (d) => `The response from ${d.url} is not an OParl list: it has no "data" field${answerEn(d)}. If the server otherwise speaks OParl, tell its operator. ${KEEP_CAPITAL_EN}`,
    'bad-next': (d) => `The page ${d.url} has an invalid link to the next page ("links.next"). Tell the OParl server's operator; ${KEEP_EN}`,
    loop: (d) => `The list links from ${d.from} ("links.next") to a page already read (${d.url}) and would never end; the sync was stopped. Tell the OParl server's operator; ${KEEP_EN}`,
    'http-retry': (d) => `The OParl server answered ${d.url} with HTTP ${d.status}${triesEn(d)}${answerEn(d)}. Try again later; ${KEEP_EN}`,
    http: (d) =>
      `The OParl server answered ${d.url} with HTTP ${d.status ?? '?'}${answerEn(d)}. ${user(d) ? "Check the System URL; if it is right, tell the server's operator." : "Tell the OParl server's operator: the server itself gives this address."} ${KEEP_CAPITAL_EN}`,
    network: (d) =>
      `Could not reach the OParl server at ${d.url}${triesEn(d)}: ${d.reason}. Check the network connection${user(d) ? ' and the System URL' : ''} and try again later; ${KEEP_EN}`,
    timeout: (d) => `The OParl server did not answer ${d.url} completely within ${seconds(Number(d.timeout))}${triesEn(d)}. Try again later or allow more time; ${KEEP_EN}`,
    'too-large': (d) =>
      `The response from ${d.url} is larger than ${megabytes(Number(d.limit))}; reading it was stopped. ${user(d) ? 'Check the System URL or allow larger responses' : "Allow larger responses or tell the OParl server's operator"}; ${KEEP_EN}`,
    redirects: (d) =>
      `${d.url} redirects more than ${d.max} times (last to ${d.location ?? '?'}). ${user(d) ? 'Check the System URL and use the address the redirects end at' : "Tell the OParl server's operator"}; ${KEEP_EN}`,
    'redirect-scheme': (d) =>
      `${d.url} redirects to an address that is not http: or https: (${d.location ?? '?'}); it is not followed. ${user(d) ? 'Check the System URL' : "Tell the OParl server's operator"}; ${KEEP_EN}`,
    encoding: (d) => `The response from ${d.url} is compressed with an unknown encoding (${d.encoding ?? '?'}). Tell the OParl server's operator; ${KEEP_EN}`,
    json: (d) =>
      `The response from ${d.url} is not valid JSON (${d.reason})${answerEn(d)}. ${user(d) ? 'Check the System URL: it must point to the OParl interface, not to a web page' : "Try again later; if it stays so, tell the OParl server's operator"}; ${KEEP_EN}`,
    url: (d) =>
      `The address "${d.value}" (${what('en', d)}) is not an http or https URL; it is not followed. ${d.what === 'system' ? 'Check the System URL' : "Tell the OParl server's operator"}; ${KEEP_EN}`,
    aborted: (d) => `The sync was cancelled (at ${d.url}); ${KEEP_EN}`,
    failed: (d) => `The sync failed at ${d.url}; ${KEEP_EN}`,
    credentials: (d) =>
      `The System URL ${d.url} contains a user name or password; they would be kept in the OParl cache and in messages, so it is not used. Give the address without “user:password@”; if the server wants a login (OParl interfaces are otherwise public), set the credentials as “user:password” in the environment variable ${d.variable}: Ratsfeder sends them to this server only and writes them nowhere; ${KEEP_EN}`,
    'checkpoint-not-saved': (d) => `The sync's checkpoint could not be saved (${d.file}: ${reasonEn(code(d), d.detail)}); an interrupted sync then starts over.`,
    'cache-not-saved': (d) =>
      `The OParl cache ${d.file} could not be saved: ${d.step === 'mkdir' ? `the folder ${d.dir} cannot be created` : d.step === 'write' ? `${d.dir} cannot be written to` : 'the new file cannot be put in its place'} (${reasonEn(code(d), d.detail)}). ${adviceEn(code(d), String(d.dir))} The previous cache is unchanged.`,
    unexpected: (d) => `The sync failed: ${d.detail}`,
    'page-repaired': (d) =>
      `The page ${d.url} has control characters or invalid escapes in its texts and is not valid JSON as sent; it was repaired and taken in full. Tell the OParl server's operator.`,
    'object-skipped': (d) => `Object no. ${d.which} of the page ${d.url} is not valid JSON and was skipped; the page's other objects were taken. Tell the OParl server's operator.`,
    'cache-unreadable': (d) =>
      `The OParl cache ${d.file} cannot be read (${reasonEn(d.code ? String(d.code) : undefined, d.detail)}). Check the file's permissions; until then the register has no OParl data. A new sync replaces the file if it may be written.`,
    'cache-damaged': (d) => `The OParl cache ${d.file} is damaged or was written by another Ratsfeder version and is not used. The file is left unchanged; a new sync replaces it with a full one.`,
  },
});

export type SyncMessage = keyof (typeof SYNC_MESSAGES)['de'];
/** Why a sync failed: the message keys a `SyncError` carries. */
export type SyncFailureKind = Exclude<SyncMessage, SyncWarningKind | CacheProblemKind>;
/** What a sync skipped: the message keys a `SyncWarning` carries. */
export type SyncWarningKind = 'checkpoint-not-saved' | 'page-repaired' | 'object-skipped';
/** Why the cache file is not used. */
export type CacheProblemKind = 'cache-unreadable' | 'cache-damaged';

/** Whether `kind` is a warning this version words (a checkpoint from another one may hold others). */
export function isSyncWarningKind(kind: string): kind is SyncWarningKind {
  return kind === 'checkpoint-not-saved' || kind === 'page-repaired' || kind === 'object-skipped';
}

/** A sync's failure, warning or cache problem in the user's language. */
export function syncText(failure: Failure<SyncMessage>, locale: Locale): string {
  return render(SYNC_MESSAGES, locale, failure.kind, failure.data);
}

const one = (d: MessageData): boolean => Number(d.count) === 1;

/** A remaining time, rounded: seconds under two minutes, then minutes, then hours and minutes. */
export function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

const remaining = (d: MessageData): number => (d.remainingMs === undefined ? 0 : Number(d.remainingMs));

/**
 * What both edges say around a sync: its progress and summary, printed by `ratsfeder register
 * sync` and shown by the editor's "update the document register". Data:
 * - `progress`: `pages`, `totalPages` (where known), `papers`, `meetings`, `remainingMs` (once estimated);
 * - `synced`: `mode` (`full`, `incremental` or `resumed`), `papers`, `changed`, `deleted`,
 *   `meetings`, `organizations`, `file` (the cache file, for the terminal; the editor leaves it out);
 * - `unfitting`: `count` and `examples`, already quoted (`unfittingData`).
 */
export const SYNC_REPORT_MESSAGES = defineCatalogue({
  de: {
    title: () => 'Dokumentregister aktualisieren',
    // The editor's progress while the register is read at start-up.
    indexing: () => 'Ratsfeder: Arbeitsbereich einlesen',
    progress: (p) =>
      `Dokumentregister: ${p.totalPages ? `Seite ${de(p.pages)} von ${de(p.totalPages)}` : `${de(p.pages)} Seiten`}, ${de(p.papers)} Dokumente${Number(p.meetings) ? `, ${de(p.meetings)} Sitzungen` : ''}${remaining(p) > 0 ? `, noch etwa ${duration(remaining(p))}` : ''} …`,
    synced: (s) =>
      `Dokumentregister aktualisiert (${s.mode === 'resumed' ? 'fortgesetzt' : s.mode === 'incremental' ? 'nur Änderungen' : 'vollständig'}): ${de(s.papers)} Dokumente (${de(s.changed)} neu oder geändert, ${de(s.deleted)} gelöscht), ${de(s.meetings)} Sitzungen, ${de(s.organizations)} Gremien und andere Organisationen${s.file ? ` → ${s.file}` : '.'}`,
    example: (d) => `„${d.text}“`,
    unfitting: (d) =>
      `${de(d.count)} ${one(d) ? 'Aktenzeichen passt' : 'Aktenzeichen passen'} nicht zum Nummernschema des Profils und ${one(d) ? 'steht' : 'stehen'} so im Register, wie der Rat ${one(d) ? 'es' : 'sie'} schreibt${d.examples ? ` (z. B. ${d.examples})` : ''}.`,
    skipped: (d) => `${de(d.count)} ${one(d) ? 'Dokument' : 'Dokumente'} ohne Aktenzeichen übersprungen.`,
    warning: (d) => `Warnung: ${d.text}`,
    calendar: (d) => `Sitzungskalender nicht abgeglichen, der bisherige bleibt: ${d.text}`,
    fromEnd: () => 'Die Änderungszeitstempel des Servers taugen nicht für Änderungsabfragen; neue Dokumente wurden am Ende der Listen gesucht, geänderte nicht.',
    fullDue: (d) => `Ein vollständiger Abgleich ist fällig${d.last ? ` (der letzte begann am ${String(d.last).slice(0, 10)})` : ''}: „ratsfeder register sync --full“.`,
    checkpointKept: (d) => `Der Zwischenstand ist in ${d.file} gespeichert; „ratsfeder register sync“ macht dort weiter.`,
    checkpointKeptEditor: () => 'Der Zwischenstand ist gespeichert; die nächste Aktualisierung macht dort weiter.',
    moreWarnings: (d) => `… und ${de(d.count)} weitere Warnungen (siehe Ausgabe „Ratsfeder“).`,
    aborted: () => 'abgebrochen; der bisherige Cache bleibt erhalten.',
    notTrusted: (d) =>
      `Der Arbeitsbereich ist nicht als vertrauenswürdig eingestuft: die OParl-Adresse ${d.url} aus ratsfeder.yaml wird nicht verwendet. Dem Arbeitsbereich vertrauen oder die Adresse in den Benutzereinstellungen („ratsfeder.register.ratsinformationssystem“) angeben.`,
    noSystemEditor: () => 'Keine OParl-Schnittstelle eingestellt: „register: oparl: <System-URL>“ in ratsfeder.yaml oder die Einstellung „ratsfeder.register.ratsinformationssystem“.',
    // The editor read a cache that another process (`ratsfeder register sync`, another editor) wrote.
    cacheReloaded: (d) => `OParl-Cache neu gelesen (von einem anderen Programm geschrieben): ${de(d.papers)} Dokumente aus ${d.file}.`,
    cacheKept: (d) => `Bis dahin gelten die zuletzt gelesenen OParl-Daten weiter (${de(d.papers)} Dokumente, Stand ${String(d.syncedAt).slice(0, 10)}).`,
  },
  en: {
    title: () => 'Updating the document register',
    indexing: () => 'Ratsfeder: reading the workspace',
    progress: (p) =>
      `Document register: ${p.totalPages ? `page ${en(p.pages)} of ${en(p.totalPages)}` : `${en(p.pages)} pages`}, ${en(p.papers)} documents${Number(p.meetings) ? `, ${en(p.meetings)} meetings` : ''}${remaining(p) > 0 ? `, about ${duration(remaining(p))} to go` : ''} …`,
    synced: (s) =>
      `Document register updated (${s.mode === 'resumed' ? 'resumed' : s.mode === 'incremental' ? 'changes only' : 'in full'}): ${en(s.papers)} documents (${en(s.changed)} new or changed, ${en(s.deleted)} deleted), ${en(s.meetings)} meetings, ${en(s.organizations)} bodies and other organizations${s.file ? ` → ${s.file}` : '.'}`,
    example: (d) => `“${d.text}”`,
    unfitting: (d) =>
      `${en(d.count)} ${one(d) ? 'reference does' : 'references do'} not fit the profile's number scheme and ${one(d) ? 'is' : 'are'} in the register as the council writes ${one(d) ? 'it' : 'them'}${d.examples ? ` (e.g. ${d.examples})` : ''}.`,
    skipped: (d) => `${en(d.count)} ${one(d) ? 'document' : 'documents'} without a reference skipped.`,
    warning: (d) => `warning: ${d.text}`,
    calendar: (d) => `meeting calendar not synced, the previous one is kept: ${d.text}`,
    fromEnd: () => "The server's modification stamps cannot be used to ask for changes; new documents were looked for at the end of the lists, changed ones were not.",
    fullDue: (d) => `A full sync is due${d.last ? ` (the last one began on ${String(d.last).slice(0, 10)})` : ''}: “ratsfeder register sync --full”.`,
    checkpointKept: (d) => `The state so far is saved in ${d.file}; “ratsfeder register sync” goes on from there.`,
    checkpointKeptEditor: () => 'The state so far is saved; the next update goes on from there.',
    moreWarnings: (d) => `… and ${en(d.count)} more warnings (see the “Ratsfeder” output).`,
    aborted: () => 'aborted; the previous cache is kept.',
    notTrusted: (d) =>
      `The workspace is not trusted: the OParl address ${d.url} from ratsfeder.yaml is not used. Trust the workspace or set the address in your user settings (“ratsfeder.register.ratsinformationssystem”).`,
    noSystemEditor: () => 'No OParl interface configured: set “register: oparl: <System URL>” in ratsfeder.yaml or the setting “ratsfeder.register.ratsinformationssystem”.',
    cacheReloaded: (d) => `OParl cache read again (written by another program): ${en(d.papers)} documents from ${d.file}.`,
    cacheKept: (d) => `Until then the OParl data read last stay in use (${en(d.papers)} documents, as of ${String(d.syncedAt).slice(0, 10)}).`,
  },
});

export type SyncReportMessage = keyof (typeof SYNC_REPORT_MESSAGES)['de'];

/** One text of a sync's report in the user's language. */
export function reportText(locale: Locale, key: SyncReportMessage, data: MessageData = {}): string {
  return render(SYNC_REPORT_MESSAGES, locale, key, data);
}

/** The data of `unfitting`: the count and the examples, each quoted as the language quotes. */
export function unfittingData(locale: Locale, count: number, examples: readonly string[]): MessageData {
  return { count, examples: examples.map((text) => reportText(locale, 'example', { text })).join(', ') };
}

/** A system error code from a message's data ('' stands for none). */
function code(d: MessageData): string | undefined {
  return d.code ? String(d.code) : undefined;
}

/** What to do when the cache cannot be written, by the system's error code. */
function adviceDe(code: string | undefined, dir: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Die Schreibrechte für ${dir} prüfen oder mit XDG_CACHE_HOME einen anderen Cache-Ordner wählen.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Speicherplatz freigeben und erneut synchronisieren.';
    case 'EROFS':
      return 'Mit XDG_CACHE_HOME einen Cache-Ordner auf einem beschreibbaren Laufwerk wählen.';
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return 'Den Pfad prüfen: die Datei oder den Ordner, der im Weg ist, entfernen oder einen anderen Cache-Ordner wählen.';
    case 'EBUSY':
      return 'Das andere Programm schließen und erneut synchronisieren.';
    default:
      return `Den Ordner ${dir} prüfen und erneut synchronisieren.`;
  }
}

function adviceEn(code: string | undefined, dir: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Check the write permissions of ${dir}, or choose another cache folder with XDG_CACHE_HOME.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space and sync again.';
    case 'EROFS':
      return 'Choose a cache folder on a writable drive with XDG_CACHE_HOME.';
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return 'Check the path: remove the file or folder in the way, or choose another cache folder.';
    case 'EBUSY':
      return 'Close the other program and sync again.';
    default:
      return `Check the folder ${dir} and sync again.`;
  }
}
