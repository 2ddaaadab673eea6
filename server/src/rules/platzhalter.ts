import { isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { amendments } from '../analysis/aenderungen.js';
import { nodeSpan } from '../analysis/frontmatter.js';
import type { Span } from '../analysis/model.js';
import { fold } from '../base/fold.js';
import { defineRule } from './types.js';
import { q } from './util.js';

/*
 * What the templates (`templates/*.md`), the snippets and the "insert section" fix leave to be
 * filled in: their sample values and sentences, a lone "…", a document number of zeros. Each is
 * an error, since the export would print it as it stands. The lists are the texts those files
 * hold; `test/regeln/platzhalter/` and `cli.test.ts` keep them and the templates together.
 */

/** Front-matter values the templates and snippets put in, by key. */
const FIELD_PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  titel: ['Titel', 'Titel des Antrags', 'Titel der Anfrage', 'Titel des Änderungsantrags', 'Änderungsantrag zur Vorlage'],
  einreicher: ['Fraktion', 'Name der Fraktion'],
};

/** Sentences and list items of the templates and snippets, as they stand there. */
const TEXT_PLACEHOLDERS: readonly string[] = [
  'erster Auftrag,',
  'zweiter Auftrag.',
  'Erste Frage?',
  'Zweite Frage?',
  'Warum der Stadtrat dies beschließen sollte.',
  'Was Anlass der Anfrage ist.',
  'Warum die Änderung nötig ist.',
  'Bisheriger Wortlaut, wörtlich aus der Vorlage.',
  'Neuer Wortlaut.',
  'bisheriger Wortlaut',
  'neuer Wortlaut',
];

/** What the "insert section" fix puts in a new section: an ellipsis, alone or before "?". */
const ELLIPSIS = /^(?:…|\.\.\.)\??$/u;

const FIELDS = new Map(Object.entries(FIELD_PLACEHOLDERS).map(([key, values]) => [key, new Set(values.map(fold))]));
const TEXTS = new Set(TEXT_PLACEHOLDERS.map(fold));
/**
 * A paragraph longer than this in the source (twice the longest sample sentence, and room for
 * markup) is no placeholder: it is not read, which keeps a keystroke in a long paragraph cheap.
 */
const LONGEST_SOURCE = 2 * Math.max(...TEXT_PLACEHOLDERS.map((text) => text.length)) + 16;

export default defineRule({
  id: 'platzhalter',
  severity: 'error',
  title: {
    de: 'Der Entwurf enthält keine Platzhalter mehr, die eine Mustervorlage, ein Schnipsel oder eine Korrektur zum Ausfüllen hinterlassen hat.',
    en: 'The draft holds no placeholders that a template, snippet or fix left to be filled in.',
  },
  messages: {
    de: {
      field: (d) => `${q(d.value)} in ${q(d.key)} ist ein Platzhalter aus der Mustervorlage; den eigenen Wert eintragen.`,
      text: (d) => `${q(d.text)} ist ein Platzhalter aus der Mustervorlage; durch den eigenen Text ersetzen oder streichen.`,
      ellipsis: () => '„…“ ist ein Platzhalter: hier fehlt noch der Text.',
      nummer: (d) => `${q(d.nummer)} ist eine Platzhalter-Nummer; die Nummer des Dokuments eintragen.`,
    },
    en: {
      field: (d) => `${q(d.value, 'en')} in ${q(d.key, 'en')} is a placeholder from the template; fill in the real value.`,
      text: (d) => `${q(d.text, 'en')} is a placeholder from the template; replace it with your own text or delete it.`,
      ellipsis: () => '“…” is a placeholder: the text is still missing here.',
      nummer: (d) => `${q(d.nummer, 'en')} is a placeholder number; fill in the document's number.`,
    },
  },
  check({ draft, report }) {
    // Front matter: a sample value, alone or as an item of a list (einreicher).
    for (const [key, values] of FIELDS) {
      const field = draft.frontMatter?.fields.get(key);
      if (!field) continue;
      for (const { value, span } of scalars(field.node, field.valueSpan, (node) => (draft.frontMatter ? nodeSpan(draft.text, draft.frontMatter, node) : undefined))) {
        if (values.has(fold(value))) report({ message: 'field', data: { key, value }, span });
      }
    }
    // Document numbers whose running number is all zeros (VIII-DS-00000).
    for (const reference of draft.references) {
      if (/^0+$/u.test(reference.number)) report({ message: 'nummer', data: { nummer: reference.raw }, span: reference });
    }
    // The body: paragraphs and list items that are a sample sentence or an ellipsis.
    for (const section of draft.sections) for (const node of section.body) visit(node);
    // Amendment blocks: the sample wordings.
    for (const amendment of amendments(draft)) {
      for (const part of [amendment.alt, amendment.neu]) {
        if (part && TEXTS.has(fold(part.text))) report({ message: 'text', data: { text: part.text }, span: part });
      }
    }

    function visit(node: RootContent): void {
      if (node.type === 'paragraph') {
        const span = spanOf(node);
        if (!span || span.to - span.from > LONGEST_SOURCE) return;
        const text = toString(node as Nodes).trim();
        if (ELLIPSIS.test(text)) report({ message: 'ellipsis', span });
        else if (TEXTS.has(fold(text))) report({ message: 'text', data: { text }, span });
        return;
      }
      if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') for (const child of node.children) visit(child as RootContent);
    }
  },
});

function spanOf(node: RootContent): Span | undefined {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  return from === undefined || to === undefined ? undefined : { from, to };
}

/** A field's string values with their spans: the value itself, or each string of a list. */
function scalars(node: YamlNode | null, valueSpan: Span, spanOfNode: (node: YamlNode) => Span | undefined): { value: string; span: Span }[] {
  if (isScalar(node) && typeof node.value === 'string') return [{ value: node.value.trim(), span: valueSpan }];
  if (!isSeq(node)) return [];
  const out: { value: string; span: Span }[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string') continue;
    out.push({ value: item.value.trim(), span: spanOfNode(item) ?? valueSpan });
  }
  return out;
}
