/*
 * Numbers of the CLI that its help states too, in one place for both: `check.ts` acts on them,
 * `messages.ts` says them (it cannot import `check.ts`, which imports it).
 */

/** Below this many files, starting worker threads costs more than it saves. */
export const FILES_PER_WORKER = 150;
