import { defineCatalogue, render, type Failure, type Locale, type MessageData } from '../base/locale.js';
import { reasonDe, reasonEn } from './atomic.js';

/*
 * The texts of fetching a document's text (`DocumentTextError` kinds as keys), shared by
 * `ratsfeder register text`, `register sync` and the editor. The data holds numbers, addresses,
 * codes; nothing worded.
 */

export type DocumentTextFailureKind = 'not-in-register' | 'no-file' | 'fetch' | 'aborted' | 'not-pdf' | 'unreadable' | 'no-text' | 'write';

const code = (data: MessageData) => (data.code === undefined || data.code === '' ? undefined : String(data.code));

function whyDe(data: MessageData): string {
  switch (data.reason) {
    case 'http':
      return `der Server antwortete mit HTTP ${data.status ?? '?'}`;
    case 'network':
      return 'keine Verbindung zum Server';
    case 'timeout':
      return 'der Server hat nicht rechtzeitig geantwortet';
    case 'too-large':
      return 'die Datei ist größer als erlaubt';
    case 'redirect':
      return 'der Server leitet auf eine Adresse weiter, der nicht gefolgt wird';
    case 'url':
      return 'die Adresse ist keine http(s)-Adresse';
    default:
      return 'die Antwort war nicht lesbar';
  }
}

function whyEn(data: MessageData): string {
  switch (data.reason) {
    case 'http':
      return `the server answered with HTTP ${data.status ?? '?'}`;
    case 'network':
      return 'no connection to the server';
    case 'timeout':
      return 'the server did not answer in time';
    case 'too-large':
      return 'the file is larger than allowed';
    case 'redirect':
      return 'the server redirects to an address that is not followed';
    case 'url':
      return 'the address is not an http(s) address';
    default:
      return 'the answer could not be read';
  }
}

export const DOCUMENT_TEXT_MESSAGES = defineCatalogue<DocumentTextFailureKind>({
  de: {
    'not-in-register': (d) => `${d.nummer} ist nicht im Register. Erst das Register aus OParl holen (ratsfeder register sync) und die Nummer prüfen.`,
    'no-file': (d) => `Das Register nennt für ${d.nummer} keine Hauptdatei, aus der der Text gelesen werden könnte; den bisherigen Wortlaut dann aus dem Dokument selbst zitieren.`,
    fetch: (d) => `Der Text von ${d.nummer} konnte nicht geladen werden (${d.url}): ${whyDe(d)}. Später erneut versuchen; zitiert wird bis dahin ohne Abgleich.`,
    aborted: (d) => `Das Laden des Textes von ${d.nummer} wurde abgebrochen.`,
    'not-pdf': (d) => `Die Hauptdatei von ${d.nummer} (${d.url}) ist kein PDF; ihr Text wird nicht gelesen.`,
    unreadable: (d) => `Das PDF von ${d.nummer} (${d.url}) ist nicht lesbar (${d.reason}).`,
    'no-text': (d) => `Das PDF von ${d.nummer} (${d.url}) enthält keinen Text (wohl ein Scan); den bisherigen Wortlaut dann aus dem Dokument abschreiben.`,
    write: (d) => `Der Text von ${d.nummer} konnte nicht gespeichert werden (${d.file}: ${reasonDe(code(d), d.code)}).`,
  },
  en: {
    'not-in-register': (d) => `${d.nummer} is not in the register. Fetch the register from OParl first (ratsfeder register sync) and check the number.`,
    'no-file': (d) => `The register names no main file for ${d.nummer} to read the text from; quote the current wording from the document itself.`,
    fetch: (d) => `The text of ${d.nummer} could not be fetched (${d.url}): ${whyEn(d)}. Try again later; until then quotes are not compared.`,
    aborted: (d) => `Fetching the text of ${d.nummer} was cancelled.`,
    'not-pdf': (d) => `The main file of ${d.nummer} (${d.url}) is not a PDF; its text is not read.`,
    unreadable: (d) => `The PDF of ${d.nummer} (${d.url}) cannot be read (${d.reason}).`,
    'no-text': (d) => `The PDF of ${d.nummer} (${d.url}) holds no text (probably a scan); copy the current wording from the document.`,
    write: (d) => `The text of ${d.nummer} could not be saved (${d.file}: ${reasonEn(code(d), d.code)}).`,
  },
});

export function documentTextMessage(failure: Failure<DocumentTextFailureKind>, locale: Locale): string {
  return render(DOCUMENT_TEXT_MESSAGES, locale, failure.kind, failure.data);
}
