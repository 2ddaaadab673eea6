import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { analyse } from '../server/src/analysis/analyse.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { addWord } from '../server/src/config/add-word.js';
import { saveCache } from '../server/src/node/cache-store.js';
import { RegisterStore } from '../server/src/node/register-store.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { assess, type FixMemory } from '../server/src/spelling/assess.js';
import { checkable, judge, type Vocabulary } from '../server/src/spelling/judge.js';
import { candidates } from '../server/src/spelling/suggest.js';
import { profileVocabulary, registerVocabulary, unite } from '../server/src/spelling/vocabulary.js';
import { draftWords, scanWords, type Word } from '../server/src/spelling/words.js';
import { checkText } from '../server/src/service/check.js';
import { speller, TODAY } from './helpers.js';

/*
 * The parts of spelling that need no editor: which words a draft has, how a word is judged
 * with the dictionary and the council's words, the order of suggestions, and the word added to
 * ratsfeder.yaml. The rule's own fixtures are in test/regeln/rechtschreibung/; its figures on
 * real council titles and planted slips in rechtschreibung-eval.test.ts.
 */

const words = (text: string) => {
  const out: Word[] = [];
  scanWords(text, 0, text.length, out);
  return out.map((word) => word.text);
};

const NONE: Vocabulary = { has: () => false };
const verdict = (text: string, vocabulary: Vocabulary = NONE, dot = false) => judge({ from: 0, to: text.length, text, dot }, (word) => speller.correct(word), vocabulary);

describe('the words of a draft', () => {
  it('takes prose, and leaves out numbers and what is joined to them, addresses, file names and code', () => {
    // "5-jährige", "2-Zimmer-Wohnungen", "A4-Seite": a word joined to a number is no word on its own.
    expect(words('Die A4-Seite, max@example.org, www.leipzig.de, bericht.pdf und 2-Zimmer-Wohnungen am #Markt')).toEqual(['Die', 'und', 'am']);
    expect(words('Lehrer*innen, Lehrer:innen und Schul- und Sportamt')).toEqual(['Lehrer*innen', 'Lehrer:innen', 'und', 'Schul-', 'und', 'Sportamt']);
    // A hyphen at a line's end is no compound left open.
    expect(words('Verwaltungs-\nreform')).toEqual(['Verwaltungs', 'reform']);
  });

  it('reads the title and the prose of the draft, not its keys, code, HTML, links or document numbers', () => {
    const text = [
      '---',
      'art: Antrag',
      'titel: Sichere Schulwege',
      'einreicher: Freibeuter-Fraktion',
      '---',
      '',
      '## Beschlussvorschlag',
      '',
      'Siehe VIII-A-00123 und [den Plan](https://example.org/plaan) sowie `codewort` und <!-- notiz -->.',
      '',
      '```',
      'Blockwort',
      '```',
    ].join('\n');
    expect(draftWords(analyse(text, DEFAULT_PROFILE)).map((word) => word.text)).toEqual(['Sichere', 'Schulwege', 'Beschlussvorschlag', 'Siehe', 'und', 'den', 'Plan', 'sowie', 'und']);
  });

  it('reads the wording of an amendment block', () => {
    const text = '---\nart: Änderungsantrag\ntitel: Bäume\neinreicher: Fraktion\nbezug: VIII-DS-00001\n---\n\n## Änderungen\n\n```aenderung\nstelle: Punkt 1\nalt: |\n  Die Stadt pflanzt Baeume.\nneu: |\n  Die Stadt pflanzt Bäume.\n```\n';
    expect(draftWords(analyse(text, DEFAULT_PROFILE)).map((word) => word.text)).toEqual(expect.arrayContaining(['Baeume', 'Bäume']));
    expect(draftWords(analyse(text, DEFAULT_PROFILE)).map((word) => word.text)).not.toContain('stelle');
  });
});

describe('judging a word', () => {
  it('knows compounds: a right one passes, one letter off does not', () => {
    expect(verdict('Schulsporthallensanierung')).toBe('ok');
    expect(verdict('Schulsporthalensanierung')).toBe('wrong');
    // A beginning with its joint "s" that the dictionary joins to nouns, before a word it does not join it to.
    expect(verdict('Armutsbetroffene')).toBe('ok');
    expect(verdict('Armutsbetrofene')).toBe('wrong');
  });

  it('knows the nouns in -ung of verbs with "be-" and in -ierung of nouns', () => {
    expect(verdict('Begrünung')).toBe('ok');
    expect(verdict('Beräumung')).toBe('ok');
    expect(verdict('Asphaltierung')).toBe('ok');
    expect(verdict('Budgeterhöhung')).toBe('ok');
    // "er-hohen" is no verb: the umlaut is missing.
    expect(verdict('Budgeterhohung')).toBe('wrong');
  });

  it('accepts gendered forms and the new spelling, not the old', () => {
    for (const word of ['Bürgerinnen', 'Mitarbeitende', 'Lehrer*innen', 'Lehrer:innen', 'Lehrer_innen', 'dass', 'Straße', 'Fluss']) expect(verdict(word), word).toBe('ok');
    for (const word of ['daß', 'Strasse', 'Fluß', 'Lehrer*innnen']) expect(verdict(word), word).toBe('wrong');
  });

  it('knows abbreviations with their full stop, open compounds and hyphenated names', () => {
    expect(verdict('Abs', NONE, true)).toBe('ok');
    expect(verdict('Abs', NONE, false)).toBe('wrong');
    expect(verdict('Verwaltungs-')).toBe('ok');
    expect(verdict('Karlsruhe-Mannheim')).toBe('ok');
    expect(verdict('E-Scooter', unite(new Set(['Scooter'])))).toBe('ok');
  });

  it('joins with "s" where German does, and never leaves it out after -ung', () => {
    expect(verdict('Sachstandsbericht')).toBe('ok');
    expect(verdict('Satzungsbeschluss')).toBe('ok');
    expect(verdict('Verwaltunggebäude')).toBe('wrong');
    expect(verdict('fortzuschreiben')).toBe('ok');
    expect(verdict('abzuschliesen')).toBe('wrong');
    // A plural's "s" is no joint: "Kitas", "Autos".
    expect(verdict('Kitassozialarbeit')).toBe('wrong');
    expect(verdict('Kitasozialarbeit')).toBe('ok');
  });

  it('takes the council\'s names, in compounds and as adjectives of places', () => {
    const leipzig = unite(profileVocabulary(DEFAULT_PROFILE));
    expect(verdict('Connewitz')).toBe('wrong');
    expect(verdict('Connewitz', leipzig)).toBe('ok');
    expect(verdict('Connewitzer', leipzig)).toBe('ok');
    expect(verdict('Augustenburgstraße', unite(new Set(['Augustenburg'])))).toBe('ok');
    expect(verdict('Augustenburgstrase', unite(new Set(['Augustenburg'])))).toBe('wrong');
  });

  it('takes the adjective of any place before a street or place, and "Straße" abbreviated without its dot', () => {
    const word = (text: string, next?: string) => judge({ from: 0, to: text.length, text, dot: false, ...(next ? { next } : {}) }, (w) => speller.correct(w), NONE);
    expect(word('Ludwigsburger', 'Straße')).toBe('ok');
    expect(word('Ludwigsburger', 'Antrag')).toBe('wrong');
    expect(word('Ludwigsburger')).toBe('wrong');
    // Of places in -a ("Riesa", "Jena").
    expect(word('Riesaer', 'Straße')).toBe('ok');
    expect(word('Jenaer', 'Platz')).toBe('ok');
    expect(word('Riesaer', 'Antrag')).toBe('wrong');
    expect(word('Str')).toBe('ok');
    expect(word('Augustenburgstr')).toBe('ok');
    expect(word('Augustenburgstraße')).toBe('ok');
    expect(word('Augustenburgstrase')).toBe('wrong');
    // A street named after a word: the word as the dictionary writes it, without a slipped "s".
    expect(word('Weißdornweg')).toBe('ok');
    expect(word('Weissdornweg')).toBe('wrong');
    expect(word('Kanalsweges')).toBe('wrong');
    expect(word('Karlsweg')).toBe('ok');
    expect(words('Die Ludwigsburger Straße')).toEqual(['Die', 'Ludwigsburger', 'Straße']);
  });

  it('does not look at acronyms and styled names', () => {
    for (const word of ['HHS', 'BauGB', 'mbH', 'LehrerInnen', 'x']) expect(checkable(word), word).toBe(false);
    expect(checkable('Haushalt')).toBe(true);
  });

  it('says "pending" while the dictionary has not answered', () => {
    const word = { from: 0, to: 8, text: 'Haushalt', dot: false };
    expect(judge(word, () => undefined, NONE)).toBe('pending');
    expect(judge(word, () => true, NONE)).toBe('ok');
  });
});

describe('the register\'s words', () => {
  it('are those of at least two titles, so that a slip in one is not taken over', () => {
    const vocabulary = registerVocabulary(['Sanierung der Augustenburgstraße', 'Parken in der Augustenburgstraße', 'Bericht zur Augustenbrugstraße']);
    expect(vocabulary.has('Augustenburgstraße')).toBe(true);
    expect(vocabulary.has('Augustenbrugstraße')).toBe(false);
    expect(vocabulary.once('Augustenbrugstraße')).toBe(true);
    expect(vocabulary.once('Augustenburgstraße')).toBe(false);
  });

  it('take a name of one title where no word is one likely slip away, and flag that title\'s slip', () => {
    const vocabulary = unite(registerVocabulary(['Radweg nach Gottscheina', 'Sanierng der Turnhalle', 'Bericht zu Knautkleberg', 'Spielplatz in Knautkleeberg', 'Ortsumgehung Knautkleeberg']));
    const lookup = (word: string) => assess({ from: 0, to: word.length, text: word, dot: false }, speller, vocabulary);
    // A village that no dictionary has, written once in the register.
    expect(lookup('Gottscheina').verdict).toBe('ok');
    // Written once, but one slip from a dictionary word, or from a word of two titles.
    expect(lookup('Sanierng')).toEqual({ verdict: 'wrong', fixes: expect.arrayContaining(['Sanierung']), final: true });
    expect(lookup('Knautkleberg')).toEqual({ verdict: 'wrong', fixes: ['Knautkleeberg'], final: true });
    // Not in the register: flagged as before, with no fix to offer.
    expect(lookup('Gottschoina')).toEqual({ verdict: 'wrong', fixes: [], final: true });
    // The suggestions not known yet (the language server asks in the background): wait.
    const waiting = { correct: (word: string) => speller.correct(word), suggestions: () => undefined };
    expect(assess({ from: 0, to: 11, text: 'Gottscheina', dot: false }, waiting, vocabulary).verdict).toBe('pending');
  });
});

describe('names the text marks', () => {
  const scan = (text: string) => {
    const out: Word[] = [];
    scanWords(text, 0, text.length, out);
    return out;
  };
  const named = (text: string) => scan(text).filter((word) => word.name).map((word) => word.text);
  const judged = (text: string) =>
    Object.fromEntries(scan(text).map((word) => [word.text, assess(word, speller, NONE).verdict]));

  it('are quoted runs of capitalised words and the words before a legal form', () => {
    expect(named('Baumaßnahmen am „Conne Island“ und im Park "Täschners Garten"')).toEqual(['Conne', 'Island', 'Täschners', 'Garten']);
    expect(named('Förderung des Urban Souls e.V. und der Rureifel Tourismus e. V.')).toEqual(['Urban', 'Souls', 'Rureifel', 'Tourismus']);
    expect(named('Zuschuss für »Haus der Jugend« und die Kulturfabrik gGmbH')).toEqual(['Haus', 'Jugend', 'Kulturfabrik']);
    // One quoted word, a quoted phrase of prose, and words far before "e.V." are no names.
    expect(named('Projekt „Lernkurve“ und „mehr Grün für alle“')).toEqual([]);
    expect(named('Der Verein hat einen Antrag gestellt: Sportfreunde e.V.')).toEqual(['Sportfreunde']);
    // A quotation broken over two lines: its closing mark opens nothing, the prose after it is no name.
    expect(named('Der Verein "Freunde des\nAuwalds" Kleinpösnitz Gnaschwitz "Grüne Lunge" tagt.')).toEqual(['Grüne', 'Lunge']);
    expect(named('Der Verein »Freunde des\nAuwalds« Kleinpösnitz Gnaschwitz »Grüne Lunge« tagt.')).toEqual(['Grüne', 'Lunge']);
    // "AG" of a working group in a compound is no legal form.
    expect(named('Die Kleinpösnitz AG-Sitzung')).toEqual([]);
  });

  it('stay linear in the length of a paragraph full of quotations', () => {
    const paragraph = 'Die Förderung des Vereins „Haus Garten“ wird erhöht. '.repeat(4_000);
    const words = scan(paragraph);
    expect(words.filter((word) => word.name)).toHaveLength(8_000);
    // 4,000 quotations and 32,000 words; walking all words for each quotation made this quadratic.
    const quotes = '"Ab '.repeat(25_000);
    expect(scan(quotes).filter((word) => word.name)).toHaveLength(0);
  });

  it('are not read into a title quoted for YAML', () => {
    const text = (title: string) => `---\nart: Antrag\ntitel: ${title}\neinreicher: Fraktion\n---\n\n## Beschlussvorschlag\n\nText.\n`;
    const titleWords = (title: string) => draftWords(analyse(text(title), DEFAULT_PROFILE)).map((word) => [word.text, word.name ?? false]);
    expect(titleWords('"Turnhalle in Kleinpösnitz: Sanierung"').slice(0, 3)).toEqual([['Turnhalle', false], ['in', false], ['Kleinpösnitz', false]]);
    expect(titleWords("'Turnhalle in Kleinpösnitz'").slice(0, 3)).toEqual([['Turnhalle', false], ['in', false], ['Kleinpösnitz', false]]);
    // Quotation marks of the text itself still mark a name.
    expect(titleWords('Zuschuss für das „Conne Island“').slice(3, 5)).toEqual([['Conne', true], ['Island', true]]);
  });

  it('are right as written unless a word one slip away is the likelier reading', () => {
    expect(judged('Baumaßnahmen am „Conne Island“')).toMatchObject({ Conne: 'ok', Island: 'ok' });
    expect(judged('Institutionelle Förderung des Urban Souls e.V.')).toMatchObject({ Souls: 'ok' });
    // The same words outside a name are flagged.
    expect(judged('Conne und Souls')).toMatchObject({ Conne: 'wrong', Souls: 'wrong' });
    // A slip inside a name stays a slip.
    expect(judged('Bericht der Rureifel Tourimus e. V.')).toMatchObject({ Tourimus: 'wrong' });
    expect(judged('Sanierung im „Täschners Grten“')).toMatchObject({ Grten: 'wrong' });
  });
});

describe('a word at many places', () => {
  const options = { profile: DEFAULT_PROFILE, severities: {}, locale: 'de' as const, today: TODAY, host: { spelling: speller } };
  const draft = (body: string) => `---\nart: Antrag\ntitel: Radweg\neinreicher: Fraktion\n---\n\n## Beschlussvorschlag\n\n${body}\n\n## Begründung\n\nSie ist alt.\n`;
  const found = (body: string, locale: 'de' | 'en' = 'de') =>
    checkText(draft(body), { ...options, locale })
      .findings.filter((finding) => finding.ruleId === 'rechtschreibung')
      .map((finding) => [draft(body).slice(finding.from, finding.to), finding.message] as const);

  it('is reported at its first five places, the fifth saying how often it stands beyond them', () => {
    const six = found(Array.from({ length: 6 }, (_, i) => `Kleinpösnitz ${i + 1}.`).join(' '));
    expect(six.map(([word]) => word)).toEqual(Array(5).fill('Kleinpösnitz'));
    expect(six[3]![1]).toBe('„Kleinpösnitz“ steht nicht im Wörterbuch.');
    expect(six[4]![1]).toBe('„Kleinpösnitz“ steht nicht im Wörterbuch. Das Wort steht noch einmal im Entwurf; diese Stelle wird nicht eigens gemeldet.');
    const eight = found(Array(8).fill('Kleinpösnitz.').join(' '), 'en');
    expect(eight[4]![1]).toBe('“Kleinpösnitz” is not in the dictionary. It appears 3 more times in the draft; those places are not reported individually.');
    // Five places or fewer: every one, none of them with a count.
    expect(found(Array(5).fill('Kleinpösnitz.').join(' ')).every(([, message]) => message === '„Kleinpösnitz“ steht nicht im Wörterbuch.')).toBe(true);
  });

  it('offers its best suggestion at every place in one step', () => {
    const body = 'Die Schulsporthalensanierung beginnt. Die Schulsporthalensanierung dauert. Ende der Schulsporthalensanierung.';
    const text = draft(body);
    const findings = checkText(text, options).findings.filter((finding) => finding.ruleId === 'rechtschreibung');
    expect(findings).toHaveLength(3);
    for (const finding of findings) {
      const everywhere = finding.fixes.find((fix) => fix.title.startsWith('Überall'));
      expect(everywhere?.title).toBe('Überall ändern in „Schulsporthallensanierung“ (3 Stellen)');
      // Applied from the last place back, the edits leave no slip behind.
      let fixed = text;
      for (const edit of [...everywhere!.edits].sort((a, b) => b.from - a.from)) fixed = fixed.slice(0, edit.from) + edit.text + fixed.slice(edit.to);
      expect(fixed).toBe(draft(body.replaceAll('Schulsporthalensanierung', 'Schulsporthallensanierung')));
    }
    // A word at one place has no such fix.
    const once = checkText(draft('Die Schulsporthalensanierung beginnt.'), options).findings.filter((finding) => finding.ruleId === 'rechtschreibung');
    expect(once[0]!.fixes.map((fix) => fix.title)).not.toContainEqual(expect.stringMatching(/^Überall/));
    expect(checkText(text, { ...options, locale: 'en' }).findings.find((finding) => finding.ruleId === 'rechtschreibung')!.fixes.at(-1)!.title).toBe('Change all 3 to “Schulsporthallensanierung”');
  });

  it('counts only the places the user has not silenced', () => {
    const silenced = '<!-- ratsfeder-disable rechtschreibung -->\nKleinpösnitz, Kleinpösnitz, Kleinpösnitz.\n<!-- ratsfeder-enable -->';
    const open = Array.from({ length: 4 }, () => 'Kleinpösnitz.').join(' ');
    const messages = found(`${silenced}\n\n${open}`).map(([, message]) => message);
    // The four places outside the silenced range are reported, with no place left over.
    expect(messages).toEqual(Array(4).fill('„Kleinpösnitz“ steht nicht im Wörterbuch.'));
  });
});

describe('the fixes kept between checks', () => {
  it('are made again when the suggestions change, and not kept while an answer is missing', () => {
    const word = { from: 0, to: 8, text: 'Sanierng', dot: false };
    const memory: FixMemory = new Map();
    const first = ['Sanierung'];
    const dictionary = { correct: (w: string) => speller.correct(w), suggestions: () => first };
    const made = assess(word, dictionary, NONE, memory);
    expect(made).toEqual({ verdict: 'wrong', fixes: ['Sanierung'], final: true });
    // Again with the same suggestions: the fixes kept, not made again.
    expect(assess(word, dictionary, NONE, memory).fixes).toBe(made.fixes);
    // New suggestions: made again.
    const second = ['Sanierung', 'Sonnierung'];
    const again = assess(word, { ...dictionary, suggestions: () => second }, NONE, memory);
    expect(again.fixes).toEqual(second);
    expect(again.fixes).not.toBe(made.fixes);
    // An answer still missing while they were made: not kept.
    const fresh: FixMemory = new Map();
    const missing = { correct: (w: string) => (w === 'Sanierng' ? false : undefined), suggestions: () => first };
    const unsure = assess(word, missing, NONE, fresh);
    expect(fresh.size).toBe(0);
    // Nor is the assessment final: the rule judges the word again on the next check.
    expect(unsure.final).toBe(false);
  });
});

describe('the rule from one check to the next', () => {
  it('asks the dictionary only about new words once every answer is there', () => {
    // The dictionary as the language server has it: unknown words are answered later.
    const answered = new Set<string>();
    const asked: string[] = [];
    const background = {
      correct: (word: string) => {
        asked.push(word);
        return answered.has(word) ? speller.correct(word) : (answered.add(word), undefined);
      },
      suggestions: (word: string) => {
        asked.push(word);
        return answered.has(`\u0000${word}`) ? speller.suggestions(word) : (answered.add(`\u0000${word}`), undefined);
      },
    };
    const options = { profile: DEFAULT_PROFILE, severities: {}, locale: 'de' as const, today: TODAY, host: { spelling: background } };
    const draft = (last: string) => `---\nart: Antrag\ntitel: Sanierung der Schulturnhalle\neinreicher: Fraktion\n---\n\n## Beschlussvorschlag\n\nDie Stadt sanirt die Turnhalle. ${last}\n\n## Begründung\n\nSie ist alt.\n`;
    const spellingFindings = (text: string) => checkText(text, options).findings.filter((finding) => finding.ruleId === 'rechtschreibung').map((finding) => finding.message);
    // Until the dictionary has answered everything, words are judged again on each check.
    let before: string[] = [];
    for (let round = 0; round < 6; round++) before = spellingFindings(draft('Bald.'));
    expect(before).toEqual(['„sanirt“ steht nicht im Wörterbuch. Gemeint: „saniert“?']);
    asked.length = 0;
    expect(spellingFindings(draft('Bald.'))).toEqual(before);
    expect(asked).toEqual([]);
    // A keystroke: the new word is asked about, the others are not.
    spellingFindings(draft('Baldd.'));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((word) => word.startsWith('Baldd'))).toBe(true);
  });
});

describe('the register\'s bodies', () => {
  it('give their names\' words: committees and offices from the OParl cache', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-woerter-'));
    const file = path.join(dir, 'cache.json');
    const organizations = new Map([['https://rat.example/org/1', { id: 'https://rat.example/org/1', name: 'Fachausschuss Stadtentwicklung und Bau', shortName: 'FA StaBau', kind: 'gremium' as const }], ['https://rat.example/org/2', { id: 'https://rat.example/org/2', name: 'Amt für Wohnungsbau und Stadterneuerung' }]]);
    saveCache(file, { version: 2, system: 'https://rat.example/oparl/system', syncedAt: '2026-01-01T00:00:00Z', papers: new Map(), organizations });
    const store = new RegisterStore(compileProfile(DEFAULT_PROFILE));
    store.loadCache(file);
    const vocabulary = store.lookup.vocabulary!();
    expect(vocabulary.has('Stadterneuerung')).toBe(true);
    expect(vocabulary.has('StaBau')).toBe(true);
    expect(vocabulary.has('Stadtentwicklungsamt')).toBe(false);
  });
});

describe('suggestions', () => {
  it('try the likeliest slips first: umlauts, ß, swapped and doubled letters', () => {
    const first = (word: string) => [...candidates(word)].slice(0, 12);
    expect(first('Antraege')[0]).toBe('Anträge');
    expect(first('Strasse')).toContain('Straße');
    expect(first('Rathuas')).toContain('Rathaus');
    expect(speller.suggestions('Verwaltunggebäude')[0]).toBe('Verwaltungsgebäude');
    expect(speller.suggestions('Schulsporthalensanierung')[0]).toBe('Schulsporthallensanierung');
  });
});

describe('adding a word to ratsfeder.yaml', () => {
  const added = (text: string | undefined, word: string) => {
    const result = addWord(text, word);
    if ('problem' in result) throw new Error(result.problem);
    return result.text;
  };

  it('puts it under the last word, as indented, and changes nothing else', () => {
    const text = '# Fraktion\nprofil: leipzig\nwoerter:\n    - Freibeuter   # unsere Fraktion\n    - Kastanienallee\n\nregeln:\n  nummer-unbekannt: aus\n';
    expect(added(text, 'Plaggemeyer')).toBe('# Fraktion\nprofil: leipzig\nwoerter:\n    - Freibeuter   # unsere Fraktion\n    - Kastanienallee\n    - Plaggemeyer\n\nregeln:\n  nummer-unbekannt: aus\n');
  });

  it('starts the list where there is none, keeps CR LF, and quotes what YAML would misread', () => {
    expect(added('profil: leipzig\r\n', 'Plaggemeyer')).toBe('profil: leipzig\r\nwoerter:\r\n  - Plaggemeyer\r\n');
    expect(added('profil: leipzig', 'Plaggemeyer')).toBe('profil: leipzig\nwoerter:\n  - Plaggemeyer\n');
    expect(added(undefined, 'Plaggemeyer')).toBe('woerter:\n  - Plaggemeyer\n');
    expect(added('woerter:\nprofil: leipzig\n', 'Plaggemeyer')).toBe('woerter:\n  - Plaggemeyer\nprofil: leipzig\n');
    expect(added('woerter: [Freibeuter]\n', 'Plaggemeyer')).toBe('woerter: [Freibeuter, "Plaggemeyer"]\n');
    const odd = added('woerter:\n  - Freibeuter\n', 'a: b #c');
    expect(parseDocument(odd).toJS()).toEqual({ woerter: ['Freibeuter', 'a: b #c'] });
  });

  it('leaves a file alone that has the word, is broken, or has no list there', () => {
    expect(addWord('woerter:\n  - Plaggemeyer\n', 'Plaggemeyer')).toEqual({ text: 'woerter:\n  - Plaggemeyer\n', changed: false });
    expect(addWord('woerter: [unclosed\n', 'Plaggemeyer')).toEqual({ problem: 'invalid' });
    expect(addWord('woerter: Plaggemeyer\n', 'Freibeuter')).toEqual({ problem: 'not-a-list' });
    expect(addWord('- eine Liste\n', 'Freibeuter')).toEqual({ problem: 'invalid' });
  });
});
