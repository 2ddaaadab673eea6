import { defineCatalogue, type MessageData } from './locale.js';

/*
 * The problems `parseValidated` finds in a YAML file (ratsfeder.yaml, a profile), by kind.
 * `path` is where in the file, dotted (`fristen.antrag`), '' for the whole file; a list
 * (`known`, `allowed`) comes joined with ", ".
 */

/** Where, after the text of a problem: nothing for the whole file. */
const inPathDe = (data: MessageData) => (data.path ? ` in „${data.path}“` : '');
const inPathEn = (data: MessageData) => (data.path ? ` in “${data.path}”` : '');

/** What a JSON Schema type asks for, in German words. */
const TYPES_DE: Readonly<Record<string, string>> = {
  string: 'einen Text',
  object: 'eine Zuordnung (schlüssel: wert)',
  array: 'eine Liste',
  integer: 'eine ganze Zahl',
  number: 'eine Zahl',
  boolean: 'ja oder nein (true/false)',
};

export const VALIDATION_MESSAGES = defineCatalogue({
  de: {
    yaml: (data) => `ungültiges YAML: ${data.detail}`,
    'unknown-key': (data) =>
      `unbekannter Schlüssel „${data.name}“${inPathDe(data)}${data.guess ? `; gemeint ist wohl „${data.guess}“` : data.known ? `; bekannt sind ${data.known}` : ''}`,
    'not-allowed': (data) => `„${data.value}“ ist${inPathDe(data)} nicht erlaubt; erlaubt sind ${data.allowed}`,
    type: (data) => `${data.path ? `„${data.path}“` : 'die Datei'} muss ${TYPES_DE[data.type ?? ''] ?? data.type} sein`,
    required: (data) => `Pflichtschlüssel „${data.missing}“ fehlt${inPathDe(data)}`,
    /** A format's own problem (already worded by the format's catalogue), then where. */
    format: (data) => `${data.problem}${inPathDe(data)}`,
    invalid: (data) => `ungültiger Wert${inPathDe(data)}: ${data.detail}`,
    'too-large': (data) => `die Datei ist zu groß (über ${data.count} Zeichen); eine Konfiguration oder ein Ratsprofil ist weit kleiner`,
    'too-many-values': (data) => `die Datei steht mit ihren Ankern und Aliasen (&name, *name) für mehr als ${data.count} Werte; Aliase weniger tief verschachteln`,
  },
  en: {
    yaml: (data) => `invalid YAML: ${data.detail}`,
    'unknown-key': (data) => `unknown key “${data.name}”${inPathEn(data)}${data.guess ? `; did you mean “${data.guess}”?` : data.known ? `; known are ${data.known}` : ''}`,
    'not-allowed': (data) => `“${data.value}” is not allowed${inPathEn(data)}; allowed are ${data.allowed}`,
    type: (data) => `${data.path ? `“${data.path}”` : 'the file'} must be ${data.type === 'object' ? 'a mapping' : `of type ${data.type}`}`,
    required: (data) => `required key “${data.missing}” is missing${inPathEn(data)}`,
    format: (data) => `${data.problem}${inPathEn(data)}`,
    invalid: (data) => `invalid value${inPathEn(data)}: ${data.detail}`,
    'too-large': (data) => `the file is too large (over ${data.count} characters); a configuration or council profile is far smaller`,
    'too-many-values': (data) => `with its anchors and aliases (&name, *name) the file stands for more than ${data.count} values; nest aliases less deeply`,
  },
});
