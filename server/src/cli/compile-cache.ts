import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';

/*
 * The command bundles with V8's code cache. Compiling a bundle of two megabytes, and then each
 * function as it is first called, is most of what a short command such as `ratsfeder export`
 * costs beyond Node's own start-up. V8 can keep what it compiled as data (the code cache) and
 * read it back in a fraction of the time: a run that compiled a bundle without a usable cache
 * keeps one, once the command has done its work (so that the functions it called are in it),
 * in the user's cache folder beside the OParl cache; the next run reads it. Node 22 does the
 * same with `module.enableCompileCache()`; Node 20, which Ratsfeder supports, has only the
 * parts (`vm.Script` with `cachedData`).
 *
 * The cache is an optimisation only: a file that cannot be read or written, is from another
 * Node.js or bundle (the name says which; V8 also refuses data for another source or other
 * flags), or is damaged means compiling as without it. It is written to a temporary file and
 * renamed, so a run never reads half of one.
 */

interface Loaded {
  readonly exports: unknown;
}

const loaded = new Map<string, Loaded>();
const toKeep: { readonly script: Script; readonly file: string }[] = [];

/** Where the code caches are kept, or `undefined` to keep none. */
let folder: string | undefined;

/** Sets the folder for the code caches (a subfolder of the user's cache folder). */
export function useCompileCache(dir: string | undefined): void {
  folder = dir;
}

/**
 * `require` for a bundle of dist/ (`file`, absolute): compiled with its code cache where there
 * is one. The bundles it requires in turn (`./pdf.js`) are loaded the same way.
 */
export function requireBundle(file: string): unknown {
  const known = loaded.get(file);
  if (known) return known.exports;
  // `import()` in a script compiled here (PDF.js starts its worker so) needs Node's own loader;
  // a Node.js that cannot name it (before 20.12) loads the bundle as any module.
  const importModuleDynamically = (vmConstants as typeof vmConstants | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (importModuleDynamically === undefined) return createRequire(file)(file);
  const source = readFileSync(file, 'utf8');
  const cacheFile = folder ? cacheFileOf(file) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new Script(wrapper, { filename: file, importModuleDynamically, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) toKeep.push({ script, file: cacheFile });
  const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
  loaded.set(file, module);
  const plain = createRequire(file);
  const dir = path.dirname(file);
  const require = Object.assign((id: string) => (/^\.\/[\w-]+\.js$/.test(id) ? requireBundle(path.join(dir, id)) : plain(id)), plain);
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, file, dir);
  module.loaded = true;
  return module.exports;
}

/**
 * Keeps the code caches of the bundles that were compiled without one. Called once the
 * command has done its work: the cache then holds the functions it ran.
 */
export function keepCompileCaches(): void {
  for (const { script, file } of toKeep.splice(0)) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, file);
      // The caches of earlier builds of the same bundle, or of another Node.js, are of no more use.
      const bundle = `${path.basename(file).split('-', 1)[0]}-`;
      for (const name of readdirSync(path.dirname(file))) {
        if (name.startsWith(bundle) && name.endsWith('.cache') && name !== path.basename(file)) rmSync(path.join(path.dirname(file), name), { force: true });
      }
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}

/** The cache file of a bundle: for this bundle as built (size and time) and this Node.js. */
function cacheFileOf(file: string): string | undefined {
  try {
    const stat = statSync(file);
    const name = `${path.basename(file, '.js')}-${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}.cache`;
    return path.join(folder!, name);
  } catch {
    return undefined;
  }
}
