import path from 'node:path';
import { cacheFile, defaultCacheDir } from '../node/cache-store.js';
import { configuredTemplate, exportDraft } from '../node/export.js';
import { RegisterStore } from '../node/register-store.js';
import { Workspace } from '../node/workspace.js';
import { compileProfile } from '../analysis/compiled-profile.js';
import type { Locale } from '../base/locale.js';
import { localToday } from '../service/check.js';
import { parseCommand, printConfigProblems } from './args.js';
import { EXPORT_HELP, exportTexts, texts } from './messages.js';

/** `ratsfeder export <draft> [-o out.docx] [--force]`. */
export async function exportCommand(args: readonly string[], lang: Locale): Promise<number> {
  const say = exportTexts(lang);
  const parsed = parseCommand(
    args,
    {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
      template: { type: 'string' },
      lang: { type: 'string' },
      heute: { type: 'string' },
      cache: { type: 'string' },
    },
    EXPORT_HELP[lang],
    lang,
    say.badOption,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0 || (positionals.length > 1 && values.out)) {
    process.stderr.write(`ratsfeder: ${say.oneDraft}\n`);
    return 2;
  }
  let code = 0;
  for (const positional of positionals) code = Math.max(code, await exportOne(positional, values, lang));
  return code;
}

async function exportOne(
  positional: string,
  values: { out?: string | undefined; force?: boolean | undefined; template?: string | undefined; lang?: string | undefined; heute?: string | undefined; cache?: string | undefined },
  lang: Locale,
): Promise<number> {
  const cwd = process.cwd();
  const draft = path.resolve(cwd, positional);
  const settings = new Workspace({ locale: lang }).settingsFor(draft);
  if (settings.problems.length > 0) return printConfigProblems(settings.problems, cwd, lang);
  const locale = (values.lang === 'en' || values.lang === 'de' ? values.lang : undefined) ?? settings.locale ?? lang;
  // The export refuses only error-level findings; the register matters only where its rules
  // were raised to errors, so a plain export does not read the whole project.
  const registerRules = ['nummer-unbekannt', 'bezug-unbekannt'];
  let register;
  if (registerRules.some((id) => settings.severities[id] === 'error')) {
    const root = settings.configFile ? path.dirname(settings.configFile) : path.dirname(draft);
    const named = settings.config?.register?.dateien ? { files: settings.config.register.dateien, base: root } : undefined;
    register = (await RegisterStore.forProject(compileProfile(settings.profile), root, cacheFile(values.cache ? path.resolve(values.cache) : defaultCacheDir()), named)).lookup;
  }

  // --template wins over the project's letterhead in ratsfeder.yaml.
  const template = values.template ? path.resolve(cwd, values.template) : configuredTemplate(settings);
  const outcome = await exportDraft({
    draft,
    ...(template ? { template } : {}),
    ...(values.out ? { out: path.resolve(cwd, values.out) } : {}),
    force: values.force ?? false,
    settings,
    today: values.heute ?? localToday(),
    locale,
    ...(register ? { register } : {}),
  });
  if (outcome.ok) {
    const relative = path.relative(cwd, outcome.file);
    process.stdout.write(`${exportTexts(locale).written(relative.startsWith('..') ? outcome.file : relative)}\n`);
    return 0;
  }
  const relative = path.relative(cwd, draft).split(path.sep).join('/');
  for (const finding of outcome.findings ?? []) {
    process.stderr.write(`${relative}:${finding.start.line}:${finding.start.column}  ${texts(locale).severity[finding.severity]}  ${finding.ruleId}  ${finding.message}\n`);
  }
  process.stderr.write(`ratsfeder: ${outcome.message}\n`);
  return outcome.kind === 'not-a-draft' ? 2 : 1;
}
