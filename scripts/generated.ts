import { configSchema } from '../server/src/config/config.js';
import { RULES } from '../server/src/rules/registry.js';
import type { Locale } from '../server/src/base/locale.js';

/*
 * The tracked files that are derived from the code: the extension's settings in package.json
 * (`contributes.configuration`), their texts in package.nls.json (English) and
 * package.nls.de.json (German), and the JSON Schema of ratsfeder.yaml. `npm run generate`
 * (scripts/generate.mjs) writes them; test/generate.test.ts only compares. Everything else in
 * those files (commands, menus, walkthroughs, their texts) is written by hand and kept.
 */

/** A file's path relative to the project root and the text it must have. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

const severity = { type: 'string', enum: ['fehler', 'warnung', 'hinweis', 'aus'] };

/** The editor settings: language, OParl URL, one severity per rule. */
export function settings(): Record<string, unknown> {
  return {
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
}

const TEXTS: Record<Locale, Record<string, string>> = {
  de: {
    'ratsfeder.sprache': 'Sprache der Meldungen: `auto` ist die Sprache des Rates (Deutsch), gleich welche Sprache VS Code spricht; `en` für Englisch.',
    'ratsfeder.register.oparl':
      'System-URL der OParl-Schnittstelle des Rates, aus der „Dokumentregister aktualisieren“ die Dokumente holt. `register: oparl:` in `ratsfeder.yaml` hat Vorrang.',
    'ratsfeder.regeln': 'Schweregrad je Regel (`fehler`, `warnung`, `hinweis`, `aus`). Eine `ratsfeder.yaml` im Arbeitsbereich hat Vorrang.',
  },
  en: {
    'ratsfeder.sprache': 'Language of messages: `auto` is the council’s language (German), whatever language VS Code speaks; `en` for English.',
    'ratsfeder.register.oparl':
      'System URL of the council’s OParl interface that “Update document register” fetches documents from. `register: oparl:` in `ratsfeder.yaml` takes precedence.',
    'ratsfeder.regeln': 'Severity per rule (`fehler`, `warnung`, `hinweis`, `aus`). A `ratsfeder.yaml` in the workspace takes precedence.',
  },
};

/** The settings' texts in one language. */
export function settingTexts(locale: Locale): Record<string, string> {
  return {
    ...TEXTS[locale],
    ...Object.fromEntries(RULES.map((rule) => [`ratsfeder.regeln.${rule.id}`, `${rule.title[locale]} ([${rule.id}](https://github.com/ratsfeder/ratsfeder/blob/main/docs/regeln/${rule.id}.md))`])),
  };
}

export const NLS: Record<Locale, string> = { en: 'package.nls.json', de: 'package.nls.de.json' };

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Every generated file, from the current text of each (`read` takes a path relative to the
 * project root): the settings' texts replace their earlier versions, the texts of settings that
 * are gone go, all other keys stay.
 */
export function generatedFiles(read: (file: string) => string): GeneratedFile[] {
  const manifest = JSON.parse(read('package.json')) as { contributes: { configuration: { properties: unknown } } };
  manifest.contributes.configuration.properties = settings();
  const nls = (['en', 'de'] as const).map((locale) => {
    const generated = settingTexts(locale);
    const kept = Object.entries(JSON.parse(read(NLS[locale])) as Record<string, string>).filter(([key]) => !key.startsWith('ratsfeder.') || key in generated);
    return { path: NLS[locale], content: json({ ...Object.fromEntries(kept), ...generated }) };
  });
  return [{ path: 'package.json', content: json(manifest) }, ...nls, { path: 'schemas/ratsfeder.schema.json', content: json(configSchema()) }];
}
