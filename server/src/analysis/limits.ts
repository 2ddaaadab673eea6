/*
 * The sizes beyond which a text is not analysed, in a module of their own: the CLI's and the
 * editor's messages state them, and importing them must not load the parser.
 */

/**
 * Drafts are a few pages long. Anything beyond this is not a draft someone writes by hand,
 * and parsing it would block the editor for seconds.
 */
export const MAX_DRAFT_CHARS = 1_000_000;

/**
 * Container nesting (block quotes, lists) beyond which a text is not parsed: micromark's time
 * grows much faster than linearly with depth (400 levels: seconds), and no draft nests lists
 * more than a handful of levels deep.
 */
export const MAX_NESTING = 50;
