import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { RULES } from '../server/src/rules/registry.js';
import type { Locale } from '../server/src/base/locale.js';
import { ROOT } from './helpers.js';

/*
 * The extension manifest. Its settings are derived from the rule registry; every text in it
 * is a `%key%` into package.nls.json (English) and package.nls.de.json (German). The settings
 * and their texts are generated: `UPDATE_GOLDEN=1 npm test` rewrites them (and only them);
 * CI fails when they drift. Commands, menus, walkthroughs and capabilities are written by
 * hand; the tests below keep them consistent.
 */
const severity = { type: 'string', enum: ['fehler', 'warnung', 'hinweis', 'aus'] };

function expected() {
  const properties = {
    'ratsfeder.sprache': {
      type: 'string',
      enum: ['auto', 'de', 'en'],
      default: 'auto',
      markdownDescription: '%ratsfeder.sprache%',
      scope: 'resource',
    },
    'ratsfeder.register.oparl': {
      type: 'string',
      default: '',
      pattern: '^(https?://.*)?$',
      markdownDescription: '%ratsfeder.register.oparl%',
      scope: 'resource',
    },
    'ratsfeder.regeln': {
      type: 'object',
      default: {},
      markdownDescription: '%ratsfeder.regeln%',
      scope: 'resource',
      additionalProperties: false,
      properties: Object.fromEntries(RULES.map((rule) => [rule.id, { ...severity, markdownDescription: `%ratsfeder.regeln.${rule.id}%` }])),
    },
  };
  const texts = (locale: Locale) => ({
    'ratsfeder.sprache': locale === 'de' ? 'Sprache der Meldungen: `auto` folgt der Sprache von VS Code.' : 'Language of messages: `auto` follows the VS Code display language.',
    'ratsfeder.register.oparl':
      locale === 'de'
        ? 'System-URL der OParl-Schnittstelle des Rates, aus der „Dokumentregister aktualisieren“ die Dokumente holt. `register: oparl:` in `ratsfeder.yaml` hat Vorrang.'
        : 'System URL of the council’s OParl interface that “Update document register” fetches documents from. `register: oparl:` in `ratsfeder.yaml` takes precedence.',
    'ratsfeder.regeln':
      locale === 'de'
        ? 'Schweregrad je Regel (`fehler`, `warnung`, `hinweis`, `aus`). Eine `ratsfeder.yaml` im Arbeitsbereich hat Vorrang.'
        : 'Severity per rule (`fehler`, `warnung`, `hinweis`, `aus`). A `ratsfeder.yaml` in the workspace takes precedence.',
    ...Object.fromEntries(RULES.map((rule) => [`ratsfeder.regeln.${rule.id}`, `${rule.title[locale]} ([${rule.id}](https://github.com/ratsfeder/ratsfeder/blob/main/docs/regeln/${rule.id}.md))`])),
  });
  return { properties, en: texts('en'), de: texts('de') };
}

type Texts = Record<string, string>;
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
const NLS = { en: 'package.nls.json', de: 'package.nls.de.json' } as const;

/** The generated texts replace their earlier versions; stale settings' texts go, all other keys stay. */
function merge(texts: Texts, generated: Texts): Texts {
  return { ...Object.fromEntries(Object.entries(texts).filter(([key]) => !key.startsWith('ratsfeder.') || key in generated)), ...generated };
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('extension manifest', () => {
  it('contributes one setting per rule, described in German and English', () => {
    const manifestFile = path.join(ROOT, 'package.json');
    const want = expected();
    if (process.env.UPDATE_GOLDEN) {
      const manifest = read('package.json') as { contributes: { configuration: { properties: unknown } } };
      manifest.contributes.configuration.properties = want.properties;
      writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
      for (const locale of ['en', 'de'] as const) {
        writeFileSync(path.join(ROOT, NLS[locale]), `${JSON.stringify(merge(read(NLS[locale]) as Texts, want[locale]), null, 2)}\n`);
      }
    }
    const manifest = read('package.json') as { contributes: { configuration: { properties: unknown } } };
    expect(manifest.contributes.configuration.properties).toEqual(want.properties);
    for (const locale of ['en', 'de'] as const) {
      const texts = read(NLS[locale]) as Texts;
      expect(texts).toMatchObject(want[locale]);
      // No text of a setting that is gone.
      expect(Object.keys(texts).filter((key) => key.startsWith('ratsfeder.') && !(key in want[locale]))).toEqual([]);
    }
  });

  /** Read in each test, after the first one may have rewritten the files. */
  const load = () => {
    const manifest = read('package.json') as {
      activationEvents: string[];
      contributes: {
        commands: { command: string; category?: string }[];
        menus: Record<string, { command?: string; alt?: string }[]>;
        snippets: { path: string }[];
        walkthroughs: { steps: { description: string; media: Record<string, unknown>; completionEvents?: string[] }[] }[];
      };
    };
    const texts = { en: read(NLS.en) as Texts, de: read(NLS.de) as Texts };
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
    const references = strings(manifest).flatMap((value) => /^%(.+)%$/.exec(value)?.[1] ?? []);
    /** A manifest string with its `%key%` resolved in both languages. */
    const resolved = (value: string): string[] => {
      const key = /^%(.+)%$/.exec(value)?.[1];
      return key === undefined ? [value] : [texts.en[key] ?? '', texts.de[key] ?? ''];
    };
    return { manifest, texts, steps, references, resolved };
  };

  it('has every referenced text in English and German, and no other', () => {
    const { texts, references } = load();
    expect(references.length).toBeGreaterThan(0);
    for (const locale of ['en', 'de'] as const) {
      expect(references.filter((key) => !texts[locale][key]?.trim()), NLS[locale]).toEqual([]);
    }
    expect(Object.keys(texts.de).sort()).toEqual(Object.keys(texts.en).sort());
    expect(Object.keys(texts.en).filter((key) => !references.includes(key))).toEqual([]);
  });

  it('names only commands it contributes or that VS Code has', () => {
    const { manifest, steps, resolved } = load();
    const commands = manifest.contributes.commands;
    const ids = new Set(commands.map((command) => command.command));
    const pages = steps.flatMap((step) => (typeof step.media.markdown === 'string' ? [path.join(ROOT, step.media.markdown)] : []));
    const media = pages.filter((page) => existsSync(page)).map((page) => readFileSync(page, 'utf8'));
    const events = [...manifest.activationEvents, ...steps.flatMap((step) => step.completionEvents ?? [])];
    const named = [
      ...Object.values(manifest.contributes.menus).flatMap((items) => items.flatMap((item) => [item.command, item.alt].filter((id) => id !== undefined))),
      ...[...steps.flatMap((step) => resolved(step.description)), ...media].flatMap((text) => [...text.matchAll(/\(command:([\w.-]+)/g)].map((match) => match[1]!)),
      ...events.flatMap((event) => /^onCommand:(.+)$/.exec(event)?.[1] ?? []),
    ];
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !ids.has(id) && !id.startsWith('workbench.'))).toEqual([]);
    expect(commands.filter((command) => command.category !== 'Ratsfeder')).toEqual([]);
  });

  it('names only files that exist', () => {
    const { manifest, steps } = load();
    // `image` may be one path or one per theme; `altText` is the only text.
    const files = [
      ...steps.flatMap((step) => Object.entries(step.media).flatMap(([kind, value]) => (kind === 'altText' ? [] : strings(value)))),
      ...manifest.contributes.snippets.map((snippet) => snippet.path),
    ];
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
  });

  it('packages only files that exist', () => {
    const included = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .flatMap((line) => (line.startsWith('!') ? [line.slice(1).trim()] : []));
    expect(included.length).toBeGreaterThan(0);
    expect(included.filter((pattern) => globSync(pattern, { cwd: ROOT, dot: true, onlyFiles: true }).length === 0)).toEqual([]);
  });
});
