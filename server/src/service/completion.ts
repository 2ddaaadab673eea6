import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { Draft } from '../analysis/model.js';
import { compileProfile } from '../analysis/compiled-profile.js';
import { BERATUNGSFOLGE_KEYS, type FieldSpec, type Profile } from '../profile/types.js';
import { render, type Locale } from '../base/locale.js';
import { COMPLETION_MESSAGES } from './messages.js';


/**
 * Completion of section headings (on a line starting with `#`) and of front-matter keys and
 * values from the profile. Pure: the draft and a position in, items out.
 */
export function completions(draft: Draft, profile: Profile, position: Position, locale: Locale): CompletionItem[] {
  const lines = draft.lines;
  const lineStart = lines.lineStart(position.line);
  const offset = lines.offsetAt(position.line, position.character);
  const before = draft.text.slice(lineStart, offset);
  const fm = draft.frontMatter;

  if (fm && offset >= fm.content.from && offset <= fm.content.to) return frontMatterItems(draft, profile, before, position, locale);
  if (fm && offset < fm.to && offset >= fm.from) return [];
  if (draft.skip === undefined && /^#{1,2}[ \t]*[^#]*$/.test(before)) return headingItems(draft, before, position, locale);
  return [];
}

function headingItems(draft: Draft, before: string, position: Position, locale: Locale): CompletionItem[] {
  const type = draft.type;
  if (!type) return [];
  const present = new Set(draft.sections.map((section) => section.spec));
  const range = { start: { line: position.line, character: 0 }, end: position };
  return type.sections.map((spec, index) => {
    const missing = !present.has(spec);
    const detail = render(COMPLETION_MESSAGES, locale, spec.required ? 'required-section' : 'section');
    return {
      label: spec.title,
      kind: CompletionItemKind.Module,
      detail: `${detail} · ${type.name}`,
      documentation: spec.aliases?.length ? render(COMPLETION_MESSAGES, locale, 'aliases', { aliases: spec.aliases.join(', ') }) : undefined,
      // Missing sections first, in the profile's order; present ones after them.
      sortText: `${missing ? 0 : 1}${String(index).padStart(2, '0')}`,
      filterText: `${before.replace(/[^#]*$/, '')}${spec.title}`,
      textEdit: { range, newText: `## ${spec.title}` },
    };
  });
}

function frontMatterItems(draft: Draft, profile: Profile, before: string, position: Position, locale: Locale): CompletionItem[] {
  const valueMatch = /^([ \t]*(?:-[ \t]+)?)([\p{L}_][\p{L}\p{N}_-]*)[ \t]*:[ \t]*([^#]*)$/u.exec(before);
  if (valueMatch) {
    const indented = valueMatch[1] !== '';
    const key = valueMatch[2]!;
    const typed = valueMatch[3] ?? '';
    const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
    const values = valuesFor(profile, key, indented);
    return values.map((value, index) => ({
      label: value.label,
      kind: CompletionItemKind.EnumMember,
      detail: value.detail,
      sortText: String(index).padStart(3, '0'),
      textEdit: { range, newText: value.label },
    }));
  }

  const keyMatch = /^([ \t]*(?:-[ \t]+)?)([\p{L}_][\p{L}\p{N}_-]*)?$/u.exec(before);
  if (!keyMatch) return [];
  const indent = keyMatch[1] ?? '';
  const typed = keyMatch[2] ?? '';
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  if (indent !== '') {
    // Inside a list entry of the beratungsfolge.
    return BERATUNGSFOLGE_KEYS.map((key) => ({ label: key, kind: CompletionItemKind.Property, textEdit: { range, newText: `${key}: ` } }));
  }
  const fields = draft.frontMatter?.fields;
  const isDraft = draft.skip === undefined;
  return profile.fields
    .filter((field) => !fields?.has(field.key))
    // Outside drafts (a Jekyll post, say), offer only `art:`, the key that makes a draft.
    .filter((field) => isDraft || field.kind === 'type')
    .map((field, index) => ({
      label: field.key,
      kind: CompletionItemKind.Property,
      detail: field.required ? render(COMPLETION_MESSAGES, locale, 'required-field') : undefined,
      documentation: field.description,
      sortText: `${field.required ? 0 : 1}${String(index).padStart(2, '0')}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: keySnippet(field) },
    }));
}

function keySnippet(field: FieldSpec): string {
  if (field.kind === 'beratungsfolge') return `${field.key}:\n  - gremium: $1\n    sitzung: $2\n    rolle: $3`;
  return `${field.key}: $0`;
}

function valuesFor(profile: Profile, key: string, indented: boolean): { label: string; detail?: string }[] {
  if (indented) {
    if (key === 'rolle') return (profile.fields.find((field) => field.kind === 'beratungsfolge')?.roles ?? []).map((label) => ({ label }));
    return [];
  }
  const field = compileProfile(profile).fieldFor(key);
  if (!field) return [];
  if (field.kind === 'type') return profile.types.map((type) => ({ label: type.name }));
  if (field.kind === 'choice') return (field.values ?? []).map((label) => ({ label }));
  return [];
}
