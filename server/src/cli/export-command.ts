import path from 'node:path';
import { defaultCacheDir } from '../node/cache-store.js';
import { exportDraft } from '../node/export.js';
import { ParseThread } from '../node/parse-thread.js';
import { convertToPdf } from '../node/pdf.js';
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
      ueberschreiben: { type: 'boolean', default: false },
      nachverfolgt: { type: 'boolean', default: false },
      pdf: { type: 'boolean', default: false },
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
  // A large draft is parsed on a thread with a time budget: one whose parse takes too long is
  // refused within seconds instead of holding up the command.
  const parser = ParseThread.beside(__dirname);
  let code = 0;
  try {
    for (const positional of positionals) code = Math.max(code, await exportOne(positional, values, lang, parser));
  } finally {
    parser?.close();
  }
  return code;
}

/** A path as the user named it: relative to the working folder where it lies below it. */
function near(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function exportOne(
  positional: string,
  values: { out?: string | undefined; force?: boolean | undefined; ueberschreiben?: boolean | undefined; nachverfolgt?: boolean | undefined; pdf?: boolean | undefined; template?: string | undefined; lang?: string | undefined; heute?: string | undefined; cache?: string | undefined },
  lang: Locale,
  parser: ParseThread | undefined,
): Promise<number> {
  const cwd = process.cwd();
  const draft = path.resolve(cwd, positional);
  const project = new Projects({ cacheDir: values.cache ? path.resolve(values.cache) : defaultCacheDir(), locale: lang }).of(draft);
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
    overwrite: values.ueberschreiben ?? false,
    ...(values.nachverfolgt ? { amendments: 'tracked' as const } : {}),
    project,
    today: values.heute ?? localToday(),
    locale,
    store,
    ...(parser ? { parser } : {}),
  });
  const relative = path.relative(cwd, draft).split(path.sep).join('/');
  const shown = relative.startsWith('..') ? draft : relative;
  const line = (finding: { start: { line: number; column: number }; severity: keyof ReturnType<typeof texts>['severity']; ruleId: string; message: string }) =>
    `${visible(shown)}:${finding.start.line}:${finding.start.column}  ${texts(locale).severity[finding.severity]}  ${finding.ruleId}  ${visible(finding.message)}\n`;
  if (outcome.ok) {
    const written = path.relative(cwd, outcome.file);
    const file = written.startsWith('..') ? outcome.file : written;
    // What the export went ahead despite, as `check` prints it, then the count.
    const findings = outcome.findings ?? [];
    for (const finding of findings) process.stdout.write(line(finding));
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    const said = findings.length > 0 ? render(EXPORT_CLI_MESSAGES, locale, 'written-despite', { file, errors, warnings: findings.length - errors }) : render(EXPORT_CLI_MESSAGES, locale, 'written', { file });
    process.stdout.write(`${visible(said)}\n`);
    // What the export changed on the way (characters XML forbids left out).
    for (const warning of outcome.warnings ?? []) process.stderr.write(`${visible(render(EXPORT_WARNINGS, locale, warning.kind, { ...warning.data, draft: shown }))}\n`);
    if (!values.pdf) return 0;
    const pdf = await convertToPdf(outcome.file, outcome.file.replace(/\.docx$/i, '') + '.pdf');
    if (pdf.ok) {
      process.stdout.write(`${visible(render(EXPORT_CLI_MESSAGES, locale, 'pdf-written', { file: near(pdf.file, cwd) }))}\n`);
      return 0;
    }
    process.stderr.write(`ratsfeder: ${visible(render(EXPORT_CLI_MESSAGES, locale, pdf.kind === 'no-libreoffice' ? 'no-libreoffice' : `pdf-${pdf.kind}`, { ...pdf.data, docx: file }))}\n`);
    return 1;
  }
  for (const finding of outcome.findings ?? []) process.stderr.write(line(finding));
  process.stderr.write(
    `ratsfeder: ${visible(
      render(EXPORT_MESSAGES, locale, outcome.kind, {
        ...outcome.data,
        ...('draft' in outcome.data ? { draft: shown } : {}),
        ...(outcome.kind === 'overwrite' ? { target: near(String(outcome.data.target), cwd) } : {}),
      }),
    )}\n`,
  );
  // As the help says: what was asked for is not there or no draft (2), or the export refused (1).
  return outcome.kind === 'not-a-draft' || outcome.kind === 'not-readable' || outcome.kind === 'missing' || outcome.kind === 'read' ? 2 : 1;
}
