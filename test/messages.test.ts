import { describe, expect, it } from 'vitest';
import { LOCALES, type Catalogue, type MessageData } from '../server/src/base/locale.js';
import { SYNC_MESSAGES, SYNC_REPORT_MESSAGES } from '../server/src/node/sync-messages.js';

/**
 * Every message catalogue outside the rules (whose catalogues `defineRule` holds to the same
 * keys): add a new one here.
 */
const CATALOGUES: Record<string, Catalogue<string>> = {
  sync: SYNC_MESSAGES,
  syncReport: SYNC_REPORT_MESSAGES,
};

/** Data with a value for every key a message asks for: a number-like string, so counts, sizes and texts all render. */
const SAMPLE: MessageData = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? '2' : undefined), has: () => true });

describe.each(Object.entries(CATALOGUES))('message catalogue %s', (_name, catalogue) => {
  it('has the same keys in every language', () => {
    const [first, ...others] = LOCALES;
    const keys = Object.keys(catalogue[first!]).sort();
    expect(keys.length).toBeGreaterThan(0);
    for (const locale of others) expect(Object.keys(catalogue[locale]).sort(), locale).toEqual(keys);
  });

  it('renders every message in every language', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(catalogue[locale])) {
        const text = message(SAMPLE);
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(text, `${locale} ${key}`).not.toMatch(/undefined|NaN|\[object /);
      }
    }
  });
});
