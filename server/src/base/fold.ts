// Compiled once: as literals inside the function, the bundle rebuilt them on every call.
const MARKS = /\p{M}/gu;
const SHARP_S = /ß/g;

/** Lower case, accents and umlauts folded, ß as ss: "Städtische" and "stadtische" meet. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').replace(SHARP_S, 'ss').toLowerCase();
}
