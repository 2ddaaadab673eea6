/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a slice of a
 * long string (13 characters or more) as a view into the whole: a word of a draft kept as a
 * map key would keep that version of the draft alive, and a long editing session would keep
 * hundreds. Used where such a string outlives the text it comes from.
 */
export function detached(text: string): string {
  return ` ${text}`.slice(1);
}
