import { defineRule } from './types.js';
import { q } from './util.js';

export default defineRule({
  id: 'nummer-form',
  severity: 'warning',
  title: {
    de: 'Drucksachennummern stehen in der kanonischen Form des Ratsprofils (z. B. VIII-F-00913) mit bekannter Wahlperiode, Art und Zusatz.',
    en: 'Document numbers are in the profile’s canonical form (e.g. VIII-F-00913) with a known period, type code and suffix.',
  },
  messages: {
    de: {
      form: (d) => `${q(d.raw)} ist keine kanonische Drucksachennummer; richtig ist ${q(d.canonical)}.`,
      period: (d) => `${q(d.raw)}: unbekannte Wahlperiode ${q(d.value)}; bekannt sind ${d.known}.`,
      code: (d) => `${q(d.raw)}: unbekanntes Kürzel ${q(d.value)}; bekannt sind ${d.known}.`,
      suffix: (d) => `${q(d.raw)}: unbekannter Zusatz ${q(d.value)}; bekannt sind ${d.known}.`,
      digits: (d) => `${q(d.raw)}: die laufende Nummer hat mehr als ${d.digits} Ziffern.`,
      suffixDigits: (d) => `${q(d.raw)}: die Nummer nach ${q(d.value)} hat mehr als ${d.digits} Ziffern.`,
      canonical: (d) => `In ${q(d.canonical)} ändern`,
    },
    en: {
      form: (d) => `${q(d.raw, 'en')} is not a canonical document number; it is written ${q(d.canonical, 'en')}.`,
      period: (d) => `${q(d.raw, 'en')}: unknown period ${q(d.value, 'en')}; known are ${d.known}.`,
      code: (d) => `${q(d.raw, 'en')}: unknown type code ${q(d.value, 'en')}; known are ${d.known}.`,
      suffix: (d) => `${q(d.raw, 'en')}: unknown suffix ${q(d.value, 'en')}; known are ${d.known}.`,
      digits: (d) => `${q(d.raw, 'en')}: the running number has more than ${d.digits} digits.`,
      suffixDigits: (d) => `${q(d.raw, 'en')}: the number after ${q(d.value, 'en')} has more than ${d.digits} digits.`,
      canonical: (d) => `Change to ${q(d.canonical, 'en')}`,
    },
  },
  check({ draft, profile, report }) {
    const numbers = profile.numbers;
    const known = {
      period: (numbers.periods ?? []).join(', '),
      code: Object.keys(numbers.codes ?? {}).join(', '),
      suffix: Object.keys(numbers.suffixes ?? {}).join(', '),
    };
    for (const reference of draft.references) {
      for (const problem of reference.problems) {
        if (problem.kind === 'form') {
          const canonical = reference.canonical ?? reference.raw;
          const edits = [{ from: reference.from, to: reference.to, text: canonical }];
          report({ message: 'form', data: { raw: reference.raw, canonical }, span: reference, fixes: [{ message: 'canonical', data: { canonical }, edits }] });
        } else if (problem.kind === 'digits') report({ message: 'digits', data: { raw: reference.raw, digits: numbers.digits ?? 0 }, span: reference });
        else if (problem.kind === 'suffixDigits') report({ message: 'suffixDigits', data: { raw: reference.raw, value: problem.value, digits: numbers.suffixDigits ?? 0 }, span: reference });
        else report({ message: problem.kind, data: { raw: reference.raw, value: problem.value, known: known[problem.kind] }, span: reference });
      }
    }
  },
});

