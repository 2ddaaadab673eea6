import { defineCatalogue, type MessageData } from '../base/locale.js';
import { MAX_DRAFT_CHARS, MAX_NESTING } from '../analysis/limits.js';
import type { Costly } from '../analysis/model.js';
import { COSTLY_WHAT } from '../service/messages.js';
import { reasonDe, reasonEn } from './atomic.js';

/*
 * The texts of the export's failures, `ExportFailure` kinds as keys. The data holds what the
 * text needs and nothing worded: paths, an error code and its detail, counts. A system error's
 * code (`EACCES`) is explained in the language of the text; without a code the detail says it.
 * `editor` (set by the language server) names the editor's buttons where the CLI names options.
 */

/** The code of a system error as `reasonDe`/`reasonEn` take it ('' stands for none). */
const code = (data: MessageData) => (data.code === undefined || data.code === '' ? undefined : String(data.code));

/**
 * The problems of a letterhead that cannot be used, in the order `fillTemplate` finds them:
 * an unreadable file alone, else the unknown placeholders (their names one per line, since a
 * name in a Word text run holds no line break) and then a missing `{{inhalt}}`.
 */
function templateProblems(data: MessageData, say: { unreadable: (detail: string) => string; unknown: (name: string) => string; missing: string }): string {
  if (data.unreadable) return say.unreadable(String(data.unreadable));
  const unknown = String(data.unknown ?? '')
    .split('\n')
    .filter(Boolean)
    .map(say.unknown);
  return [...unknown, ...(data.missing ? [say.missing] : [])].join('; ');
}

/** The size limit of a draft as the texts say it: a million characters, "1 MB". */
const megabytes = (locale: 'de' | 'en') => `${(MAX_DRAFT_CHARS / 1_000_000).toLocaleString(locale)} MB`;

/** The construct of a `Costly` in `data`, in the plural. */
const costlyWhat = (data: MessageData, locale: 'de' | 'en') => COSTLY_WHAT[locale][data.construct as Costly['construct']] ?? (locale === 'de' ? 'Markdown-Zeichen' : 'Markdown characters');

/** "nach 5 Sekunden " where the parse was stopped after `seconds`, else nothing. */
const afterDe = (data: MessageData) => (data.seconds === undefined ? '' : `nach ${data.seconds} ${Number(data.seconds) === 1 ? 'Sekunde' : 'Sekunden'} `);
const afterEn = (data: MessageData) => (data.seconds === undefined ? '' : `after ${data.seconds} ${Number(data.seconds) === 1 ? 'second' : 'seconds'} `);

export const EXPORT_MESSAGES = defineCatalogue({
  de: {
    missing: (data) => `Den Entwurf ${data.draft} gibt es nicht; bitte den Pfad prüfen.`,
    read: (data) => `${data.draft} ist nicht lesbar (${reasonDe(code(data), data.detail)}).`,
    'not-a-draft': (data) => `${data.draft} ist kein Entwurf (kein „art:“ im Front Matter) und wird nicht exportiert.`,
    /**
     * A draft that is not read, as `ratsfeder check` skips it: `reason` a `SkipReason`; for
     * `pathological` the `Costly` (`construct`, `written`, `count`) and its 1-based `line`; for
     * `too-slow` the `seconds` after which the parse was stopped (none where it failed at
     * once), and the `Costly` if known.
     */
    'not-readable': (data) => {
      switch (data.reason) {
        case 'too-large':
          return `${data.draft} ist zu groß für einen Entwurf (Grenze ${megabytes('de')}) und wird nicht exportiert; bitte die Datei aufteilen.`;
        case 'too-deep':
          return `${data.draft} ist zu tief verschachtelt (mehr als ${MAX_NESTING} Ebenen Listen oder Zitate) und wird nicht exportiert.`;
        case 'binary':
          return `${data.draft} ist eine Binärdatei, kein Markdown-Text, und wird nicht exportiert.`;
        case 'too-slow':
          return data.count === undefined
            ? `${data.draft}: Das Einlesen wurde ${afterDe(data)}abgebrochen, weil es zu lange dauerte; der Entwurf wird nicht exportiert. Steht versehentlich eingefügter Text darin? Bitte entfernen oder lange Absätze mit Leerzeilen teilen.`
            : `${data.draft}:${data.line}: Das Einlesen wurde ${afterDe(data)}abgebrochen, weil es zu lange dauerte; der Entwurf wird nicht exportiert. Vermutlich liegt es an ${costlyWhat(data, 'de')}: Die Datei enthält ${Number(data.count).toLocaleString('de')}-mal „${data.written}“, am dichtesten ab dieser Zeile. Steht hier versehentlich eingefügter Text? Bitte entfernen oder den Absatz mit Leerzeilen teilen.`;
        default:
          return data.count === undefined
            ? `${data.draft} ist so dicht mit Markdown-Zeichen, dass das Einlesen zu lange dauern würde, und wird nicht exportiert.`
            : `${data.draft}:${data.line}: enthält ${Number(data.count).toLocaleString('de')}-mal „${data.written}“; so viele ${costlyWhat(data, 'de')} hat kein Antrag, und das Einlesen würde zu lange dauern. Der Entwurf wird nicht exportiert. Steht hier versehentlich eingefügter Text? Bitte entfernen oder den Absatz mit Leerzeilen teilen.`;
      }
    },
    errors: (data) => `${data.draft} hat ${data.count} Fehler und wird nicht exportiert; erst beheben oder ${data.editor ? '„Trotzdem exportieren“ wählen' : 'mit --force trotzdem exportieren'}.`,
    target: (data) => {
      switch (data.problem) {
        case 'draft':
          return `Das Ziel ${data.target} ist ein Markdown-Entwurf; der Export überschreibt nie einen Entwurf. Ein Ziel mit der Endung .docx wählen.`;
        case 'no-folder':
          return `Den Zielordner ${data.dir} gibt es nicht; bitte anlegen oder ${data.editor ? 'ein anderes Ziel wählen' : 'mit -o ein anderes Ziel wählen'}.`;
        case 'not-a-folder':
          return `${data.dir} ist kein Ordner.`;
        case 'not-a-file':
          return `Das Ziel ${data.target} ist keine gewöhnliche Datei (ein Gerät wie /dev/null, eine Pipe oder ein Verweis darauf); der Export schreibt nur gewöhnliche Dateien. ${data.editor ? 'Ein anderes Ziel wählen' : 'Mit -o ein Ziel mit der Endung .docx wählen'}.`;
        default:
          return `${data.target} ist ein Ordner; bitte einen Dateinamen angeben.`;
      }
    },
    template: (data) =>
      data.problem === 'read'
        ? `Der Briefkopf ${data.file} ist nicht lesbar (${reasonDe(code(data), data.detail)}).`
        : `Der Briefkopf ${data.file} ist so nicht verwendbar: ${templateProblems(data, {
            unreadable: (detail) => `keine lesbare .docx-Datei (${detail})`,
            unknown: (name) => `unbekannter Platzhalter {{${name}}}`,
            missing: 'der Platzhalter {{inhalt}} fehlt; dort kommt der Text des Entwurfs hin',
          })}. Erlaubt sind ${data.known}. Es wurde nichts geschrieben.`,
    logo: (data) =>
      `Das Logo ${data.file} aus „export: absender: logo:“ ist ${
        data.problem === 'missing' ? 'nicht da' : data.problem === 'not-a-file' ? 'keine gewöhnliche Datei' : data.problem === 'too-large' ? `größer als ${data.limit} Bytes` : data.problem === 'format' ? 'kein PNG- oder JPEG-Bild' : `nicht lesbar (${data.detail})`
      }. Ein PNG oder JPEG angeben oder die Zeile entfernen; es wurde nichts geschrieben.`,
    'not-a-file': (data) => `${data.template ? 'Die Briefkopf-Vorlage ' : ''}${data.file} ist keine gewöhnliche Datei (eine Pipe, ein Gerät oder ein Ordner) und wird nicht gelesen; gelesen werden nur gewöhnliche Dateien.`,
    'too-large': (data) => `${data.template ? 'Die Briefkopf-Vorlage ' : ''}${data.file} ist größer als ${data.limit} Bytes und wird nicht gelesen${data.template ? '' : '; ein Entwurf ist weit kleiner'}.`,
    overwrite: (data) =>
      `${data.target} ${
        data.reason === 'changed' ? 'wurde nach dem letzten Export geändert (in Word, LibreOffice oder von Hand)' : 'gibt es schon, und Ratsfeder hat sie nicht geschrieben'
      }; der Export überschreibt sie nicht. ${data.editor ? '„Überschreiben“ wählen' : 'Mit --ueberschreiben ersetzen'} oder ein anderes Ziel wählen${data.editor ? '' : ' (-o)'}. Es wurde nichts geschrieben.`,
    write: (data) =>
      `${data.target} konnte nicht geschrieben werden (${reasonDe(code(data), data.detail)}). ${
        data.locked ? 'Ist die Datei in Word oder LibreOffice geöffnet? Dort schließen und erneut exportieren.' : `Den Ordner ${data.dir} prüfen oder ${data.editor ? 'ein anderes Ziel wählen' : 'mit -o ein anderes Ziel wählen'}.`
      } Es wurde nichts geschrieben.`,
  },
  en: {
    missing: (data) => `The draft ${data.draft} does not exist; please check the path.`,
    read: (data) => `${data.draft} cannot be read (${reasonEn(code(data), data.detail)}).`,
    'not-a-draft': (data) => `${data.draft} is not a draft (no “art:” in the front matter) and is not exported.`,
    'not-readable': (data) => {
      switch (data.reason) {
        case 'too-large':
          return `${data.draft} is too large for a draft (limit ${megabytes('en')}) and is not exported; please split the file.`;
        case 'too-deep':
          return `${data.draft} is nested too deeply (more than ${MAX_NESTING} levels of lists or quotes) and is not exported.`;
        case 'binary':
          return `${data.draft} is a binary file, not Markdown text, and is not exported.`;
        case 'too-slow':
          return data.count === undefined
            ? `${data.draft}: reading it was stopped ${afterEn(data)}because it took too long; the draft is not exported. Was text pasted here by mistake? Please remove it or split long paragraphs with blank lines.`
            : `${data.draft}:${data.line}: reading it was stopped ${afterEn(data)}because it took too long; the draft is not exported. Most likely the ${costlyWhat(data, 'en')} make it slow: the file contains “${data.written}” ${Number(data.count).toLocaleString('en')} times, most densely from this line on. Was text pasted here by mistake? Please remove it or split the paragraph with blank lines.`;
        default:
          return data.count === undefined
            ? `${data.draft} is so dense with Markdown characters that reading it would take too long, and is not exported.`
            : `${data.draft}:${data.line}: contains “${data.written}” ${Number(data.count).toLocaleString('en')} times; no motion has that many ${costlyWhat(data, 'en')}, and reading it would take too long. The draft is not exported. Was text pasted here by mistake? Please remove it or split the paragraph with blank lines.`;
      }
    },
    errors: (data) => `${data.draft} has ${data.count} ${data.count === 1 ? 'error' : 'errors'} and is not exported; fix them first or ${data.editor ? 'choose “Export anyway”' : 'export anyway with --force'}.`,
    target: (data) => {
      switch (data.problem) {
        case 'draft':
          return `The target ${data.target} is a Markdown draft; the export never overwrites a draft. Choose a target ending in .docx.`;
        case 'no-folder':
          return `The target folder ${data.dir} does not exist; create it or choose another target${data.editor ? '' : ' with -o'}.`;
        case 'not-a-folder':
          return `${data.dir} is not a folder.`;
        case 'not-a-file':
          return `The target ${data.target} is not a regular file (a device such as /dev/null, a pipe or a link to one); the export writes regular files only. ${data.editor ? 'Choose another target' : 'Choose a target ending in .docx with -o'}.`;
        default:
          return `${data.target} is a folder; please give a file name.`;
      }
    },
    template: (data) =>
      data.problem === 'read'
        ? `The letterhead template ${data.file} cannot be read (${reasonEn(code(data), data.detail)}).`
        : `The letterhead template ${data.file} cannot be used: ${templateProblems(data, {
            unreadable: (detail) => `not a readable .docx file (${detail})`,
            unknown: (name) => `unknown placeholder {{${name}}}`,
            missing: 'the placeholder {{inhalt}} is missing; the draft’s text goes there',
          })}. Allowed are ${data.known}. Nothing was written.`,
    logo: (data) =>
      `The logo ${data.file} from “export: absender: logo:” ${
        data.problem === 'missing' ? 'is not there' : data.problem === 'not-a-file' ? 'is not a regular file' : data.problem === 'too-large' ? `is larger than ${data.limit} bytes` : data.problem === 'format' ? 'is no PNG or JPEG image' : `cannot be read (${data.detail})`
      }. Name a PNG or JPEG or remove the line; nothing was written.`,
    'not-a-file': (data) => `${data.template ? 'The letterhead template ' : ''}${data.file} is not a regular file (a pipe, a device or a folder) and is not read; only regular files are read.`,
    'too-large': (data) => `${data.template ? 'The letterhead template ' : ''}${data.file} is larger than ${data.limit} bytes and is not read${data.template ? '' : '; a draft is far smaller'}.`,
    overwrite: (data) =>
      `${data.target} ${
        data.reason === 'changed' ? 'was changed after the last export (in Word, LibreOffice or by hand)' : 'exists already and was not written by Ratsfeder'
      }; the export does not overwrite it. ${data.editor ? 'Choose “Overwrite”' : 'Replace it with --ueberschreiben'} or choose another target${data.editor ? '' : ' (-o)'}. Nothing was written.`,
    write: (data) =>
      `${data.target} could not be written (${reasonEn(code(data), data.detail)}). ${
        data.locked ? 'Is the file open in Word or LibreOffice? Close it there and export again.' : `Check the folder ${data.dir} or choose another target${data.editor ? '' : ' with -o'}.`
      } Nothing was written.`,
  },
});

export type ExportFailureKind = keyof typeof EXPORT_MESSAGES.de;

/** What the export changed on the way, said after it wrote the file; `ExportOutcome.warnings` kinds as keys. */
export const EXPORT_WARNINGS = defineCatalogue({
  de: {
    'invalid-characters': (data) =>
      `${data.draft}:${data.line}:${data.column}: ${data.count === 1 ? `Das Zeichen ${data.codepoint} darf` : `${data.count} Zeichen (das erste: ${data.codepoint}) dürfen`} in einer DOCX-Datei nicht stehen und ${data.count === 1 ? 'wurde' : 'wurden'} im Export weggelassen. Steuerzeichen dieser Art kommen meist durch Kopieren aus anderen Programmen in den Text; im Entwurf löschen.`,
  },
  en: {
    'invalid-characters': (data) =>
      `${data.draft}:${data.line}:${data.column}: ${data.count === 1 ? `The character ${data.codepoint} is` : `${data.count} characters (the first: ${data.codepoint}) are`} not allowed in a DOCX file and ${data.count === 1 ? 'was' : 'were'} left out of the export. Such control characters usually come in by copying from other programs; delete them in the draft.`,
  },
});

export type ExportWarningKind = keyof typeof EXPORT_WARNINGS.de;

/** What the editor's export command says besides the export's own outcome. */
export const EXPORT_COMMAND_MESSAGES = defineCatalogue({
  de: {
    'no-draft': () => 'Export: kein Entwurf angegeben.',
    'letterhead-untrusted': (data) => `Der Briefkopf ${data.file} wurde nicht verwendet, weil der Arbeitsbereich nicht als vertrauenswürdig eingestuft ist.`,
  },
  en: {
    'no-draft': () => 'Export: no draft given.',
    'letterhead-untrusted': (data) => `The letterhead template ${data.file} was not used because the workspace is not trusted.`,
  },
});
