import abschnittDoppelt from './abschnitt-doppelt.js';
import abschnittFehlt from './abschnitt-fehlt.js';
import abschnittLeer from './abschnitt-leer.js';
import abschnittReihenfolge from './abschnitt-reihenfolge.js';
import abschnittUnbekannt from './abschnitt-unbekannt.js';
import aehnlichesDokument from './aehnliches-dokument.js';
import aenderungWortlaut from './aenderung-wortlaut.js';
import artUnbekannt from './art-unbekannt.js';
import bezugUnbekannt from './bezug-unbekannt.js';
import datumUngueltig from './datum-ungueltig.js';
import datumVergangen from './datum-vergangen.js';
import feldUnbekannt from './feld-unbekannt.js';
import feldWert from './feld-wert.js';
import frageOhneFragezeichen from './frage-ohne-fragezeichen.js';
import fragenListe from './fragen-liste.js';
import frontmatterSyntax from './frontmatter-syntax.js';
import fristVerpasst from './frist-verpasst.js';
import gremiumUnbekannt from './gremium-unbekannt.js';
import linkKaputt from './link-kaputt.js';
import nummerForm from './nummer-form.js';
import nummerSelbstbezug from './nummer-selbstbezug.js';
import nummerUnbekannt from './nummer-unbekannt.js';
import pflichtfeldFehlt from './pflichtfeld-fehlt.js';
import platzhalter from './platzhalter.js';
import rechtschreibung from './rechtschreibung.js';
import sitzungUnbekannt from './sitzung-unbekannt.js';
import type { Rule } from './types.js';

/**
 * Every rule, in the order findings of equal position are listed. Adding a rule means adding
 * its file, its doc page (docs/regeln/<id>.md), its fixture folder (test/regeln/<id>/) and
 * one line here; the tests check that the four agree.
 */
export const RULES: readonly Rule[] = [
  frontmatterSyntax,
  feldUnbekannt,
  artUnbekannt,
  pflichtfeldFehlt,
  feldWert,
  datumUngueltig,
  abschnittFehlt,
  abschnittLeer,
  abschnittReihenfolge,
  abschnittUnbekannt,
  abschnittDoppelt,
  platzhalter,
  fragenListe,
  frageOhneFragezeichen,
  nummerForm,
  nummerSelbstbezug,
  nummerUnbekannt,
  bezugUnbekannt,
  aehnlichesDokument,
  aenderungWortlaut,
  linkKaputt,
  datumVergangen,
  gremiumUnbekannt,
  sitzungUnbekannt,
  fristVerpasst,
  rechtschreibung,
] as readonly Rule<string>[] as readonly Rule[];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

const DOCS = 'https://github.com/ratsfeder/ratsfeder/blob/main/docs/regeln/';

export function ruleUrl(id: string): string {
  return `${DOCS}${id}.md`;
}
