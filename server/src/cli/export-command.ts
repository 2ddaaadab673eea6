import path from 'node:path';
import { cacheFile, defaultCacheDir } from '../node/cache-store.js';
import { exportDraft } from '../node/export.js';
import { Projects } from '../node/project.js';
import { render, type Locale } from '../base/locale.js';
import { EXPORT_MESSAGES, EXPORT_WARNINGS } from '../node/export-messages.js';
import { localToday } from '../service/check.js';
import { parseCommand, printConfigProblems } from './args.js';
import { EXPORT_CLI_MESSAGES, EXPORT_HELP, texts } from './messages.js';
import { visible } from './terminal.js';

/** `ratsfeder export <draft> [-o out.docx] [--force]`. */
export async function exportCommand(args: readonly string[], lang: Locale): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
      nachverfolgt: { type: 'boolean', default: false },
      template: { type: 'string' },
      lang: { type: 'string' },
      heute: { type: 'string' },
      cache: { type: 'string' },
    },
    EXPORT_HELP[lang],
    lang,
    (message) => render(EXPORT_CLI_MESSAGES, lang, 'bad-option', { message }),
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0 || (positionals.length > 1 && values.out)) {
    process.stderr.write(`ratsfeder: ${render(EXPORT_CLI_MESSAGES, lang, 'one-draft')}\n`);
    return 2;
  }
  let code = 0;
  for (const positional of positionals) code = Math.max(code, await exportOne(positional, values, lang));
  return code;
}

async function exportOne(
  positional: string,
  values: { out?: string | undefined; force?: boolean | undefined; nachverfolgt?: boolean | undefined; template?: string | undefined; lang?: string | undefined; heute?: string | undefined; cache?: string | undefined },
  lang: Locale,
): Promise<number> {
  const cwd = process.cwd();
  const draft = path.resolve(cwd, positional);
  const project = new Projects({ cache: cacheFile(values.cache ? path.resolve(values.cache) : defaultCacheDir()), locale: lang }).of(draft);
  const settings = project.settings;
  if (settings.problems.length > 0) return printConfigProblems(settings.problems, cwd, lang);
  const locale = (values.lang === 'en' || values.lang === 'de' ? values.lang : undefined) ?? settings.locale ?? lang;
  // The draft is judged as `ratsfeder check` judges it: with the same register and calendar.
  const store = await project.register('check');
  // --template wins over the project's letterhead in ratsfeder.yaml.
  const template = values.template ? path.resolve(cwd, values.template) : project.template;
  const outcome = await exportDraft({
    draft,
    ...(template ? { template } : {}),
    ...(values.out ? { out: path.resolve(cwd, values.out) } : {}),
    force: values.force ?? false,
    ...(values.nachverfolgt ? { amendments: 'tracked' as const } : {}),
    project,
    today: values.heute ?? localToday(),
    locale,
    store,
  });
  if (outcome.ok) {
    const relative = path.relative(cwd, outcome.file);
    process.stdout.write(`${visible(render(EXPORT_CLI_MESSAGES, locale, 'written', { file: relative.startsWith('..') ? outcome.file : relative }))}\n`);
    const shown = path.relative(cwd, draft).split(path.sep).join('/');
    for (const warning of outcome.warnings ?? []) process.stderr.write(`${visible(render(EXPORT_WARNINGS, locale, warning.kind, { ...warning.data, draft: shown }))}\n`);
    return 0;
  }
  const relative = path.relative(cwd, draft).split(path.sep).join('/');
  for (const finding of outcome.findings ?? []) {
    process.stderr.write(`${visible(relative)}:${finding.start.line}:${finding.start.column}  ${texts(locale).severity[finding.severity]}  ${finding.ruleId}  ${visible(finding.message)}\n`);
  }
  process.stderr.write(`ratsfeder: ${visible(render(EXPORT_MESSAGES, locale, outcome.kind, outcome.data))}\n`);
  return outcome.kind === 'not-a-draft' ? 2 : 1;
}
