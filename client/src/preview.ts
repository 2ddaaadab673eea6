import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type PreviewModel } from '../../server/src/protocol/index.js';

/*
 * The Markdown preview of a draft, as the document will look: VS Code's preview renders with
 * markdown-it, and this plugin replaces a draft's front matter by the DOCX's header block and
 * Beratungsfolge, its amendment blocks by the Synopse ("Bisherige Fassung · Neue Fassung",
 * removed words struck, added ones underlined), and links its document numbers. What to show
 * comes from the server (`PreviewModel`, from the model the DOCX is written from); a render
 * before it has come shows the Markdown as it is, and the preview is refreshed when it comes.
 *
 * VS Code parses without saying which document (and keeps the tokens), and says it only when it
 * renders: so the plugin works at rendering, on copies of the tokens it changes.
 */

/** The parts of markdown-it this plugin uses. */
interface Token {
  type: string;
  tag: string;
  info: string;
  content: string;
  meta: unknown;
  nesting: number;
  block: boolean;
  children: Token[] | null;
  attrs: [string, string][] | null;
}
type Env = { currentDocument?: vscode.Uri } | undefined;
interface MarkdownIt {
  renderer: {
    rules: Record<string, ((tokens: Token[], index: number) => string) | undefined>;
    render(tokens: Token[], options: unknown, env: Env): string;
  };
}

/** A copy of a token with some fields changed (the parsed tokens are VS Code's, kept between renders). */
function changed(token: Token, fields: Partial<Token>): Token {
  return Object.assign(Object.create(Object.getPrototypeOf(token) as object) as Token, token, fields);
}

export class DraftPreview implements vscode.Disposable {
  private readonly models = new Map<string, PreviewModel | null>();
  private readonly asking = new Map<string, NodeJS.Timeout>();
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.listeners = [vscode.workspace.onDidCloseTextDocument((document) => this.models.delete(document.uri.toString()))];
  }

  dispose(): void {
    for (const timer of this.asking.values()) clearTimeout(timer);
    for (const listener of this.listeners) listener.dispose();
  }

  /** The plugin, for `extendMarkdownIt`. */
  extend<T>(md: T): T {
    const it = md as unknown as MarkdownIt;
    const render = it.renderer.render.bind(it.renderer);
    it.renderer.render = (tokens, options, env) => render(this.transform(tokens, env), options, env);
    it.renderer.rules.ratsfeder_kopf = (tokens, index) => headerHtml(tokens[index]!.meta as PreviewModel);
    it.renderer.rules.ratsfeder_synopse = (tokens, index) => synopseHtml(tokens[index]!.meta as { model: PreviewModel; index: number });
    return md;
  }

  /** The tokens to render for the document VS Code renders: the draft's parts replaced, once its model is there. */
  private transform(tokens: Token[], env: Env): Token[] {
    const uri = env?.currentDocument;
    if (!uri) return tokens;
    const key = uri.toString();
    const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === key);
    const model = this.models.get(key);
    if (!document || model === undefined || model?.version !== document.version) this.ask(key);
    if (!model) return tokens;
    let amendment = 0;
    const numbers = model.links.length > 0 ? numberLinks(model.links) : undefined;
    return tokens.map((token) => {
      if (token.type === 'front_matter') return changed(token, { type: 'ratsfeder_kopf', meta: model });
      if (token.type === 'fence' && /^(aenderung|änderung)\b/i.test(token.info.trim())) {
        const index = amendment++;
        return index < model.amendments.length ? changed(token, { type: 'ratsfeder_synopse', meta: { model, index } }) : token;
      }
      if (token.type === 'inline' && token.children && numbers) return changed(token, { children: linked(token.children, numbers) });
      return token;
    });
  }

  /** Asks the server for the document's model (once per burst of edits), and refreshes the preview if it changed. */
  private ask(key: string): void {
    if (this.asking.has(key)) return;
    this.asking.set(
      key,
      setTimeout(() => {
        this.asking.delete(key);
        void this.client
          .sendRequest<PreviewModel | null>(PREVIEW_REQUEST, { textDocument: { uri: key } })
          .catch(() => null)
          .then((model) => {
            const before = this.models.get(key);
            this.models.set(key, model);
            if (JSON.stringify(before) !== JSON.stringify(model)) void vscode.commands.executeCommand('markdown.preview.refresh');
          });
      }, 150),
    );
  }
}

/** Text tokens with document numbers cut into links. */
interface NumberLinks {
  /** Every number as written, the longest first. */
  readonly pattern: RegExp;
  readonly target: ReadonlyMap<string, string>;
}

/** The document's numbers as one pattern, built once per render. */
function numberLinks(links: PreviewModel['links']): NumberLinks {
  const texts = [...links].sort((a, b) => b.text.length - a.text.length);
  return { pattern: new RegExp(texts.map((link) => escapeRegExp(link.text)).join('|'), 'g'), target: new Map(links.map((link) => [link.text, link.target])) };
}

function linked(children: Token[], { pattern, target }: NumberLinks): Token[] {
  const result: Token[] = [];
  let inLink = 0;
  for (const child of children) {
    if (child.type === 'link_open') inLink++;
    if (child.type === 'link_close') inLink--;
    if (child.type !== 'text' || inLink > 0) {
      result.push(child);
      continue;
    }
    let at = 0;
    for (const match of child.content.matchAll(pattern)) {
      const start = match.index;
      const before = child.content.slice(at, start);
      if (before) result.push(changed(child, { content: before }));
      const open = changed(child, { type: 'link_open', tag: 'a', nesting: 1, content: '', attrs: [['href', target.get(match[0])!], ['class', 'ratsfeder-nummer']] });
      result.push(open, changed(child, { content: match[0] }), changed(child, { type: 'link_close', tag: 'a', nesting: -1, content: '', attrs: null }));
      at = start + match[0].length;
    }
    const rest = child.content.slice(at);
    if (at === 0) result.push(child);
    else if (rest) result.push(changed(child, { content: rest }));
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The header block as the DOCX prints it: kind and number, the rows, Betreff, the Beratungsfolge. */
export function headerHtml(model: PreviewModel): string {
  const rows = model.rows.filter((row) => row.value !== '').map((row) => `<tr><th>${escape(row.label)}</th><td>${escape(row.value).replace(/\n/g, '<br>')}</td></tr>`);
  const folge = model.beratungsfolge
    ? `<table class="ratsfeder-beratungsfolge"><thead><tr>${model.beratungsfolge.header.map((cell) => `<th>${escape(cell)}</th>`).join('')}</tr></thead><tbody>${model.beratungsfolge.rows
        .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : '';
  return [
    '<div class="ratsfeder-kopf">',
    `<div class="ratsfeder-art"><span>${escape(model.kind)}</span>${model.nummer ? `<span class="ratsfeder-eigene-nummer">${escape(model.nummer)}</span>` : ''}</div>`,
    rows.length > 0 ? `<table class="ratsfeder-angaben"><tbody>${rows.join('')}</tbody></table>` : '',
    `<p class="ratsfeder-betreff"><strong>${escape(model.betreffLabel)}:</strong> ${escape(model.betreff)}</p>`,
    folge,
    '</div>\n',
  ].join('');
}

/** An amendment as the Synopse: the current wording with removed words struck beside the new one with added words underlined. */
export function synopseHtml({ model, index }: { model: PreviewModel; index: number }): string {
  const amendment = model.amendments[index]!;
  const side = (skip: 'added' | 'removed', tag: 'del' | 'ins') =>
    amendment.parts
      .filter((part) => part.kind !== skip)
      .map((part) => (part.kind === 'same' ? escape(part.text) : `<${tag}>${escape(part.text)}</${tag}>`))
      .join('')
      .replace(/\n/g, '<br>');
  return [
    '<table class="ratsfeder-synopse">',
    amendment.stelle ? `<caption>${escape(amendment.stelle)}</caption>` : '',
    `<thead><tr><th>${escape(model.synopse[0])}</th><th>${escape(model.synopse[1])}</th></tr></thead>`,
    `<tbody><tr><td>${side('added', 'del')}</td><td>${side('removed', 'ins')}</td></tr></tbody>`,
    '</table>\n',
  ].join('');
}
