// Deterministic generator of realistic council drafts for the benchmarks (bench/.corpus/, gitignored).
//
//   node bench/corpus.mjs [--drafts N]     N drafts (default 1000), the 5 KB draft and the list-heavy drafts
//
// Every draft comes from its own seeded PRNG, so draft i is the same whatever N is, and the same
// on every machine. About one draft in ten carries a deliberate, realistic mistake; the
// manifest lists those files so that a benchmark can check that a tool found exactly them.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS, check, intOption, main, options } from './lib.mjs';

/** Bump when the generated text changes, so that cached corpora are rewritten. */
const GENERATOR_VERSION = 4;
const SEED = 0x5eed2025;

export const DRAFTS_DIR = path.join(CORPUS, 'drafts');
export const DRAFT_5K = path.join(CORPUS, 'draft-5k.md');
export const LISTHEAVY_400K = path.join(CORPUS, 'listheavy-400k.md');
export const LISTHEAVY_100K = path.join(CORPUS, 'listheavy-100k.md');
/** The glob that both CLIs get, relative to CORPUS. */
export const DRAFTS_GLOB = 'drafts/**/*.md';

// ---------------------------------------------------------------------------------------------
// PRNG

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFor(...parts) {
  let h = 2166136261;
  for (const part of parts) {
    for (const ch of String(part)) {
      h ^= ch.codePointAt(0) ?? 0;
      h = Math.imul(h, 16777619) >>> 0;
    }
    h = Math.imul(h ^ 0x9e3779b9, 16777619) >>> 0;
  }
  return h;
}

export class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  sample(list, count) {
    const copy = [...list];
    const out = [];
    while (out.length < count && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

export const FRAKTIONEN = [
  'Freibeuter-Fraktion',
  'Fraktion Bündnis 90/Die Grünen',
  'SPD-Fraktion',
  'CDU-Fraktion',
  'Fraktion Die Linke',
  'Fraktion BSW',
  'Stadträtin Anna Beispiel',
  'Stadtrat Jonas Muster',
];

export const GREMIEN = [
  'Fachausschuss Stadtentwicklung und Bau',
  'Ausschuss Allgemeine Verwaltung',
  'Fachausschuss Finanzen',
  'Jugendhilfeausschuss',
  'Fachausschuss Umwelt, Klima und Ordnung',
  'Fachausschuss Kultur',
  'Ausschuss Wirtschaft, Arbeit und Digitales',
  'Fachausschuss Soziales, Gesundheit und Vielfalt',
  'Stadtbezirksbeirat Mitte',
  'Stadtbezirksbeirat Südwest',
];

export const AEMTER = [
  'Amt für Schule',
  'Verkehrs- und Tiefbauamt',
  'Amt für Umweltschutz',
  'Stadtplanungsamt',
  'Amt für Jugend und Familie',
  'Amt für Wohnungsbau und Stadterneuerung',
  'Referat Digitale Stadt',
  'Amt für Statistik und Wahlen',
  'Ordnungsamt',
  'Kulturamt',
  'Amt für Stadtgrün und Gewässer',
];

export const STADTTEILE = ['Connewitz', 'Grünau', 'Plagwitz', 'Lindenau', 'Gohlis', 'Reudnitz', 'Paunsdorf', 'Mockau', 'Schönefeld', 'Probstheida', 'Südvorstadt', 'Eutritzsch', 'Anger-Crottendorf', 'Volkmarsdorf'];

/** Topics: a title phrase, a noun phrase for sentences ("die Sanierung …") and a measure. */
export const THEMEN = [
  { titel: 'Sichere Schulwege', obj: 'die Sicherung der Schulwege', mass: 'Querungshilfen an Grundschulen', kennzahl: 'Anzahl gesicherter Querungen' },
  { titel: 'Sanierung der Schulgebäude', obj: 'die Sanierung der Schulgebäude', mass: 'ein Sanierungsprogramm für Schulgebäude', kennzahl: 'Sanierungsstau in Euro' },
  { titel: 'Radverkehr in der Innenstadt', obj: 'die Radwege am Innenstadtring', mass: 'geschützte Radfahrstreifen', kennzahl: 'Kilometer geschützter Radwege' },
  { titel: 'Open Data im Ratsinformationssystem', obj: 'die Veröffentlichung von Rohdaten als Open Data', mass: 'maschinenlesbare Anlagen zu Vorlagen', kennzahl: 'Anteil maschinenlesbarer Berichte' },
  { titel: 'Stadtbäume und Hitzeschutz', obj: 'die Pflanzung und Bewässerung von Stadtbäumen', mass: 'ein Bewässerungskonzept für Jungbäume', kennzahl: 'Zahl neu gepflanzter Bäume' },
  { titel: 'Kita-Plätze in wachsenden Stadtteilen', obj: 'die Versorgung mit Kita-Plätzen', mass: 'eine kleinräumige Bedarfsplanung', kennzahl: 'Versorgungsquote in Prozent' },
  { titel: 'Digitalisierung der Bürgerämter', obj: 'die Digitalisierung der Verwaltungsleistungen', mass: 'Online-Terminvergabe und digitale Anträge', kennzahl: 'Anteil digital angebotener Leistungen' },
  { titel: 'Barrierefreie Haltestellen', obj: 'die barrierefreie Umgestaltung von Haltestellen', mass: 'ein Umbauprogramm für Haltestellen', kennzahl: 'Anteil barrierefreier Haltestellen' },
  { titel: 'Bezahlbarer Wohnraum', obj: 'die Förderung bezahlbaren Wohnraums', mass: 'eine Quote für geförderte Wohnungen', kennzahl: 'Zahl geförderter Wohnungen' },
  { titel: 'Öffentliche Toiletten', obj: 'die Ausstattung mit öffentlichen Toiletten', mass: 'ein Netz barrierefreier Toiletten', kennzahl: 'Zahl öffentlicher Toiletten' },
  { titel: 'Lärmschutz an Hauptstraßen', obj: 'die Lärmminderung an Hauptverkehrsstraßen', mass: 'Tempo 30 in der Nacht', kennzahl: 'Zahl lärmbelasteter Einwohner' },
  { titel: 'Kulturförderung der freien Szene', obj: 'die Förderung der freien Kulturszene', mass: 'eine mehrjährige Konzeptförderung', kennzahl: 'Fördervolumen in Euro' },
];

const TITEL_ANTRAG = ['{titel}', '{titel} voranbringen', 'Konzept für {titel}', 'Prüfauftrag: {titel}', '{titel} in {stadtteil}', 'Transparenz bei {titel}'];
const TITEL_ANFRAGE = ['Sachstand {titel}', 'Nachfrage zu {titel}', '{titel}: Stand der Umsetzung', '{titel} in {stadtteil}', 'Umsetzung des Beschlusses zu {titel}'];
const TITEL_AENDERUNG = ['Änderungsantrag zu {titel}', '{titel}: Ergänzung des Beschlussvorschlags', 'Änderung zur Vorlage {titel}'];

const SAETZE = [
  'Mit dem Beschluss {ref} hat die Ratsversammlung die Verwaltung bereits beauftragt, {obj} voranzutreiben.',
  'Nach Auskunft aus dem {amt} ist {obj} bislang nur in Teilen umgesetzt.',
  'Im Haushalt {jahr}/{jahr2} sind dafür Mittel in Höhe von {betrag} Euro eingeplant.',
  'Gerade in {stadtteil} zeigt sich, dass {obj} nicht mit dem Wachstum der Stadt Schritt hält.',
  'Die Antwort der Verwaltung auf unsere Anfrage {ref} ließ offen, bis wann {mass} kommen soll.',
  'Andere Großstädte wie Dresden, Halle und Chemnitz haben {mass} bereits eingeführt.',
  'Laut dem aktuellen Bericht des Amtes für Statistik und Wahlen stieg die {kennzahl} zuletzt nur leicht.',
  'Bürgerinnen und Bürger aus {stadtteil} haben sich mehrfach mit Hinweisen an die Fraktionen gewandt.',
  'Der Stadtbezirksbeirat hat sich in seiner Sitzung am {datumText} einstimmig für {mass} ausgesprochen.',
  'Eine belastbare Übersicht ist die Voraussetzung dafür, dass der Stadtrat *faktenbasiert* entscheiden kann.',
  'Die Vorlage {ref} enthält hierzu keine Angaben, obwohl sie für die weitere Planung wesentlich sind.',
  'Im **{amt}** sind derzeit {zahl} Stellen unbesetzt, was die Umsetzung zusätzlich verzögert.',
  'Weitere Informationen finden sich im [Ratsinformationssystem](https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR={volfdnr}).',
  'Die Kosten für {mass} schätzt die Verwaltung auf rund {betrag} Euro pro Jahr.',
  'Bereits im Jahr {jahrAlt} wurde {obj} im Integrierten Stadtentwicklungskonzept als Schwerpunkt benannt.',
  'Ohne zusätzliche Mittel ist zu befürchten, dass sich die Lage in {stadtteil} und {stadtteil2} weiter verschärft.',
  'Die Förderrichtlinie des Freistaates ermöglicht eine Kofinanzierung von bis zu {prozent} Prozent.',
  'Aus Sicht der Einreicher sollte {obj} deshalb Vorrang vor weniger dringlichen Vorhaben haben.',
];

const FRAGEN = [
  'Wie viele Vorhaben zu {obj} sind derzeit im Stadtgebiet in Planung oder Umsetzung?',
  'Welche Mittel sind im Haushalt {jahr}/{jahr2} für {mass} eingeplant, und wie viel davon ist bereits gebunden?',
  'Bis wann rechnet die Verwaltung damit, dass {obj} in {stadtteil} abgeschlossen ist?',
  'Welche Ämter sind an {obj} beteiligt, und wer koordiniert die Zusammenarbeit?',
  'Wie bewertet die Verwaltung den Stand der Umsetzung des Beschlusses {ref}?',
  'Welche Fördermittel von Bund und Land wurden für {mass} beantragt, und welche wurden bewilligt?',
  'Wie hat sich die {kennzahl} seit {jahrAlt} entwickelt (bitte nach Jahren aufschlüsseln)?',
  'Welche Gründe gibt es für die Verzögerungen, die im Bericht zur Vorlage {ref} genannt werden?',
  'Ist die Verwaltung bereit, dem {gremium} regelmäßig über den Fortschritt zu berichten?',
  'Welche Erfahrungen anderer Städte mit {mass} sind der Verwaltung bekannt?',
];

const PUNKTE = [
  'dem Stadtrat bis zum {frist} ein Konzept für {mass} vorzulegen',
  'zu prüfen, ob {obj} im Rahmen des Haushalts {jahr2}/{jahr3} finanziert werden kann',
  'die {kennzahl} jährlich im Haushalt als Kennzahl auszuweisen',
  'dem {gremium} halbjährlich über den Stand zu berichten, erstmals bis zum {frist}',
  'für {stadtteil} ein Pilotprojekt zu {mass} bis zum {frist} zu starten',
  'die Ergebnisse der Prüfung im Open-Data-Portal der Stadt zu veröffentlichen',
  'Fördermittel von Bund und Freistaat für {mass} zu beantragen',
  'gemeinsam mit dem {amt} einen Zeitplan für {obj} zu erarbeiten',
];

const UNTERPUNKTE = ['Kosten und Finanzierung', 'Zeitplan und Zuständigkeiten', 'Beteiligung der Stadtbezirksbeiräte', 'Auswirkungen auf den Klimaschutz', 'Personalbedarf'];

const MONATE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

// ---------------------------------------------------------------------------------------------
// Dates and numbers

const DAY = 86_400_000;

function isoDate(time) {
  return new Date(time).toISOString().slice(0, 10);
}

function germanDate(time, rnd) {
  const d = new Date(time);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return rnd.chance(0.7) ? `${dd}.${mm}.${d.getUTCFullYear()}` : `${d.getUTCDate()}. ${MONATE[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function reference(rnd, codes = ['A', 'F', 'DS', 'DS', 'DS', 'Ifo', 'P', 'EF', 'WA']) {
  const period = rnd.chance(0.85) ? 'VIII' : 'VII';
  const number = String(rnd.int(1, 9999)).padStart(5, '0');
  const suffix = rnd.chance(0.15) ? `-${rnd.pick(['NF', 'ÄA', 'VSP', 'AW'])}-${String(rnd.int(1, 3)).padStart(2, '0')}` : '';
  return `${period}-${rnd.pick(codes)}-${number}${suffix}`;
}

function euro(rnd) {
  return (rnd.int(5, 950) * 1000).toLocaleString('de-DE');
}

// ---------------------------------------------------------------------------------------------
// One draft

/** Context for the slots of the templates; fixed per draft except the random ones. */
function makeContext(rnd, datum) {
  const year = new Date(datum).getUTCFullYear();
  const thema = rnd.pick(THEMEN);
  const [stadtteil, stadtteil2] = rnd.sample(STADTTEILE, 2);
  return {
    thema,
    datum,
    year,
    stadtteil,
    stadtteil2,
    amt: rnd.pick(AEMTER),
    gremium: rnd.pick(GREMIEN),
  };
}

function fill(template, ctx, rnd, overrides = {}) {
  return template.replace(/\{(\w+)\}/g, (_, slot) => {
    if (slot in overrides) return overrides[slot];
    switch (slot) {
      case 'titel':
        return ctx.thema.titel;
      case 'obj':
        return ctx.thema.obj;
      case 'mass':
        return ctx.thema.mass;
      case 'kennzahl':
        return ctx.thema.kennzahl;
      case 'stadtteil':
        return ctx.stadtteil;
      case 'stadtteil2':
        return ctx.stadtteil2;
      case 'amt':
        return ctx.amt;
      case 'gremium':
        return ctx.gremium;
      case 'ref':
        return reference(rnd);
      case 'jahr':
        return String(ctx.year);
      case 'jahr2':
        return String(ctx.year + 1);
      case 'jahr3':
        return String(ctx.year + 2);
      case 'jahrAlt':
        return String(ctx.year - rnd.int(2, 8));
      case 'betrag':
        return euro(rnd);
      case 'zahl':
        return String(rnd.int(2, 40));
      case 'prozent':
        return String(rnd.pick([40, 50, 65, 75, 90]));
      case 'volfdnr':
        return String(rnd.int(1_000_000, 9_999_999));
      case 'datumText':
        return germanDate(ctx.datum - rnd.int(20, 200) * DAY, rnd);
      case 'frist':
        return germanDate(ctx.datum + rnd.int(90, 540) * DAY, rnd);
      default:
        throw new Error(`unknown slot {${slot}}`);
    }
  });
}

function paragraph(rnd, ctx, sentences) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(fill(rnd.pick(SAETZE), ctx, rnd));
  return out.join(rnd.chance(0.3) ? '\n' : ' ');
}

function kennzahlTable(rnd, ctx) {
  const rows = ['| Jahr | Anzahl | Kosten (Euro) |', '| ---: | ---: | ---: |'];
  for (let y = ctx.year - rnd.int(3, 5); y < ctx.year; y++) rows.push(`| ${y} | ${rnd.int(3, 400)} | ${euro(rnd)} |`);
  return rows.join('\n');
}

function frontMatter(rnd, ctx, art, titel, extra = []) {
  // A title with ": " must be quoted in YAML, as people learn after the first error message.
  const lines = ['---', `art: ${art}`, `titel: ${/[:#]/.test(titel) ? JSON.stringify(titel) : titel}`];
  const einreicher = rnd.sample(FRAKTIONEN, rnd.chance(0.25) ? 2 : 1);
  if (einreicher.length === 1 && rnd.chance(0.6)) lines.push(`einreicher: ${einreicher[0]}`);
  else lines.push('einreicher:', ...einreicher.map((e) => `  - ${e}`));
  lines.push(`datum: ${isoDate(ctx.datum)}`);
  lines.push(...extra);
  const folge = art === 'Anfrage' ? [['Ratsversammlung', 'Beantwortung']] : [[ctx.gremium, 'Vorberatung'], ['Ratsversammlung', 'Beschlussfassung']];
  if (rnd.chance(0.85)) {
    lines.push('beratungsfolge:');
    let at = ctx.datum;
    for (const [gremium, rolle] of folge) {
      at += rnd.int(10, 35) * DAY;
      lines.push(`  - gremium: ${gremium}`, `    sitzung: ${isoDate(at)}`, `    rolle: ${rolle}`);
    }
  }
  if (rnd.chance(0.2)) lines.push('status: öffentlich');
  lines.push('---');
  return lines.join('\n');
}

function render(parts) {
  return `${parts.filter((part) => part !== undefined && part !== '').join('\n\n')}\n`;
}

/**
 * Builds one draft of about `target` bytes. `mistake` is a deliberate error or `undefined`.
 * Returns the text; sections are filled up to the target by growing the long prose section.
 */
function draft(rnd, kind, target, mistake) {
  const datum = Date.UTC(2025, 0, 6) + rnd.int(0, 340) * DAY;
  const ctx = makeContext(rnd, datum);
  const titel = fill(rnd.pick(kind === 'Antrag' ? TITEL_ANTRAG : kind === 'Anfrage' ? TITEL_ANFRAGE : TITEL_AENDERUNG), ctx, rnd);
  const sections = [];
  // The section that grows to the target size: a list of paragraphs of sentences.
  const prose = [paragraph(rnd, ctx, rnd.int(2, 4))];
  const extras = [];
  if (rnd.chance(0.3)) extras.push(kennzahlTable(rnd, ctx));
  if (rnd.chance(0.3)) extras.push(`> ${fill(rnd.pick(PUNKTE), ctx, rnd)}.\n> (aus dem Beschluss ${reference(rnd, ['DS'])})`);
  if (mistake === 'nummer-form') prose.push(`Siehe dazu auch die Vorlage VIII-DS-${rnd.int(10, 999)} aus dem Vorjahr.`);

  let fm;
  if (kind === 'Antrag') {
    fm = frontMatter(rnd, ctx, 'Antrag', titel);
    const punkte = rnd.sample(PUNKTE, rnd.int(2, 5)).map((p) => fill(p, ctx, rnd));
    if (mistake === 'datum-vergangen') punkte.push(`die Ergebnisse bis zum ${germanDate(datum - rnd.int(30, 200) * DAY, rnd)} auszuwerten`);
    const items = punkte.map((p, i) => `${i + 1}. ${p}${i === punkte.length - 1 ? '.' : ','}`);
    if (rnd.chance(0.35)) {
      const sub = rnd.sample(UNTERPUNKTE, rnd.int(2, 3)).map((u) => `   - ${u}`);
      items.splice(1, 0, ...sub);
      items[0] = items[0].replace(/,$/, ' mit Angaben zu');
    }
    sections.push(`## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt,\n\n${items.join('\n')}`);
    sections.push(() => `## Begründung\n\n${[...prose, ...extras].join('\n\n')}`);
    if (rnd.chance(0.4)) sections.push(`## Finanzielle Auswirkungen\n\nDie Umsetzung kostet nach erster Schätzung ${euro(rnd)} Euro; die Deckung erfolgt aus dem Budget des Fachamts (${ctx.amt}).`);
    if (rnd.chance(0.25)) sections.push(`## Anlagen\n\n- Übersicht der Standorte (PDF)\n- Stellungnahme des Stadtbezirksbeirats ${ctx.stadtteil}`);
  } else if (kind === 'Anfrage') {
    fm = frontMatter(rnd, ctx, 'Anfrage', titel);
    sections.push(() => `## Sachverhalt\n\n${[...prose, ...extras].join('\n\n')}`);
    const fragen = rnd.sample(FRAGEN, rnd.int(3, 7)).map((f) => fill(f, ctx, rnd));
    if (mistake === 'frage-ohne-fragezeichen') fragen[fragen.length - 1] = fragen[fragen.length - 1].replace(/\?$/, '.').replace(/\?\)/, ')').replace(/\?/g, '');
    sections.push(`## Fragen\n\n${fragen.map((f, i) => `${i + 1}. ${f}`).join('\n')}`);
    if (rnd.chance(0.2)) sections.push('## Anlagen\n\n- Bericht des Amtes für Statistik und Wahlen (PDF)');
  } else {
    const bezug = reference(rnd, ['DS', 'A']).replace(/-[A-ZÄ]+-\d\d$/, '');
    fm = frontMatter(rnd, ctx, 'Änderungsantrag', titel, [`bezug: ${bezug}`]);
    const punkte = rnd.int(1, 3);
    const aenderungen = [];
    for (let i = 1; i <= punkte; i++) {
      const quote = fill(rnd.pick(PUNKTE), ctx, rnd);
      aenderungen.push(
        rnd.chance(0.5)
          ? `${i}. Punkt ${rnd.int(1, 6)} erhält folgende Fassung:\n\n   > ${quote}.`
          : `${i}. Nach Punkt ${rnd.int(1, 6)} wird ein neuer Punkt eingefügt:\n\n   > Der Oberbürgermeister wird beauftragt, ${quote}.`,
      );
    }
    sections.push(`## Beschlussvorschlag\n\nDer Beschlussvorschlag der Vorlage ${bezug} wird wie folgt geändert:\n\n${aenderungen.join('\n\n')}`);
    sections.push(() => `## Begründung\n\n${[...prose, ...extras].join('\n\n')}`);
    if (rnd.chance(0.2)) sections.push('## Anlagen\n\n- Synopse der Änderungen (PDF)');
  }

  const build = () => render([fm, ...sections.map((s) => (typeof s === 'function' ? s() : s))]);
  let text = build();
  // Grow the prose sentence by sentence; a paragraph has at most five sentences.
  let sentences = 0;
  while (Buffer.byteLength(text) < target) {
    if (sentences >= 5 || rnd.chance(0.15)) {
      prose.push(fill(rnd.pick(SAETZE), ctx, rnd));
      sentences = 1;
    } else {
      prose[prose.length - 1] += ` ${fill(rnd.pick(SAETZE), ctx, rnd)}`;
      sentences++;
    }
    text = build();
  }
  return { text, titel };
}

export function slug(text) {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
}

const KINDS = [
  { kind: 'Antrag', ext: 'antrag', weight: 0.5, mistakes: ['nummer-form', 'datum-vergangen'] },
  { kind: 'Anfrage', ext: 'anfrage', weight: 0.35, mistakes: ['nummer-form', 'frage-ohne-fragezeichen'] },
  { kind: 'Änderungsantrag', ext: 'aenderungsantrag', weight: 0.15, mistakes: ['nummer-form'] },
];

/** Draft number `index` of the corpus: always the same text for the same index. */
export function corpusDraft(index) {
  const rnd = new Random(seedFor(SEED, 'draft', index));
  const roll = rnd.next();
  let acc = 0;
  const spec = KINDS.find((k) => (acc += k.weight) > roll) ?? KINDS[0];
  const mistake = rnd.chance(0.1) ? rnd.pick(spec.mistakes) : undefined;
  const target = rnd.int(3000, 7500);
  const { text, titel } = draft(rnd, spec.kind, target, mistake);
  const month = String(1 + (index % 12)).padStart(2, '0');
  const file = `drafts/2025-${month}/${String(index + 1).padStart(4, '0')}-${slug(titel)}.${spec.ext}.md`;
  return { file, text, kind: spec.kind, mistake };
}

/** The ~5 KB Antrag of the in-process benchmark: clean, with every kind of Markdown a draft uses. */
export function draft5k() {
  for (let attempt = 0; ; attempt++) {
    const rnd = new Random(seedFor(SEED, '5k', attempt));
    const { text } = draft(rnd, 'Antrag', 4950, undefined);
    const bytes = Buffer.byteLength(text);
    if (bytes <= 5250 && text.includes('|') && text.includes('\n> ') && text.includes('](')) return text;
    check(attempt < 1000, 'no suitable 5 KB draft found');
  }
}

// ---------------------------------------------------------------------------------------------
// The list-heavy draft

/** Lines of a list item's content, nested up to `depth` levels of lists and block quotes. */
function listContent(rnd, ctx, depth) {
  const lines = [];
  const first = fill(rnd.pick(PUNKTE), ctx, rnd);
  lines.push(first);
  // An indented continuation line, sometimes a lazy one (no indentation at all).
  if (rnd.chance(0.4)) lines.push({ lazy: rnd.chance(0.3), text: fill(rnd.pick(SAETZE), ctx, rnd) });
  if (depth > 0 && rnd.chance(0.7)) {
    const blocks = rnd.chance(0.2) ? 2 : 1;
    for (let b = 0; b < blocks; b++) {
      lines.push('');
      if (rnd.chance(0.45)) lines.push(...blockQuote(rnd, ctx, depth - 1));
      else lines.push(...list(rnd, ctx, depth - 1, rnd.chance(0.4), rnd.int(2, 3)));
    }
  }
  return lines;
}

function blockQuote(rnd, ctx, depth) {
  const inner = [fill(rnd.pick(SAETZE), ctx, rnd)];
  if (rnd.chance(0.5)) inner.push({ lazy: rnd.chance(0.5), text: fill(rnd.pick(SAETZE), ctx, rnd) });
  if (depth > 0 && rnd.chance(0.6)) inner.push('', ...list(rnd, ctx, depth - 1, rnd.chance(0.5), rnd.int(2, 3)));
  return inner.map((line) => {
    if (typeof line === 'object') return line.lazy ? line : `> ${line.text}`;
    return line === '' ? '>' : `> ${line}`;
  });
}

function list(rnd, ctx, depth, ordered, count) {
  const lines = [];
  const loose = rnd.chance(0.3);
  const bullet = rnd.pick(['-', '-', '*']);
  for (let i = 1; i <= count; i++) {
    const marker = ordered ? `${i}.` : bullet;
    const pad = ' '.repeat(marker.length + 1);
    const content = listContent(rnd, ctx, depth);
    content.forEach((line, at) => {
      if (at === 0) lines.push(`${marker} ${line}`);
      else if (typeof line === 'object') lines.push(line.lazy ? line : `${pad}${line.text}`);
      else if (line === '') lines.push('');
      else if (typeof line === 'string') lines.push(`${pad}${line}`);
    });
    if (loose && i < count) lines.push('');
  }
  return lines;
}

function flatten(lines) {
  return lines.map((line) => (typeof line === 'object' ? line.text : line)).join('\n');
}

/**
 * An Antrag whose Beschlussvorschlag is one long numbered list with lists and block quotes
 * nested inside it (up to five containers deep), lazy and indented continuation lines and
 * loose parts: the shape on which micromark 4.0.3 was found to parse in quadratic time.
 * Same seed for every size, so the smaller draft is a prefix (a slice of the same shape) of
 * the larger one.
 */
export function listHeavy(targetBytes) {
  const rnd = new Random(seedFor(SEED, 'listheavy'));
  const datum = Date.UTC(2025, 4, 20);
  const ctx = makeContext(rnd, datum);
  const head = [
    '---',
    'art: Antrag',
    'titel: Maßnahmenkatalog Haushaltsbegleitbeschluss',
    'einreicher: Freibeuter-Fraktion',
    `datum: ${isoDate(datum)}`,
    '---',
    '',
    '## Beschlussvorschlag',
    '',
    'Der Oberbürgermeister wird beauftragt,',
    '',
    '',
  ].join('\n');
  const tail = '\n\n## Begründung\n\nDer Katalog fasst die Vorschläge aller Fachausschüsse zusammen (vgl. VIII-DS-00815).\n';
  const items = [];
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let n = 1; bytes < targetBytes; n++) {
    const marker = `${n}.`;
    const pad = ' '.repeat(marker.length + 1);
    const content = listContent(rnd, ctx, 4);
    const lines = content.map((line, at) => {
      if (at === 0) return `${marker} ${line}`;
      if (typeof line === 'object') return line.lazy ? line.text : `${pad}${line.text}`;
      return line === '' ? '' : `${pad}${line}`;
    });
    const item = flatten(lines);
    items.push(item);
    bytes += Buffer.byteLength(item) + 1;
  }
  return `${head}${items.join('\n')}${tail}`;
}

// ---------------------------------------------------------------------------------------------
// Writing the corpus

function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Writes the 5 KB draft and the two list-heavy drafts. */
export function ensureSingles() {
  writeIfChanged(DRAFT_5K, draft5k());
  writeIfChanged(LISTHEAVY_400K, listHeavy(400 * 1024));
  writeIfChanged(LISTHEAVY_100K, listHeavy(100 * 1024));
  return { draft5k: DRAFT_5K, listHeavy400k: LISTHEAVY_400K, listHeavy100k: LISTHEAVY_100K };
}

/** Exactly the manifest's files are there, each of its size: nothing added, removed or edited by hand. */
function intact(manifest) {
  const markdown = readdirSync(DRAFTS_DIR, { recursive: true }).filter((name) => String(name).endsWith('.md'));
  if (markdown.length !== manifest.files.length) return false;
  return manifest.files.every((f) => {
    try {
      return statSync(path.join(CORPUS, f.file)).size === f.bytes;
    } catch {
      return false;
    }
  });
}

/**
 * Writes exactly `count` drafts into bench/.corpus/drafts (rewriting the folder unless its
 * manifest says it holds this very corpus) and returns the manifest.
 */
export function ensureDrafts(count) {
  const manifestFile = path.join(DRAFTS_DIR, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.version === GENERATOR_VERSION && manifest.seed === SEED && manifest.count === count && intact(manifest)) return manifest;
  }
  rmSync(DRAFTS_DIR, { recursive: true, force: true });
  const files = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const d = corpusDraft(i);
    mkdirSync(path.dirname(path.join(CORPUS, d.file)), { recursive: true });
    writeFileSync(path.join(CORPUS, d.file), d.text);
    const size = Buffer.byteLength(d.text);
    bytes += size;
    files.push({ file: d.file, kind: d.kind, bytes: size, ...(d.mistake ? { mistake: d.mistake } : {}) });
  }
  const manifest = { version: GENERATOR_VERSION, seed: SEED, count, bytes, glob: DRAFTS_GLOB, files };
  // JSON, not Markdown: neither CLI picks it up.
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(async () => {
    const opts = options(process.argv.slice(2), ['drafts']);
    const count = intOption(opts, 'drafts', 1000);
    const manifest = ensureDrafts(count);
    const singles = ensureSingles();
    const flagged = manifest.files.filter((f) => f.mistake).length;
    const kinds = {};
    for (const f of manifest.files) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    const sizes = manifest.files.map((f) => f.bytes).sort((a, b) => a - b);
    console.log(`${count} drafts in ${path.relative(process.cwd(), DRAFTS_DIR)} (${(manifest.bytes / 1024 / 1024).toFixed(1)} MiB, ${sizes[0]}–${sizes[sizes.length - 1]} bytes each)`);
    console.log(`  kinds: ${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')}; with a deliberate mistake: ${flagged}`);
    for (const file of Object.values(singles)) console.log(`${path.relative(process.cwd(), file)}: ${(Buffer.byteLength(readFileSync(file, 'utf8')) / 1024).toFixed(1)} KiB`);
  });
}
