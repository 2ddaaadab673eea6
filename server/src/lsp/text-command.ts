import { analyse } from '../analysis/analyse.js';
import { defineCatalogue, render } from '../base/locale.js';
import { documentTextMessage } from '../node/document-text-messages.js';
import { DocumentTextError } from '../node/document-texts.js';
import { canonicalNumber } from '../register/files.js';
import type { TextAnswer } from '../protocol/index.js';
import { shown, type ServerContext } from './context.js';

const MESSAGES = defineCatalogue({
  de: {
    'no-number': () => 'Kein Bezugsdokument: der Entwurf nennt unter „bezug:“ keine Drucksachennummer.',
    'no-register': () => 'Das Register ist noch nicht geladen; gleich noch einmal versuchen.',
    'too-slow': () => 'Der Entwurf wurde nicht eingelesen, weil das zu lange dauerte; die Meldung im Entwurf sagt, woran es liegt.',
    fetched: (d) => `Text von ${d.list} geladen${Number(d.points) > 0 ? `: Beschlussvorschlag mit ${d.points} ${Number(d.points) === 1 ? 'Punkt' : 'Punkten'}` : ''}.`,
  },
  en: {
    'no-number': () => 'No referenced document: the draft names no document number under “bezug:”.',
    'no-register': () => 'The register is not loaded yet; try again in a moment.',
    'too-slow': () => 'The draft was not read because that took too long; the notice in the draft says why.',
    fetched: (d) => `Fetched the text of ${d.list}${Number(d.points) > 0 ? `: Beschlussvorschlag with ${d.points} ${Number(d.points) === 1 ? 'point' : 'points'}` : ''}.`,
  },
});

/**
 * `ratsfeder.registerText`: fetches the text of a document (`nummer`), or of the documents a
 * draft refers to (`bezug:` of `uri`), again if it was fetched before; the diagnostics follow.
 */
export async function textCommand(context: ServerContext, argument: unknown): Promise<TextAnswer> {
  const { nummer, uri } = (argument ?? {}) as { nummer?: unknown; uri?: unknown };
  await context.register.indexed;
  const store = context.register.store;
  const options = typeof uri === 'string' ? await context.settings.optionsFor(uri) : undefined;
  const locale = options?.locale ?? context.locale;
  const fail = (message: string): TextAnswer => {
    void context.connection.window.showWarningMessage(shown(message));
    return { ok: false, message };
  };
  if (!store?.texts) return fail(render(MESSAGES, locale, 'no-register'));
  const wanted: string[] = [];
  if (typeof nummer === 'string' && nummer.trim() !== '') {
    wanted.push(canonicalNumber(nummer.trim(), store.scanner) ?? nummer.trim());
  } else if (typeof uri === 'string' && options) {
    // A large document's parse on the parse thread, within its budget: other requests do not wait.
    const document = await context.parses.input(context.documents, uri);
    if (document) {
      const draft = analyse(document.text, options.profile, document.parsed);
      if (draft.skip === 'too-slow') return fail(render(MESSAGES, locale, 'too-slow'));
      for (const reference of draft.references) if (reference.field === 'bezug' && reference.canonical && !wanted.includes(reference.canonical)) wanted.push(reference.canonical);
    }
  }
  if (wanted.length === 0) return fail(render(MESSAGES, locale, 'no-number'));
  const fetched: string[] = [];
  let points = 0;
  for (const number of wanted) {
    const entry = store.register().get(number);
    if (!entry) return fail(documentTextMessage({ kind: 'not-in-register', data: { nummer: number } }, locale));
    try {
      const text = await context.register.fetchText(entry);
      fetched.push(entry.nummer);
      points += text.document.beschluss?.punkte.length ?? 0;
    } catch (error) {
      if (!(error instanceof DocumentTextError)) throw error;
      return fail(documentTextMessage(error.failure, locale));
    }
  }
  return { ok: true, message: render(MESSAGES, locale, 'fetched', { list: fetched.join(', '), points }), fetched };
}
