// Compiled once: as literals inside the function, the bundle rebuilt them on every call.
const MARKS = /\p{M}/gu;
const SHARP_S = /ß/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case, accents and umlauts folded, ß as ss: "Städtische" and "stadtische" meet. */
export function fold(text: string): string {
  // Most words are plain ASCII: nothing to decompose or fold but the case.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').replace(SHARP_S, 'ss').toLowerCase();
}
