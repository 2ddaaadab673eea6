import { defineCatalogue } from '../base/locale.js';

/*
 * The problems of a `ratsfeder.yaml` beyond its schema (`parseValidated` words those): the file
 * or the profile it names cannot be read, `fristen:` names a type the profile lacks. `known` comes
 * as names one a line (a name may hold a comma) and is quoted here, in the language's marks.
 */
const quotedDe = (names: string | number | undefined) => String(names ?? '').split('\n').map((name) => `„${name}“`).join(', ');
const quotedEn = (names: string | number | undefined) => String(names ?? '').split('\n').map((name) => `“${name}”`).join(', ');

export const CONFIG_MESSAGES = defineCatalogue({
  de: {
    unreadable: (data) => `nicht lesbar${data.detail ? ` (${data.detail})` : ''}`,
    missing: () => 'nicht gefunden',
    'not-a-file': () => 'keine gewöhnliche Datei (ein Ordner, eine Pipe oder ein Gerät); nur gewöhnliche Dateien werden gelesen',
    'too-large': (data) => `zu groß (über ${data.limit} Bytes); eine Konfiguration oder ein Ratsprofil ist weit kleiner`,
    'not-a-profile': (data) => `${data.file} ist kein Ratsprofil (ein Profil ist eine YAML-Datei mit „types:“, „fields:“ und „numbers:“); „profil:“ nennt ein eingebautes Profil oder eine Profildatei`,
    failed: (data) => `konnte nicht gelesen werden (interner Fehler: ${data.detail}); es gelten die Voreinstellungen`,
    'unknown-deadline-type': (data) => `„fristen“ nennt die Dokumentart „${data.name}“, die das Ratsprofil nicht kennt; bekannt sind ${quotedDe(data.known)}.`,
    'profile-not-found': (data) => `Profil „${data.name}“ nicht gefunden: weder eingebaut (${data.builtin}) noch als Datei ${data.file}`,
  },
  en: {
    unreadable: (data) => `cannot be read${data.detail ? ` (${data.detail})` : ''}`,
    missing: () => 'not found',
    'not-a-file': () => 'not a regular file (a folder, a pipe or a device); only regular files are read',
    'too-large': (data) => `too large (over ${data.limit} bytes); a configuration or council profile is far smaller`,
    'not-a-profile': (data) => `${data.file} is not a council profile (a profile is a YAML file with “types:”, “fields:” and “numbers:”); “profil:” names a built-in profile or a profile file`,
    failed: (data) => `could not be read (internal error: ${data.detail}); the defaults apply`,
    'unknown-deadline-type': (data) => `“fristen” names the document type “${data.name}”, which the profile does not know; known: ${quotedEn(data.known)}.`,
    'profile-not-found': (data) => `profile “${data.name}” not found: neither built in (${data.builtin}) nor a file ${data.file}`,
  },
});
