import {
  DiagnosticSeverity,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type Position,
  type Range,
  type WorkspaceSymbol,
} from 'vscode-languageserver-types';
import { render } from '../base/locale.js';
import type { Problem } from '../base/validate.js';
import { compileProfile } from '../analysis/compiled-profile.js';
import { LineIndex } from '../analysis/lines.js';
import type { RegisterAccess } from '../register/types.js';
import { amendablePassages, amendmentActions, amendmentCompletions, amendmentHover } from './aenderungen.js';
import { snippetCompletions } from './snippets.js';
import { amendments } from '../analysis/aenderungen.js';
import { fold } from '../base/fold.js';
import type { Draft, Parsed } from '../analysis/model.js';
import { checkText, type CheckOptions, type Checked } from './check.js';
import { lint } from '../rules/engine.js';
import { completions } from './completion.js';
import { NOTICES, SITZUNG_MESSAGES } from './messages.js';
import type { DraftSummary, NextDeadline, PreviewModel } from '../protocol/index.js';
import { nextDeadline, nextOpenMeeting, sitzungCompletions } from './sitzung.js';
import { SOURCE, toDiagnostic, toOffset } from './convert.js';
import { codeActions, documentSymbols, foldingRanges } from './features.js';
import { spellingActions } from './spelling.js';
import * as refs from './references.js';
import { similarHover } from './similar.js';
import { previewModel } from './preview.js';
import { CONFIG_FILE, parseConfig } from '../config/config.js';

/** A document as the service sees it: no editor object, just its identity and text. */
export interface DocumentInput {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** Its Markdown parse, done on another thread for a large text (`node/parse-thread.ts`); else it is parsed here. */
  readonly parsed?: Parsed;
}

/** What applies to one document: check options plus problems with its configuration. */
export interface ResolvedOptions extends CheckOptions {
  /** Problems in `ratsfeder.yaml` or the profile; defaults apply while there are any. */
  readonly configProblems: readonly Problem[];
  /** The document register, where one is loaded (also given to the rules as `host.register`). */
  readonly register?: RegisterAccess;
}

export interface Service {
  check(document: DocumentInput, options: ResolvedOptions): Checked;
  diagnostics(document: DocumentInput, options: ResolvedOptions): Diagnostic[];
  /** `snippets`: the editor takes snippet edits (the cursor goes where the writing starts). */
  codeActions(document: DocumentInput, options: ResolvedOptions, range: Range, snippets?: boolean): CodeAction[];
  documentSymbols(document: DocumentInput, options: ResolvedOptions): DocumentSymbol[];
  foldingRanges(document: DocumentInput, options: ResolvedOptions): FoldingRange[];
  /** `invoked`: the user asked for completion (as opposed to typing a trigger character). */
  completions(document: DocumentInput, options: ResolvedOptions, position: Position, invoked?: boolean): CompletionItem[];
  hover(document: DocumentInput, options: ResolvedOptions, position: Position): Hover | null;
  /** The draft's next submission deadline from the meeting calendar, if there is one. */
  nextDeadline(document: DocumentInput, options: ResolvedOptions): NextDeadline | null;
  /** A draft as the drafts view lists it: type, title, number, how many findings, next deadline; null for a file that is no draft. */
  draftSummary(document: DocumentInput, options: ResolvedOptions): DraftSummary | null;
  /** For a new draft of type `art`: the body's next meeting it can still make, `YYYY-MM-DD`. */
  nextMeeting(gremium: string, art: string, options: ResolvedOptions): string | null;
  documentLinks(document: DocumentInput, options: ResolvedOptions): DocumentLink[];
  /**
   * The lenses above a draft's first line: its next submission deadline (with a calendar) and the
   * export; `exportCommand` is the editor's command that exports the open draft.
   */
  codeLenses(document: DocumentInput, options: ResolvedOptions, exportCommand: string): CodeLens[];
  /** The problems of a `ratsfeder.yaml` as it stands in the editor, at their places. */
  configDiagnostics(document: DocumentInput, options: ResolvedOptions): Diagnostic[];
  /** What the Markdown preview shows of a draft; null for a file that is no draft. */
  preview(document: DocumentInput, options: ResolvedOptions): PreviewModel | null;
  definition(document: DocumentInput, options: ResolvedOptions, position: Position): Location[];
  references(document: DocumentInput, options: ResolvedOptions, position: Position, includeDeclaration: boolean): Location[];
  /** `webLocations`: the client can take a symbol whose location is a web page without a range. */
  workspaceSymbols(query: string, register: RegisterAccess | undefined, webLocations: boolean): WorkspaceSymbol[];
  /** Drops the cached analysis of a closed document. */
  forget(uri: string): void;
  /** Drops every cached analysis (settings or files changed). */
  clear(): void;
  /**
   * Keeps every cached analysis of the text but runs the rules again on next use: what a rule
   * reads from outside changed (spelling answers arrived), the drafts did not.
   */
  relint(): void;
}

/**
 * The editor features as one API over documents, independent of any transport: the LSP
 * glue, the tests and benchmarks call it. Each document version is analysed once per set
 * of options; every feature reads that one result.
 */
export interface ServiceOptions {
  /** Called with each new analysis, e.g. to keep a register of the workspace's drafts current. */
  readonly onAnalysed?: (uri: string, draft: Checked['draft'], analysis: { readonly version: number; readonly ms: number }) => void;
}

export function createService(serviceOptions: ServiceOptions = {}): Service {
  const cache = new Map<string, { version: number; options: ResolvedOptions; text: string; checked: Checked; rules: number }>();
  /** Counts `relint` calls: a cached analysis from before the last one has its rules run again. */
  let rules = 0;

  const check = (document: DocumentInput, options: ResolvedOptions): Checked => {
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version && cached.options === options && cached.text === document.text) {
      if (cached.rules === rules) return cached.checked;
      const checked = { draft: cached.checked.draft, ...lint(cached.checked.draft, options) };
      cache.set(document.uri, { ...cached, checked, rules });
      return checked;
    }
    const start = performance.now();
    const checked = checkText(document.text, options, document.parsed);
    cache.set(document.uri, { version: document.version, options, text: document.text, checked, rules });
    serviceOptions.onAnalysed?.(document.uri, checked.draft, { version: document.version, ms: performance.now() - start });
    return checked;
  };

  return {
    check,
    diagnostics(document, options) {
      const checked = check(document, options);
      const diagnostics = checked.findings.map(toDiagnostic);
      const skip = checked.draft.skip;
      const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const costly = checked.draft.costly;
      if (skip === 'too-slow') {
        const at = { line: Math.min(costly?.line ?? 0, checked.draft.lines.lineCount - 1), character: 0 };
        const seconds = Math.round((checked.draft.stoppedAfterMs ?? 0) / 1000);
        const message = costly ? render(NOTICES, options.locale, 'too-slow-costly', { seconds, ...costly }) : render(NOTICES, options.locale, 'too-slow', { seconds });
        diagnostics.push({ range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: SOURCE, message });
      } else if (costly) {
        const at = { line: Math.min(costly.line, checked.draft.lines.lineCount - 1), character: 0 };
        diagnostics.push({ range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: SOURCE, message: render(NOTICES, options.locale, 'pathological', { ...costly }) });
      } else if (skip === 'too-large' || skip === 'too-deep' || skip === 'binary') {
        diagnostics.push({ range: top, severity: DiagnosticSeverity.Information, source: SOURCE, message: render(NOTICES, options.locale, skip) });
      }
      const problem = options.configProblems[0];
      if (problem && skip === undefined) {
        diagnostics.unshift({ range: top, severity: DiagnosticSeverity.Warning, source: SOURCE, code: 'konfiguration', message: render(NOTICES, options.locale, 'config', { file: problem.file, line: problem.line, message: problem.message }) });
      }
      return diagnostics;
    },
    codeActions(document, options, range, snippets = false) {
      const checked = check(document, options);
      const fixes = [
        ...codeActions(document.uri, checked.draft, checked.findings, range, { snippets, fixAllTitle: render(NOTICES, options.locale, 'fix-all') }),
        ...spellingActions(document.uri, checked.draft, checked.findings, range, options.locale),
      ];
      if (!amends(checked.draft)) return fixes;
      return [...fixes, ...amendmentActions(document.uri, checked.draft, amendablePassages(checked.draft, options.register, options.locale), range, options.locale)];
    },
    documentSymbols(document, options) {
      const checked = check(document, options);
      return checked.draft.skip === undefined ? documentSymbols(checked.draft, render(NOTICES, options.locale, 'front-matter')) : [];
    },
    foldingRanges(document, options) {
      const checked = check(document, options);
      return checked.draft.skip === undefined ? foldingRanges(checked.draft) : [];
    },
    completions(document, options, position, invoked = false) {
      const { draft } = check(document, options);
      const items = [...completions(draft, options.profile, position, options.locale), ...snippetCompletions(draft, position, !invoked, options.today)];
      if (draft.skip !== undefined) return items;
      const meetings = sitzungCompletions(draft, options.host.calendar, position, options.today, options.locale);
      if (meetings.length > 0) return meetings;
      const amending = !amends(draft) ? [] : amendmentCompletions(draft, amendablePassages(draft, options.register, options.locale), position, invoked, options.locale);
      if (amending.length > 0) return amending;
      return [...items, ...refs.referenceCompletions(draft, compileProfile(options.profile).scanner, options.register, position, options.locale, invoked)];
    },
    nextMeeting(gremium, art, options) {
      const frist = compileProfile(options.profile).typeFor(art)?.frist;
      return nextOpenMeeting(options.host.calendar, gremium, options.today, frist) ?? null;
    },
    nextDeadline(document, options) {
      const { draft } = check(document, options);
      return draft.skip === undefined ? (nextDeadline(draft, options.host.calendar, options.today) ?? null) : null;
    },
    draftSummary(document, options) {
      const { draft } = check(document, options);
      if (draft.frontMatter === undefined || draft.art === undefined) return null;
      const field = (key: string) => {
        const value = draft.frontMatter?.fields.get(key)?.value;
        return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
      };
      let errors = 0;
      let warnings = 0;
      for (const diagnostic of this.diagnostics(document, options)) {
        if (diagnostic.severity === DiagnosticSeverity.Error) errors++;
        else if (diagnostic.severity === DiagnosticSeverity.Warning) warnings++;
      }
      const titel = field('titel');
      const nummer = field('nummer');
      const frist = draft.skip === undefined ? nextDeadline(draft, options.host.calendar, options.today) : undefined;
      return { uri: document.uri, art: draft.type?.name ?? draft.art, ...(titel ? { titel } : {}), ...(nummer ? { nummer } : {}), errors, warnings, ...(frist ? { frist } : {}) };
    },
    hover(document, options, position) {
      const { draft } = check(document, options);
      if (draft.skip !== undefined) return null;
      const offset = toOffset(draft.lines, position);
      return (
        refs.hover(draft, options.profile, options.register, offset, options.locale) ??
        amendmentHover(draft, offset, options.locale, options.register) ??
        similarHover(draft, options.profile, options.register, offset, options.locale, options.host.documentUri, options.ruleOptions?.synonyms)
      );
    },
    codeLenses(document, options, exportCommand) {
      const { draft } = check(document, options);
      if (draft.skip !== undefined || !draft.frontMatter) return [];
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const next = nextDeadline(draft, options.host.calendar, options.today);
      // A lens without a command only says something; clicking it does nothing.
      const deadline = next ? [{ range, command: { title: render(SITZUNG_MESSAGES, options.locale, 'lens', { date: next.frist, gremium: next.gremium, sitzung: next.sitzung, missed: next.verpasst ? 1 : 0 }), command: '' } }] : [];
      return [...deadline, { range, command: { title: render(SITZUNG_MESSAGES, options.locale, 'export'), command: exportCommand } }];
    },
    configDiagnostics(document, options) {
      const { problems } = parseConfig(document.text, CONFIG_FILE, options.locale);
      const lines = new LineIndex(document.text);
      return problems.map((problem) => {
        const line = Math.max(0, problem.line - 1);
        const start = Math.max(0, problem.column - 1);
        const end = Math.max(start + 1, line < lines.lineCount ? lines.lineEnd(line) - lines.lineStart(line) : 0);
        return { range: { start: { line, character: start }, end: { line, character: end } }, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'konfiguration', message: problem.message };
      });
    },
    preview(document, options) {
      const { draft } = check(document, options);
      if (draft.skip !== undefined) return null;
      return previewModel(draft, options.profile, options.locale, document.version, refs.documentLinks(draft, options.profile, options.register));
    },
    documentLinks(document, options) {
      const { draft } = check(document, options);
      return draft.skip === undefined ? refs.documentLinks(draft, options.profile, options.register) : [];
    },
    definition(document, options, position) {
      const { draft } = check(document, options);
      return draft.skip === undefined ? refs.definition(draft, options.register, toOffset(draft.lines, position)) : [];
    },
    references(document, options, position, includeDeclaration) {
      const { draft } = check(document, options);
      return draft.skip === undefined ? refs.references(draft, options.register, toOffset(draft.lines, position), includeDeclaration) : [];
    },
    workspaceSymbols(query, register, webLocations) {
      return refs.workspaceSymbols(register, query, webLocations);
    },
    forget(uri) {
      cache.delete(uri);
    },
    clear() {
      cache.clear();
    },
    relint() {
      rules++;
    },
  };
}

/**
 * Whether a draft amends a document: an Änderungsantrag, or a draft with amendment blocks.
 * Only such drafts ask for the texts of what they refer to (asking may fetch them).
 */
function amends(draft: Draft): boolean {
  if (draft.skip !== undefined) return false;
  return /anderung/.test(fold(draft.type?.name ?? '')) || amendments(draft).length > 0;
}
