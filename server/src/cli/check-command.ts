import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { defaultCacheDir } from '../node/cache-store.js';
import type { Locale } from '../base/locale.js';
import { localToday } from '../service/check.js';
import { checkBatch, runCheck, type CheckArgs } from './check.js';
import type { Input } from './files.js';
import { parseCommand } from './args.js';
import { CHECK_HELP, texts } from './messages.js';

/** `ratsfeder check …`: parses the options, checks, prints, returns the exit code. */
export async function checkCommand(args: readonly string[], lang: Locale): Promise<number> {
  const say = texts(lang);
  const parsed = parseCommand(
    args,
    {
      format: { type: 'string', default: 'text' },
      lang: { type: 'string' },
      config: { type: 'string' },
      heute: { type: 'string' },
      jobs: { type: 'string' },
      cache: { type: 'string' },
    },
    CHECK_HELP[lang],
    lang,
    say.badOption,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    process.stderr.write(`ratsfeder: ${say.badFormat(format)}\n`);
    return 2;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
    process.stderr.write(`ratsfeder: ${say.badJobs(values.jobs ?? '')}\n`);
    return 2;
  }
  const output = await runCheck({
    jobs,
    paths: positionals,
    format,
    lang: values.lang as Locale | undefined,
    config: values.config,
    today: values.heute ?? localToday(),
    cwd: process.cwd(),
    workerScript: __filename,
    cacheDir: values.cache ? path.resolve(values.cache) : defaultCacheDir(),
  });
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  return output.code;
}


// This bundle is also the script of the check worker threads (see `checkAll` in check.ts).
const job = (workerData as { ratsfederCheck?: { inputs: Input[]; args: CheckArgs } } | null)?.ratsfederCheck;
if (!isMainThread && job && parentPort) {
  const port = parentPort;
  void checkBatch(job.inputs, job.args).then((outcomes) => port.postMessage(outcomes));
}
