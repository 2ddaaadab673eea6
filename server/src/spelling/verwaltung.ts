/**
 * Words of German administration that the igerman98 dictionary lacks, as lines of a Hunspell
 * dictionary with igerman98's own flags (`P`: plural -en, `N`: plural -n, `F`: feminine forms,
 * `S`: genitive -s, `A`: adjective endings, `m`, `h`, `i`, `j`: forms inside compounds). The
 * engine reads them after the dictionary, so that inflected forms and compounds come out as
 * for the dictionary's words ("Querungen", "Querungshilfe", "kleinräumige", "Einreicherin").
 * Only base words belong here; compounds of known words the engine and `judge.ts` put together.
 */
export const ADMINISTRATIVE_WORDS: readonly string[] = [
  'Querung/Pm',
  'Querungs/hij',
  'Kofinanzierung/Pm',
  'Kofinanzierungs/hij',
  'Planfeststellung/Pm',
  'Planfeststellungs/hij',
  'Entsiegelung/Pm',
  'Entsiegelungs/hij',
  'Synopse/Nm',
  'kleinräumig/A',
  'überplanmäßig/A',
  'grundhaft/A',
  'Zuwegung/Pm',
  'Zuwegungs/hij',
  'Einreicher/FNSm',
  'Hebesatz/Tmij',
  'Hebesätze/NMm',
];
