import { isMap, isSeq, type Node as YamlNode } from 'yaml';
import { isoDate, parseGermanDate, parseIsoDate, parseLooseIsoDate } from '../analysis/dates.js';
import { nodeSpan } from '../analysis/frontmatter.js';
import type { Span } from '../analysis/model.js';
import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'datum-ungueltig',
  severity: 'error',
  title: {
    de: 'Daten im Front Matter (`datum`, `sitzung`) sind gültige Kalenderdaten der Form JJJJ-MM-TT.',
    en: 'Dates in the front matter (`datum`, `sitzung`) are real calendar dates written YYYY-MM-DD.',
  },
  messages: {
    de: {
      invalid: (d) => `${q(d.value)} in ${q(d.key)} ist kein gültiges Datum; erwartet wird JJJJ-MM-TT, z. B. 2025-05-14.`,
      padding: (d) => `${q(d.value)} in ${q(d.key)}: Monat und Tag werden zweistellig geschrieben (${d.iso}).`,
      german: (d) => `${q(d.value)} in ${q(d.key)} ist in deutscher Schreibweise; im Front Matter steht ein Datum als JJJJ-MM-TT (${d.iso}).`,
      convert: (d) => `In ${d.iso} umschreiben`,
    },
    en: {
      invalid: (d) => `${q(d.value, 'en')} in ${q(d.key, 'en')} is not a valid date; expected YYYY-MM-DD, e.g. 2025-05-14.`,
      padding: (d) => `${q(d.value, 'en')} in ${q(d.key, 'en')}: month and day are written with two digits (${d.iso}).`,
      german: (d) => `${q(d.value, 'en')} in ${q(d.key, 'en')} uses the German notation; front-matter dates are written YYYY-MM-DD (${d.iso}).`,
      convert: (d) => `Rewrite as ${d.iso}`,
    },
  },
  check({ draft, profile, report }) {
    const frontMatter = draft.frontMatter;
    if (!frontMatter) return;
    const checkDate = (key: string, node: YamlNode | null, span: Span | undefined) => {
      if (node === null || span === undefined) return;
      const scalar = (node as { value?: unknown }).value;
      // `datum:` and `datum: ~` are both "no date"; pflichtfeld-fehlt decides if one is needed.
      if (scalar === null || scalar === undefined) return;
      const value = String(scalar).trim();
      if (value === '' || parseIsoDate(value)) return;
      const loose = parseLooseIsoDate(value);
      const german = parseGermanDate(value);
      if (loose) {
        const iso = isoDate(loose);
        report({ message: 'padding', data: { key, value, iso }, span, fixes: [{ message: 'convert', data: { iso }, edits: [{ ...span, text: iso }] }] });
      } else if (german) {
        const iso = isoDate(german);
        report({ message: 'german', data: { key, value, iso }, span, fixes: [{ message: 'convert', data: { iso }, edits: [{ ...span, text: iso }] }] });
      } else {
        report({ message: 'invalid', data: { key, value }, span });
      }
    };

    for (const spec of profile.fields) {
      const field = frontMatter.fields.get(spec.key);
      if (!field) continue;
      if (spec.kind === 'date' && field.node && !isMap(field.node) && !isSeq(field.node)) {
        checkDate(spec.key, field.node, field.valueSpan);
      }
      if (spec.kind === 'beratungsfolge') {
        for (const entry of entries(field.node)) {
          const sitzung = entry.get('sitzung', true) as YamlNode | undefined;
          if (sitzung && !isMap(sitzung) && !isSeq(sitzung)) checkDate('sitzung', sitzung, nodeSpan(draft.text, frontMatter, sitzung));
        }
      }
    }
  },
});

function entries(node: YamlNode | null) {
  return isSeq(node) ? node.items.filter(isMap) : [];
}
