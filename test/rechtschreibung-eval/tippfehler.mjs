// Makes tippfehler.tsv: typos of the kinds people make, planted in correct words of the real
// titles of Karlsruhe and Leipzig (test/councils/*.json.br) and of the example drafts.
//
//   node test/rechtschreibung-eval/tippfehler.mjs > test/rechtschreibung-eval/tippfehler.tsv
//
// Deterministic (a fixed seed). The words a typo is made from are words that stand in at least
// three titles of their council (or in an example draft), of five letters or more, in lower case
// after the first letter. Each kind of typo is applied at a random place where it can occur.
// The spell checker plays no part: a typo that is itself a German word (a person planting typos
// would not count it) was found by reading the list and is left out by the list DROPPED below,
// as is one that stands as a word in the titles or examples.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { Random } from '../../bench/corpus.mjs';

const HERE = import.meta.dirname;
const ROOT = path.join(HERE, '..', '..');
const SEED = 20250601;

/**
 * Typos left out after reading the list: each is a word of its own (or so close to one that a
 * reader would not see the slip), with what it is.
 * @type {Record<string, string>}
 */
const DROPPED = {
  mach: 'Imperativ von „machen“',
  erhalt: '„Erhalt“, klein geschrieben',
  Flachen: '„flachen“ (von „flach“) am Satzanfang',
  Lebensraume: 'Dativ „(im) Lebensraume“, veraltet, aber ein Wort',
  Leseraume: 'Dativ „(im) Leseraume“',
  Elternbeitrage: 'Dativ „(dem) Elternbeitrage“',
  Druckkostenzuschusse: 'Dativ „(dem) Druckkostenzuschusse“',
  Blocke: '„(ich) blocke“ am Satzanfang',
  lasst: 'Imperativ „lasst“ von „lassen“',
  Platzen: '„das Platzen“, „platzen“',
  Verkehrszahlungen: '„Verkehrs-Zahlungen“, eine mögliche Zusammensetzung',
  Draißchule: '„ss“ über die Fuge von „Drais-Schule“: kein Versehen, das jemand macht',
};

// The benchmarks' seeded generator (mulberry32), so that the list is the same on every machine.
const random = new Random(SEED);
const rand = () => random.next();
const pick = (list) => random.pick(list);

/** The same split as evaluate.ts: FNV-1a of the paper's id. */
function half(id) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 1;
}

/** Words of a text: runs of letters not next to a digit, a dot joining a name or another word part. */
function words(text) {
  const out = [];
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const before = text[match.index - 1] ?? '';
    const after = text[match.index + match[0].length] ?? '';
    if (/[\p{N}_*:@/.]/u.test(before) || /[\p{N}_*:@/]/u.test(after)) continue;
    out.push(match[0]);
  }
  return out;
}

/** A word to plant a typo in: five letters or more, lower case after the first. */
const FIT = /^\p{L}\p{Ll}{4,}$/u;

/** council → word → the halves of the papers it stands in; and how many titles. */
const sources = new Map();
const everyWord = new Set();
for (const council of ['karlsruhe', 'leipzig']) {
  const fixture = JSON.parse(brotliDecompressSync(readFileSync(path.join(ROOT, 'test', 'councils', `${council}.json.br`))).toString('utf8'));
  const papers = Object.entries(fixture.lists).find(([url]) => /papers/.test(url))[1];
  const counts = new Map();
  for (const paper of papers) {
    if (paper.deleted === true || typeof paper.reference !== 'string' || !paper.reference.trim() || typeof paper.name !== 'string') continue;
    const side = half(String(paper.id));
    for (const word of new Set(words(paper.name))) {
      everyWord.add(word);
      if (!FIT.test(word)) continue;
      const entry = counts.get(word) ?? { titles: 0, halves: [] };
      entry.titles++;
      entry.halves.push(side);
      counts.set(word, entry);
    }
  }
  const fitting = new Map([...counts].filter(([, entry]) => entry.titles >= 3));
  sources.set(council, fitting);
}
{
  const examples = new Map();
  for (const file of readdirSync(path.join(ROOT, 'examples')).filter((name) => name.endsWith('.md')).sort()) {
    // The prose: front-matter keys, code, HTML comments, links' targets and numbers left out.
    const text = readFileSync(path.join(ROOT, 'examples', file), 'utf8')
      .replace(/^---\n[\s\S]*?\n---\n/u, (front) => (/^titel:(.*)$/mu.exec(front)?.[1] ?? ''))
      .replace(/```[\s\S]*?```/gu, '')
      .replace(/<!--[\s\S]*?-->/gu, '')
      .replace(/\]\([^)]*\)/gu, ']')
      .replace(/https?:\/\/\S+/gu, '');
    for (const word of words(text)) {
      everyWord.add(word);
      if (FIT.test(word)) examples.set(word, { titles: 1, halves: [] });
    }
  }
  sources.set('beispiele', examples);
}

const JOINT_S = /(?:ung|heit|keit|schaft|ion|tät|ling|tum)s(?=\p{Ll}{3})/gu;
const UMLAUT = { ä: 'a', ö: 'o', ü: 'u' };
const SPELLED = { ä: 'ae', ö: 'oe', ü: 'ue' };

/** Places `i` in `word` (from 1 on) where `test(i)` holds. */
function places(word, test, from = 1) {
  const out = [];
  for (let i = from; i < word.length; i++) if (test(i)) out.push(i);
  return out;
}

const capital = (word) => word[0].toUpperCase() + word.slice(1);

/** Each kind: where it applies in a word, and the typo made at one such place. */
const KINDS = {
  vertauscht: {
    where: (w) => places(w, (i) => i + 1 < w.length && w[i] !== w[i + 1] && /\p{Ll}/u.test(w[i + 1])),
    make: (w, i) => w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2),
  },
  fehlend: {
    where: (w) => places(w, (i) => w[i] !== w[i - 1] && w[i] !== w[i + 1]),
    make: (w, i) => w.slice(0, i) + w.slice(i + 1),
  },
  doppelt: {
    where: (w) => places(w, (i) => w[i] !== w[i - 1] && w[i] !== w[i + 1] && w[i] !== 'ß'),
    make: (w, i) => w.slice(0, i + 1) + w[i] + w.slice(i + 1),
  },
  einfach: {
    where: (w) => places(w, (i) => i + 1 < w.length && w[i] === w[i + 1] && w[i] !== 's'),
    make: (w, i) => w.slice(0, i) + w.slice(i + 1),
  },
  'fuge-fehlt': {
    where: (w) => [...w.matchAll(JOINT_S)].map((m) => m.index + m[0].length - 1),
    make: (w, i) => w.slice(0, i) + w.slice(i + 1),
  },
  'fuge-extra': {
    where: (w) => {
      // A compound of two words that stand on their own in the same titles: "Radweg" of "Rad" and "Weg".
      // Both parts of four letters or more, the first not ending in "s" or "e".
      return places(w, (i) => i >= 4 && w.length - i >= 4 && !/[se]$/u.test(w.slice(0, i)) && everyWord.has(capital(w.slice(0, i))) && everyWord.has(capital(w.slice(i))));
    },
    make: (w, i) => `${w.slice(0, i)}s${w.slice(i)}`,
  },
  'ss-statt-ß': {
    where: (w) => places(w, (i) => w[i] === 'ß', 0),
    make: (w, i) => `${w.slice(0, i)}ss${w.slice(i + 1)}`,
  },
  'ß-statt-ss': {
    // The old spelling: "ß" for "ss" after a short vowel at the end of a word or before a
    // consonant ("Beschluß", "daß", "Fitneß"), not across a compound's joint ("Verfahrensstand").
    where: (w) => places(w, (i) => w[i] === 's' && w[i + 1] === 's' && /[aeiouäöü]/u.test(w[i - 1]) && !/(?:au|eu|ei|äu|ie)$/iu.test(w.slice(0, i)) && (i + 2 === w.length || /[^aeiouäöüy]/u.test(w[i + 2]))),
    make: (w, i) => `${w.slice(0, i)}ß${w.slice(i + 2)}`,
  },
  'umlaut-ohne': {
    where: (w) => places(w, (i) => w[i] in UMLAUT, 0),
    make: (w, i) => w.slice(0, i) + UMLAUT[w[i]] + w.slice(i + 1),
  },
  'umlaut-ae': {
    where: (w) => places(w, (i) => w[i] in SPELLED, 0),
    make: (w, i) => w.slice(0, i) + SPELLED[w[i]] + w.slice(i + 1),
  },
};

/** Typos of each kind, from each source. */
const PER_KIND = { karlsruhe: 10, leipzig: 4, beispiele: 3 };

const rows = [];
const seen = new Set();
const dropped = [];
for (const [art, kind] of Object.entries(KINDS)) {
  for (const [source, count] of Object.entries(PER_KIND)) {
    const pool = [...sources.get(source).keys()].filter((word) => kind.where(word, source).length > 0).sort();
    let made = 0;
    for (let tries = 0; made < count && tries < 200 && pool.length > 0; tries++) {
      const word = pick(pool);
      const falsch = kind.make(word, pick(kind.where(word, source)));
      if (seen.has(falsch) || falsch === word) continue;
      seen.add(falsch);
      // Not a typo a reader would count: a word of the titles or examples, or one found by reading.
      if (everyWord.has(falsch) || DROPPED[falsch]) {
        dropped.push(falsch);
        continue;
      }
      const halves = sources.get(source).get(word).halves;
      rows.push([falsch, word, art, source === 'beispiele' ? source : `${source}/${pick(halves)}`]);
      made++;
    }
  }
}

const header = [
  '# Geplante Tippfehler für test/rechtschreibung-eval.test.ts, gemacht von tippfehler.mjs (fester Seed) aus richtigen Wörtern',
  '# der echten Titel Karlsruhes und Leipzigs (Wörter, die in mindestens drei Titeln stehen) und der Beispiel-Entwürfe,',
  '# dann durchgelesen: Ein Tippfehler, der selbst ein deutsches Wort ist, ist herausgenommen (DROPPED in tippfehler.mjs),',
  '# ohne die Rechtschreibprüfung zu fragen. Spalten: falsch, richtig, art (die Art des Versehens),',
  '# quelle (karlsruhe/0: aus einem Titel der Hälfte 0, geprüft mit dem Wortschatz der Hälfte 1; beispiele: aus den Beispielen).',
  'falsch\trichtig\tart\tquelle',
];
process.stdout.write(`${[...header, ...rows.map((row) => row.join('\t'))].join('\n')}\n`);
process.stderr.write(`${rows.length} typos; left out as words of the titles or by reading: ${dropped.join(', ')}\n`);
