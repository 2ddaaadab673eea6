import path from 'node:path';
import { addWord } from '../config/add-word.js';
import { defineCatalogue, render } from '../base/locale.js';
import { writeFileAtomic } from '../node/atomic.js';
import { MAX_CONFIG_BYTES, readRegularText } from '../node/read-file.js';
import type { WordAnswer } from '../protocol/index.js';
import { shown, type ServerContext } from './context.js';
import { filePath } from './settings.js';

const MESSAGES = defineCatalogue({
  de: {
    added: (d) => `„${d.wort}“ steht jetzt in den Wörtern des Projekts (${d.file}).`,
    known: (d) => `„${d.wort}“ steht schon in den Wörtern des Projekts (${d.file}).`,
    'no-file': () => 'Das Wort lässt sich nur für einen gespeicherten Entwurf aufnehmen.',
    'no-word': () => 'Kein Wort angegeben.',
    invalid: (d) => `${d.file} ist kein gültiges YAML; bitte erst die Datei korrigieren, dann das Wort aufnehmen.`,
    'not-a-list': (d) => `„woerter:“ in ${d.file} ist keine Liste; erwartet wird je Zeile „- Wort“.`,
    unreadable: (d) => `${d.file} lässt sich nicht lesen (${d.detail}).`,
    unwritable: (d) => `${d.file} lässt sich nicht schreiben (${d.detail}); die Datei ist unverändert.`,
  },
  en: {
    added: (d) => `“${d.wort}” is now one of the project’s words (${d.file}).`,
    known: (d) => `“${d.wort}” already is one of the project’s words (${d.file}).`,
    'no-file': () => 'A word can only be added for a saved draft.',
    'no-word': () => 'No word given.',
    invalid: (d) => `${d.file} is not valid YAML; please fix the file first, then add the word.`,
    'not-a-list': (d) => `“woerter:” in ${d.file} is not a list; expected is one “- word” per line.`,
    unreadable: (d) => `${d.file} cannot be read (${d.detail}).`,
    unwritable: (d) => `${d.file} cannot be written (${d.detail}); the file is unchanged.`,
  },
});

/**
 * `ratsfeder.wortAufnehmen`: adds a word to `woerter:` in the draft's ratsfeder.yaml (the one
 * that applies to it, else a new one in the workspace folder holding the draft), keeping the
 * file's comments and layout; the drafts are checked again with it.
 */
export function wordCommand(context: ServerContext, argument: unknown, refresh: () => void): WordAnswer {
  const { uri, wort } = (argument ?? {}) as { uri?: unknown; wort?: unknown };
  const locale = context.locale;
  const answer = (ok: boolean, message: string): WordAnswer => {
    if (ok) void context.connection.window.showInformationMessage(shown(message));
    else void context.connection.window.showWarningMessage(shown(message));
    return { ok, message };
  };
  const word = typeof wort === 'string' ? wort.trim() : '';
  if (!word || word.length > 100 || /[\n\r\0]/.test(word)) return answer(false, render(MESSAGES, locale, 'no-word'));
  const draft = typeof uri === 'string' ? filePath(uri) : undefined;
  if (!draft) return answer(false, render(MESSAGES, locale, 'no-file'));
  const project = context.settings.projectOf(uri as string);
  const root = context.roots.find((folder) => draft.startsWith(`${folder}${path.sep}`));
  const file = project?.settings.configFile ?? path.join(root ?? path.dirname(draft), 'ratsfeder.yaml');
  const shownFile = root ? path.relative(root, file) : file;

  const read = readRegularText(file, MAX_CONFIG_BYTES);
  let text: string | undefined;
  if ('text' in read) text = read.text;
  else if (read.problem !== 'missing') return answer(false, render(MESSAGES, locale, 'unreadable', { file: shownFile, detail: read.problem === 'unreadable' ? read.code || read.detail : read.problem }));
  const added = addWord(text, word);
  if ('problem' in added) return answer(false, render(MESSAGES, locale, added.problem, { file: shownFile }));
  if (!added.changed) return answer(true, render(MESSAGES, locale, 'known', { wort: word, file: shownFile }));
  try {
    writeFileAtomic(file, Buffer.from(added.text, 'utf8'), { createDir: false });
  } catch (error) {
    return answer(false, render(MESSAGES, locale, 'unwritable', { file: shownFile, detail: error instanceof Error ? error.message : String(error) }));
  }
  refresh();
  return answer(true, render(MESSAGES, locale, 'added', { wort: word, file: shownFile }));
}
