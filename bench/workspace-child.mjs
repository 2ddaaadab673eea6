// One measurement of bench/workspace.mjs in a fresh Node process: index every Markdown file of
// a folder and answer a workspace symbol query, either as Ratsfeder does (RegisterStore) or as
// vscode-markdown-languageservice does (its workspace symbols: every document's headings).
// Prints one JSON line; exits non-zero on wrong output.
//
//   node bench/workspace-child.mjs '{"mode": "ratsfeder" | "mdls", "dir": …, "files": N, "bundle": …}'
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const args = JSON.parse(process.argv[2] ?? '{}');
const now = () => Number(process.hrtime.bigint()) / 1e6;

function fail(message) {
  process.stderr.write(`workspace-child (${args.mode}): ${message}\n`);
  process.exit(1);
}

function out(result) {
  process.stdout.write(`${JSON.stringify({ mode: args.mode, ...result, rssKiB: Math.round(process.memoryUsage().rss / 1024) })}\n`);
}

const markdownFiles = (dir) => readdirSync(dir, { recursive: true }).map(String).filter((name) => name.endsWith('.md')).map((name) => path.join(dir, name));

if (args.mode === 'ratsfeder') {
  const mod = require(args.bundle);
  const t0 = now();
  const store = new mod.RegisterStore(mod.compileProfile(mod.DEFAULT_PROFILE));
  await store.loadFolder(args.dir);
  const service = mod.createService();
  const symbols = service.workspaceSymbols(args.query, store.lookup, false);
  const t1 = now();
  if (store.workspace.size !== args.files) fail(`${store.workspace.size} drafts indexed, expected ${args.files}`);
  if (symbols.length === 0) fail(`no workspace symbol for "${args.query}"`);
  out({ totalMs: t1 - t0, symbols: symbols.length });
} else if (args.mode === 'mdls') {
  const mdls = require('vscode-markdown-languageservice');
  const MarkdownIt = require('markdown-it');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const { URI } = require('vscode-uri');
  const t0 = now();
  const md = new MarkdownIt({ html: true });
  const slugifier = mdls.githubSlugifier;
  const parser = { slugifier, tokenize: async (document) => md.parse(document.getText(), {}) };
  const root = URI.file(args.dir);
  const documents = new Map();
  const read = (file) => {
    const uri = pathToFileURL(file).href;
    let document = documents.get(uri);
    if (!document) {
      document = TextDocument.create(uri, 'markdown', 1, readFileSync(file, 'utf8'));
      documents.set(uri, document);
    }
    return document;
  };
  const never = () => ({ dispose() {} });
  const workspace = {
    workspaceFolders: [root],
    onDidChangeMarkdownDocument: never,
    onDidCreateMarkdownDocument: never,
    onDidDeleteMarkdownDocument: never,
    getAllMarkdownDocuments: async () => markdownFiles(args.dir).map(read),
    hasMarkdownDocument: (resource) => documents.has(resource.toString()),
    openMarkdownDocument: async (resource) => read(resource.fsPath),
    stat: async (resource) => {
      try {
        return { isDirectory: statSync(resource.fsPath).isDirectory() };
      } catch {
        return undefined;
      }
    },
    readDirectory: async (resource) => readdirSync(resource.fsPath, { withFileTypes: true }).map((entry) => /** @type {const} */ ([entry.name, { isDirectory: entry.isDirectory() }])),
  };
  const service = mdls.createLanguageService({ workspace, parser, logger: { level: 0, log() {} } });
  const token = { isCancellationRequested: false, onCancellationRequested: never };
  const symbols = await service.getWorkspaceSymbols(args.query, token);
  const t1 = now();
  if (documents.size !== args.files) fail(`${documents.size} documents read, expected ${args.files}`);
  if (symbols.length === 0) fail(`no workspace symbol for "${args.query}"`);
  out({ totalMs: t1 - t0, symbols: symbols.length });
  service.dispose();
} else {
  fail('unknown mode');
}
