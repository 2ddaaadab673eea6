import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parseIsoDate } from './dates.js';
import { nodeSpan } from './frontmatter.js';
import type { Draft, Span } from './model.js';

/** One entry of the `beratungsfolge` with the spans of its values, for rules and completion. */
export interface BeratungsfolgeEntry {
  readonly span: Span;
  readonly gremium?: { readonly value: string; readonly span: Span };
  /** `value` is the text as written; `datum` only when it is a valid `YYYY-MM-DD` date. */
  readonly sitzung?: { readonly value: string; readonly datum: string | undefined; readonly span: Span };
  readonly rolle?: string;
}

/** The entries of the draft's `beratungsfolge` that are mappings; everything else is feld-wert's to report. */
export function beratungsfolge(draft: Draft): BeratungsfolgeEntry[] {
  const frontMatter = draft.frontMatter;
  const field = frontMatter?.fields.get('beratungsfolge');
  if (!frontMatter || !field || !isSeq(field.node)) return [];
  const entries: BeratungsfolgeEntry[] = [];
  for (const item of field.node.items) {
    if (!isMap(item)) continue;
    const span = nodeSpan(draft.text, frontMatter, item as YamlNode);
    if (!span) continue;
    const scalar = (key: string) => {
      const node = item.get(key, true) as YamlNode | undefined;
      if (!node || !isScalar(node) || node.value === null || node.value === undefined) return undefined;
      const valueSpan = nodeSpan(draft.text, frontMatter, node);
      return valueSpan ? { value: String(node.value).trim(), span: valueSpan } : undefined;
    };
    const gremium = scalar('gremium');
    const sitzung = scalar('sitzung');
    const rolle = scalar('rolle');
    entries.push({
      span,
      ...(gremium && gremium.value !== '' ? { gremium } : {}),
      ...(sitzung ? { sitzung: { ...sitzung, datum: validDate(sitzung.value) } } : {}),
      ...(rolle ? { rolle: rolle.value } : {}),
    });
  }
  return entries;
}

function validDate(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseIsoDate(value) ? value : undefined;
}

/** The draft's `datum` when it is a valid date: the day it counts as submitted (else today). */
export function draftDate(draft: Draft): string | undefined {
  const value = draft.frontMatter?.fields.get('datum')?.value;
  return typeof value === 'string' ? validDate(value.trim()) : undefined;
}
