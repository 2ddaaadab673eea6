import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { nodeSpan } from '../analysis/frontmatter.js';
import type { Field, FrontMatter, Span } from '../analysis/model.js';
import { BERATUNGSFOLGE_KEYS, numberExample, type FieldSpec } from '../profile/types.js';
import { defineRule, type Report } from './types.js';
import { oneOf, q } from './util.js';
import { suggest } from '../base/suggest.js';

type M = 'notText' | 'notTexts' | 'noReference' | 'choice' | 'notList' | 'entryNotMap' | 'gremium' | 'entryKey' | 'replace';


export default defineRule<M>({
  id: 'feld-wert',
  severity: 'error',
  title: {
    de: 'Die Werte im Front Matter haben die erwartete Form: Text, Liste, Drucksachennummer oder ein erlaubter Wert.',
    en: 'Front-matter values have the expected shape: text, list, document number or an allowed value.',
  },
  messages: {
    de: {
      notText: (d) => `${q(d.key)} erwartet einen Text, keine Liste oder Zuordnung.`,
      notTexts: (d) => `${q(d.key)} erwartet einen Text oder eine Liste von Texten.`,
      noReference: (d) => `${q(d.value)} in ${q(d.key)} ist keine Drucksachennummer; erwartet z. B. ${d.example}.`,
      choice: (d) => `${q(d.value)} ist in ${q(d.key)} nicht erlaubt; erwartet wird ${oneOf(d.values)}.`,
      notList: () => '„beratungsfolge“ erwartet eine Liste von Einträgen mit „gremium“, „sitzung“ und „rolle“.',
      entryNotMap: () => 'Ein Eintrag der Beratungsfolge ist eine Zuordnung mit „gremium“ (dazu „sitzung“ und „rolle“), kein einzelner Wert.',
      gremium: () => 'Diesem Eintrag der Beratungsfolge fehlt das „gremium“.',
      entryKey: (d) => `Unbekanntes Feld ${q(d.key)} in der Beratungsfolge; erwartet werden „gremium“, „sitzung“ und „rolle“.`,
      replace: (d) => `Durch ${q(d.value)} ersetzen`,
    },
    en: {
      notText: (d) => `${q(d.key, 'en')} expects text, not a list or mapping.`,
      notTexts: (d) => `${q(d.key, 'en')} expects text or a list of texts.`,
      noReference: (d) => `${q(d.value, 'en')} in ${q(d.key, 'en')} is not a document number; expected e.g. ${d.example}.`,
      choice: (d) => `${q(d.value, 'en')} is not allowed in ${q(d.key, 'en')}; expected ${oneOf(d.values, 'en')}.`,
      notList: () => '“beratungsfolge” expects a list of entries with “gremium”, “sitzung” and “rolle”.',
      entryNotMap: () => 'A beratungsfolge entry is a mapping with “gremium” (and “sitzung”, “rolle”), not a single value.',
      gremium: () => 'This beratungsfolge entry has no “gremium”.',
      entryKey: (d) => `Unknown field ${q(d.key, 'en')} in the beratungsfolge; expected “gremium”, “sitzung” and “rolle”.`,
      replace: (d) => `Replace with ${q(d.value, 'en')}`,
    },
  },
  check({ draft, profile, report }) {
    const frontMatter = draft.frontMatter;
    // With a YAML error the recovered values are guesses; frontmatter-syntax speaks first.
    if (!frontMatter || frontMatter.errors.length > 0) return;
    const example = numberExample(profile.numbers);
    const referenceIn = (span: Span) => draft.references.some((reference) => reference.from >= span.from && reference.to <= span.to);

    for (const spec of profile.fields) {
      const field = frontMatter.fields.get(spec.key);
      if (!field || field.node === null) continue;
      const node = field.node;
      switch (spec.kind) {
        case 'text':
        case 'date':
        case 'type':
          if (!isScalar(node)) report({ message: 'notText', data: { key: spec.key }, span: field.valueSpan });
          break;
        case 'texts':
          if (!isScalar(node) && !(isSeq(node) && node.items.every((item) => isScalar(item)))) {
            report({ message: 'notTexts', data: { key: spec.key }, span: field.valueSpan });
          }
          break;
        case 'reference':
        case 'references':
          for (const item of spec.kind === 'references' && isSeq(node) ? node.items : [node]) {
            const span = nodeSpan(draft.text, frontMatter, item as YamlNode) ?? field.valueSpan;
            if (!isScalar(item)) report({ message: spec.kind === 'reference' ? 'notText' : 'notTexts', data: { key: spec.key }, span });
            else if (String(item.value ?? '').trim() !== '' && !referenceIn(span)) {
              report({ message: 'noReference', data: { key: spec.key, value: String(item.value), example }, span });
            }
          }
          break;
        case 'choice':
          choice(field, spec.key, spec.values ?? [], field.valueSpan, report);
          break;
        case 'beratungsfolge':
          beratungsfolge(draft.text, frontMatter, field, spec, report);
          break;
        default:
          break;
      }
    }
  },
});

function choice(field: Pick<Field, 'node'>, key: string, values: readonly string[], span: Span, report: (r: Report<M>) => void): void {
  const node = field.node;
  if (!isScalar(node)) {
    report({ message: 'notText', data: { key }, span });
    return;
  }
  const value = String(node.value ?? '').trim();
  if (value === '' || values.includes(value)) return;
  const suggestion = suggest(value, values);
  report({
    message: 'choice',
    data: { key, value, values: values.join('|') },
    span,
    fixes: suggestion ? [{ message: 'replace', data: { value: suggestion }, edits: [{ ...span, text: suggestion }] }] : [],
  });
}

function beratungsfolge(text: string, frontMatter: FrontMatter, field: Field, spec: FieldSpec, report: (r: Report<M>) => void): void {
  if (!isSeq(field.node)) {
    report({ message: 'notList', span: field.valueSpan });
    return;
  }
  for (const entry of field.node.items) {
    const entrySpan = nodeSpan(text, frontMatter, entry as YamlNode) ?? field.valueSpan;
    if (!isMap(entry)) {
      report({ message: 'entryNotMap', span: entrySpan });
      continue;
    }
    const gremium = entry.get('gremium', true) as YamlNode | undefined;
    if (gremium && !isScalar(gremium)) report({ message: 'notText', data: { key: 'gremium' }, span: nodeSpan(text, frontMatter, gremium) ?? entrySpan });
    else if (!gremium || String(gremium.value ?? '').trim() === '') report({ message: 'gremium', span: nodeSpan(text, frontMatter, gremium) ?? entrySpan });
    const sitzung = entry.get('sitzung', true) as YamlNode | undefined;
    if (sitzung && !isScalar(sitzung)) report({ message: 'notText', data: { key: 'sitzung' }, span: nodeSpan(text, frontMatter, sitzung) ?? entrySpan });
    const rolle = entry.get('rolle', true) as YamlNode | undefined;
    const rolleSpan = nodeSpan(text, frontMatter, rolle);
    if (rolle && rolleSpan) choice({ node: rolle }, 'rolle', spec.roles ?? [], rolleSpan, report);
    for (const pair of entry.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const keySpan = nodeSpan(text, frontMatter, pair.key as YamlNode);
      if (!(BERATUNGSFOLGE_KEYS as readonly string[]).includes(key) && keySpan) report({ message: 'entryKey', data: { key }, span: keySpan });
    }
  }
}
