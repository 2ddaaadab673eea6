import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_DRAFT_CHARS, MAX_NESTING } from '../server/src/analysis/analyse.js';
import { LOCALES, render, type Catalogue, type MessageData } from '../server/src/base/locale.js';
import { VALIDATION_MESSAGES } from '../server/src/base/validate-messages.js';
import { FILES_PER_WORKER } from '../server/src/cli/limits.js';
import { CHECK_HELP, EXPORT_CLI_MESSAGES, texts } from '../server/src/cli/messages.js';
import { CONFIG_MESSAGES } from '../server/src/config/messages.js';
import { EXPORT_COMMAND_MESSAGES, EXPORT_MESSAGES, EXPORT_WARNINGS } from '../server/src/node/export-messages.js';
import { SYNC_MESSAGES, SYNC_REPORT_MESSAGES } from '../server/src/node/sync-messages.js';
import { DOCUMENT_TEXT_MESSAGES } from '../server/src/node/document-text-messages.js';
import { REGISTER_FILE_MESSAGES } from '../server/src/register/files.js';
import { NUMBER_FORMAT_MESSAGES, NUMBER_PATTERN_MESSAGES } from '../server/src/profile/messages.js';
import { parseNumberPattern } from '../server/src/profile/number-pattern.js';
import { AMENDMENT_MESSAGES, COMPLETION_MESSAGES, NOTICES, REFERENCE_MESSAGES, SIMILAR_MESSAGES, SITZUNG_MESSAGES } from '../server/src/service/messages.js';

/** The catalogues of the export, the configuration and profile checks and the editor features. */
const CATALOGUES: Readonly<Record<string, Catalogue<string>>> = {
  export: EXPORT_MESSAGES,
  exportCommand: EXPORT_COMMAND_MESSAGES,
  exportWarnings: EXPORT_WARNINGS,
  exportCli: EXPORT_CLI_MESSAGES,
  validation: VALIDATION_MESSAGES,
  numberPattern: NUMBER_PATTERN_MESSAGES,
  numberFormat: NUMBER_FORMAT_MESSAGES,
  config: CONFIG_MESSAGES,
  notices: NOTICES,
  completion: COMPLETION_MESSAGES,
  sitzung: SITZUNG_MESSAGES,
  amendment: AMENDMENT_MESSAGES,
  similar: SIMILAR_MESSAGES,
  reference: REFERENCE_MESSAGES,
  documentText: DOCUMENT_TEXT_MESSAGES,
  registerFile: REGISTER_FILE_MESSAGES,
};

/** Every value any of these messages reads, so that a message that reads one more shows 'undefined'. */
const SAMPLE: MessageData = {
  draft: '/ablage/antrag.md',
  gremium: 'Ratsversammlung',
  sitzung: '2025-06-18',
  file: '/ablage/briefkopf.docx',
  target: '/ablage/antrag.docx',
  docx: '/ablage/antrag.docx',
  seconds: 120,
  dir: '/ablage',
  code: 'EACCES',
  detail: 'permission denied',
  count: 2,
  written: '](',
  construct: 'link-end',
  problem: 'draft',
  known: '{{titel}}, {{inhalt}}',
  unreadable: '',
  unknown: 'unterschrift\nanlage',
  missing: 'profil',
  locked: 0,
  path: 'fristen.antrag',
  name: 'antrg',
  guess: '',
  value: '{n',
  allowed: 'de, en',
  type: 'object',
  kind: 'unknown-placeholder',
  placeholder: '{x}',
  character: 3,
  column: 12,
  limit: 4194304,
  template: 0,
  codepoint: 'U+FFFE',
  builtin: 'leipzig, karlsruhe',
  line: 4,
  message: 'unbekannter Schlüssel „x“',
  aliases: 'Begründung, Erläuterung',
  day: 3,
  date: '2025-06-01',
  missed: 1,
  percent: 42,
  terms: 'Zweckentfremdung, Wohnraum',
  stelle: 'Punkt 2',
  nummer: 'VIII-DS-01234',
  url: 'https://ratsinformation.leipzig.de/files/1234.pdf',
  reason: 'http',
  status: 404,
  names: 'Betreff, Datum',
  errors: 1,
  warnings: 2,
  entry: 2,
};

/** Further data for messages that say different things for different data: each branch once. */
const VARIANTS: Readonly<Record<string, readonly MessageData[]>> = {
  export: [
    ...['draft', 'no-folder', 'not-a-folder', 'is-a-folder', 'not-a-file'].map((problem) => ({ ...SAMPLE, problem })),
    { ...SAMPLE, problem: 'read', code: '' },
    { ...SAMPLE, problem: 'unusable', missing: 1 },
    { ...SAMPLE, problem: 'unusable', unknown: '', missing: 1 },
    { ...SAMPLE, problem: 'unusable', unreadable: 'end of central directory not found' },
    { ...SAMPLE, locked: 1, count: 1, code: 'EBUSY' },
    { ...SAMPLE, template: 1 },
    { ...SAMPLE, reason: 'changed', editor: 1 },
  ],
  exportCli: [{ ...SAMPLE, errors: 0, warnings: 1 }],
  notices: ['link-end', 'emphasis', 'code', 'html'].map((construct) => ({ ...SAMPLE, construct, written: '*', count: 40_000 })),
  validation: [{ ...SAMPLE, path: '', guess: 'antrag' }, { ...SAMPLE, known: '', type: 'boolean' }],
  numberFormat: Object.keys(NUMBER_PATTERN_MESSAGES.de).map((kind) => ({ ...SAMPLE, kind })),
  config: [{ ...SAMPLE, known: 'Antrag' }],
  sitzung: [0, 1, 2, 4, 5, 6].map((day) => ({ ...SAMPLE, day, missed: day % 2 })),
  similar: [{ ...SAMPLE, date: '2025-06-01T10:00:00+02:00' }, { ...SAMPLE, date: 'unbekannt' }],
  exportWarnings: [{ ...SAMPLE, count: 1 }],
  // A CSV row's problem names its line and column beside the text, not an entry.
  registerFile: [Object.fromEntries(Object.entries(SAMPLE).filter(([key]) => key !== 'entry'))],
  documentText: ['network', 'timeout', 'too-large', 'redirect', 'url', 'failed'].map((reason) => ({ ...SAMPLE, reason })),
};

describe('message catalogues', () => {
  it.each(Object.entries(CATALOGUES))('%s has the same keys in every language', (_name, catalogue) => {
    const keys = Object.keys(catalogue.de).sort();
    expect(keys.length).toBeGreaterThan(0);
    for (const locale of LOCALES) expect(Object.keys(catalogue[locale]).sort()).toEqual(keys);
  });

  it.each(Object.entries(CATALOGUES))('%s renders every message with sample data', (name, catalogue) => {
    for (const locale of LOCALES) {
      for (const key of Object.keys(catalogue.de)) {
        for (const data of [SAMPLE, ...(VARIANTS[name] ?? [])]) {
          const text = render(catalogue, locale, key, data);
          expect(text, `${name}.${locale}.${key}`).not.toBe('');
          expect(text, `${name}.${locale}.${key}`).not.toMatch(/undefined|NaN|\[object /);
        }
      }
    }
  });

  it('words the placeholders of a letterhead in the order they were found', () => {
    const data = { ...SAMPLE, problem: 'unusable', missing: 1 };
    expect(render(EXPORT_MESSAGES, 'de', 'template', data)).toContain(
      'unbekannter Platzhalter {{unterschrift}}; unbekannter Platzhalter {{anlage}}; der Platzhalter {{inhalt}} fehlt',
    );
    expect(render(EXPORT_MESSAGES, 'en', 'template', { ...data, unknown: '' })).toContain('cannot be used: the placeholder {{inhalt}} is missing;');
  });

  it('words every error of a number pattern', () => {
    for (const pattern of ['{x}', '{n', '{yy:2}', ']', '[]', '}', '[{n}', 'abc']) {
      const { error } = parseNumberPattern(pattern);
      expect(error, pattern).toBeDefined();
      for (const locale of LOCALES) {
        const text = render(NUMBER_FORMAT_MESSAGES, locale, 'pattern', { ...error!.data, kind: error!.kind, value: pattern, character: error!.at + 1 });
        expect(text).toContain(pattern);
        expect(text).not.toMatch(/undefined/);
      }
    }
  });
});

describe('limits in messages', () => {
  afterEach(() => {
    vi.doUnmock('../server/src/analysis/analyse.js');
    vi.resetModules();
  });

  it('state the limits the analysis and the CLI act on', () => {
    const megabytes = MAX_DRAFT_CHARS / 1_000_000;
    for (const locale of LOCALES) {
      const skipped = texts(locale).skipped;
      expect(skipped['too-large']).toContain(`${megabytes.toLocaleString(locale)} MB`);
      expect(skipped['too-deep']).toContain(` ${MAX_NESTING} `);
      expect(render(NOTICES, locale, 'too-large')).toContain(`${megabytes.toLocaleString(locale)} MB`);
      expect(render(NOTICES, locale, 'too-deep')).toContain(` ${MAX_NESTING} `);
      expect(CHECK_HELP[locale]).toContain(`${FILES_PER_WORKER} `);
    }
  });

  it('take them from the constants, not from copies', async () => {
    vi.resetModules();
    vi.doMock('../server/src/analysis/limits.js', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_DRAFT_CHARS: 2_500_000, MAX_NESTING: 64 }));
    const cli = await import('../server/src/cli/messages.js');
    const service = await import('../server/src/service/messages.js');
    const locale = await import('../server/src/base/locale.js');
    expect(cli.texts('de').skipped['too-large']).toContain('Grenze 2,5 MB');
    expect(cli.texts('en').skipped['too-large']).toContain('limit 2.5 MB');
    expect(cli.texts('de').skipped['too-deep']).toContain('mehr als 64 Ebenen');
    expect(cli.texts('en').skipped['too-deep']).toContain('more than 64 levels');
    expect(locale.render(service.NOTICES, 'de', 'too-large')).toContain('bis 2,5 MB');
    expect(locale.render(service.NOTICES, 'en', 'too-deep')).toContain('more than 64 levels');
  });
});

/**
 * The catalogues of the OParl sync and its report, shown with data that has a value for every
 * key (the sync's messages take many different values).
 */
const SYNC_CATALOGUES: Record<string, Catalogue<string>> = {
  sync: SYNC_MESSAGES,
  syncReport: SYNC_REPORT_MESSAGES,
};

/** Data with a value for every key a message asks for: a number-like string, so counts, sizes and texts all render. */
const ANY: MessageData = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? '2' : undefined), has: () => true });

describe.each(Object.entries(SYNC_CATALOGUES))('message catalogue %s', (_name, catalogue) => {
  it('has the same keys in every language', () => {
    const [first, ...others] = LOCALES;
    const keys = Object.keys(catalogue[first!]).sort();
    expect(keys.length).toBeGreaterThan(0);
    for (const locale of others) expect(Object.keys(catalogue[locale]).sort(), locale).toEqual(keys);
  });

  it('renders every message in every language', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(catalogue[locale])) {
        const text = message(ANY);
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(text, `${locale} ${key}`).not.toMatch(/undefined|NaN|\[object /);
      }
    }
  });
});
