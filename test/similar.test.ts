import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse } from '../server/src/analysis/analyse.js';
import { parseConfig, ruleOptions } from '../server/src/config/config.js';
import { RegisterStore } from '../server/src/node/register-store.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { parseRegisterFile } from '../server/src/register/files.js';
import { LayeredRegister, RegisterIndex, type SimilarIndexKeeper } from '../server/src/register/index.js';
import { keepBesideCache, similarIndexFile } from '../server/src/node/similar-store.js';
import { GermanAnalyzer, units } from '../server/src/register/german.js';
import { draftExclusions, draftQuery, processTerm, SimilarIndex, SNAPSHOT_VERSION, synonymGroups, uncalibrated } from '../server/src/register/similar.js';
import type { OparlCache, RegisterEntry } from '../server/src/register/types.js';
import { checkText } from '../server/src/service/check.js';
import { createService } from '../server/src/service/service.js';
import { ROOT, TODAY } from './helpers.js';

/*
 * Similar documents: the fixture register of the rule (near-duplicates, paraphrases with
 * other word forms and spellings, unrelated titles) against a set of drafts.
 */
const DIR = path.join(ROOT, 'test', 'regeln', 'aehnliches-dokument');
const REGISTER_FILE = path.join(DIR, 'ratsinfo.register.csv');
const compiled = compileProfile(DEFAULT_PROFILE);
const parsed = parseRegisterFile(readFileSync(REGISTER_FILE, 'utf8'), 'csv', pathToFileURL(REGISTER_FILE).href, compiled.scanner);
const register = new RegisterIndex(parsed.entries, true);

function draft(titel: string, body = '', front = ''): ReturnType<typeof analyse> {
  return analyse(`---\nart: Antrag\ntitel: ${titel}\neinreicher: Freibeuter-Fraktion\n${front}---\n\n## Beschlussvorschlag\n\n${body}\n`, DEFAULT_PROFILE);
}

function ranking(titel: string, body = '', front = ''): string[] {
  const d = draft(titel, body, front);
  return register.similar(draftQuery(d)!, { limit: 5, exclude: draftExclusions(d) }).map((match) => match.entry.nummer);
}

describe('similar documents', () => {
  it('reads the fixture register without problems', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.length).toBeGreaterThan(20);
  });

  it('folds case, umlauts and ß, drops stop words and stems German word forms', () => {
    const stems = (words: string) => words.split(' ').map(processTerm);
    expect(stems('Berichte Berichten Bericht')).toEqual(['bericht', 'bericht', 'bericht']);
    expect(stems('städtischer städtischen STÄDTISCHE')).toEqual(['stadtisch', 'stadtisch', 'stadtisch']);
    expect(stems('Straßenbahn Strassenbahnen')).toEqual(['strassenbahn', 'strassenbahn']);
    expect(stems('als in der für')).toEqual([null, null, null, null]);
    expect(stems('2030')).toEqual(['2030']);
  });

  // Each draft with the document it must find first and those among its first three.
  const cases: [string, string, string, string[]][] = [
    ['Rohdaten städtischer Berichte als Open Data', '', 'VIII-F-00642', ['VIII-F-00642-AW-01', 'VII-A-03311']],
    ['Haltestellen der Strassenbahn barrierefrei gestalten', 'Der Oberbürgermeister wird beauftragt, alle Haltestellen bis 2030 barrierefrei umzubauen.', 'VII-F-02210', ['VIII-A-00902']],
    ['Ausbau der Strassenbahnlinie 16', '', 'VIII-F-00777', []],
    ['Sanierung von Sporthallen an Schulen', 'Der Oberbürgermeister wird beauftragt, einen Plan zur Sanierung der Turnhallen vorzulegen.', 'VIII-A-00612', ['VIII-F-00613']],
    ['Mittagessen in Kindertagesstätten kostenfrei anbieten', '', 'VIII-A-00333', ['VIII-F-00334']],
    ['Mehr Bäume für die Straßen im Leipziger Osten', '', 'VIII-A-00455', []],
    ['Sichere Radwege zu den Grundschulen', '', 'VIII-A-00815', []],
    ['Lärm durch Veranstaltungen in der Innenstadt', 'Der Oberbürgermeister wird beauftragt, die Nachtruhe besser zu schützen.', 'VIII-F-00951', []],
    ['Notschlafplätze für Wohnungslose im Winter', '', 'VIII-A-01100', []],
  ];

  it.each(cases)('%s', (titel, body, first, alsoTop3) => {
    const found = ranking(titel, body);
    expect(found[0]).toBe(first);
    expect(found.slice(0, 3)).toEqual(expect.arrayContaining(alsoTop3));
  });

  it('scores from 0 to 1, 1 for the same title, low for another subject', () => {
    const same = register.similar({ titel: 'Veröffentlichung von Rohdaten in städtischen Berichten als Open Data' }, { limit: 3 });
    expect(same[0]).toMatchObject({ entry: { nummer: 'VIII-F-00642' }, score: 1 });
    for (const match of same) expect(match.score).toBeGreaterThan(0);
    const other = register.similar({ titel: 'Ein Spielplatz für Grünau', text: 'Der Oberbürgermeister wird beauftragt, in Grünau einen Spielplatz zu errichten.' }, { limit: 5 });
    for (const match of other) expect(match.score).toBeLessThan(0.3);
    expect(register.similar({ titel: 'der die das' }, { limit: 5 })).toEqual([]);
  });

  it('leaves out what the draft cites, its versions, its own number and the draft itself', () => {
    expect(ranking('Rohdaten städtischer Berichte als Open Data', 'Wie in VIII-F-00642 gefragt.')).not.toContain('VIII-F-00642');
    // The answer (-AW-01) to a cited Anfrage is the same matter.
    expect(ranking('Rohdaten städtischer Berichte als Open Data', 'Wie in VIII-F-00642 gefragt.')).not.toContain('VIII-F-00642-AW-01');
    expect(ranking('Rohdaten städtischer Berichte als Open Data', '', 'bezug: VIII-F-00642-AW-01\n')).not.toContain('VIII-F-00642');
    // "Jahresbericht der Kfz-Zulassungsbehörde" shares the part "Bericht", far below.
    expect(ranking('Rohdaten städtischer Berichte als Open Data', '', 'nummer: VIII-F-00642\n')).toEqual(['VII-A-03311', 'VIII-Ifo-00120']);
    const self: RegisterEntry = { nummer: 'VIII-A-09999', titel: 'Rohdaten städtischer Berichte als Open Data', source: 'workspace', origin: 'file:///ws/rohdaten.antrag.md' };
    const layered = new LayeredRegister([new RegisterIndex([self], false), register]);
    const d = draft('Rohdaten städtischer Berichte als Open Data');
    const found = (uri?: string) => layered.similar(draftQuery(d)!, { limit: 3, exclude: draftExclusions(d, uri) }).map((match) => match.entry.nummer);
    expect(found()).toContain('VIII-A-09999');
    expect(found('file:///ws/rohdaten.antrag.md')).not.toContain('VIII-A-09999');
  });

  it('shows a number that a workspace draft answers for as the draft has it, with the best score a layer gives it', () => {
    // The workspace holds the Anfrage as a draft with its number; a few drafts weigh words
    // poorly, the register file beside it holds the same number among many documents.
    const mine: RegisterEntry = { nummer: 'VIII-F-00642', titel: 'Veröffentlichung von Rohdaten in städtischen Berichten als Open Data', text: 'Viele städtische Berichte erscheinen nur als PDF.', source: 'workspace', origin: 'file:///ws/rohdaten.anfrage.md' };
    const other: RegisterEntry = { nummer: 'VIII-A-01999', titel: 'Open Data: Rohdaten der Verkehrszählung', source: 'workspace', origin: 'file:///ws/zaehlung.antrag.md' };
    const layered = new LayeredRegister([new RegisterIndex([mine, other], false), register]);
    const d = draft('Rohdaten städtischer Berichte als Open Data', 'Die Stadt veröffentlicht ihre Jahresberichte als PDF.');
    const query = draftQuery(d)!;
    const fromFile = register.similar(query, { limit: 5 }).find((match) => match.entry.nummer === 'VIII-F-00642')!;
    const found = layered.similar(query, { limit: 5 });
    expect(found[0]!.entry).toBe(mine);
    expect(found[0]!.score).toBeGreaterThanOrEqual(fromFile.score);
    // Its answer ranks below it, as in the register file alone.
    expect(found.findIndex((match) => match.entry.nummer === 'VIII-F-00642-AW-01')).toBeGreaterThan(0);
    // The draft never sees its own number, from whichever layer.
    const own = layered.similar(query, { limit: 5, exclude: (entry) => entry.origin === 'file:///ws/rohdaten.anfrage.md' });
    expect(own.map((match) => match.entry.nummer)).not.toContain('VIII-F-00642');
  });

  it('takes the title and the opening of the first section as the query, bounded', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Absatz ${i} mit einigen Wörtern.`).join('\n\n');
    const query = draftQuery(draft('Titel', long))!;
    expect(query.titel).toBe('Titel');
    expect(query.text!.length).toBeGreaterThanOrEqual(200);
    expect(query.text!.length).toBeLessThanOrEqual(600);
    expect(draftQuery(draft('Titel', '1. **Erstens** mit [Link](https://example.org)'))).toEqual({ titel: 'Titel', text: 'Erstens mit Link' });
    expect(draftQuery(analyse('---\nart: Antrag\n---\n\n## Beschlussvorschlag\n\nText\n', DEFAULT_PROFILE))).toBeUndefined();
  });

  it('in a large register, lets common words score only what rarer words found, without changing those scores', () => {
    // The fixture register among 3,000 titles that all say "Stadt Leipzig" and mostly
    // "Verwaltung" or "Antrag": these words are common, each query splits.
    const words = ['Sportplatz', 'Bibliothek', 'Feuerwehr', 'Friedhof', 'Parkhaus', 'Jugendclub', 'Markthalle', 'Brücke', 'Kita', 'Museum', 'Theater', 'Stadion', 'Wochenmarkt', 'Hafen', 'Sternwarte'];
    const fillers: RegisterEntry[] = Array.from({ length: 3000 }, (_, i) => ({
      nummer: `VIII-DS-${String(10000 + i).padStart(5, '0')}`,
      // 3,000 different titles: entries of the same title are one document of the index.
      titel: `${words[i % 15]} und ${words[Math.floor(i / 15) % 15]} beim ${words[Math.floor(i / 225) % 15]} der Stadt Leipzig${i % 3 === 0 ? '' : ' Verwaltung'}${i % 4 === 0 ? ' Antrag Sanierung' : ''}`,
      source: 'oparl',
    }));
    const entries = [...parsed.entries, ...fillers];
    const lookup = new Map(entries.map((entry) => [entry.nummer, entry]));
    const split = new SimilarIndex(entries, (nummer) => lookup.get(nummer));
    const whole = new SimilarIndex(entries, (nummer) => lookup.get(nummer), undefined, Infinity);
    const queries = [
      ...cases.map(([titel, text]) => ({ titel, text })),
      { titel: 'Sanierung der Bibliothek der Stadt Leipzig', text: 'Die Verwaltung der Stadt Leipzig wird beauftragt, die Sanierung zu planen.' },
      { titel: 'Antrag der Verwaltung der Stadt Leipzig' },
      { titel: 'Sporthallen der Stadt Leipzig sanieren' },
    ];
    for (const query of queries) {
      const found = split.query(query, { limit: 20 });
      const all = whole.query(query, { limit: 20 });
      // Whatever both find scores the same; what only the whole search finds scores low.
      const scores = new Map(all.map((match) => [match.entry.nummer, match.score]));
      for (const match of found) if (scores.has(match.entry.nummer)) expect(match.score, `${query.titel}: ${match.entry.nummer}`).toBeCloseTo(scores.get(match.entry.nummer)!, 9);
      const missed = all.filter((match) => !found.some((other) => other.entry.nummer === match.entry.nummer));
      for (const match of missed) expect(match.score, `${query.titel}: ${match.entry.nummer} left out`).toBeLessThan(0.35);
      expect(found[0]?.entry.nummer, query.titel).toBe(all[0]?.entry.nummer);
    }
    // The split happens: a query of common words alone still finds its documents, and a
    // common word does not pull in every title that holds it.
    expect(split.query({ titel: 'Antrag der Verwaltung der Stadt Leipzig' }, { limit: 3 })[0]?.score).toBeGreaterThan(0.8);
    const rare = split.query({ titel: 'Sternwarte der Stadt Leipzig' }, { limit: 3000 });
    expect(rare.length).toBeLessThan(whole.query({ titel: 'Sternwarte der Stadt Leipzig' }, { limit: 3000 }).length / 2);
    expect(rare[0]?.entry.titel).toMatch(/Sternwarte/);
  });

  it('scores entries of one title alike, lists each of them, and leaves out only the excluded ones', () => {
    const same = (nummer: string, datum: string, text?: string): RegisterEntry => ({ nummer, titel: 'Trinkbrunnen in allen Stadtteilen', art: 'Antrag', datum, source: 'oparl', ...(text ? { text } : {}) });
    const entries = [same('VIII-A-00100', '2024-01-10'), same('VIII-A-00100-NF-01', '2024-02-01'), same('VIII-A-00100-VSP-01', '2024-03-01'), same('VIII-A-00200', '2023-05-01', 'Die Stadt stellt Trinkbrunnen auf.'), ...parsed.entries];
    const lookup = new Map(entries.map((entry) => [entry.nummer, entry]));
    const index = new SimilarIndex(entries, (nummer) => lookup.get(nummer));
    const found = index.query({ titel: 'Trinkbrunnen in allen Stadtteilen' }, { limit: 4 });
    // The same title scores 1 for each, the most recent first; the entry with a text is compared by its title too.
    expect(found.map((match) => [match.entry.nummer, match.score])).toEqual([
      ['VIII-A-00100-VSP-01', 1],
      ['VIII-A-00100-NF-01', 1],
      ['VIII-A-00100', 1],
      ['VIII-A-00200', 1],
    ]);
    const left = index.query({ titel: 'Trinkbrunnen in allen Stadtteilen' }, { limit: 4, exclude: (entry) => entry.nummer === 'VIII-A-00100-NF-01' });
    // Below them, "Open-Data-Portal der Stadt Leipzig" shares the part "Stadt" of "Stadtteilen".
    expect(left.map((match) => [match.entry.nummer, match.score]).slice(0, 3)).toEqual([
      ['VIII-A-00100-VSP-01', 1],
      ['VIII-A-00100', 1],
      ['VIII-A-00200', 1],
    ]);
    // The share of the reference score it reaches is small (the score shown is calibrated).
    expect(left.slice(3).every((match) => uncalibrated(match.score) < 0.15)).toBe(true);
  });

  it('follows the register when it changes', () => {
    const store = new RegisterStore(compiled);
    store.addRegisterFiles([REGISTER_FILE], DIR);
    const query = { titel: 'Trinkbrunnen aufstellen' };
    expect(store.lookup.similar!(query, { limit: 1 })).toEqual([]);
    store.updateText(path.join(DIR, 'neu.register.csv'), 'nummer;titel;art;datum\nVIII-A-01300;Mehr Trinkbrunnen in der Stadt;Antrag;2025-05-01\n');
    expect(store.lookup.similar!(query, { limit: 1 })[0]?.entry.nummer).toBe('VIII-A-01300');
    store.removeFile(path.join(DIR, 'neu.register.csv'));
    expect(store.lookup.similar!(query, { limit: 1 })).toEqual([]);
  });
});

describe('the rule and the hover', () => {
  const store = new RegisterStore(compiled);
  store.addRegisterFiles([REGISTER_FILE], DIR);
  const text = '---\nart: Anfrage\ntitel: Mehr Bäume für die Straßen im Leipziger Osten\neinreicher: Freibeuter-Fraktion\n---\n\n## Fragen\n\n1. Wo?\n';
  const options = (threshold?: number) => ({
    profile: DEFAULT_PROFILE,
    severities: {},
    locale: 'de' as const,
    today: TODAY,
    host: { register: store.lookup },
    ...(threshold === undefined ? {} : { ruleOptions: { similarityThreshold: threshold } }),
  });
  const similar = (threshold?: number) => checkText(text, options(threshold)).findings.filter((finding) => finding.ruleId === 'aehnliches-dokument');

  it('takes its threshold from aehnlichkeit: schwelle: in ratsfeder.yaml', () => {
    // A related paper (trees in the streets of Leipzig's east), about 0.67 as shown: over the
    // default of 0.6, under a stricter 0.8.
    const found = [expect.stringContaining('VIII-A-00455 „Baumpflanzungen in den Straßen des Leipziger Ostens“ (Antrag, 07.02.2024)')];
    expect(similar().map((finding) => finding.message)).toEqual(found);
    expect(similar(0.8)).toEqual([]);
    expect(similar(0.5).map((finding) => finding.message)).toEqual(found);
    const config = parseConfig('aehnlichkeit:\n  schwelle: 0.5\n', 'ratsfeder.yaml');
    expect(ruleOptions(config.value)).toEqual({ similarityThreshold: 0.5 });
    expect(parseConfig('aehnlichkeit:\n  schwelle: 2\n', 'ratsfeder.yaml').value).toBeUndefined();
  });

  it('stays silent without a register that knows more than the workspace', () => {
    const workspaceOnly = new RegisterStore(compiled);
    workspaceOnly.workspace.update('file:///ws/alt.antrag.md', '---\nart: Antrag\nnummer: VIII-A-00455\ntitel: Baumpflanzungen in den Straßen des Leipziger Ostens\n---\n');
    workspaceOnly.changed();
    const findings = checkText(text, { ...options(0.1), host: { register: workspaceOnly.lookup } }).findings;
    expect(findings.filter((finding) => finding.ruleId === 'aehnliches-dokument')).toEqual([]);
  });

  it('lists the most similar documents in the hover over the title, escaped, with web links only', () => {
    const service = createService();
    const hover = service.hover({ uri: 'file:///ws/baeume.anfrage.md', version: 1, text }, { ...options(), configProblems: [], register: store.lookup }, { line: 2, character: 3 });
    const value = (hover?.contents as { value: string }).value;
    expect(value).toContain('Ähnliche Dokumente im Register');
    expect(value.split('\n').filter((line) => line.startsWith('- '))[0]).toMatch(/^- \d+ % ähnlich · \[VIII\\-A\\-00455\]\(https:\/\/ratsinformation\.leipzig\.de\/[^)]*\) · Baumpflanzungen/);
    expect(hover?.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 52 } });
    expect(service.hover({ uri: 'file:///ws/baeume.anfrage.md', version: 1, text }, { ...options(), configProblems: [], register: store.lookup }, { line: 3, character: 3 })).toBeNull();
  });
});

describe('German as councils write it', () => {
  const titles: [string, string][] = [
    ['VIII-A-01', 'Online-Übersicht der bereits gemeldeten Wohnungen nach der Zweckentfremdungssatzung'],
    ['VIII-A-02', 'Sanierung der Sporthallen an Schulen'],
    ['VIII-A-03', 'Schutz der Bevölkerung vor Hitze'],
    ['VIII-A-04', 'Mehr Plätze in Kindertagesstätten'],
    ['VIII-A-05', 'Photovoltaik auf städtischen Dächern'],
    ['VIII-A-06', 'Digitalisierung der Verwaltung: Anträge online stellen'],
    ['VIII-A-07', 'E-Scooter auf Gehwegen ordnen'],
    ['VIII-A-08', 'Barrierefreier Ein- und Ausgang am Hauptbahnhof'],
    ['VIII-A-09', 'Neue Radwege in Grünau'],
    ['VIII-A-10', 'Haushalt 2025: Stellenplan der Verwaltung'],
    ['VIII-A-11', 'Parkplätze am Neuen Rathaus'],
    ['VIII-A-12', 'Sanierung der Stadtbibliothek'],
  ];
  const entries: RegisterEntry[] = titles.map(([nummer, titel]) => ({ nummer, titel, source: 'file' }));
  const small = new RegisterIndex(entries, true);
  const analyzer = new GermanAnalyzer(titles.map(([, titel]) => titel));
  // The thesaurus every council starts from, with the default profile's own groups.
  const synonyms = synonymGroups(DEFAULT_PROFILE, undefined);

  it('splits compounds into parts, with Fugen, longest first part first, not at suffixes', () => {
    expect(analyzer.split('zweckentfremdungssatzung')).toEqual(['zweckentfremdungs', 'satzung']);
    expect(analyzer.split('zweckentfremdungsmeldungen')).toEqual(['zweckentfremdungs', 'meldungen']);
    expect(analyzer.split('schulturnhallen')).toEqual(['schul', 'turn', 'hallen']);
    expect(analyzer.split('hitzeschutzplan')).toEqual(['hitze', 'schutz', 'plan']);
    expect(analyzer.split('sporthallen')).toEqual(['sport', 'hallen']);
    for (const word of ['wohnungen', 'verwaltung', 'sanierung', 'digitalisierung']) expect(analyzer.split(word), word).toBeNull();
    // The parts as terms, a compound's part without its Fuge, and runs of parts that end or start it.
    expect(analyzer.terms('Hitzeschutzplan').parts).toEqual(['hitz', 'schutz', 'plan', 'schutzplan', 'hitzeschutz']);
    expect(analyzer.terms('Zweckentfremdungsmeldungen').parts).toContain(processTerm('Zweckentfremdung'));
  });

  it('stems the plural and genitive of a last part like its singular, umlauts folded', () => {
    const stems = (words: string) => words.split(' ').map(processTerm);
    expect(new Set(stems('Meldungen Meldung'))).toEqual(new Set(['meldung']));
    expect(new Set(stems('Hallen Halle'))).toEqual(new Set(['hall']));
    expect(new Set(stems('Plätze Platz Platzes'))).toEqual(new Set(['platz']));
  });

  it('reads hyphenated and slash forms as people mean them', () => {
    expect(analyzer.terms('E-Scooter')).toMatchObject({ whole: ['escoot'], parts: ['scoot'] });
    expect(analyzer.terms('Kita-Plätze')).toMatchObject({ whole: ['kitaplatz'], parts: ['kita', 'platz'] });
    expect(units('Ein-/Ausgang und Rad- und Fußwege')).toHaveLength(3);
    const [slash, , suspended] = units('Ein-/Ausgang und Rad- und Fußwege').map((unit) => analyzer.terms(unit));
    expect(slash!.whole).toEqual(['eingang', 'ausgang']);
    expect(suspended!.whole).toEqual(expect.arrayContaining([processTerm('Radwege'), processTerm('Fußwege')]));
  });

  it('finds the counterpart of each of the issue\'s examples first, and says what they share', () => {
    const examples: [string, string, string][] = [
      ['Schulturnhallen sanieren', 'VIII-A-02', 'Schulen'],
      ['Hitzeschutzplan für Leipzig', 'VIII-A-03', 'Hitze'],
      ['Kita-Plätze ausbauen', 'VIII-A-04', 'Kindertagesstätten'],
      ['Solaranlagen auf Schulen und Kitas', 'VIII-A-05', 'Photovoltaik'],
      ['Abstellen von E-Scootern', 'VIII-A-07', 'E-Scooter'],
      ['Eingang am Hauptbahnhof', 'VIII-A-08', 'Ein-/Ausgang'],
    ];
    for (const [titel, nummer, shared] of examples) {
      const [first] = small.similar({ titel }, { limit: 3, synonyms });
      expect(first?.entry.nummer, titel).toBe(nummer);
      expect(first?.shared, titel).toContain(shared);
    }
    // Among the first three: the compound's first part, not a word of the register, is all it shares.
    const found = small.similar({ titel: 'Transparenz bei der Prüfung von Zweckentfremdungsmeldungen von Wohnraum' }, { limit: 3 });
    expect(found.find((match) => match.entry.nummer === 'VIII-A-01')?.shared).toEqual(['Zweckentfremdung']);
  });

  it('widens a query by the profile\'s synonyms', () => {
    expect(small.similar({ titel: 'Solaranlagen auf Schulen' }, { limit: 1 })[0]?.entry.nummer).not.toBe('VIII-A-05');
    expect(small.similar({ titel: 'Solaranlagen auf Schulen' }, { limit: 1, synonyms })[0]?.entry.nummer).toBe('VIII-A-05');
    expect(small.similar({ titel: 'Mehr Plätze in der Kita' }, { limit: 1 })[0]?.shared).not.toContain('Kindertagesstätten');
    expect(small.similar({ titel: 'Mehr Plätze in der Kita' }, { limit: 1, synonyms })[0]).toMatchObject({ entry: { nummer: 'VIII-A-04' }, shared: ['Mehr', 'Plätze', 'Kindertagesstätten'] });
  });
});

describe('the similarity index kept between runs', () => {
  const synonyms = synonymGroups(DEFAULT_PROFILE, undefined);
  const lookup = (nummer: string) => register.get(nummer);
  const queries = ['Schulturnhallen sanieren', 'Mittagessen in der Kita', 'Barrierefreie Haltestellen für die Tram', 'Rohdaten als Open Data'];
  const ask = (index: SimilarIndex) => queries.map((titel) => index.query({ titel }, { limit: 5 }));

  it('answers from a snapshot, through JSON, as the index it was taken of', () => {
    const built = new SimilarIndex(parsed.entries, lookup, synonyms);
    const snapshot = JSON.parse(JSON.stringify(built.snapshot())) as unknown;
    const restored = SimilarIndex.restore(snapshot, parsed.entries, lookup, synonyms);
    expect(restored).toBeInstanceOf(SimilarIndex);
    expect(ask(restored!)).toEqual(ask(built));
  });

  it('passes over a snapshot of other synonyms, another analysis, other entries or damaged data', () => {
    const snapshot = new SimilarIndex(parsed.entries, lookup, synonyms).snapshot();
    expect(SimilarIndex.restore(snapshot, parsed.entries, lookup, undefined)).toBeUndefined();
    expect(SimilarIndex.restore({ ...snapshot, version: SNAPSHOT_VERSION + 1 }, parsed.entries, lookup, synonyms)).toBeUndefined();
    expect(SimilarIndex.restore(snapshot, parsed.entries.slice(1), lookup, synonyms)).toBeUndefined();
    // The same entries in another order: a document's id is its place, so the snapshot does not fit.
    expect(SimilarIndex.restore(snapshot, [...parsed.entries].reverse(), lookup, synonyms)).toBeUndefined();
    const titel = snapshot.fields.titel;
    const damagedField = (field: Partial<Record<keyof typeof titel, unknown>>) => ({ ...snapshot, fields: { ...snapshot.fields, titel: { ...titel, ...field } } });
    for (const damaged of [
      null,
      'x',
      {},
      { ...snapshot, fields: 'x' },
      { ...snapshot, documents: 'many' },
      { ...snapshot, terms: [1, ...snapshot.terms.slice(1)] },
      { ...snapshot, terms: [snapshot.terms[1], ...snapshot.terms.slice(1)] },
      damagedField({ postings: [...titel.postings, 1] }),
      damagedField({ postings: [1, 1e9, 1, ...titel.postings.slice(3)] }),
      damagedField({ lengths: titel.lengths.slice(1) }),
      damagedField({ frequency: titel.frequency.map(() => 'x') }),
      damagedField({ frequency: titel.frequency.map((count) => count + 1) }),
      damagedField({ lengths: titel.lengths.map(() => -1) }),
      damagedField({ average: 'x' }),
    ]) {
      expect(SimilarIndex.restore(damaged, parsed.entries, lookup, synonyms)).toBeUndefined();
    }
  });

  it('changes its version with the analysis: the terms of a sample register are those of this version', () => {
    // When this fails, the analysis changed: a kept index of the old analysis must not be read,
    // so raise SNAPSHOT_VERSION in similar.ts and write the new digest here.
    const { vocabulary, terms, fields } = new SimilarIndex(parsed.entries, lookup, synonyms).snapshot();
    // Each field's terms with how often they occur, as [term, count].
    const frequency = (field: 'titel' | 'text') => terms.flatMap((term, i) => (fields[field].frequency[i]! > 0 ? [[term, fields[field].frequency[i]!]] : []));
    const digest = createHash('sha256').update(JSON.stringify({ known: [...vocabulary.known].sort(), parts: [...vocabulary.parts].sort(), titel: frequency('titel').sort(), text: frequency('text').sort() })).digest('hex').slice(0, 16);
    expect({ version: SNAPSHOT_VERSION, digest }).toEqual(ANALYSIS);
  });

  it('is built once and kept, then read back by the next run instead of built', () => {
    let kept: unknown;
    let saves = 0;
    const keeper: SimilarIndexKeeper = { load: () => kept, save: (snapshot) => ((kept = JSON.parse(JSON.stringify(snapshot()))), saves++) };
    const first = new RegisterIndex(parsed.entries, true);
    first.keepSimilarIndex(keeper);
    const answers = queries.map((titel) => first.similar({ titel }, { limit: 5, synonyms }));
    expect(saves).toBe(1);
    const second = new RegisterIndex(parsed.entries, true);
    second.keepSimilarIndex(keeper);
    expect(queries.map((titel) => second.similar({ titel }, { limit: 5, synonyms }))).toEqual(answers);
    expect(saves).toBe(1);
    // Asked with other synonyms, it builds (and keeps) another.
    second.similar({ titel: queries[0]! }, { limit: 5 });
    expect(saves).toBe(2);
  });

  it('lives beside the OParl cache, for that sync only, and never fails a check', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-similar-'));
    const cacheFile = path.join(dir, 'oparl-register.json');
    const cache: OparlCache = { version: 2, system: 'https://example.org/oparl/system', syncedAt: '2025-05-01T10:00:00Z', papers: new Map(parsed.entries.map((entry) => [entry.nummer, entry])) } as unknown as OparlCache;
    const now = (task: () => void) => task();
    const keeper = keepBesideCache(cacheFile, cache, now, 0);
    expect(keeper.load()).toBeUndefined();
    const snapshot = new SimilarIndex(parsed.entries, lookup, synonyms).snapshot();
    keeper.save(() => snapshot);
    expect(similarIndexFile(cacheFile)).toBe(path.join(dir, 'oparl-register.similar.json'));
    expect(keeper.load()).toEqual(JSON.parse(JSON.stringify(snapshot)));
    // The next sync's cache does not take this sync's index.
    expect(keepBesideCache(cacheFile, { ...cache, syncedAt: '2025-05-02T10:00:00Z' }, now).load()).toBeUndefined();
    // A damaged file, or a device put in its place, is passed over.
    writeFileSync(similarIndexFile(cacheFile), '{"stamp": ');
    expect(keeper.load()).toBeUndefined();
    rmSync(similarIndexFile(cacheFile));
    symlinkSync('/dev/zero', similarIndexFile(cacheFile));
    expect(keeper.load()).toBeUndefined();
    // A folder that cannot be written: nothing is kept, nothing is thrown.
    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    expect(() => keepBesideCache(path.join(blocked, 'oparl-register.json'), cache, now, 0).save(() => snapshot)).not.toThrow();
    // A small cache gets no companion: its index costs next to nothing to build.
    const small = path.join(dir, 'small', 'oparl-register.json');
    keepBesideCache(small, cache, now).save(() => snapshot);
    expect(existsSync(similarIndexFile(small))).toBe(false);
  });
});

/** The analysis a kept index was made with (see the test above). */
const ANALYSIS = { version: 3, digest: 'dc72e496cf786a9b' };
