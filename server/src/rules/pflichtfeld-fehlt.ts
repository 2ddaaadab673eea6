import type { Span } from '../analysis/model.js';
import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'pflichtfeld-fehlt',
  severity: 'error',
  title: {
    de: 'Jedes Pflichtfeld des Front Matters ist vorhanden und nicht leer (z. B. `titel`, `einreicher`, beim Änderungsantrag `bezug`).',
    en: 'Every required front-matter field is present and not empty (e.g. `titel`, `einreicher`, `bezug` for an amendment).',
  },
  messages: {
    de: {
      missing: (d) => `Pflichtfeld ${q(d.key)} fehlt im Front Matter: ${d.description}.`,
      missingFor: (d) => `Pflichtfeld ${q(d.key)} fehlt; die Dokumentart ${d.art} verlangt es: ${d.description}.`,
      empty: (d) => `Pflichtfeld ${q(d.key)} ist leer: ${d.description}.`,
    },
    en: {
      missing: (d) => `Required front-matter field ${q(d.key, 'en')} is missing: ${d.description}.`,
      missingFor: (d) => `Required field ${q(d.key, 'en')} is missing; the document type ${d.art} requires it: ${d.description}.`,
      empty: (d) => `Required field ${q(d.key, 'en')} is empty: ${d.description}.`,
    },
  },
  check({ draft, profile, compiled, type, report }) {
    const frontMatter = draft.frontMatter;
    // With a YAML error the recovered fields are guesses; frontmatter-syntax speaks first.
    if (!frontMatter || frontMatter.shape !== 'mapping' || frontMatter.errors.length > 0) return;
    const opening: Span = { from: 0, to: draft.lines.lineEnd(0) };
    // `art:` itself is art-unbekannt's business: without a type there is nothing to require.
    const required = new Set(profile.fields.filter((field) => field.required && field.kind !== 'type').map((field) => field.key));
    const forType = new Set(type?.requiredFields ?? []);
    for (const key of forType) required.add(key);

    for (const key of required) {
      const description = compiled.fieldFor(key)?.description ?? key;
      const field = frontMatter.fields.get(key);
      if (!field) {
        const message = forType.has(key) ? 'missingFor' : 'missing';
        report({ message, data: { key, description, art: type?.name ?? '' }, span: opening });
      } else if (isEmpty(field.value)) {
        report({ message: 'empty', data: { key, description }, span: field.keySpan });
      }
    }
  },
});

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmpty);
  return false;
}
