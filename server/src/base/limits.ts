/*
 * How much of the data users and servers hand Ratsfeder it takes in, in one place: what a file
 * read from disk may weigh, how many documents a register file may list, and what one OParl sync
 * may receive in all. Each limit is far above what a real council produces and far below what
 * would exhaust a machine's memory; SECURITY.md (3a and 4) lists them with their reasons, and the
 * messages that name a limit take it from here.
 */

/** The largest draft read from disk, in bytes: well above `MAX_DRAFT_CHARS`, which the analysis refuses with its own message. */
export const MAX_DRAFT_BYTES = 4 * 1024 * 1024;
/** The largest `ratsfeder.yaml` or profile read, in bytes (the schema's check refuses over a million characters). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** The largest register file (`*.register.csv`, `*.register.json`) read, in bytes. */
export const MAX_REGISTER_FILE_BYTES = 64 * 1024 * 1024;
/**
 * The most documents one register file may list (CSV rows after the header, JSON entries):
 * Leipzig, the largest council of the built-in profiles, has some 100,000 papers in all its
 * periods. A file with more is not read, so that a 2-million-row export neither takes minutes
 * nor gigabytes.
 */
export const MAX_REGISTER_FILE_ENTRIES = 500_000;
/** The largest OParl cache or checkpoint read, in bytes: a large city's cache is some tens of megabytes, and a string holds at most about 512 million characters. */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;
/** The largest letterhead template read, in bytes. */
export const MAX_TEMPLATE_BYTES = 32 * 1024 * 1024;

/** One OParl answer (a list page, a file), in bytes after decompression. */
export const MAX_SYNC_RESPONSE_BYTES = 20 * 1024 * 1024;
/** List pages one sync reads (body lists and the other lists together). */
export const MAX_SYNC_PAGES = 20_000;
/**
 * Objects (papers, meetings, organizations, deleted ones included) one sync receives in all,
 * a resumed sync counting those before its checkpoint: Leipzig has some 100,000 papers and a
 * few tens of thousands of meetings.
 */
export const MAX_SYNC_OBJECTS = 500_000;
/**
 * Bytes one sync receives in all, after decompression, a resumed sync counting those before its
 * checkpoint. Karlsruhe's 14,004 papers and 2,609 meetings are 49 MB of JSON as sent (2.4 KB a
 * paper, 5.8 KB a meeting with its agenda); at that rate Leipzig's 100,000 papers with their
 * meetings are some 350 MB.
 */
export const MAX_SYNC_BYTES = 1024 * 1024 * 1024;
/**
 * What one sync keeps in memory, at most: the papers', meetings' and organizations' texts and
 * addresses with a little for each value, as `keptSize` counts them (about their bytes in memory).
 * Karlsruhe's 13,736 papers count 20.6 million (1,500 a paper; the cache file is 4.7 MB), so
 * Leipzig's 100,000 papers with their meetings some 160 million.
 */
export const MAX_SYNC_KEPT = 512 * 1024 * 1024;
