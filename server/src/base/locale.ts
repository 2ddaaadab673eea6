/** The languages every text a user reads is written in. */
export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

/** The values a message is filled with. */
export type MessageData = Readonly<Record<string, string | number>>;
/** One language's messages, by key. */
export type Messages<M extends string> = Readonly<Record<M, (data: MessageData) => string>>;
/** A message catalogue: the same keys in every language. */
export type Catalogue<M extends string> = Readonly<Record<Locale, Messages<M>>>;

/** A catalogue as it is written: the compiler holds both languages to the same keys. */
export function defineCatalogue<M extends string>(catalogue: Catalogue<M>): Catalogue<M> {
  return catalogue;
}

/** One message of a catalogue, in a language, filled with its data. */
export function render<M extends string>(catalogue: Catalogue<M>, locale: Locale, key: M, data: MessageData = {}): string {
  return catalogue[locale][key](data);
}

/**
 * What went wrong, as data: a kind (a key of the catalogue that words it) and the values the
 * message is filled with. Outcomes and errors carry one; the edge that shows it renders it in the
 * user's language, as the engine does with a finding.
 */
export interface Failure<K extends string = string> {
  readonly kind: K;
  readonly data: MessageData;
}
