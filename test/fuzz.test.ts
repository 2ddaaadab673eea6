import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { stringify as stringifyYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionTriggerKind,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Position,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { check, ROOT } from './helpers.js';
import { PULL_CLIENT, PUSH_CLIENT, TestClient } from './lsp-client.js';

/*
 * Property-based fuzzing of the language server and the CLI (issue 7). The server gets random
 * drafts built from realistic pieces and random incremental edits, as an editor sends them;
 * it must never crash or hang, and the diagnostics after the edits must be those of a fresh
 * open of the final text. The CLI gets random bytes, random front matter, random register
 * files and a random ratsfeder.yaml; it must end with a defined exit code, valid JSON and no
 * stack trace, and a configuration it rejects must be rejected whole, each problem with its place.
 *
 * `npm test` runs a bounded, seeded version (about a minute and a quarter). `npm run fuzz` runs
 * longer; `FUZZ_RUNS` (runs of the main property; the others scale with it) and `FUZZ_SEED` (a
 * number, or `random`) override both. A failure names its seed and path: rerun with that seed.
 */
const DEFAULT_RUNS = 5000;
const RUNS = Number(process.env.FUZZ_RUNS) > 0 ? Math.floor(Number(process.env.FUZZ_RUNS)) : DEFAULT_RUNS;
/** `FUZZ_SEED=random` explores new inputs each time; the seed is printed, and fast-check names it on failure. */
const SEED = !process.env.FUZZ_SEED ? 20261125 : process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);
/** Every other property scales with the main one. */
const scaled = (runs: number) => Math.max(1, Math.round((runs * RUNS) / DEFAULT_RUNS));
/** The bound within which every request must be answered; far above what any draft here takes. */
const ANSWER_MS = 10_000;
/** Generous: fast-check shrinks a failure by re-running the property many times. */
const TEST_TIMEOUT = 600_000 + RUNS * 100;

// ─── Building blocks of drafts ─────────────────────────────────────────────────────────────

const ASTRAL = ['😀', '🇩🇪', '👩‍👩‍👧', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '🚲', '𠜎', '👍🏽'];
const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Der', 'Oberbürgermeister', 'wird', 'beauftragt', 'Straße', 'Maßnahmen', 'Änderung', 'Übersicht', 'Radverkehr', 'Grün', 'bis', '2030', 'umzusetzen', 'zu', 'prüfen', 'Fahrradstraßen', 'öffentlich', 'Haushalt', 'ÄÖÜäöüß') },
  { weight: 2, arbitrary: fc.constantFrom(...ASTRAL) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('\t', '*', '_', '`', '[', ']', '(', ')', '<', '>', '&amp;', '\\', '|', '#', ':', '?', '…', '\u00a0', '\u200b', '\ufeff', '\u0000') },
  // What the parse-cost guard counts, in runs dense enough to cross its limit now and then.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('](', ']', '*a', '`a', 'a <!-- ', '[a]('), fc.integer({ min: 1, max: 6_000 })).map(([unit, times]) => unit.repeat(times)) },
);
const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));

const PERIODS = ['VIII', 'VII', 'I', 'IX', 'viii', 'VIIII'];
const CODES = ['A', 'F', 'DS', 'EF', 'P', 'WA', 'Ifo', 'X', 'ds'];
/** Document numbers, canonical and broken (short digits, lower case, unknown parts, dashes, suffixes). */
const docNumber = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('VIII', 'VII'), fc.constantFrom('A', 'F', 'DS'), fc.integer({ min: 1, max: 99_999 })).map(([p, c, n]) => `${p}-${c}-${String(n).padStart(5, '0')}`) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...PERIODS), fc.constantFrom(...CODES), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom('-', '–', ' - ', '-', '‐'), fc.constantFrom('', '-NF-01', '-ÄA-2', '-VSP-001', '-XY-01', '-NF'))
      .map(([p, c, n, pad, dash, suffix]) => `${p}${dash}${c}${dash}${String(n).padStart(pad, '0')}${suffix}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('VIII-F-00913', 'VIII-F-913', 'vii-ds-09934', 'VII-DS-09934', 'VIII-DS-01234-NF-01', 'VIII-F-0091😀3', 'VIII-A-', 'VIII--00913', '-F-00913') },
);
/** `nummer:` values; `bezug:` values come from another set, so that no draft amends itself. */
const ownNumber = fc.oneof(fc.integer({ min: 1, max: 99_999 }).map((n) => `VIII-A-${String(n).padStart(5, '0')}`), fc.constantFrom('VIII-A-1', 'viii-a-00042', 'VIII-A-00001😀', ''));
const bezugNumber = fc.oneof(fc.integer({ min: 1, max: 99_999 }).map((n) => `VIII-DS-${String(n).padStart(5, '0')}`), fc.constantFrom('VIII-DS-01234', 'VII-DS-09934', 'VIII-F-913', 'Quatsch'));

const ART = fc.constantFrom('Antrag', 'Anfrage', 'Änderungsantrag', 'Aenderungsantrag', 'antrag', 'ANFRAGE', 'Petition', '', '"Antrag"', "'Anfrage'", '[Antrag]', 'Antrag 😀', 'Ａｎｔｒａｇ');
const DATE = fc.constantFrom('2025-05-14', '2025-13-01', '2025-02-30', '2024-02-29', 'gestern', '14.05.2025', '2030-01-01', '2025-5-4', '');
const frontMatterLine = fc.oneof(
  { weight: 4, arbitrary: ART.map((art) => `art: ${art}`) },
  { weight: 3, arbitrary: sentence.map((titel) => `titel: ${titel}`) },
  { weight: 2, arbitrary: fc.constantFrom('einreicher: Freibeuter-Fraktion', 'einreicher:\n  - Freibeuter-Fraktion\n  - SPD-Fraktion', 'einreicher: []', 'einreicher:\n  - 42') },
  { weight: 2, arbitrary: DATE.map((datum) => `datum: ${datum}`) },
  { weight: 2, arbitrary: ownNumber.map((n) => `nummer: ${n}`) },
  { weight: 2, arbitrary: fc.oneof(bezugNumber.map((n) => `bezug: ${n}`), fc.array(bezugNumber, { maxLength: 3 }).map((list) => `bezug:\n${list.map((n) => `  - ${n}`).join('\n')}`)) },
  { weight: 1, arbitrary: fc.constantFrom('status: öffentlich', 'status: nichtöffentlich', 'status: geheim', 'status:') },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom('Ratsversammlung', 'Fachausschuss Stadtentwicklung und Bau', 'Ausschuss 😀', ''), DATE, fc.constantFrom('Beschlussfassung', 'Vorberatung', 'Kenntnisnahme', 'Irgendwas')), { maxLength: 3 })
      .map((steps) => `beratungsfolge:\n${steps.map(([g, s, r]) => `  - gremium: ${g}\n    sitzung: ${s}\n    rolle: ${r}`).join('\n')}`),
  },
  { weight: 2, arbitrary: fc.constantFrom('farbe: blau', 'Art: Antrag', 'titel:', 'schlagworte: [Rad, Verkehr', 'titel: "offen', ': :', '\tart: Antrag', 'art: &a Antrag', 'x: *a', '- liste', '? komplex', 'art:\n  - Antrag', 'titel: |\n  mehrzeilig\n  😀', 'a: {b: [c, {d: e}]}', '!!binary x', 'titel: >-\n  gefaltet') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const frontMatter = fc
  .tuple(
    fc.option(ART.map((art) => `art: ${art}`), { freq: 5, nil: undefined }),
    fc.array(frontMatterLine, { minLength: 0, maxLength: 9 }),
    fc.constantFrom('---', '---', '---', '---', '', '...', '--- ', '+++'),
    fc.constantFrom('---', '---', '---', '--- ', '----'),
  )
  .map(([art, lines, close, open]) => `${open}\n${[...(art !== undefined ? [art] : []), ...lines].join('\n')}\n${close}\n`);

const HEADINGS = ['## Beschlussvorschlag', '## Begründung', '## Fragen', '## Sachverhalt', '## Anlagen', '## Finanzielle Auswirkungen', '## Beschlusstext', '## Änderungen', '# Titel', '### Unterpunkt', '## Unbekannt 😀', '##Begründung', 'Begründung\n---', '## Begründung ##', '  ## Fragen'];
const listItem = fc.tuple(fc.constantFrom('1. ', '2. ', '1) ', '- ', '* ', '  - ', '    1. ', '10. ', '- [ ] '), sentence, fc.constantFrom('?', '', '.', '?😀', ' ?')).map(([marker, text, end]) => `${marker}${text}${end}`);
const aenderungBlock = fc
  .tuple(fc.constantFrom('', '   '), fc.option(sentence), fc.option(sentence), fc.option(fc.constantFrom('stelle: Punkt 2', 'stelle: neuer Punkt 5', 'farbe: rot', 'alt: [x', 'neu: 42', 'alt: "a"')), fc.constantFrom('```', '~~~', '````'), fc.boolean())
  .map(([indent, alt, neu, extra, fence, closed]) => {
    const lines = [`${fence}aenderung`, ...(extra ? [extra] : []), ...(alt !== null ? ['alt: |', `  ${alt}`] : []), ...(neu !== null ? ['neu: |', `  ${neu}`, `  ${neu}`] : []), ...(closed ? [fence] : [])];
    return lines.map((line) => indent + line).join('\n');
  });
const block = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HEADINGS) },
  { weight: 5, arbitrary: sentence },
  { weight: 3, arbitrary: fc.array(listItem, { minLength: 1, maxLength: 5 }).map((items) => items.join('\n')) },
  { weight: 3, arbitrary: fc.tuple(sentence, docNumber, sentence).map(([a, n, b]) => `${a} (vgl. ${n}) ${b}`) },
  { weight: 2, arbitrary: aenderungBlock },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('```', '~~~', '```js', '```yaml'), sentence, fc.boolean()).map(([fence, text, closed]) => `${fence}\n${text}${closed ? `\n${fence.slice(0, 3)}` : ''}`) },
  { weight: 1, arbitrary: sentence.map((text) => `> ${text}\n> > ${text}`) },
  { weight: 1, arbitrary: fc.constantFrom('[Anlage](anlage.pdf)', '[Plan](./fehlt/plan.md)', '[Rat](https://ratsinformation.leipzig.de)', '<https://example.org>', '[^1]\n\n[^1]: Fußnote', '| a | b |\n|---|---|\n| 1 | 😀 |', '<!-- ratsfeder-disable nummer-form -->', '<!-- ratsfeder-enable -->', '<!-- offen', '***', '\t- tab', '---') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);
const lineEnding = fc.constantFrom<'lf' | 'crlf' | 'mixed' | 'cr'>('lf', 'lf', 'lf', 'lf', 'lf', 'crlf', 'crlf', 'crlf', 'mixed', 'cr');

/** The shipped examples and templates: real drafts to start editing from. */
const SAMPLES = ['examples', 'templates', 'test/fixtures/shared'].flatMap((dir) =>
  readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .map((name) => readFileSync(path.join(ROOT, dir, name), 'utf8')),
);

/** A draft: front matter (usually), blocks, a line-ending style, maybe a byte order mark; or a real one. */
const draftArb = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.option(frontMatter, { freq: 8 }), fc.array(block, { maxLength: 20 }), fc.constantFrom('\n\n', '\n', '\n\n\n')).map(([front, blocks, gap]) => `${front ?? ''}\n${blocks.join(gap)}\n`) },
      { weight: 1, arbitrary: fc.constantFrom(...SAMPLES) },
    ),
    lineEnding,
    // Editors drop a byte order mark before the server sees the text; now and then one gets through.
    fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  )
  .map(([draft, ending, bom]) => {
    let text = draft;
    if (ending === 'crlf') text = text.replace(/\n/g, '\r\n');
    else if (ending === 'cr') text = text.replace(/\n/g, '\r');
    else if (ending === 'mixed') text = text.replace(/\n/g, (_, offset: number) => (offset % 3 === 0 ? '\r\n' : '\n'));
    return (bom ? '\ufeff' : '') + text;
  });

// ─── Edits as an editor sends them ────────────────────────────────────────────────────────

const FRAGMENTS = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\r\r\n', ' ', '\t', 'ä', 'ß', '😀', '🇩🇪', '`', '```', '```aenderung\nalt: |\n  x\n```', '---\n', '---', '## ', '## Fragen\n', '## Beschlussvorschlag', '- ', '1. ', '?', ':', 'art: Antrag\n', 'alt: |\n  ', 'neu: ', '#', '>', '[', '](x.md)', '<!--', '-->', '\\') },
  { weight: 2, arbitrary: word },
  { weight: 2, arbitrary: docNumber },
  { weight: 1, arbitrary: sentence },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
type Where = 'any' | 'astral' | 'lineStart' | 'lineEnd' | 'end';
interface EditSpec {
  readonly where: Where;
  readonly at: number;
  readonly kind: 'insert' | 'delete' | 'replace';
  readonly length: number;
  readonly text: string;
}
const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  where: fc.constantFrom<Where>('any', 'any', 'any', 'astral', 'astral', 'lineStart', 'lineEnd', 'end'),
  at: fc.nat(),
  kind: fc.constantFrom<EditSpec['kind']>('insert', 'insert', 'delete', 'replace'),
  length: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }) }),
  text: FRAGMENTS,
});
type RequestKind = 'completion' | 'hover' | 'documentSymbol' | 'foldingRange' | 'codeAction' | 'diagnostic';
interface Step {
  /** The changes of one `didChange` (most often one; an editor may send several at once). */
  readonly edits: readonly EditSpec[];
  /** Sometimes the whole text instead (a client that syncs full text now and then). */
  readonly full: boolean;
  /** Rarely, the editor closes the document and opens it again (its version starts again at 1). */
  readonly reopen: boolean;
  /** A request after the change, at a random place, awaited or left running beside the next edits. */
  readonly request: { readonly kind: RequestKind; readonly at: number; readonly where: Where; readonly concurrent: boolean } | null;
}
const stepArb: fc.Arbitrary<Step> = fc.record({
  edits: fc.array(editSpec, { minLength: 1, maxLength: 3 }),
  full: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  reopen: fc.integer({ min: 0, max: 29 }).map((n) => n === 0),
  request: fc.option(
    fc.record({
      kind: fc.constantFrom<RequestKind>('completion', 'hover', 'documentSymbol', 'foldingRange', 'codeAction', 'diagnostic'),
      at: fc.nat(),
      where: fc.constantFrom<Where>('any', 'astral', 'lineStart', 'lineEnd', 'end'),
      concurrent: fc.boolean(),
    }),
    { freq: 2 },
  ),
});

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** Whether an offset falls inside a surrogate pair or a CRLF, where no editor puts a cursor. */
function splits(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (isHigh(before) && isLow(after)) || (before === 0x0d && after === 0x0a);
}

/** An offset in `text` as an editor could place the cursor: never inside a surrogate pair or CRLF. */
function place(text: string, where: Where, at: number): number {
  const candidates: number[] = [];
  if (where === 'astral') {
    for (let i = 0; i + 1 < text.length; i++) if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) candidates.push(i, i + 2);
  } else if (where === 'lineStart') {
    candidates.push(0);
    for (let i = 0; i < text.length; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) candidates.push(i + 1);
  } else if (where === 'lineEnd') {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n' ? text[i - 1] !== '\r' : text[i] === '\r') candidates.push(i);
    candidates.push(text.length);
  } else if (where === 'end') {
    candidates.push(text.length);
  }
  let offset = candidates.length > 0 ? candidates[at % candidates.length]! : at % (text.length + 1);
  if (splits(text, offset)) offset--;
  return offset;
}

/** One `TextDocumentContentChangeEvent` for an edit of the current text. */
function change(document: TextDocument, spec: EditSpec): TextDocumentContentChangeEvent {
  const text = document.getText();
  const start = place(text, spec.where, spec.at);
  let end = spec.kind === 'insert' ? start : Math.min(text.length, start + spec.length);
  if (splits(text, end)) end++;
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: spec.kind === 'delete' ? '' : spec.text };
}

// ─── Talking to the server ────────────────────────────────────────────────────────────────

/** A request's answer, or a failure naming the request if none comes within `ANSWER_MS`. */
async function answered<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ANSWER_MS} ms: the server hangs`)), ANSWER_MS);
  });
  try {
    return await Promise.race([request, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the server logged during a run. A handler that throws answers empty and logs its stack
 * (`guarded` in server.ts); nothing else should log here.
 */
const serverLog = (logs: readonly string[]) => logs.join('\n');

/** What must agree between two diagnostics lists. */
/**
 * What is compared of diagnostics. Spelling findings are left out: their answers come from the
 * server's spelling thread after the analysis that asked, so an edited and a fresh document
 * are seen at different moments of them; their convergence is tested in
 * rechtschreibung-lsp.test.ts.
 */
const key = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((d) => d.code !== 'rechtschreibung').map((d) => ({ range: d.range, code: d.code, message: d.message, severity: d.severity }));

/**
 * One server for all runs of a property (fresh URIs per run). A run that finds it dead or
 * hung fails, and the next run starts a new one, so that fast-check can still shrink.
 */
class Server {
  client: TestClient | undefined;
  broken = false;
  started = 0;
  constructor(private readonly capabilities: ClientCapabilities) {}

  async get(): Promise<TestClient> {
    if (this.client && (!this.client.alive || this.broken)) {
      await this.client.close();
      this.client = undefined;
    }
    if (!this.client) {
      this.broken = false;
      this.client = new TestClient();
      this.started++;
      await answered('initialize', this.client.initialize(this.capabilities, { locale: 'de' }));
    }
    return this.client;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}

const folder = mkdtempSync(path.join(tmpdir(), 'ratsfeder-fuzz-'));
let runId = 0;
/** A fresh URI; half of them files (which enter the workspace register), half untitled buffers. */
function freshUri(file: boolean, suffix: string): string {
  runId++;
  return file ? pathToFileURL(path.join(folder, `lauf-${runId}-${suffix}.md`)).href : `untitled:Unbenannt-${runId}-${suffix}`;
}

async function request(client: TestClient, uri: string, document: TextDocument, kind: RequestKind, position: Position, diagnostics: readonly Diagnostic[]): Promise<unknown> {
  const textDocument = { uri };
  const what = `${kind} at ${position.line}:${position.character} of ${uri} v${document.version}`;
  switch (kind) {
    case 'completion':
      return answered(what, client.connection.sendRequest(CompletionRequest.type, { textDocument, position, context: { triggerKind: CompletionTriggerKind.Invoked } }));
    case 'hover':
      return answered(what, client.connection.sendRequest(HoverRequest.type, { textDocument, position }));
    case 'documentSymbol':
      return answered(what, client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }));
    case 'foldingRange':
      return answered(what, client.connection.sendRequest(FoldingRangeRequest.type, { textDocument }));
    case 'codeAction': {
      const end = document.positionAt(document.offsetAt(position) + 3);
      return answered(what, client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end }, context: { diagnostics: [...diagnostics] } }));
    }
    case 'diagnostic':
      return answered(what, client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument }));
  }
}

/**
 * Fixes never move the user's text: no edit starts or ends inside a CR LF, and a section is
 * inserted at the start of a heading's line (ATX or setext) or after the last text, never inside
 * a paragraph. Positions here are the client's, which counts LF, CR LF and a lone CR as line ends.
 */
function expectFixesInPlace(document: TextDocument, actions: readonly (Command | CodeAction)[]): void {
  const text = document.getText();
  for (const action of actions) {
    if (!('edit' in action) || !action.edit) continue;
    const edits = [...Object.values(action.edit.changes ?? {}).flat(), ...(action.edit.documentChanges ?? []).flatMap((change) => ('edits' in change ? change.edits : []))];
    for (const edit of edits) {
      const from = document.offsetAt(edit.range.start);
      const to = document.offsetAt(edit.range.end);
      expect(splits(text, from) || splits(text, to), `${action.title}: an edit inside a CR LF`).toBe(false);
      const inserted = 'newText' in edit ? edit.newText : (edit as { snippet: { value: string } }).snippet.value;
      if (from === to && /^(?:\n\n)?## /.test(inserted)) {
        const atHeading = edit.range.start.character === 0 && /^ {0,3}(?:#|[^\r\n]+(?:\r\n|\r|\n) {0,3}(?:-+|=+)[ \t]*(?:\r|\n|$))/.test(text.slice(from, from + 2000));
        const atEnd = text.slice(from).trim() === '';
        expect(atHeading || atEnd, `${action.title}: a section inserted at ${edit.range.start.line}:${edit.range.start.character}`).toBe(true);
      }
    }
  }
}

async function pull(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = await answered(`diagnostic of ${uri}`, client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
  return report.kind === 'full' ? report.items : [];
}

interface Scenario {
  readonly text: string;
  readonly steps: readonly Step[];
  readonly file: boolean;
}
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({ text: draftArb, steps: fc.array(stepArb, { minLength: 1, maxLength: 40 }), file: fc.boolean() });

/**
 * Opens the draft, applies the steps to the server's copy and to a local one, asking things
 * along the way. Returns the final local document; every request has been answered.
 */
async function edit(client: TestClient, uri: string, scenario: Scenario, pullDiagnostics: boolean): Promise<TextDocument> {
  let document = TextDocument.create(uri, 'markdown', 1, scenario.text);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: scenario.text } });
  const running: Promise<unknown>[] = [];
  let diagnostics: Diagnostic[] = [];
  for (const step of scenario.steps) {
    const changes: TextDocumentContentChangeEvent[] = [];
    // `TextDocument.update` changes the document it is given: work out the changes on a copy.
    let local = TextDocument.create(uri, 'markdown', document.version, document.getText());
    for (const spec of step.edits) {
      // Each change of one notification applies to the text the previous one left.
      const one = change(local, spec);
      changes.push(one);
      local = TextDocument.update(local, [one], local.version);
    }
    const contentChanges = step.full ? [{ text: local.getText() }] : changes;
    document = TextDocument.update(document, contentChanges, document.version + 1);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: document.version }, contentChanges });
    if (step.reopen) {
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      // Pull clients start again at version 1, as VS Code does; for push, later versions keep the publications apart.
      document = TextDocument.create(uri, 'markdown', pullDiagnostics ? 1 : document.version + 1, document.getText());
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: document.version, text: document.getText() } });
    }
    if (step.request && (pullDiagnostics || step.request.kind !== 'diagnostic')) {
      const position = document.positionAt(place(document.getText(), step.request.where, step.request.at));
      const answer = request(client, uri, document, step.request.kind, position, diagnostics);
      if (step.request.concurrent && step.request.kind !== 'diagnostic') running.push(answer);
      else {
        const result = await answer;
        if (step.request.kind === 'diagnostic') diagnostics = (result as { items?: Diagnostic[] }).items ?? [];
        // Awaited, the answer is for this very text (one left running may be for a later one).
        if (step.request.kind === 'codeAction') expectFixesInPlace(document, (result as (Command | CodeAction)[] | null) ?? []);
      }
    }
  }
  await Promise.all(running);
  return document;
}

async function close(client: TestClient, ...uris: string[]): Promise<void> {
  for (const uri of uris) await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
}

const report = (name: string, started: number, runs: number, details = '') => {
  console.log(`fuzz ${name}: ${runs} runs, seed ${SEED}, ${((performance.now() - started) / 1000).toFixed(1)} s${details}`);
};

/** What the runs covered, so that a generator that stops producing drafts is noticed. */
const seen = {
  runs: 0,
  drafts: 0,
  withFindings: 0,
  characters: 0,
  rules: new Set<string>(),
  count(document: TextDocument, diagnostics: readonly Diagnostic[], draft: boolean): void {
    this.runs++;
    if (draft) this.drafts++;
    this.characters += document.getText().length;
    if (diagnostics.length > 0) this.withFindings++;
    for (const diagnostic of diagnostics) if (diagnostic.code !== undefined) this.rules.add(String(diagnostic.code));
  },
  summary(): string {
    return `; ${this.drafts}/${this.runs} drafts at the end, ${this.withFindings} with findings, ${Math.round(this.characters / Math.max(1, this.runs))} characters on average, ${this.rules.size} rules seen: ${[...this.rules].sort().join(' ')}`;
  },
};

describe('fuzzing the language server', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it(
    'pull: never crashes or hangs, and edits give the diagnostics of a fresh open',
    async () => {
      const server = new Server(PULL_CLIENT);
      const started = performance.now();
      try {
        await fc.assert(
          fc.asyncProperty(scenarioArb, async (scenario) => {
            const client = await server.get();
            const logged = client.logs.length;
            const uri = freshUri(scenario.file, 'bearbeitet');
            const fresh = freshUri(scenario.file, 'frisch');
            try {
              const document = await edit(client, uri, scenario, true);
              const edited = await pull(client, uri);
              await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: fresh, languageId: 'markdown', version: 1, text: document.getText() } });
              const expected = await pull(client, fresh);
              await close(client, uri, fresh);
              const analysed = check(document.getText());
              seen.count(document, edited, analysed.draft.skip === undefined);
              expect(client.alive, 'server process alive').toBe(true);
              expect(key(edited), 'diagnostics after the edits = diagnostics of a fresh open').toEqual(key(expected));
              expect(serverLog(client.logs.slice(logged)), 'server log').toBe('');
              // The engine catches a rule that throws; the server keeps that quiet, so ask the analysis directly.
              expect(analysed.failures, 'rules that threw').toEqual([]);
            } catch (error) {
              // A dead or hung server would fail every later run too; the next run starts a new one.
              if (!client.alive || String(error).includes('the server hangs')) server.broken = true;
              throw error;
            }
          }),
          { seed: SEED, numRuns: RUNS },
        );
        const client = await server.get();
        expect(server.started, 'one server for all runs').toBe(1);
        expect(client.alive).toBe(true);
        expect(client.stderr.join(''), 'stack trace on the server\'s stderr').not.toMatch(/^ {4}at /m);
      } finally {
        report('pull', started, RUNS, seen.summary());
        await server.close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'push: publishes for the final version what a fresh open gets',
    async () => {
      const server = new Server(PUSH_CLIENT);
      const started = performance.now();
      const runs = scaled(1800);
      try {
        await fc.assert(
          fc.asyncProperty(scenarioArb, async (scenario) => {
            const client = await server.get();
            const logged = client.logs.length;
            const uri = freshUri(scenario.file, 'push');
            const fresh = freshUri(scenario.file, 'push-frisch');
            try {
              const document = await edit(client, uri, scenario, false);
              const edited = await answered(`published diagnostics of ${uri} v${document.version}`, client.diagnostics(uri, (p) => p.version === document.version));
              await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: fresh, languageId: 'markdown', version: 1, text: document.getText() } });
              const expected = await answered(`published diagnostics of ${fresh}`, client.diagnostics(fresh, (p) => p.version === 1));
              await close(client, uri, fresh);
              expect(client.alive, 'server process alive').toBe(true);
              expect(key(edited.diagnostics)).toEqual(key(expected.diagnostics));
              expect(serverLog(client.logs.slice(logged)), 'server log').toBe('');
            } catch (error) {
              if (!client.alive || String(error).includes('the server hangs')) server.broken = true;
              throw error;
            }
          }),
          { seed: SEED + 1, numRuns: runs },
        );
        const client = await server.get();
        expect(server.started).toBe(1);
        expect(client.alive).toBe(true);
      } finally {
        report('push', started, runs);
        await server.close();
      }
    },
    TEST_TIMEOUT,
  );
});

// ─── The CLI ──────────────────────────────────────────────────────────────────────────────

const BIN = path.join(ROOT, 'bin', 'ratsfeder.js');
const CLI_MS = 20_000;

/** Runs `ratsfeder check … --format json`; a run that does not end within `CLI_MS` is killed and fails. */
function ratsfeder(args: readonly string[], cwd: string, cache: string): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, XDG_CACHE_HOME: cache }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CLI_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const FRONT = '---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n';

/** Random bytes, sometimes behind a draft's front matter so that the analysis gets past the door. */
const bytesFile = fc.tuple(fc.constantFrom('', '---\n', FRONT, '\ufeff---\nart: Anfrage\n'), fc.uint8Array({ maxLength: 3000 })).map(([head, bytes]) => Buffer.concat([utf8(head), Buffer.from(bytes)]));

/** YAML-ish token soup and structured YAML from random JSON values. */
const YAML_TOKENS = ['art', 'titel', 'einreicher', 'datum', 'nummer', 'bezug', 'status', 'beratungsfolge', 'gremium', 'sitzung', 'rolle', ':', ': ', '- ', '  ', '\t', '\n', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '!!str ', '!!binary ', '!!js/function ', '!<tag:x> ', '? ', '|', '>-', '#', '%YAML 1.2\n', '---', '...', '~', 'null', 'true', '2025-05-14', '0x1F', '.inf', '<<: *a', 'Antrag', 'Änderungsantrag', '😀', 'VIII-F-00913', '\u0000', '\u0085', '\u2028'];
const randomYaml = fc.oneof(
  fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...YAML_TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 5 }) }), { maxLength: 60 }).map((tokens) => tokens.join('')),
  fc
    .tuple(fc.dictionary(fc.oneof(fc.constantFrom('art', 'titel', 'einreicher', 'datum', 'nummer', 'bezug', 'status', 'beratungsfolge'), fc.string({ maxLength: 6 })), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }), ART)
    .map(([fields, art]) => stringifyYaml({ art, ...fields })),
);
const yamlFile = fc.tuple(randomYaml, fc.option(fc.array(block, { maxLength: 5 })), fc.boolean()).map(([yaml, blocks, closed]) => utf8(`---\n${yaml}\n${closed ? '---\n' : ''}\n${(blocks ?? ['## Beschlussvorschlag', 'Text', '## Begründung', 'Text']).join('\n\n')}\n`));

/** Register files: CSV with random headers, delimiters, quoting and cells; JSON of random shape; random bytes. */
const cell = fc.oneof(docNumber, sentence, fc.constantFrom('', '"', '""', '"a;b"', '"x\ny"', 'javascript:alert(1)', 'https://example.org/x', 'file:///etc/passwd', '2025-02-30', '😀', '\r', '=1+1'), fc.string({ unit: 'binary', maxLength: 10 }));
const csvRegister = fc
  .tuple(fc.constantFrom(',', ';', '\t'), fc.shuffledSubarray(['nummer', 'titel', 'art', 'datum', 'url', 'text', 'NUMMER', 'extra', ''], { minLength: 0 }), fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 8 }), fc.boolean())
  .map(([sep, header, rows, bom]) => utf8(`${bom ? '\ufeff' : ''}${[header.join(sep), ...rows.map((row) => row.join(sep))].join('\n')}\n`));
const registerEntry = fc.record(
  { nummer: fc.oneof(docNumber, fc.jsonValue({ maxDepth: 1 })), titel: fc.oneof(sentence, fc.jsonValue({ maxDepth: 1 })), art: fc.constantFrom('Vorlage', 'Antrag', 42, null), datum: DATE, url: fc.oneof(fc.constantFrom('https://example.org', 'javascript:x', 'ftp://x'), fc.jsonValue({ maxDepth: 1 })), text: fc.oneof(sentence, fc.jsonValue({ maxDepth: 2 })) },
  { requiredKeys: [] },
);
const jsonRegister = fc.oneof(fc.array(registerEntry, { maxLength: 8 }).map((entries) => utf8(JSON.stringify(entries))), fc.jsonValue({ maxDepth: 3 }).map((value) => utf8(JSON.stringify(value))), fc.string({ maxLength: 40 }).map(utf8));
const registerFile = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constant('csv' as const), csvRegister) },
  { weight: 3, arbitrary: fc.tuple(fc.constant('json' as const), jsonRegister) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('csv' as const, 'json' as const), fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes))) },
);

/** A `ratsfeder.yaml`: token soup, random values under its keys, plausible settings with wrong bits, or bytes. */
const CONFIG_TOKENS = ['profil', 'sprache', 'register', 'oparl', 'dateien', 'regeln', 'fristen', 'tage', 'zaehlung', 'aehnlichkeit', 'schwelle', 'export', 'vorlage', 'nummer-form', 'fehler', 'aus', 'leipzig', 'de', 'en', ':', ': ', '- ', '  ', '\n', '[', ']', '{', '}', '"', '&a ', '*a', '!!js/function ', '<<: *a', '~', '0.5', '-1', 'https://example.org/oparl', 'file:///etc/passwd', '../../x.profile.yaml', '\u0000'];
const configFile = fc.oneof(
  fc.array(fc.constantFrom(...CONFIG_TOKENS), { maxLength: 40 }).map((tokens) => utf8(tokens.join(''))),
  fc.dictionary(fc.constantFrom('profil', 'sprache', 'register', 'regeln', 'fristen', 'aehnlichkeit', 'export', 'unbekannt'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }).map((value) => utf8(stringifyYaml(value))),
  fc
    .record(
      {
        sprache: fc.constantFrom('de', 'en', 'auto', 'fr', 1),
        regeln: fc.dictionary(fc.constantFrom('nummer-form', 'abschnitt-fehlt', 'aehnliches-dokument', 'gibt-es-nicht'), fc.constantFrom('fehler', 'warnung', 'hinweis', 'aus', 'vielleicht', 3)),
        aehnlichkeit: fc.record({ schwelle: fc.oneof(fc.double({ noNaN: false }), fc.string({ maxLength: 4 })) }, { requiredKeys: [] }),
        fristen: fc.dictionary(fc.constantFrom('Antrag', 'Anfrage', 'Änderungsantrag', 'Aenderungsantrag', 'Sonstiges'), fc.record({ tage: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.string({ maxLength: 3 })), zaehlung: fc.constantFrom('werktage', 'kalendertage', 'feiertage') }, { requiredKeys: [] })),
        register: fc.record({ oparl: fc.constantFrom('https://example.org/oparl', 'ftp://x', 'javascript:alert(1)', 42), dateien: fc.array(fc.constantFrom('a.csv', '../../etc/passwd', '', '/dev/zero'), { maxLength: 2 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    )
    .map((value) => utf8(stringifyYaml(value))),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
);

interface CliCase {
  readonly drafts: readonly Buffer[];
  readonly registers: readonly (readonly ['csv' | 'json', Buffer])[];
  readonly config: Buffer | null;
}
const cliCase: fc.Arbitrary<CliCase> = fc.record({
  drafts: fc.array(fc.oneof(bytesFile, yamlFile, draftArb.map(utf8)), { minLength: 1, maxLength: 3 }),
  registers: fc.array(registerFile, { maxLength: 2 }),
  config: fc.option(configFile, { freq: 2 }),
});

describe('fuzzing the CLI', () => {
  const cache = mkdtempSync(path.join(tmpdir(), 'ratsfeder-fuzz-cache-'));
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of [...dirs, cache]) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'check: exit code 0, 1 or 2, JSON on stdout, no stack trace',
    async () => {
      const started = performance.now();
      const runs = scaled(75);
      const codes = new Map<number | null, number>();
      try {
        await fc.assert(
          fc.asyncProperty(cliCase, async ({ drafts, registers, config }) => {
            const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-fuzz-cli-'));
            dirs.push(dir);
            const names = drafts.map((_, index) => `entwurf-${index}.md`);
            drafts.forEach((bytes, index) => writeFileSync(path.join(dir, names[index]!), bytes));
            registers.forEach(([format, bytes], index) => writeFileSync(path.join(dir, `liste-${index}.register.${format}`), bytes));
            if (config) writeFileSync(path.join(dir, 'ratsfeder.yaml'), config);
            const result = await ratsfeder(['check', ...names, '--format', 'json'], dir, cache);
            expect(result.timedOut, `check did not end within ${CLI_MS} ms`).toBe(false);
            expect(result.signal, 'killed by a signal').toBeNull();
            expect([0, 1, 2], `exit code (stderr: ${result.stderr})`).toContain(result.code);
            codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
            expect(result.stderr, 'stack trace on stderr').not.toMatch(/^ {4}at /m);
            expect(result.stderr, 'internal error').not.toMatch(/interner Fehler|internal error/);
            if (result.code === 2) {
              // Only a configuration can be wrong here (the arguments are right): it is rejected
              // whole, with nothing checked, each problem with its file, line and column.
              expect(config, `exit 2 without a ratsfeder.yaml (stderr: ${result.stderr})`).not.toBeNull();
              expect(result.stdout).toBe('');
              const [headline, ...problems] = result.stderr.trimEnd().split('\n');
              expect(headline).toMatch(/^ratsfeder: Die Konfiguration ist ungültig/);
              expect(problems.length).toBeGreaterThan(0);
              for (const problem of problems) expect(problem).toMatch(/^[^\n]+:\d+:\d+: \S/);
            }
            if (result.code === 0 || result.code === 1) {
              const json = JSON.parse(result.stdout) as { version: number; files: unknown[] };
              expect(json.version).toBe(1);
              expect(Array.isArray(json.files)).toBe(true);
            }
          }),
          { seed: SEED + 2, numRuns: runs },
        );
      } finally {
        report('cli', started, runs, `; exit codes: ${[...codes].sort().map(([code, count]) => `${code}×${count}`).join(', ')}`);
      }
    },
    TEST_TIMEOUT,
  );
});
