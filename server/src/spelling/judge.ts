import type { Word } from './words.js';

/*
 * Whether a word is spelled right: the dictionary's word, and around it what German writing
 * and council usage add (abbreviations, gender endings, hyphenated names, compounds with the
 * council's own names, the joint "s" after -ung, -heit, …). Pure: the dictionary comes in
 * as a lookup that may not know the answer yet.
 */

/** The dictionary: `true` a word, `false` none, `undefined` not known yet (being asked). */
export type Correct = (word: string) => boolean | undefined;

/** Words that are right whatever the dictionary says: the profile's, the register's, the project's. */
export interface Vocabulary {
  has(word: string): boolean;
  /**
   * Words that stand in one document of the register only: names of a street, a village, a
   * person, written once. Right where neither the dictionary nor the council's words have a
   * word one likely slip away (`spelling/assess.ts`): a slip in one title is not taken over.
   */
  once?(word: string): boolean;
}

export type Verdict = 'ok' | 'wrong' | 'pending';

/** Endings after which a compound joins with "s" ("Satzungsbeschluss", "Ortschaftsrat"). */
const JOINT_S = /(?:ung|heit|keit|schaft|ion|tät|ling|tum|stand|amt|rat)$/u;
/**
 * Taxes are named without the joint "s" in German law ("Vergnügungsteuer",
 * "Körperschaftsteuer", "Zweitwohnungsteuer"), with it in common use: both are right.
 */
const TAX = /^(\p{L}+(?:ung|heit|keit|schaft|ion|tät|ling|tum))(steuer\p{Ll}*)$/u;
/** Endings after which a compound must join with "s": "Verwaltunggebäude" is wrong. */
const NEEDS_S = /(?:ung|heit|keit|schaft|ion|tät|ling|tum)$/u;
/** A compound's parts have at least this many letters. */
const PART = 3;
/** Nouns joined without a joint, where the dictionary does not join them itself, have at least this many letters. */
const NOUN = 4;

/** Whether `word` needs looking at at all: acronyms, mixed case and single letters are not. */
export function checkable(word: string): boolean {
  const letters = word.replace(/[-'’*:_]/gu, '');
  if (letters.length < 2) return false;
  // "HHS", "BauGB", "mbH", "LehrerInnen", "KiTa": abbreviations and styled names.
  return !/\p{Lu}/u.test(letters.slice(1));
}

/** Judges one word of the draft. */
export function judge(word: Word, correct: Correct, vocabulary: Vocabulary): Verdict {
  if (!checkable(word.text)) return 'ok';
  // "-treppen" in "Fußwege und -treppen": a noun's head, capitalised on its own.
  const verdict = word.tail
    ? any(
        () => judgeText(word.text, correct, vocabulary),
        () => judgeText(capitalize(word.text), correct, vocabulary),
      )
    : judgeText(word.text, correct, vocabulary);
  if (verdict !== 'wrong') return verdict;
  // "Augustenburgstr", "Str": "Straße" abbreviated, its full stop left out as titles often do.
  if (word.text === 'Str' || (/^\p{Lu}\p{Ll}{2,}str$/u.test(word.text) && streetName(`${word.text}aße`, correct) === 'ok')) return 'ok';
  // "Ludwigsburger Straße", "Eggensteiner Allee": the adjective of a place, before a street or place.
  // The name must end as German place names do ("-burg", "-stein", "-ingen" …): "Königsberer" stays wrong.
  if (word.next && PLACE_NOUN.test(word.next) && /^\p{Lu}\p{Ll}*[aeiouyäöü]\p{Ll}*er$/u.test(word.text) && PLACE_NAME.test(word.text.slice(0, -2))) return 'ok';
  if (!word.dot) return verdict;
  // "Abs.", "gem.", "bzw.": the dictionary has abbreviations with their full stop.
  return fromAnswer(correct(`${word.text}.`));
}

/** How German place names end ("Riesa", "Jena", "Gera" make "Riesaer", …). */
const PLACE_NAME = /\p{Ll}{2,}(?:burg|berg|stein|heim|hausen|dorf|feld|bach|au|ingen|ungen|en|stadt|furt|hafen|brück|born|brunn|tal|thal|hof|kirchen|rode|leben|see|wald|hain|bruch|itz|witz|zsch|ow|a)$/u;

/** Nouns of streets and places that the adjective of a place's name stands before. */
const PLACE_NOUN =
  /^(?:Straße|Str|Weg|Platz|Allee|Gasse|Ring|Tor|Brücke|Bahnhof|Hof|Kirche|Schule|Siedlung|See|Wald|Feld|Berg|Höhe|Markt|Hafen|Park|Tunnel|Schloss|Rathaus|Bad|Landstraße|Kreis|Land|Ortsteil|Stadtteil|Ortschaft)$/u;

function fromAnswer(answer: boolean | undefined): Verdict {
  return answer === undefined ? 'pending' : answer ? 'ok' : 'wrong';
}

/** The first of the verdicts that is not `wrong`, else `wrong`; asks lazily. */
function any(...tries: (() => Verdict)[]): Verdict {
  let pending = false;
  for (const attempt of tries) {
    const verdict = attempt();
    if (verdict === 'ok') return 'ok';
    if (verdict === 'pending') pending = true;
  }
  return pending ? 'pending' : 'wrong';
}

/** All verdicts `ok` → `ok`; any `wrong` → `wrong`; else `pending`. */
function all(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('wrong')) return 'wrong';
  return verdicts.includes('pending') ? 'pending' : 'ok';
}

export function judgeText(text: string, correct: Correct, vocabulary: Vocabulary): Verdict {
  if (known(text, vocabulary)) return 'ok';
  // "Schul-" in "Schul- und Sportamt": the dictionary knows compound beginnings with their hyphen.
  if (text.endsWith('-')) {
    const stem = text.slice(0, -1);
    return any(
      () => fromAnswer(correct(text)),
      () => judgeText(stem, correct, vocabulary),
      // "Satzungs- und Gebührenanpassung": the beginning with its joint "s".
      () => (stem.endsWith('s') && JOINT_S.test(stem.slice(0, -1)) ? judgeText(stem.slice(0, -1), correct, vocabulary) : 'wrong'),
    );
  }
  // "Lehrer*innen", "Lehrer:innen", "Lehrer_innen", "Partner*innenstädte": the feminine plural is the word to check.
  const gender = /^(.+?)[*:_](innen|in)(\p{Ll}*)$/u.exec(text);
  if (gender) return judgeText(`${gender[1]}${gender[2]}${gender[3]}`, correct, vocabulary);
  const direct = fromAnswer(correct(text));
  if (direct === 'ok') return 'ok';
  // The readings below are looked for only once the dictionary has said no: asked while its
  // answer is still to come, they would send it every part of every word of a new draft.
  if (direct === 'pending') return 'pending';
  const tax = TAX.exec(text);
  if (tax) return judgeText(`${tax[1]}s${tax[2]}`, correct, vocabulary);
  const guessed = any(
    () => (text.includes('-') || text.includes('’') || text.includes("'") ? joined(text, correct, vocabulary) : 'wrong'),
    () => zuInfinitive(text, correct),
    () => derived(text, correct),
    () => streetName(text, correct),
    () => compound(text, correct, vocabulary),
  );
  if (guessed !== 'ok') return guessed;
  // The rules above take a word the dictionary does not have for a compound or derivation of
  // words it has. A word the dictionary has one slip away is the likelier reading:
  // "Baumassnahmen" is "Baumaßnahmen", not "Baumass" and "Nahmen".
  const slip = any(
    ...[...slips(text)].map((candidate) => () => any(
      () => fromAnswer(correct(candidate)),
      // "Digitalisierungstand" is "Digitalisierungsstand", not "Digitalisierungs" and "Tand".
      () => jointS(candidate, correct),
      // "Weissdornweg" is "Weißdornweg", named after a word the dictionary has.
      () => streetName(candidate, correct, true),
    )),
    // "Karlstrasse" is "Karlstraße", not "Karls" and "Trasse".
    () => (/strasse\p{Ll}?$/u.test(text) ? streetName(text.replace(/strasse(\p{Ll}?)$/u, 'straße$1'), correct) : 'wrong'),
  );
  if (slip === 'ok') return 'wrong';
  return slip === 'pending' ? 'pending' : 'ok';
}

/**
 * The slips that give a word the dictionary has, undone: "ss" for "ß", an umlaut written "ae",
 * "oe", "ue", a letter written three times, the joint "s" after -ung, -heit, … written once
 * ("Digitalisierungstand"). Swaps and single letters left out or doubled are not among them:
 * the dictionary joins too many words for those to say anything ("Beschlussvoralgen").
 */
export function* slips(word: string): Generator<string> {
  for (let at = word.indexOf('ss'); at >= 0; at = word.indexOf('ss', at + 1)) yield `${word.slice(0, at)}ß${word.slice(at + 2)}`;
  for (const match of word.matchAll(/([aouAOU])e/gu)) yield word.slice(0, match.index) + UMLAUT[match[1]!]! + word.slice(match.index + 2);
  for (const match of word.matchAll(/(\p{L})\1\1/gu)) yield word.slice(0, match.index) + word.slice(match.index + 1);
  for (const match of word.matchAll(/(?:ung|heit|keit|schaft|ion|tät|ling|tum)s(?=[^s])/gu)) {
    const at = match.index + match[0].length;
    yield `${word.slice(0, at)}s${word.slice(at)}`;
  }
}

const UMLAUT: Readonly<Record<string, string>> = { a: 'ä', o: 'ö', u: 'ü', A: 'Ä', O: 'Ö', U: 'Ü' };

/** "fortzuschreiben", "abzuschließen": the infinitive with "zu" of a verb the dictionary has ("fortschreiben"). */
function zuInfinitive(text: string, correct: Correct): Verdict {
  const match = /^(\p{Ll}{2,}?)zu(\p{Ll}{3,}n)$/u.exec(text);
  return match ? fromAnswer(correct(`${match[1]}${match[2]}`)) : 'wrong';
}

/**
 * "Entsiegelungen", "Begrünung", "Asphaltierung": the noun in -ung that German makes of any
 * verb ("entsiegeln"), also of one the dictionary has only without "be-" ("be-grünen",
 * "be-räumen"), and the noun in -ierung of a noun ("Asphalt"), where the dictionary has the
 * verb or noun but not the derivation.
 */
function derived(text: string, correct: Correct): Verdict {
  const match = /^(\p{L}{3,}?)ung(?:en)?$/u.exec(text);
  if (!match) return 'wrong';
  const stem = match[1]!.toLowerCase();
  const prefixed = VERB_PREFIX.exec(stem);
  const noun = /^(\p{Lu}\p{Ll}{3,})ier$/u.exec(match[1]!);
  return any(
    () => fromAnswer(correct(`${stem}en`)),
    () => (/(?:el|er)$/u.test(stem) ? fromAnswer(correct(`${stem}n`)) : 'wrong'),
    () => (prefixed && prefixed[2]!.length >= PART ? fromAnswer(correct(`${prefixed[2]}en`)) : 'wrong'),
    () => (noun ? fromAnswer(correct(noun[1]!)) : 'wrong'),
  );
}

/**
 * "be-", which makes a verb of a verb or adjective ("be-grünen", "be-räumen"). Not "er-", "ver-"
 * and the like: their stem is too often an adjective's form ("Erhohung" is no "er-hohen").
 */
const VERB_PREFIX = /^(be)(\p{Ll}+)$/u;

/**
 * Streets and squares named after a person or place: the name joined to "Straße", "Weg",
 * "Platz", … in one word ("Sybelstraße", "Lameyplatz", "Ochsenweg"; the official rules write
 * a one-word name so). Any name goes; the part after it must be one of these words, so
 * "Sybelstrase" stays wrong. A name is capitalised, has a vowel and at least three letters,
 * and does not end in -ung, -heit, … (those are nouns that join with "s").
 */
const STREET =
  /^(\p{Lu}\p{Ll}*[aeiouyäöü]\p{Ll}*?)(straße|straßen|weg|wege|weges|wegs|platz|platzes|plätze|allee|alleen|gasse|gassen|ring|rings|damm|dammes|damms|ufer|ufers|pfad|pfades|pfads|steg|stegs|brücke|brücken|markt|marktes|markts)$/u;

function streetName(text: string, correct: Correct, ofWord = false): Verdict {
  const match = STREET.exec(text);
  if (!match || match[1]!.length < PART || NEEDS_S.test(match[1]!)) return 'wrong';
  const [, name, street] = match as unknown as [string, string, string];
  return every(
    () => fromAnswer(correct(capitalize(street))),
    // `ofWord`: the name is a word the dictionary has ("Weißdorn").
    () => (ofWord ? fromAnswer(correct(name)) : 'ok'),
    // "Kanalsweges" is "Kanalweges": where the dictionary joins the name without its "s", the "s" is a slip.
    () => (name.endsWith('s') && !name.endsWith('ss') ? flip(fromAnswer(correct(name.slice(0, -1) + street))) : 'ok'),
  );
}

/** `ok` where every verdict is; asks lazily, and stops at the first that is not. */
function every(...tries: (() => Verdict)[]): Verdict {
  for (const attempt of tries) {
    const verdict = attempt();
    if (verdict !== 'ok') return verdict;
  }
  return 'ok';
}

/** `ok` ↔ `wrong`. */
function flip(verdict: Verdict): Verdict {
  return verdict === 'pending' ? verdict : verdict === 'ok' ? 'wrong' : 'ok';
}

/** A word of the vocabulary, as written or with its first letter in the other case (start of a sentence, adjectives of names). */
function known(text: string, vocabulary: Vocabulary): boolean {
  if (vocabulary.has(text)) return true;
  const first = text[0] ?? '';
  const other = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
  if (vocabulary.has(other + text.slice(1))) return true;
  // "Grünauer", "Connewitzer", "Durlacher": the adjective of a place the vocabulary has.
  // "Daxlander" of "Daxlanden", "Grötzinger" of "Grötzingen", "Grünwinkler" of "Grünwinkel".
  const place = /^(\p{Lu}\p{L}{2,}?)e?r(?:in|innen|n|s)?$/u.exec(text);
  if (place === null) return false;
  const stem = place[1]!;
  return [stem, `${stem}e`, `${stem}en`, `${stem}n`, stem.endsWith('l') ? `${stem.slice(0, -1)}el` : ''].some((name) => name !== '' && vocabulary.has(name));
}

/** "Karlsruhe-Durlach", "E-Scooter", "CDU-Fraktion", "Heinz-Barth-Schule": each part on its own. */
function joined(text: string, correct: Correct, vocabulary: Vocabulary): Verdict {
  const parts = text.split(/['’-]/u).filter((part) => part.length > 0);
  // An apostrophe's "s" ("Leipzig’s") or a single letter ("E-Scooter") is no word to check.
  return all(parts.map((part) => (!checkable(part) ? 'ok' : known(part, vocabulary) ? 'ok' : compoundOrWord(part, correct, vocabulary))));
}

function compoundOrWord(part: string, correct: Correct, vocabulary: Vocabulary): Verdict {
  return any(
    () => fromAnswer(correct(part)),
    () => compound(part, correct, vocabulary),
  );
}

/**
 * A compound the dictionary does not put together itself: a name of the council's vocabulary
 * before a dictionary word ("Augustenburgstraße"), a noun joined with "s" where German requires
 * it ("Sachstandsbericht"), or two dictionary words ("Fahrerlaubnisbehörde"). Either part may
 * be a derivation the dictionary lacks ("Querungshilfe", "Fassadenbegrünung"). The head is
 * checked as a word, so "Schulsporthalensanierung" stays wrong: "Schulsporthalen" is no word.
 */
function compound(text: string, correct: Correct, vocabulary: Vocabulary): Verdict {
  if (text.length < 2 * PART + 1) return 'wrong';
  let pending = false;
  const word = (part: string) => wordOf(part, correct);
  for (let cut = PART; cut <= text.length - PART; cut++) {
    const head = capitalize(text.slice(cut));
    const left = text.slice(0, cut);
    // A name of the vocabulary that the dictionary does not have (a street, a district), as
    // written, with a vowel and four letters or more. A word of the council's titles that the
    // dictionary has ("Heizung", "Bau") joins as dictionary words do, below.
    if (cut >= NOUN && /^\p{Lu}/u.test(left) && /[aeiouyäöü]/iu.test(left) && !NEEDS_S.test(left) && vocabulary.has(left)) {
      const verdict = both(left, head, (part) => (part === left ? flipAnswer(correct(part)) : word(part)));
      if (verdict === 'ok') return 'ok';
      if (verdict === 'pending') pending = true;
    }
    // A beginning with a joint "s" that the dictionary joins to nouns ("Armuts-", as in
    // "Armutsbericht"), before a word it does not join it to ("Armutsbetroffene").
    if (left.endsWith('s') && /^\p{Lu}/u.test(text)) {
      const begins = both(`${left}bericht`, text.slice(cut), (part) => (part === text.slice(cut) ? wordOf(part, correct) : correct(part)));
      if (begins === 'ok') return 'ok';
      if (begins === 'pending') pending = true;
    }
    // A noun ending in -ung, -heit, … joined with "s".
    const joint = jointAt(text, cut, correct);
    if (joint === 'ok') return 'ok';
    if (joint === 'pending') pending = true;
    // Two nouns the dictionary does not join ("Fahrerlaubnisbehörde"), or a noun before an
    // adjective or participle ("faktenbasierte"); never without the "s" that -ung and the like need.
    // A left part in "s" whose stem is a word ("Hochwassers", "Projekts"): where the dictionary
    // joins stem and head without the "s" ("Hochwasserereignisse"), the "s" is a slip; where it
    // does not ("Nahverkehrsplan", "Akteursbeteiligung"), the "s" is the joint German needs.
    if (cut >= NOUN && text.length - cut >= NOUN && !NEEDS_S.test(left)) {
      const stem = left.endsWith('s') && !left.endsWith('ss') ? pluralOrSlip(left.slice(0, -1), text.slice(cut), correct) : 'wrong';
      if (stem === 'pending') pending = true;
      else if (stem === 'wrong') {
        const verdict = both(capitalize(left), /^\p{Lu}/u.test(text) ? head : text.slice(cut), word);
        if (verdict === 'ok') return 'ok';
        if (verdict === 'pending') pending = true;
      }
    }
  }
  return pending ? 'pending' : 'wrong';
}

/**
 * A left part's "s" that is no joint: the dictionary joins its stem and the head without it
 * ("Hochwasserereignisse"), or the stem is a noun in a vowel whose plural the "s" makes
 * ("Kitas", "Autos"), which German never joins ("Kitasozialarbeit").
 */
function pluralOrSlip(stem: string, head: string, correct: Correct): Verdict {
  if (/[aiouy]$/u.test(stem) && stem.length >= NOUN) {
    const plural = fromAnswer(correct(capitalize(stem)));
    if (plural !== 'wrong') return plural;
  }
  return both(capitalize(stem), stem + head, correct);
}

/** `text` cut after `cut` letters is a noun ending in -ung, -heit, … joined with "s" to a dictionary word. */
function jointAt(text: string, cut: number, correct: Correct): Verdict {
  const left = text.slice(0, cut);
  if (!left.endsWith('s') || !JOINT_S.test(left.slice(0, -1)) || cut - 1 < PART || text.length - cut < PART) return 'wrong';
  return both(capitalize(left.slice(0, -1)), capitalize(text.slice(cut)), (part) => wordOf(part, correct));
}

/** A compound of a noun ending in -ung, -heit, …, the joint "s" and a dictionary word, at any place. */
function jointS(text: string, correct: Correct): Verdict {
  let pending = false;
  for (let cut = PART + 1; cut <= text.length - PART; cut++) {
    const verdict = jointAt(text, cut, correct);
    if (verdict === 'ok') return 'ok';
    if (verdict === 'pending') pending = true;
  }
  return pending ? 'pending' : 'wrong';
}

/** Not a dictionary word: `true` where the dictionary says no. */
function flipAnswer(answer: boolean | undefined): boolean | undefined {
  return answer === undefined ? undefined : !answer;
}

/** A dictionary word, or a derivation of one ("Begrünung"). */
function wordOf(word: string, correct: Correct): boolean | undefined {
  const verdict = any(
    () => fromAnswer(correct(word)),
    () => derived(word, correct),
  );
  return verdict === 'pending' ? undefined : verdict === 'ok';
}

/** Both parts words: asks the second only where the first is one. */
function both(first: string, second: string, isWord: Correct): Verdict {
  const verdict = fromAnswer(isWord(first));
  return verdict === 'ok' ? fromAnswer(isWord(second)) : verdict;
}

function capitalize(text: string): string {
  return (text[0] ?? '').toUpperCase() + text.slice(1);
}
