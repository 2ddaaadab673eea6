import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DRAFT_KINDS, draftKind, suggestedName, withMeetings, withTitle } from '../drafts/new-draft.js';
import { writeFileAtomic, WriteFailure } from '../node/atomic.js';
import type { Locale } from '../base/locale.js';
import { fail, parseCommand } from './args.js';
import { NEW_HELP, newTexts } from './messages.js';

/** The templates ship beside the bundles: `dist/cli.js` → `templates/`. */
const TEMPLATES = path.join(__dirname, '..', 'templates');

/**
 * `ratsfeder new <art> [datei] [--titel T]`: a new draft from the template of its type, with
 * its title filled in. Without a file name, one is made from the title in the current folder.
 * An existing file is never overwritten.
 */
export function newCommand(args: readonly string[], lang: Locale): number {
  const say = newTexts(lang);
  const parsed = parseCommand(args, { titel: { type: 'string', short: 't' }, lang: { type: 'string' } }, NEW_HELP[lang], lang, say.badOption);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [name, target, ...extra] = positionals;
  if (name === undefined || extra.length > 0) return fail(say.usage);
  const kind = draftKind(name);
  if (!kind) return fail(say.unknownKind(name));
  const titel = values.titel?.trim() ?? '';
  if (titel === '' && target === undefined) return fail(say.needTitle);

  const cwd = process.cwd();
  const file = path.resolve(cwd, target ?? suggestedName(kind, titel));
  const shown = path.relative(cwd, file) || file;
  if (existsSync(file)) return fail(say.exists(shown));
  const folder = path.dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return fail(say.noFolder(path.relative(cwd, folder) || folder));

  let template: string;
  try {
    template = readFileSync(path.join(TEMPLATES, DRAFT_KINDS[kind].template), 'utf8');
  } catch {
    return fail(say.templateMissing(DRAFT_KINDS[kind].template));
  }
  try {
    // No meeting date: the command line has no calendar at hand, and a template's own would lie in the past.
    const text = withMeetings(titel === '' ? template : withTitle(template, titel), () => undefined);
    writeFileAtomic(file, Buffer.from(text, 'utf8'), { createDir: false });
  } catch (error) {
    return fail(say.notWritten(shown, error instanceof WriteFailure ? (error.code ?? error.message) : String(error)));
  }
  process.stdout.write(`${say.created(shown, DRAFT_KINDS[kind].art)}\n`);
  return 0;
}
