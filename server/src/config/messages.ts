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
    unreadable: () => 'nicht lesbar',
    'unknown-deadline-type': (data) => `„fristen“ nennt die Dokumentart „${data.name}“, die das Ratsprofil nicht kennt; bekannt sind ${quotedDe(data.known)}.`,
    'profile-not-found': (data) => `Profil „${data.name}“ nicht gefunden: weder eingebaut (${data.builtin}) noch als Datei ${data.file}`,
  },
  en: {
    unreadable: () => 'cannot be read',
    'unknown-deadline-type': (data) => `“fristen” names the document type “${data.name}”, which the profile does not know; known: ${quotedEn(data.known)}.`,
    'profile-not-found': (data) => `profile “${data.name}” not found: neither built in (${data.builtin}) nor a file ${data.file}`,
  },
});
