/** The languages every text a user reads is written in. */
export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

/** The values a message is filled with. */
export type MessageData = Readonly<Record<string, string | number>>;
/** One language's messages, by key. */
export type Messages<M extends string> = Readonly<Record<M, (data: MessageData) => string>>;
/** A message catalogue: the same keys in every language. */
export type Catalogue<M extends string> = Readonly<Record<Locale, Messages<M>>>;
