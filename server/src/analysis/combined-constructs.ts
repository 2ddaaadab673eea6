import { combineExtensions as combine, combineHtmlExtensions } from 'micromark-util-combine-extensions';
import type { Extension, NormalizedExtension } from 'micromark-util-types';

/*
 * micromark's `parse` combines its own constructs with the extensions (GFM, front matter) on
 * every call: about a hundred small objects and arrays, rebuilt for every Markdown text. The
 * analysis parses one piece of a draft per keystroke, and `ratsfeder check` a thousand drafts,
 * always with the same extensions, so the combination is kept. In the bundles this module
 * stands in for `micromark-util-combine-extensions` where micromark's parser imports it
 * (`scripts/combined-constructs.mjs`); what it returns is read, never changed, by micromark
 * and its extensions.
 */

let lastList: readonly Extension[] = [];
let lastCombined: NormalizedExtension | undefined;
let combinations = 0;

/** How many combinations were made in this process (for the tests). */
export function combinationsMade(): number {
  return combinations;
}

/** `combineExtensions`, the previous result again when the extensions are the same objects in the same order. */
export function combineExtensions(extensions: readonly Extension[]): NormalizedExtension {
  if (lastCombined !== undefined && extensions.length === lastList.length && extensions.every((extension, index) => extension === lastList[index])) {
    return lastCombined;
  }
  combinations++;
  lastCombined = combine(extensions as Extension[]);
  lastList = [...extensions];
  return lastCombined;
}

export { combineHtmlExtensions };
