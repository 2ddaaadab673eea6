// Deterministic data for the register benchmark (bench/register.mjs): a council's OParl papers
// (the paper objects a server sends, and the cache file a sync of them writes), the 100 papers
// that change after a sync, and a workspace of drafts with numbers and a register file.
//
// Everything comes from seeded PRNGs: the same count gives the same papers on every machine.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AEMTER, corpusDraft, GREMIEN, Random, seedFor, STADTTEILE, THEMEN } from './corpus.mjs';
import { check, CORPUS } from './lib.mjs';

/** Bump when the generated papers or drafts change, so that cached corpora are rewritten. */
export const REGISTER_GENERATOR_VERSION = 2;
const SEED = 0x0a7e1125;

// A dot directory: `ratsfeder check` in bench/.corpus (bench/cli.mjs) must not find these register files.
export const REGISTER_DIR = path.join(CORPUS, '.register');
/** The host in the ids of generated papers (the OParl server of the benchmark uses its own). */
export const CACHE_BASE = 'https://ratsinformation.leipzig.de/allris_leipzig_public';
/** The full sync "starts" at T1 (the cache's `syncedAt`); the changes come after it; the incremental sync starts at T2. */
export const T1 = '2025-06-01T08:00:00.000Z';
export const T_CHANGE = '2025-06-01T12:30:00+02:00';
export const T2 = '2025-06-02T07:00:00.000Z';

// ---------------------------------------------------------------------------------------------
// Vocabulary (Leipzig, as its council documents read)

const ORTSTEILE = [
  ...STADTTEILE,
  'Zentrum-Ost',
  'Zentrum-Süd',
  'Leutzsch',
  'Möckern',
  'Wahren',
  'Stötteritz',
  'Holzhausen',
  'Liebertwolkwitz',
  'Lößnig',
  'Dölitz-Dösen',
  'Knautkleeberg-Knauthain',
  'Hartmannsdorf',
  'Miltitz',
  'Böhlitz-Ehrenberg',
  'Engelsdorf',
  'Mölkau',
  'Sellerhausen-Stünz',
  'Thekla',
  'Seehausen',
  'Wiederitzsch',
  'Lützschena-Stahmeln',
  'Kleinzschocher',
  'Großzschocher',
  'Schleußig',
  'Altlindenau',
  'Neulindenau',
  'Marienbrunn',
  'Meusdorf',
  'Heiterblick',
  'Neustadt-Neuschönefeld',
];

const STRASSEN = [
  'Karl-Liebknecht-Straße',
  'Eisenbahnstraße',
  'Georg-Schwarz-Straße',
  'Prager Straße',
  'Jahnallee',
  'Karl-Heine-Straße',
  'Lützner Straße',
  'Dresdner Straße',
  'Delitzscher Straße',
  'Gorkistraße',
  'Wurzner Straße',
  'Bornaische Straße',
  'Antonienstraße',
  'Zschochersche Straße',
  'Riebeckstraße',
  'Torgauer Straße',
  'Philipp-Rosenthal-Straße',
  'Kurt-Eisner-Straße',
  'Arthur-Hoffmann-Straße',
  'Harkortstraße',
  'Richard-Wagner-Platz',
  'Augustusplatz',
  'Wilhelm-Leuschner-Platz',
  'Lindenauer Markt',
  'Connewitzer Kreuz',
  'Friedrich-Ebert-Straße',
  'Könneritzstraße',
  'Stötteritzer Straße',
  'Hans-Driesch-Straße',
  'Max-Liebermann-Straße',
  'Ludwigsfelder Straße',
  'Miltitzer Allee',
  'Rackwitzer Straße',
  'Berliner Straße',
  'Gerichtsweg',
  'Täubchenweg',
  'Holbeinstraße',
  'Saalfelder Straße',
  'Merseburger Straße',
  'Waldstraße',
];

const THEMEN_EXTRA = [
  { titel: 'Schulsozialarbeit', mass: 'zusätzliche Stellen für Schulsozialarbeit', kennzahl: 'Zahl der Schulsozialarbeiter' },
  { titel: 'Tempo 30 vor Schulen und Kitas', mass: 'Tempo 30 vor Schulen', kennzahl: 'Zahl der Tempo-30-Abschnitte' },
  { titel: 'Hitzeaktionsplan', mass: 'ein Hitzeaktionsplan', kennzahl: 'Zahl der Hitzetage' },
  { titel: 'Wohnungslosenhilfe', mass: 'ein Housing-First-Modellprojekt', kennzahl: 'Zahl wohnungsloser Menschen' },
  { titel: 'Sauberkeit in Parks und Grünanlagen', mass: 'zusätzliche Papierkörbe und Reinigungsintervalle', kennzahl: 'Zahl der Beschwerden' },
  { titel: 'Stadtteilbibliotheken', mass: 'längere Öffnungszeiten der Stadtteilbibliotheken', kennzahl: 'Zahl der Ausleihen' },
  { titel: 'Schwimmunterricht an Grundschulen', mass: 'zusätzliche Wasserzeiten', kennzahl: 'Anteil sicherer Schwimmer' },
  { titel: 'Photovoltaik auf städtischen Dächern', mass: 'ein Solardachprogramm', kennzahl: 'installierte Leistung in kWp' },
  { titel: 'Carsharing-Stationen', mass: 'Mobilitätsstationen', kennzahl: 'Zahl der Mobilitätsstationen' },
  { titel: 'Jugendclubs und offene Kinder- und Jugendarbeit', mass: 'die Verstetigung der Jugendclubs', kennzahl: 'Zahl der Besucher' },
  { titel: 'Barrierefreiheit im Rathaus', mass: 'ein barrierefreier Zugang zum Neuen Rathaus', kennzahl: 'Zahl barrierefreier Zugänge' },
  { titel: 'Gewerbeflächen für Handwerksbetriebe', mass: 'ein Gewerbeflächenkonzept', kennzahl: 'verfügbare Gewerbefläche in Hektar' },
  { titel: 'Hochwasserschutz an der Weißen Elster', mass: 'die Ertüchtigung der Deiche', kennzahl: 'Länge sanierter Deiche' },
  { titel: 'Straßenbahnverlängerung', mass: 'die Verlängerung der Straßenbahnlinie', kennzahl: 'Fahrgastzahlen' },
  { titel: 'Fahrradparken an Bahnhöfen', mass: 'Fahrradparkhäuser', kennzahl: 'Zahl der Fahrradstellplätze' },
  { titel: 'Digitale Ausstattung der Schulen', mass: 'Tablets und WLAN in allen Schulen', kennzahl: 'Anteil digital ausgestatteter Klassenräume' },
  { titel: 'Pflegestützpunkte', mass: 'ein zweiter Pflegestützpunkt', kennzahl: 'Zahl der Beratungen' },
  { titel: 'Stadtteilzentren', mass: 'die Förderung der Stadtteilzentren', kennzahl: 'Zahl der Veranstaltungen' },
  { titel: 'Lichtverschmutzung', mass: 'insektenfreundliche Straßenbeleuchtung', kennzahl: 'Zahl umgerüsteter Leuchten' },
  { titel: 'Spielplätze', mass: 'ein Sanierungsprogramm für Spielplätze', kennzahl: 'Zahl sanierter Spielplätze' },
];
const ALLE_THEMEN = [...THEMEN, ...THEMEN_EXTRA];

const EIGENBETRIEBE = [
  'des Städtischen Klinikums St. Georg',
  'der Leipziger Verkehrsbetriebe (LVB) GmbH',
  'der Kommunalen Wasserwerke Leipzig GmbH',
  'des Eigenbetriebs Oper Leipzig',
  'des Gewandhauses zu Leipzig',
  'der Zoo Leipzig GmbH',
  'der Leipziger Wohnungs- und Baugesellschaft mbH',
  'des Eigenbetriebs Stadtreinigung Leipzig',
  'der Stadtwerke Leipzig GmbH',
  'des Eigenbetriebs Schauspiel Leipzig',
  'der Leipziger Messe GmbH',
  'des Eigenbetriebs Behindertenhilfe',
];

const SATZUNGEN = [
  'Hundesteuersatzung',
  'Friedhofsgebührensatzung',
  'Sondernutzungssatzung',
  'Marktsatzung',
  'Abfallwirtschaftssatzung',
  'Satzung über die Erhebung von Elternbeiträgen',
  'Zweitwohnungsteuersatzung',
  'Gestaltungssatzung Innenstadt',
  'Baumschutzsatzung',
  'Stellplatzsatzung',
  'Hauptsatzung',
  'Satzung über die Benutzung der Stadtbibliothek',
  'Entgeltordnung der Musikschule',
  'Beherbergungsteuersatzung',
];

const KONZEPTE = [
  'des Integrierten Stadtentwicklungskonzepts INSEK',
  'des Schulentwicklungsplans',
  'des Radverkehrsentwicklungsplans',
  'des Nahverkehrsplans',
  'des Energie- und Klimaschutzprogramms',
  'des Lärmaktionsplans',
  'des Kita-Bedarfsplans',
  'des Wohnungspolitischen Konzepts',
  'des Luftreinhalteplans',
  'der Kulturentwicklungsplanung',
  'des Sportprogramms',
  'der Fachplanung Kinder- und Jugendförderung',
];

const BAUTEN = [
  'Neubau einer Grundschule',
  'Ersatzneubau der Kita',
  'Sanierung der Turnhalle',
  'Erweiterung des Gymnasiums',
  'Grundhafter Ausbau',
  'Neubau der Brücke',
  'Umbau der Kreuzung',
  'Sanierung des Hallenbads',
  'Neubau einer Oberschule',
  'Sanierung der Stadtteilbibliothek',
  'Neugestaltung des Platzes',
  'Erneuerung der Straßenbeleuchtung',
  'Sanierung der Feuerwache',
  'Neubau eines Horts',
];

const ZWECKE = [
  'die Unterbringung Geflüchteter',
  'Energiekosten',
  'die Schülerbeförderung',
  'Hilfen zur Erziehung',
  'den Winterdienst',
  'die Kindertagesbetreuung',
  'Bauunterhaltung an Schulen',
  'die Grundsicherung im Alter',
  'Tarifsteigerungen',
  'die Wahlen',
];

const LEISTUNGEN = ['Bauleistungen', 'Planungsleistungen', 'Reinigungsleistungen', 'IT-Dienstleistungen', 'Rahmenvertrag Büromaterial', 'Wachschutz', 'Winterdienst', 'Grünpflege'];
const VERFAHREN = ['Aufstellungsbeschluss', 'Billigungs- und Auslegungsbeschluss', 'Satzungsbeschluss', 'Änderungsbeschluss', 'Einstellungsbeschluss'];

// ---------------------------------------------------------------------------------------------
// Papers

const CODES = [
  { code: 'DS', art: 'Vorlage', weight: 0.35 },
  { code: 'A', art: 'Antrag', weight: 0.22 },
  { code: 'F', art: 'Anfrage', weight: 0.18 },
  { code: 'Ifo', art: 'Informationsvorlage', weight: 0.1 },
  { code: 'P', art: 'Petition', weight: 0.06 },
  { code: 'EF', art: 'Einwohneranfrage', weight: 0.05 },
  { code: 'WA', art: 'Wichtige Angelegenheit', weight: 0.04 },
];
const FOLLOW_UPS = { A: ['NF', 'ÄA', 'ÄA', 'VSP'], DS: ['NF', 'ÄA', 'ÄA', 'ÄA'], F: ['AW'], EF: ['AW'], P: ['VSP', 'VSP', 'AW'] };
const SUFFIX_ART = { NF: 'Neufassung', ÄA: 'Änderungsantrag', VSP: 'Verwaltungsstandpunkt', AW: 'Antwort' };

/** Council periods of Leipzig (Wahlperioden), the first day of each. */
const PERIODS = [
  { name: 'V', from: Date.UTC(2004, 7, 1) },
  { name: 'VI', from: Date.UTC(2009, 7, 1) },
  { name: 'VII', from: Date.UTC(2014, 7, 1) },
  { name: 'VIII', from: Date.UTC(2019, 7, 1) },
];
const FIRST_DAY = Date.UTC(2008, 0, 2);
const LAST_DAY = Date.UTC(2025, 4, 30);
const DAY = 86_400_000;

function periodOf(time) {
  let found = PERIODS[0];
  for (const period of PERIODS) if (time >= period.from) found = period;
  return found.name;
}

function iso(time) {
  return new Date(time).toISOString().slice(0, 10);
}

function title(rnd, code, time) {
  const year = new Date(time).getUTCFullYear();
  const thema = rnd.pick(ALLE_THEMEN);
  const ort = rnd.pick(ORTSTEILE);
  const strasse = rnd.pick(STRASSEN);
  const pick = (...templates) => rnd.pick(templates)();
  switch (code) {
    case 'DS':
      return pick(
        () => `Bebauungsplan Nr. ${rnd.int(1, 480)} „${rnd.chance(0.5) ? strasse : ort}“ – ${rnd.pick(VERFAHREN)}`,
        () => `Baubeschluss: ${rnd.pick(BAUTEN)} ${rnd.chance(0.5) ? `in der ${strasse}` : `in ${ort}`}`,
        () => `Jahresabschluss ${year - 1} ${rnd.pick(EIGENBETRIEBE)}`,
        () => `Wirtschaftsplan ${year + 1} ${rnd.pick(EIGENBETRIEBE)}`,
        () => `${rnd.pick(SATZUNGEN)} – ${rnd.pick(['Neufassung', 'Änderung', 'Erste Änderungssatzung', 'Zweite Änderungssatzung'])}`,
        () => `Überplanmäßige Aufwendungen für ${rnd.pick(ZWECKE)} im Haushaltsjahr ${year}`,
        () => `Fortschreibung ${rnd.pick(KONZEPTE)} ${year}`,
        () => `Vergabe von ${rnd.pick(LEISTUNGEN)} für ${rnd.pick(BAUTEN)} in ${ort}`,
        () => `Grundstücksangelegenheit ${strasse} in ${ort}`,
        () => `Straßenbenennung in ${ort}`,
        () => `${thema.titel}: ${rnd.pick(['Umsetzungskonzept', 'Grundsatzbeschluss', 'Maßnahmenplan', 'Finanzierung'])}`,
        () => `Besetzung des ${rnd.pick(GREMIEN).replace(/^(Fachausschuss|Ausschuss)/, '$1es')}`,
      );
    case 'A':
      return pick(
        () => thema.titel,
        () => `${thema.titel} in ${ort}`,
        () => `${thema.titel} voranbringen`,
        () => `Prüfauftrag: ${thema.titel}`,
        () => `Konzept für ${thema.mass}`,
        () => `${thema.titel} an der ${strasse}`,
        () => `Mehr Transparenz: ${thema.kennzahl} veröffentlichen`,
      );
    case 'F':
      return pick(
        () => `Sachstand ${thema.titel}`,
        () => `Nachfrage zu ${thema.titel}`,
        () => `${thema.titel} in ${ort}: Stand der Umsetzung`,
        () => `Situation in der ${strasse}`,
        () => `Entwicklung der ${thema.kennzahl} seit ${year - rnd.int(2, 6)}`,
        () => `Anfrage zu ${thema.mass} im ${rnd.pick(AEMTER)}`,
      );
    case 'Ifo':
      return pick(
        () => `Bericht zu ${thema.titel} ${year}`,
        () => `Information zum Stand ${rnd.pick(KONZEPTE)}`,
        () => `Quartalsbericht ${rnd.int(1, 4)}/${year} ${rnd.pick(EIGENBETRIEBE)}`,
        () => `Sachstandsbericht ${rnd.pick(BAUTEN)} in ${ort}`,
      );
    case 'P':
      return pick(
        () => `Petition: ${thema.titel}`,
        () => `Petition ${thema.titel} in ${ort}`,
        () => `Petition zur ${strasse}`,
      );
    case 'EF':
      return pick(
        () => `Einwohneranfrage zu ${thema.titel} in ${ort}`,
        () => `Einwohneranfrage: Verkehrssituation ${strasse}`,
      );
    default:
      return pick(
        () => `Wichtige Angelegenheit: ${thema.titel}`,
        () => `Eilentscheidung ${rnd.pick(BAUTEN)} in ${ort}`,
      );
  }
}

function pad(number, width) {
  return String(number).padStart(width, '0');
}

/**
 * The papers' register data, in order of creation: `{ k, nummer, titel, art, datum, code }`.
 * About one in seven is a follow-up of an earlier paper (same number plus `-NF-01`, `-ÄA-02`,
 * `-AW-01`, …), as Leipzig's ALLRIS numbers them.
 */
export function paperRecords(count) {
  const rnd = new Random(seedFor(SEED, 'papers'));
  const counters = new Map();
  const recent = [];
  const records = [];
  for (let k = 0; k < count; k++) {
    const time = FIRST_DAY + Math.floor(((LAST_DAY - FIRST_DAY) * k) / Math.max(1, count - 1) / DAY) * DAY;
    const base = recent.length > 20 && rnd.chance(0.15) ? recent[rnd.int(Math.max(0, recent.length - 300), recent.length - 1)] : undefined;
    if (base) {
      const suffix = rnd.pick(FOLLOW_UPS[base.code]);
      const n = (base.suffixes.get(suffix) ?? 0) + 1;
      base.suffixes.set(suffix, n);
      const when = Math.min(LAST_DAY, base.time + rnd.int(7, 90) * DAY);
      const titel = suffix === 'ÄA' && rnd.chance(0.5) ? `Änderungsantrag zu „${base.titel}“` : base.titel;
      records.push({ k, nummer: `${base.nummer}-${suffix}-${pad(n, 2)}`, titel, art: SUFFIX_ART[suffix], datum: iso(when), code: base.code });
      continue;
    }
    const roll = rnd.next();
    let acc = 0;
    const spec = CODES.find((c) => (acc += c.weight) > roll) ?? CODES[0];
    const period = periodOf(time);
    const key = `${period}-${spec.code}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    check(n <= 99_999, `more than 99,999 papers of ${key}`);
    const record = { k, nummer: `${key}-${pad(n, 5)}`, titel: title(rnd, spec.code, time), art: spec.art, datum: iso(time), code: spec.code };
    records.push(record);
    if (FOLLOW_UPS[spec.code]) {
      recent.push({ ...record, time, suffixes: new Map() });
      if (recent.length > 600) recent.splice(0, 300);
    }
  }
  return records;
}

/** An OParl 1.1 Paper object for a record, with the fields a real ALLRIS server sends. */
export function paperObject(record, base, modified) {
  const id = `${base}/oparl/paper/${100_000 + record.k}`;
  const volfdnr = 1_000_000 + record.k;
  const created = `${record.datum}T09:${pad(record.k % 60, 2)}:00+02:00`;
  const org = `${base}/oparl/organization/${100 + (record.k % 37)}`;
  return {
    id,
    type: 'https://schema.oparl.org/1.1/Paper',
    body: `${base}/oparl/body/1`,
    name: record.titel,
    reference: record.nummer,
    date: record.datum,
    paperType: record.art,
    mainFile: {
      id: `${base}/oparl/file/${200_000 + record.k}`,
      type: 'https://schema.oparl.org/1.1/File',
      name: record.art,
      fileName: `${record.nummer}.pdf`,
      mimeType: 'application/pdf',
      size: 40_000 + ((record.k * 7919) % 900_000),
      accessUrl: `${base}/oparl/file/${200_000 + record.k}/access`,
      downloadUrl: `${base}/oparl/file/${200_000 + record.k}/download/${record.nummer}.pdf`,
      created,
      modified: modified ?? created,
    },
    originatorOrganization: [org],
    consultation: [
      {
        id: `${base}/oparl/consultation/${300_000 + record.k}`,
        type: 'https://schema.oparl.org/1.1/Consultation',
        paper: id,
        meeting: `${base}/oparl/meeting/${5000 + (record.k % 2900)}`,
        organization: [`${base}/oparl/organization/1`],
        role: record.code === 'F' || record.code === 'EF' ? 'Beantwortung' : 'Beschlussfassung',
        authoritative: true,
      },
    ],
    web: `https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR=${volfdnr}`,
    created,
    modified: modified ?? created,
    deleted: false,
  };
}

/**
 * What happens after the full sync (at T_CHANGE): `count` papers change. 80 % get a new title
 * (a Neufassung of the text), 10 % are deleted, 10 % are new. Returns the records and how
 * many of each.
 */
export function changes(records, count) {
  const rnd = new Random(seedFor(SEED, 'changes', records.length));
  const deleted = Math.round(count * 0.1);
  const added = Math.round(count * 0.1);
  const modified = count - deleted - added;
  const picked = rnd.sample(
    Array.from({ length: records.length }, (_, i) => i),
    modified + deleted,
  );
  const list = [];
  for (const [i, index] of picked.entries()) {
    const record = records[index];
    list.push(i < modified ? { kind: 'modified', record: { ...record, titel: `${record.titel} (Neufassung ${T_CHANGE.slice(0, 10)})` } } : { kind: 'deleted', record });
  }
  for (let i = 0; i < added; i++) {
    const k = records.length + i;
    list.push({ kind: 'added', record: { k, nummer: `VIII-WA-${pad(90_001 + i, 5)}`, titel: `Eilentscheidung ${rnd.pick(BAUTEN)} in ${rnd.pick(ORTSTEILE)}`, art: 'Wichtige Angelegenheit', datum: '2025-06-01', code: 'WA' } });
  }
  return { list, modified, deleted, added };
}

export function tombstone(record, base) {
  return { id: `${base}/oparl/paper/${100_000 + record.k}`, type: 'https://schema.oparl.org/1.1/Paper', deleted: true, modified: T_CHANGE };
}

// ---------------------------------------------------------------------------------------------
// The cache file

/**
 * Where the cache of `count` papers lives: `<dir>/ratsfeder/oparl-<host>-<hash>.json`, the cache
 * of Leipzig's System URL, which a project of the default profile reads; dir usable as XDG_CACHE_HOME.
 */
export function cacheDir(count) {
  return path.join(REGISTER_DIR, `xdg-${count}`);
}

/**
 * Writes the OParl cache of `count` papers (as a sync at T1 from `CACHE_BASE` would, through
 * the project's own `paperToEntry` and `saveCache`), unless its manifest says it is there.
 * Returns `{ file, count, bytes, xdg }`.
 */
export function ensureCache(mod, count) {
  const xdg = cacheDir(count);
  const file = mod.cacheFileFor(path.join(xdg, 'ratsfeder'), `${CACHE_BASE}/oparl/system`);
  const manifestFile = path.join(xdg, 'manifest.json');
  // The file is written by the project's own code: when that changes (row order, fields, the
  // layout of the file), so must the file. What it writes for a few papers tells.
  const sample = new Map();
  for (const record of paperRecords(50)) {
    const paper = paperObject(record, CACHE_BASE);
    sample.set(paper.id, mod.paperToEntry(paper, mod.compileProfile(mod.DEFAULT_PROFILE).scanner));
  }
  const format = fingerprint(`${mod.serializeCache}\n${mod.saveCache}\n${mod.paperToEntry}\n${mod.serializeCache({ version: 2, system: `${CACHE_BASE}/oparl/system`, syncedAt: T1, papers: sample })}`);
  if (existsSync(manifestFile) && existsSync(file)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.version === REGISTER_GENERATOR_VERSION && manifest.seed === SEED && manifest.count === count && manifest.format === format && statSync(file).size === manifest.bytes) {
      return { file, xdg, count, bytes: manifest.bytes, entries: manifest.entries };
    }
  }
  rmSync(xdg, { recursive: true, force: true });
  const scanner = mod.compileProfile(mod.DEFAULT_PROFILE).scanner;
  const papers = new Map();
  for (const record of paperRecords(count)) {
    const paper = paperObject(record, CACHE_BASE);
    const entry = mod.paperToEntry(paper, scanner);
    check(entry && entry.nummer === record.nummer, `generated paper ${record.nummer} is not a valid register entry`);
    papers.set(paper.id, entry);
  }
  check(papers.size === count, `generated ${papers.size} papers, expected ${count}`);
  mod.saveCache(file, { version: 1, system: `${CACHE_BASE}/oparl/system`, syncedAt: T1, papers });
  const bytes = statSync(file).size;
  writeFileSync(manifestFile, `${JSON.stringify({ version: REGISTER_GENERATOR_VERSION, seed: SEED, count, format, bytes, entries: papers.size })}\n`);
  return { file, xdg, count, bytes, entries: papers.size };
}

// ---------------------------------------------------------------------------------------------
// The workspace

export function workspaceDir(drafts) {
  return path.join(REGISTER_DIR, `workspace-${drafts}`);
}

const KIND_CODES = { Antrag: 'A', Anfrage: 'F', Änderungsantrag: 'A' };

/**
 * A workspace of `drafts` drafts (the drafts of bench/corpus.mjs, two in three with the
 * `nummer:` the council gave them) and one register file of older documents. Returns its
 * manifest: `{ dir, drafts, numbered, fileEntries, files, bytes, probe }` (`probe`: a draft's number).
 */
export function ensureWorkspace(drafts) {
  const dir = workspaceDir(drafts);
  const manifestFile = path.join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const files = readdirSync(dir, { recursive: true }).filter((name) => /\.(md|csv)$/.test(String(name))).length;
    if (manifest.version === REGISTER_GENERATOR_VERSION && manifest.drafts === drafts && files === manifest.files) return { ...manifest, dir };
  }
  rmSync(dir, { recursive: true, force: true });
  let numbered = 0;
  let bytes = 0;
  let probe;
  for (let i = 0; i < drafts; i++) {
    const d = corpusDraft(i);
    let text = d.text;
    if (i % 3 !== 2) {
      // A submitted draft: the number ALLRIS gave it, right after `art:`.
      const nummer = `VIII-${KIND_CODES[d.kind]}-${pad(20_000 + i, 5)}${d.kind === 'Änderungsantrag' ? '-ÄA-01' : ''}`;
      text = text.replace(/^(art: .*)$/m, `$1\nnummer: ${nummer}`);
      numbered++;
      probe ??= nummer;
    }
    const file = path.join(dir, d.file.replace(/^drafts\//, 'vorlagen/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  // A register file of the previous period's documents, as a council group keeps one.
  const rnd = new Random(seedFor(SEED, 'register-file'));
  const rows = ['nummer;titel;art;datum;url'];
  const fileEntries = 500;
  for (let i = 1; i <= fileEntries; i++) {
    const thema = rnd.pick(ALLE_THEMEN);
    rows.push(`VII-A-${pad(i * 7, 5)};${thema.titel} in ${rnd.pick(ORTSTEILE)};Antrag;${2015 + (i % 5)}-0${1 + (i % 9)}-1${i % 10};https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR=${900_000 + i}`);
  }
  mkdirSync(path.join(dir, 'register'), { recursive: true });
  writeFileSync(path.join(dir, 'register', 'wahlperiode-vii.register.csv'), `${rows.join('\n')}\n`);
  const manifest = { version: REGISTER_GENERATOR_VERSION, drafts, numbered, fileEntries, files: drafts + 1, bytes, probe };
  writeFileSync(manifestFile, `${JSON.stringify(manifest)}\n`);
  return { ...manifest, dir };
}

/**
 * A fingerprint of a register's papers: each entry as JSON (details included), by OParl id.
 * What a sync must get right, whatever else the cache file records (its format version, the
 * time of the last full sync, the calendar).
 */
export function papersFingerprint(papers) {
  // Named fields, not the object: an entry read back from a cache file decodes its details
  // when first asked for, so its own keys differ from a fresh entry's.
  const fields = ({ nummer, titel, art, datum, url, asWritten, details }) => ({ nummer, titel, art, datum, url, asWritten, details });
  const rows = [...papers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, entry]) => JSON.stringify([id, fields(entry)]));
  return fingerprint(rows.join('\n'));
}

/** A short fingerprint of a text (to compare a sync's cache with the expected one in another process). */
export function fingerprint(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
